/**
 * The event node's settings and messages, kept apart from the runtime so that
 * tests and the editor's help describe one thing.
 */
import { EVENT_NAMES, type EventName, type ThermometryEvent } from '../../client/events';
import type { NodeDef, NodeMessage } from '../shared/red';

/** Editor checkbox property for each event. */
export const EVENT_SETTINGS: Record<EventName, string> = {
  'area-alarm': 'areaAlarm',
  'any-area': 'anyArea',
  'any-area-on-preset': 'anyAreaOnPreset',
  information: 'information',
  'group-deviation': 'groupDeviation',
};

function truthy(value: unknown): boolean {
  return value === true || value === 'true';
}

/** "0, 2 3" -> [0, 2, 3]; throws on anything that is not a list of non-negative integers. */
export function parseIds(text: unknown, what: string): number[] {
  if (text === undefined || text === null) return [];
  if (Array.isArray(text)) return text.map((v) => parseIds(String(v), what)).flat();
  const trimmed = String(text).trim();
  if (trimmed === '') return [];
  const parts = trimmed.split(/[\s,;]+/).filter(Boolean);
  const ids = parts.map(Number);
  if (ids.some((n) => !Number.isInteger(n) || n < 0)) throw new Error(`${what}: a list of ids such as "0, 2" (got "${trimmed}")`);
  return ids;
}

/** The editor's defaults: every alarm, not the 30-second information event. */
export const EVENT_DEFAULTS: Record<EventName, boolean> = {
  'area-alarm': true,
  'any-area': true,
  'any-area-on-preset': true,
  information: false,
  'group-deviation': true,
};

/** The events ticked in the editor; a setting left out takes the editor's default. */
export function selectedEvents(def: NodeDef): EventName[] {
  return EVENT_NAMES.filter((e) => {
    const value = def[EVENT_SETTINGS[e]];
    return value === undefined ? EVENT_DEFAULTS[e] : truthy(value);
  });
}

export function toMessage(ev: ThermometryEvent, camera: string): NodeMessage {
  const msg: NodeMessage = {
    topic: ev.topic,
    payload: ev.payload,
    event: ev.event,
    timestamp: ev.timestamp,
    // Every event node on a camera gets the same notification: each message its own copy.
    notification: structuredClone(ev.raw),
    thermometry: { camera, event: ev.event, stateful: ev.stateful, via: ev.via, initial: ev.initial === true },
  };
  return msg;
}

