/**
 * The socket session with one camera: whether it serves the event stream at
 * all (API discovery), a single-use wssession token (or Digest on the upgrade
 * when the camera has no wssession.cgi or refused the token), the upgrade, the
 * events:configure subscription and the ping/pong heartbeat. One socket at a
 * time; what a closed socket means for the next attempt is the hub's call.
 */
import WebSocket from 'ws';
import { CONFIGURE_METHOD, NOTIFY_METHOD } from '../../api/events';
import { APIDISCOVERY_PATH, EVENT_STREAM_API, WSSESSION_PATH, WS_DATA_STREAM_PATH } from '../../api/paths';
import type { Timers } from './clock';
import { ThermometryError } from '../errors';
import { failureOf, type Failure } from '../failure';
import { parseBoundedJson } from '../json';
import type { EventClient } from './types';

export interface SessionOptions {
  /** Ping period, default 10000 ms. */
  pingIntervalMs?: number;
  /** No pong within this after a ping: the connection is dead. Default 20000 ms. */
  pongTimeoutMs?: number;
  /** No configure reply within this: reconnect. Default 10000 ms. */
  configureTimeoutMs?: number;
  /** Extra options for the ws client (TLS: ca, rejectUnauthorized). */
  wsOptions?: WebSocket.ClientOptions;
}

/** What the session tells its owner. */
export interface SessionHandlers {
  /** The camera accepted the subscription. */
  connected(): void;
  /**
   * The camera's current state is all in: the notifications between connected()
   * and this were the state it sends after a subscribe. Told when the camera
   * answers the ping sent on its configure reply (a pong comes after what the
   * camera queued before it, however the bytes are cut into reads).
   */
  initialStateSent(): void;
  /** An events:notify frame, once subscribed. May throw: the frame is then dropped. */
  notification(frame: unknown): void;
  /** The socket closed (not by close()); failure says why when known. */
  closed(failure: Failure | undefined): void;
}

/** The payload of the ping that marks the end of the state sent after a subscribe. */
const INITIAL_STATE_MARK = Buffer.from('thermometry-initial-state');

/** Largest event frame taken (ws's default is 100 MiB; a notification is a few kB). */
export const MAX_FRAME_BYTES = 256 * 1024;

/** Discovery ids that mean an event stream: the reference's, and older firmware's. */
const DISCOVERY_IDS = new RegExp(`${EVENT_STREAM_API.id}|ws-data-stream|event.*websocket`, 'i');

/**
 * Subscribed topics: both namespace spellings of both subtrees, so any device
 * matches; `//.` (ONVIF: the topic and everything below) so that a device that
 * takes a bare topic as that one topic only still sends the events under it.
 */
export const SUBSCRIPTION_FILTERS: { topicFilter: string }[] = (() => {
  const filters: { topicFilter: string }[] = [];
  for (const root of ['tns1', 'tnsaxis']) {
    for (const mid of ['tns1', 'tnsaxis']) {
      for (const sub of ['RadiometryAlarm', 'Thermometry']) filters.push({ topicFilter: `${root}:VideoSource/${mid}:${sub}//.` });
    }
  }
  return filters;
})();

/** Whether API discovery lists event streaming over WebSocket. Throws on auth/network failures. */
export async function discoverEventStream(client: EventClient): Promise<boolean> {
  let response;
  try {
    response = await client.request({
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
  if (response.status === 401 || response.status === 403) {
    throw new ThermometryError(response.status === 401 ? 'authentication' : 'authorization', `API discovery refused (HTTP ${response.status})`, {
      status: response.status,
    });
  }
  let data = response.data;
  if (typeof data === 'string') {
    const parsed = parseBoundedJson(data);
    if (!parsed.ok) return true;
    data = parsed.value;
  }
  const list = data?.data?.apiList ?? data?.apiList;
  if (!Array.isArray(list)) return true;
  return list.some((entry: any) => entry && typeof entry.id === 'string' && DISCOVERY_IDS.test(entry.id));
}

export class SocketSession {
  private ws: WebSocket | undefined;
  private pingTimer: any;
  private pongTimer: any;
  /** After a refused token the next upgrade is signed with Digest instead. */
  private preferDigest = false;
  private stopped = false;

  constructor(
    private readonly client: EventClient,
    private readonly options: SessionOptions,
    private readonly timers: Timers,
    private readonly handlers: SessionHandlers,
  ) {}

  /**
   * Asks for a token (or signs the upgrade) and opens the socket. The failure
   * when it did not get as far as opening one (then no 'closed' follows).
   */
  async open(): Promise<Failure | undefined> {
    let token: string | undefined;
    let authorization: string | undefined;
    const query = 'sources=events';
    try {
      if (!this.preferDigest) token = await this.fetchToken();
    } catch (err) {
      if (this.stopped) return undefined;
      const failure = failureOf(err);
      // Wrong password or network trouble: retry later. No wssession.cgi: Digest on the upgrade.
      if (failure.status === undefined || failure.status === 401 || failure.status === 403) return failure;
    }
    if (this.stopped) return undefined;
    const path = token ? `${WS_DATA_STREAM_PATH}?${query}&wssession=${encodeURIComponent(token)}` : `${WS_DATA_STREAM_PATH}?${query}`;
    if (!token) {
      try {
        authorization = await this.client.authorization('GET', path);
      } catch (err) {
        if (this.stopped) return undefined;
        return failureOf(err);
      }
      if (this.stopped) return undefined;
    }
    return this.openSocket(path, token !== undefined, authorization);
  }

  private async fetchToken(): Promise<string> {
    const response = await this.client.request({ method: 'GET', path: WSSESSION_PATH, responseType: 'text' });
    if (response.status !== 200) throw new ThermometryError('protocol', `wssession.cgi answered HTTP ${response.status}`, { status: response.status });
    const token = String(response.data ?? '').trim();
    if (!/^[0-9A-Za-z_-]+$/.test(token)) throw new ThermometryError('protocol', 'wssession.cgi gave no session token', { status: 502 });
    return token;
  }

  private wsUrl(path: string): string {
    const base = new URL(this.client.baseUrl);
    base.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${base.origin}${path}`;
  }

  private openSocket(path: string, withToken: boolean, authorization: string | undefined): Failure | undefined {
    // A frame larger than MAX_FRAME_BYTES closes the socket (1009) before it is buffered whole: a real frame is a few kB.
    const wsOptions: WebSocket.ClientOptions = { maxPayload: MAX_FRAME_BYTES, ...(this.options.wsOptions ?? {}), perMessageDeflate: false };
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
      return failureOf(err);
    }
    this.ws = ws;
    let failure: Failure | undefined;
    let configured = false;
    const configureTimer = this.timers.later(() => {
      failure = { reason: 'noSubscriptionReply', fatal: false };
      ws.terminate();
    }, this.options.configureTimeoutMs ?? 10000);

    ws.on('unexpected-response', (_req, res) => {
      const status = res.statusCode ?? 0;
      res.resume();
      if (status === 404) {
        failure = { reason: 'noEventStream', fatal: false, status };
      } else if (status === 401 && withToken) {
        // A refused token: the next attempt asks with Digest instead.
        this.preferDigest = true;
        failure = { reason: 'tokenRefused', fatal: false, status };
      } else if (status === 401) {
        // The signed upgrade was refused: maybe a nonce from before a camera restart.
        // The next attempt goes through wssession.cgi, whose client retries with a
        // fresh challenge and tells a wrong password for sure.
        this.preferDigest = false;
        failure = { reason: 'upgradeRefused', fatal: false, status };
      } else {
        failure = failureOf({ status });
      }
      ws.terminate();
    });
    ws.on('error', (err) => {
      if (failure) return;
      failure = failureOf(err);
    });
    ws.on('open', () => {
      if (this.stopped) return ws.terminate();
      ws.send(
        JSON.stringify({
          apiVersion: '1.0',
          context: 'thermometry-event',
          method: CONFIGURE_METHOD,
          params: { eventFilterList: SUBSCRIPTION_FILTERS },
        }),
      );
      this.startHeartbeat(ws);
    });
    let stateTimer: unknown;
    let stateSent = false;
    const initialStateSent = () => {
      if (stateSent || this.ws !== ws) return;
      stateSent = true;
      this.timers.cancel(stateTimer);
      this.handlers.initialStateSent();
    };
    ws.on('pong', (data: Buffer) => {
      this.timers.cancel(this.pongTimer);
      this.pongTimer = undefined;
      if (configured && Buffer.isBuffer(data) && data.equals(INITIAL_STATE_MARK)) initialStateSent();
    });
    ws.on('message', (data) => {
      // Bounded: a frame is a few kB and a few levels deep (maxPayload above; parseBoundedJson).
      const parsed = parseBoundedJson(data.toString());
      if (!parsed.ok) return;
      const frame: any = parsed.value;
      if (!frame || typeof frame !== 'object') return;
      if (frame.method === NOTIFY_METHOD) {
        // A throw here would leave the socket's data handler and end the process (Node-RED with it).
        try {
          if (configured) this.handlers.notification(frame);
        } catch {
          /* a notification we cannot read is dropped */
        }
        return;
      }
      if (frame.method === CONFIGURE_METHOD || frame.error) {
        this.timers.cancel(configureTimer);
        if (frame.error) {
          failure = { reason: 'subscriptionRefused', fatal: true, ...(typeof frame.error.code === 'number' ? { code: frame.error.code } : {}) };
          ws.terminate();
          return;
        }
        configured = true;
        this.handlers.connected();
        // The camera sends its current state right after this reply; its answer to this ping comes after that state.
        try {
          ws.ping(INITIAL_STATE_MARK);
        } catch {
          // the socket is going: 'close' follows
        }
        // A camera that does not answer pings: the state is taken as sent after the subscription's own timeout.
        stateTimer = this.timers.later(initialStateSent, this.options.configureTimeoutMs ?? 10000);
      }
    });
    ws.on('close', () => {
      this.timers.cancel(configureTimer);
      this.timers.cancel(stateTimer);
      this.stopHeartbeat();
      if (this.ws === ws) this.ws = undefined;
      if (this.stopped) return;
      if (configured && !failure) failure = { reason: 'connectionLost', fatal: false };
      // A drop after a good connection: fresh token next time.
      if (configured && failure?.status !== 401) this.preferDigest = false;
      this.handlers.closed(failure);
    });
    return undefined;
  }

  private startHeartbeat(ws: WebSocket): void {
    const pingEvery = this.options.pingIntervalMs ?? 10000;
    const pongWithin = this.options.pongTimeoutMs ?? 20000;
    const tick = () => {
      if (this.ws !== ws || ws.readyState !== WebSocket.OPEN) return;
      ws.ping();
      if (this.pongTimer === undefined) {
        this.pongTimer = this.timers.later(() => {
          this.pongTimer = undefined;
          // Half-open: nothing came back. terminate() fires 'close', which reconnects.
          ws.terminate();
        }, pongWithin);
      }
      this.pingTimer = this.timers.later(tick, pingEvery);
    };
    this.pingTimer = this.timers.later(tick, pingEvery);
  }

  private stopHeartbeat(): void {
    this.timers.cancel(this.pingTimer);
    this.timers.cancel(this.pongTimer);
    this.pingTimer = undefined;
    this.pongTimer = undefined;
  }

  /** Ends the socket for good (its timers are the owner's to cancel); resolves once it is closed. */
  close(): Promise<void> {
    this.stopped = true;
    this.pingTimer = this.pongTimer = undefined;
    const ws = this.ws;
    this.ws = undefined;
    return new Promise<void>((resolve) => {
      if (!ws || ws.readyState === WebSocket.CLOSED) return resolve();
      ws.once('close', () => resolve());
      ws.terminate();
    });
  }
}
