/**
 * The event node in "every camera" mode: one event stream per camera in its
 * set (each camera's socket shared with its other event nodes, as ever), one
 * message per event naming the camera (msg.camera, msg.topic
 * thermometry/<camera>/area-alarm/<id>), and a summary status: cameras
 * connected and alarms active. A camera deployed, redeployed or removed is
 * picked up (shared/plant.ts).
 */
import { EventStream, type EventStreamOptions, type StreamStatus, type ThermometryEvent } from '../../client/events';
import type { CameraConfigNode } from '../shared/camera-api';
import { followCameras, PlantStatus, plantTopic } from '../shared/plant';
import type { Node, NodeAPI, NodeDef, NodeMessage } from '../shared/red';
import { toMessage } from './settings';
import { plainReason } from '../shared/errors';

/** The stream settings every camera's stream shares (the form's events, ids, mode, interval). */
export type StreamSettings = Omit<EventStreamOptions, 'client' | 'onEvent' | 'onStatus'>;

/** Events whose active state counts as an alarm in the summary. */
const ALARM_EVENTS = new Set(['area-alarm', 'group-deviation']);

interface Followed {
  camera: CameraConfigNode;
  stream?: EventStream;
  state: StreamStatus['state'];
  /** Topics of the alarms active now (area-alarm/<id>, group-deviation/<id>). */
  active: Set<string>;
  lastError?: string;
}

/** msg.topic of a plant message: the event's own topic (thermometry/area-alarm/3) with the camera after "thermometry/". */
export function plantEventTopic(camera: CameraConfigNode, ev: ThermometryEvent): string {
  return plantTopic(camera, ev.topic.replace(/^thermometry\//, ''));
}

export class PlantEvents {
  private readonly followed = new Map<string, Followed>();
  private readonly status: PlantStatus;
  private readonly stopFollowing: () => void;
  private closed = false;

  constructor(
    private readonly RED: NodeAPI,
    private readonly node: Node,
    def: NodeDef,
    private readonly settings: StreamSettings,
    /** Why a camera cannot be followed (no client, no credentials), or undefined. */
    private readonly unusable: (camera: CameraConfigNode) => string | undefined,
  ) {
    this.status = new PlantStatus(RED, node);
    this.stopFollowing = followCameras(RED, def, (cameras) => this.sync(cameras));
  }

  private sync(cameras: CameraConfigNode[]): void {
    if (this.closed) return;
    for (const [id, f] of this.followed) {
      if (!cameras.includes(f.camera)) {
        this.drop(f);
        this.followed.delete(id);
      }
    }
    for (const camera of cameras) {
      if (this.followed.has(camera.id)) continue;
      const f: Followed = { camera, state: 'connecting', active: new Set() };
      this.followed.set(camera.id, f);
      camera.register(this.node);
      const reason = this.unusable(camera);
      if (reason) {
        f.state = 'error';
        this.report(f, reason);
        continue;
      }
      f.stream = new EventStream({
        ...this.settings,
        client: camera.client!,
        onEvent: (ev) => this.onEvent(f, ev),
        onStatus: (st) => this.onStatus(f, st),
      });
    }
    this.showSummary();
  }

  private onEvent(f: Followed, ev: ThermometryEvent): void {
    if (this.closed || this.followed.get(f.camera.id) !== f) return;
    if (ALARM_EVENTS.has(ev.event)) {
      const key = ev.topic;
      if (ev.payload.active === true) f.active.add(key);
      else if (ev.payload.active === false) f.active.delete(key);
      this.showSummary();
    }
    try {
      const msg: NodeMessage = toMessage(ev, f.camera.camera, f.camera.label);
      msg.topic = plantEventTopic(f.camera, ev);
      msg.camera = f.camera.label;
      this.node.send(msg);
    } catch (err) {
      this.node.error(err);
    }
  }

  private onStatus(f: Followed, st: StreamStatus): void {
    if (this.closed || this.followed.get(f.camera.id) !== f) return;
    f.state = st.state;
    if (st.state === 'connected' || st.state === 'polling') f.lastError = undefined;
    // A camera lost is told to the Catch node (once per reason until it is back), naming the camera.
    else if ((st.state === 'error' || st.state === 'reconnecting') && st.failure) {
      const { reason, status, code, cause } = st.failure;
      // The same words as every node's status (the shared catalogue's thermometry.failure.*).
      this.report(f, plainReason({ kind: 'network', reason, camera: f.camera.camera, status, code, cause }, this.RED));
    }
    this.showSummary();
  }

  /** A camera's failure to the Catch node, once per camera and reason, the msg naming the camera. */
  private report(f: Followed, reason: string): void {
    if (reason === f.lastError) return;
    f.lastError = reason;
    const msg: NodeMessage = { camera: f.camera.label, topic: plantTopic(f.camera, 'error'), payload: reason };
    this.node.error(`${f.camera.label}: ${reason}`, msg);
  }

  private showSummary(): void {
    if (this.closed) return;
    let connected = 0;
    let alarms = 0;
    for (const f of this.followed.values()) {
      if (f.state === 'connected' || f.state === 'polling') connected++;
      alarms += f.active.size;
    }
    this.status.show(connected, this.followed.size, alarms);
  }

  private drop(f: Followed): void {
    f.camera.deregister(this.node);
    const stream = f.stream;
    f.stream = undefined;
    stream?.close().catch(() => undefined);
  }

  close(): Promise<void> {
    this.closed = true;
    this.stopFollowing();
    const closing = [...this.followed.values()].map((f) => {
      f.camera.deregister(this.node);
      return f.stream ? f.stream.close().catch(() => undefined) : Promise.resolve();
    });
    this.followed.clear();
    return Promise.all(closing).then(() => undefined);
  }
}
