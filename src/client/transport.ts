/**
 * HTTP(S) to one camera: axios over keep-alive agents, one deadline per call
 * (connect, headers and the whole body, a resend and a Digest retry within
 * it: a camera that trickles a byte now and then cannot hold a call open),
 * certificate checks, no redirects, and the authentication flow (Digest nonce
 * reuse so that one call is one exchange; one retry on a stale or changed
 * nonce). Every failure becomes a ThermometryError whose message names
 * host:port and what to check (network-error.ts); raw axios errors (whose
 * config carries the Authorization header) never leave the transport. The
 * parts: http-wire.ts (our HTTP/1.1 connections), agents.ts (keep-alive agents for axios),
 * deadline.ts (one deadline per call), resend.ts (when a request may go again).
 *
 * Sending again (see exchange): a request goes out a second time only when it
 * cannot have reached the camera (a kept-alive socket the camera had closed,
 * found dead before any byte was written), or when it changes nothing (a read
 * whose reply was lost on a kept-alive socket), and then once. A write whose
 * reply is lost fails saying the camera may have applied it.
 */
import http from 'http';
import https from 'https';
import { Axios, AxiosResponse } from 'axios';
import { httpsAgentFor, keepAliveOnce } from './agents';
import { Deadline, deadlineError } from './deadline';
import { Authorizer, authorizerFor, isStale } from './digest';
import { ThermometryError } from './errors';
import { MAX_REPLY_BYTES, WirePool } from './http-wire';
import { networkError } from './network-error';
import { exchangeOutcome, resendable } from './resend';

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
 * What carries the requests:
 * - 'lean' (default): our own HTTP/1.1 connections (http-wire.ts), one write and a
 *   bounded parser per exchange. Measured in bench/fleet.js: node's http client and
 *   axios's request path cost several times a poll's own work.
 * - 'axios': axios with its own http adapter and node's keep-alive agents (the same
 *   behaviour; the tests run both).
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

/** host:port as messages show it ([::1]:80 for IPv6). */
export function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export class CameraTransport {
  readonly camera: string;
  readonly baseUrl: string;
  /** Our HTTP/1.1 connections (http-wire.ts), or axios with its own http adapter (adapter 'axios'). */
  private readonly wire: WirePool | undefined;
  private readonly http: Axios | undefined;
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
      this.trustPending = ca
        .then(
          (text) => {
            this.trust = { ...options.tls, ca: text };
            if (!this.closed) this.httpsAgent = httpsAgentFor(text, options.tls);
            if (this.http) this.http.defaults.httpsAgent = this.httpsAgent;
          },
          (err: unknown) => {
            this.trustFailure = (err as Error)?.message ?? String(err);
          },
        )
        .finally(() => {
          this.trustPending = undefined;
        });
    } else {
      this.trust = options.tls ? { ...options.tls, ca } : undefined;
      this.httpsAgent = httpsAgentFor(ca, options.tls);
    }
    if (options.adapter === 'axios') {
      // An Axios of its own with only the defaults the adapter reads: axios.create()
      // would merge the library-wide defaults into every request.
      this.http = new Axios({
        timeout: options.timeout,
        // Statuses are ours to interpret (401 challenges, 403, JSON errors in 4xx/5xx).
        validateStatus: () => true,
        headers: {},
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
      });
    } else {
      this.wire = new WirePool({
        protocol: options.protocol,
        host: options.host,
        port: options.port,
        // Read per new connection: a CA file may be read after the transport was made.
        tls: () => ({ ca: this.trust?.ca, rejectUnauthorized: !options.tls?.allowSelfSigned }),
      });
    }
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
        const retry = authorizer === undefined || !fresh ? true : stale && !staleRetried;
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
    const idempotent = req.idempotent ?? req.method === 'GET';
    const responseType = req.responseType === 'arraybuffer' ? 'arraybuffer' : 'text';
    try {
      if (this.wire) {
        const reply = await this.wire.request({
          method: req.method,
          path: req.path,
          headers,
          body: req.body,
          responseType,
          idempotent,
          onAbort: (abort) => deadline.onExpire(abort),
          abortError: deadlineError,
        });
        return { status: reply.status, headers: reply.headers, data: reply.data };
      }
      const res: AxiosResponse = await this.http!.request({
        method: req.method,
        url: req.path,
        data: req.body,
        headers,
        responseType,
        // What is left of the call's deadline: the whole exchange, not an idle gap.
        timeout: deadline.remaining(),
        signal: deadline.signal,
      });
      return { status: res.status, headers: flattenHeaders(res.headers as Record<string, unknown>), data: res.data };
    } catch (err) {
      if (deadline.expired) throw this.networkError(deadlineError(), !idempotent);
      const outcome = exchangeOutcome(err);
      if (mayResend && resendable(outcome, idempotent)) return RESEND;
      throw this.networkError(err, !idempotent && !outcome.unsent);
    }
  }

  /** A readable error for a failed exchange (./network-error.ts). */
  private networkError(err: unknown, mayHaveApplied = false): ThermometryError {
    const { host, protocol, timeout } = this.options;
    return networkError(err, { camera: this.camera, host, protocol, timeout }, mayHaveApplied);
  }

  /** Frees the keep-alive sockets; no timers are left behind. */
  close(): void {
    this.closed = true;
    this.wire?.destroy();
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

/** exchange() sends the request again (send() found it resendable). */
const RESEND = Symbol('resend');

/** axios's reply headers as plain lower-case strings (repeated ones joined, as node joins them). */
function flattenHeaders(headers: Record<string, unknown>): Record<string, string> {
  const plain =
    typeof (headers as { toJSON?: () => unknown }).toJSON === 'function' ? (headers as { toJSON: () => Record<string, unknown> }).toJSON() : headers;
  const out: Record<string, string> = {};
  for (const key in plain) {
    const value = plain[key];
    if (value === undefined || value === null) continue;
    out[key.toLowerCase()] = typeof value === 'string' ? value : Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}
