/**
 * The emulated camera's web server: node:http (node:https with tls), Digest or
 * Basic authentication, thermometry.cgi, apidiscovery.cgi and extra routes
 * that other parts add (param.cgi, image.cgi, wssession.cgi...).
 * Every fault is answered (1100 / 500); the server never crashes on a request.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { API_VERSIONS, ApiVersion, Role, ROLES, roleAllows } from '../api/methods';
import { APIDISCOVERY_PATH, THERMOMETRY_PATH } from '../api/paths';
import { CameraChange, CameraModel } from './camera';
import { DEFAULT_USERS, DigestAlgorithm, DigestAuthenticator, EmulatorUser, statusPage } from './digest-auth';
import { loadState, StateFile, StateFileError } from './persistence';
import { getProfile } from './profiles';
import { FlatSensor, Sensor } from './sensor';
import { attachEventStream, EventStreamServerOptions } from './events';
import { handleThermometryRequest, highestMinors } from './thermometry-cgi';
import { VapixError } from './vapix-error';
import { addDeviceRoutes } from './device-info';

export { THERMOMETRY_PATH, APIDISCOVERY_PATH };
/** Bodies larger than this are refused with 2107 (a camera's CGI has a limit too). */
export const MAX_BODY_BYTES = 64 * 1024;

export interface EmulatorOptions {
  /** 0 = a free port (default). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default root/pass (administrator), operator/operator, viewer/viewer. */
  users?: EmulatorUser[];
  /** 'fixed' (default), 'ptz', 'fixed-example-spelling', 'ptz-example-spelling'. */
  profile?: string;
  /** Persistence JSON file; loaded at start (a corrupt one is refused), written on every change. */
  statePath?: string;
  /** Versions served; default all three. */
  apiVersions?: ApiVersion[];
  /** Digest algorithms offered, in order; default ['SHA-256', 'MD5']. */
  digestAlgorithms?: DigestAlgorithm[];
  /** Nonce lifetime before stale=true; default 300000 (5 min). */
  nonceTtlMs?: number;
  /** Offer and accept only Basic (as Axis over HTTPS). */
  basicOnly?: boolean;
  /** Serve https with this key and certificate (PEM). */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** Readings provider; default flat 22 °C, never triggered. */
  sensor?: Sensor;
  /**
   * Level the web server itself guards thermometry.cgi at, before the CGI runs:
   * below it a 403 with an HTML body (as a camera's web server answers); at or
   * above it the CGI checks each method's level and answers 403 with JSON 2109.
   * Default 'viewer' (every refusal comes from the CGI, in JSON).
   */
  thermometryPathLevel?: Role;
  /** How long a body may take to arrive before 2107 (declared length not met); default 5000. */
  bodyTimeoutMs?: number;
  /**
   * Serve the event stream (wssession.cgi and the WebSocket on /vapix/ws-data-stream)
   * with these options. Off by default here so that tests choose; the CLI and
   * npm start turn it on.
   */
  events?: boolean | EventStreamServerOptions;
}

export interface RouteContext {
  role: Role;
  body: Buffer;
  url: URL;
  /** The authenticated user name. */
  username: string;
}

export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse, ctx: RouteContext) => void | Promise<void>;

export interface ApiListEntry {
  id: string;
  version: string;
  name: string;
  docLink: string;
  status?: string;
}

export interface Emulator {
  url: string;
  port: number;
  host: string;
  server: http.Server | https.Server;
  camera: CameraModel;
  /** exchanges: HTTP requests received; thermometryCalls: authenticated thermometry.cgi requests. */
  stats: { exchanges: number; thermometryCalls: number };
  /** What apidiscovery.cgi getApiList lists; other parts push their APIs here. */
  apiList: ApiListEntry[];
  users: readonly EmulatorUser[];
  realm: string;
  /** Authenticates a raw request (Digest/Basic). The user's role, or null. */
  authenticate(req: http.IncomingMessage): Role | null;
  /** WWW-Authenticate challenge(s) as a 401 from this camera carries them. */
  challenges(stale: boolean): string[];
  /** Extra routes guarded at `level` (401 without credentials, 403 below the level). */
  addRoute(method: 'GET' | 'POST', path: string, level: Role, handler: RouteHandler): void;
  stop(): Promise<void>;
}

interface Route {
  level: Role;
  handler: RouteHandler;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendText(res: http.ServerResponse, status: number, text: string, type = 'text/html', extra: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text), ...extra });
  res.end(text);
}

/** Reads a body of a declared length; rejects with 2107 when it does not arrive in time. */
function readBody(req: http.IncomingMessage, limit: number, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(Buffer.concat(chunks));
    };
    const timer = setTimeout(() => finish(new VapixError(2107, 'Invalid content length: the body is shorter than declared.')), timeoutMs);
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) finish(new VapixError(2107, 'Invalid content length: the body is too large.'));
      else chunks.push(chunk);
    });
    req.on('end', () => finish());
    req.on('error', (e) => finish(e));
    req.on('aborted', () => finish(new Error('request aborted')));
  });
}

export async function start(options: EmulatorOptions = {}): Promise<Emulator> {
  const profile = getProfile(options.profile ?? 'fixed');
  const sensor: Sensor = options.sensor ?? new FlatSensor();
  const camera = new CameraModel(profile, sensor);
  const versions = (options.apiVersions && options.apiVersions.length ? options.apiVersions : [...API_VERSIONS]).slice();
  for (const v of versions) {
    if (!(API_VERSIONS as readonly string[]).includes(v)) throw new Error(`Unsupported API version "${v}"; known: ${API_VERSIONS.join(', ')}`);
  }
  const users = options.users && options.users.length ? options.users.map((u) => ({ ...u })) : DEFAULT_USERS.map((u) => ({ ...u }));
  for (const u of users) {
    if (!ROLES.includes(u.role)) throw new Error(`User "${u.username}": unknown role "${u.role}"; known: ${ROLES.join(', ')}`);
  }
  const realm = `AXIS_${profile.serial}`;
  const auth = new DigestAuthenticator({
    realm,
    users,
    algorithms: options.digestAlgorithms && options.digestAlgorithms.length ? options.digestAlgorithms : ['SHA-256', 'MD5'],
    nonceTtlMs: options.nonceTtlMs ?? 300_000,
    basicOnly: options.basicOnly ?? false,
  });

  let stateFile: StateFile | undefined;
  if (options.statePath) {
    const saved = loadState(options.statePath); // throws on a corrupt file, before we listen
    if (saved && saved.ptz !== profile.ptz) {
      throw new StateFileError(
        options.statePath,
        `it was saved by a ${saved.ptz ? 'PTZ' : 'fixed'} camera profile and this one (${profile.name}) is ${profile.ptz ? 'PTZ' : 'fixed'}`,
      );
    }
    if (saved) camera.restore(saved);
    stateFile = new StateFile(options.statePath);
    // The PTZ head's position is not configuration: a guard tour must not rewrite the file.
    camera.on('change', (change: CameraChange) => {
      if (change.what !== 'preset' && change.what !== 'load') stateFile!.save(camera.snapshot());
    });
  }

  const bodyTimeoutMs = options.bodyTimeoutMs ?? 5000;
  const thermometryPathLevel: Role = options.thermometryPathLevel ?? 'viewer';
  const stats = { exchanges: 0, thermometryCalls: 0 };
  const routes = new Map<string, Route>();
  const apiList: ApiListEntry[] = [
    {
      id: 'thermometry',
      version: highestMinors(versions)[0],
      name: 'Thermometry',
      docLink: 'https://developer.axis.com/vapix/network-video/thermometry/',
    },
  ];

  const authenticate = (req: http.IncomingMessage): Role | null => {
    const result = auth.authenticate(req);
    return result.ok ? result.user.role : null;
  };

  const send401 = (req: http.IncomingMessage, res: http.ServerResponse, stale: boolean, path: string) => {
    req.resume(); // drain the body so the connection can carry the retry
    sendText(res, 401, statusPage(401, path), 'text/html', { 'WWW-Authenticate': auth.challenges(stale) });
  };

  async function thermometry(req: http.IncomingMessage, res: http.ServerResponse, role: Role): Promise<void> {
    stats.thermometryCalls++;
    const envelopeError = (err: VapixError) => {
      req.resume();
      sendJson(res, err.httpStatus, { apiVersion: highestMinors(versions).slice(-1)[0], error: { code: err.code, message: err.message } });
    };
    if (req.method !== 'POST') return envelopeError(new VapixError(2106, 'Invalid request method: use POST.'));
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json') return envelopeError(new VapixError(2108, 'Invalid content type: use application/json.'));
    const declared = req.headers['content-length'];
    if (declared === undefined || !/^\d+$/.test(declared)) {
      res.setHeader('Connection', 'close');
      return envelopeError(new VapixError(2107, 'Invalid content length: Content-Length is missing.'));
    }
    if (Number(declared) > MAX_BODY_BYTES) {
      res.setHeader('Connection', 'close');
      return envelopeError(new VapixError(2107, `Invalid content length: more than ${MAX_BODY_BYTES} bytes.`));
    }
    let body: Buffer;
    try {
      body = await readBody(req, MAX_BODY_BYTES, bodyTimeoutMs);
    } catch (err) {
      if (err instanceof VapixError) {
        res.setHeader('Connection', 'close');
        return envelopeError(err);
      }
      throw err;
    }
    const reply = handleThermometryRequest(body.toString('utf8'), { camera, role, versions });
    sendJson(res, reply.status, reply.body);
  }

  async function apiDiscovery(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      req.resume();
      return sendJson(res, 400, { apiVersion: '1.0', error: { code: 2106, message: 'Invalid request method: use POST.' } });
    }
    const body = await readBody(req, MAX_BODY_BYTES, bodyTimeoutMs);
    let request: Record<string, unknown>;
    try {
      request = JSON.parse(body.toString('utf8'));
      if (typeof request !== 'object' || request === null) throw new Error('not an object');
    } catch {
      return sendJson(res, 400, { apiVersion: '1.0', error: { code: 2101, message: 'Invalid JSON format.' } });
    }
    const envelope: Record<string, unknown> = { apiVersion: '1.0' };
    if (typeof request.context === 'string') envelope.context = request.context;
    envelope.method = request.method;
    if (request.method === 'getApiList') return sendJson(res, 200, { ...envelope, data: { apiList } });
    if (request.method === 'getSupportedVersions') return sendJson(res, 200, { ...envelope, data: { apiVersions: ['1.0'] } });
    return sendJson(res, 400, { ...envelope, error: { code: 2102, message: 'Method not supported.' } });
  }

  async function onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    stats.exchanges++;
    const url = new URL(req.url ?? '/', 'http://camera');
    const path = url.pathname;
    const custom = routes.get(`${req.method} ${path}`);
    const known = custom || path === THERMOMETRY_PATH || path === APIDISCOVERY_PATH || [...routes.keys()].some((k) => k.endsWith(` ${path}`));
    if (!known) {
      req.resume();
      return sendText(res, 404, statusPage(404, path));
    }
    const result = auth.authenticate(req);
    if (!result.ok) return send401(req, res, result.stale, path);
    const role = result.user.role;
    if (path === THERMOMETRY_PATH && !custom) {
      if (!roleAllows(role, thermometryPathLevel)) {
        req.resume();
        return sendText(res, 403, statusPage(403, path));
      }
      return thermometry(req, res, role);
    }
    if (path === APIDISCOVERY_PATH && !custom) return apiDiscovery(req, res);
    if (!custom) {
      req.resume();
      return sendText(res, 405, 'Method Not Allowed\n', 'text/plain', { Allow: [...routes.keys()].filter((k) => k.endsWith(` ${path}`)).map((k) => k.split(' ')[0]).join(', ') });
    }
    if (!roleAllows(role, custom.level)) {
      req.resume();
      return sendText(res, 403, statusPage(403, path));
    }
    let body: Buffer = Buffer.alloc(0);
    if (req.method === 'POST') {
      try {
        body = await readBody(req, 16 * MAX_BODY_BYTES, bodyTimeoutMs);
      } catch (err) {
        // A body too large or cut short is the client's fault: 400, not our 1100.
        res.setHeader('Connection', 'close');
        return sendText(res, 400, `${err instanceof VapixError ? err.message : 'Bad request body.'}\n`, 'text/plain');
      }
    }
    await custom.handler(req, res, { role, body, url, username: result.user.username });
  }

  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    onRequest(req, res).catch(() => {
      // Our own fault: answer 1100 if we still can; never let it take the server down.
      if (!res.headersSent) {
        res.setHeader('Connection', 'close');
        sendJson(res, 500, { apiVersion: highestMinors(versions).slice(-1)[0], error: { code: 1100, message: 'Internal error.' } });
      } else {
        res.destroy();
      }
    });
  };

  const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, handler) : http.createServer(handler);
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // After listening, a server error (e.g. out of file descriptors) must not take the process down.
  server.on('error', () => undefined);
  const port = (server.address() as AddressInfo).port;
  sensor.attach?.(camera);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let stopped: Promise<void> | undefined;

  const emulator: Emulator = {
    url: `${options.tls ? 'https' : 'http'}://${urlHost}:${port}`,
    port,
    host,
    server,
    camera,
    stats,
    apiList,
    users,
    realm,
    authenticate,
    challenges: (stale) => auth.challenges(stale),
    addRoute(method, path, level, routeHandler) {
      routes.set(`${method} ${path}`, { level, handler: routeHandler });
    },
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        // The sensor in place now (a scene may have replaced the one started with).
        camera.sensor.detach?.();
        camera.removeAllListeners('change');
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopped;
    },
  };
  addDeviceRoutes(emulator);
  if (options.events) attachEventStream(emulator, options.events === true ? {} : options.events);
  return emulator;
}
