/**
 * The status node in "every camera" mode: one poller per camera in its set,
 * each on a fixed rate with its own offset so that the polls are spread over
 * the interval, one message per camera and reading, and a summary status.
 * A camera deployed, redeployed or removed is picked up (shared/plant.ts).
 */
import type { CameraConfigNode } from '../shared/camera-api';
import { attachError, callCamera, messageCamera, planCall, type OperationNodeSpec } from '../shared/operation-node';
import { toNodeError, ThermometryNodeError } from '../shared/errors';
import { FixedRate } from '../shared/fixed-rate';
import { followCameras, PlantStatus, plantTopic } from '../shared/plant';
import type { DoneFunction, Node, NodeAPI, NodeDef, NodeMessage, SendFunction } from '../shared/red';
import { statusChanged } from './changes';
import { changeStep, pollIntervalMs } from './settings';

/** What the node knows of one camera. */
interface Followed {
  camera: CameraConfigNode;
  ticker?: FixedRate;
  /** Whether the last read answered (undefined: not read yet). */
  answered?: boolean;
  /** Areas or groups triggered at the last read. */
  alarms: number;
  lastSent: Map<string, unknown[]>;
  lastError?: string;
}

export class PlantPoller {
  private readonly followed = new Map<string, Followed>();
  private readonly status: PlantStatus;
  private readonly stopFollowing: () => void;
  private readonly onlyChanges: boolean;
  private readonly step: number;
  private readonly intervalMs: number;
  private closed = false;

  constructor(
    private readonly RED: NodeAPI,
    private readonly node: Node,
    private readonly def: NodeDef,
    private readonly spec: OperationNodeSpec,
  ) {
    this.status = new PlantStatus(RED, node);
    this.onlyChanges = def.onlyChanges === true || def.onlyChanges === 'true';
    this.step = changeStep(def.step);
    this.intervalMs = pollIntervalMs(def.interval);
    node.on('input', (msg, send, done) => this.onInput(msg, send, done));
    this.stopFollowing = followCameras(RED, def, (cameras) => this.sync(cameras));
  }

  /** The set changed: keep the cameras still in it, start the new ones, and spread every camera's polls again. */
  private sync(cameras: CameraConfigNode[]): void {
    if (this.closed) return;
    const ids = new Set(cameras.map((c) => c.id));
    for (const [id, f] of this.followed) {
      const current = cameras.find((c) => c.id === id);
      if (!ids.has(id) || current !== f.camera) {
        f.ticker?.stop();
        f.camera.deregister(this.node);
        this.followed.delete(id);
      }
    }
    for (const camera of cameras) {
      if (!this.followed.has(camera.id)) {
        camera.register(this.node);
        this.followed.set(camera.id, { camera, alarms: 0, lastSent: new Map() });
      }
    }
    if (this.intervalMs > 0) {
      const all = [...this.followed.values()];
      all.forEach((f, i) => {
        f.ticker?.stop();
        // Camera i of n at i/n of the interval: n cameras make one request every interval/n.
        f.ticker = new FixedRate(this.intervalMs, () => this.poll(f), Math.round((this.intervalMs * i) / all.length));
        f.ticker.start();
      });
    }
    this.showSummary();
  }

  private showSummary(): void {
    if (this.closed) return;
    let answered = 0;
    let alarms = 0;
    for (const f of this.followed.values()) {
      if (f.answered) answered++;
      alarms += f.alarms;
    }
    this.status.show(answered, this.followed.size, alarms);
  }

  /** Read one camera; true when the msg is to be sent. Throws ThermometryNodeError. */
  private async read(f: Followed, msg: NodeMessage): Promise<boolean> {
    const planned = planCall(this.spec, this.def, msg);
    try {
      const outcome = await callCamera(this.RED, f.camera, planned.method, planned.params, planned.context);
      msg.payload = outcome.payload;
      // Model, firmware and serial (asked once per camera, after it answered): what a plant page lists.
      const device = await f.camera.deviceInfo?.();
      msg.thermometry = device ? { ...outcome.thermometry, device } : outcome.thermometry;
      msg.camera = f.camera.label;
      msg.topic = plantTopic(f.camera, planned.method === 'getGroupStatus' ? 'group-status' : 'area-status');
      const list = Array.isArray(outcome.payload) ? outcome.payload : [];
      f.answered = true;
      f.lastError = undefined;
      f.alarms = list.filter((x) => x && typeof x === 'object' && (x as { triggered?: unknown }).triggered).length;
      // Every reading is sent: nothing to compare, nothing to keep.
      if (!this.onlyChanges) return true;
      if (statusChanged(f.lastSent.get(planned.method), list, this.step)) {
        f.lastSent.set(planned.method, structuredClone(list));
        return true;
      }
      return false;
    } catch (err) {
      f.answered = false;
      f.alarms = 0;
      throw err instanceof ThermometryNodeError ? err : toNodeError(err, planned.method);
    } finally {
      this.showSummary();
    }
  }

  private poll(f: Followed): Promise<void> {
    const msg: NodeMessage = { camera: f.camera.label };
    return this.read(f, msg)
      .then((sendIt) => {
        if (sendIt && !this.closed && this.followed.get(f.camera.id) === f) this.node.send(msg);
      })
      .catch((err: unknown) => {
        if (this.closed) return;
        const nodeErr = err instanceof ThermometryNodeError ? err : toNodeError(err);
        // Once per camera and failure, not at every tick; the msg names the camera for the Catch node.
        if (nodeErr.message !== f.lastError) {
          f.lastError = nodeErr.message;
          msg.topic = plantTopic(f.camera, 'error');
          attachError(msg, nodeErr);
          this.node.error(nodeErr, msg);
        }
      });
  }

  /**
   * An input message reads now: the camera msg.camera names, or every camera
   * of the set, one message each (each a copy of the input).
   */
  private onInput(msg: NodeMessage, send: SendFunction, done: DoneFunction): void {
    let targets: Followed[];
    try {
      const named = msg.camera === undefined ? undefined : messageCamera(this.RED, undefined, msg);
      targets = named ? [this.followed.get(named.id) ?? { camera: named, alarms: 0, lastSent: new Map() }] : [...this.followed.values()];
    } catch (err) {
      const nodeErr = err instanceof ThermometryNodeError ? err : toNodeError(err);
      attachError(msg, nodeErr);
      done(nodeErr);
      return;
    }
    const errors: ThermometryNodeError[] = [];
    Promise.all(targets.map(async (f) => {
      const copy = targets.length === 1 ? msg : this.RED.util?.cloneMessage ? this.RED.util.cloneMessage(msg) : structuredClone(msg);
      try {
        if (await this.read(f, copy)) send(copy);
      } catch (err) {
        errors.push(err instanceof ThermometryNodeError ? err : toNodeError(err));
      }
    })).then(() => {
      if (errors.length === 0) return done();
      // One error for the Catch node, naming each camera that failed.
      const first = errors[0];
      const err = errors.length === 1 ? first : new ThermometryNodeError(`${errors.length} of ${targets.length} cameras failed: ${errors.map((e) => e.message).join('; ')}`, first.info);
      attachError(msg, err);
      done(err);
    }, (err: unknown) => done(toNodeError(err)));
  }

  close(): void {
    this.closed = true;
    this.stopFollowing();
    for (const f of this.followed.values()) {
      f.ticker?.stop();
      f.camera.deregister(this.node);
    }
    this.followed.clear();
  }
}
