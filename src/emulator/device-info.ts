/**
 * Two general VAPIX APIs every Axis camera has besides thermometry, so that a
 * client can say what it is talking to and as whom:
 *
 *   POST /axis-cgi/basicdeviceinfo.cgi  {"apiVersion":"1.1","method":"getAllProperties"}   viewer
 *        -> data.propertyList {Brand, ProdFullName, ProdNbr, ProdShortName, ProdType,
 *           SerialNumber, Version (the firmware), ...}; also getSupportedVersions.
 *   GET  /axis-cgi/usergroup.cgi                                                          viewer
 *        -> text/plain: the user name, then its groups ("admin operator viewer ptz").
 */
import type * as http from 'http';
import type { Role } from '../api/methods';
import type { CameraProfile } from './profiles';
import { BASICDEVICEINFO_PATH, USERGROUP_PATH } from '../api/paths';
import type { Emulator } from './server';

/** The firmware the emulator reports (an AXIS OS LTS-like number). */
const EMULATOR_FIRMWARE = '11.11.73';

/** Groups of each role, as usergroup.cgi lists them (an administrator is in every group). */
const GROUPS: Record<Role, string> = {
  administrator: 'admin operator viewer ptz',
  operator: 'operator viewer ptz',
  viewer: 'viewer',
};

/** What the device routes need of the emulator. */
type DeviceRouteHost = Pick<Emulator, 'camera' | 'apiList' | 'addRoute'>;

function send(res: http.ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function deviceProperties(profile: CameraProfile): Record<string, string> {
  const full = `${profile.model} (emulator)`;
  const nbr = /AXIS\s+(\S+)/.exec(profile.model)?.[1] ?? 'emulator';
  return {
    Architecture: 'aarch64',
    Brand: 'AXIS',
    BuildDate: 'Jan 01 2026 00:00',
    HardwareID: '000',
    ProdFullName: full,
    ProdNbr: nbr,
    ProdShortName: `AXIS ${nbr}`,
    ProdType: 'Thermal Network Camera',
    ProdVariant: '',
    // The one serial of the camera, as in the Digest realm (AXIS_<serial>).
    SerialNumber: profile.serial,
    Soc: 'emulated',
    SocSerialNumber: '00000000-00000000',
    Version: EMULATOR_FIRMWARE,
    WebURL: 'https://www.axis.com/',
  };
}

export function addDeviceRoutes(host: DeviceRouteHost): void {
  host.apiList.push({ id: 'basic-device-info', version: '1.1', name: 'Basic Device Information', docLink: 'https://developer.axis.com/vapix/network-video/basic-device-information/' });

  host.addRoute('POST', BASICDEVICEINFO_PATH, 'viewer', (_req, res, ctx) => {
    let request: { apiVersion?: unknown; context?: unknown; method?: unknown };
    try {
      request = JSON.parse(ctx.body.toString('utf8')) ?? {};
    } catch {
      return send(res, 400, 'application/json', JSON.stringify({ apiVersion: '1.1', error: { code: 4000, message: 'Invalid JSON' } }));
    }
    const envelope: Record<string, unknown> = { apiVersion: '1.1', method: request.method };
    if (typeof request.context === 'string') envelope.context = request.context;
    if (request.method === 'getSupportedVersions') return send(res, 200, 'application/json', JSON.stringify({ ...envelope, data: { apiVersions: ['1.1'] } }));
    if (request.method === 'getAllProperties' || request.method === 'getAllUnrestrictedProperties') {
      return send(res, 200, 'application/json', JSON.stringify({ ...envelope, data: { propertyList: deviceProperties(host.camera.profile) } }));
    }
    return send(res, 400, 'application/json', JSON.stringify({ ...envelope, error: { code: 2004, message: 'Method not supported' } }));
  });

  host.addRoute('GET', USERGROUP_PATH, 'viewer', (_req, res, ctx) => {
    send(res, 200, 'text/plain', `${ctx.username}\n${GROUPS[ctx.role]}\n`);
  });
}
