/**
 * The event node's settings and messages, kept apart from the runtime so that
 * tests and the editor's help describe one thing. Each rule is written once:
 * the runtime reads the settings with these functions and the editor checks
 * its fields with them (editor.ts, bundled for the browser: nothing
 * Node-only here; the event's type is read from the parser alone).
 */
import { EVENT_NAMES, type EventName } from '../../api/events';
import type { ThermometryEvent } from '../../client/events/parse';
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

/** The editor's check of an id list field: null when parseIds reads it, else `words` (the field's own reason). */
export function idsProblem(text: unknown, words: string): string | null {
  try {
    parseIds(text, 'ids');
    return null;
  } catch {
    return words;
  }
}

/** Poll interval (polling mode), in seconds: the shortest and longest the editor allows, and the default. */
export const MIN_POLL_S = 0.5;
export const MAX_POLL_S = 3600;
export const DEFAULT_POLL_S = 2;

/** The editor's check of the poll interval field: null, or the reason. */
export function pollIntervalProblem(value: unknown): string | null {
  const n = Number(value);
  return value === '' || (Number.isFinite(n) && n >= MIN_POLL_S && n <= MAX_POLL_S) ? null : `poll interval: ${MIN_POLL_S} to ${MAX_POLL_S} seconds`;
}

/** The poll interval in milliseconds as the runtime reads it: a flow file may hold more than the editor allows, which setTimeout would turn into a 1 ms poll. */
export function pollIntervalMs(value: unknown): number {
  const seconds = Number(value);
  return (Number.isFinite(seconds) && seconds >= MIN_POLL_S ? Math.min(seconds, MAX_POLL_S) : DEFAULT_POLL_S) * 1000;
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

/** `camera`: host:port; `cameraName`: the camera node's name (else host:port). */
export function toMessage(ev: ThermometryEvent, camera: string, cameraName: string = camera): NodeMessage {
  const msg: NodeMessage = {
    topic: ev.topic,
    payload: ev.payload,
    event: ev.event,
    timestamp: ev.timestamp,
    // Every event node on a camera gets the same notification: each message its own copy.
    notification: structuredClone(ev.raw),
    thermometry: { camera, cameraName, event: ev.event, stateful: ev.stateful, via: ev.via, initial: ev.initial === true },
  };
  return msg;
}

