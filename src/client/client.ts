/**
 * ThermometryClient: a typed client for axis-cgi/thermometry.cgi on one camera.
 *
 * Per client it negotiates the API version once (or uses a pinned one), caches
 * the configuration capabilities (dropped when the temperature scale changes),
 * gates methods by version and validates parameters before anything is sent,
 * and reads replies tolerantly into the normalized MethodResults shapes.
 */
import { API_VERSIONS, ApiVersion, METHODS, MethodName, compareVersions, isMethodName } from '../api/methods';
import { THERMOMETRY_PATH } from '../api/paths';
import type {
  AddAreaParams,
  AddGroupParams,
  ConfigurationCapabilities,
  CoordinateSystem,
  IsothermLevels,
  MethodParams,
  MethodResults,
  OverlayChannelParams,
  SpotParams,
  TemperatureScale,
  TgtConfiguration,
  UpdateAreaParams,
  UpdateGroupParams,
} from '../api/types';
import type { PtzPreset } from '../api/ptz';
import type { ImageOptions } from '../api/image';
import { Asker, parseJson, readAnswer, subjectOf, withMethod } from './answers';
import { fetchPresets, fetchSnapshot, type Snapshot } from './camera-cgis';
import { ThermometryError } from './errors';
import { normalizeResult } from './normalize';
import { CallOptions, CameraOptions, checkOptions } from './options';
import { CameraTransport, HttpReply, hostPort } from './transport';
import { openVideo, type VideoOptions, type VideoStream } from './video';
import { available, validateParams, versionError } from './validate';

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

/** Parameters of a method that takes none. */
export type NoParams = Record<string, never>;

export { THERMOMETRY_PATH };
export { DEFAULT_TIMEOUT_MS } from './options';
export type { CameraOptions, CallOptions } from './options';
export type { Snapshot } from './camera-cgis';

/** Does validating `method` with `params` at `version` need the camera's capabilities? */
function usesCapabilities(method: MethodName, params: unknown, version: ApiVersion | undefined): boolean {
  return METHODS[method].params.some((p) => {
    const t = p.type;
    if (t.kind === 'vertices') return true;
    // A channel is checked against the camera's lists (1.3) only when one is given and the
    // version has it (otherwise validation refuses it without asking the camera anything).
    if (t.kind === 'int' && t.within) {
      const given = typeof params === 'object' && params !== null && (params as Record<string, unknown>)[p.name] !== undefined;
      return given && !(version !== undefined && p.since !== undefined && compareVersions(version, p.since) < 0);
    }
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
  /** ms per call, as given (the video stream's wait for its first answer too). */
  readonly timeoutMs: number;
  private versionPromise: Promise<ApiVersion> | undefined;
  /** The version once pinned or negotiated. */
  private version: ApiVersion | undefined;
  private capsPromise: Promise<ConfigurationCapabilities> | undefined;

  constructor(options: CameraOptions) {
    const { host, port, protocol, timeout, apiVersion } = checkOptions(options);
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
    this.timeoutMs = timeout;
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
      throw new ThermometryError(
        'version',
        `camera ${this.camera} supports API versions ${offered.join(', ') || '(none listed)'}, none of which this client speaks (${API_VERSIONS.join(', ')}); check the camera firmware`,
        { method: 'getSupportedVersions' },
      );
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
  async call<M extends MethodName>(method: M, params?: Partial<MethodParams[M]> | MethodParams[M], options?: CallOptions): Promise<MethodResults[M]> {
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
        throw versionError(
          method,
          version,
          this.apiVersion === 'auto' ? `camera ${this.camera} speaks at most API version` : 'the client is pinned to API version',
        );
      }
    }
    let caps: ConfigurationCapabilities | undefined;
    if (method !== 'getConfigurationCapabilities' && usesCapabilities(method, params, version)) {
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
      return new ThermometryError(
        'authorization',
        `${method}: user "${this.transport.username}" may not use thermometry on camera ${this.camera} (it refused getSupportedVersions with HTTP 403); ${method} needs the ${METHODS[method].level} level: check the user's level on the camera`,
        { method, status: err.status, code: err.code, camera: this.camera, reason: 'userLevel' },
      );
    }
    // A network or credentials failure while negotiating is the failure of the call the user made.
    if (err instanceof ThermometryError && (err.kind === 'network' || err.kind === 'timeout' || err.kind === 'authentication')) {
      return withMethod(err, method);
    }
    return err;
  }

  /** One JSON-RPC exchange with thermometry.cgi and its reading. */
  private async send<M extends MethodName>(
    method: M,
    params: Record<string, unknown> | undefined,
    version: ApiVersion | undefined,
    context: string | undefined,
  ): Promise<MethodResults[M]> {
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
    const body = readAnswer(reply, method, this.asker, subjectOf(method, params));
    return normalizeResult(method, body.data, this.camera);
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
    if (reply.status === 401 || reply.status === 403) readAnswer(reply, opts.path, this.asker);
    let data: any = reply.data;
    if (responseType === 'arraybuffer') data = Buffer.from(reply.data as ArrayBuffer);
    else if (responseType === 'json') {
      const parsed = parseJson(reply.data);
      if (parsed.ok) data = parsed.value;
    }
    return { status: reply.status, headers: reply.headers, data };
  }

  /**
   * The camera's JPEG snapshot (axis-cgi/jpg/image.cgi). Options are checked for
   * form before anything is sent; a resolution or channel the camera lacks comes
   * back as a 'protocol' error quoting the camera.
   */
  snapshot(options: ImageOptions = {}): Promise<Snapshot> {
    return fetchSnapshot(this.transport, this.asker, options);
  }

  /**
   * The camera's Motion JPEG stream (axis-cgi/mjpg/video.cgi): onFrame gets each
   * JPEG until the returned stream is closed or the camera stops. Rejects, with
   * the reason, when the camera does not answer with a stream within the timeout.
   */
  video(options: VideoOptions, onFrame: (jpeg: Buffer) => void): Promise<VideoStream> {
    const transport = this.transport;
    return openVideo(
      {
        baseUrl: this.baseUrl,
        camera: this.camera,
        timeoutMs: this.timeoutMs,
        username: transport.username,
        tls: transport.tls,
        authorization: (method, path) => transport.authorization(method, path),
        renewChallenge: () => this.call('getSupportedVersions'),
      },
      options,
      onFrame,
    );
  }

  /** The camera's PTZ presets (ptz.cgi?query=presetposall, viewer); [] for a camera without PTZ. */
  ptzPresets(): Promise<PtzPreset[]> {
    return fetchPresets(this.transport, this.asker);
  }

  /** Who asks, as errors name them (read when an answer is read: the scheme is known after the first challenge). */
  private get asker(): Asker {
    // Made once: its getters read the transport at the time an answer is read.
    if (!this.askerOnce) {
      const transport = this.transport;
      this.askerOnce = {
        camera: this.camera,
        get username() {
          return transport.username;
        },
        get authScheme() {
          return transport.authScheme;
        },
      };
    }
    return this.askerOnce;
  }
  private askerOnce: Asker | undefined;

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
  getSpotTemperature(
    params: { coordinateSystem: CoordinateSystem; imagesource?: number },
    options?: CallOptions,
  ): Promise<MethodResults['getSpotTemperature']> {
    return this.call('getSpotTemperature', params, options);
  }
  removeSpotTemperature(params?: { imagesource?: number }, options?: CallOptions): Promise<MethodResults['removeSpotTemperature']> {
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
  addOverlayChannel(params: OverlayChannelParams, options?: CallOptions): Promise<MethodResults['addOverlayChannel']> {
    return this.call('addOverlayChannel', params, options);
  }
  removeOverlayChannel(params: OverlayChannelParams, options?: CallOptions): Promise<MethodResults['removeOverlayChannel']> {
    return this.call('removeOverlayChannel', params, options);
  }
  listOverlayChannels(params?: NoParams, options?: CallOptions): Promise<MethodResults['listOverlayChannels']> {
    return this.call('listOverlayChannels', params, options);
  }
  listSpotMeters(params?: NoParams, options?: CallOptions): Promise<MethodResults['listSpotMeters']> {
    return this.call('listSpotMeters', params, options);
  }
}
