/**
 * "Add many cameras" (issue 17, item 2): the admin routes behind the camera
 * form's list of cameras. Registered by registerAdminRoutes (./admin-routes.ts),
 * behind its guards.
 *
 *   POST /axis-thermometry/bulk/test      (flows.write)
 *     body: { cameras: [{ name?, host, port?, protocol? }] (at most MAX_BULK_LINES),
 *             protocol: 'http' | 'https', tls: 'verify' | 'insecure', timeout (s, at most 30),
 *             signIn?: a sign-in node's id, account?: { username?, password? } }
 *     answer: application/x-ndjson, one line per camera as its test ends
 *       { index, ok: true, camera, model?, firmware?, serial?, apiVersions, version, userLevel? }
 *       { index, ok: false, camera, error (plain words), kind, reason? }
 *     then { done: true, tested }; a refusal before any test is the admin routes'
 *     one failure shape with its status code (400, 403, 429).
 *   POST /axis-thermometry/bulk/discover  (flows.write)
 *     answer: { cameras: [{ name, host, port, serial?, via }], problems: [{ via, reason }], windowMs }
 *
 * Who may: both make Node-RED connect to, or send to, addresses from the
 * request (a list typed by a person, the network's multicast groups), so both
 * need flows.write, as trying typed settings does (a user who can deploy can
 * make Node-RED connect anywhere anyway; a reader cannot).
 *
 * THE RULE FOR A SHARED SIGN-IN'S STORED PASSWORD. A camera's stored password
 * serves only its own node and address (./admin-routes.ts). A sign-in's account
 * exists to serve many cameras, including ones not made yet, so here: the
 * stored account of a sign-in is used only
 *   - for the sign-in node the user chose in the form (body.signIn), which must
 *     be a thermometry-sign-in of the deployed flow (never a camera's, an MQTT
 *     broker's or any other node's credentials, whatever id is sent);
 *   - for the addresses of this request only, each a camera about to be made
 *     naming that sign-in (which, once deployed, would sign in there anyway);
 *   - by a user with flows.write (who could deploy such a camera at any address);
 *   - with its own user name: an account.username other than the stored one
 *     is refused before any connection, without a word of what is stored.
 * A password typed in the form (a sign-in not deployed yet, or changed since)
 * is used as typed. No answer, log line or error carries a password.
 *
 * Bounds: at most MAX_BULK_LINES cameras a request, BULK_CONCURRENCY tested at
 * once, one deadline per camera (its timeout, at most 30 s, for the whole test
 * of that camera: version, device information, capabilities), one bulk test per
 * user and MAX_BULK_RUNS overall (429 beyond); a request whose browser has gone
 * stops starting tests. Discovery: one at a time (a second request waits for the
 * one under way), answers collected for a short window (src/client/discovery.ts).
 */
import { createClient, readDeviceInfo, readUserLevel, type ThermometryClient } from '../shared/client';
import { cameraOptions, type CameraDef } from '../shared/camera-options';
import { plainReason, toNodeError } from '../shared/errors';
import type { SignInConfigNode } from '../shared/camera-api';
import type { NodeAPI, NodeDef } from '../shared/red';
import { discoverCameras, type DiscoveryOptions, type DiscoveryResult } from '../../client/discovery';
import { answerFailure, guardWrite, STORED_PASSWORD, TYPED_TIMEOUT_MAX_MS, type Req, type Res } from './admin-routes';
import { MAX_BULK_LINES, MAX_BULK_LINE_LENGTH } from './bulk-lines';
import { hostProblem, portProblem } from './settings';

/** Cameras tested at once in one request. */
export const BULK_CONCURRENCY = 8;
/** Bulk tests under way at once, overall (one per user). */
export const MAX_BULK_RUNS = 2;
/** A camera's deadline when the form gives none, ms. */
export const BULK_DEFAULT_TIMEOUT_MS = 5000;

/** A refusal before any test: status and words, in the admin routes' one shape. */
class BulkRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function refuse(res: Res, err: BulkRefusal): void {
  const kinds: Record<number, string> = { 400: 'validation', 429: 'busy' };
  res.status(err.status).json({ error: err.message, kind: kinds[err.status] ?? 'route' });
}

interface BulkCamera {
  name: string;
  host: string;
  port: string;
  protocol: 'http' | 'https';
}

interface BulkRequest {
  cameras: BulkCamera[];
  tls: 'verify' | 'insecure';
  timeoutMs: number;
  signIn?: string;
  account?: { username?: string; password?: string };
}

function text(value: unknown, field: string, max = MAX_BULK_LINE_LENGTH): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string' && typeof value !== 'number') throw new BulkRefusal(400, `${field} must be text`);
  const s = String(value).trim();
  if (s.length > max) throw new BulkRefusal(400, `${field} is longer than ${max} characters`);
  return s;
}

/** The body read under its bounds; every camera's host and port by the camera node's own rules. */
function readBody(body: unknown): BulkRequest {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  if (!Array.isArray(b.cameras) || b.cameras.length === 0) throw new BulkRefusal(400, 'cameras: a list of at least one camera ({ host, port?, name? })');
  if (b.cameras.length > MAX_BULK_LINES) throw new BulkRefusal(400, `cameras: at most ${MAX_BULK_LINES} cameras a list (got ${b.cameras.length})`);
  const protocol = b.protocol === 'https' ? 'https' : 'http';
  if (b.protocol !== undefined && b.protocol !== 'http' && b.protocol !== 'https') throw new BulkRefusal(400, 'protocol must be http or https');
  if (b.tls !== undefined && b.tls !== 'verify' && b.tls !== 'insecure') throw new BulkRefusal(400, 'tls must be verify or insecure');
  if (b.caFile !== undefined) throw new BulkRefusal(400, 'caFile: a file path is not accepted from the editor');
  const cameras = b.cameras.map((c: unknown, i: number): BulkCamera => {
    if (!c || typeof c !== 'object') throw new BulkRefusal(400, `cameras[${i}] must be an object { host, port?, name? }`);
    const o = c as Record<string, unknown>;
    const host = text(o.host, `cameras[${i}].host`);
    const port = text(o.port, `cameras[${i}].port`);
    const problem = hostProblem(host) ?? portProblem(port);
    if (problem) throw new BulkRefusal(400, `cameras[${i}]: ${problem}`);
    if (o.protocol !== undefined && o.protocol !== 'http' && o.protocol !== 'https') throw new BulkRefusal(400, `cameras[${i}].protocol must be http or https`);
    return { name: text(o.name, `cameras[${i}].name`), host, port, protocol: (o.protocol as 'http' | 'https' | undefined) ?? protocol };
  });
  let timeoutMs = BULK_DEFAULT_TIMEOUT_MS;
  if (b.timeout !== undefined && String(b.timeout).trim() !== '') {
    const s = Number(b.timeout);
    if (!Number.isFinite(s) || s <= 0 || s * 1000 > TYPED_TIMEOUT_MAX_MS) throw new BulkRefusal(400, `timeout must be seconds from 0.1 to ${TYPED_TIMEOUT_MAX_MS / 1000}`);
    timeoutMs = Math.round(s * 1000);
  }
  const signIn = text(b.signIn, 'signIn', 100) || undefined;
  let account: BulkRequest['account'];
  if (b.account !== undefined && b.account !== null) {
    if (typeof b.account !== 'object') throw new BulkRefusal(400, 'account must be { username, password }');
    const a = b.account as Record<string, unknown>;
    account = { username: text(a.username, 'account.username', 1024) || undefined, password: a.password === undefined || a.password === null ? undefined : text(a.password, 'account.password', 1024) };
  }
  return { cameras, tls: b.tls === 'insecure' ? 'insecure' : 'verify', timeoutMs, signIn, account };
}

/** A deployed sign-in node (running, or on a disabled tab): its settings, or undefined. */
function deployedSignIn(RED: NodeAPI, id: string): { running?: SignInConfigNode; def?: NodeDef } | undefined {
  const running = RED.nodes.getNode(id) as SignInConfigNode | null;
  if (running) return running.type === 'thermometry-sign-in' ? { running } : undefined;
  let found: NodeDef | undefined;
  const nodes = RED.nodes as { eachNode?(cb: (n: NodeDef) => void): void };
  nodes.eachNode?.((n) => {
    if (n && n.id === id && n.type === 'thermometry-sign-in') found = n;
  });
  return found ? { def: found } : undefined;
}

/** The account and TLS trust the cameras of this request are tried with (the rule in the header). */
function credentialsFor(RED: NodeAPI, r: BulkRequest): { username?: string; password?: string; trust?: { tls: string; caPem: string } } {
  const typed = r.account;
  const wantsStored = !typed || typed.password === undefined || typed.password === '' || typed.password === STORED_PASSWORD;
  if (!r.signIn) {
    if (typed?.password === STORED_PASSWORD) throw new BulkRefusal(400, 'a stored password is used only through the sign-in it belongs to: choose the sign-in, or type the password');
    return { username: typed?.username, password: wantsStored ? undefined : typed?.password };
  }
  const signIn = deployedSignIn(RED, r.signIn);
  if (!wantsStored) {
    // Typed in the form (a new sign-in, or one changed since the deploy): used as typed, with the deployed trust when there is one.
    return { username: typed?.username, password: typed?.password, trust: signIn?.running?.trust };
  }
  const refusal = 'the stored password of a sign-in is used only with that sign-in, as deployed, and its own user name: deploy the sign-in, or type its password here';
  if (!signIn) throw new BulkRefusal(400, refusal);
  const stored = RED.nodes.getCredentials?.(r.signIn) ?? {};
  if (typed?.username !== undefined && typed.username !== (stored.username ?? '')) throw new BulkRefusal(400, refusal);
  const def = signIn.def;
  const trust = signIn.running?.trust ?? (def ? { tls: String(def.tls ?? ''), caPem: String(def.caPem ?? '') } : undefined);
  return { username: stored.username, password: stored.password, trust };
}

/** What one camera says about itself, or why it cannot be used, within one deadline. */
async function testOne(RED: NodeAPI, camera: BulkCamera, r: BulkRequest, creds: ReturnType<typeof credentialsFor>): Promise<Record<string, unknown>> {
  const def: CameraDef = { id: 'bulk', type: 'thermometry-camera', host: camera.host, port: camera.port, protocol: camera.protocol, tls: r.tls, apiVersion: 'auto' };
  if (camera.protocol === 'https' && creds.trust?.tls) {
    def.tls = creds.trust.tls;
    def.caPem = creds.trust.caPem;
  }
  const port = camera.port || (camera.protocol === 'https' ? '443' : '80');
  const where = `${camera.host.includes(':') ? `[${camera.host}]` : camera.host}:${port}`;
  let client: ThermometryClient | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    const options = cameraOptions(def, { username: creds.username, password: creds.password }, 'refuse');
    options.timeout = r.timeoutMs;
    client = createClient(options);
    const c = client;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`no answer from ${where} within ${r.timeoutMs / 1000} s`), { kind: 'timeout', reason: 'timedOut' })), r.timeoutMs);
    });
    const work = (async () => {
      const apiVersions = (await c.call('getSupportedVersions')).apiVersions;
      const quiet = <T>(p: Promise<T>) => p.catch(() => undefined);
      const [info, userLevel, version] = await Promise.all([quiet(readDeviceInfo(c)), quiet(readUserLevel(c)), quiet(c.negotiatedVersion())]);
      return {
        ok: true, camera: where, apiVersions, version,
        ...(info?.model ? { model: info.model } : {}), ...(info?.firmware ? { firmware: info.firmware } : {}),
        ...(info?.serialNumber ? { serial: info.serialNumber } : {}), ...(userLevel ? { userLevel } : {}),
      };
    })();
    work.catch(() => undefined);
    return await Promise.race([work, deadline]);
  } catch (err) {
    const e = toNodeError(err);
    e.info.camera ??= where;
    return { ok: false, camera: where, error: plainReason(e.info, RED), kind: e.info.kind, ...(e.info.reason ? { reason: e.info.reason } : {}) };
  } finally {
    if (timer) clearTimeout(timer);
    client?.close();
  }
}

const runsByUser = new Set<string>();
let discovery: Promise<DiscoveryResult> | undefined;

function userOf(req: Req): string {
  const user = req.user as { username?: unknown } | undefined;
  return user && typeof user.username === 'string' ? user.username : '';
}

/** Discovery's settings: settings.js `axisThermometry: { discovery: { windowMs, targets } }` (targets: unicast, for trying it where multicast cannot go). */
function discoveryOptions(RED: NodeAPI): DiscoveryOptions {
  const settings = (RED.settings?.axisThermometry ?? {}) as { discovery?: DiscoveryOptions };
  const d = settings.discovery ?? {};
  return { windowMs: d.windowMs, targets: d.targets };
}

export function registerBulkRoutes(RED: NodeAPI): void {
  const http = RED.httpAdmin;
  if (!http) return;

  http.post('/axis-thermometry/bulk/test', guardWrite, (req: Req, res: Res) => {
    let r: BulkRequest;
    let creds: ReturnType<typeof credentialsFor>;
    try {
      r = readBody(req.body);
      creds = credentialsFor(RED, r);
    } catch (err) {
      if (err instanceof BulkRefusal) refuse(res, err);
      else answerFailure(res, err);
      return;
    }
    const user = userOf(req);
    if (runsByUser.has(user) || runsByUser.size >= MAX_BULK_RUNS) {
      refuse(res, new BulkRefusal(429, 'cameras are being tested already: wait for that test to finish'));
      return;
    }
    runsByUser.add(user);
    let gone = false;
    // The response closing before it ended: the browser has gone (the form closed), no test is started for it.
    res.once?.('close', () => {
      gone = !(res as unknown as { writableEnded?: boolean }).writableEnded;
    });
    const stream = res as unknown as { setHeader(n: string, v: string): void; write(s: string): void; end(): void; status(n: number): unknown };
    stream.status(200);
    stream.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    stream.setHeader('Cache-Control', 'no-store');
    let next = 0;
    let tested = 0;
    const worker = async () => {
      while (!gone && next < r.cameras.length) {
        const index = next++;
        const answer = await testOne(RED, r.cameras[index], r, creds);
        tested++;
        if (!gone) stream.write(JSON.stringify({ index, ...answer }) + '\n');
      }
    };
    Promise.all(Array.from({ length: Math.min(BULK_CONCURRENCY, r.cameras.length) }, worker))
      .then(() => {
        if (!gone) stream.write(JSON.stringify({ done: true, tested }) + '\n');
      })
      .catch((err: unknown) => RED.log.warn(`axis-thermometry bulk test route: ${toNodeError(err).message}`))
      .finally(() => {
        runsByUser.delete(user);
        try {
          stream.end();
        } catch {
          // the browser has gone
        }
      });
  });

  http.post('/axis-thermometry/bulk/discover', guardWrite, (_req: Req, res: Res) => {
    discovery ??= discoverCameras(discoveryOptions(RED)).finally(() => {
      discovery = undefined;
    });
    discovery.then(
      (result) => res.json(result),
      (err: unknown) => answerFailure(res, err),
    );
  });
}
