/**
 * The one table of VAPIX Thermometry methods (axis-cgi/thermometry.cgi).
 *
 * Everything that needs to know about a method reads it from here: the client
 * (version gating, validation before sending), the emulator (security level,
 * version gating, required parameters) and the documentation (README and node
 * help are checked against it in tests). Do not describe a method anywhere else.
 *
 * Source: the VAPIX Thermometry API reference, https://developer.axis.com/vapix/network-video/thermometry/
 * (page of Aug 18, 2025).
 * API 1.3 (overlay channels, a spot meter per image source, unique area names)
 * from the newer page (no date on it; scraped Jan 9, 2026). Where that page
 * contradicts itself, README.md ("API 1.3: how we read the page") says which
 * reading we took.
 */

export const API_VERSIONS = ['1.0', '1.1', '1.2', '1.3'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];

/** Axis user levels, lowest first. */
export const ROLES = ['viewer', 'operator', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

export const DETECTION_TYPES = ['above', 'below', 'increase', 'decrease'] as const;
export const MEASUREMENTS = ['maximum', 'minimum', 'average'] as const;
export const GROUP_MEASUREMENTS = ['maximum', 'minimum', 'average', 'inherit'] as const;
export const AREA_OVERLAYS = ['none', 'always', 'if_triggered'] as const;
export const TEMPERATURE_SCALES = ['celsius', 'fahrenheit'] as const;
export const COORDINATE_SYSTEMS = ['coord_neg1_1', 'coord_0_1'] as const;

/**
 * A limit is either a fixed number or the name of a field of
 * getConfigurationCapabilities, read from the camera (cached per camera).
 */
export type CapabilityName = 'minTemperature' | 'maxTemperature' | 'maxNumberOfAreas' | 'maxNumberOfVertices' | 'maxDelayTime' | 'maxNameLength' | 'maxGroups';
export type Limit = number | CapabilityName;

/**
 * Lists of channels getConfigurationCapabilities gives from API 1.3: the image
 * sources (thermal input channels: areas, spot meters) and the channels that
 * can show another source's area overlays.
 */
export type ChannelListName = 'imagesources' | 'overlayChannels';

export type ParamType =
  /** `within`: the value must be in that capabilities list when the camera gives it. */
  | { kind: 'int'; min?: Limit; max?: Limit; within?: ChannelListName }
  | { kind: 'boolean' }
  | { kind: 'string'; maxLength?: Limit }
  | { kind: 'enum'; values: readonly string[] }
  /** Polygon: 3..maxNumberOfVertices points [x, y] in -1..1, unique, edges not crossing. */
  | { kind: 'vertices' }
  /** One point [x, y]; its range depends on the coordinateSystem parameter. */
  | { kind: 'point' }
  /** A list of whole numbers (area ids). */
  | { kind: 'intList'; min?: Limit };

export interface ParamSpec {
  name: string;
  type: ParamType;
  required: boolean;
  /** First API version that knows the parameter (the method's own version otherwise). */
  since?: ApiVersion;
  /** From this version the camera refuses a value another item already has (2104). */
  uniqueSince?: ApiVersion;
  description: string;
}

/** A field of a reply that only cameras speaking `since` or later send. */
export interface ReplyFieldSpec {
  name: string;
  since: ApiVersion;
}

export interface MethodSpec {
  name: MethodName;
  since: ApiVersion;
  level: Role;
  /**
   * True when the method changes the camera (add, update, remove, set). Such a
   * request is never sent twice: when its reply is lost the camera may have
   * applied it, and the caller is told so. A read may be sent again once.
   */
  writes: boolean;
  /** Request parameters; empty when the method takes none. */
  params: readonly ParamSpec[];
  description: string;
  /** What the reply's data holds, in words (for docs). */
  returns: string;
  /** Reply fields newer than the method (the emulator leaves them out below their version). */
  replyFields?: readonly ReplyFieldSpec[];
}

export const METHOD_NAMES = [
  'getSupportedVersions',
  'getConfigurationCapabilities',
  'setTemperatureScale',
  'getIsothermLevels',
  'setIsothermLevels',
  'addArea',
  'updateArea',
  'removeAreas',
  'listAreas',
  'getAreaStatus',
  'addSpotTemperature',
  'getSpotTemperature',
  'removeSpotTemperature',
  'getTgtConfiguration',
  'setTgtConfiguration',
  'addGroup',
  'updateGroup',
  'removeGroup',
  'listGroups',
  'getGroupStatus',
  'addOverlayChannel',
  'removeOverlayChannel',
  'listOverlayChannels',
  'listSpotMeters',
] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

// Parameters shared by addArea and updateArea.
const AREA_FIELDS: readonly ParamSpec[] = [
  { name: 'imagesource', type: { kind: 'int', min: 0 }, required: false, description: 'Image source (video channel) of the area, 0 on single-sensor cameras.' },
  { name: 'enabled', type: { kind: 'boolean' }, required: true, description: 'Monitor the area when true.' },
  {
    name: 'name',
    type: { kind: 'string', maxLength: 'maxNameLength' },
    required: true,
    uniqueSince: '1.3',
    description: 'Area name, at most maxNameLength characters; from API 1.3 unique among the areas (2104 "The specified name is already in use").',
  },
  {
    name: 'detectionType',
    type: { kind: 'enum', values: DETECTION_TYPES },
    required: true,
    description: 'above/below compare with threshold; increase/decrease compare the change within delay seconds with threshold (which must then be positive).',
  },
  {
    name: 'measurement',
    type: { kind: 'enum', values: MEASUREMENTS },
    required: true,
    description: 'Which value of the area is compared: maximum, minimum or average.',
  },
  {
    name: 'threshold',
    type: { kind: 'int', min: 'minTemperature', max: 'maxTemperature' },
    required: true,
    description: 'Temperature (above/below) or change in degrees (increase/decrease, positive), in the current scale.',
  },
  {
    name: 'delay',
    type: { kind: 'int', min: 0, max: 'maxDelayTime' },
    required: true,
    description: 'Seconds the condition must hold before the alarm triggers (0 = at once); the change window for increase/decrease.',
  },
  {
    name: 'vertices',
    type: { kind: 'vertices' },
    required: true,
    description: 'Polygon of 3..maxNumberOfVertices points [x, y] in -1..1 (x right, y up), unique, edges not crossing.',
  },
  {
    name: 'areaOverlay',
    type: { kind: 'enum', values: AREA_OVERLAYS },
    required: false,
    description: 'When the area is drawn on the video: none, always or if_triggered (green, red when triggered).',
  },
  { name: 'temperatureOverlay', type: { kind: 'boolean' }, required: false, description: 'Show the measured value while the area overlay is visible.' },
  { name: 'presetNbr', type: { kind: 'int', min: 0 }, required: false, description: 'PTZ preset the area belongs to; ignored on fixed cameras.' },
];

const GROUP_FIELDS: readonly ParamSpec[] = [
  {
    name: 'enabled',
    type: { kind: 'boolean' },
    required: true,
    description: 'Monitor the group when true (stays false while it has fewer than 2 valid areas; the reply gives the real state).',
  },
  { name: 'name', type: { kind: 'string', maxLength: 'maxNameLength' }, required: true, description: 'Group name, unique, at most maxNameLength characters.' },
  {
    name: 'measurement',
    type: { kind: 'enum', values: GROUP_MEASUREMENTS },
    required: true,
    description: 'Value of each member area: maximum, minimum, average, or inherit (each area its own).',
  },
  { name: 'threshold', type: { kind: 'int', min: 1 }, required: true, description: 'Allowed deviation between the member areas, at least 1 degree.' },
  {
    name: 'delay',
    type: { kind: 'int', min: 0, max: 'maxDelayTime' },
    required: true,
    description: 'Seconds the deviation must hold before the alarm triggers (0 = at once).',
  },
  { name: 'areaIds', type: { kind: 'intList', min: 0 }, required: true, description: 'Ids of the member areas (at least 2 to start analysis).' },
  { name: 'groupOverlay', type: { kind: 'boolean' }, required: false, description: 'Draw the member areas when the group triggers.' },
];

/** The spot methods' image source (1.3): a spot meter per image source. */
const SPOT_IMAGESOURCE: ParamSpec = {
  name: 'imagesource',
  type: { kind: 'int', min: 0, within: 'imagesources' },
  required: false,
  since: '1.3',
  description:
    'Image source of the spot meter, one of getConfigurationCapabilities.imagesources (2104 "Invalid channel number specified" otherwise); omitted = the camera\'s default image source.',
};

// addOverlayChannel and removeOverlayChannel take the same pair.
const OVERLAY_PAIR: readonly ParamSpec[] = [
  {
    name: 'imagesource',
    type: { kind: 'int', min: 0, within: 'imagesources' },
    required: true,
    description: 'Image source whose area overlays are meant, one of getConfigurationCapabilities.imagesources.',
  },
  {
    name: 'overlayChannel',
    type: { kind: 'int', min: 0, within: 'overlayChannels' },
    required: true,
    description: 'Channel that shows (or stops showing) them, one of getConfigurationCapabilities.overlayChannels; not the image source itself.',
  },
];

const PRESET_NBR: ParamSpec = { name: 'presetNbr', type: { kind: 'int', min: 0 }, required: false, description: 'PTZ preset (0 or omitted = all presets).' };

export const METHODS: Readonly<Record<MethodName, MethodSpec>> = {
  getSupportedVersions: {
    name: 'getSupportedVersions',
    since: '1.0',
    level: 'operator',
    writes: false,
    params: [],
    description: 'List the API versions the camera supports (the highest minor of each major).',
    returns: 'apiVersions: list of "major.minor" strings',
  },
  getConfigurationCapabilities: {
    name: 'getConfigurationCapabilities',
    since: '1.0',
    level: 'operator',
    writes: false,
    params: [],
    description:
      'Read the current temperature scale and the limits for areas, vertices, delay, names and groups (and, from 1.3, the image sources and overlay channels).',
    returns:
      'currentTemperatureScale, minTemperature, maxTemperature, maxNumberOfAreas, maxNumberOfVertices, maxDelayTime, defaultDelayTime, maxNameLength, maxGroups (1.2), imagesources (1.3), overlayChannels (1.3)',
    replyFields: [
      { name: 'maxGroups', since: '1.2' },
      { name: 'imagesources', since: '1.3' },
      { name: 'overlayChannels', since: '1.3' },
    ],
  },
  setTemperatureScale: {
    name: 'setTemperatureScale',
    since: '1.0',
    level: 'operator',
    writes: true,
    params: [{ name: 'unit', type: { kind: 'enum', values: TEMPERATURE_SCALES }, required: true, description: 'celsius or fahrenheit.' }],
    description: 'Set the temperature scale used by every value the camera reports and accepts.',
    returns: 'nothing',
  },
  getIsothermLevels: {
    name: 'getIsothermLevels',
    since: '1.0',
    level: 'operator',
    writes: false,
    params: [],
    description: 'Read the isotherm levels of the isothermal palettes.',
    returns: 'high, middle, low, min (1.2), renderOverlay',
    replyFields: [{ name: 'min', since: '1.2' }],
  },
  setIsothermLevels: {
    name: 'setIsothermLevels',
    since: '1.0',
    level: 'operator',
    writes: true,
    params: [
      {
        name: 'high',
        type: { kind: 'int', min: 'minTemperature', max: 'maxTemperature' },
        required: true,
        description: 'Highest level, in [minTemperature+3, maxTemperature].',
      },
      {
        name: 'middle',
        type: { kind: 'int', min: 'minTemperature', max: 'maxTemperature' },
        required: true,
        description: 'Middle level, in [minTemperature+2, maxTemperature-1].',
      },
      {
        name: 'low',
        type: { kind: 'int', min: 'minTemperature', max: 'maxTemperature' },
        required: true,
        description: 'Low level, in [minTemperature+1, maxTemperature-2].',
      },
      {
        name: 'min',
        type: { kind: 'int', min: 'minTemperature', max: 'maxTemperature' },
        required: false,
        since: '1.2',
        description: 'Lowest level shown, in [minTemperature, maxTemperature-3]; omitted = the lowest possible.',
      },
      { name: 'renderOverlay', type: { kind: 'boolean' }, required: true, description: 'Show the palette with the levels marked in the video.' },
    ],
    description: 'Set the isotherm levels (unique and rising: min < low < middle < high).',
    returns: 'nothing',
  },
  addArea: {
    name: 'addArea',
    since: '1.0',
    level: 'administrator',
    writes: true,
    params: AREA_FIELDS,
    description: 'Add a temperature detection area (ids are numbered from 0).',
    returns: 'id of the new area',
  },
  updateArea: {
    name: 'updateArea',
    since: '1.0',
    level: 'administrator',
    writes: true,
    params: [{ name: 'id', type: { kind: 'int', min: 0 }, required: true, description: 'Id of the area to change.' }, ...AREA_FIELDS],
    description: 'Change a temperature detection area.',
    returns: 'nothing',
  },
  removeAreas: {
    name: 'removeAreas',
    since: '1.0',
    level: 'administrator',
    writes: true,
    params: [{ name: 'areas', type: { kind: 'intList', min: 0 }, required: true, description: 'Ids of the areas to remove.' }],
    description: 'Remove temperature detection areas (groups lose them as members).',
    returns: 'nothing',
  },
  listAreas: {
    name: 'listAreas',
    since: '1.0',
    level: 'operator',
    writes: false,
    params: [PRESET_NBR],
    description: 'List the temperature detection areas, of one preset or all (0).',
    returns:
      'areaList: id, imagesource, enabled, name, detectionType, measurement, threshold, delay, position (vertices), areaOverlay, temperatureOverlay, presetNbr',
  },
  getAreaStatus: {
    name: 'getAreaStatus',
    since: '1.0',
    level: 'operator',
    writes: false,
    params: [],
    description: 'Read the temperatures and alarm state of the active areas (the current preset on PTZ cameras; empty when not on a preset).',
    returns: 'areaList: id, avg, min, max, minCoordinates, maxCoordinates, triggered',
  },
  addSpotTemperature: {
    name: 'addSpotTemperature',
    since: '1.0',
    level: 'operator',
    writes: true,
    params: [
      { name: 'spotCoordinates', type: { kind: 'point' }, required: true, description: 'The point [x, y] to measure, in the chosen coordinate system.' },
      {
        name: 'coordinateSystem',
        type: { kind: 'enum', values: COORDINATE_SYSTEMS },
        required: true,
        description: 'coord_neg1_1 (origin centre, -1..1, y up) or coord_0_1 (origin upper left, 0..1).',
      },
      SPOT_IMAGESOURCE,
    ],
    description: 'Place the spot meter (one per image source from 1.3: a new one replaces the old one of that image source).',
    returns: 'nothing',
  },
  getSpotTemperature: {
    name: 'getSpotTemperature',
    since: '1.0',
    level: 'operator',
    writes: false,
    params: [
      {
        name: 'coordinateSystem',
        type: { kind: 'enum', values: COORDINATE_SYSTEMS },
        required: true,
        description: 'Coordinate system of the reply (may differ from the one the spot was placed in).',
      },
      SPOT_IMAGESOURCE,
    ],
    description: 'Read the spot meter temperature (of one image source from 1.3).',
    returns: 'spotTemperature, spotCoordinates, renderOverlay',
  },
  removeSpotTemperature: {
    name: 'removeSpotTemperature',
    since: '1.0',
    level: 'operator',
    writes: true,
    params: [SPOT_IMAGESOURCE],
    description: 'Remove the spot meter (of one image source from 1.3).',
    returns: 'nothing',
  },
  getTgtConfiguration: {
    name: 'getTgtConfiguration',
    since: '1.1',
    level: 'administrator',
    writes: false,
    params: [],
    description: 'Read the thermometric guard tour settings (PTZ cameras; error 1202 on fixed cameras).',
    returns: 'pauseOnAlarm, autoResume',
  },
  setTgtConfiguration: {
    name: 'setTgtConfiguration',
    since: '1.1',
    level: 'administrator',
    writes: true,
    params: [
      { name: 'pauseOnAlarm', type: { kind: 'boolean' }, required: true, description: 'Pause the guard tour on a preset while an alarm is active.' },
      { name: 'autoResume', type: { kind: 'boolean' }, required: true, description: 'Resume the tour when the alarm ends (only with pauseOnAlarm).' },
    ],
    description: 'Set the thermometric guard tour settings (PTZ cameras; error 1202 on fixed cameras).',
    returns: 'nothing',
  },
  addGroup: {
    name: 'addGroup',
    since: '1.2',
    level: 'operator',
    writes: true,
    params: [...GROUP_FIELDS, PRESET_NBR],
    description: 'Add a group of areas whose temperatures are compared (ids are numbered from 1).',
    returns: 'id of the new group, enabled (the real state)',
  },
  updateGroup: {
    name: 'updateGroup',
    since: '1.2',
    level: 'administrator',
    writes: true,
    params: [{ name: 'id', type: { kind: 'int', min: 1 }, required: true, description: 'Id of the group to change.' }, ...GROUP_FIELDS],
    description: 'Change a group (its preset cannot change).',
    returns: 'enabled (the real state)',
  },
  removeGroup: {
    name: 'removeGroup',
    since: '1.2',
    level: 'administrator',
    writes: true,
    params: [{ name: 'id', type: { kind: 'int', min: 0 }, required: true, description: 'Id of the group to remove; 0 removes every group of every preset.' }],
    description: 'Remove one group, or all (id 0).',
    returns: 'nothing',
  },
  listGroups: {
    name: 'listGroups',
    since: '1.2',
    level: 'operator',
    writes: false,
    params: [PRESET_NBR],
    description: 'List the groups, of one preset or all (0 or omitted).',
    returns: 'grouplist: id, enabled, name, measurement, threshold, delay, areaIds, groupOverlay, presetNbr',
  },
  getGroupStatus: {
    name: 'getGroupStatus',
    since: '1.2',
    level: 'operator',
    writes: false,
    params: [],
    description: 'Read the deviation and alarm state of the active groups.',
    returns: 'grouplist: id, triggered, details (name, currentDeviation, memberAreas, maxDeviationAreas)',
  },
  addOverlayChannel: {
    name: 'addOverlayChannel',
    since: '1.3',
    level: 'administrator',
    writes: true,
    params: OVERLAY_PAIR,
    description: 'Show the area overlays of an image source also on another channel (an overlay channel).',
    returns: 'nothing',
  },
  removeOverlayChannel: {
    name: 'removeOverlayChannel',
    since: '1.3',
    level: 'administrator',
    writes: true,
    params: OVERLAY_PAIR,
    description: 'Stop showing the area overlays of an image source on an overlay channel.',
    returns: 'nothing',
  },
  listOverlayChannels: {
    name: 'listOverlayChannels',
    since: '1.3',
    level: 'administrator',
    writes: false,
    params: [],
    description: 'List the active overlay channels of each image source.',
    returns: 'overlayList: imagesource, overlayChannels',
  },
  listSpotMeters: {
    name: 'listSpotMeters',
    since: '1.3',
    level: 'administrator',
    writes: false,
    params: [],
    description: 'List the spot meters, one per image source, and whether each is active.',
    returns: 'spotmeters: imagesource, active',
  },
};

/** -1, 0 or 1 as a compares to b ("1.2" > "1.10" is false). */
export function compareVersions(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number);
  const [bm, bn] = b.split('.').map(Number);
  return am !== bm ? Math.sign(am - bm) : Math.sign(an - bn);
}

/** True when a camera speaking `version` knows `method`. */
export function methodAvailable(method: MethodName, version: string): boolean {
  return compareVersions(version, METHODS[method].since) >= 0;
}

/** True when a camera speaking `version` sends reply field `field` of `method` (fields the table does not date come with the method). */
export function replyFieldAvailable(method: MethodName, field: string, version: string): boolean {
  const since = METHODS[method].replyFields?.find((f) => f.name === field)?.since;
  return since === undefined || compareVersions(version, since) >= 0;
}

/** True when `role` may call a method guarded at `level`. */
export function roleAllows(role: Role, level: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(level);
}

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && (METHOD_NAMES as readonly string[]).includes(name);
}
