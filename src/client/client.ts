/**
 * ThermometryClient: a typed client for axis-cgi/thermometry.cgi on one camera.
 *
 * Per client it negotiates the API version once (or uses a pinned one), caches
 * the configuration capabilities (dropped when the temperature scale changes),
 * gates methods by version and validates parameters before anything is sent,
 * and reads replies tolerantly into the normalized MethodResults shapes.
 */
import {
  API_VERSIONS,
  ApiVersion,
  METHODS,
  MethodName,
  compareVersions,
  isMethodName,
} from '../api/methods';
import { THERMOMETRY_PATH } from '../api/paths';
import type {
  AddAreaParams,
  AddGroupParams,
  ConfigurationCapabilities,
  CoordinateSystem,
  IsothermLevels,
  MethodParams,
  MethodResults,
  RpcResponse,
  SpotParams,
  TemperatureScale,
  TgtConfiguration,
  UpdateAreaParams,
  UpdateGroupParams,
} from '../api/types';
import { PRESET_LIST_QUERY, PTZ_PATH, parsePresetList, type PtzPreset } from '../api/ptz';
import { IMAGE_CGI_PATH, IMAGE_CONTENT_TYPE, ImageOptions, imageOptionProblem, imageQuery } from '../api/image';
import { ThermometryError, describeCode, vapixHint } from './errors';
import { parseBoundedJson } from './json';
import { normalizeResult } from './normalize';
import { CameraTransport, HttpAdapterName, HttpReply, TlsOptions, hostPort } from './transport';
import { available, validateParams, versionError } from './validate';

export interface CameraOptions {
  /** Host name or IP address (no scheme, no path). */
  host: string;
  /** Default 80 (http) or 443 (https). */
  port?: number;
  /** Default 'http'. */
  protocol?: 'http' | 'https';
  username?: string;
  password?: string;
  /** Default 'auto': negotiated once with getSupportedVersions. */
  apiVersion?: 'auto' | ApiVersion;
  /** ms per call (connect, headers and the whole reply; a resend within it), default 10000. */
  timeout?: number;
  /** https only: certificates are verified by default. */
  tls?: TlsOptions;
  /** Advanced: axios adapter, 'lean' (default, ours over node:http) or 'axios' (axios's own http adapter). */
  httpAdapter?: HttpAdapterName;
}

export interface CallOptions {
  /** Echoed back by the camera; passed through as given. */
  context?: string;
}

export interface RawRequest {
  method: 'GET' | 'POST';
  /** Path (and query) on the camera, starting with '/'. */
  path: string;
  /** Objects are sent as JSON; strings and Buffers as they are. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Default 'json' (falls back to text when the body is not JSON). */
  responseType?: 'json' | 'text' | 'arraybuffer';
}

/** A JPEG from image.cgi. */
export interface Snapshot {
  /** The JPEG bytes as the camera sent them. */
  image: Buffer;
  /** As the camera labelled it (image/jpeg). */
  contentType: string;
}

/** Parameters of a method that takes none. */
export type NoParams = Record<string, never>;

export { THERMOMETRY_PATH };
export const DEFAULT_TIMEOUT_MS = 10000;

/** Does validating `method` need the camera's capabilities? */
function usesCapabilities(method: MethodName): boolean {
  return METHODS[method].params.some((p) => {
    const t = p.type;
    if (t.kind === 'vertices') return true;
    if (t.kind === 'int') return typeof t.min === 'string' || typeof t.max === 'string';
    if (t.kind === 'string') return typeof t.maxLength === 'string';
    return false;
  });
}

/**
 * The version to speak with a camera that lists `offered` (the highest minor
 * of each major): the highest 1.x we know, capped at our newest (a camera at
 * 1.3 also speaks 1.2). Undefined when no offered version is one we speak.
 */
export function pickVersion(offered: readonly string[]): ApiVersion | undefined {
  const newest = API_VERSIONS[API_VERSIONS.length - 1];
  let best: ApiVersion | undefined;
  for (const v of offered) {
    if (!/^\d+\.\d+$/.test(v)) continue;
    let candidate: string = v;
    if (v.split('.')[0] === newest.split('.')[0] && compareVersions(v, newest) > 0) candidate = newest;
    if (!(API_VERSIONS as readonly string[]).includes(candidate)) continue;
    if (!best || compareVersions(candidate, best) > 0) best = candidate as ApiVersion;
  }
  return best;
}

function optionError(field: string, message: string): ThermometryError {
  return new ThermometryError('validation', `camera options: ${message}`, { field });
}

/** A reply's JSON, nested no deeper than a reply is (parseBoundedJson): deeper text counts as not JSON. */
function parseJson(text: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof text !== 'string') return { ok: false };
  return parseBoundedJson(text);
}

/** The same network error, told for `method` ("listAreas: cannot connect ..."). */
function withMethod(err: unknown, method: string): unknown {
  if (!(err instanceof ThermometryError) || (err.kind !== 'network' && err.kind !== 'timeout' && err.kind !== 'authentication')) return err;
  const bare = err.method ? err.message.slice(err.method.length + 2) : err.message;
  return new ThermometryError(err.kind, `${method}: ${bare}`, {
    method, code: err.code, status: err.status, camera: err.camera, cause: err.causeCode, reason: err.reason,
  });
}

export class ThermometryClient {
  /** e.g. http://127.0.0.1:8080 */
  readonly baseUrl: string;
  /** host:port, as messages name the camera. */
  readonly camera: string;
  /** 'auto' or the pinned version. */
  readonly apiVersion: 'auto' | ApiVersion;
  /** TLS trust in use, a CA file's text once read (the event stream's wss connection uses the same). */
  get tls(): { ca?: string | Buffer; allowSelfSigned?: boolean } | undefined {
    return this.transport.tls;
  }
  private readonly transport: CameraTransport;
  private versionPromise: Promise<ApiVersion> | undefined;
  /** The version once pinned or negotiated. */
  private version: ApiVersion | undefined;
  private capsPromise: Promise<ConfigurationCapabilities> | undefined;

  constructor(options: CameraOptions) {
    if (!options || typeof options !== 'object') throw optionError('host', 'options must be an object with at least "host"');
    const host = typeof options.host === 'string' ? options.host.trim().replace(/^\[(.*)\]$/, '$1') : '';
    if (!host) throw optionError('host', '"host" must be the camera host name or IP address');
    if (/[/\s@?#]/.test(host)) throw optionError('host', `"host" must be a bare host name or IP address, without scheme, path or credentials (got "${host}")`);
    const protocol = options.protocol ?? 'http';
    if (protocol !== 'http' && protocol !== 'https') throw optionError('protocol', `"protocol" must be http or https (got ${JSON.stringify(protocol)})`);
    const port = options.port ?? (protocol === 'https' ? 443 : 80);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw optionError('port', `"port" must be a whole number from 1 to 65535 (got ${JSON.stringify(port)})`);
    const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isFinite(timeout) || timeout <= 0) throw optionError('timeout', `"timeout" must be a positive number of milliseconds (got ${JSON.stringify(timeout)})`);
    const apiVersion = options.apiVersion ?? 'auto';
    if (apiVersion !== 'auto' && !(API_VERSIONS as readonly string[]).includes(apiVersion)) {
      throw optionError('apiVersion', `"apiVersion" must be auto, ${API_VERSIONS.join(', ')} (got ${JSON.stringify(apiVersion)})`);
    }
    if (options.httpAdapter !== undefined && options.httpAdapter !== 'lean' && options.httpAdapter !== 'axios') {
      throw optionError('httpAdapter', `"httpAdapter" must be lean or axios (got ${JSON.stringify(options.httpAdapter)})`);
    }
    this.apiVersion = apiVersion;
    this.transport = new CameraTransport({
      host,
      port,
      protocol,
      username: options.username,
      password: options.password,
      timeout,
      tls: options.tls,
      adapter: options.httpAdapter,
    });
    this.baseUrl = this.transport.baseUrl;
    this.camera = hostPort(host, port);
    if (apiVersion !== 'auto') {
      this.version = apiVersion;
      this.versionPromise = Promise.resolve(apiVersion);
    }
  }

  /** The API version calls use: pinned, or negotiated once with getSupportedVersions. */
  negotiatedVersion(): Promise<ApiVersion> {
    if (!this.versionPromise) {
      this.versionPromise = this.negotiate();
      // A failed negotiation (camera off, wrong password) is retried on the next call.
      this.versionPromise.catch(() => (this.versionPromise = undefined));
    }
    return this.versionPromise;
  }

  private async negotiate(): Promise<ApiVersion> {
    let offered: string[];
    try {
      offered = (await this.send('getSupportedVersions', undefined, undefined, undefined)).apiVersions;
    } catch (err) {
      // Firmware without getSupportedVersions speaks the first version.
      if (err instanceof ThermometryError && err.kind === 'vapix' && err.code === 2102) return (this.version = '1.0');
      throw err;
    }
    const version = pickVersion(offered);
    if (!version) {
      throw new ThermometryError('version', `camera ${this.camera} supports API versions ${offered.join(', ') || '(none listed)'}, none of which this client speaks (${API_VERSIONS.join(', ')}); check the camera firmware`, { method: 'getSupportedVersions' });
    }
    this.version = version;
    return version;
  }

  /** The configuration capabilities, cached per client (refresh = ask the camera again). */
  capabilities(refresh = false): Promise<ConfigurationCapabilities> {
    if (refresh || !this.capsPromise) {
      const p = this.call('getConfigurationCapabilities');
      this.capsPromise = p;
      p.catch(() => {
        if (this.capsPromise === p) this.capsPromise = undefined;
      });
    }
    return this.capsPromise;
  }

  /**
   * Call any method of the table: version gate and validation first (no
   * request when either fails), then one request, then the normalized result.
   */
  async call<M extends MethodName>(
    method: M,
    params?: Partial<MethodParams[M]> | MethodParams[M],
    options?: CallOptions,
  ): Promise<MethodResults[M]> {
    if (!isMethodName(method)) validateParams(method, params); // throws: unknown method
    let version: ApiVersion | undefined;
    if (method !== 'getSupportedVersions') {
      try {
        // Known after the first call: no await (and no extra turn) on every call.
        version = this.version ?? (await this.negotiatedVersion());
      } catch (err) {
        throw this.negotiationFailed(method, err);
      }
      if (!available(method, version)) {
        throw versionError(method, version, this.apiVersion === 'auto' ? `camera ${this.camera} speaks at most API version` : 'the client is pinned to API version');
      }
    }
    let caps: ConfigurationCapabilities | undefined;
    if (method !== 'getConfigurationCapabilities' && usesCapabilities(method)) {
      caps = await this.capabilitiesForValidation();
    }
    validateParams(method, params, caps, version);
    const result = await this.send(method, params as Record<string, unknown> | undefined, version, options?.context);
    if (method === 'getConfigurationCapabilities') {
      this.capsPromise = Promise.resolve(result as ConfigurationCapabilities);
    } else if (method === 'setTemperatureScale') {
      // Limits (min/maxTemperature) change with the scale: read them again when next needed.
      this.capsPromise = undefined;
    }
    return result;
  }

  /**
   * Capabilities for validation. When the user may not read them (403) or the
   * camera fails to give them, validate with the fixed limits only and let the
   * camera judge the rest; the real call then reports the real error.
   */
  private async capabilitiesForValidation(): Promise<ConfigurationCapabilities | undefined> {
    try {
      return await this.capabilities();
    } catch (err) {
      if (err instanceof ThermometryError && (err.kind === 'authorization' || err.kind === 'vapix' || err.kind === 'protocol')) return undefined;
      throw err;
    }
  }

  private negotiationFailed(method: MethodName, err: unknown): unknown {
    if (err instanceof ThermometryError && err.kind === 'authorization') {
      return new ThermometryError('authorization', `${method}: user "${this.transport.username}" may not use thermometry on camera ${this.camera} (it refused getSupportedVersions with HTTP 403); ${method} needs the ${METHODS[method].level} level: check the user's level on the camera`, { method, status: err.status, code: err.code, camera: this.camera, reason: 'userLevel' });
    }
    // A network or credentials failure while negotiating is the failure of the call the user made.
    if (err instanceof ThermometryError && (err.kind === 'network' || err.kind === 'timeout' || err.kind === 'authentication')) {
      return withMethod(err, method);
    }
    return err;
  }

  /** One JSON-RPC exchange with thermometry.cgi and its reading. */
  private async send<M extends MethodName>(method: M, params: Record<string, unknown> | undefined, version: ApiVersion | undefined, context: string | undefined): Promise<MethodResults[M]> {
    const envelope: Record<string, unknown> = {};
    // getSupportedVersions carries no apiVersion (reference).
    if (version !== undefined) envelope.apiVersion = version;
    if (context !== undefined) envelope.context = context;
    envelope.method = method;
    if (method !== 'getSupportedVersions') envelope.params = params ?? {};
    let reply: HttpReply;
    try {
      reply = await this.transport.exchange({
        method: 'POST',
        path: THERMOMETRY_PATH,
        body: JSON.stringify(envelope),
        headers: { 'Content-Type': 'application/json' },
        // A write whose reply is lost is never sent again (the camera may have run it).
        idempotent: !METHODS[method].writes,
      });
    } catch (err) {
      throw withMethod(err, method);
    }
    const body = this.interpret(reply, method);
    return normalizeResult(method, body.data, this.camera);
  }

  /** Turn a reply into its JSON envelope, or throw the error it means. */
  private interpret(reply: HttpReply, method: string): RpcResponse {
    const { status } = reply;
    const parsed = parseJson(reply.data);
    const envelope = parsed.ok && typeof parsed.value === 'object' && parsed.value !== null ? (parsed.value as RpcResponse) : undefined;
    const vapixCode = typeof envelope?.error?.code === 'number' ? envelope.error.code : undefined;
    if (status === 401) throw this.authenticationError(reply, method, vapixCode);
    if (status === 403) {
      const level = isMethodName(method) ? ` ${method} needs the ${METHODS[method].level} level;` : '';
      throw new ThermometryError('authorization', `${method}: user "${this.transport.username ?? '(none)'}" is not allowed to call it on camera ${this.camera} (HTTP 403);${level} check the user's level on the camera`, { method, status, code: vapixCode, camera: this.camera, reason: 'userLevel' });
    }
    if (envelope?.error !== undefined && envelope.error !== null) {
      const code = vapixCode ?? Number(envelope.error.code);
      const said = typeof envelope.error.message === 'string' && envelope.error.message ? ` ("${envelope.error.message}")` : '';
      const codeWords = Number.isFinite(code) ? `error ${code} ${describeCode(code)}` : 'an error';
      throw new ThermometryError('vapix', `${method} failed on camera ${this.camera}: ${codeWords}${said}; ${Number.isFinite(code) ? vapixHint(code) : 'check the camera log'}`, { method, status, code: Number.isFinite(code) ? code : undefined, camera: this.camera, reason: 'cameraError' });
    }
    if (status >= 300 && status < 400) {
      const location = reply.headers.location ? ` to ${reply.headers.location}` : '';
      throw new ThermometryError('protocol', `${method}: camera ${this.camera} answered HTTP ${status} (a redirect${location}), which is not followed; check the protocol (http or https) and the port`, { method, status, camera: this.camera, reason: 'unexpectedAnswer' });
    }
    if (status !== 200) {
      const hint = status === 404 ? 'check that the camera has the thermometry API (axis-cgi/thermometry.cgi) and the port' : status >= 500 ? 'the camera failed; check its log or restart it' : 'check the camera and the request';
      throw new ThermometryError('protocol', `${method}: camera ${this.camera} answered HTTP ${status} without a VAPIX error; ${hint}`, { method, status, camera: this.camera, reason: status === 404 ? 'noThermometryApi' : 'unexpectedAnswer' });
    }
    if (!envelope) {
      throw new ThermometryError('protocol', `${method}: camera ${this.camera} answered HTTP 200 with a body that is not a JSON object; check that it is an Axis thermometric camera`, { method, status, camera: this.camera, reason: 'unexpectedAnswer' });
    }
    return envelope;
  }

  private authenticationError(reply: HttpReply, method: string, code: number | undefined): ThermometryError {
    const details = { method, status: 401, code, camera: this.camera };
    const user = this.transport.username;
    if (!user) {
      return new ThermometryError('authentication', `${method}: camera ${this.camera} asks for a username and password (HTTP 401); set them in the camera settings`, { ...details, reason: 'noCredentials' });
    }
    const scheme = this.transport.authScheme;
    if (!scheme) {
      const offered = (reply.headers['www-authenticate'] ?? '').split(/[\s,]/)[0] || 'none';
      return new ThermometryError('authentication', `${method}: camera ${this.camera} asks for an authentication this client cannot answer (offered: ${offered}); check the camera's authentication policy (Digest or Basic)`, { ...details, reason: 'authUnsupported' });
    }
    return new ThermometryError('authentication', `${method}: camera ${this.camera} refused the credentials of user "${user}" (HTTP 401); check the username and password`, { ...details, reason: 'wrongPassword' });
  }

  /**
   * Authorized raw request to another CGI of the same camera (apidiscovery,
   * wssession...). 401 and 403 throw like thermometry calls; other statuses
   * are returned.
   */
  async request(opts: RawRequest): Promise<{ status: number; headers: Record<string, string>; data: any }> {
    if (!opts || typeof opts.path !== 'string' || !opts.path.startsWith('/')) {
      throw new ThermometryError('validation', `request: "path" must start with "/" (got ${JSON.stringify(opts?.path)})`, { field: 'path' });
    }
    if (opts.method !== 'GET' && opts.method !== 'POST') {
      throw new ThermometryError('validation', `request: "method" must be GET or POST (got ${JSON.stringify(opts.method)})`, { field: 'method' });
    }
    const headers: Record<string, string> = { ...opts.headers };
    let body: string | Buffer | undefined;
    if (opts.body === undefined || typeof opts.body === 'string' || Buffer.isBuffer(opts.body)) {
      body = opts.body as string | Buffer | undefined;
    } else {
      body = JSON.stringify(opts.body);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
    }
    const responseType = opts.responseType ?? 'json';
    const reply = await this.transport.exchange({
      method: opts.method,
      path: opts.path,
      body,
      headers,
      responseType: responseType === 'arraybuffer' ? 'arraybuffer' : 'text',
    });
    if (reply.status === 401 || reply.status === 403) this.interpret(reply, opts.path);
    let data: any = reply.data;
    if (responseType === 'arraybuffer') data = Buffer.from(reply.data as ArrayBuffer);
    else if (responseType === 'json') {
      const parsed = parseJson(reply.data);
      if (parsed.ok) data = parsed.value;
    }
    return { status: reply.status, headers: reply.headers, data };
  }

  /**
   * The camera's JPEG snapshot (axis-cgi/jpg/image.cgi), with the same
   * transport, authentication and TLS as the thermometry calls. Options are
   * checked for form before anything is sent; a resolution or channel the
   * camera lacks comes back as a 'protocol' error quoting the camera.
   */
  async snapshot(options: ImageOptions = {}): Promise<Snapshot> {
    const what = 'snapshot';
    if (options === null || typeof options !== 'object' || Array.isArray(options)) {
      throw new ThermometryError('validation', `${what}: options must be an object with resolution, compression or camera`, { method: what });
    }
    const given: ImageOptions = {};
    for (const [name, value] of Object.entries(options)) {
      if (value === undefined) continue;
      const problem = imageOptionProblem(name, value);
      if (problem) throw new ThermometryError('validation', `${what}: ${problem}`, { method: what, field: name });
      (given as Record<string, unknown>)[name] = value;
    }
    const query = imageQuery(given);
    let reply: HttpReply;
    try {
      reply = await this.transport.exchange({ method: 'GET', path: query ? `${IMAGE_CGI_PATH}?${query}` : IMAGE_CGI_PATH, responseType: 'arraybuffer' });
    } catch (err) {
      throw withMethod(err, what);
    }
    const body = Buffer.from(reply.data as ArrayBuffer);
    const details = { method: what, status: reply.status, camera: this.camera };
    if (reply.status === 401) throw this.authenticationError(reply, what, undefined);
    if (reply.status === 403) {
      throw new ThermometryError('authorization', `${what}: user "${this.transport.username ?? '(none)'}" may not fetch images from camera ${this.camera} (HTTP 403); image.cgi needs the viewer level: check the user on the camera`, { ...details, reason: 'userLevel' });
    }
    const contentType = (reply.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    // A JPEG starts with the SOI marker FF D8, whatever the header says.
    const isJpeg = body.length > 3 && body[0] === 0xff && body[1] === 0xd8;
    if (reply.status === 200 && isJpeg) return { image: body, contentType: contentType || IMAGE_CONTENT_TYPE };
    const said = isJpeg ? '' : body.toString('utf8', 0, 200).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
    const quoted = said ? ` ("${said}")` : '';
    const asked = query ? ` for ${query.replace(/&/g, ', ')}` : '';
    if (reply.status === 200) {
      throw new ThermometryError('protocol', `${what}: camera ${this.camera} answered${asked} with ${contentType || 'no content type'}, not a JPEG${quoted}; check the options (a resolution the camera lists, an existing camera channel)`, { ...details, reason: 'unexpectedAnswer' });
    }
    const hint = reply.status === 404 ? 'check that the camera serves JPEG snapshots (axis-cgi/jpg/image.cgi) and the port'
      : reply.status >= 500 ? 'the camera failed; check its log'
        : 'check the options: a resolution the camera lists (Properties.Image.Resolution), compression 0 to 100, an existing camera channel';
    throw new ThermometryError('protocol', `${what}: camera ${this.camera} refused the image${asked} with HTTP ${reply.status}${quoted}; ${hint}`, { ...details, reason: 'unexpectedAnswer' });
  }

  /** The camera's PTZ presets (ptz.cgi?query=presetposall, viewer); [] for a camera without PTZ (it has no ptz.cgi). */
  async ptzPresets(): Promise<PtzPreset[]> {
    const what = 'ptzPresets';
    let reply: HttpReply;
    try {
      reply = await this.transport.exchange({ method: 'GET', path: `${PTZ_PATH}?${PRESET_LIST_QUERY}`, responseType: 'text' });
    } catch (err) {
      throw withMethod(err, what);
    }
    if (reply.status === 401) throw this.authenticationError(reply, what, undefined);
    if (reply.status === 404) return [];
    if (reply.status !== 200) {
      const kind = reply.status === 403 ? 'authorization' : 'protocol';
      throw new ThermometryError(kind, `${what}: camera ${this.camera} refused the preset list with HTTP ${reply.status}`, { method: what, status: reply.status, camera: this.camera, reason: kind === 'authorization' ? 'userLevel' : 'unexpectedAnswer' });
    }
    return parsePresetList(String(reply.data));
  }

  /**
   * Authorization header value for a request made outside this client (the
   * WebSocket upgrade); fetches a challenge first when none is cached.
   * undefined when the client has no credentials or the camera asks for none.
   */
  authorization(method: string, path: string): Promise<string | undefined> {
    return this.transport.authorization(method, path);
  }

  /** Frees the keep-alive sockets; leaves no timers. */
  close(): void {
    this.transport.close();
  }

  // One typed function per method of the table: (params, options?), params optional
  // where the method has no required parameter. Same names as the table.
  getSupportedVersions(params?: NoParams, options?: CallOptions): Promise<MethodResults['getSupportedVersions']> {
    return this.call('getSupportedVersions', params, options);
  }
  getConfigurationCapabilities(params?: NoParams, options?: CallOptions): Promise<MethodResults['getConfigurationCapabilities']> {
    return this.call('getConfigurationCapabilities', params, options);
  }
  setTemperatureScale(params: { unit: TemperatureScale }, options?: CallOptions): Promise<MethodResults['setTemperatureScale']> {
    return this.call('setTemperatureScale', params, options);
  }
  getIsothermLevels(params?: NoParams, options?: CallOptions): Promise<MethodResults['getIsothermLevels']> {
    return this.call('getIsothermLevels', params, options);
  }
  setIsothermLevels(params: IsothermLevels, options?: CallOptions): Promise<MethodResults['setIsothermLevels']> {
    return this.call('setIsothermLevels', params, options);
  }
  addArea(params: AddAreaParams, options?: CallOptions): Promise<MethodResults['addArea']> {
    return this.call('addArea', params, options);
  }
  updateArea(params: UpdateAreaParams, options?: CallOptions): Promise<MethodResults['updateArea']> {
    return this.call('updateArea', params, options);
  }
  removeAreas(params: { areas: number[] }, options?: CallOptions): Promise<MethodResults['removeAreas']> {
    return this.call('removeAreas', params, options);
  }
  listAreas(params?: { presetNbr?: number }, options?: CallOptions): Promise<MethodResults['listAreas']> {
    return this.call('listAreas', params, options);
  }
  getAreaStatus(params?: NoParams, options?: CallOptions): Promise<MethodResults['getAreaStatus']> {
    return this.call('getAreaStatus', params, options);
  }
  addSpotTemperature(params: SpotParams, options?: CallOptions): Promise<MethodResults['addSpotTemperature']> {
    return this.call('addSpotTemperature', params, options);
  }
  getSpotTemperature(params: { coordinateSystem: CoordinateSystem }, options?: CallOptions): Promise<MethodResults['getSpotTemperature']> {
    return this.call('getSpotTemperature', params, options);
  }
  removeSpotTemperature(params?: NoParams, options?: CallOptions): Promise<MethodResults['removeSpotTemperature']> {
    return this.call('removeSpotTemperature', params, options);
  }
  getTgtConfiguration(params?: NoParams, options?: CallOptions): Promise<MethodResults['getTgtConfiguration']> {
    return this.call('getTgtConfiguration', params, options);
  }
  setTgtConfiguration(params: TgtConfiguration, options?: CallOptions): Promise<MethodResults['setTgtConfiguration']> {
    return this.call('setTgtConfiguration', params, options);
  }
  addGroup(params: AddGroupParams, options?: CallOptions): Promise<MethodResults['addGroup']> {
    return this.call('addGroup', params, options);
  }
  updateGroup(params: UpdateGroupParams, options?: CallOptions): Promise<MethodResults['updateGroup']> {
    return this.call('updateGroup', params, options);
  }
  removeGroup(params: { id: number }, options?: CallOptions): Promise<MethodResults['removeGroup']> {
    return this.call('removeGroup', params, options);
  }
  listGroups(params?: { presetNbr?: number }, options?: CallOptions): Promise<MethodResults['listGroups']> {
    return this.call('listGroups', params, options);
  }
  getGroupStatus(params?: NoParams, options?: CallOptions): Promise<MethodResults['getGroupStatus']> {
    return this.call('getGroupStatus', params, options);
  }
}
