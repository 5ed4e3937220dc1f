/**
 * EventStream: thermometry events from one camera, framework-free.
 *
 * One socket per camera client (a shared hub, reference counted) however many
 * subscribers; API discovery decides between the WebSocket event stream and
 * polling getAreaStatus/getGroupStatus; a fresh wssession token for every
 * connection with Digest on the upgrade as the fallback; reconnect with
 * backoff and jitter (1 s growing to 30 s); ping/pong heartbeat; after a
 * reconnect the camera's initial state is compared with what each subscriber
 * last got and only the changes missed while away are delivered.
 */
import WebSocket from 'ws';
import type { ThermometryClient } from '../client';
import { CONFIGURE_METHOD, EventName, EVENT_NAMES, NOTIFY_METHOD, TOPIC } from '../../api/events';
import { APIDISCOVERY_PATH, EVENT_STREAM_API, WSSESSION_PATH, WS_DATA_STREAM_PATH } from '../../api/paths';
import { EventPayload, parseNotification, RawNotification, ThermometryEvent } from './parse';

/**
 * What the stream uses of a ThermometryClient: raw requests to the camera's
 * other CGIs, and the reads the polling fallback needs (optional: without them
 * a camera can only be followed over WebSocket).
 */
export type EventClient = Pick<ThermometryClient, 'baseUrl' | 'tls' | 'request' | 'authorization'>
  & Partial<Pick<ThermometryClient, 'getAreaStatus' | 'listAreas' | 'getGroupStatus' | 'listGroups' | 'capabilities'>>;

export type StreamState = 'connecting' | 'connected' | 'reconnecting' | 'error' | 'polling' | 'closed';

export interface StreamStatus {
  state: StreamState;
  /** Reconnection attempt (1, 2, ...) while reconnecting or in error. */
  attempt?: number;
  /** Why it cannot connect, or why it polls. Never contains credentials. */
  reason?: string;
  /** Delay before the next attempt. */
  retryInMs?: number;
  via?: 'websocket' | 'polling';
}

export interface Clock {
  setTimeout(fn: () => void, ms: number): any;
  clearTimeout(handle: any): void;
  now(): number;
}

export interface HubOptions {
  /** 'auto' (API discovery decides), 'websocket' or 'polling'. */
  mode?: 'auto' | 'websocket' | 'polling';
  /** Polling fallback period, default 2000 ms. */
  pollIntervalMs?: number;
  /** Information events while polling, default 30000 ms (0 = none). */
  informationIntervalMs?: number;
  /** Ping period, default 10000 ms. */
  pingIntervalMs?: number;
  /** No pong within this after a ping: the connection is dead. Default 20000 ms. */
  pongTimeoutMs?: number;
  /** Backoff: first delay 1000 ms, doubling, at most 30000 ms, +-20 % jitter. */
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  jitter?: number;
  /** No configure reply within this: reconnect. Default 10000 ms. */
  configureTimeoutMs?: number;
  clock?: Partial<Clock>;
  random?: () => number;
  /** Extra options for the ws client (TLS: ca, rejectUnauthorized). */
  wsOptions?: WebSocket.ClientOptions;
}

export interface EventStreamOptions extends HubOptions {
  client: EventClient;
  /** Which events (default all five). */
  events?: EventName[];
  /** Only these areas (area-alarm, information). */
  areaIds?: number[];
  /** Only these groups (group-deviation). */
  groupIds?: number[];
  /** Only changes of state (default true); false = every notification. */
  changesOnly?: boolean;
  onEvent(event: ThermometryEvent): void;
  onStatus?(status: StreamStatus): void;
  /** Share the camera's socket with other streams on the same client (default true). */
  shared?: boolean;
}

/** Discovery ids that mean an event stream: the reference's, and older firmware's. */
const DISCOVERY_IDS = new RegExp(`${EVENT_STREAM_API.id}|ws-data-stream|event.*websocket`, 'i');

/** Subscribed topics: both namespace spellings of both subtrees, so any device matches. */
export const SUBSCRIPTION_FILTERS: { topicFilter: string }[] = (() => {
  const filters: { topicFilter: string }[] = [];
  for (const root of ['tns1', 'tnsaxis']) {
    for (const mid of ['tns1', 'tnsaxis']) {
      for (const sub of ['RadiometryAlarm', 'Thermometry']) filters.push({ topicFilter: `${root}:VideoSource/${mid}:${sub}` });
    }
  }
  return filters;
})();

interface Failure {
  reason: string;
  /** Cannot connect for a reason the user must fix (red), as opposed to a transient drop. */
  fatal: boolean;
  status?: number;
}

function describeFailure(err: any, host: string): Failure {
  const status: number | undefined = err?.status ?? err?.response?.status ?? err?.statusCode;
  const code: string | undefined = typeof err?.causeCode === 'string' ? err.causeCode
    : typeof err?.code === 'string' ? err.code : err?.cause?.code;
  const kind: string | undefined = err?.kind;
  if (kind === 'authentication' || status === 401) return { reason: 'wrong user name or password', fatal: true, status: 401 };
  if (kind === 'authorization' || status === 403) return { reason: 'user not allowed (access level too low)', fatal: true, status: 403 };
  const text = `${code ?? ''} ${err?.message ?? ''}`;
  if (/ENOTFOUND|EAI_AGAIN|getaddrinfo/.test(text)) return { reason: `no such host: ${host}`, fatal: true };
  if (/CERT|self[- ]signed|certificate/i.test(text)) return { reason: 'TLS certificate not trusted', fatal: true };
  if (/ECONNREFUSED/.test(text)) return { reason: 'connection refused', fatal: false };
  if (/ETIMEDOUT|timeout|EHOSTUNREACH|ENETUNREACH/i.test(text)) return { reason: 'camera not reachable', fatal: false };
  if (/ECONNRESET|socket hang up|EPIPE/.test(text)) return { reason: 'connection lost', fatal: false };
  if (status) return { reason: `camera answered HTTP ${status}`, fatal: false, status };
  return { reason: (err?.message ? String(err.message) : 'connection failed').slice(0, 120), fatal: false };
}

function sameState(a: ThermometryEvent | undefined, b: ThermometryEvent): boolean {
  if (!a) return false;
  return signature(a) === signature(b);
}

function signature(event: ThermometryEvent): string {
  return event.stateful ? String(event.payload.active) : JSON.stringify(event.payload);
}

function cloneEvent(event: ThermometryEvent, initial: boolean): ThermometryEvent {
  const copy: ThermometryEvent = { ...event, payload: { ...event.payload } };
  if (initial) copy.initial = true;
  else delete copy.initial;
  return copy;
}

/** One camera connection shared by every EventStream on the same client. */
class EventHub {
  private readonly client: EventClient;
  private readonly options: HubOptions;
  private readonly subscribers = new Set<EventStream>();
  private readonly host: string;
  private started = false;
  private stopped = false;
  private mode: 'unknown' | 'websocket' | 'polling';
  private ws: WebSocket | undefined;
  private timers = new Set<any>();
  private pingTimer: any;
  private pongTimer: any;
  private attempt = 0;
  private preferDigest = false;
  /** Latest known state of each stateful event (and last information), by msg.topic. */
  private readonly states = new Map<string, ThermometryEvent>();
  /** Stateful keys seen on the current connection (the first is its initial state). */
  private seenThisConnection = new Set<string>();
  private everConnected = false;
  /** True while the frames read with the configure reply are handled. */
  private initialBurst = false;
  status: StreamStatus = { state: 'connecting' };
  private closing: Promise<void> | undefined;
  private lastInformation = 0;
  private areaInfo = new Map<number, { name: string; presetNbr: number }>();
  private groupInfo = new Map<number, { name: string; threshold: number; presetNbr: number }>();
  private infoFetchedAt = -Infinity;
  private groupsSupported = true;
  private unit: string | undefined;

  constructor(client: EventClient, options: HubOptions, private readonly onEmpty: () => void) {
    this.client = client;
    this.options = options;
    this.mode = options.mode === 'polling' ? 'polling' : options.mode === 'websocket' ? 'websocket' : 'unknown';
    let host = 'camera';
    try {
      host = new URL(client.baseUrl).hostname;
    } catch {
      /* keep the generic name */
    }
    this.host = host;
  }

  // --- clock -----------------------------------------------------------------
  private now(): number {
    return this.options.clock?.now ? this.options.clock.now() : Date.now();
  }
  private later(fn: () => void, ms: number): any {
    const set = this.options.clock?.setTimeout ?? ((f: () => void, d: number) => globalThis.setTimeout(f, d));
    const handle = set(() => {
      this.timers.delete(handle);
      fn();
    }, ms);
    this.timers.add(handle);
    return handle;
  }
  private cancel(handle: any): void {
    if (handle === undefined) return;
    this.timers.delete(handle);
    const clear = this.options.clock?.clearTimeout ?? ((h: any) => globalThis.clearTimeout(h));
    clear(handle);
  }

  // --- subscribers -------------------------------------------------------------
  add(stream: EventStream): void {
    this.subscribers.add(stream);
    stream.deliverStatus(this.status);
    // Where things stand, for a subscriber joining a live connection.
    for (const event of this.states.values()) if (event.stateful) stream.deliver(cloneEvent(event, true), true);
    if (this.subscribers.size === 1 && !this.started) this.start();
  }

  remove(stream: EventStream): Promise<void> {
    this.subscribers.delete(stream);
    if (this.subscribers.size > 0) return Promise.resolve();
    return this.stop();
  }

  private start(): void {
    this.started = true;
    void this.connect();
  }

  private setStatus(status: StreamStatus): void {
    this.status = status;
    for (const s of this.subscribers) s.deliverStatus(status);
  }

  // --- connection --------------------------------------------------------------
  private backoffDelay(attempt: number): number {
    const initial = this.options.backoffInitialMs ?? 1000;
    const max = this.options.backoffMaxMs ?? 30000;
    const jitter = this.options.jitter ?? 0.2;
    const base = Math.min(max, initial * 2 ** Math.max(0, attempt - 1));
    const random = this.options.random ? this.options.random() : Math.random();
    return Math.round(Math.min(max, base * (1 - jitter + 2 * jitter * random)));
  }

  private scheduleReconnect(failure: Failure): void {
    if (this.stopped) return;
    this.attempt += 1;
    const delay = this.backoffDelay(this.attempt);
    this.setStatus({
      state: failure.fatal ? 'error' : 'reconnecting',
      attempt: this.attempt,
      reason: failure.reason,
      retryInMs: delay,
      via: 'websocket',
    });
    this.later(() => void this.connect(), delay);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    if (this.mode === 'polling') return this.startPolling('camera has no event stream');
    if (this.attempt === 0 && !this.everConnected) this.setStatus({ state: 'connecting', via: 'websocket' });
    if (this.mode === 'unknown') {
      try {
        this.mode = (await this.discover()) ? 'websocket' : 'polling';
      } catch (err) {
        if (this.stopped) return;
        return this.scheduleReconnect(describeFailure(err, this.host));
      }
      if (this.stopped) return;
      if (this.mode === 'polling') return this.startPolling('camera has no event stream');
    }
    let token: string | undefined;
    let authorization: string | undefined;
    const query = 'sources=events';
    try {
      if (!this.preferDigest) token = await this.fetchToken();
    } catch (err) {
      if (this.stopped) return;
      const failure = describeFailure(err, this.host);
      // Wrong password or network trouble: retry later. No wssession.cgi: Digest on the upgrade.
      if (failure.status === undefined || failure.status === 401 || failure.status === 403) {
        return this.scheduleReconnect(failure);
      }
    }
    if (this.stopped) return;
    const path = token ? `${WS_DATA_STREAM_PATH}?${query}&wssession=${encodeURIComponent(token)}` : `${WS_DATA_STREAM_PATH}?${query}`;
    if (!token) {
      try {
        authorization = await this.client.authorization('GET', path);
      } catch (err) {
        if (this.stopped) return;
        return this.scheduleReconnect(describeFailure(err, this.host));
      }
      if (this.stopped) return;
    }
    this.openSocket(path, token !== undefined, authorization);
  }

  /** Whether API discovery lists event streaming over WebSocket. Throws on auth/network failures. */
  private async discover(): Promise<boolean> {
    let response;
    try {
      response = await this.client.request({
        method: 'POST',
        path: APIDISCOVERY_PATH,
        body: { apiVersion: '1.0', context: 'thermometry-event', method: 'getApiList' },
        headers: { 'Content-Type': 'application/json' },
        responseType: 'json',
      });
    } catch (err: any) {
      const status = err?.status ?? err?.response?.status;
      // No API discovery on this firmware: try the stream and see.
      if (status === 404) return true;
      throw err;
    }
    if (response.status === 404) return true;
    if (response.status === 401 || response.status === 403) throw { status: response.status };
    let data = response.data;
    if (typeof data === 'string') {
      try {
        data = JSON.parse(data);
      } catch {
        return true;
      }
    }
    const list = data?.data?.apiList ?? data?.apiList;
    if (!Array.isArray(list)) return true;
    return list.some((entry: any) => entry && typeof entry.id === 'string' && DISCOVERY_IDS.test(entry.id));
  }

  private async fetchToken(): Promise<string> {
    const response = await this.client.request({ method: 'GET', path: WSSESSION_PATH, responseType: 'text' });
    if (response.status !== 200) throw { status: response.status };
    const token = String(response.data ?? '').trim();
    if (!/^[0-9A-Za-z_-]+$/.test(token)) throw { status: 502, message: 'no session token' };
    return token;
  }

  private wsUrl(path: string): string {
    const base = new URL(this.client.baseUrl);
    base.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${base.origin}${path}`;
  }

  private openSocket(path: string, withToken: boolean, authorization: string | undefined): void {
    const wsOptions: WebSocket.ClientOptions = { ...(this.options.wsOptions ?? {}), perMessageDeflate: false };
    // wss trusts what the client's https trusts (its CA, or a self-signed certificate when allowed).
    const tls = this.client.tls;
    if (tls && this.client.baseUrl.startsWith('https')) {
      if (tls.ca) wsOptions.ca = tls.ca;
      if (tls.allowSelfSigned) wsOptions.rejectUnauthorized = false;
    }
    if (authorization) wsOptions.headers = { ...(wsOptions.headers ?? {}), Authorization: authorization };
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.wsUrl(path), wsOptions);
    } catch (err) {
      return this.scheduleReconnect(describeFailure(err, this.host));
    }
    this.ws = ws;
    let failure: Failure | undefined;
    let configured = false;
    const configureTimer = this.later(() => {
      failure = { reason: 'camera did not answer the subscription', fatal: false };
      ws.terminate();
    }, this.options.configureTimeoutMs ?? 10000);

    ws.on('unexpected-response', (_req, res) => {
      const status = res.statusCode ?? 0;
      res.resume();
      if (status === 404) {
        failure = { reason: 'camera has no event stream', fatal: false, status };
      } else if (status === 401 && withToken) {
        // A refused token: the next attempt asks with Digest instead.
        this.preferDigest = true;
        failure = { reason: 'session token refused', fatal: false, status };
      } else if (status === 401) {
        // The signed upgrade was refused: maybe a nonce from before a camera restart.
        // The next attempt goes through wssession.cgi, whose client retries with a
        // fresh challenge and tells a wrong password for sure.
        this.preferDigest = false;
        failure = { reason: 'camera refused the connection (401)', fatal: false, status };
      } else {
        failure = describeFailure({ status }, this.host);
      }
      ws.terminate();
    });
    ws.on('error', (err) => {
      if (!failure) failure = describeFailure(err, this.host);
    });
    ws.on('open', () => {
      if (this.stopped) return ws.terminate();
      ws.send(JSON.stringify({
        apiVersion: '1.0',
        context: 'thermometry-event',
        method: CONFIGURE_METHOD,
        params: { eventFilterList: SUBSCRIPTION_FILTERS },
      }));
      this.startHeartbeat(ws);
    });
    ws.on('pong', () => {
      this.cancel(this.pongTimer);
      this.pongTimer = undefined;
    });
    ws.on('message', (data) => {
      let frame: any;
      try {
        frame = JSON.parse(data.toString());
      } catch {
        return;
      }
      if (!frame || typeof frame !== 'object') return;
      if (frame.method === NOTIFY_METHOD) {
        // A throw here would leave the socket's data handler and end the process (Node-RED with it).
        try {
          if (configured) this.onNotification(frame, 'websocket');
        } catch {
          /* a notification we cannot read is dropped */
        }
        return;
      }
      if (frame.method === CONFIGURE_METHOD || frame.error) {
        this.cancel(configureTimer);
        if (frame.error) {
          failure = { reason: `camera refused the subscription (${frame.error.code ?? '?'}: ${frame.error.message ?? ''})`, fatal: true };
          ws.terminate();
          return;
        }
        configured = true;
        this.onConnected();
      }
    });
    ws.on('close', () => {
      this.cancel(configureTimer);
      this.stopHeartbeat();
      if (this.ws === ws) this.ws = undefined;
      if (this.stopped) return;
      if (failure?.status === 404 && this.options.mode !== 'websocket') {
        this.mode = 'polling';
        return this.startPolling('camera has no event stream');
      }
      if (configured && !failure) failure = { reason: 'connection lost', fatal: false };
      if (!failure?.status || failure.status !== 401) {
        // A drop after a good connection: fresh token next time.
        if (configured) this.preferDigest = false;
      }
      this.scheduleReconnect(failure ?? { reason: 'connection closed', fatal: false });
    });
  }

  private onConnected(): void {
    // Frames that came in the same read as the reply are the initial state; the
    // burst ends once that read has been handled.
    this.initialBurst = true;
    process.nextTick(() => {
      this.initialBurst = false;
    });
    this.attempt = 0;
    this.seenThisConnection = new Set();
    this.everConnected = true;
    this.setStatus({ state: 'connected', via: 'websocket' });
  }

  private startHeartbeat(ws: WebSocket): void {
    const pingEvery = this.options.pingIntervalMs ?? 10000;
    const pongWithin = this.options.pongTimeoutMs ?? 20000;
    const tick = () => {
      if (this.ws !== ws || ws.readyState !== WebSocket.OPEN) return;
      ws.ping();
      if (this.pongTimer === undefined) {
        this.pongTimer = this.later(() => {
          this.pongTimer = undefined;
          // Half-open: nothing came back. terminate() fires 'close', which reconnects.
          ws.terminate();
        }, pongWithin);
      }
      this.pingTimer = this.later(tick, pingEvery);
    };
    this.pingTimer = this.later(tick, pingEvery);
  }

  private stopHeartbeat(): void {
    this.cancel(this.pingTimer);
    this.cancel(this.pongTimer);
    this.pingTimer = undefined;
    this.pongTimer = undefined;
  }

  /** Every notification, from the socket or from polling, goes through here. */
  private onNotification(input: unknown, via: 'websocket' | 'polling'): void {
    const event = parseNotification(input, this.now());
    if (!event) return;
    event.via = via;
    this.dispatch(event);
  }

  private dispatch(event: ThermometryEvent): void {
    const key = event.topic;
    let initial = false;
    // The current state comes right after the configure reply; a key first seen
    // later is a live event. Polling: the first reading of each key is its state.
    const inInitialBurst = event.via === 'polling' || this.initialBurst;
    if (event.stateful && !this.seenThisConnection.has(key) && inInitialBurst) {
      // The first notification of a stateful event on a connection is its current state.
      this.seenThisConnection.add(key);
      initial = true;
    }
    if (event.stateful) this.states.set(key, event);
    for (const s of this.subscribers) s.deliver(cloneEvent(event, initial), initial);
  }

  // --- polling fallback ----------------------------------------------------------
  private startPolling(reason: string): void {
    if (this.stopped) return;
    this.setStatus({ state: 'polling', reason, via: 'polling' });
    const poll = async () => {
      if (this.stopped) return;
      try {
        await this.pollOnce();
        if (this.stopped) return;
        if (this.status.state !== 'polling') this.setStatus({ state: 'polling', reason, via: 'polling' });
      } catch (err) {
        if (this.stopped) return;
        const failure = describeFailure(err, this.host);
        this.setStatus({ state: failure.fatal ? 'error' : 'reconnecting', reason: failure.reason, via: 'polling' });
      }
      if (!this.stopped) this.later(poll, this.options.pollIntervalMs ?? 2000);
    };
    void poll();
  }

  private async refreshInfo(): Promise<void> {
    const areas = this.client.listAreas ? await this.client.listAreas({ presetNbr: 0 }) : { areaList: [] };
    this.areaInfo = new Map(areas.areaList.map((a: any) => [Number(a.id), { name: String(a.name ?? ''), presetNbr: Number(a.presetNbr ?? 0) }]));
    if (this.groupsSupported && this.client.listGroups) {
      try {
        const groups = await this.client.listGroups({ presetNbr: 0 });
        this.groupInfo = new Map(groups.groupList.map((g: any) => [Number(g.id), {
          name: String(g.name ?? ''), threshold: Number(g.threshold), presetNbr: Number(g.presetNbr ?? 0) }]));
      } catch (err: any) {
        if (err?.kind === 'version' || err?.kind === 'validation' || err?.code === 2102) this.groupsSupported = false;
        else throw err;
      }
    }
    if (this.client.capabilities) {
      const caps = await this.client.capabilities(true);
      this.unit = caps.currentTemperatureScale;
    }
    this.infoFetchedAt = this.now();
  }

  private async pollOnce(): Promise<void> {
    if (!this.client.getAreaStatus) throw new Error('client cannot read area status');
    const status = await this.client.getAreaStatus();
    if (this.stopped) return;
    const unknownArea = status.areaList.some((a: any) => !this.areaInfo.has(Number(a.id)));
    if (unknownArea || this.now() - this.infoFetchedAt > 60000) await this.refreshInfo();
    let groups: any[] = [];
    if (this.groupsSupported && this.client.getGroupStatus) {
      try {
        groups = (await this.client.getGroupStatus()).groupList;
      } catch (err: any) {
        if (err?.kind === 'version' || err?.kind === 'validation' || err?.code === 2102) this.groupsSupported = false;
        else throw err;
      }
    }
    if (this.stopped) return;
    const timestamp = this.now();
    const unit = this.unit === 'fahrenheit' ? 'Fahrenheit' : 'Celsius';
    const sendInformation = (this.options.informationIntervalMs ?? 30000) > 0
      && timestamp - this.lastInformation >= (this.options.informationIntervalMs ?? 30000);
    if (sendInformation) this.lastInformation = timestamp;
    const notifications: RawNotification[] = [];
    const byPreset = new Map<number, boolean>();
    let any = false;
    for (const area of status.areaList) {
      const id = Number(area.id);
      const info = this.areaInfo.get(id);
      const source: Record<string, string> = { AreaID: String(id) };
      if (info && info.presetNbr > 0) source.PresetNbr = String(info.presetNbr);
      const readings = {
        AreaName: info?.name ?? '',
        AverageTemp: String(area.avg),
        MaximumTemp: String(area.max),
        MinimumTemp: String(area.min),
        TemperatureUnit: unit,
        MaxTempPositionX: String(area.maxCoordinates?.[0] ?? ''),
        MaxTempPositionY: String(area.maxCoordinates?.[1] ?? ''),
        MinTempPositionX: String(area.minCoordinates?.[0] ?? ''),
        MinTempPositionY: String(area.minCoordinates?.[1] ?? ''),
      };
      const triggered = Boolean(area.triggered);
      any = any || triggered;
      if (info && info.presetNbr > 0) byPreset.set(info.presetNbr, (byPreset.get(info.presetNbr) ?? false) || triggered);
      notifications.push({ topic: TOPIC['area-alarm'].topic, timestamp,
        message: { source, key: {}, data: { AlarmActive: triggered ? '1' : '0', ...readings } } });
      if (sendInformation) {
        notifications.push({ topic: TOPIC.information.topic, timestamp, message: { source: { ...source }, key: {}, data: { ...readings } } });
      }
    }
    notifications.push({ topic: TOPIC['any-area'].topic, timestamp,
      message: { source: {}, key: {}, data: { AreaName: 'AnyArea', AlarmActive: any ? '1' : '0' } } });
    for (const [presetNbr, active] of byPreset) {
      notifications.push({ topic: TOPIC['any-area-on-preset'].topic, timestamp,
        message: { source: { PresetNbr: String(presetNbr) }, key: {}, data: { AreaName: 'AnyAreaOnPreset', AlarmActive: active ? '1' : '0' } } });
    }
    for (const group of groups) {
      const id = Number(group.id);
      const info = this.groupInfo.get(id);
      const source: Record<string, string> = { GroupID: String(id) };
      if (info && info.presetNbr > 0) source.PresetNbr = String(info.presetNbr);
      const data: Record<string, string> = {
        AlarmActive: group.triggered ? '1' : '0',
        GroupName: String(group.details?.name ?? info?.name ?? ''),
        DeltaTemp: String(group.details?.currentDeviation ?? ''),
      };
      if (info && Number.isFinite(info.threshold)) data.ThresholdTemp = String(info.threshold);
      notifications.push({ topic: TOPIC['group-deviation'].topic, timestamp, message: { source, key: {}, data } });
    }
    for (const notification of notifications) {
      const event = parseNotification(notification, timestamp);
      if (!event) continue;
      event.via = 'polling';
      // Polls repeat the state: only the first reading and changes are notifications.
      if (event.stateful) {
        const previous = this.states.get(event.topic);
        if (previous && sameState(previous, event)) continue;
      }
      this.dispatch(event);
    }
  }

  // --- shutdown ----------------------------------------------------------------
  stop(): Promise<void> {
    if (this.closing) return this.closing;
    this.stopped = true;
    this.onEmpty();
    for (const handle of [...this.timers]) this.cancel(handle);
    this.pingTimer = this.pongTimer = undefined;
    const ws = this.ws;
    this.ws = undefined;
    this.status = { state: 'closed' };
    this.closing = new Promise<void>((resolve) => {
      if (!ws || ws.readyState === WebSocket.CLOSED) return resolve();
      ws.once('close', () => resolve());
      ws.terminate();
    });
    return this.closing;
  }
}

const hubs = new WeakMap<object, EventHub>();

function hubFor(client: EventClient, options: HubOptions, shared: boolean): EventHub {
  if (!shared) return new EventHub(client, options, () => undefined);
  let hub = hubs.get(client);
  if (!hub) {
    const created = new EventHub(client, options, () => {
      if (hubs.get(client) === created) hubs.delete(client);
    });
    hubs.set(client, created);
    hub = created;
  }
  return hub;
}

/** A subscriber: the events one user wants from one camera. */
export class EventStream {
  private readonly options: EventStreamOptions;
  private readonly wanted: Set<EventName>;
  private readonly areaIds: Set<number> | undefined;
  private readonly groupIds: Set<number> | undefined;
  private readonly changesOnly: boolean;
  private readonly delivered = new Map<string, ThermometryEvent>();
  private hub: EventHub | undefined;
  private closed = false;
  status: StreamStatus = { state: 'connecting' };

  constructor(options: EventStreamOptions) {
    if (!options || !options.client) throw new TypeError('EventStream needs a client');
    if (typeof options.onEvent !== 'function') throw new TypeError('EventStream needs onEvent');
    this.options = options;
    const events = options.events && options.events.length > 0 ? options.events : EVENT_NAMES;
    for (const e of events) if (!EVENT_NAMES.includes(e)) throw new TypeError(`unknown event: ${e}`);
    this.wanted = new Set(events);
    this.areaIds = options.areaIds && options.areaIds.length > 0 ? new Set(options.areaIds.map(Number)) : undefined;
    this.groupIds = options.groupIds && options.groupIds.length > 0 ? new Set(options.groupIds.map(Number)) : undefined;
    this.changesOnly = options.changesOnly !== false;
    // Connection settings: the first stream on a camera decides them for the shared socket.
    const hubOptions: HubOptions = {
      mode: options.mode, pollIntervalMs: options.pollIntervalMs, informationIntervalMs: options.informationIntervalMs,
      pingIntervalMs: options.pingIntervalMs, pongTimeoutMs: options.pongTimeoutMs, backoffInitialMs: options.backoffInitialMs,
      backoffMaxMs: options.backoffMaxMs, jitter: options.jitter, configureTimeoutMs: options.configureTimeoutMs,
      clock: options.clock, random: options.random, wsOptions: options.wsOptions,
    };
    this.hub = hubFor(options.client, hubOptions, options.shared !== false);
    this.hub.add(this);
  }

  private wants(event: ThermometryEvent): boolean {
    if (!this.wanted.has(event.event)) return false;
    const p: EventPayload = event.payload;
    if (this.areaIds && (event.event === 'area-alarm' || event.event === 'information')) {
      if (typeof p.areaId !== 'number' || !this.areaIds.has(p.areaId)) return false;
    }
    if (this.groupIds && event.event === 'group-deviation') {
      if (typeof p.groupId !== 'number' || !this.groupIds.has(p.groupId)) return false;
    }
    return true;
  }

  /** Called by the hub. `initial`: the camera's current state after (re)subscribing. */
  deliver(event: ThermometryEvent, initial: boolean): void {
    if (this.closed || !this.wants(event)) return;
    const key = event.topic;
    const last = this.delivered.get(key);
    if (event.stateful) {
      // Initial states after a reconnect: only what changed while away. Otherwise changes only, or all.
      if ((initial || this.changesOnly) && last && sameState(last, event)) return;
    } else if (this.changesOnly && last && sameState(last, event)) {
      return;
    }
    // A copy: what onEvent's consumer does to the event must not change what counts as a change.
    this.delivered.set(key, { ...event, payload: { ...event.payload } });
    try {
      this.options.onEvent(event);
    } catch {
      /* a subscriber's failure must not stop the others */
    }
  }

  deliverStatus(status: StreamStatus): void {
    if (this.closed) return;
    this.status = status;
    try {
      this.options.onStatus?.(status);
    } catch {
      /* as above */
    }
  }

  /** Stops delivering; the last stream on a camera closes its socket and timers. */
  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    const hub = this.hub;
    this.hub = undefined;
    return hub ? hub.remove(this) : Promise.resolve();
  }
}
