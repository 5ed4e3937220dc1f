/**
 * A camera's thermometry setup as one JSON document (issue 17, item 5): what
 * readSetup writes and applySetup takes. Areas and groups are known by name
 * (ids differ from camera to camera); a group names its member areas. The
 * README's "Setup documents" section is this file in words: change both.
 */
import { AREA_OVERLAYS, DETECTION_TYPES, GROUP_MEASUREMENTS, MEASUREMENTS, TEMPERATURE_SCALES } from '../../api/methods';
import type { AreaOverlay, ConfigurationCapabilities, DetectionType, GroupMeasurement, Measurement, Point, TemperatureScale } from '../../api/types';
import { describeType, isPlainObject } from '../../api/values';
import { ThermometryError } from '../errors';

/** What `format` says: the document is one of these, whatever else a file holds. */
export const SETUP_FORMAT = 'axis-thermometry-setup';
/** The schema version this code writes and reads; a newer one is refused (its fields may mean more). */
export const SETUP_VERSION = 1;

/** The camera's limits: getConfigurationCapabilities without the scale (the document's own `scale`). */
export type SetupLimits = Omit<ConfigurationCapabilities, 'currentTemperatureScale'>;

export interface SetupArea {
  /** The id on the camera read (information only: an apply finds areas by name). */
  id?: number;
  name: string;
  imagesource?: number;
  enabled: boolean;
  detectionType: DetectionType;
  measurement: Measurement;
  threshold: number;
  delay: number;
  vertices: Point[];
  areaOverlay?: AreaOverlay;
  temperatureOverlay?: boolean;
  /** PTZ preset; 0 (or absent) on a fixed camera. */
  presetNbr?: number;
}

export interface SetupGroup {
  id?: number;
  name: string;
  enabled: boolean;
  measurement: GroupMeasurement;
  threshold: number;
  delay: number;
  /** Member areas by name. */
  areas: string[];
  groupOverlay?: boolean;
  presetNbr?: number;
}

/** A spot meter: one per camera before API 1.3, one per image source from 1.3. */
export interface SetupSpot {
  /** API 1.3; absent = the camera's default image source. */
  imagesource?: number;
  active: boolean;
  /** coord_neg1_1 (origin centre, y up); present when active. */
  spotCoordinates?: Point;
}

export interface SetupIsotherms {
  high: number;
  middle: number;
  low: number;
  /** API 1.2. */
  min?: number;
  renderOverlay: boolean;
}

export interface SetupDocument {
  format: typeof SETUP_FORMAT;
  version: number;
  /** Where and when it was read (information only). */
  source?: { camera?: string; cameraName?: string; apiVersion?: string; readAt?: string };
  /** The camera read's limits (information only: an apply checks the target's own). */
  limits?: SetupLimits;
  /** PTZ presets of the camera read ([] on a fixed camera). */
  presets?: { nbr: number; name: string }[];
  scale: TemperatureScale;
  isotherms?: SetupIsotherms;
  areas: SetupArea[];
  /** API 1.2; absent when the camera read has none. */
  groups?: SetupGroup[];
  spots?: SetupSpot[];
  /** API 1.3: the channels that also show an image source's area overlays. */
  overlayChannels?: { imagesource: number; overlayChannels: number[] }[];
  /** PTZ cameras only (getTgtConfiguration). */
  guardTour?: { pauseOnAlarm: boolean; autoResume: boolean };
}

/** A document that is not one, in words naming the field and the rule. */
function bad(field: string, rule: string, value?: unknown): never {
  const got = value === undefined ? '' : ` (got ${shortJson(value)})`;
  throw new ThermometryError('validation', `setup document: "${field}" ${rule}${got}`, { field, method: 'applySetup' });
}

function shortJson(value: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(value) ?? String(value);
  } catch {
    s = describeType(value);
  }
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function want<T>(ok: (v: unknown) => v is T, field: string, rule: string, v: unknown): T {
  if (!ok(v)) bad(field, rule, v);
  return v;
}
const bool = (field: string, v: unknown) => want((x): x is boolean => typeof x === 'boolean', field, 'must be true or false', v);
const whole = (field: string, v: unknown) => want(isWhole, field, 'must be a whole number', v);
const text = (field: string, v: unknown) => want((x): x is string => typeof x === 'string' && x.length > 0, field, 'must be a non-empty string', v);
function oneOf<T extends string>(field: string, values: readonly T[], v: unknown): T {
  return want((x): x is T => typeof x === 'string' && (values as readonly string[]).includes(x), field, `must be one of ${values.join(', ')}`, v);
}
function optional<T>(v: unknown, read: (v: unknown) => T): T | undefined {
  return v === undefined ? undefined : read(v);
}
function point(field: string, v: unknown): Point {
  if (!Array.isArray(v) || v.length !== 2 || !isNumber(v[0]) || !isNumber(v[1])) bad(field, 'must be a point [x, y] of two numbers', v);
  return [v[0], v[1]];
}
function list(field: string, v: unknown, max = 10000): unknown[] {
  if (!Array.isArray(v)) bad(field, 'must be a list', v);
  if (v.length > max) bad(field, `must hold at most ${max} entries`, `${v.length} entries`);
  return v;
}

/**
 * The document a message or a file gave, checked for form: every field its
 * type, the format and version known. Limits of a camera are not checked here
 * (planSetup does that against the target). Throws ThermometryError naming
 * the field and the rule.
 */
export function checkDocument(input: unknown): SetupDocument {
  if (typeof input === 'string') {
    try {
      input = JSON.parse(input);
    } catch {
      bad('payload', 'must be a setup document (an object, or its JSON text); the text is not JSON', input);
    }
  }
  if (!isPlainObject(input)) bad('payload', 'must be a setup document (an object with format, version, scale, areas...)', describeType(input));
  const d = input as Record<string, unknown>;
  if (d.format !== SETUP_FORMAT) bad('format', `must be "${SETUP_FORMAT}": this is not a setup document read by this package`, d.format);
  const version = whole('version', d.version);
  if (version < 1 || version > SETUP_VERSION)
    bad('version', `must be ${SETUP_VERSION}: a document written by a newer version of the package may hold what this one cannot apply`, version);
  const doc: SetupDocument = {
    format: SETUP_FORMAT,
    version,
    scale: oneOf('scale', TEMPERATURE_SCALES, d.scale),
    areas: [],
  };
  if (isPlainObject(d.source)) doc.source = { ...(d.source as SetupDocument['source']) };
  if (isPlainObject(d.limits)) doc.limits = { ...(d.limits as unknown as SetupLimits) };
  if (d.presets !== undefined) {
    doc.presets = list('presets', d.presets).map((p, i) => {
      if (!isPlainObject(p)) bad(`presets[${i}]`, 'must be an object {nbr, name}', p);
      const r = p as Record<string, unknown>;
      return { nbr: whole(`presets[${i}].nbr`, r.nbr), name: typeof r.name === 'string' ? r.name : '' };
    });
  }
  if (d.isotherms !== undefined) {
    if (!isPlainObject(d.isotherms)) bad('isotherms', 'must be an object {high, middle, low, min?, renderOverlay}', d.isotherms);
    const i = d.isotherms as Record<string, unknown>;
    doc.isotherms = {
      high: whole('isotherms.high', i.high),
      middle: whole('isotherms.middle', i.middle),
      low: whole('isotherms.low', i.low),
      renderOverlay: bool('isotherms.renderOverlay', i.renderOverlay),
    };
    const min = optional(i.min, (v) => whole('isotherms.min', v));
    if (min !== undefined) doc.isotherms.min = min;
  }
  doc.areas = list('areas', d.areas).map((a, n) => checkArea(a, `areas[${n}]`));
  if (d.groups !== undefined) doc.groups = list('groups', d.groups).map((g, n) => checkGroup(g, `groups[${n}]`));
  if (d.spots !== undefined) doc.spots = list('spots', d.spots, 64).map((s, n) => checkSpot(s, `spots[${n}]`));
  if (d.overlayChannels !== undefined) {
    doc.overlayChannels = list('overlayChannels', d.overlayChannels, 64).map((m, n) => {
      const f = `overlayChannels[${n}]`;
      if (!isPlainObject(m)) bad(f, 'must be an object {imagesource, overlayChannels}', m);
      const r = m as Record<string, unknown>;
      return {
        imagesource: whole(`${f}.imagesource`, r.imagesource),
        overlayChannels: list(`${f}.overlayChannels`, r.overlayChannels, 64).map((c, k) => whole(`${f}.overlayChannels[${k}]`, c)),
      };
    });
  }
  if (d.guardTour !== undefined) {
    if (!isPlainObject(d.guardTour)) bad('guardTour', 'must be an object {pauseOnAlarm, autoResume}', d.guardTour);
    const g = d.guardTour as Record<string, unknown>;
    doc.guardTour = { pauseOnAlarm: bool('guardTour.pauseOnAlarm', g.pauseOnAlarm), autoResume: bool('guardTour.autoResume', g.autoResume) };
  }
  return doc;
}

function checkArea(a: unknown, f: string): SetupArea {
  if (!isPlainObject(a)) bad(f, 'must be an area object {name, enabled, detectionType, ...}', a);
  const r = a as Record<string, unknown>;
  const area: SetupArea = {
    name: text(`${f}.name`, r.name),
    enabled: bool(`${f}.enabled`, r.enabled),
    detectionType: oneOf(`${f}.detectionType`, DETECTION_TYPES, r.detectionType),
    measurement: oneOf(`${f}.measurement`, MEASUREMENTS, r.measurement),
    threshold: whole(`${f}.threshold`, r.threshold),
    delay: whole(`${f}.delay`, r.delay),
    vertices: list(`${f}.vertices`, r.vertices, 1000).map((p, i) => point(`${f}.vertices[${i}]`, p)),
  };
  const id = optional(r.id, (v) => whole(`${f}.id`, v));
  if (id !== undefined) area.id = id;
  const imagesource = optional(r.imagesource, (v) => whole(`${f}.imagesource`, v));
  if (imagesource !== undefined) area.imagesource = imagesource;
  const areaOverlay = optional(r.areaOverlay, (v) => oneOf(`${f}.areaOverlay`, AREA_OVERLAYS, v));
  if (areaOverlay !== undefined) area.areaOverlay = areaOverlay;
  const temperatureOverlay = optional(r.temperatureOverlay, (v) => bool(`${f}.temperatureOverlay`, v));
  if (temperatureOverlay !== undefined) area.temperatureOverlay = temperatureOverlay;
  const presetNbr = optional(r.presetNbr, (v) => whole(`${f}.presetNbr`, v));
  if (presetNbr !== undefined) area.presetNbr = presetNbr;
  return area;
}

function checkGroup(g: unknown, f: string): SetupGroup {
  if (!isPlainObject(g)) bad(f, 'must be a group object {name, enabled, measurement, threshold, delay, areas}', g);
  const r = g as Record<string, unknown>;
  const group: SetupGroup = {
    name: text(`${f}.name`, r.name),
    enabled: bool(`${f}.enabled`, r.enabled),
    measurement: oneOf(`${f}.measurement`, GROUP_MEASUREMENTS, r.measurement),
    threshold: whole(`${f}.threshold`, r.threshold),
    delay: whole(`${f}.delay`, r.delay),
    areas: list(`${f}.areas`, r.areas, 1000).map((n, i) => text(`${f}.areas[${i}]`, n)),
  };
  const id = optional(r.id, (v) => whole(`${f}.id`, v));
  if (id !== undefined) group.id = id;
  const groupOverlay = optional(r.groupOverlay, (v) => bool(`${f}.groupOverlay`, v));
  if (groupOverlay !== undefined) group.groupOverlay = groupOverlay;
  const presetNbr = optional(r.presetNbr, (v) => whole(`${f}.presetNbr`, v));
  if (presetNbr !== undefined) group.presetNbr = presetNbr;
  return group;
}

function checkSpot(s: unknown, f: string): SetupSpot {
  if (!isPlainObject(s)) bad(f, 'must be a spot object {imagesource?, active, spotCoordinates?}', s);
  const r = s as Record<string, unknown>;
  const spot: SetupSpot = { active: bool(`${f}.active`, r.active) };
  const imagesource = optional(r.imagesource, (v) => whole(`${f}.imagesource`, v));
  if (imagesource !== undefined) spot.imagesource = imagesource;
  if (r.spotCoordinates !== undefined) spot.spotCoordinates = point(`${f}.spotCoordinates`, r.spotCoordinates);
  if (spot.active && !spot.spotCoordinates) bad(`${f}.spotCoordinates`, 'is required for an active spot ([x, y] in -1..1, origin centre, y up)');
  return spot;
}
