/** The Axis thermal camera emulator: start() and everything it is made of. */
export { start, THERMOMETRY_PATH, APIDISCOVERY_PATH, MAX_BODY_BYTES } from './server';
export type { CameraEvent } from '../api/events';
export type { Emulator, EmulatorOptions, RouteContext, RouteHandler, ApiListEntry } from './server';
export { DEFAULT_USERS, DigestAuthenticator, parseAuthParams } from './digest-auth';
export type { EmulatorUser, DigestAlgorithm, AuthOptions, AuthResult } from './digest-auth';
export { CameraModel, celsiusToFahrenheit, fahrenheitToCelsius } from './camera';
export type {
  AreaRecord, GroupRecord, IsothermState, SpotState, TgtState, CameraState, CameraChange, AreaInput, GroupInput,
} from './camera';
export { FlatSensor, vertexCentroid } from './sensor';
export type { Sensor, AreaReading, GroupReading } from './sensor';
export { PROFILES, PROFILE_NAMES, getProfile } from './profiles';
export type { CameraProfile, CameraLimits, PresetInfo, Spelling } from './profiles';
export { loadState, StateFile, StateFileError } from './persistence';
export { VapixError } from './vapix-error';
export { handleThermometryRequest, highestMinors } from './thermometry-cgi';
export { polygonProblem } from './validation';
export { pointInPolygon, segmentsIntersect } from '../api/polygon';
export type { Role } from '../api/methods';
export { createScene, attachScene, addSceneRoutes, ThermalScene, SCENARIO_NAMES } from './scene';
export type { SceneOptions, ControlCommand } from './scene';
export { attachEventStream } from './events';
export type { EventStreamServer, EventStreamServerOptions } from './events';
export { startFleet, fleetSerial, MAX_FLEET_CAMERAS } from './fleet';
export type { Fleet, FleetOptions } from './fleet';
