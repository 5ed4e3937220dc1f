/**
 * Checks a request's params against the method table (src/api/methods.ts):
 * required (2103), types, enumerations, ranges and polygon rules (2104).
 * Rules that need state (limits reached, unique names, presets) live in camera.ts.
 */
import { ApiVersion, CapabilityName, compareVersions, Limit, MethodName, METHODS, ParamSpec } from '../api/methods';
import type { ConfigurationCapabilities, MethodParams, Point } from '../api/types';
import { polygonFault } from '../api/polygon';
import { isPlainObject } from '../api/values';
import { invalidParam, missingParam, VapixError } from './vapix-error';

/** Why a polygon breaks the camera's rules (unique vertices, edges that neither cross nor touch), or undefined. */
export function polygonProblem(vertices: Point[]): string | undefined {
  const fault = polygonFault(vertices, 'strict');
  if (!fault) return undefined;
  if (fault.rule === 'repeated') return `vertex [${vertices[fault.index][0]}, ${vertices[fault.index][1]}] is repeated`;
  return `edges ${fault.edge} and ${fault.other} ${fault.rule}`;
}

/** Input spellings accepted besides the table's (the reference's examples use them). */
const PARAM_ALIASES: Record<string, string> = { imageSource: 'imagesource' };
const ENUM_ALIASES: Record<string, string> = { 'if triggered': 'if_triggered' };

function resolveLimit(limit: Limit | undefined, caps: ConfigurationCapabilities): number | undefined {
  if (limit === undefined) return undefined;
  if (typeof limit === 'number') return limit;
  return caps[limit as CapabilityName] as number;
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function isPoint(v: unknown): v is Point {
  return Array.isArray(v) && v.length === 2 && isFiniteNumber(v[0]) && isFiniteNumber(v[1]);
}

function checkValue(spec: ParamSpec, value: unknown, caps: ConfigurationCapabilities): unknown {
  const t = spec.type;
  const name = spec.name;
  switch (t.kind) {
    case 'boolean':
      if (typeof value !== 'boolean') throw invalidParam(name, 'must be true or false');
      return value;
    case 'int': {
      if (typeof value !== 'number' || !Number.isInteger(value)) throw invalidParam(name, 'must be a whole number');
      const min = resolveLimit(t.min, caps);
      const max = resolveLimit(t.max, caps);
      if (min !== undefined && value < min) throw invalidParam(name, `must be at least ${min}`);
      if (max !== undefined && value > max) throw invalidParam(name, `must be at most ${max}`);
      return value;
    }
    case 'string': {
      if (typeof value !== 'string') throw invalidParam(name, 'must be a string');
      const max = resolveLimit(t.maxLength, caps);
      if (max !== undefined && value.length > max) throw invalidParam(name, `longer than ${max} characters`);
      return value;
    }
    case 'enum': {
      const v = typeof value === 'string' ? (ENUM_ALIASES[value] ?? value) : value;
      if (typeof v !== 'string' || !t.values.includes(v)) throw invalidParam(name, `must be one of ${t.values.join(', ')}`);
      return v;
    }
    case 'intList': {
      if (!Array.isArray(value)) throw invalidParam(name, 'must be a list of whole numbers');
      const min = resolveLimit(t.min, caps);
      for (const item of value) {
        if (typeof item !== 'number' || !Number.isInteger(item)) throw invalidParam(name, 'must be a list of whole numbers');
        if (min !== undefined && item < min) throw invalidParam(name, `ids must be at least ${min}`);
      }
      return [...value];
    }
    case 'point':
      if (!isPoint(value)) throw invalidParam(name, 'must be [x, y]');
      return [value[0], value[1]];
    case 'vertices': {
      if (!Array.isArray(value)) throw invalidParam(name, 'must be a list of [x, y]');
      const max = caps.maxNumberOfVertices;
      if (value.length < 3 || value.length > max) throw invalidParam(name, `needs 3..${max} vertices`);
      for (const p of value) {
        if (!isPoint(p)) throw invalidParam(name, 'each vertex must be [x, y]');
        if (Math.abs(p[0]) > 1 || Math.abs(p[1]) > 1) throw invalidParam(name, 'coordinates must be within -1..1');
      }
      const points = value.map((p: Point) => [p[0], p[1]] as Point);
      const problem = polygonProblem(points);
      if (problem) throw invalidParam(name, problem);
      return points;
    }
  }
}

/**
 * The params of `method` as asked with `version`, checked and cleaned: only the
 * table's parameters known at that version are kept (others are ignored, as
 * cameras ignore what they do not know).
 */
export function validateRequestParams<M extends MethodName>(
  method: M,
  rawParams: unknown,
  version: ApiVersion,
  caps: ConfigurationCapabilities,
): MethodParams[M] {
  if (rawParams !== undefined && rawParams !== null && !isPlainObject(rawParams)) {
    throw new VapixError(2105, "Invalid arguments: 'params' must be an object");
  }
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries((rawParams ?? {}) as Record<string, unknown>)) {
    raw[PARAM_ALIASES[key] ?? key] = value;
  }
  const out: Record<string, unknown> = {};
  for (const spec of METHODS[method].params) {
    if (spec.since && compareVersions(version, spec.since) < 0) continue;
    const value = raw[spec.name];
    if (value === undefined || value === null) {
      if (spec.required) throw missingParam(spec.name);
      continue;
    }
    out[spec.name] = checkValue(spec, value, caps);
  }
  // Each of the method's parameters was checked against its row of the table, which is what MethodParams spells.
  return out as MethodParams[M];
}
