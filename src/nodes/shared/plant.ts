/**
 * "Every camera" mode of the status and event nodes: which cameras a node
 * follows, the per-camera message shape, and the node's summary status.
 *
 * Each message of a plant node is about one camera:
 *   msg.camera   the camera's name (its config node's name, else host:port)
 *   msg.topic    thermometry/<camera>/<what>[/<id>], <camera> the name with
 *                the characters MQTT reserves in a topic level (/ + #) as _
 *   msg.thermometry.camera / .cameraName   host:port and name, as on every node
 */
import type { CameraConfigNode } from './camera-api';
import { deployedCameras, onCamerasChanged } from './cameras';
import { tFast } from './i18n';
import type { Node, NodeAPI, NodeDef, NodeStatus } from './red';
import { cameraScopeOf, chosenCameraList, type CameraScope } from './camera-scope';

export type { CameraScope };

/** The node's scope: its form's camera (default), every camera deployed, or a chosen set. */
export function cameraScope(def: NodeDef): CameraScope {
  return cameraScopeOf(def.cameraScope);
}

/** The chosen set: config node ids or names. */
export function chosenCameras(def: NodeDef): Set<string> {
  return new Set(chosenCameraList(def.cameraSet));
}

/** The cameras deployed now that the node follows (by id, in deploy order). */
export function plantCameras(RED: NodeAPI, def: NodeDef): CameraConfigNode[] {
  const all = deployedCameras(RED);
  if (cameraScope(def) === 'all') return all;
  const chosen = chosenCameras(def);
  return all.filter((c) => chosen.has(c.id) || chosen.has(String(c.name ?? '').trim()));
}

/** A camera's name as one MQTT topic level: / + # (and control characters) become _, empty becomes _. */
export function topicSegment(name: string): string {
  let s = '';
  for (const ch of name.trim()) s += ch === '/' || ch === '+' || ch === '#' || ch.charCodeAt(0) < 0x20 ? '_' : ch;
  return s || '_';
}

/** thermometry/<camera>/<rest>, <rest> e.g. "area-alarm/3" or "area-status". */
export function plantTopic(camera: CameraConfigNode, rest: string): string {
  return `thermometry/${topicSegment(camera.label)}/${rest}`;
}

/**
 * Follows the set of deployed cameras: calls `sync` at start and after every
 * change (a camera deployed, redeployed or removed), once per burst of changes.
 * Returns the function that stops following.
 */
export function followCameras(RED: NodeAPI, def: NodeDef, sync: (cameras: CameraConfigNode[]) => void): () => void {
  let pending: NodeJS.Immediate | undefined;
  let stopped = false;
  const run = () => {
    pending = undefined;
    if (!stopped) sync(plantCameras(RED, def));
  };
  const off = onCamerasChanged(RED, () => {
    pending ??= setImmediate(run);
  });
  run();
  return () => {
    stopped = true;
    off();
    if (pending) clearImmediate(pending);
  };
}

/** "28/30 connected, 2 alarms" under the node, set only when it changes (the text is translated once). */
export class PlantStatus {
  private last = '';

  constructor(
    private readonly RED: NodeAPI,
    private readonly node: Node,
  ) {}

  show(connected: number, total: number, alarms: number): void {
    const text = total === 0
      ? tFast(this.RED, 'thermometry.plant.none')
      : tFast(this.RED, alarms === 1 ? 'thermometry.plant.summaryOneAlarm' : 'thermometry.plant.summary', { connected, total, alarms });
    // The colour says how many answer; the alarms are the flow's to act on.
    const status: NodeStatus = total === 0
      ? { fill: 'grey', shape: 'ring', text }
      : { fill: connected === total ? 'green' : connected === 0 ? 'red' : 'yellow', shape: connected === total ? 'dot' : 'ring', text };
    const key = `${status.fill}${status.shape}${text}`;
    if (key === this.last) return;
    this.last = key;
    this.node.status(status);
  }

  clear(): void {
    this.last = '';
  }
}
