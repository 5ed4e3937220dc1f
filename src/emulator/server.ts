/**
 * The emulated camera's web server: node:http (node:https with tls), Digest or
 * Basic authentication, thermometry.cgi, apidiscovery.cgi and extra routes
 * that other parts add (param.cgi, image.cgi, wssession.cgi...).
 * Every fault is answered (1100 / 500); the server never crashes on a request.
 */
import { addPtzRoutes } from './ptz';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { API_VERSIONS, ApiVersion, Role, ROLES } from '../api/methods';
import { APIDISCOVERY_PATH, THERMOMETRY_PATH } from '../api/paths';
import { CameraChange, CameraModel } from './camera';
import { channelNameParams } from './channels';
import type { CameraProfile } from './profiles';
import { apiDiscoveryRoute, ApiListEntry, thermometryRoute } from './cgi-routes';
import { DEFAULT_DIGEST_ALGORITHMS, DEFAULT_USERS, DigestAlgorithm, DigestAuthenticator, EmulatorUser } from './digest-auth';
import { loadState, StateFile, StateFileError } from './persistence';
import { getProfile } from './profiles';
import { Router, RouteHandler, sendJson } from './router';
import { FlatSensor, Sensor } from './sensor';
import { attachEventStream, EventStreamServerOptions } from './events';
import { highestMinors } from './thermometry-cgi';
import { addDeviceRoutes } from './device-info';
import { addParamRoute, ParamSource } from './param-cgi';

export { THERMOMETRY_PATH, APIDISCOVERY_PATH };
export { MAX_BODY_BYTES } from './router';
export type { RouteContext, RouteHandler } from './router';
export type { ApiListEntry } from './cgi-routes';
export type { ParamSource } from './param-cgi';

export interface EmulatorOptions {
  /** 0 = a free port (default). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default root/pass (administrator), operator/operator, viewer/viewer. */
  users?: EmulatorUser[];
  /** 'fixed' (default), 'ptz', 'fixed-reference-spelling', 'ptz-reference-spelling', 'bispectral' (profiles.ts). */
  profile?: string;
  /** Serial number in place of the profile's (a fleet gives each camera its own, and so its own Digest realm). */
  serial?: string;
  /** Persistence JSON file; loaded at start (a corrupt one is refused), written on every change. */
  statePath?: string;
  /** Versions served; default all of API_VERSIONS (1.0 to 1.3). */
  apiVersions?: ApiVersion[];
  /**
   * Digest algorithms offered, one WWW-Authenticate challenge each, in this order.
   * Default ['MD5']: one MD5 challenge with qop="auth", as Axis cameras send it.
   * ['SHA-256', 'MD5'] lists SHA-256 first (RFC 7616: the preferred one first), for
   * clients that pick the strongest; a client that takes the first challenge and
   * speaks MD5 only fails on that order, as it would on such a server.
   */
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
  /** What param.cgi serves; parts push their parameters here (device-info: Brand, Properties; the scene: Image). */
  params: ParamSource[];
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

/** The API versions to serve: all by default; an unknown one is refused before anything starts. */
function servedVersions(asked: ApiVersion[] | undefined): ApiVersion[] {
  const versions = (asked && asked.length ? asked : [...API_VERSIONS]).slice();
  for (const v of versions) {
    if (!(API_VERSIONS as readonly string[]).includes(v)) throw new Error(`Unsupported API version "${v}"; known: ${API_VERSIONS.join(', ')}`);
  }
  return versions;
}

/** The users (copies, so a caller's list is not changed), each with a known role. */
function checkedUsers(asked: EmulatorUser[] | undefined): EmulatorUser[] {
  const users = asked && asked.length ? asked.map((u) => ({ ...u })) : DEFAULT_USERS.map((u) => ({ ...u }));
  for (const u of users) {
    if (!ROLES.includes(u.role)) throw new Error(`User "${u.username}": unknown role "${u.role}"; known: ${ROLES.join(', ')}`);
  }
  return users;
}

/**
 * Restores the camera from its state file (a corrupt one, or one saved by the
 * other kind of camera, is refused before we listen) and saves every change to it.
 */
function keepState(camera: CameraModel, profile: CameraProfile, statePath: string): void {
  const saved = loadState(statePath);
  if (saved && saved.ptz !== profile.ptz) {
    throw new StateFileError(
      statePath,
      `it was saved by a ${saved.ptz ? 'PTZ' : 'fixed'} camera profile and this one (${profile.name}) is ${profile.ptz ? 'PTZ' : 'fixed'}`,
    );
  }
  if (saved) camera.restore(saved);
  const stateFile = new StateFile(statePath);
  // The PTZ head's position is not configuration: a guard tour must not rewrite the file.
  camera.on('change', (change: CameraChange) => {
    if (change.what !== 'preset' && change.what !== 'load') stateFile.save(camera.snapshot());
  });
}

/** An http(s) server listening on host:port that answers every request through `router`, never crashing on one. */
async function listen(
  options: EmulatorOptions,
  host: string,
  router: Router,
  versions: ApiVersion[],
  stats: { exchanges: number },
): Promise<http.Server | https.Server> {
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    stats.exchanges++;
    router.handle(req, res).catch(() => {
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
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // After listening, a server error (e.g. out of file descriptors) must not take the process down.
  server.on('error', () => undefined);
  return server;
}

export async function start(options: EmulatorOptions = {}): Promise<Emulator> {
  const profile = getProfile(options.profile ?? 'fixed');
  if (options.serial !== undefined) {
    if (!/^[0-9A-F]{12}$/.test(options.serial))
      throw new Error(`serial "${options.serial}" must be 12 hexadecimal digits in capitals, as Axis serial numbers are`);
    profile.serial = options.serial;
  }
  const sensor: Sensor = options.sensor ?? new FlatSensor();
  const camera = new CameraModel(profile, sensor);
  const versions = servedVersions(options.apiVersions);
  const users = checkedUsers(options.users);
  const realm = `AXIS_${profile.serial}`;
  const auth = new DigestAuthenticator({
    realm,
    users,
    algorithms: options.digestAlgorithms && options.digestAlgorithms.length ? options.digestAlgorithms : DEFAULT_DIGEST_ALGORITHMS,
    nonceTtlMs: options.nonceTtlMs ?? 300_000,
    basicOnly: options.basicOnly ?? false,
  });
  if (options.statePath) keepState(camera, profile, options.statePath);

  const bodyTimeoutMs = options.bodyTimeoutMs ?? 5000;
  const stats = { exchanges: 0, thermometryCalls: 0 };
  const apiList: ApiListEntry[] = [
    // A camera lists the discovery API itself, as the recorded device answers in public client code do.
    { id: 'api-discovery', version: '1.0', name: 'API Discovery Service', docLink: 'https://developer.axis.com/vapix/network-video/api-discovery-service/' },
    {
      id: 'thermometry',
      version: highestMinors(versions)[0],
      name: 'Thermometry',
      docLink: 'https://developer.axis.com/vapix/network-video/thermometry/',
    },
  ];
  // The built-in CGIs are routes like any other: a part may add its own for one method of their paths.
  const router = new Router(auth, bodyTimeoutMs);
  router.add('*', THERMOMETRY_PATH, options.thermometryPathLevel ?? 'viewer', thermometryRoute({ camera, versions, stats, bodyTimeoutMs }), { ownBody: true });
  router.add('*', APIDISCOVERY_PATH, 'viewer', apiDiscoveryRoute(apiList, bodyTimeoutMs), { ownBody: true });

  const host = options.host ?? '127.0.0.1';
  const server = await listen(options, host, router, versions, stats);
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
    params: [],
    users,
    realm,
    authenticate(req) {
      const result = auth.authenticate(req);
      return result.ok ? result.user.role : null;
    },
    challenges: (stale) => auth.challenges(stale),
    addRoute(method, path, level, routeHandler) {
      router.add(method, path, level, routeHandler);
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
  // The channels' names (param.cgi Image.I<n>.Name), which say which is thermal and which visual.
  emulator.params.push(channelNameParams(profile));
  addParamRoute(emulator);
  if (options.events) attachEventStream(emulator, options.events === true ? {} : options.events);
  addPtzRoutes(emulator);
  return emulator;
}
