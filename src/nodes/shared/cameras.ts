/**
 * The camera config nodes deployed now, for the nodes that speak to any
 * camera: msg.camera (a camera's name or id) in place of the form's camera,
 * and the "every camera" mode of the status and event nodes. Each camera
 * config node adds itself when it starts and leaves on 'close', so a camera
 * added or removed is seen on the next deploy.
 */
import type { CameraConfigNode } from './camera-api';
import type { NodeAPI } from './red';
import { NodeInputError } from './params';

/** Per runtime (the tests run several in turn in one process): id -> camera. */
const deployed = new WeakMap<object, Map<string, CameraConfigNode>>();

/**
 * What identifies the runtime: Node-RED gives each node module a RED object
 * (and RED.nodes) of its own, but one RED.events for all of them.
 */
function runtimeOf(RED: NodeAPI): object {
  return RED.events ?? RED.nodes;
}

function camerasOf(RED: NodeAPI): Map<string, CameraConfigNode> {
  let map = deployed.get(runtimeOf(RED));
  if (!map) {
    map = new Map();
    deployed.set(runtimeOf(RED), map);
  }
  return map;
}

type Listener = () => void;
const listeners = new WeakMap<object, Set<Listener>>();

/** Called when a camera starts or stops (a plant node picks up a camera deployed after it). */
export function onCamerasChanged(RED: NodeAPI, listener: Listener): () => void {
  let set = listeners.get(runtimeOf(RED));
  if (!set) {
    set = new Set();
    listeners.set(runtimeOf(RED), set);
  }
  set.add(listener);
  return () => set.delete(listener);
}

function changed(RED: NodeAPI): void {
  for (const l of [...(listeners.get(runtimeOf(RED)) ?? [])]) {
    try {
      l();
    } catch {
      // one listener's fault is not the camera's
    }
  }
}

export function addDeployedCamera(RED: NodeAPI, camera: CameraConfigNode): void {
  camerasOf(RED).set(camera.id, camera);
  changed(RED);
}

export function removeDeployedCamera(RED: NodeAPI, camera: CameraConfigNode): void {
  const map = camerasOf(RED);
  if (map.get(camera.id) === camera) {
    map.delete(camera.id);
    changed(RED);
  }
}

/** Every camera deployed now, in the order they started. */
export function deployedCameras(RED: NodeAPI): CameraConfigNode[] {
  return [...camerasOf(RED).values()];
}

/** Longest msg.camera taken (a name is a line in the editor). */
const MAX_REFERENCE_LENGTH = 200;

/**
 * The camera a message names in `field` (msg.camera): a camera config node's id,
 * its name, or its host:port. Throws NodeInputError naming the field when it is
 * not a non-empty string, names no deployed camera, or names more than one.
 */
export function findCamera(RED: NodeAPI, reference: unknown, field = 'camera'): CameraConfigNode {
  const rule = `a camera config node's name or id`;
  if (typeof reference !== 'string' || reference.trim() === '') {
    throw new NodeInputError(`msg.${field} must be ${rule} (a non-empty string), got ${reference === null ? 'null' : typeof reference}`, field);
  }
  if (reference.length > MAX_REFERENCE_LENGTH) throw new NodeInputError(`msg.${field} is longer than ${MAX_REFERENCE_LENGTH} characters: not ${rule}`, field);
  const wanted = reference.trim();
  const map = camerasOf(RED);
  const byId = map.get(wanted);
  if (byId) return byId;
  const all = [...map.values()];
  let found = all.filter((c) => String(c.name ?? '').trim() === wanted);
  if (found.length === 0) found = all.filter((c) => c.camera === wanted);
  if (found.length === 1) return found[0];
  const shown = JSON.stringify(wanted.length > 60 ? `${wanted.slice(0, 59)}…` : wanted);
  if (found.length > 1) {
    throw new NodeInputError(`msg.${field} ${shown} names ${found.length} cameras (${found.map((c) => c.id).join(', ')}): give the id of one, or name them apart`, field);
  }
  const known = all.map((c) => c.label).slice(0, 10);
  const list = known.length ? `; deployed: ${known.join(', ')}${all.length > known.length ? ', …' : ''}` : '; no camera is deployed';
  throw new NodeInputError(`msg.${field} ${shown} is no deployed camera: it must be ${rule}${list}`, field);
}
