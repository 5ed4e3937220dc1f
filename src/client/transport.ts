/**
 * HTTP(S) to one camera: axios over keep-alive agents, one deadline per call
 * (connect, headers and the whole body, a resend and a Digest retry within
 * it: a camera that trickles a byte now and then cannot hold a call open),
 * certificate checks, no redirects, and the authentication flow (Digest nonce
 * reuse so that one call is one exchange; one retry on a stale or changed
 * nonce). Every failure becomes a ThermometryError whose message names
 * host:port and what to check; raw axios errors (whose config carries the
 * Authorization header) never leave this file.
 *
 * Sending again (see exchange): a request goes out a second time only when it
 * cannot have reached the camera (a kept-alive socket the camera had closed,
 * found dead before any byte was written), or when it changes nothing (a read
 * whose reply was lost on a kept-alive socket), and then once. A write whose
 * reply is lost fails saying the camera may have applied it.
 */
import http from 'http';
import net from 'net';
import https from 'https';
import { Axios, AxiosError, AxiosHeaders, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { Authorizer, authorizerFor, isStale } from './digest';
import { ThermometryError } from './errors';
import { errorCode, isTlsReason, reasonOfCode } from './failure';

export interface TlsOptions {
  /**
   * CA certificate(s) (PEM) to trust for this camera instead of the system store;
   * a promise when read from a file (requests wait for it; a rejection fails them).
   */
  ca?: string | Buffer | Promise<string | Buffer>;
  /** Accept a certificate no CA vouches for (a camera's own self-signed one). */
  allowSelfSigned?: boolean;
}

/**
 * Which axios adapter carries the requests:
 * - 'lean' (default): a small node:http(s) adapter of ours (below) behind the axios
 *   instance (config, headers, validateStatus, errors stay axios'). Measured in
 *   bench/client.js, axios's own http adapter costs ~150 us of CPU per request
 *   over bare node:http (per-request socket.setKeepAlive, streams, URL and proxy
 *   handling we do not use), which halves the call rate against a local camera.
 * - 'axios': axios's own http adapter.
 */
export type HttpAdapterName = 'lean' | 'axios';

export interface TransportOptions {
  host: string;
  port: number;
  protocol: 'http' | 'https';
  username?: string;
  password?: string;
  /** ms per call: connect, headers and body, resends and authentication retries included. */
  timeout: number;
  tls?: TlsOptions;
  /** Default 'lean'. */
  adapter?: HttpAdapterName;
}

export interface HttpReply<T = unknown> {
  status: number;
  headers: Record<string, string>;
  data: T;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  /** Path and query on the camera, starting with '/'. */
  path: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
  responseType?: 'text' | 'arraybuffer';
  /**
   * The request changes nothing on the camera, so it may be sent once more
   * when its reply is lost. Default: true for GET, false for POST.
   */
  idempotent?: boolean;
}

/** What a failed exchange may have done on the camera. */
interface ExchangeOutcome {
  /** Sent on a socket kept alive from an earlier request. */
  reused: boolean;
  /** No byte of the request reached the camera: it cannot have run it. */
  unsent: boolean;
  /** The connection closed before a whole reply came (reset, hang-up, reply cut short). */
  lost: boolean;
}

/** Set by the lean adapter on an error raised before any byte of the request was written. */
const UNSENT = Symbol('unsent');

const TLS_HINT = 'give the camera\'s CA certificate (tls.ca) or, for a camera with its own self-signed certificate, allow it (tls.allowSelfSigned)';
/** What the camera's certificate is, by its verification code (the reason says which kind it is). */
const TLS_CODES: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'presented a self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'presented a certificate chain with a self-signed root that is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'presented a certificate no trusted CA signed',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'presented a certificate whose issuer is not trusted',
  UNABLE_TO_GET_ISSUER_CERT: 'presented a certificate whose issuer is not trusted',
  CERT_UNTRUSTED: 'presented an untrusted certificate',
  CERT_HAS_EXPIRED: 'presented an expired certificate',
  CERT_NOT_YET_VALID: 'presented a certificate that is not yet valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'presented a certificate issued for another host name',
  CERT_SIGNATURE_FAILURE: 'presented a certificate with a bad signature',
};

/** host:port as messages show it ([::1]:80 for IPv6). */
export function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export class CameraTransport {
  readonly camera: string;
  readonly baseUrl: string;
  private readonly http: Axios;
  private readonly httpAgent: http.Agent;
  private httpsAgent: https.Agent;
  /** The TLS trust in use, its CA read (undefined until a CA file is read). */
  private trust: { ca?: string | Buffer; allowSelfSigned?: boolean } | undefined;
  /** A CA still being read: requests wait for it. */
  private trustPending: Promise<void> | undefined;
  /** Why the CA could not be read (every request fails with it). */
  private trustFailure: string | undefined;
  private readonly options: TransportOptions;
  /** Answers the server's current challenge; undefined until the first 401. */
  private authorizer: Authorizer | undefined;
  /** The first unauthenticated request in flight; others wait for its challenge. */
  private probe: Promise<void> | undefined;
  readonly #password: string | undefined;
  private closed = false;
  /** Requests sent a second time since the transport was made (for diagnostics and tests). */
  resends = 0;

  constructor(options: TransportOptions) {
    this.#password = options.password;
    // Keep the password out of the options object other code can see.
    this.options = { ...options, password: undefined };
    this.camera = hostPort(options.host, options.port);
    const defaultPort = options.protocol === 'https' ? 443 : 80;
    this.baseUrl = `${options.protocol}://${options.host.includes(':') ? `[${options.host}]` : options.host}${options.port === defaultPort ? '' : `:${options.port}`}`;
    this.httpAgent = keepAliveOnce(new http.Agent({ keepAlive: true }));
    const ca = options.tls?.ca;
    if (ca instanceof Promise) {
      this.trust = undefined;
      this.httpsAgent = httpsAgentFor(undefined, options.tls);
      this.trustPending = ca.then((text) => {
        this.trust = { ...options.tls, ca: text };
        if (!this.closed) this.httpsAgent = httpsAgentFor(text, options.tls);
        if (this.http) this.http.defaults.httpsAgent = this.httpsAgent;
      }, (err: unknown) => {
        this.trustFailure = (err as Error)?.message ?? String(err);
      }).finally(() => {
        this.trustPending = undefined;
      });
    } else {
      this.trust = options.tls ? { ...options.tls, ca } : undefined;
      this.httpsAgent = httpsAgentFor(ca, options.tls);
    }
    // An Axios of its own with only the defaults the adapter reads: axios.create()
    // would merge the library-wide defaults into every request, and every key here
    // is merged again per request (axios's largest cost per call).
    const common = {
      timeout: options.timeout,
      // Statuses are ours to interpret (401 challenges, 403, JSON errors in 4xx/5xx).
      validateStatus: () => true,
      headers: {},
    };
    this.http = new Axios(options.adapter === 'axios'
      ? {
        ...common,
        baseURL: this.baseUrl,
        httpAgent: this.httpAgent,
        httpsAgent: this.httpsAgent,
        // No redirects (a camera that redirects is misconfigured; never follow it to another host).
        maxRedirects: 0,
        // Cameras are on the local network; an HTTP(S)_PROXY from the environment would not reach them.
        proxy: false,
        transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: false },
        transformResponse: [(data: unknown) => data],
        transformRequest: [(data: unknown) => data],
        decompress: true,
        maxContentLength: MAX_REPLY_BYTES,
        adapter: 'http',
      }
      : {
        ...common,
        // The lean adapter sends to this camera only (relative paths, no redirects,
        // no proxy) and hands the body over untransformed.
        adapter: leanAdapter({
          protocol: options.protocol,
          host: options.host,
          port: options.port,
          // A getter: the https agent is made again once a CA file has been read.
          agent: () => (options.protocol === 'https' ? this.httpsAgent : this.httpAgent),
        }),
      });
  }

  private get credentials(): { username: string; password: string } | undefined {
    if (this.options.username === undefined || this.options.username === '') return undefined;
    return { username: this.options.username, password: this.#password ?? '' };
  }

  /** Whether the client has a username (cheaper than building the credentials). */
  private get hasCredentials(): boolean {
    return this.options.username !== undefined && this.options.username !== '';
  }

  get username(): string | undefined {
    return this.options.username;
  }

  /** The TLS trust as in use (its CA text once read): the event stream's wss connection trusts the same. */
  get tls(): { ca?: string | Buffer; allowSelfSigned?: boolean } | undefined {
    return this.trust;
  }

  /** The scheme the camera asked for ('digest', 'basic'), once known. */
  get authScheme(): string | undefined {
    return this.authorizer?.scheme;
  }

  /**
   * One request with authentication: reuses the cached challenge, answers a
   * first 401 by authenticating, and retries once when the nonce the request
   * used has gone stale (or was replaced). A final 401 is returned to the
   * caller, who tells the user to check the credentials.
   *
   * A request is sent again at most once, and only when resendable() says the
   * camera cannot have run it or running it twice changes nothing. Each send
   * builds its own Authorization header, so a resend carries a fresh nonce
   * count and can never be refused as a replay; and since the connection was
   * lost, the challenge it answers may be gone with it: a 401 after a resend
   * is answered with the new challenge before it counts as refused credentials.
   */
  async exchange(req: HttpRequest): Promise<HttpReply> {
    const deadline = new Deadline(this.options.timeout);
    try {
      return await this.exchangeWithin(req, deadline);
    } finally {
      deadline.clear();
    }
  }

  private async exchangeWithin(req: HttpRequest, deadline: Deadline): Promise<HttpReply> {
    await this.trusted(deadline);
    const credentials = this.hasCredentials ? this.credentials : undefined;
    let releaseProbe: (() => void) | undefined;
    if (credentials && !this.authorizer) {
      if (this.probe) {
        await deadline.race(this.probe, () => this.networkError(deadlineError()));
      } else {
        this.probe = new Promise<void>((resolve) => (releaseProbe = resolve));
      }
    }
    try {
      let authorizer = this.authorizer;
      // Was `authorizer` built from a challenge this very call received?
      let fresh = false;
      let staleRetried = false;
      let resent = false;
      for (;;) {
        const headers: Record<string, string> = { ...req.headers };
        if (authorizer && credentials) headers.Authorization = authorizer.authorize(req.method, req.path, req.body);
        const reply = await this.send(req, headers, !resent, deadline);
        if (reply === RESEND) {
          resent = true;
          this.resends++;
          fresh = false;
          continue;
        }
        if (reply.status !== 401 || !credentials) return reply;
        const challengeHeader = reply.headers['www-authenticate'];
        const stale = authorizer !== undefined && isStale(challengeHeader);
        // Retry when our header was built from an older challenge (the nonce may have
        // expired or the server restarted), and once when the server says stale=true.
        const retry = (authorizer === undefined || !fresh) ? true : stale && !staleRetried;
        if (!retry) return reply;
        const next = authorizerFor(challengeHeader, credentials);
        if (!next) return reply;
        this.authorizer = authorizer = next;
        fresh = true;
        if (stale) staleRetried = true;
      }
    } finally {
      if (releaseProbe) {
        this.probe = undefined;
        releaseProbe();
      }
    }
  }

  /**
   * Authorization header value for a request the caller sends itself (the
   * WebSocket upgrade). Fetches a challenge first when none is cached.
   */
  async authorization(method: string, path: string): Promise<string | undefined> {
    const credentials = this.credentials;
    if (!credentials) return undefined;
    const deadline = new Deadline(this.options.timeout);
    try {
      await this.trusted(deadline);
      if (!this.authorizer) {
        if (this.probe) await deadline.race(this.probe, () => this.networkError(deadlineError()));
      }
      if (!this.authorizer) {
        let release!: () => void;
        this.probe = new Promise<void>((resolve) => (release = resolve));
        try {
          const reply = await this.send({ method: method === 'POST' ? 'POST' : 'GET', path }, {}, false, deadline);
          if (reply !== RESEND && reply.status === 401) {
            const next = authorizerFor(reply.headers['www-authenticate'], credentials);
            if (next) this.authorizer = next;
          }
        } finally {
          this.probe = undefined;
          release();
        }
      }
      return this.authorizer?.authorize(method, path);
    } finally {
      deadline.clear();
    }
  }

  /** Waits for a CA still being read (within the call's deadline); throws when it could not be read. */
  private async trusted(deadline: Deadline): Promise<void> {
    if (this.trustPending) await deadline.race(this.trustPending, () => this.networkError(deadlineError()));
    if (this.trustFailure !== undefined) {
      throw new ThermometryError('validation', `camera ${this.camera}: ${this.trustFailure}`, { camera: this.camera, field: 'caFile' });
    }
  }

  /**
   * One HTTP exchange; network failures become ThermometryErrors, or RESEND
   * when `mayResend` and the failure allows sending the request again.
   */
  private async send(req: HttpRequest, headers: Record<string, string>, mayResend: boolean, deadline: Deadline): Promise<HttpReply | typeof RESEND> {
    if (this.closed) {
      throw new ThermometryError('network', `client for camera ${this.camera} is closed; create a new one`, { camera: this.camera, reason: 'clientClosed' });
    }
    if (deadline.expired) throw this.networkError(deadlineError(), !(req.idempotent ?? req.method === 'GET'));
    let res: AxiosResponse;
    try {
      res = await this.http.request({
        method: req.method,
        url: req.path,
        data: req.body,
        headers,
        responseType: req.responseType === 'arraybuffer' ? 'arraybuffer' : 'text',
        // What is left of the call's deadline: the whole exchange, not an idle gap.
        timeout: deadline.remaining(),
        signal: deadline.signal,
      });
    } catch (err) {
      if (deadline.expired) throw this.networkError(deadlineError(), !(req.idempotent ?? req.method === 'GET'));
      const outcome = exchangeOutcome(err);
      const idempotent = req.idempotent ?? req.method === 'GET';
      if (mayResend && resendable(outcome, idempotent)) return RESEND;
      throw this.networkError(err, !idempotent && !outcome.unsent);
    }
    // The lean adapter's node reply headers are already plain and lower-case; skip axios's copy.
    const raw = (res.request as { res?: http.IncomingMessage } | undefined)?.res?.headers;
    return { status: res.status, headers: flattenHeaders((raw ?? res.headers) as Record<string, unknown>), data: res.data };
  }

  /**
   * A readable error for a failed exchange, built from the cause's code only.
   * `mayHaveApplied`: a request that changes the camera was written and its
   * reply did not come; the message says so, so that a flow checks before
   * sending it again.
   */
  private networkError(err: unknown, mayHaveApplied = false): ThermometryError {
    const e = err as { message?: string; [TOO_LARGE]?: boolean };
    const code = errorCode(err) ?? '';
    const reason = reasonOfCode(code);
    const camera = this.camera;
    const details = { camera, cause: code || undefined, reason };
    const { host, protocol, timeout } = this.options;
    const applied = mayHaveApplied ? '; the camera may have applied the request before the connection failed: read the camera\'s state (list) before sending it again' : '';
    // axios's own adapter says a reply was too large only in its message (the lean adapter marks it).
    if (e[TOO_LARGE] || /maxContentLength/.test(e.message ?? '')) {
      return new ThermometryError('protocol', `camera ${camera} sent a reply larger than ${MAX_REPLY_BYTES / (1024 * 1024)} MB, far more than any answer of a camera; the reply was dropped: check that the host and port are the camera's`, { ...details, cause: 'ERR_REPLY_TOO_LARGE', reason: 'replyTooLarge' });
    }
    switch (reason) {
      case 'timedOut':
        return new ThermometryError('timeout', `camera ${camera} did not answer within ${timeout} ms: check that it is on and reachable, or raise the timeout${applied}`, { ...details, cause: code || 'ETIMEDOUT' });
      case 'refused':
        return new ThermometryError('network', `cannot connect to camera ${camera}: connection refused; check the host, the port and the protocol (${protocol})`, details);
      case 'noSuchHost':
        return new ThermometryError('network', `cannot find camera host "${host}" (${camera}): the name does not resolve (${code}); check the host name or use the IP address`, details);
      case 'unreachable':
        return new ThermometryError('network', `camera ${camera} is unreachable (${code}): check the network, the IP address and the cabling`, details);
      case 'connectionLost':
        if (mayHaveApplied) {
          return new ThermometryError('network', `camera ${camera} closed the connection before a complete reply (${code})${applied}`, details);
        }
        return new ThermometryError('network', `camera ${camera} closed the connection (${code}): check the protocol (http or https) and the port`, details);
      case 'cancelled':
        return new ThermometryError('network', `request to camera ${camera} was cancelled`, details);
      default:
        if (reason === 'tlsFailed') {
          return new ThermometryError('network', `TLS with camera ${camera} failed (${code}): check that the port serves ${protocol} and the certificate settings`, details);
        }
        if (isTlsReason(reason)) return new ThermometryError('network', `camera ${camera} ${TLS_CODES[code]} (${code}): ${TLS_HINT}`, details);
        // Only the code and a scrubbed message: never the axios error itself.
        return new ThermometryError('network', `request to camera ${camera} failed (${code || 'unknown error'}): check the host, port and protocol${applied}`, details);
    }
  }

  /** Frees the keep-alive sockets; no timers are left behind. */
  close(): void {
    this.closed = true;
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

/** exchange() sends the request again (send() found it resendable). */
const RESEND = Symbol('resend');

/** Set on the error of a reply over MAX_REPLY_BYTES. */
const TOO_LARGE = Symbol('too large');

/** The error a call's deadline ends it with (networkError words it as a timeout). */
function deadlineError(): Error {
  return Object.assign(new Error('deadline of the call exceeded'), { code: 'ETIMEDOUT' });
}

/**
 * One call's deadline: a timer that aborts what is under way (the socket is
 * destroyed, whatever it is receiving), and the time left for each send.
 */
class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly end: number;

  constructor(ms: number) {
    this.end = Date.now() + ms;
    this.timer = setTimeout(() => this.controller.abort(deadlineError()), ms);
    // A call under way keeps the process alive by its socket, not by this timer.
    this.timer.unref?.();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get expired(): boolean {
    return this.controller.signal.aborted;
  }

  /** ms left (at least 1: axios reads 0 as "no timeout"). */
  remaining(): number {
    return Math.max(1, this.end - Date.now());
  }

  /** `work`, or the error of `onExpiry` if the deadline comes first. */
  race<T>(work: Promise<T>, onExpiry: () => Error): Promise<T> {
    if (this.expired) return Promise.reject(onExpiry());
    return new Promise<T>((resolve, reject) => {
      const abort = () => reject(onExpiry());
      this.signal.addEventListener('abort', abort, { once: true });
      work.then((v) => {
        this.signal.removeEventListener('abort', abort);
        resolve(v);
      }, (e: unknown) => {
        this.signal.removeEventListener('abort', abort);
        reject(e);
      });
    });
  }

  clear(): void {
    clearTimeout(this.timer);
  }
}

/** The https agent of a camera: its CA (or the system store), a self-signed certificate only when allowed. */
function httpsAgentFor(ca: string | Buffer | undefined, tls: TlsOptions | undefined): https.Agent {
  return keepAliveOnce(new https.Agent({
    keepAlive: true,
    ca,
    // Verify by default; a self-signed camera certificate only when the user says so.
    rejectUnauthorized: !tls?.allowSelfSigned,
  }));
}

/** Whether a failed exchange may have reached the camera, and on which socket. */
function exchangeOutcome(err: unknown): ExchangeOutcome {
  const e = err as { request?: { reusedSocket?: boolean }; [UNSENT]?: boolean; code?: string };
  const reused = e.request?.reusedSocket === true;
  // Reset, broken pipe, hang-up, or a reply cut short (node gives them all ECONNRESET or EPIPE).
  const lost = reasonOfCode(errorCode(err)) === 'connectionLost';
  // A write that failed with EPIPE was refused by the socket: the request never reached the camera whole.
  const unsent = reused && (e[UNSENT] === true || e.code === 'EPIPE');
  return { reused, unsent, lost };
}

/**
 * Whether a failed request may go out again (once): never when it could have
 * reached the camera and changes it. A kept-alive socket the camera closed
 * while it idled fails before anything is written; a read whose reply was
 * lost on a kept-alive socket is asked again. A new connection that fails is
 * not retried: that is a wrong port or protocol, or a camera in trouble.
 */
function resendable(f: ExchangeOutcome, idempotent: boolean): boolean {
  if (!f.reused || !f.lost) return false;
  return f.unsent || idempotent;
}

/**
 * TCP keep-alive is a socket option that stays set; node's agent sets it again
 * every time a socket goes back to the pool, a setsockopt per request (about a
 * tenth of the client's CPU per call in bench/client.js). Sockets of `agent`
 * skip a call that would set what is already set.
 */
function keepAliveOnce<A extends http.Agent>(agent: A): A {
  const withSockets = agent as unknown as { createConnection: (...args: unknown[]) => net.Socket };
  const create = withSockets.createConnection;
  withSockets.createConnection = function (this: unknown, ...args: unknown[]) {
    const socket = create.apply(this, args);
    const setKeepAlive = socket.setKeepAlive;
    let current: string | undefined;
    socket.setKeepAlive = function (this: net.Socket, enable?: boolean, initialDelay?: number) {
      const wanted = `${Boolean(enable)}:${initialDelay ?? 0}`;
      if (wanted === current) return this;
      current = wanted;
      return setKeepAlive.call(this, enable, initialDelay);
    };
    return socket;
  };
  return agent;
}

/** Largest reply body read (thermometry replies are a few kB; a snapshot a few MB). */
const MAX_REPLY_BYTES = 32 * 1024 * 1024;

/**
 * An axios adapter over node:http(s) with our keep-alive agent: one request to
 * the configured camera (relative paths only, so never another host), a body
 * sent in the same write as the headers, the reply collected whole, socket
 * idle timeout = config.timeout, validateStatus honoured. Errors are
 * AxiosErrors carrying the node error code, as axios's own adapter gives.
 */
function leanAdapter(target: { protocol: 'http' | 'https'; host: string; port: number; agent: () => http.Agent }) {
  const request = target.protocol === 'https' ? https.request : http.request;
  return (config: InternalAxiosRequestConfig): Promise<AxiosResponse> =>
    new Promise((resolve, reject) => {
      const path = config.url ?? '/';
      if (!path.startsWith('/')) {
        reject(new AxiosError(`only paths on the camera are requested (got ${path.slice(0, 40)})`, AxiosError.ERR_BAD_REQUEST, config));
        return;
      }
      const headers: Record<string, string> = {};
      const given = (config.headers instanceof AxiosHeaders ? config.headers.toJSON() : AxiosHeaders.from(config.headers).toJSON()) as Record<string, unknown>;
      for (const key of Object.keys(given)) {
        const v = given[key];
        if (v !== undefined && v !== null && v !== false) headers[key] = String(v);
      }
      const body = config.data as string | Buffer | undefined;
      if (body !== undefined && body !== null) headers['Content-Length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.length);
      let settled = false;
      const fail = (err: AxiosError) => {
        if (settled) return;
        settled = true;
        reject(err);
      };
      {
        // Whether any byte of the request was handed to the socket.
        let written = false;
        const req = request({ host: target.host, port: target.port, method: (config.method ?? 'get').toUpperCase(), path, headers, agent: target.agent() }, (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_REPLY_BYTES) {
              fail(Object.assign(new AxiosError(`reply larger than ${MAX_REPLY_BYTES} bytes`, AxiosError.ERR_BAD_RESPONSE, config, req), { [TOO_LARGE]: true }));
              req.destroy();
              return;
            }
            chunks.push(chunk);
          });
          res.on('error', (err) => fail(AxiosError.from(err, (err as NodeJS.ErrnoException).code, config, req)));
          res.on('end', () => {
            if (settled) return;
            const buffer = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
            const status = res.statusCode ?? 0;
            const response: AxiosResponse = {
              data: config.responseType === 'arraybuffer' ? buffer : buffer.toString('utf8'),
              status,
              statusText: res.statusMessage ?? '',
              // Read by send() from request.res.headers as node gives them; axios would
              // otherwise rebuild them into an AxiosHeaders on every reply.
              headers: {},
              config,
              request: req,
            };
            settled = true;
            if (!config.validateStatus || config.validateStatus(status)) resolve(response);
            else reject(new AxiosError(`Request failed with status code ${status}`, status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST, config, req, response));
          });
        });
        req.on('error', (err: NodeJS.ErrnoException) => {
          const axiosError = AxiosError.from(err, err.code, config, req);
          // Nothing written: the camera cannot have run it (the transport may send it again).
          if (!written) Object.assign(axiosError, { [UNSENT]: true });
          fail(axiosError);
        });
        // The call's deadline (exchange's): the socket goes, whatever it is in the middle of.
        const signal = config.signal as AbortSignal | undefined;
        if (signal) {
          const abort = () => {
            fail(new AxiosError(`timeout of ${config.timeout}ms exceeded`, AxiosError.ETIMEDOUT, config, req));
            req.destroy();
          };
          if (signal.aborted) abort();
          else {
            signal.addEventListener('abort', abort, { once: true });
            req.once('close', () => signal.removeEventListener('abort', abort));
          }
        } else if (config.timeout) {
          req.setTimeout(config.timeout, () => {
            fail(new AxiosError(`timeout of ${config.timeout}ms exceeded`, AxiosError.ETIMEDOUT, config, req));
            req.destroy();
          });
        }
        // A string body goes out in one write with the headers.
        const write = () => {
          if (settled || req.destroyed) return;
          written = true;
          req.end(body);
        };
        req.once('socket', (socket: net.Socket) => {
          if (!req.reusedSocket) return write();
          // A kept-alive socket may have been closed by the camera while it idled, its
          // close not yet read. Let the event loop poll the sockets once before writing
          // (two check phases: the first may come before this turn's poll): a dead socket
          // then fails before any byte is written, and the request can safely go again.
          setImmediate(() => setImmediate(() => {
            if (socket.destroyed || socket.readableEnded || !socket.writable) {
              req.destroy(Object.assign(new Error('socket hang up: kept-alive socket closed by the camera'), { code: 'ECONNRESET' }));
              return;
            }
            write();
          }));
        });
      }
    });
}

function flattenHeaders(headers: Record<string, unknown>): Record<string, string> {
  const plain = typeof (headers as { toJSON?: () => unknown }).toJSON === 'function'
    ? ((headers as { toJSON: () => Record<string, unknown> }).toJSON())
    : headers;
  const out: Record<string, string> = {};
  for (const key in plain) {
    const value = plain[key];
    if (value === undefined || value === null) continue;
    out[key.toLowerCase()] = typeof value === 'string' ? value : Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}
