/**
 * Which cameras a status or event node follows, one rule for the runtime
 * (shared/plant.ts) and the editor (shared/editor/camera-scope.ts): its form's
 * camera ('camera', the default), every camera deployed ('all'), or those named
 * in cameraSet ('chosen'). Nothing Node-only: the editor bundles it.
 */
export type CameraScope = 'camera' | 'all' | 'chosen';

export function cameraScopeOf(value: unknown): CameraScope {
  return value === 'all' || value === 'chosen' ? value : 'camera';
}

/** The chosen set: config node ids or names, as an array or one per line / comma. */
export function chosenCameraList(value: unknown): string[] {
  const list = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/[\n,]/) : [];
  return list.map((s) => s.trim()).filter(Boolean);
}

/** The form's check of the camera field: needed only when the node follows one camera; null, or the reason. */
export function cameraProblem(scope: unknown, camera: unknown): string | null {
  if (cameraScopeOf(scope) !== 'camera') return null;
  return camera && camera !== '_ADD_' ? null : 'camera: choose a camera, or set Cameras to every camera';
}

/**
 * MQTT's topic tree is written per camera node for now: a node following every (or chosen)
 * camera with MQTT set is refused with the reason rather than silently sending plain messages.
 */
export function plantMqttProblem(scope: unknown, mqtt: unknown): string | null {
  if (cameraScopeOf(scope) === 'camera' || mqtt === undefined || mqtt === '' || mqtt === 'off') return null;
  return 'mqtt: the MQTT topic tree works with one camera per node for now: set Cameras to one camera, or MQTT to off';
}
