/**
 * What a camera says about itself and about the user asking, through two
 * general VAPIX APIs beside thermometry: basicdeviceinfo.cgi (model, firmware)
 * and usergroup.cgi (the groups of the user the request authenticated as).
 * Both are optional on old firmware: a camera without them gives undefined,
 * never an error, except that 401 (credentials) still throws.
 */
import { CHANNEL_NAMES_QUERY, parseChannelNames } from '../api/channels';
import type { Role } from '../api/methods';
import { BASICDEVICEINFO_PATH, PARAM_PATH, USERGROUP_PATH } from '../api/paths';
import type { RawRequest } from './client';
import { ThermometryError } from './errors';

export interface DeviceInfo {
  /** e.g. "AXIS Q2101-TE Thermal Camera". */
  model?: string;
  /** Product number, e.g. "Q2101-TE". */
  productNumber?: string;
  /** AXIS OS version, e.g. "11.11.73". */
  firmware?: string;
  serialNumber?: string;
}

/** The part of ThermometryClient these reads use. */
interface RawRequester {
  request(opts: RawRequest): Promise<{ status: number; data: any }>;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** Model and firmware (basicdeviceinfo.cgi getAllProperties); undefined when the camera does not tell. */
export async function readDeviceInfo(client: RawRequester): Promise<DeviceInfo | undefined> {
  let reply: { status: number; data: any };
  try {
    reply = await client.request({
      method: 'POST',
      path: BASICDEVICEINFO_PATH,
      body: { apiVersion: '1.1', context: 'thermometry', method: 'getAllProperties' },
    });
  } catch (err) {
    if (err instanceof ThermometryError && err.kind === 'authentication') throw err;
    return undefined; // a viewer refused it, or an unreachable camera: the thermometry call says why
  }
  const props = reply.status === 200 && reply.data && typeof reply.data === 'object' ? reply.data.data?.propertyList : undefined;
  if (!props || typeof props !== 'object') return undefined;
  const info: DeviceInfo = {};
  const model = text(props.ProdFullName) ?? text(props.ProdShortName);
  if (model) info.model = model;
  if (text(props.ProdNbr)) info.productNumber = text(props.ProdNbr);
  if (text(props.Version)) info.firmware = text(props.Version);
  if (text(props.SerialNumber)) info.serialNumber = text(props.SerialNumber);
  return Object.keys(info).length ? info : undefined;
}

/** Parse usergroup.cgi's answer: the user name on the first line, the groups on the second. */
export function levelFromGroups(body: string): Role | undefined {
  const lines = String(body).split(/\r?\n/);
  const groups = (lines[1] ?? '').split(/\s+/);
  if (groups.includes('admin')) return 'administrator';
  if (groups.includes('operator')) return 'operator';
  if (groups.includes('viewer')) return 'viewer';
  return undefined;
}

/** The level of the client's user on the camera (usergroup.cgi); undefined when the camera does not tell. */
export async function readUserLevel(client: RawRequester): Promise<Role | undefined> {
  let reply: { status: number; data: any };
  try {
    reply = await client.request({ method: 'GET', path: USERGROUP_PATH, responseType: 'text' });
  } catch (err) {
    if (err instanceof ThermometryError && err.kind === 'authentication') throw err;
    return undefined;
  }
  return reply.status === 200 && typeof reply.data === 'string' ? levelFromGroups(reply.data) : undefined;
}

/**
 * The names of the camera's video channels (param.cgi `Image.I<n>.Name`, viewer
 * level), for labels; undefined when the camera does not tell.
 */
export async function readChannelNames(client: RawRequester): Promise<Record<number, string> | undefined> {
  let reply: { status: number; data: any };
  try {
    reply = await client.request({ method: 'GET', path: `${PARAM_PATH}?${CHANNEL_NAMES_QUERY}`, responseType: 'text' });
  } catch (err) {
    if (err instanceof ThermometryError && err.kind === 'authentication') throw err;
    return undefined;
  }
  if (reply.status !== 200 || typeof reply.data !== 'string') return undefined;
  const names = parseChannelNames(reply.data);
  return Object.keys(names).length ? names : undefined;
}
