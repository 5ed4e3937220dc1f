/**
 * Event streaming over WebSocket as Axis OS serves it:
 *   GET /axis-cgi/wssession.cgi           -> a single-use token (digits, text/plain), 15 s
 *   GET /vapix/ws-data-stream?wssession=TOKEN&sources=events   (or Digest on the upgrade)
 * then JSON frames: events:configure in, events:notify out.
 * Events come from the camera model's 'thermometry-event' emissions.
 */
import * as crypto from 'crypto';
import type { EventEmitter } from 'events';
import type * as http from 'http';
import type * as net from 'net';
import { WebSocketServer, WebSocket } from 'ws';
import { CameraEvent, CONFIGURE_METHOD, NOTIFY_METHOD, spellTopic, topicForCamera } from '../../api/events';
import { EVENT_STREAM_API, WSSESSION_PATH, WS_DATA_STREAM_PATH } from '../../api/paths';
import { contentMatches, EventFilter, parseContentFilter, parseTopicFilter, topicMatches } from './filters';

/** The parts of the emulator this module uses (structural, so it builds on its own). */
export interface EmulatorLike {
  server: http.Server;
  camera: EventEmitter & { eventStates?(): CameraEvent[] };
  authenticate(req: http.IncomingMessage): string | null;
  addRoute(method: 'GET' | 'POST', path: string, level: any,
           handler: (req: http.IncomingMessage, res: http.ServerResponse, ctx: any) => void | Promise<void>): void;
  stop(): Promise<void>;
  /** What apidiscovery.cgi lists; the stream adds itself. */
  apiList?: { id: string }[];
  /** WWW-Authenticate challenge(s), when the emulator offers them (for the 401 on the upgrade). */
  challenges?(stale: boolean): string | string[];
}

export interface EventStreamServerOptions {
  /** Token lifetime, default 15000 ms. */
  tokenTtlMs?: number;
  /** Namespace profile: 'tnsaxis' sends tnsaxis: where the reference writes tns1:. */
  namespace?: 'tns1' | 'tnsaxis';
  /** Booleans as "1"/"0" (default, as Axis OS sends them) or "true"/"false". */
  booleans?: '1' | 'true';
  /** Server ping period; a client that has not answered the previous ping is dropped. 0 = off. */
  heartbeatMs?: number;
  /** Clock for token expiry and notification timestamps (default Date.now, read at call time). */
  now?: () => number;
  /** Whether to register in the emulator's API discovery list (default true). */
  discovery?: boolean;
}

export interface EventStreamServer {
  /** Open event sockets (tests stub or inspect them). */
  readonly connections: ReadonlySet<WebSocket>;
  /** Tokens issued and not yet used or swept. */
  readonly pendingTokens: number;
  /** Sends a camera event to every matching subscriber, as if the camera raised it. */
  publish(event: CameraEvent): void;
  /** Closes every event socket and detaches from the emulator. */
  close(): Promise<void>;
}

export { WSSESSION_PATH, WS_DATA_STREAM_PATH };

const IDENTIFYING = new Set(['AreaID', 'GroupID', 'PresetNbr']);

interface Subscriber {
  filters: EventFilter[] | undefined;
  /** Set on every pong; cleared on every ping. */
  alive: boolean;
}

const attached = new WeakMap<object, EventStreamServer>();

function formatValue(value: string | number | boolean, booleans: '1' | 'true'): string {
  if (typeof value === 'boolean') return booleans === '1' ? (value ? '1' : '0') : String(value);
  if (typeof value === 'number') {
    const text = String(value);
    // Decimal strings only: no exponent form, as a camera writes them.
    return /e/i.test(text) ? value.toFixed(6).replace(/\.?0+$/, '') : text;
  }
  return value;
}

function errorFrame(code: number, message: string, method?: string, context?: unknown): string {
  const frame: Record<string, unknown> = { apiVersion: '1.0' };
  if (typeof context === 'string') frame.context = context;
  if (method !== undefined) frame.method = method;
  frame.error = { code, message };
  return JSON.stringify(frame);
}

function rejectUpgrade(socket: net.Socket, status: number, reason: string, headers: Record<string, string> = {}): void {
  const body = `${status} ${reason}\n`;
  const lines = [
    `HTTP/1.1 ${status} ${reason}`,
    'Connection: close',
    'Content-Type: text/plain',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

function registerDiscovery(emulator: EmulatorLike): void {
  const list = emulator.apiList;
  if (list && !list.some((entry) => entry.id === EVENT_STREAM_API.id)) list.push({ ...EVENT_STREAM_API });
}

/**
 * Serves the event stream on an emulator. Idempotent per emulator: a second
 * call returns the first server. The emulator's stop() closes the sockets first.
 */
export function attachEventStream(emulator: EmulatorLike, options: EventStreamServerOptions = {}): EventStreamServer {
  const existing = attached.get(emulator);
  if (existing) return existing;

  const tokenTtlMs = options.tokenTtlMs ?? 15000;
  // A profile may name the namespace its device family sends (eventNamespace).
  const profileNamespace = (emulator.camera as { profile?: { eventNamespace?: unknown } }).profile?.eventNamespace;
  const namespace = options.namespace ?? (profileNamespace === 'tnsaxis' ? 'tnsaxis' : 'tns1');
  const booleans = options.booleans ?? '1';
  const heartbeatMs = options.heartbeatMs ?? 10000;
  const now = options.now ?? (() => Date.now());
  const tokens = new Map<string, { expires: number; role: string }>();
  const subscribers = new Map<WebSocket, Subscriber>();
  // Configure frames are small; a camera would not take megabytes either.
  const wss = new WebSocketServer({ noServer: true, clientTracking: false, maxPayload: 64 * 1024 });
  let closed = false;

  function sweepTokens(): void {
    const t = now();
    for (const [token, entry] of tokens) if (entry.expires <= t) tokens.delete(token);
  }

  function newToken(): string {
    let token: string;
    do {
      token = String(crypto.randomInt(1, 2 ** 47)).padStart(15, '0');
    } while (tokens.has(token));
    return token;
  }

  emulator.addRoute('GET', WSSESSION_PATH, 'viewer', (_req, res, ctx) => {
    sweepTokens();
    const token = newToken();
    tokens.set(token, { expires: now() + tokenTtlMs, role: ctx && ctx.role ? String(ctx.role) : 'viewer' });
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache' });
    res.end(token);
  });

  // A plain GET of the stream path: the emulator's pipeline answers 401 with its
  // Digest challenge (what a client needs before signing the upgrade) and, once
  // authenticated, 426 since only an upgrade is served here.
  emulator.addRoute('GET', WS_DATA_STREAM_PATH, 'viewer', (_req, res) => {
    res.writeHead(426, { 'Content-Type': 'text/plain', Upgrade: 'websocket', Connection: 'Upgrade' });
    res.end('426 Upgrade Required\n');
  });

  /** Notification frame for an event, topic spelled for the profile; undefined if not ours. */
  function buildNotification(event: CameraEvent): { frame: string; segments: string[]; fields: Record<string, string> } | undefined {
    const info = topicForCamera(event.topic);
    if (!info) return undefined;
    const topic = spellTopic(info.topic, namespace);
    const source: Record<string, string> = {};
    const data: Record<string, string> = {};
    for (const [name, value] of Object.entries(event.source ?? {})) {
      if (value !== undefined && value !== null) source[name] = formatValue(value, booleans);
    }
    for (const [name, value] of Object.entries(event.data ?? {})) {
      if (value === undefined || value === null) continue;
      (IDENTIFYING.has(name) ? source : data)[name] = formatValue(value, booleans);
    }
    const frame = JSON.stringify({
      apiVersion: '1.0',
      method: NOTIFY_METHOD,
      params: { notification: { topic, timestamp: now(), message: { source, key: {}, data } } },
    });
    return { frame, segments: topic.split('/'), fields: { ...source, ...data } };
  }

  function matches(sub: Subscriber, segments: string[], fields: Record<string, string>): boolean {
    if (!sub.filters) return false;
    return sub.filters.some((f) => topicMatches(f.segments, segments) && contentMatches(f.content, fields));
  }

  function publish(event: CameraEvent): void {
    if (closed || subscribers.size === 0) return;
    const built = buildNotification(event);
    if (!built) return;
    for (const [ws, sub] of subscribers) {
      if (ws.readyState === WebSocket.OPEN && matches(sub, built.segments, built.fields)) ws.send(built.frame);
    }
  }

  function configure(ws: WebSocket, sub: Subscriber, text: string): void {
    let request: any;
    try {
      request = JSON.parse(text);
    } catch {
      ws.send(errorFrame(2101, 'Invalid JSON'));
      return;
    }
    if (!request || typeof request !== 'object' || Array.isArray(request)) {
      ws.send(errorFrame(2101, 'Invalid JSON: not an object'));
      return;
    }
    const context = request.context;
    const method = request.method;
    if (typeof method !== 'string') {
      ws.send(errorFrame(2103, 'Required parameter missing: method', undefined, context));
      return;
    }
    const apiVersion: unknown = request.apiVersion;
    // String() of an arbitrary object can throw ({"toString": 1}): only strings and numbers are versions.
    if (apiVersion !== undefined && !((typeof apiVersion === 'string' || typeof apiVersion === 'number') && /^1(\.\d+)?$/.test(String(apiVersion)))) {
      ws.send(errorFrame(2100, 'API version not supported', method, context));
      return;
    }
    if (method !== CONFIGURE_METHOD) {
      ws.send(errorFrame(2102, 'Method not supported', method, context));
      return;
    }
    const list = request.params?.eventFilterList;
    if (list === undefined) {
      ws.send(errorFrame(2103, 'Required parameter missing: eventFilterList', method, context));
      return;
    }
    if (!Array.isArray(list) || list.length === 0) {
      ws.send(errorFrame(2104, 'Invalid parameter value: eventFilterList must be a non-empty list', method, context));
      return;
    }
    const filters: EventFilter[] = [];
    for (const entry of list) {
      const segments = parseTopicFilter(entry?.topicFilter);
      if (!segments) {
        ws.send(errorFrame(2104, 'Invalid parameter value: topicFilter', method, context));
        return;
      }
      let content;
      try {
        content = parseContentFilter(entry.contentFilter);
      } catch {
        ws.send(errorFrame(2104, 'Invalid parameter value: contentFilter', method, context));
        return;
      }
      filters.push({ segments, content });
    }
    sub.filters = filters;
    const reply: Record<string, unknown> = { apiVersion: '1.0' };
    if (typeof context === 'string') reply.context = context;
    reply.method = CONFIGURE_METHOD;
    reply.data = {};
    ws.send(JSON.stringify(reply));
    // Where things stand: the current state of every matching stateful event, once.
    const states = typeof emulator.camera.eventStates === 'function' ? emulator.camera.eventStates() : [];
    for (const state of states) {
      const built = buildNotification(state);
      if (built && matches(sub, built.segments, built.fields) && ws.readyState === WebSocket.OPEN) ws.send(built.frame);
    }
  }

  function onUpgrade(req: http.IncomingMessage, socket: net.Socket, head: Buffer): void {
    // node:http drops its own socket error handler before 'upgrade': without one, a
    // reset from the peer would be an uncaught 'error' and take the process down.
    socket.on('error', () => socket.destroy());
    try {
      upgrade(req, socket, head);
    } catch {
      // e.g. a request target URL cannot parse ('//'): answer it, never throw out of the event.
      if (!socket.destroyed) rejectUpgrade(socket, 400, 'Bad Request');
    }
  }

  function upgrade(req: http.IncomingMessage, socket: net.Socket, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://emulator');
    if (url.pathname !== WS_DATA_STREAM_PATH) {
      // Only answer paths nobody else listens for.
      if (emulator.server.listenerCount('upgrade') === 1) rejectUpgrade(socket, 404, 'Not Found');
      return;
    }
    if (closed) {
      rejectUpgrade(socket, 503, 'Service Unavailable');
      return;
    }
    const token = url.searchParams.get('wssession');
    let role: string | null;
    if (token !== null) {
      const entry = tokens.get(token);
      tokens.delete(token); // single use, even when it has expired
      role = entry && entry.expires > now() ? entry.role : null;
    } else {
      role = emulator.authenticate(req);
    }
    if (!role) {
      const challenge = typeof emulator.challenges === 'function' ? emulator.challenges(false) : undefined;
      const header = Array.isArray(challenge) ? challenge.join(', ') : challenge;
      rejectUpgrade(socket, 401, 'Unauthorized', header ? { 'WWW-Authenticate': header } : {});
      return;
    }
    const sources = url.searchParams.get('sources');
    if (sources !== null && !sources.split(',').map((s) => s.trim()).includes('events')) {
      rejectUpgrade(socket, 400, 'Bad Request');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (closed) {
        ws.terminate();
        return;
      }
      const sub: Subscriber = { filters: undefined, alive: true };
      subscribers.set(ws, sub);
      ws.on('pong', () => {
        sub.alive = true;
      });
      ws.on('message', (data, isBinary) => {
        // A throw here would leave the socket's data handler and end the process: answer 1100 instead.
        try {
          configure(ws, sub, isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString());
        } catch {
          if (ws.readyState === WebSocket.OPEN) ws.send(errorFrame(1100, 'Internal error'));
        }
      });
      ws.on('close', () => subscribers.delete(ws));
      ws.on('error', () => ws.terminate());
    });
  }

  const onEvent = (event: CameraEvent) => publish(event);
  emulator.camera.on('thermometry-event', onEvent);
  emulator.server.on('upgrade', onUpgrade);

  let heartbeat: NodeJS.Timeout | undefined;
  if (heartbeatMs > 0) {
    heartbeat = setInterval(() => {
      for (const [ws, sub] of subscribers) {
        if (!sub.alive) {
          ws.terminate();
          subscribers.delete(ws);
          continue;
        }
        sub.alive = false;
        ws.ping();
      }
    }, heartbeatMs);
    heartbeat.unref?.();
  }

  if (options.discovery !== false) registerDiscovery(emulator);

  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    if (heartbeat) clearInterval(heartbeat);
    emulator.camera.removeListener('thermometry-event', onEvent);
    emulator.server.removeListener('upgrade', onUpgrade);
    for (const ws of subscribers.keys()) ws.terminate();
    subscribers.clear();
    tokens.clear();
    attached.delete(emulator);
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  }

  // Upgraded sockets keep an http server from closing: end them before the emulator stops.
  const originalStop = emulator.stop.bind(emulator);
  emulator.stop = async () => {
    await close();
    return originalStop();
  };

  const server: EventStreamServer = {
    get connections() {
      return new Set(subscribers.keys());
    },
    get pendingTokens() {
      sweepTokens();
      return tokens.size;
    },
    publish,
    close,
  };
  attached.set(emulator, server);
  return server;
}
