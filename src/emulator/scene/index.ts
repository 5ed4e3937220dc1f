/**
 * The thermal scene for the emulator: temperatures from pixels, alarms that
 * behave like a camera's, PTZ presets and guard tour, snapshot and palette.
 *
 *   const scene = createScene({ clock: 'stepped', seed: 1 });
 *   const emulator = await start({ profile: 'ptz', sensor: scene });
 *   addSceneRoutes(emulator, scene);          // image.cgi, param.cgi, /emulator/control
 * or, on an emulator already running with the flat sensor:
 *   const scene = attachScene(emulator, { scenario: 'conveyor' });
 */
import { ThermalScene, SceneOptions } from './thermal-scene';
import { addSceneRoutes } from './routes';
import type { Emulator } from '../server';

export { ThermalScene, ControlError } from './thermal-scene';
export type { SceneOptions, ControlCommand } from './thermal-scene';
export { addSceneRoutes, supportedResolutions, CONTROL_PATH, PALETTE_PARAM, RESOLUTION_PARAM, ROTATION_PARAM, ROTATIONS } from './routes';
export { TemperatureField } from './field';
export type { HeatSourceSpec, HeatSource, FieldOptions } from './field';
export { SceneClock, RealtimeTicker } from './clock';
export { mulberry32 } from './random';
export { MaskCache, maskStatistics, spotReading } from './stats';
export type { AreaReading } from './stats';
export { polygonMask, pixelCentreX, pixelCentreY, pixelUnder } from './geometry';
export { AlarmEngine } from './alarms';
export type { CameraEvent, AlarmArea, AlarmGroup } from './alarms';
export { GuardTour } from './tour';
export { SCENARIOS, SCENARIO_NAMES, applyScenario, defaultPresetView } from './scenarios';
export { PALETTES, PALETTE_NAMES, isIsothermal, Colourizer } from './palette';
export { renderSnapshot, encodeJpeg, encodePng } from './snapshot';
export { videoStreams, VIDEO_STATS_PATH } from './video';
export type { VideoStreamCount } from './video';

export function createScene(options: SceneOptions = {}): ThermalScene {
  return new ThermalScene(options);
}

/** What a scene needs of the emulator it goes on. */
type SceneHost = Pick<Emulator, 'camera' | 'addRoute' | 'params'>;

const attached = new WeakMap<object, ThermalScene>();

/**
 * Puts a scene on a running emulator: replaces its sensor (unless it already
 * is this scene), attaches it to the camera and adds the scene's routes. The
 * emulator's stop() detaches whichever sensor the camera has, so no timer is left.
 */
export function attachScene(emulator: SceneHost, sceneOrOptions: ThermalScene | SceneOptions = {}): ThermalScene {
  const existing = attached.get(emulator);
  if (existing) return existing;
  const scene = sceneOrOptions instanceof ThermalScene ? sceneOrOptions : new ThermalScene(sceneOrOptions);
  const camera = emulator.camera;
  if (camera.sensor !== scene) {
    camera.sensor.detach?.();
    camera.sensor = scene;
    scene.attach(camera);
  }
  addSceneRoutes(emulator, scene);
  attached.set(emulator, scene);
  return scene;
}
