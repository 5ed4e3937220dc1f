/**
 * Request and (normalized) response shapes of the Thermometry API.
 *
 * Responses here are what the client hands its callers after normalizing the
 * spellings the reference and real devices disagree on (imagesource/imageSource,
 * areaList/arealist, minCoordinates/minPos, if_triggered/"if triggered").
 */
import type { AREA_OVERLAYS, COORDINATE_SYSTEMS, DETECTION_TYPES, GROUP_MEASUREMENTS, MEASUREMENTS, MethodName, TEMPERATURE_SCALES } from './methods';

export type DetectionType = (typeof DETECTION_TYPES)[number];
export type Measurement = (typeof MEASUREMENTS)[number];
export type GroupMeasurement = (typeof GROUP_MEASUREMENTS)[number];
export type AreaOverlay = (typeof AREA_OVERLAYS)[number];
export type TemperatureScale = (typeof TEMPERATURE_SCALES)[number];
export type CoordinateSystem = (typeof COORDINATE_SYSTEMS)[number];
export type Point = [number, number];

/** The JSON-RPC envelope the camera answers with. */
export interface RpcResponse<D = unknown> {
  apiVersion?: string;
  context?: string;
  method?: string;
  data?: D;
  error?: { code: number; message?: string };
}

export interface ConfigurationCapabilities {
  currentTemperatureScale: TemperatureScale;
  minTemperature: number;
  maxTemperature: number;
  maxNumberOfAreas: number;
  maxNumberOfVertices: number;
  maxDelayTime: number;
  defaultDelayTime: number;
  maxNameLength: number;
  /** API 1.2 and later. */
  maxGroups?: number;
  /** API 1.3 and later: the image sources (thermal input channels). */
  imagesources?: number[];
  /** API 1.3 and later: the channels that can show area overlays of an image source. */
  overlayChannels?: number[];
}

export interface IsothermLevels {
  high: number;
  middle: number;
  low: number;
  /** API 1.2 and later; omitted in a request = the lowest possible. */
  min?: number;
  renderOverlay: boolean;
}

export interface AreaConfig {
  imagesource?: number;
  enabled: boolean;
  name: string;
  detectionType: DetectionType;
  measurement: Measurement;
  threshold: number;
  delay: number;
  vertices: Point[];
  areaOverlay?: AreaOverlay;
  temperatureOverlay?: boolean;
  presetNbr?: number;
}

export interface AddAreaParams extends AreaConfig {}
export interface UpdateAreaParams extends AreaConfig {
  id: number;
}

/** One area as listAreas gives it, normalized (`vertices` is the reference's `position`). */
export interface Area {
  id: number;
  imagesource: number;
  enabled: boolean;
  name: string;
  detectionType: DetectionType;
  measurement: Measurement;
  threshold: number;
  delay: number;
  vertices: Point[];
  areaOverlay: AreaOverlay;
  temperatureOverlay: boolean;
  presetNbr: number;
}

/** One area as getAreaStatus gives it, normalized (minPos/maxPos -> minCoordinates/maxCoordinates). */
export interface AreaStatus {
  id: number;
  avg: number;
  min: number;
  max: number;
  minCoordinates: Point;
  maxCoordinates: Point;
  triggered: boolean;
}

export interface SpotParams {
  spotCoordinates: Point;
  coordinateSystem: CoordinateSystem;
  /** API 1.3: the image source of the spot meter (omitted: the camera's default). */
  imagesource?: number;
}

/** addOverlayChannel / removeOverlayChannel (API 1.3). */
export interface OverlayChannelParams {
  imagesource: number;
  overlayChannel: number;
}

/** One row of listOverlayChannels: the channels that also show an image source's area overlays. */
export interface OverlayMapping {
  imagesource: number;
  overlayChannels: number[];
}

/** One row of listSpotMeters. */
export interface SpotMeter {
  imagesource: number;
  active: boolean;
}

export interface SpotTemperature {
  spotTemperature: number;
  spotCoordinates: Point;
  renderOverlay: boolean;
}

export interface TgtConfiguration {
  pauseOnAlarm: boolean;
  autoResume: boolean;
}

export interface GroupConfig {
  enabled: boolean;
  name: string;
  measurement: GroupMeasurement;
  threshold: number;
  delay: number;
  areaIds: number[];
  groupOverlay?: boolean;
}

export interface AddGroupParams extends GroupConfig {
  presetNbr?: number;
}
export interface UpdateGroupParams extends GroupConfig {
  id: number;
}

export interface Group {
  id: number;
  enabled: boolean;
  name: string;
  measurement: GroupMeasurement;
  threshold: number;
  delay: number;
  areaIds: number[];
  groupOverlay: boolean;
  presetNbr: number;
}

export interface GroupStatus {
  id: number;
  triggered: boolean;
  details: {
    name: string;
    currentDeviation: number;
    memberAreas: { areaId: number; areaName: string }[];
    maxDeviationAreas: ({ maxAreaId: number; maxAreaTemp: number } | { minAreaId: number; minAreaTemp: number })[];
  };
}

/** Parameters of each method, as the client's callers give them. */
export interface MethodParams {
  getSupportedVersions: Record<string, never>;
  getConfigurationCapabilities: Record<string, never>;
  setTemperatureScale: { unit: TemperatureScale };
  getIsothermLevels: Record<string, never>;
  setIsothermLevels: IsothermLevels;
  addArea: AddAreaParams;
  updateArea: UpdateAreaParams;
  removeAreas: { areas: number[] };
  listAreas: { presetNbr?: number };
  getAreaStatus: Record<string, never>;
  addSpotTemperature: SpotParams;
  getSpotTemperature: { coordinateSystem: CoordinateSystem; imagesource?: number };
  removeSpotTemperature: { imagesource?: number };
  getTgtConfiguration: Record<string, never>;
  setTgtConfiguration: TgtConfiguration;
  addGroup: AddGroupParams;
  updateGroup: UpdateGroupParams;
  removeGroup: { id: number };
  listGroups: { presetNbr?: number };
  getGroupStatus: Record<string, never>;
  addOverlayChannel: OverlayChannelParams;
  removeOverlayChannel: OverlayChannelParams;
  listOverlayChannels: Record<string, never>;
  listSpotMeters: Record<string, never>;
}

/** Normalized result of each method, as the client returns it. */
export interface MethodResults {
  getSupportedVersions: { apiVersions: string[] };
  getConfigurationCapabilities: ConfigurationCapabilities;
  setTemperatureScale: Record<string, never>;
  getIsothermLevels: IsothermLevels;
  setIsothermLevels: Record<string, never>;
  addArea: { id: number };
  updateArea: Record<string, never>;
  removeAreas: Record<string, never>;
  listAreas: { areaList: Area[] };
  getAreaStatus: { areaList: AreaStatus[] };
  addSpotTemperature: Record<string, never>;
  getSpotTemperature: SpotTemperature;
  removeSpotTemperature: Record<string, never>;
  getTgtConfiguration: TgtConfiguration;
  setTgtConfiguration: Record<string, never>;
  addGroup: { id: number; enabled: boolean };
  updateGroup: { enabled: boolean };
  removeGroup: Record<string, never>;
  listGroups: { groupList: Group[] };
  getGroupStatus: { groupList: GroupStatus[] };
  addOverlayChannel: Record<string, never>;
  removeOverlayChannel: Record<string, never>;
  /** The page's `overlayList`. */
  listOverlayChannels: { overlayList: OverlayMapping[] };
  /** The page's `spotmeters`, named like areaList and groupList. */
  listSpotMeters: { spotMeters: SpotMeter[] };
}

// Compile-time check that both maps cover exactly the method table.
type _CoversParams = MethodParams[MethodName];
type _CoversResults = MethodResults[MethodName];
