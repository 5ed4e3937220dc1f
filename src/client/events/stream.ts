/**
 * EventStream: thermometry events from one camera, framework-free: the events
 * one user wants (which events, which areas and groups, changes only or all).
 *
 * The connection is the camera's hub (hub.ts), one however many streams: API
 * discovery decides between the WebSocket event stream (session.ts) and polling
 * getAreaStatus/getGroupStatus (polling.ts); reconnects back off with jitter
 * (reconnect.ts, 1 s growing to 30 s); after a reconnect the camera's initial
 * state is compared with what each stream last got and only the changes missed
 * while away are delivered.
 */
import { EventName, EVENT_NAMES } from '../../api/events';
import { EventHub, hubFor, HubOptions, HubSubscriber } from './hub';
import type { EventPayload, ThermometryEvent } from './parse';
import { sameState } from './state';
import type { EventClient, StreamStatus } from './types';

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

/** A subscriber: the events one user wants from one camera. */
export class EventStream implements HubSubscriber {
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
      mode: options.mode,
      pollIntervalMs: options.pollIntervalMs,
      informationIntervalMs: options.informationIntervalMs,
      pingIntervalMs: options.pingIntervalMs,
      pongTimeoutMs: options.pongTimeoutMs,
      backoffInitialMs: options.backoffInitialMs,
      backoffMaxMs: options.backoffMaxMs,
      jitter: options.jitter,
      configureTimeoutMs: options.configureTimeoutMs,
      stableMs: options.stableMs,
      clock: options.clock,
      random: options.random,
      wsOptions: options.wsOptions,
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
