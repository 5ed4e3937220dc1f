/**
 * The hub: one camera's events shared by every EventStream on the same client
 * (reference counted: the last stream to leave closes it). It chooses the way
 * in (API discovery: the socket session, else the polling fallback), reconnects
 * by the backoff policy, and keeps the latest state of every stateful event so
 * a stream joining later, or a reconnect, starts from where things stand.
 */
import { Clock, Timers } from './clock';
import type { ThermometryEvent } from './parse';
import { parseNotification } from './parse';
import { Poller, PollingOptions } from './polling';
import { failureOf, type Failure } from '../failure';
import { Backoff, BackoffOptions } from './reconnect';
import { discoverEventStream, SessionOptions, SocketSession } from './session';
import { cloneEvent } from './state';
import type { EventClient, StreamStatus } from './types';

export interface HubOptions extends SessionOptions, PollingOptions, BackoffOptions {
  /** 'auto' (API discovery decides), 'websocket' or 'polling'. */
  mode?: 'auto' | 'websocket' | 'polling';
  /** How long a connection must stay up before the backoff starts again from its first delay (default 30000 ms). */
  stableMs?: number;
  clock?: Partial<Clock>;
}

/** What the hub hands each of its streams. */
export interface HubSubscriber {
  /** `initial`: the camera's current state after (re)subscribing. */
  deliver(event: ThermometryEvent, initial: boolean): void;
  deliverStatus(status: StreamStatus): void;
}

const NO_EVENT_STREAM: Failure = { reason: 'noEventStream', fatal: false };
/** A connection that has stayed up this long is a good one: the next failure starts the backoff again from its first delay. */
const STABLE_MS = 30000;

export class EventHub {
  private readonly subscribers = new Set<HubSubscriber>();
  private readonly timers: Timers;
  private readonly backoff: Backoff;
  private readonly session: SocketSession;
  private readonly poller: Poller;
  private started = false;
  private stopped = false;
  private mode: 'unknown' | 'websocket' | 'polling';
  /** Latest known state of each stateful event (and last information), by msg.topic. */
  private readonly states = new Map<string, ThermometryEvent>();
  /** Stateful keys seen on the current connection (the first is its initial state). */
  private seenThisConnection = new Set<string>();
  private everConnected = false;
  /**
   * True from the configure reply until the camera's current state has come:
   * the camera sends each stateful event's state once right after the reply;
   * the burst ends when the camera answers the ping sent with the reply
   * (session.ts), or earlier at a key sent a second time (a live change). Not
   * at a tick: the frames may come in several reads (a proxy, a slow link).
   */
  private initialBurst = false;
  /** Resets the backoff once a connection has stayed up long enough to count as good. */
  private stableTimer: unknown;
  status: StreamStatus = { state: 'connecting' };
  private closing: Promise<void> | undefined;

  constructor(
    private readonly client: EventClient,
    private readonly options: HubOptions,
    private readonly onEmpty: () => void,
  ) {
    this.mode = options.mode === 'polling' ? 'polling' : options.mode === 'websocket' ? 'websocket' : 'unknown';
    this.timers = new Timers(options.clock);
    this.backoff = new Backoff(options);
    this.session = new SocketSession(client, options, this.timers, {
      connected: () => this.onConnected(),
      initialStateSent: () => this.onInitialState(),
      notification: (frame) => this.onNotification(frame),
      closed: (failure) => this.onClosed(failure),
    });
    this.poller = new Poller(client, options, this.timers, {
      status: (status) => this.setStatus(status),
      lastState: (topic) => this.states.get(topic),
      dispatch: (event) => this.dispatch(event),
    });
  }

  // --- subscribers -------------------------------------------------------------
  add(stream: HubSubscriber): void {
    this.subscribers.add(stream);
    stream.deliverStatus(this.status);
    // Where things stand, for a subscriber joining a live connection.
    for (const event of this.states.values()) if (event.stateful) stream.deliver(cloneEvent(event, true), true);
    if (this.subscribers.size === 1 && !this.started) this.start();
  }

  remove(stream: HubSubscriber): Promise<void> {
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
  private scheduleReconnect(failure: Failure): void {
    if (this.stopped) return;
    const { attempt, delayMs } = this.backoff.next();
    this.setStatus({
      state: failure.fatal ? 'error' : 'reconnecting',
      attempt,
      failure,
      retryInMs: delayMs,
      via: 'websocket',
    });
    this.timers.later(() => void this.connect(), delayMs);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    if (this.mode === 'polling') return this.poller.start(NO_EVENT_STREAM);
    if (this.backoff.attempt === 0 && !this.everConnected) this.setStatus({ state: 'connecting', via: 'websocket' });
    if (this.mode === 'unknown') {
      try {
        this.mode = (await discoverEventStream(this.client)) ? 'websocket' : 'polling';
      } catch (err) {
        if (this.stopped) return;
        return this.scheduleReconnect(failureOf(err));
      }
      if (this.stopped) return;
      if (this.mode === 'polling') return this.poller.start(NO_EVENT_STREAM);
    }
    const failure = await this.session.open();
    if (failure) this.scheduleReconnect(failure);
  }

  private onClosed(failure: Failure | undefined): void {
    // Closed before it counted as good: the backoff keeps growing (a camera that accepts and drops at once).
    this.timers.cancel(this.stableTimer);
    this.stableTimer = undefined;
    this.initialBurst = false;
    if (failure?.status === 404 && this.options.mode !== 'websocket') {
      this.mode = 'polling';
      return this.poller.start(NO_EVENT_STREAM);
    }
    this.scheduleReconnect(failure ?? { reason: 'connectionClosed', fatal: false });
  }

  private onConnected(): void {
    // What the camera sends from here, each key once, is its current state.
    this.initialBurst = true;
    // The backoff starts again only once the connection has held (stableMs); a drop before that counts as a failed attempt.
    this.timers.cancel(this.stableTimer);
    this.stableTimer = this.timers.later(() => {
      this.stableTimer = undefined;
      this.backoff.reset();
    }, this.options.stableMs ?? STABLE_MS);
    this.seenThisConnection = new Set();
    this.everConnected = true;
  }

  /** The camera's current state is in: connected, and what comes now is live. */
  private onInitialState(): void {
    this.initialBurst = false;
    this.setStatus({ state: 'connected', via: 'websocket' });
  }

  /** A notification from the socket. */
  private onNotification(input: unknown): void {
    const event = parseNotification(input, this.timers.now());
    if (!event) return;
    event.via = 'websocket';
    this.dispatch(event);
  }

  /** Every event, from the socket or from polling, goes through here. */
  private dispatch(event: ThermometryEvent): void {
    const key = event.topic;
    let initial = false;
    // The current state comes right after the configure reply; a key first seen
    // later is a live event. Polling: the first reading of each key is its state.
    if (event.stateful && event.via !== 'polling' && this.initialBurst && this.seenThisConnection.has(key)) {
      // A key sent again: the current state is all in, what comes now is live.
      this.initialBurst = false;
    }
    const inInitialBurst = event.via === 'polling' || this.initialBurst;
    if (event.stateful && !this.seenThisConnection.has(key) && inInitialBurst) {
      // The first notification of a stateful event on a connection is its current state.
      this.seenThisConnection.add(key);
      initial = true;
    }
    if (event.stateful) this.states.set(key, event);
    for (const s of this.subscribers) s.deliver(cloneEvent(event, initial), initial);
  }

  // --- shutdown ----------------------------------------------------------------
  stop(): Promise<void> {
    if (this.closing) return this.closing;
    this.stopped = true;
    this.onEmpty();
    this.poller.stop();
    this.timers.cancelAll();
    this.status = { state: 'closed' };
    this.closing = this.session.close();
    return this.closing;
  }
}

const hubs = new WeakMap<object, EventHub>();

/** The camera's shared hub (made on first use), or a hub of its own when not shared. */
export function hubFor(client: EventClient, options: HubOptions, shared: boolean): EventHub {
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
