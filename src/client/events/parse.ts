/**
 * Normalizes an events:notify notification into the message flows receive:
 * the topic recognized with any namespace prefix, values parsed to numbers and
 * booleans under the reference's names in lowerCamelCase.
 */
import { EventName, topicInfo } from '../../api/events';

/** A notification as the camera sends it (every value a string on a real device). */
export interface RawNotification {
  topic: string;
  timestamp?: number | string;
  message?: {
    source?: Record<string, unknown>;
    key?: Record<string, unknown>;
    data?: Record<string, unknown>;
  };
}

export interface EventPayload {
  areaId?: number;
  groupId?: number;
  presetNbr?: number;
  active?: boolean;
  areaName?: string;
  groupName?: string;
  presetName?: string;
  averageTemp?: number;
  maximumTemp?: number;
  minimumTemp?: number;
  unit?: string;
  maxTempPositionX?: number;
  maxTempPositionY?: number;
  minTempPositionX?: number;
  minTempPositionY?: number;
  deltaTemp?: number;
  thresholdTemp?: number;
  [field: string]: unknown;
}

export interface ThermometryEvent {
  /** Stable event name (area-alarm, any-area, any-area-on-preset, information, group-deviation). */
  event: EventName;
  /** msg.topic form: thermometry/area-alarm/<areaId>, thermometry/any-area, ... */
  topic: string;
  stateful: boolean;
  payload: EventPayload;
  /** The camera's timestamp (ms since epoch); receive time when the camera gave none. */
  timestamp: number;
  /** The notification as received (or as synthesized by the polling fallback). */
  raw: RawNotification;
  /** True for the current-state notifications sent right after subscribing. */
  initial?: boolean;
  /** Where the event came from. */
  via: 'websocket' | 'polling';
}

type Kind = 'int' | 'float' | 'bool' | 'string';
const FIELDS: Record<string, [string, Kind]> = {
  AreaID: ['areaId', 'int'],
  GroupID: ['groupId', 'int'],
  PresetNbr: ['presetNbr', 'int'],
  AlarmActive: ['active', 'bool'],
  AreaName: ['areaName', 'string'],
  GroupName: ['groupName', 'string'],
  PresetName: ['presetName', 'string'],
  AverageTemp: ['averageTemp', 'float'],
  MaximumTemp: ['maximumTemp', 'float'],
  MinimumTemp: ['minimumTemp', 'float'],
  TemperatureUnit: ['unit', 'string'],
  MaxTempPositionX: ['maxTempPositionX', 'float'],
  MaxTempPositionY: ['maxTempPositionY', 'float'],
  MinTempPositionX: ['minTempPositionX', 'float'],
  MinTempPositionY: ['minTempPositionY', 'float'],
  DeltaTemp: ['deltaTemp', 'float'],
  ThresholdTemp: ['thresholdTemp', 'float'],
};

function parseBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase();
  if (text === '1' || text === 'true' || text === 'yes' || text === 'on') return true;
  if (text === '0' || text === 'false' || text === 'no' || text === 'off') return false;
  return undefined;
}

function parseNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const n = Number(value.trim().replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}

function convert(value: unknown, kind: Kind): unknown {
  switch (kind) {
    case 'int':
    case 'float':
      return parseNumber(value) ?? value;
    case 'bool':
      return parseBoolean(value) ?? value;
    default:
      // Not String() of anything: an object whose toString is not a function makes it throw.
      return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
  }
}

/** Temperature unit as the API's scale names it ("Celsius" -> "celsius"). */
function normalizeUnit(value: unknown): unknown {
  return typeof value === 'string' ? value.trim().toLowerCase() : value;
}

function lowerCamel(name: string): string {
  return name.length > 0 ? name[0].toLowerCase() + name.slice(1) : name;
}

/** Payload fields under reference names, from source, key and data alike. */
function parseFields(...parts: (Record<string, unknown> | undefined)[]): EventPayload {
  const payload: EventPayload = {};
  for (const part of parts) {
    if (!part || typeof part !== 'object') continue;
    for (const [name, value] of Object.entries(part)) {
      // A name the camera sends must not reach Object.prototype (FIELDS.constructor) or set the payload's prototype.
      if (name === '__proto__') continue;
      const known = Object.prototype.hasOwnProperty.call(FIELDS, name) ? FIELDS[name] : undefined;
      if (known) payload[known[0]] = known[0] === 'unit' ? normalizeUnit(value) : convert(value, known[1]);
      else payload[lowerCamel(name)] = typeof value === 'string' ? (parseBoolean(value) ?? parseNumber(value) ?? value) : value;
    }
  }
  return payload;
}

/** msg.topic for an event: a short, stable form. */
export function messageTopic(event: EventName, payload: EventPayload): string {
  switch (event) {
    case 'area-alarm':
    case 'information':
      return payload.areaId !== undefined ? `thermometry/${event}/${payload.areaId}` : `thermometry/${event}`;
    case 'any-area-on-preset':
      return payload.presetNbr !== undefined ? `thermometry/${event}/${payload.presetNbr}` : `thermometry/${event}`;
    case 'group-deviation':
      return payload.groupId !== undefined ? `thermometry/${event}/${payload.groupId}` : `thermometry/${event}`;
    default:
      return `thermometry/${event}`;
  }
}

/**
 * Normalizes a notification (or a whole events:notify frame). Returns undefined
 * for topics that are not one of the five thermometry events.
 */
export function parseNotification(input: unknown, receivedAt: number = Date.now()): ThermometryEvent | undefined {
  if (!input || typeof input !== 'object') return undefined;
  const frame = input as { params?: { notification?: unknown }; topic?: unknown };
  const notification = (frame.params && typeof frame.params === 'object' && frame.params.notification ? frame.params.notification : input) as RawNotification;
  if (typeof notification.topic !== 'string') return undefined;
  const info = topicInfo(notification.topic);
  if (!info) return undefined;
  const message = notification.message ?? {};
  const payload = parseFields(message.source, message.key, message.data);
  const timestamp = parseNumber(notification.timestamp) ?? receivedAt;
  return {
    event: info.event,
    topic: messageTopic(info.event, payload),
    stateful: info.stateful,
    payload,
    timestamp,
    raw: notification,
    via: 'websocket',
  };
}
