/**
 * Two general VAPIX APIs every Axis camera has besides thermometry, so that a
 * client can say what it is talking to and as whom:
 *
 *   POST /axis-cgi/basicdeviceinfo.cgi  {"apiVersion":"1.1","method":"getAllProperties"}   viewer
 *        -> data.propertyList {Brand, ProdFullName, ProdNbr, ProdShortName, ProdType,
 *           SerialNumber, Version (the firmware), ...}; also getSupportedVersions.
 *   GET  /axis-cgi/usergroup.cgi                                                          viewer
 *        -> text/plain: the user name, then its groups ("admin operator viewer ptz").
 * and param.cgi's Brand and Properties groups (deviceParams).
 */
import type * as http from 'http';
import type { Role } from '../api/methods';
import type { ParamSource } from './param-cgi';
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
type DeviceRouteHost = Pick<Emulator, 'camera' | 'apiList' | 'addRoute' | 'params'>;

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

/**
 * param.cgi's Brand and Properties groups: what clients read first to learn
 * what the device is (the Python library `axis` needs Properties.API.HTTP.Version,
 * Properties.Firmware.* and Properties.System.SerialNumber, and Brand.*), the
 * same facts as basicdeviceinfo.cgi. Read-only, as on a camera.
 */
export function deviceParams(profile: CameraProfile): ParamSource {
  const p = deviceProperties(profile);
  const entries: [string, string][] = [
    ['Brand.Brand', p.Brand],
    ['Brand.ProdFullName', p.ProdFullName],
    ['Brand.ProdNbr', p.ProdNbr],
    ['Brand.ProdShortName', p.ProdShortName],
    ['Brand.ProdType', p.ProdType],
    ['Brand.ProdVariant', p.ProdVariant],
    ['Brand.WebURL', p.WebURL],
    ['Properties.API.HTTP.AdminPath', '/'],
    ['Properties.API.HTTP.Version', '3'],
    ['Properties.ApiDiscovery.ApiDiscovery', 'yes'],
    ['Properties.Firmware.BuildDate', p.BuildDate],
    ['Properties.Firmware.BuildNumber', '1'],
    ['Properties.Firmware.Version', p.Version],
    ['Properties.HTTPS.HTTPS', 'yes'],
    ['Properties.System.Architecture', p.Architecture],
    ['Properties.System.HardwareID', p.HardwareID],
    ['Properties.System.Language', 'English'],
    ['Properties.System.SerialNumber', p.SerialNumber],
    ['Properties.System.Soc', p.Soc],
  ];
  if (profile.ptz) {
    entries.push(
      ['Properties.API.PTZ.Presets.Version', '2.00'],
      ['Properties.GuardTour.GuardTour', 'yes'],
      ['Properties.PTZ.DigitalPTZ', 'no'],
      ['Properties.PTZ.DriverManagement', 'no'],
      ['Properties.PTZ.PTZ', 'yes'],
    );
  }
  return { list: () => entries };
}

export function addDeviceRoutes(host: DeviceRouteHost): void {
  host.params.push(deviceParams(host.camera.profile));
  host.apiList.push({
    id: 'basic-device-info',
    version: '1.1',
    name: 'Basic Device Information',
    docLink: 'https://developer.axis.com/vapix/network-video/basic-device-information/',
  });

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
