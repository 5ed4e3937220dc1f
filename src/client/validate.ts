/**
 * Validation before sending, driven by the method table (src/api/methods.ts)
 * and the camera's capabilities: a bad value fails here with a message that
 * names the method, the field and the rule, instead of a bare 2104 from the
 * camera. Without capabilities, only the fixed limits are checked.
 */
import {
  ApiVersion,
  CapabilityName,
  ChannelListName,
  Limit,
  METHODS,
  MethodName,
  ParamSpec,
  compareVersions,
  isMethodName,
  methodAvailable,
} from '../api/methods';
import { polygonFault } from '../api/polygon';
import { describeType, isPlainObject } from '../api/values';
import type { ConfigurationCapabilities } from '../api/types';
import { ThermometryError } from './errors';

type Caps = Partial<ConfigurationCapabilities> | undefined;

/** A value as messages show it: JSON, cut short. */
function show(value: unknown): string {
  let s: string;
  try {
    s = value === undefined ? 'undefined' : (JSON.stringify(value) ?? String(value));
  } catch {
    s = String(value);
  }
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function fail(method: string, field: string | undefined, message: string): never {
  throw new ThermometryError('validation', `${method}: ${message}`, { method, field });
}

function resolve(limit: Limit | undefined, caps: Caps): number | undefined {
  if (limit === undefined) return undefined;
  if (typeof limit === 'number') return limit;
  const v = caps?.[limit as CapabilityName];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function rangeWords(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return ` from ${min} to ${max}`;
  if (min !== undefined) return ` of at least ${min}`;
  if (max !== undefined) return ` of at most ${max}`;
  return '';
}

const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

// Isotherm level ranges relative to the capabilities (reference: setIsothermLevels):
// high [min+3, max], middle [min+2, max-1], low [min+1, max-2], min [min, max-3].
const ISOTHERM_OFFSETS: Record<string, [number, number]> = {
  high: [3, 0],
  middle: [2, -1],
  low: [1, -2],
  min: [0, -3],
};
const ISOTHERM_ORDER = ['min', 'low', 'middle', 'high'];

function isIsothermMethod(specs: readonly ParamSpec[]): boolean {
  return ['high', 'middle', 'low'].every((n) => specs.some((p) => p.name === n));
}

/** Limits of an int parameter, with the rules a method adds to the table's limits. */
function intLimits(spec: ParamSpec, specs: readonly ParamSpec[], params: Record<string, unknown>, caps: Caps) {
  if (spec.type.kind !== 'int') return { min: undefined, max: undefined };
  let min = resolve(spec.type.min, caps);
  let max = resolve(spec.type.max, caps);
  if (isIsothermMethod(specs) && ISOTHERM_OFFSETS[spec.name]) {
    const [lo, hi] = ISOTHERM_OFFSETS[spec.name];
    if (min !== undefined) min += lo;
    if (max !== undefined) max += hi;
  }
  // increase/decrease compare a change, which must be positive (reference: addArea threshold).
  if (spec.name === 'threshold' && (params.detectionType === 'increase' || params.detectionType === 'decrease')) {
    min = Math.max(min ?? 1, 1);
  }
  return { min, max };
}

/**
 * Upper bound on vertices when the camera's own limit is unknown (capabilities
 * not readable): far above any Axis camera's, and it keeps the O(n^2) crossing
 * check of a hostile message from blocking the event loop.
 */
const MAX_VERTICES_WITHOUT_CAPABILITIES = 100;

function checkVertices(method: string, name: string, value: unknown, caps: Caps): void {
  const maxN = resolve('maxNumberOfVertices', caps) ?? MAX_VERTICES_WITHOUT_CAPABILITIES;
  const countWords = maxN !== undefined ? `3 to ${maxN}` : 'at least 3';
  if (!Array.isArray(value)) {
    fail(method, name, `"${name}" must be a list of ${countWords} points [x, y] (got ${show(value)})`);
  }
  if (value.length < 3 || (maxN !== undefined && value.length > maxN)) {
    fail(method, name, `"${name}" must have ${countWords} points (got ${value.length})`);
  }
  value.forEach((p, i) => {
    if (!Array.isArray(p) || p.length !== 2 || !p.every((c) => isFiniteNumber(c) && c >= -1 && c <= 1)) {
      fail(method, name, `"${name}[${i}]" must be a point [x, y] with x and y from -1 to 1 (got ${show(p)})`);
    }
  });
  const points = value as number[][];
  const fault = polygonFault(points, 'proper');
  if (fault?.rule === 'repeated') {
    fail(method, name, `"${name}[${fault.index}]" repeats "${name}[${fault.first}]" (${show(points[fault.index])}); all vertices must be unique`);
  }
  if (fault) {
    const n = points.length;
    // Corners counted from 1, as a person counts them on the picture.
    const side = (i: number) => `corner ${i + 1} to ${((i + 1) % n) + 1}`;
    fail(
      method,
      name,
      `"${name}": the outline crosses itself: the side from ${side(fault.edge)} crosses the side from ${side(fault.other)}; list the corners in order around the area`,
    );
  }
}

const POINT_RANGES: Record<string, [number, number]> = {
  coord_neg1_1: [-1, 1],
  coord_0_1: [0, 1],
};
/** Where a coordinate system puts the picture, in words. */
const POINT_WORDS: Record<string, string> = {
  coord_neg1_1: 'the centre at 0, 0, y up',
  coord_0_1: 'the top-left corner at 0, 0, y down',
};

function checkPoint(method: string, name: string, value: unknown, params: Record<string, unknown>): void {
  const system = typeof params.coordinateSystem === 'string' ? params.coordinateSystem : undefined;
  const range = system ? POINT_RANGES[system] : undefined;
  const ok = Array.isArray(value) && value.length === 2 && value.every(isFiniteNumber);
  if (!ok) fail(method, name, `"${name}" must be a point [x, y] of two numbers (got ${show(value)})`);
  if (range) {
    const [lo, hi] = range;
    if (!(value as number[]).every((c) => c >= lo && c <= hi)) {
      fail(
        method,
        name,
        `"${name}" must be a point on the picture: x and y from ${lo} to ${hi}, ${POINT_WORDS[system!]} (coordinateSystem ${system}; got ${show(value)})`,
      );
    }
  }
}

/** The words for a capabilities channel list (1.3). */
const CHANNEL_LIST_WORDS: Record<ChannelListName, string> = {
  imagesources: 'image sources',
  overlayChannels: 'overlay channels',
};

/** A channel the camera's capabilities list (1.3) must hold; cameras that give no list are not checked here. */
function checkChannel(method: string, name: string, value: number, list: ChannelListName, caps: Caps): void {
  const known = caps?.[list];
  if (!Array.isArray(known) || known.includes(value)) return;
  const words = CHANNEL_LIST_WORDS[list];
  fail(
    method,
    name,
    `"${name}" must be one of the camera's ${words} (getConfigurationCapabilities.${list}: ${known.length ? known.join(', ') : 'none'}) (got ${show(value)})`,
  );
}

function checkParam(method: string, spec: ParamSpec, specs: readonly ParamSpec[], params: Record<string, unknown>, caps: Caps): void {
  const { name, type } = spec;
  const value = params[name];
  switch (type.kind) {
    case 'int': {
      const { min, max } = intLimits(spec, specs, params, caps);
      const positive = name === 'threshold' && (params.detectionType === 'increase' || params.detectionType === 'decrease');
      const rule = `a whole number${rangeWords(min, max)}${positive ? ` (positive for detectionType "${params.detectionType}")` : ''}`;
      if (!isWhole(value) || (min !== undefined && value < min) || (max !== undefined && value > max)) {
        fail(method, name, `"${name}" must be ${rule} (got ${show(value)})`);
      }
      if (type.within) checkChannel(method, name, value, type.within, caps);
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') fail(method, name, `"${name}" must be true or false (got ${show(value)})`);
      return;
    case 'string': {
      const max = resolve(type.maxLength, caps);
      if (typeof value !== 'string') {
        fail(method, name, `"${name}" must be a string${max !== undefined ? ` of at most ${max} characters` : ''} (got ${show(value)})`);
      }
      const length = [...value].length;
      if (max !== undefined && length > max) {
        fail(method, name, `"${name}" must be a string of at most ${max} characters (got ${length} characters)`);
      }
      return;
    }
    case 'enum':
      if (typeof value !== 'string' || !type.values.includes(value)) {
        fail(method, name, `"${name}" must be one of ${type.values.join(', ')} (got ${show(value)})`);
      }
      return;
    case 'vertices':
      checkVertices(method, name, value, caps);
      return;
    case 'point':
      checkPoint(method, name, value, params);
      return;
    case 'intList': {
      const min = resolve(type.min, caps);
      if (!Array.isArray(value)) {
        fail(method, name, `"${name}" must be a list of whole numbers${rangeWords(min, undefined)} (got ${show(value)})`);
      }
      value.forEach((item, i) => {
        if (!isWhole(item) || (min !== undefined && item < min)) {
          fail(method, name, `"${name}[${i}]" must be a whole number${rangeWords(min, undefined)} (got ${show(item)})`);
        }
      });
      return;
    }
  }
}

const availability = new Map<string, boolean>();
/** methodAvailable, remembered (it runs on every call). */
export function available(method: MethodName, version: string): boolean {
  const key = `${method}@${version}`;
  let known = availability.get(key);
  if (known === undefined) {
    known = methodAvailable(method, version);
    if (availability.size < 1000) availability.set(key, known);
  }
  return known;
}

/** The message for a method the version lacks (the client fails with it before any request). */
export function versionError(method: MethodName, version: string, how: string): ThermometryError {
  const since = METHODS[method].since;
  return new ThermometryError(
    'version',
    `${method} needs API version ${since} or later, but ${how} ${version}; use a camera (or firmware) that supports ${since}`,
    { method },
  );
}

/**
 * Check `params` for `method` before sending. Throws a ThermometryError of
 * kind 'validation' naming the field and the rule (kind 'version' when the
 * method itself is newer than `version`).
 */
export function validateParams(method: string, params?: unknown, caps?: Partial<ConfigurationCapabilities>, version?: ApiVersion | string): void {
  if (!isMethodName(method)) {
    throw new ThermometryError('validation', `unknown method ${show(method)}; known methods: ${Object.keys(METHODS).join(', ')}`, { method: String(method) });
  }
  if (version !== undefined && !available(method, version)) {
    throw versionError(method, version, 'the camera speaks');
  }
  if (params === undefined || params === null) params = {};
  // Any realm's plain object (a Node-RED Function node builds its own); no array, Buffer, Date or class instance.
  if (!isPlainObject(params)) {
    fail(method, undefined, `params must be an object of parameters (got ${describeType(params)})`);
  }
  const given = params as Record<string, unknown>;
  const specs = METHODS[method].params;
  for (const key of Object.keys(given)) {
    if (given[key] === undefined) continue;
    const spec = specs.find((p) => p.name === key);
    if (!spec) {
      const known = specs.length ? `known: ${specs.map((p) => p.name).join(', ')}` : 'it takes no parameters';
      fail(method, key, `unknown parameter "${key}" (${known})`);
    }
    if (version !== undefined && spec.since && compareVersions(version, spec.since) < 0) {
      fail(method, key, `"${key}" needs API version ${spec.since} or later (the camera speaks ${version}); leave it out`);
    }
  }
  for (const spec of specs) {
    if (given[spec.name] === undefined) {
      if (spec.required) fail(method, spec.name, `"${spec.name}" is required (${spec.description})`);
      continue;
    }
    checkParam(method, spec, specs, given, caps);
  }
  if (isIsothermMethod(specs)) checkIsothermOrder(method, given);
}

/** Isotherm levels present must be unique and rising (min < low < middle < high). */
function checkIsothermOrder(method: string, given: Record<string, unknown>): void {
  const present = ISOTHERM_ORDER.filter((n) => given[n] !== undefined);
  for (let i = 1; i < present.length; i++) {
    const [lower, upper] = [present[i - 1], present[i]];
    if (!((given[lower] as number) < (given[upper] as number))) {
      const got = present.map((n) => `${n} ${given[n]}`).join(', ');
      fail(method, upper, `"${upper}" must be above "${lower}": levels must be unique and rising, ${present.join(' < ')} (got ${got})`);
    }
  }
}

/**
 * Check one parameter of `method`, the others given as context (a threshold's
 * sign depends on detectionType, a point's range on coordinateSystem, isotherm
 * levels on each other). The editor checks each form field with this, so the
 * form refuses what the client would.
 */
export function validateParam(method: MethodName, name: string, params: Record<string, unknown>, caps?: Partial<ConfigurationCapabilities>): void {
  const specs = METHODS[method].params;
  const spec = specs.find((p) => p.name === name);
  if (!spec || params[name] === undefined) return;
  checkParam(method, spec, specs, params, caps);
  if (isIsothermMethod(specs) && ISOTHERM_ORDER.includes(name)) checkIsothermOrder(method, params);
}
