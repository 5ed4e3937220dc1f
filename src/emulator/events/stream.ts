/**
 * Event streaming over WebSocket as Axis OS serves it:
 *   GET /axis-cgi/wssession.cgi           -> a single-use token (digits, text/plain), 15 s
 *   GET /vapix/ws-data-stream?wssession=TOKEN&sources=events   (or Digest on the upgrade)
 * then JSON frames: events:configure in (configure.ts), events:notify out
 * (notifications.ts). Events come from the camera model's 'thermometry-event'
 * emissions; this file ties the parts to an emulator: its routes, the upgrade,
 * the subscribers and their heartbeat.
 */
import type * as http from 'http';
import type * as net from 'net';
import { WebSocketServer, WebSocket } from 'ws';
import type { CameraEvent } from '../../api/events';
import { EVENT_STREAM_API, WSSESSION_PATH, WS_DATA_STREAM_PATH } from '../../api/paths';
import type { Emulator } from '../server';
import { errorFrame, readConfigure, subscribed } from './configure';
import type { EventFilter } from './filters';
import { buildNotification, NotificationStyle } from './notifications';
import { SessionTokens } from './tokens';

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

/** The parts of the emulator the stream uses. */
type StreamHost = Pick<Emulator, 'server' | 'camera' | 'authenticate' | 'addRoute' | 'stop' | 'apiList' | 'challenges'>;

interface Subscriber {
  filters: EventFilter[] | undefined;
  /** Set on every pong; cleared on every ping. */
  alive: boolean;
}

const attached = new WeakMap<object, EventStreamServer>();

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

function registerDiscovery(emulator: StreamHost): void {
  const list = emulator.apiList;
  if (list && !list.some((entry) => entry.id === EVENT_STREAM_API.id)) list.push({ ...EVENT_STREAM_API });
}

/** The namespace and boolean spelling: the options', else the profile's namespace (eventNamespace), else the reference's. */
function notificationStyle(emulator: StreamHost, options: EventStreamServerOptions): NotificationStyle {
  return {
    namespace: options.namespace ?? (emulator.camera.profile.eventNamespace === 'tnsaxis' ? 'tnsaxis' : 'tns1'),
    booleans: options.booleans ?? '1',
  };
}

/**
 * Serves the event stream on an emulator. Idempotent per emulator: a second
 * call returns the first server. The emulator's stop() closes the sockets first.
 */
export function attachEventStream(emulator: StreamHost, options: EventStreamServerOptions = {}): EventStreamServer {
  const existing = attached.get(emulator);
  if (existing) return existing;

  const style = notificationStyle(emulator, options);
  const heartbeatMs = options.heartbeatMs ?? 10000;
  const now = options.now ?? (() => Date.now());
  const tokens = new SessionTokens(options.tokenTtlMs ?? 15000, now);
  const subscribers = new Map<WebSocket, Subscriber>();
  // Configure frames are small; a camera would not take megabytes either.
  const wss = new WebSocketServer({ noServer: true, clientTracking: false, maxPayload: 64 * 1024 });
  let closed = false;

  emulator.addRoute('GET', WSSESSION_PATH, 'viewer', (_req, res, ctx) => {
    const token = tokens.issue(ctx && ctx.role ? String(ctx.role) : 'viewer');
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

  function publish(event: CameraEvent): void {
    if (closed || subscribers.size === 0) return;
    const notification = buildNotification(event, style, now());
    if (!notification) return;
    for (const [ws, sub] of subscribers) {
      if (ws.readyState === WebSocket.OPEN && subscribed(sub.filters, notification)) ws.send(notification.frame);
    }
  }

  function configure(ws: WebSocket, sub: Subscriber, text: string): void {
    const outcome = readConfigure(text);
    if (outcome.filters) sub.filters = outcome.filters;
    ws.send(outcome.reply);
    if (!outcome.filters) return;
    // Where things stand: the current state of every matching stateful event, once.
    const states = emulator.camera.eventStates();
    for (const state of states) {
      const notification = buildNotification(state, style, now());
      if (notification && subscribed(sub.filters, notification) && ws.readyState === WebSocket.OPEN) ws.send(notification.frame);
    }
  }

  /** The role the upgrade is made with (token, else Digest/Basic on the request), or null. */
  function upgradeRole(req: http.IncomingMessage, url: URL): string | null {
    const token = url.searchParams.get('wssession');
    return token !== null ? tokens.take(token) : emulator.authenticate(req);
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
    if (!upgradeRole(req, url)) {
      const challenge = typeof emulator.challenges === 'function' ? emulator.challenges(false) : undefined;
      const header = Array.isArray(challenge) ? challenge.join(', ') : challenge;
      rejectUpgrade(socket, 401, 'Unauthorized', header ? { 'WWW-Authenticate': header } : {});
      return;
    }
    const sources = url.searchParams.get('sources');
    if (
      sources !== null &&
      !sources
        .split(',')
        .map((s) => s.trim())
        .includes('events')
    ) {
      rejectUpgrade(socket, 400, 'Bad Request');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (closed) {
        ws.terminate();
        return;
      }
      subscribe(ws);
    });
  }

  function subscribe(ws: WebSocket): void {
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
  }

  /** Pings every subscriber; one that did not answer the previous ping is dropped. */
  function startHeartbeat(): NodeJS.Timeout | undefined {
    if (heartbeatMs <= 0) return undefined;
    const timer = setInterval(() => {
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
    timer.unref?.();
    return timer;
  }

  const onEvent = (event: CameraEvent) => publish(event);
  emulator.camera.on('thermometry-event', onEvent);
  emulator.server.on('upgrade', onUpgrade);
  const heartbeat = startHeartbeat();
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
      return tokens.pending;
    },
    publish,
    close,
  };
  attached.set(emulator, server);
  return server;
}
