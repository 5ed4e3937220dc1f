/**
 * What a node sends for each method (msg.payload) and the short status text
 * it shows under the node. The payload is the reply's data, unwrapped where
 * the reply is a single list; where the camera replies with nothing, the
 * payload says what was done (the id, or the parameters applied).
 */
import type { MethodName } from '../../api/methods';

type Params = Record<string, unknown>;
type Data = Record<string, any>;

export function toPayload(method: MethodName, params: Params, result: unknown): unknown {
  const data: Data = result && typeof result === 'object' ? (result as Data) : {};
  switch (method) {
    case 'listAreas':
    case 'getAreaStatus':
      return asArray(data.areaList ?? data.arealist);
    case 'listGroups':
    case 'getGroupStatus':
      return asArray(data.groupList ?? data.grouplist);
    case 'getSupportedVersions':
      return asArray(data.apiVersions);
    case 'listOverlayChannels':
      return asArray(data.overlayList);
    case 'listSpotMeters':
      return asArray(data.spotMeters ?? data.spotmeters);
    case 'addArea':
      // The name too, so that a flow can label the id it got (the camera replies with the id only).
      return { id: data.id, name: params.name };
    case 'addGroup':
      return { id: data.id, enabled: data.enabled };
    case 'updateArea':
      return { id: params.id };
    case 'updateGroup':
      return { id: params.id, enabled: data.enabled };
    case 'removeAreas':
      return { areas: params.areas };
    case 'removeGroup':
      return { id: params.id };
    case 'setTemperatureScale':
    case 'setIsothermLevels':
    case 'setTgtConfiguration':
    case 'addSpotTemperature':
    case 'addOverlayChannel':
    case 'removeOverlayChannel':
      return { ...params };
    case 'removeSpotTemperature':
      // The image source whose spot went, when one was named (1.3).
      return params.imagesource !== undefined ? { imagesource: params.imagesource } : {};
    default:
      return data;
  }
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Key (in the shared catalogue, thermometry.result.*) and substitutions of the success status. */
export function resultStatus(method: MethodName, params: Params, payload: unknown, unit?: string): { key: string; values: Record<string, unknown> } {
  const p = (payload ?? {}) as Data;
  const list = Array.isArray(payload) ? payload : [];
  const u = unitSymbol(unit);
  switch (method) {
    case 'listAreas':
    case 'listGroups':
      return { key: method, values: { count: list.length } };
    case 'getAreaStatus': {
      const triggered = list.filter((x: Data) => x && x.triggered).length;
      const maxima = list.map((x: Data) => x && x.max).filter((m): m is number => typeof m === 'number' && Number.isFinite(m));
      if (!maxima.length) return { key: method, values: { count: list.length, triggered } };
      return { key: 'getAreaStatusMax', values: { count: list.length, triggered, max: round1(Math.max(...maxima)), unit: u } };
    }
    case 'getGroupStatus':
      return { key: method, values: { count: list.length, triggered: list.filter((x: Data) => x && x.triggered).length } };
    case 'getSupportedVersions':
      return { key: method, values: { versions: list.join(', ') } };
    case 'listOverlayChannels':
      return { key: method, values: { count: list.reduce((n: number, m: Data) => n + (Array.isArray(m?.overlayChannels) ? m.overlayChannels.length : 0), 0) } };
    case 'listSpotMeters':
      return { key: method, values: { count: list.length, active: list.filter((m: Data) => m && m.active).length } };
    case 'addOverlayChannel':
    case 'removeOverlayChannel':
      return { key: method, values: { channel: params.overlayChannel, source: params.imagesource } };
    case 'addArea':
    case 'addGroup':
    case 'updateArea':
    case 'updateGroup':
      return { key: method, values: { id: p.id } };
    case 'removeAreas':
      return { key: method, values: { ids: Array.isArray(params.areas) ? (params.areas as unknown[]).join(', ') : '' } };
    case 'removeGroup':
      return { key: params.id === 0 ? 'removeAllGroups' : method, values: { id: params.id } };
    case 'getSpotTemperature':
      return { key: method, values: { temperature: typeof p.spotTemperature === 'number' ? round1(p.spotTemperature) : p.spotTemperature, unit: u } };
    case 'getConfigurationCapabilities':
      return { key: method, values: { scale: p.currentTemperatureScale, min: p.minTemperature, max: p.maxTemperature, unit: unitSymbol(p.currentTemperatureScale) } };
    case 'setTemperatureScale':
      return { key: method, values: { unit: params.unit } };
    case 'getIsothermLevels':
      return { key: method, values: { low: p.low, middle: p.middle, high: p.high, unit: u } };
    case 'getTgtConfiguration':
      return { key: method, values: { pauseOnAlarm: p.pauseOnAlarm, autoResume: p.autoResume } };
    default:
      return { key: method, values: {} };
  }
}

/** "°C" / "°F" for the camera's scale; a bare "°" when it is not known. */
function unitSymbol(scale: unknown): string {
  return scale === 'celsius' ? '°C' : scale === 'fahrenheit' ? '°F' : '°';
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
