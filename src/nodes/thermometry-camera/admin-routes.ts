/**
 * The editor's view of a camera (admin routes, read only): what the forms
 * draw and pick from. Each route is behind RED.auth.needsPermission
 * ('thermometry-camera.read'): with adminAuth on, no token gives 401 and a
 * token lacking the permission 403.
 *
 *   GET  /axis-thermometry/capabilities/:id      -> the deployed camera's
 *        getConfigurationCapabilities (cached by its client), for the forms' ranges
 *   POST /axis-thermometry/camera/:id/view       -> JSON, every part the forms use:
 *        { camera, version, capabilities, areas, areaStatus, groups, spot,
 *          presets ([{nbr, name}], [] on a fixed camera), currentPreset (the preset whose
 *          areas getAreaStatus measures, or null), unavailable: { part: reason } }
 *        (a part the camera lacks is null, with its reason)
 *        body.presetNbr (optional): list the areas and groups of that preset only
 *   POST /axis-thermometry/camera/:id/snapshot   -> image/jpeg (axis-cgi/jpg/image.cgi)
 *   POST /axis-thermometry/camera/:id/test       -> the camera form's "Test connection":
 *        { ok: true, camera, model?, firmware?, apiVersions, version, userLevel?, scale? }
 *        or { ok: false, camera, reason (plain words), message, userLevel? }
 *
 * :id is the camera config node's id. The camera is the deployed one (its
 * client) unless body.camera holds the settings the editor has (a camera typed
 * but not deployed, or changed since): then a short-lived client of those
 * settings is used. Credentials travel in the body only, never in a URL; a
 * password of "__PWRD__" (what the editor shows for a stored one) or none
 * means the stored credentials, and those are used only for the address they
 * were stored with, so a changed host cannot be sent the stored password.
 *
 * Failures answer { error: "short reason", detail, kind } (plainReason, as the
 * nodes' status says it) with a status code (400 settings,
 * 404 not deployed, 409 unusable configuration, 502 camera refused or failed,
 * 504 timed out), never a stack, never a password, and nothing is logged with
 * the request's body.
 */
import { createHash } from 'crypto';
import { createClient, readDeviceInfo, readUserLevel, type ThermometryClient } from '../shared/client';
import { cameraOptions, type CameraDef } from '../shared/camera-options';
import { plainReason, toNodeError, withUserLevel } from '../shared/errors';
import type { CameraConfigNode } from '../shared/camera-api';
import type { NodeAPI } from '../shared/red';

/** The editor's placeholder for a stored password (Node-RED's own). */
export const STORED_PASSWORD = '__PWRD__';
export const READ_PERMISSION = 'thermometry-camera.read';
/** A typed camera's client is kept this long after its last use (the form refreshes every few seconds). */
const TYPED_CLIENT_IDLE_MS = 30000;

interface Req {
  params: { id: string };
  body?: unknown;
  user?: unknown;
}
interface Res {
  headersSent?: boolean;
  status(code: number): Res;
  json(body: unknown): void;
  set(field: string, value: string): Res;
  send(body: Buffer): void;
}
type Next = () => void;
type Middleware = (req: Req, res: Res, next: Next) => void;

/** An answer that is not the camera's data: status code and a short reason. */
class RouteError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** Camera settings as the editor's form holds them (the config node's fields and credentials). */
interface TypedCamera extends Omit<CameraDef, 'id' | 'type'> {
  username?: string;
  password?: string;
}

const SETTING_NAMES = ['host', 'port', 'protocol', 'tls', 'caPem', 'caFile', 'apiVersion', 'timeout'] as const;

function typedCamera(body: unknown): TypedCamera | undefined {
  const camera = body && typeof body === 'object' ? (body as { camera?: unknown }).camera : undefined;
  if (camera === undefined || camera === null) return undefined;
  if (typeof camera !== 'object' || Array.isArray(camera)) throw new RouteError(400, 'camera: the settings must be an object');
  const out: TypedCamera = {};
  const given = camera as Record<string, unknown>;
  for (const name of [...SETTING_NAMES, 'username', 'password'] as const) {
    const v = given[name];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string' && typeof v !== 'number') throw new RouteError(400, `camera.${name} must be text`);
    (out as Record<string, unknown>)[name] = String(v);
  }
  return out;
}

/** The client options of settings, without credentials, as one comparable string (throws on unusable settings). */
function optionsOf(def: CameraDef): string {
  const { username: _u, password: _p, ...rest } = cameraOptions(def, {});
  return JSON.stringify(rest, Object.keys(rest).sort());
}

/** Where settings point: protocol, host and port (the default port written out). */
function endpointOf(def: CameraDef): string {
  const protocol = def.protocol === 'https' ? 'https' : 'http';
  const port = def.port !== undefined && String(def.port).trim() !== '' ? Number(def.port) : protocol === 'https' ? 443 : 80;
  return `${protocol}://${String(def.host ?? '').trim().toLowerCase()}:${port}`;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Answer a failure: a short reason and a status code (never a stack). */
function fail(res: Res, err: unknown): void {
  if (res.headersSent) return;
  if (err instanceof RouteError) {
    res.status(err.status).json({ error: err.message });
    return;
  }
  const e = toNodeError(err);
  const status = e.info.kind === 'timeout' ? 504 : e.info.kind === 'validation' ? 400 : 502;
  // The plain reason the nodes' status shows ("wrong user name or password"); the full message as detail.
  res.status(status).json({ error: plainReason(e.info), detail: e.message, kind: e.info.kind });
}

export function registerAdminRoutes(RED: NodeAPI): void {
  const http = RED.httpAdmin;
  if (!http) return;
  const auth = RED.auth;

  /**
   * needsPermission(READ_PERMISSION), answering 403 (not Node-RED's 401) to a
   * signed-in user whose token lacks it: 401 stays for "sign in".
   */
  const guard: Middleware = (req, res, next) => {
    if (!auth) return next();
    const signedIn = auth.needsPermission('') as Middleware;
    const permitted = auth.needsPermission(READ_PERMISSION) as Middleware;
    signedIn(req, res, () => {
      if (!req.user) return next(); // adminAuth off
      const status = res.status.bind(res);
      res.status = (code: number) => status(code === 401 ? 403 : code);
      permitted(req, res, () => {
        res.status = status;
        next();
      });
    });
  };

  const typedClients = new Map<string, { client: ThermometryClient; timer: NodeJS.Timeout }>();

  /** A client of typed settings, shared by requests with the same settings until idle. */
  function typedClient(def: CameraDef, credentials: { username?: string; password?: string }): ThermometryClient {
    const key = hash(JSON.stringify([optionsOf(def), credentials.username ?? '', credentials.password ?? '']));
    const known = typedClients.get(key);
    if (known) {
      known.timer.refresh();
      return known.client;
    }
    const client = createClient(cameraOptions(def, credentials));
    const timer = setTimeout(() => {
      typedClients.delete(key);
      client.close();
    }, TYPED_CLIENT_IDLE_MS);
    timer.unref();
    typedClients.set(key, { client, timer });
    return client;
  }

  /** The client a request is for: the deployed camera's, or one of the settings the editor sent. */
  function clientFor(req: Req): { client: ThermometryClient; camera: string } {
    const id = String(req.params.id);
    const node = RED.nodes.getNode(id) as (CameraConfigNode & { settings?: CameraDef }) | null;
    const deployed = node && node.type === 'thermometry-camera' ? node : undefined;
    const typed = typedCamera(req.body);
    if (!typed) {
      if (!deployed) throw new RouteError(404, 'camera not deployed: deploy it, or open this form from the camera\'s settings');
      if (!deployed.client) throw new RouteError(409, deployed.configError ?? 'camera configuration error');
      return { client: deployed.client, camera: deployed.camera };
    }
    const def: CameraDef = { id, type: 'thermometry-camera' };
    for (const name of SETTING_NAMES) if (typed[name] !== undefined) (def as Record<string, unknown>)[name] = typed[name];
    let options: string;
    try {
      options = optionsOf(def);
    } catch (err) {
      throw new RouteError(400, (err as Error).message);
    }
    const stored = RED.nodes.getCredentials?.(id) ?? deployed?.credentials ?? {};
    const wantsStored = typed.password === undefined || typed.password === '' || typed.password === STORED_PASSWORD;
    const username = typed.username ?? stored.username;
    if (wantsStored && deployed?.settings && stored.password !== undefined) {
      if (endpointOf(deployed.settings) !== endpointOf(def)) {
        throw new RouteError(400, `the stored password is for ${deployed.camera}; type it again in the camera's settings to use it with this address`);
      }
      // Nothing changed since the deploy: the camera's own client (its version and capabilities known).
      if (optionsOf(deployed.settings) === options && username === stored.username && deployed.client) {
        return { client: deployed.client, camera: deployed.camera };
      }
    }
    const password = wantsStored ? stored.password : typed.password;
    const client = typedClient(def, { username, password });
    return { client, camera: endpointOf(def).replace(/^https?:\/\//, '') };
  }

  /** A part of the view: its value, or null with the reason when the camera lacks it (a fixed camera's presets, 1.0's groups). */
  async function part<T>(unavailable: Record<string, string>, name: string, read: () => Promise<T>): Promise<T | null> {
    try {
      return await read();
    } catch (err) {
      const e = toNodeError(err);
      // The camera itself cannot be reached or refuses us: that is the answer, not one missing part.
      if (['network', 'timeout', 'authentication', 'protocol', 'credentials'].includes(e.info.kind)) throw err;
      unavailable[name] = e.message;
      return null;
    }
  }

  http.get('/axis-thermometry/capabilities/:id', guard, (req: Req, res: Res) => {
    const camera = RED.nodes.getNode(String(req.params.id)) as CameraConfigNode | null;
    if (!camera || camera.type !== 'thermometry-camera') {
      res.status(404).json({ error: 'camera not deployed' });
      return;
    }
    if (!camera.client) {
      res.status(409).json({ error: camera.configError ?? 'camera configuration error' });
      return;
    }
    // One chain ending in a catch: a throw while answering must not become an unhandled rejection (Node-RED exits on one).
    camera.client
      .capabilities()
      .then((caps) => res.json(caps))
      .catch((err: unknown) => {
        if (!res.headersSent) res.status(502).json({ error: toNodeError(err).message });
      })
      .catch((err: unknown) => RED.log.warn(`axis-thermometry capabilities route: ${toNodeError(err).message}`));
  });

  http.post('/axis-thermometry/camera/:id/view', guard, (req: Req, res: Res) => {
    (async () => {
      const { client, camera } = clientFor(req);
      const body = (req.body ?? {}) as { presetNbr?: unknown };
      const preset = Number.isInteger(body.presetNbr) && (body.presetNbr as number) > 0 ? { presetNbr: body.presetNbr as number } : {};
      const unavailable: Record<string, string> = {};
      // The version first: it reaches the camera once, so a dead camera fails here with one reason.
      const version = await client.negotiatedVersion();
      const [capabilities, areas, areaStatus, groups, spot, presets] = await Promise.all([
        part(unavailable, 'capabilities', () => client.capabilities()),
        part(unavailable, 'areas', () => client.call('listAreas', preset)),
        part(unavailable, 'areaStatus', () => client.call('getAreaStatus')),
        part(unavailable, 'groups', () => client.call('listGroups', preset)),
        part(unavailable, 'spot', () => client.call('getSpotTemperature', { coordinateSystem: 'coord_neg1_1' })),
        part(unavailable, 'presets', () => client.ptzPresets()),
      ]);
      // getAreaStatus measures the areas of the preset the head is on: that preset, when one of them is listed.
      const measured = new Set((areaStatus?.areaList ?? []).map((a) => a.id));
      const currentPreset = (areas?.areaList ?? []).find((a) => measured.has(a.id) && a.presetNbr)?.presetNbr ?? null;
      res.json({ camera, version, capabilities, areas, areaStatus, groups, spot, presets, currentPreset, unavailable });
    })().catch((err: unknown) => fail(res, err))
      .catch((err: unknown) => RED.log.warn(`axis-thermometry view route: ${toNodeError(err).message}`));
  });

  http.post('/axis-thermometry/camera/:id/snapshot', guard, (req: Req, res: Res) => {
    (async () => {
      const { client } = clientFor(req);
      const shot = await client.snapshot();
      res.status(200).set('Content-Type', shot.contentType || 'image/jpeg').set('Cache-Control', 'no-store').send(shot.image);
    })().catch((err: unknown) => fail(res, err))
      .catch((err: unknown) => RED.log.warn(`axis-thermometry snapshot route: ${toNodeError(err).message}`));
  });

  // The camera form's "Test connection": the settings as typed (or the stored password), one
  // thermometry call that says whether we get in, then what the camera tells about itself.
  http.post('/axis-thermometry/camera/:id/test', guard, (req: Req, res: Res) => {
    (async () => {
      const { client, camera } = clientFor(req);
      const quiet = <T>(p: Promise<T>) => p.catch(() => undefined);
      let apiVersions: unknown;
      try {
        apiVersions = (await client.call('getSupportedVersions')).apiVersions;
      } catch (err) {
        const level = await quiet(readUserLevel(client));
        const e = toNodeError(withUserLevel(err, level));
        res.json({ ok: false, camera, reason: plainReason(e.info), message: e.message, ...(level ? { userLevel: level } : {}) });
        return;
      }
      const [info, userLevel, caps, version] = await Promise.all([
        quiet(readDeviceInfo(client)), quiet(readUserLevel(client)), quiet(client.capabilities()), quiet(client.negotiatedVersion()),
      ]);
      res.json({
        ok: true, camera, apiVersions, version,
        ...(info?.model ? { model: info.model } : {}), ...(info?.firmware ? { firmware: info.firmware } : {}),
        ...(userLevel ? { userLevel } : {}), ...(caps?.currentTemperatureScale ? { scale: caps.currentTemperatureScale } : {}),
      });
    })().catch((err: unknown) => fail(res, err))
      .catch((err: unknown) => RED.log.warn(`axis-thermometry test route: ${toNodeError(err).message}`));
  });
}
