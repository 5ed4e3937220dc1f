/**
 * Tolerant reading of replies. The reference and cameras in the field spell
 * some fields two ways (imagesource/imageSource, areaList/arealist,
 * position/vertices, minCoordinates/minPos, grouplist/groupList,
 * "if_triggered"/"if triggered") and some firmwares send booleans and numbers
 * as strings. Callers get exactly the MethodResults shapes of src/api/types.ts.
 */
import type { MethodName } from '../api/methods';
import type {
  Area,
  AreaOverlay,
  AreaStatus,
  ConfigurationCapabilities,
  DetectionType,
  Group,
  GroupMeasurement,
  GroupStatus,
  Measurement,
  MethodResults,
  OverlayMapping,
  Point,
  SpotMeter,
  TemperatureScale,
} from '../api/types';
import { ThermometryError } from './errors';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value of the first of `names` present in obj, exact spelling first, then any letter case. */
export function pick(obj: Json, ...names: string[]): unknown {
  for (const name of names) if (obj[name] !== undefined) return obj[name];
  const wanted = new Set(names.map((n) => n.toLowerCase().replace(/[\s_-]/g, '')));
  for (const key of Object.keys(obj)) {
    if (wanted.has(key.toLowerCase().replace(/[\s_-]/g, '')) && obj[key] !== undefined) return obj[key];
  }
  return undefined;
}

function toBoolean(v: unknown, fallback = false): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(s)) return true;
    if (['false', '0', 'no', 'off', ''].includes(s)) return false;
  }
  return fallback;
}

function toNumber(v: unknown, fallback = 0): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.trim());
    if (Number.isFinite(n)) return n;
  }
  return fallback;
}

function toStr(v: unknown, fallback = ''): string {
  return v === undefined || v === null ? fallback : String(v);
}

function toPoint(v: unknown): Point {
  if (Array.isArray(v)) return [toNumber(v[0]), toNumber(v[1])];
  if (isObject(v)) return [toNumber(pick(v, 'x')), toNumber(pick(v, 'y'))];
  if (typeof v === 'string') {
    const [x, y] = v.split(/[\s,;]+/).filter(Boolean);
    return [toNumber(x), toNumber(y)];
  }
  return [0, 0];
}

function toPoints(v: unknown): Point[] {
  return Array.isArray(v) ? v.map(toPoint) : [];
}

function toList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function toIntList(v: unknown): number[] {
  if (typeof v === 'string')
    return v
      .split(/[\s,;]+/)
      .filter(Boolean)
      .map((x) => toNumber(x));
  return toList(v).map((x) => toNumber(x));
}

/** "if triggered", "If-Triggered", "iftriggered" -> "if_triggered". */
function toAreaOverlay(v: unknown): AreaOverlay {
  const s = toStr(v, 'none')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  if (s === 'if_triggered' || s === 'iftriggered') return 'if_triggered';
  if (s === 'always') return 'always';
  return 'none';
}

function toScale(v: unknown): TemperatureScale {
  const s = toStr(v, 'celsius').trim().toLowerCase();
  return s === 'fahrenheit' || s === 'f' ? 'fahrenheit' : 'celsius';
}

function normalizeArea(raw: unknown): Area {
  const a = isObject(raw) ? raw : {};
  return {
    id: toNumber(pick(a, 'id')),
    imagesource: toNumber(pick(a, 'imagesource', 'imageSource')),
    enabled: toBoolean(pick(a, 'enabled')),
    name: toStr(pick(a, 'name')),
    detectionType: toStr(pick(a, 'detectionType')).toLowerCase() as DetectionType,
    measurement: toStr(pick(a, 'measurement')).toLowerCase() as Measurement,
    threshold: toNumber(pick(a, 'threshold')),
    delay: toNumber(pick(a, 'delay')),
    vertices: toPoints(pick(a, 'vertices', 'position')),
    areaOverlay: toAreaOverlay(pick(a, 'areaOverlay')),
    temperatureOverlay: toBoolean(pick(a, 'temperatureOverlay')),
    presetNbr: toNumber(pick(a, 'presetNbr')),
  };
}

function normalizeAreaStatus(raw: unknown): AreaStatus {
  const a = isObject(raw) ? raw : {};
  return {
    id: toNumber(pick(a, 'id')),
    avg: toNumber(pick(a, 'avg', 'average')),
    min: toNumber(pick(a, 'min', 'minimum')),
    max: toNumber(pick(a, 'max', 'maximum')),
    minCoordinates: toPoint(pick(a, 'minCoordinates', 'minPos')),
    maxCoordinates: toPoint(pick(a, 'maxCoordinates', 'maxPos')),
    triggered: toBoolean(pick(a, 'triggered')),
  };
}

function normalizeGroup(raw: unknown): Group {
  const g = isObject(raw) ? raw : {};
  return {
    id: toNumber(pick(g, 'id')),
    enabled: toBoolean(pick(g, 'enabled')),
    name: toStr(pick(g, 'name')),
    measurement: toStr(pick(g, 'measurement')).toLowerCase() as GroupMeasurement,
    threshold: toNumber(pick(g, 'threshold')),
    delay: toNumber(pick(g, 'delay')),
    areaIds: toIntList(pick(g, 'areaIds', 'areas')),
    groupOverlay: toBoolean(pick(g, 'groupOverlay')),
    presetNbr: toNumber(pick(g, 'presetNbr')),
  };
}

function normalizeGroupStatus(raw: unknown): GroupStatus {
  const g = isObject(raw) ? raw : {};
  // "details" may be empty or grow fields later (reference): read what is there.
  const d = isObject(g.details) ? g.details : {};
  const extremes: GroupStatus['details']['maxDeviationAreas'] = [];
  for (const item of toList(pick(d, 'maxDeviationAreas'))) {
    if (!isObject(item)) continue;
    if (pick(item, 'maxAreaId') !== undefined) {
      extremes.push({ maxAreaId: toNumber(pick(item, 'maxAreaId')), maxAreaTemp: toNumber(pick(item, 'maxAreaTemp')) });
    }
    if (pick(item, 'minAreaId') !== undefined) {
      extremes.push({ minAreaId: toNumber(pick(item, 'minAreaId')), minAreaTemp: toNumber(pick(item, 'minAreaTemp')) });
    }
  }
  return {
    id: toNumber(pick(g, 'id')),
    triggered: toBoolean(pick(g, 'triggered')),
    details: {
      name: toStr(pick(d, 'name')),
      currentDeviation: toNumber(pick(d, 'currentDeviation')),
      memberAreas: toList(pick(d, 'memberAreas'))
        .filter(isObject)
        .map((m) => ({
          areaId: toNumber(pick(m, 'areaId', 'id')),
          areaName: toStr(pick(m, 'areaName', 'name')),
        })),
      maxDeviationAreas: extremes,
    },
  };
}

/**
 * Channel numbers (API 1.3) in every form the page shows: a list of numbers
 * ([0, 2], the examples), one number (the tables type the lists `<int>`), or
 * strings holding numbers ("1", and the syntax's ["<int>, <int>, .."], one
 * string with commas). What is not a whole number (a placeholder) is left out.
 */
export function toChannelList(v: unknown): number[] {
  const items = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  const out: number[] = [];
  for (const item of items) {
    const parts = typeof item === 'string' ? item.split(/[\s,;]+/).filter(Boolean) : [item];
    for (const part of parts) {
      const n = toNumber(part, NaN);
      if (Number.isInteger(n) && n >= 0 && !out.includes(n)) out.push(n);
    }
  }
  return out;
}

function normalizeOverlayMapping(raw: unknown): OverlayMapping {
  const m = isObject(raw) ? raw : {};
  return {
    imagesource: toNumber(pick(m, 'imagesource', 'imageSource')),
    overlayChannels: toChannelList(pick(m, 'overlayChannels', 'overlayChannel')),
  };
}

function normalizeSpotMeter(raw: unknown): SpotMeter {
  const m = isObject(raw) ? raw : {};
  return { imagesource: toNumber(pick(m, 'imagesource', 'imageSource')), active: toBoolean(pick(m, 'active')) };
}

function normalizeCapabilities(d: Json): ConfigurationCapabilities {
  const caps: ConfigurationCapabilities = {
    currentTemperatureScale: toScale(pick(d, 'currentTemperatureScale')),
    minTemperature: toNumber(pick(d, 'minTemperature')),
    maxTemperature: toNumber(pick(d, 'maxTemperature')),
    maxNumberOfAreas: toNumber(pick(d, 'maxNumberOfAreas')),
    maxNumberOfVertices: toNumber(pick(d, 'maxNumberOfVertices')),
    maxDelayTime: toNumber(pick(d, 'maxDelayTime')),
    defaultDelayTime: toNumber(pick(d, 'defaultDelayTime')),
    maxNameLength: toNumber(pick(d, 'maxNameLength')),
  };
  const maxGroups = pick(d, 'maxGroups');
  if (maxGroups !== undefined) caps.maxGroups = toNumber(maxGroups);
  // 1.3: "imagesources" (plural, unlike every other "imagesource" of the page).
  const imagesources = pick(d, 'imagesources', 'imageSources');
  if (imagesources !== undefined) caps.imagesources = toChannelList(imagesources);
  const overlayChannels = pick(d, 'overlayChannels');
  if (overlayChannels !== undefined) caps.overlayChannels = toChannelList(overlayChannels);
  return caps;
}

const empty = (): Record<string, never> => ({});

const NORMALIZERS: { [M in MethodName]: (data: Json) => MethodResults[M] } = {
  getSupportedVersions: (d) => ({ apiVersions: toList(pick(d, 'apiVersions')).map((v) => toStr(v)) }),
  getConfigurationCapabilities: normalizeCapabilities,
  setTemperatureScale: empty,
  getIsothermLevels: (d) => {
    const levels: MethodResults['getIsothermLevels'] = {
      high: toNumber(pick(d, 'high')),
      middle: toNumber(pick(d, 'middle')),
      low: toNumber(pick(d, 'low')),
      renderOverlay: toBoolean(pick(d, 'renderOverlay')),
    };
    const min = pick(d, 'min');
    if (min !== undefined) levels.min = toNumber(min);
    return levels;
  },
  setIsothermLevels: empty,
  addArea: (d) => ({ id: toNumber(pick(d, 'id')) }),
  updateArea: empty,
  removeAreas: empty,
  listAreas: (d) => ({ areaList: toList(pick(d, 'areaList', 'arealist')).map(normalizeArea) }),
  getAreaStatus: (d) => ({ areaList: toList(pick(d, 'areaList', 'arealist')).map(normalizeAreaStatus) }),
  addSpotTemperature: empty,
  getSpotTemperature: (d) => ({
    spotTemperature: toNumber(pick(d, 'spotTemperature')),
    spotCoordinates: toPoint(pick(d, 'spotCoordinates')),
    renderOverlay: toBoolean(pick(d, 'renderOverlay')),
  }),
  removeSpotTemperature: empty,
  getTgtConfiguration: (d) => ({
    pauseOnAlarm: toBoolean(pick(d, 'pauseOnAlarm')),
    autoResume: toBoolean(pick(d, 'autoResume')),
  }),
  setTgtConfiguration: empty,
  addGroup: (d) => ({ id: toNumber(pick(d, 'id')), enabled: toBoolean(pick(d, 'enabled')) }),
  updateGroup: (d) => ({ enabled: toBoolean(pick(d, 'enabled')) }),
  removeGroup: empty,
  listGroups: (d) => ({ groupList: toList(pick(d, 'grouplist', 'groupList')).map(normalizeGroup) }),
  getGroupStatus: (d) => ({ groupList: toList(pick(d, 'grouplist', 'groupList')).map(normalizeGroupStatus) }),
  addOverlayChannel: empty,
  removeOverlayChannel: empty,
  listOverlayChannels: (d) => ({ overlayList: toList(pick(d, 'overlayList')).map(normalizeOverlayMapping) }),
  listSpotMeters: (d) => ({ spotMeters: toList(pick(d, 'spotmeters', 'spotMeters')).map(normalizeSpotMeter) }),
};

/**
 * The normalized result of `method` from a reply's `data`. A missing `data`
 * reads as {} (some firmwares omit it for methods that return nothing); data
 * that is not an object is a protocol error.
 */
export function normalizeResult<M extends MethodName>(method: M, data: unknown, camera?: string): MethodResults[M] {
  if (data === undefined || data === null) data = {};
  if (!isObject(data)) {
    throw new ThermometryError(
      'protocol',
      `${method}: camera${camera ? ` ${camera}` : ''} answered with "data" that is not an object; check that it is an Axis thermometric camera`,
      { method, camera },
    );
  }
  return NORMALIZERS[method](data);
}
