/**
 * axis-cgi/thermometry.cgi: one JSON request in, one JSON reply out.
 * Checks run in the order a camera's CGI runs them: JSON, envelope (method,
 * apiVersion), version gating, security level, device support, params, state.
 * The method table (src/api/methods.ts) gives levels, versions and params.
 */
import { ApiVersion, compareVersions, isMethodName, MethodName, METHODS, methodAvailable, replyFieldAvailable, Role, roleAllows } from '../api/methods';
import type { AreaOverlay, MethodParams, RpcResponse } from '../api/types';
import type { AreaRecord, CameraModel, GroupRecord } from './camera';
import { CHANNEL_HANDLERS } from './channel-methods';
import { Tenths } from './json-text';
import { VapixError } from './vapix-error';
import { validateRequestParams } from './validation';

export interface CgiReply {
  status: number;
  body: RpcResponse;
}

/** The highest minor of each major version served (what getSupportedVersions lists). */
export function highestMinors(versions: readonly ApiVersion[]): string[] {
  // Asked at every request with the camera's own (unchanging) list: computed once per list.
  const known = minorsOf.get(versions);
  if (known) return known;
  const best = new Map<string, string>();
  for (const v of versions) {
    const major = v.split('.')[0];
    const cur = best.get(major);
    if (!cur || compareVersions(v, cur) > 0) best.set(major, v);
  }
  const minors = [...best.values()].sort(compareVersions);
  minorsOf.set(versions, minors);
  return minors;
}
const minorsOf = new WeakMap<readonly ApiVersion[], string[]>();

/** Answers one method, given its params as the method table has checked them. */
export type Handler<M extends MethodName> = (camera: CameraModel, p: MethodParams[M], version: ApiVersion) => unknown;

function listedOverlay(overlay: AreaOverlay, reference: boolean): string {
  return reference && overlay === 'if_triggered' ? 'if triggered' : overlay;
}

function listedArea(area: AreaRecord, reference: boolean): Record<string, unknown> {
  return {
    id: area.id,
    [reference ? 'imageSource' : 'imagesource']: area.imagesource,
    enabled: area.enabled,
    name: area.name,
    detectionType: area.detectionType,
    measurement: area.measurement,
    threshold: area.threshold,
    delay: area.delay,
    position: area.vertices.map((p) => [p[0], p[1]]),
    areaOverlay: listedOverlay(area.areaOverlay, reference),
    temperatureOverlay: area.temperatureOverlay,
    presetNbr: area.presetNbr,
  };
}

function listedGroup(camera: CameraModel, g: GroupRecord): Record<string, unknown> {
  return {
    id: g.id,
    enabled: camera.groupEnabled(g),
    name: g.name,
    measurement: g.measurement,
    threshold: g.threshold,
    delay: g.delay,
    areaIds: [...g.areaIds],
    groupOverlay: g.groupOverlay,
    presetNbr: g.presetNbr,
  };
}

const isReference = (camera: CameraModel) => camera.profile.spelling === 'reference';
// Devices answer "arealist" (Axis's own camera-side code reads it so); the reference writes "areaList".
const areaListKey = (camera: CameraModel) => (isReference(camera) ? 'areaList' : 'arealist');
/**
 * A measured temperature as the profile writes it: devices write reals in tenths
 * (`241.0`); the reference's examples write whole degrees (`"avg": 5`) for area
 * readings and the spot, reals for group readings.
 */
const reading = (camera: CameraModel, value: number, wholeInReference = true) =>
  isReference(camera) && wholeInReference ? Math.round(value) : new Tenths(value);

/** A reply's data with only the fields the asked version has (the method table's replyFields). */
function forVersion(method: MethodName, data: Record<string, unknown>, version: ApiVersion): Record<string, unknown> {
  for (const key of Object.keys(data)) if (!replyFieldAvailable(method, key, version)) delete data[key];
  return data;
}

/** From the version the method table names, an area's name is unique (2104). */
const uniqueAreaNames = (method: 'addArea' | 'updateArea', version: ApiVersion) => {
  const since = METHODS[method].params.find((p) => p.name === 'name')?.uniqueSince;
  return since !== undefined && compareVersions(version, since) >= 0;
};

const HANDLERS: { [M in MethodName]: Handler<M> } = {
  getSupportedVersions: () => {
    throw new Error('answered by the dispatcher');
  },
  getConfigurationCapabilities: (camera, _p, version) => forVersion('getConfigurationCapabilities', { ...camera.capabilities() }, version),
  setTemperatureScale: (camera, p) => {
    camera.setTemperatureScale(p.unit);
    return {};
  },
  getIsothermLevels: (camera, _p, version) => {
    const iso = camera.isotherms;
    return forVersion('getIsothermLevels', { high: iso.high, middle: iso.middle, low: iso.low, min: iso.min, renderOverlay: iso.renderOverlay }, version);
  },
  setIsothermLevels: (camera, p) => {
    camera.setIsothermLevels(p);
    return {};
  },
  addArea: (camera, p, version) => ({ id: camera.addArea(p, { uniqueName: uniqueAreaNames('addArea', version) }) }),
  updateArea: (camera, p, version) => {
    camera.updateArea(p.id, p, { uniqueName: uniqueAreaNames('updateArea', version) });
    return {};
  },
  removeAreas: (camera, p) => {
    camera.removeAreas(p.areas);
    return {};
  },
  listAreas: (camera, p) => ({
    [areaListKey(camera)]: camera.listAreas(p.presetNbr).map((a) => listedArea(a, isReference(camera))),
  }),
  getAreaStatus: (camera) => ({
    [areaListKey(camera)]: camera.areaStatus().map((s) => {
      const [avg, min, max] = [reading(camera, s.avg), reading(camera, s.min), reading(camera, s.max)];
      return isReference(camera)
        ? { id: s.id, avg, min, max, maxPos: s.maxCoordinates, minPos: s.minCoordinates, triggered: s.triggered }
        : { id: s.id, avg, min, max, minCoordinates: s.minCoordinates, maxCoordinates: s.maxCoordinates, triggered: s.triggered };
    }),
  }),
  addSpotTemperature: (camera, p) => {
    camera.setSpot(p.spotCoordinates, p.coordinateSystem, p.imagesource);
    return {};
  },
  getSpotTemperature: (camera, p) => ({
    spotTemperature: reading(camera, camera.spotTemperature(p.imagesource)),
    spotCoordinates: camera.spotCoordinates(p.coordinateSystem, p.imagesource),
    renderOverlay: camera.channels.spot(p.imagesource).renderOverlay,
  }),
  removeSpotTemperature: (camera, p) => {
    camera.removeSpot(p.imagesource);
    return {};
  },
  getTgtConfiguration: (camera) => {
    camera.requireTgt();
    return { pauseOnAlarm: camera.tgt.pauseOnAlarm, autoResume: camera.tgt.autoResume };
  },
  setTgtConfiguration: (camera, p) => {
    camera.setTgt({ pauseOnAlarm: p.pauseOnAlarm, autoResume: p.autoResume });
    return {};
  },
  addGroup: (camera, p) => camera.addGroup(p),
  updateGroup: (camera, p) => camera.updateGroup(p.id, p),
  removeGroup: (camera, p) => {
    camera.removeGroup(p.id);
    return {};
  },
  listGroups: (camera, p) => ({
    grouplist: camera.listGroups(p.presetNbr).map((g) => listedGroup(camera, g)),
  }),
  getGroupStatus: (camera) => ({
    grouplist: camera.groupStatus().map((g) => ({
      ...g,
      details: {
        ...g.details,
        currentDeviation: reading(camera, g.details.currentDeviation, false),
        // {maxAreaId, maxAreaTemp} then {minAreaId, minAreaTemp}: the temperatures as readings.
        maxDeviationAreas: g.details.maxDeviationAreas.map((entry) =>
          Object.fromEntries(Object.entries(entry).map(([k, v]) => [k, k.endsWith('Temp') ? reading(camera, v, false) : v])),
        ),
      },
    })),
  }),
  ...CHANNEL_HANDLERS,
};

/** Checks the params of `method` against the method table and answers with its handler. */
function answer<M extends MethodName>(method: M, camera: CameraModel, rawParams: unknown, version: ApiVersion): unknown {
  const handler: Handler<M> = HANDLERS[method];
  return handler(camera, validateRequestParams(method, rawParams, version, camera.capabilities()), version);
}

/** Methods that only PTZ cameras support (1202 elsewhere), checked before params. */
const PTZ_ONLY: readonly MethodName[] = ['getTgtConfiguration', 'setTgtConfiguration'];

export interface CgiContext {
  camera: CameraModel;
  role: Role;
  versions: readonly ApiVersion[];
}

/** Answers one thermometry.cgi request body (already checked for method, type and length). */
export function handleThermometryRequest(bodyText: string, ctx: CgiContext): CgiReply {
  const envelope: RpcResponse = {};
  const fail = (err: VapixError): CgiReply => ({
    status: err.httpStatus,
    body: { ...envelope, error: { code: err.code, message: err.message } },
  });
  const served = highestMinors(ctx.versions);
  try {
    let request: unknown;
    try {
      request = JSON.parse(bodyText);
    } catch {
      envelope.apiVersion = served[served.length - 1];
      return fail(new VapixError(2101, 'Invalid JSON format.'));
    }
    if (typeof request !== 'object' || request === null || Array.isArray(request)) {
      envelope.apiVersion = served[served.length - 1];
      return fail(new VapixError(2101, 'Invalid JSON format: the request must be an object.'));
    }
    const req = request as Record<string, unknown>;
    // Envelope fields are echoed back in this order: apiVersion, context, method.
    envelope.apiVersion = typeof req.apiVersion === 'string' ? req.apiVersion : served[served.length - 1];
    if (typeof req.context === 'string') envelope.context = req.context;
    if (typeof req.method === 'string') envelope.method = req.method;

    if (req.method === undefined) return fail(new VapixError(2103, "Missing parameter: 'method'"));
    if (typeof req.method !== 'string') return fail(new VapixError(2104, "Invalid parameter for: 'method'"));
    const method = req.method;

    if (method === 'getSupportedVersions') {
      if (!roleAllows(ctx.role, METHODS.getSupportedVersions.level)) {
        return fail(new VapixError(2109, 'User is not authorized to this request, permission denied.'));
      }
      envelope.apiVersion = served[served.length - 1];
      return { status: 200, body: { ...envelope, data: { apiVersions: [...served] } } };
    }

    if (req.apiVersion === undefined) return fail(new VapixError(2103, "Missing parameter: 'apiVersion'"));
    const version = req.apiVersion;
    if (typeof version !== 'string' || !(ctx.versions as readonly string[]).includes(version)) {
      return fail(new VapixError(2100, 'The requested API version is not supported.'));
    }
    const apiVersion = version as ApiVersion;
    if (!isMethodName(method)) return fail(new VapixError(2102, 'Method not supported.'));
    if (!methodAvailable(method, apiVersion)) {
      return fail(new VapixError(2102, `Method not supported: ${method} needs API version ${METHODS[method].since} (asked ${apiVersion}).`));
    }
    if (!roleAllows(ctx.role, METHODS[method].level)) {
      return fail(new VapixError(2109, 'User is not authorized to this request, permission denied.'));
    }
    if (PTZ_ONLY.includes(method)) ctx.camera.requireTgt();
    const data = answer(method, ctx.camera, req.params, apiVersion);
    return { status: 200, body: { ...envelope, data: data as Record<string, unknown> } };
  } catch (err) {
    if (err instanceof VapixError) return fail(err);
    // Our own fault: answer as a camera does, never crash.
    return fail(new VapixError(1100, 'Internal error.'));
  }
}
