/**
 * The editor's view of a camera (admin routes): what the forms draw and pick
 * from, and the camera form's "Test connection".
 *
 * ADDING A ROUTE (fleet, live view, ...): use the guards and the resolver of
 * this file, never a guard of your own.
 *   - A route that reads a deployed camera:   http.post(path, guardRead, cameraRoute('name', async ({ client }, req, res) => ...))
 *     cameraRoute resolves the client (resolveClient below: the deployed camera
 *     with read permission, or settings typed in the form with flows.write and
 *     the stored credentials only for their own camera and address), answers
 *     refusals and failures itself, and closes a typed client when done.
 *   - A route that makes Node-RED connect to an address from the request in
 *     any other way (discovery, a scan): guardWrite before the handler.
 *   - A route of its own shape: `const target = await resolveClient(req, res)`;
 *     undefined means it has answered already; call target.release() when done.
 *   - Failures: answerFailure(res, err) (a short reason, never a stack or a password).
 *
 * Who may do what (with adminAuth on; with it off, everyone may):
 *   - read a deployed camera (its capabilities, view, snapshot, test): permission
 *     thermometry-camera.read (a `read` user has it): what the deployed flow
 *     already shows;
 *   - ask an address typed in the form (a camera not deployed, or changed since):
 *     flows.write (a user who can deploy can make Node-RED connect anywhere
 *     anyway; a reader cannot). No token answers 401; a token lacking the
 *     permission 403 with { error, permission } in words for the form.
 *
 * Stored credentials serve only their own node: the password of node :id is
 * used only when :id is a camera config node of the deployed flow, with the
 * protocol, host and port it was stored with, and with its own user name;
 * anything else is refused before any connection, without a word of what is
 * stored. Nothing in a request names a file: a CA certificate travels as PEM
 * text (caPem); a CA file (caFile) is a deploy-time setting, refused here.
 * Typed-settings clients are made per request, closed when it ends, a few per
 * user and overall (429 beyond), with a timeout of at most 30 s.
 *
 *   GET  /axis-thermometry/capabilities/:id      -> the deployed camera's
 *        getConfigurationCapabilities (cached by its client), for the forms' ranges
 *   POST /axis-thermometry/camera/:id/view       -> JSON, every part the forms use:
 *        { camera, version, capabilities, areas, areaStatus, groups, spot,
 *          presets ([{nbr, name}], [] on a fixed camera), currentPreset (the preset whose
 *          areas getAreaStatus measures, or null), channelNames ({n: name}, param.cgi's
 *          Image.I<n>.Name, on an API 1.3 camera: the channel pick-lists' labels), unavailable: { part: reason } }
 *        (a part the camera lacks is null, with its reason)
 *        body.presetNbr (optional): list the areas and groups of that preset only
 *   POST /axis-thermometry/camera/:id/snapshot   -> image/jpeg (axis-cgi/jpg/image.cgi)
 *   POST /axis-thermometry/camera/:id/test       -> the camera form's "Test connection":
 *        { ok: true, camera, model?, firmware?, apiVersions, version, userLevel?, scale? }
 *        or { ok: false, camera, reason (plain words), message, userLevel? }
 *
 * :id is the camera config node's id; body.camera (optional) the settings the
 * editor has. Settings equal to the deployed camera's with its stored
 * credentials ("__PWRD__", what the editor shows for a stored password, or
 * none) are the deployed camera. Credentials travel in the body only, never in
 * a URL.
 *
 * Every failure answers in one shape, { error, kind, detail?, reason? }: `error`
 * the short reason in the words the nodes' status uses (plainReason), `kind`
 * what failed (a ThermometryError's kind, or the route's own: permission,
 * validation, notDeployed, configuration, busy), `detail` the full message,
 * `reason` the client's failure reason (refused, timedOut, wrongPassword...);
 * the camera form's Test connection says a failed test in the same fields. With a status code (400 settings, 403 permission,
 * 404 not deployed, 409 unusable configuration, 429 too many typed cameras at
 * once, 502 camera refused or failed, 504 timed out), never a stack, never a
 * password, and nothing is logged with the request's body.
 */
import { createClient, readChannelNames, readDeviceInfo, readUserLevel, type ThermometryClient } from '../shared/client';
import { cameraOptions, portOf, type CameraDef } from '../shared/camera-options';
import { plainReason, toNodeError, withUserLevel } from '../shared/errors';
import type { CameraConfigNode } from '../shared/camera-api';
import type { NodeAPI, NodeDef } from '../shared/red';
import { registerBulkRoutes } from './bulk-routes';
import { registerLiveRoutes } from './live-routes';
import { registerPaletteRoutes } from './palette-routes';

/** The editor's placeholder for a stored password (Node-RED's own). */
export const STORED_PASSWORD = '__PWRD__';
/** Reading a deployed camera (a `read` user has it). */
export const READ_PERMISSION = 'thermometry-camera.read';
/** Asking an address typed in the form: the permission to change the flows. */
export const WRITE_PERMISSION = 'flows.write';
/** Typed-settings clients at once, per user and overall. */
export const TYPED_CLIENTS_PER_USER = 4;
export const TYPED_CLIENTS_OVERALL = 16;
/** A typed camera's timeout is at most this (a slot is held no longer). */
export const TYPED_TIMEOUT_MAX_MS = 30000;

export interface Req {
  params: { id: string };
  body?: unknown;
  user?: unknown;
}
export interface Res {
  headersSent?: boolean;
  status(code: number): Res;
  json(body: unknown): void;
  set(field: string, value: string): Res;
  send(body: Buffer): void;
  end?(): void;
  once?(event: string, listener: () => void): unknown;
}
type Next = () => void;
export type Middleware = (req: Req, res: Res, next: Next) => void;

/** The camera a request is for, as resolveClient found it. */
export interface CameraTarget {
  client: ThermometryClient;
  /** host:port as the answers name it. */
  camera: string;
  /** Settings typed in the form (a client of this request only), not the deployed camera's. */
  typed: boolean;
  /** Frees what the request held (a typed client's sockets and slot); the deployed client stays. */
  release(): void;
}

/** An answer that is not the camera's data: status code and a short reason. */
export class RouteError extends Error {
  constructor(readonly status: number, message: string, readonly extra: Record<string, unknown> = {}) {
    super(message);
  }

  /** What failed, by the status the route answers with. */
  get kind(): string {
    return ROUTE_KINDS[this.status] ?? 'route';
  }
}

const ROUTE_KINDS: Readonly<Record<number, string>> = { 400: 'validation', 403: 'permission', 404: 'notDeployed', 409: 'configuration', 429: 'busy' };

/** The one shape of a failure's answer (and of a failed Test connection). */
function failureBody(err: unknown): Record<string, unknown> {
  if (err instanceof RouteError) return { error: err.message, kind: err.kind, ...err.extra };
  const e = toNodeError(err);
  return { error: plainReason(e.info, red), kind: e.info.kind, detail: e.message, ...(e.info.reason ? { reason: e.info.reason } : {}) };
}

/** Node-RED's API, set by registerAdminRoutes (the guards and the resolver need it). */
let red: NodeAPI | undefined;

/** What a refused permission means, in words for the form. */
function refusalFor(permission: string): string {
  return permission === WRITE_PERMISSION
    ? 'settings that are not deployed can be tried only by a user who may change the flows (permission flows.write): deploy the camera, or ask a user who may'
    : `your Node-RED user may not read cameras (permission ${permission})`;
}

/**
 * needsPermission(permission), answering a signed-in user who lacks it 403
 * with a reason (Node-RED's own answer is an empty 401, which the editor reads
 * as "sign in"). Resolves 'ok' when permitted, 'answered' when the response
 * has been sent.
 */
function checkPermission(permission: string, req: Req, res: Res): Promise<'ok' | 'answered'> {
  return new Promise((resolve) => {
    const auth = red?.auth;
    if (!auth) return resolve('ok');
    const status = res.status;
    const restore = () => {
      res.status = status;
    };
    res.status = function (this: Res, code: number): Res {
      if (code === 401 && req.user) {
        restore();
        res.status(403).json(failureBody(new RouteError(403, refusalFor(permission), { permission })));
        resolve('answered');
        // Swallows the empty 401 Node-RED was about to send.
        return { status: () => undefined, end: () => undefined, json: () => undefined, send: () => undefined, set: () => undefined } as unknown as Res;
      }
      return status.call(res, code);
    };
    // Not signed in: passport answers 401 itself and calls nothing.
    res.once?.('finish', () => {
      restore();
      resolve('answered');
    });
    (auth.needsPermission(permission) as Middleware)(req, res, () => {
      restore();
      resolve('ok');
    });
  });
}

function guardOf(permission: string): Middleware {
  return (req, res, next) => {
    checkPermission(permission, req, res).then((outcome) => {
      if (outcome === 'ok') next();
    }, () => answerFailure(res, new RouteError(500, 'permission check failed')));
  };
}

/** Route middleware: signed in with thermometry-camera.read (what a `read` user has). */
export const guardRead: Middleware = guardOf(READ_PERMISSION);
/** Route middleware: signed in with flows.write (for anything that connects to an address from the request). */
export const guardWrite: Middleware = guardOf(WRITE_PERMISSION);

/** Camera settings as the editor's form holds them (the config node's fields and credentials). */
interface TypedCamera extends Omit<CameraDef, 'id' | 'type'> {
  username?: string;
  password?: string;
}

/** The settings a form may send; caFile is not one of them (nothing in a request names a file). */
const SETTING_NAMES = ['host', 'port', 'protocol', 'tls', 'caPem', 'apiVersion', 'timeout', 'httpClient'] as const;
/** Bounds of what a form sends: a host name, a PEM chain, credentials. */
const MAX_SETTING_LENGTH: Record<string, number> = { caPem: 64 * 1024 };
const MAX_TEXT_LENGTH = 1024;

function typedCamera(body: unknown): TypedCamera | undefined {
  const camera = body && typeof body === 'object' ? (body as { camera?: unknown }).camera : undefined;
  if (camera === undefined || camera === null) return undefined;
  if (typeof camera !== 'object' || Array.isArray(camera)) throw new RouteError(400, 'camera: the settings must be an object');
  const given = camera as Record<string, unknown>;
  // Refused before anything else: no path from a request is ever opened.
  if (given.caFile !== undefined && given.caFile !== null && String(given.caFile).trim() !== '') {
    throw new RouteError(400, 'camera.caFile: a file path is not accepted from the editor; a CA file is read when the camera is deployed. Paste the certificate (PEM text) to try it before deploying');
  }
  const out: TypedCamera = {};
  for (const name of [...SETTING_NAMES, 'username', 'password'] as const) {
    const v = given[name];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string' && typeof v !== 'number') throw new RouteError(400, `camera.${name} must be text`);
    const text = String(v);
    if (text.length > (MAX_SETTING_LENGTH[name] ?? MAX_TEXT_LENGTH)) throw new RouteError(400, `camera.${name} is longer than ${MAX_SETTING_LENGTH[name] ?? MAX_TEXT_LENGTH} characters`);
    (out as Record<string, unknown>)[name] = text;
  }
  return out;
}

/** Where settings point: protocol, host and port (the default port written out). Throws on an unusable port. */
function endpointOf(def: CameraDef): string {
  const protocol = def.protocol === 'https' ? 'https' : 'http';
  const port = portOf(def) ?? (protocol === 'https' ? 443 : 80);
  return `${protocol}://${String(def.host ?? '').trim().toLowerCase().replace(/^\[(.*)\]$/, '$1')}:${port}`;
}

/**
 * The settings that decide what a client does, as one comparable string: the
 * endpoint, TLS trust, version, timeout. A CA file is not compared: the form
 * cannot send one, and settings without a pasted CA mean the deployed file.
 */
function settingsKey(def: CameraDef): string {
  const https = def.protocol === 'https';
  const tls = https ? String(def.tls || 'verify') : '';
  return JSON.stringify([
    endpointOf(def), tls, https && tls === 'ca' ? String(def.caPem ?? '').trim() : '',
    String(def.apiVersion || 'auto'), String(def.timeout ?? '').trim() === '' ? '10' : String(Number(def.timeout)),
    String(def.httpClient || 'built-in'),
  ]);
}

/** A camera config node of the deployed flow (running, disabled or on a disabled tab): its settings as deployed. */
function deployedCameraDef(id: string): CameraDef | undefined {
  const running = red?.nodes.getNode(id) as (CameraConfigNode & { settings?: CameraDef }) | null | undefined;
  if (running) return running.type === 'thermometry-camera' ? running.settings : undefined;
  let found: CameraDef | undefined;
  const nodes = red?.nodes as { eachNode?(cb: (n: NodeDef) => void): void } | undefined;
  nodes?.eachNode?.((n) => {
    if (n && n.id === id) found = n.type === 'thermometry-camera' ? (n as CameraDef) : undefined;
  });
  return found;
}

/** Answer a failure: a short reason and a status code (never a stack). */
export function answerFailure(res: Res, err: unknown): void {
  if (res.headersSent) return;
  if (err instanceof RouteError) {
    res.status(err.status).json(failureBody(err));
    return;
  }
  const kind = toNodeError(err).info.kind;
  const status = kind === 'timeout' ? 504 : kind === 'validation' ? 400 : 502;
  // The plain reason the nodes' status shows ("wrong user name or password"); the full message as detail.
  res.status(status).json(failureBody(err));
}

/** Typed-settings clients under way, by user (for the caps). */
const typedInUse = new Map<string, number>();
let typedTotal = 0;

export function userKey(req: Req): string {
  const user = req.user as { username?: unknown } | undefined;
  return user && typeof user.username === 'string' ? user.username : '';
}

/** A client of typed settings for one request, within the caps; release() closes it. */
function typedClient(req: Req, def: CameraDef, credentials: { username?: string; password?: string }): { client: ThermometryClient; release(): void } {
  const user = userKey(req);
  const mine = typedInUse.get(user) ?? 0;
  if (mine >= TYPED_CLIENTS_PER_USER || typedTotal >= TYPED_CLIENTS_OVERALL) {
    throw new RouteError(429, 'too many cameras being tried at once: wait for the tries under way to finish');
  }
  let options;
  try {
    options = cameraOptions(def, credentials, 'refuse');
  } catch (err) {
    throw new RouteError(400, (err as Error).message);
  }
  options.timeout = Math.min(options.timeout ?? TYPED_TIMEOUT_MAX_MS, TYPED_TIMEOUT_MAX_MS);
  const client = createClient(options);
  typedInUse.set(user, mine + 1);
  typedTotal++;
  let released = false;
  return {
    client,
    release() {
      if (released) return;
      released = true;
      client.close();
      typedTotal--;
      const left = (typedInUse.get(user) ?? 1) - 1;
      if (left > 0) typedInUse.set(user, left);
      else typedInUse.delete(user);
    },
  };
}

/**
 * The camera a request is for, after the permission it needs: the deployed
 * camera's client (read), or a client of the settings typed in the form
 * (flows.write; the stored credentials only for their own camera and
 * address). Undefined when it has answered the request already (a refusal).
 */
export async function resolveClient(req: Req, res: Res): Promise<CameraTarget | undefined> {
  if (!red) throw new RouteError(500, 'admin routes are not registered');
  const id = String(req.params.id);
  const running = red.nodes.getNode(id) as (CameraConfigNode & { settings?: CameraDef }) | null;
  const deployed = running && running.type === 'thermometry-camera' ? running : undefined;
  const typed = typedCamera(req.body);
  const wantsStored = !typed || typed.password === undefined || typed.password === '' || typed.password === STORED_PASSWORD;

  // The deployed camera: no settings, or the deployed ones with the stored credentials.
  if (deployed?.settings && wantsStored) {
    let same = !typed;
    if (typed) {
      try {
        same = settingsKey({ id, type: 'thermometry-camera', ...typed }) === settingsKey(deployed.settings)
          && (typed.username === undefined || typed.username === (deployed.credentials?.username ?? ''));
      } catch {
        same = false;
      }
    }
    if (same) {
      if (!deployed.client) throw new RouteError(409, deployed.configError ?? 'camera configuration error');
      return { client: deployed.client, camera: deployed.camera, typed: false, release: () => undefined };
    }
  }
  if (!typed) throw new RouteError(404, 'camera not deployed: deploy it, or open this form from the camera\'s settings');

  // Settings typed in the form: the permission to change flows, before anything else is looked at.
  if ((await checkPermission(WRITE_PERMISSION, req, res)) === 'answered') return undefined;
  const def: CameraDef = { id, type: 'thermometry-camera' };
  for (const name of SETTING_NAMES) if (typed[name] !== undefined) (def as Record<string, unknown>)[name] = typed[name];
  if (def.protocol === 'https' && def.tls === 'ca' && !String(def.caPem ?? '').trim()) {
    throw new RouteError(400, 'CA certificate: paste it (PEM text) to try settings that are not deployed; a CA file is read only when the camera is deployed');
  }
  let endpoint: string;
  try {
    endpoint = endpointOf(def);
    cameraOptions(def, {}, 'refuse');
  } catch (err) {
    throw new RouteError(400, (err as Error).message);
  }
  let credentials: { username?: string; password?: string } = { username: typed.username, password: typed.password };
  if (wantsStored && typed.password === STORED_PASSWORD) {
    // The stored password of :id, only for its own camera config node, address and user name.
    const stored = deployedCameraDef(id);
    const refusal = 'the stored password is used only with the camera, address, port and protocol it was saved with, and its own user name: type the password again to use it here';
    if (!stored) throw new RouteError(400, refusal);
    let sameEndpoint: boolean;
    try {
      sameEndpoint = endpointOf(stored) === endpoint;
    } catch {
      sameEndpoint = false;
    }
    if (!sameEndpoint) throw new RouteError(400, refusal);
    const saved = red.nodes.getCredentials?.(id) ?? {};
    if (typed.username !== undefined && typed.username !== (saved.username ?? '')) throw new RouteError(400, refusal);
    credentials = { username: saved.username, password: saved.password };
  } else if (wantsStored) {
    credentials = { username: typed.username, password: undefined };
  }
  const { client, release } = typedClient(req, def, credentials);
  return { client, camera: endpoint.replace(/^https?:\/\//, ''), typed: true, release };
}

/**
 * A route handler for one camera: resolves the client (resolveClient), runs
 * `work`, answers a failure in a short reason and frees a typed client. Never
 * leaves a rejection unhandled (Node-RED exits on one).
 */
export function cameraRoute(name: string, work: (target: CameraTarget, req: Req, res: Res) => Promise<void>): Middleware {
  return (req, res) => {
    let target: CameraTarget | undefined;
    (async () => {
      target = await resolveClient(req, res);
      if (target) await work(target, req, res);
    })()
      .catch((err: unknown) => answerFailure(res, err))
      .catch((err: unknown) => red?.log.warn(`axis-thermometry ${name} route: ${toNodeError(err).message}`))
      .finally(() => target?.release());
  };
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

export function registerAdminRoutes(RED: NodeAPI): void {
  red = RED;
  const http = RED.httpAdmin;
  if (!http) return;
  // "Add many cameras": the list's test and discovery (./bulk-routes.ts), behind the guards above.
  registerBulkRoutes(RED);

  http.get('/axis-thermometry/capabilities/:id', guardRead, (req: Req, res: Res) => {
    const camera = RED.nodes.getNode(String(req.params.id)) as CameraConfigNode | null;
    if (!camera || camera.type !== 'thermometry-camera') {
      answerFailure(res, new RouteError(404, 'camera not deployed'));
      return;
    }
    if (!camera.client) {
      answerFailure(res, new RouteError(409, camera.configError ?? 'camera configuration error'));
      return;
    }
    // One chain ending in a catch: a throw while answering must not become an unhandled rejection (Node-RED exits on one).
    camera.client
      .capabilities()
      .then((caps) => res.json(caps))
      .catch((err: unknown) => {
        answerFailure(res, err);
      })
      .catch((err: unknown) => RED.log.warn(`axis-thermometry capabilities route: ${toNodeError(err).message}`));
  });

  http.post('/axis-thermometry/camera/:id/view', guardRead, cameraRoute('view', async ({ client, camera }, req, res) => {
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
    // API 1.3: what the camera calls its channels (the labels of the image source and overlay channel pick-lists).
    const channelNames = capabilities?.imagesources ? await part(unavailable, 'channelNames', async () => (await readChannelNames(client)) ?? null) : null;
    // getAreaStatus measures the areas of the preset the head is on: that preset, when one of them is listed.
    const measured = new Set((areaStatus?.areaList ?? []).map((a) => a.id));
    const currentPreset = (areas?.areaList ?? []).find((a) => measured.has(a.id) && a.presetNbr)?.presetNbr ?? null;
    res.json({ camera, version, capabilities, areas, areaStatus, groups, spot, presets, currentPreset, channelNames, unavailable });
  }));

  registerLiveRoutes(RED);
  registerPaletteRoutes(RED);

  http.post('/axis-thermometry/camera/:id/snapshot', guardRead, cameraRoute('snapshot', async ({ client }, _req, res) => {
    const shot = await client.snapshot();
    res.status(200).set('Content-Type', shot.contentType || 'image/jpeg').set('Cache-Control', 'no-store').send(shot.image);
  }));

  // The camera form's "Test connection": the settings as typed (or the stored password), one
  // thermometry call that says whether we get in, then what the camera tells about itself.
  http.post('/axis-thermometry/camera/:id/test', guardRead, cameraRoute('test', async ({ client, camera }, _req, res) => {
    const quiet = <T>(p: Promise<T>) => p.catch(() => undefined);
    let apiVersions: unknown;
    try {
      apiVersions = (await client.call('getSupportedVersions')).apiVersions;
    } catch (err) {
      // The user's level only for a refusal the camera gave: a camera that did not answer
      // is not asked again (Test connection would wait its timeout twice).
      const level = toNodeError(err).info.kind === 'authorization' ? await quiet(readUserLevel(client)) : undefined;
      res.json({ ok: false, camera, ...failureBody(withUserLevel(err, level)), ...(level ? { userLevel: level } : {}) });
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
  }));
}
