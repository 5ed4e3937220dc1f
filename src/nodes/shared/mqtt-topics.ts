/**
 * The MQTT topic tree the status and event nodes publish, and its payloads:
 * pure functions (no Node-RED, no broker). The messages they make go to
 * Node-RED's own `mqtt out` node, which reads msg.topic, msg.payload,
 * msg.retain and msg.qos; the package has no MQTT client of its own.
 *
 * The tree (documented in README.md, "MQTT"; stable: consumers depend on it):
 *
 *   <prefix>/<camera>/online                   retained  {online, reason?, time}
 *   <prefix>/<camera>/area/<id>/status         retained  {id, name?, max, avg, min, maxCoordinates, minCoordinates, triggered, unit, time}
 *   <prefix>/<camera>/area/<id>/alarm          retained  {active, areaId, ..., time}   (a state: on or off)
 *   <prefix>/<camera>/area/<id>/information    not retained: the camera's periodic reading event
 *   <prefix>/<camera>/group/<id>/status        retained  {id, name, deviation, triggered, members, unit, time}
 *   <prefix>/<camera>/group/<id>/alarm         retained  {active, groupId, ..., time}
 *   <prefix>/<camera>/spot/status              retained  {temperature, coordinates, unit, time}
 *   <prefix>/<camera>/alarm                    retained  any area of the camera in alarm
 *   <prefix>/<camera>/preset/<n>/alarm         retained  any area of a PTZ preset in alarm
 *   <prefix>/<camera>/area/<id>/set            commands in (see mqtt-commands.ts)
 *   <prefix>/<camera>/area/<id>/set/reply      the answer to each command
 *
 * The Thermometry MQTT application (an ACAP running on the camera) publishes
 * instead temperature/areas/<serial>, temperature/spot/<serial>,
 * temperature/event/<serial> (not retained) and connect/<serial> (retained);
 * the 'acap' format makes those, with its payload shapes.
 */

export type MqttFormat = 'off' | 'thermometry' | 'acap';
export const MQTT_FORMATS: readonly MqttFormat[] = ['off', 'thermometry', 'acap'];
export const DEFAULT_PREFIX = 'thermometry';
export const DEFAULT_DISCOVERY_PREFIX = 'homeassistant';
/** QoS of every message we make: at least once, so a broker restart loses no state change it had accepted. */
export const MQTT_QOS = 1;
/** The longest prefix (each level counts): topics stay well under brokers' limits with camera and id added. */
const MAX_PREFIX_LENGTH = 200;
const MAX_LEVEL_LENGTH = 100;

/** One message for `mqtt out`. An empty payload with retain clears a retained topic. */
export interface MqttMessage {
  topic: string;
  payload: unknown;
  retain: boolean;
  qos: number;
}

export class MqttSettingError extends Error {
  readonly field: string;
  constructor(field: string, rule: string) {
    super(`${field}: ${rule}`);
    this.name = 'MqttSettingError';
    this.field = field;
  }
  /** Node-RED shows toString() in the debug sidebar and msg.error.message: the message alone reads best. */
  override toString(): string {
    return this.message;
  }
}

/**
 * A camera's name as one topic level: `/` would open a level, `+` and `#`
 * are wildcards (a broker refuses them in a published topic), control
 * characters and NUL are refused too; each becomes `_`. White space is kept
 * inside a name ("Furnace 2"), trimmed at its ends. An empty name takes the
 * fallback (the camera's host:port).
 */
export function topicLevel(name: unknown, fallback = 'camera'): string {
  const text = typeof name === 'string' ? name.trim() : '';
  // eslint-disable-next-line no-control-regex
  const safe = text.replace(/[/+#\u0000-\u001f\u007f]/g, '_').slice(0, MAX_LEVEL_LENGTH);
  if (safe) return safe;
  return fallback === '' ? 'camera' : topicLevel(fallback, 'camera');
}

/** A prefix: one or more levels, none empty, no wildcard, not starting with $ (the broker's own topics). */
export function checkPrefix(value: unknown, field: string, fallback: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') return fallback;
  if (text.length > MAX_PREFIX_LENGTH) throw new MqttSettingError(field, `at most ${MAX_PREFIX_LENGTH} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[+#\u0000-\u001f\u007f]/.test(text)) throw new MqttSettingError(field, 'a topic without + or # (wildcards are for subscribing)');
  if (text.split('/').some((level) => level === '')) throw new MqttSettingError(field, 'topic levels separated by single /, none empty (no / at either end)');
  if (text.startsWith('$')) throw new MqttSettingError(field, 'must not start with $ (the broker\'s own topics)');
  return text;
}

/** The editor's check of a prefix field: null, or the reason (the rule checkPrefix applies at deploy). */
export function prefixProblem(value: unknown, field: string): string | null {
  try {
    checkPrefix(value, field, DEFAULT_PREFIX);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/** The editor's check of the MQTT setting: null, or the reason. */
export function formatProblem(value: unknown): string | null {
  return value === undefined || value === '' || (MQTT_FORMATS as readonly unknown[]).includes(value) ? null : `mqtt: one of ${MQTT_FORMATS.join(', ')}`;
}

/** The commands a user can tick: the area fields a `.../set` may change. */
export const COMMAND_FIELDS = ['threshold', 'delay', 'enabled'] as const;
export type CommandField = (typeof COMMAND_FIELDS)[number];
/** Editor property of each command's tick box. */
export const COMMAND_SETTINGS: Readonly<Record<CommandField, string>> = {
  threshold: 'mqttSetThreshold',
  delay: 'mqttSetDelay',
  enabled: 'mqttSetEnabled',
};

export interface MqttSettings {
  format: MqttFormat;
  prefix: string;
  /** Home Assistant MQTT discovery configs (thermometry format only). */
  discovery: boolean;
  discoveryPrefix: string;
  /** Read the spot meter at each poll too (status node). */
  spot: boolean;
  /** The area fields commands may change; empty = commands off (the default). */
  commands: CommandField[];
}

function truthy(value: unknown): boolean {
  return value === true || value === 'true';
}

/** A node's MQTT settings from its editor properties, checked; throws MqttSettingError naming the property. */
export function mqttSettings(def: Record<string, unknown>): MqttSettings {
  const raw = def.mqtt === undefined || def.mqtt === '' ? 'off' : def.mqtt;
  if (typeof raw !== 'string' || !(MQTT_FORMATS as readonly string[]).includes(raw)) {
    throw new MqttSettingError('mqtt', `one of ${MQTT_FORMATS.join(', ')}`);
  }
  const format = raw as MqttFormat;
  return {
    format,
    prefix: checkPrefix(def.mqttPrefix, 'mqttPrefix', DEFAULT_PREFIX),
    discovery: format === 'thermometry' && truthy(def.mqttDiscovery),
    discoveryPrefix: checkPrefix(def.mqttDiscoveryPrefix, 'mqttDiscoveryPrefix', DEFAULT_DISCOVERY_PREFIX),
    spot: truthy(def.mqttSpot),
    commands: format === 'thermometry' ? COMMAND_FIELDS.filter((f) => truthy(def[COMMAND_SETTINGS[f]])) : [],
  };
}

// --- topics -----------------------------------------------------------------

export type SubjectKind = 'area' | 'group';

export const topics = {
  online: (prefix: string, camera: string) => `${prefix}/${camera}/online`,
  status: (prefix: string, camera: string, kind: SubjectKind, id: number) => `${prefix}/${camera}/${kind}/${id}/status`,
  alarm: (prefix: string, camera: string, kind: SubjectKind, id: number) => `${prefix}/${camera}/${kind}/${id}/alarm`,
  information: (prefix: string, camera: string, id: number) => `${prefix}/${camera}/area/${id}/information`,
  spot: (prefix: string, camera: string) => `${prefix}/${camera}/spot/status`,
  anyAlarm: (prefix: string, camera: string) => `${prefix}/${camera}/alarm`,
  presetAlarm: (prefix: string, camera: string, preset: number) => `${prefix}/${camera}/preset/${preset}/alarm`,
  set: (prefix: string, camera: string, id: number) => `${prefix}/${camera}/area/${id}/set`,
  /** The id as the command's topic had it (also when it is not a number: the refusal goes back where it was asked). */
  reply: (prefix: string, camera: string, kind: string, id: number | string) => `${prefix}/${camera}/${kind}/${id}/set/reply`,
  acapAreas: (serial: string) => `temperature/areas/${serial}`,
  acapSpot: (serial: string) => `temperature/spot/${serial}`,
  acapEvent: (serial: string) => `temperature/event/${serial}`,
  acapConnect: (serial: string) => `connect/${serial}`,
};

/** A `.../set` topic read back: the camera level and the area id, or undefined when the topic is not one under the prefix. */
export function parseSetTopic(prefix: string, topic: unknown): { camera: string; kind: string; id: string } | undefined {
  if (typeof topic !== 'string' || !topic.startsWith(`${prefix}/`)) return undefined;
  const levels = topic.slice(prefix.length + 1).split('/');
  if (levels.length !== 4 || levels[3] !== 'set') return undefined;
  return { camera: levels[0], kind: levels[1], id: levels[2] };
}

// --- payloads ---------------------------------------------------------------

export function retained(topic: string, payload: unknown): MqttMessage {
  return { topic, payload, retain: true, qos: MQTT_QOS };
}

export function notRetained(topic: string, payload: unknown): MqttMessage {
  return { topic, payload, retain: false, qos: MQTT_QOS };
}

/** What empties a retained topic on the broker (and in Home Assistant, removes a discovered entity). */
export function cleared(topic: string): MqttMessage {
  return { topic, payload: '', retain: true, qos: MQTT_QOS };
}

type Entry = Record<string, any>;

function iso(time: number): string {
  return new Date(time).toISOString();
}

export function onlinePayload(online: boolean, time: number, reason?: string): Record<string, unknown> {
  return online ? { online: true, time: iso(time) } : { online: false, reason: reason || 'not answering', time: iso(time) };
}

/** One area's status: the reading as getAreaStatus gives it (normalized), its name when known, the unit and time. */
export function areaStatusPayload(entry: Entry, time: number, unit?: string, name?: string): Record<string, unknown> {
  const payload: Record<string, unknown> = { id: entry.id };
  if (name !== undefined) payload.name = name;
  Object.assign(payload, {
    max: entry.max,
    avg: entry.avg,
    min: entry.min,
    maxCoordinates: entry.maxCoordinates,
    minCoordinates: entry.minCoordinates,
    triggered: Boolean(entry.triggered),
  });
  if (unit) payload.unit = unit;
  payload.time = iso(time);
  return payload;
}

/** One group's status (getGroupStatus): its deviation, the members, the unit and time. */
export function groupStatusPayload(entry: Entry, time: number, unit?: string): Record<string, unknown> {
  const details = entry.details && typeof entry.details === 'object' ? entry.details : {};
  const payload: Record<string, unknown> = {
    id: entry.id,
    name: details.name,
    deviation: details.currentDeviation,
    triggered: Boolean(entry.triggered),
    members: Array.isArray(details.memberAreas) ? details.memberAreas : [],
    maxDeviationAreas: Array.isArray(details.maxDeviationAreas) ? details.maxDeviationAreas : [],
  };
  if (unit) payload.unit = unit;
  payload.time = iso(time);
  return payload;
}

export function spotStatusPayload(spot: Entry, time: number, unit?: string): Record<string, unknown> {
  const payload: Record<string, unknown> = { temperature: spot.spotTemperature, coordinates: spot.spotCoordinates };
  if (unit) payload.unit = unit;
  payload.time = iso(time);
  return payload;
}

/** The alarm state a status poll saw (the event node adds the event's own fields). */
export function polledAlarmPayload(kind: SubjectKind, entry: Entry, time: number): Record<string, unknown> {
  return { active: Boolean(entry.triggered), [kind === 'area' ? 'areaId' : 'groupId']: entry.id, source: 'status', time: iso(time) };
}

/** The fields of a thermometry event (src/client/events) as this tree needs them. */
export interface EventLike {
  event: string;
  stateful: boolean;
  payload: Record<string, unknown>;
  timestamp: number;
  raw?: { message?: { source?: Record<string, unknown>; key?: Record<string, unknown>; data?: Record<string, unknown> } };
}

/**
 * An event on the tree: alarms (stateful: on or off) are states, retained;
 * the information event (a reading every 30 s) is not. Undefined for an
 * event that names no area or group where its topic needs one.
 */
export function eventMessage(prefix: string, camera: string, ev: EventLike): MqttMessage | undefined {
  const p = ev.payload;
  const payload = { ...p, time: iso(ev.timestamp) };
  const id = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined);
  switch (ev.event) {
    case 'area-alarm': {
      const areaId = id(p.areaId);
      return areaId === undefined ? undefined : retained(topics.alarm(prefix, camera, 'area', areaId), payload);
    }
    case 'group-deviation': {
      const groupId = id(p.groupId);
      return groupId === undefined ? undefined : retained(topics.alarm(prefix, camera, 'group', groupId), payload);
    }
    case 'any-area':
      return retained(topics.anyAlarm(prefix, camera), payload);
    case 'any-area-on-preset': {
      const preset = id(p.presetNbr);
      return preset === undefined ? undefined : retained(topics.presetAlarm(prefix, camera, preset), payload);
    }
    case 'information': {
      const areaId = id(p.areaId);
      return areaId === undefined ? undefined : notRetained(topics.information(prefix, camera, areaId), payload);
    }
    default:
      return undefined;
  }
}

// --- the Thermometry MQTT application's shapes (format 'acap') ---------------

/** temperature/areas/<serial>: every area of one poll, as the camera lists them. */
export function acapAreasMessage(serial: string, areaList: Entry[], time: number): MqttMessage {
  return notRetained(topics.acapAreas(serial), { timestamp: iso(time), serial, areas: areaList });
}

/** temperature/spot/<serial>: the spot meter reading. */
export function acapSpotMessage(serial: string, spot: Entry, time: number): MqttMessage {
  return notRetained(topics.acapSpot(serial), { timestamp: iso(time), serial, temperature: spot.spotTemperature, coordinates: spot.spotCoordinates });
}

/** temperature/event/<serial>: the event's fields under the camera's own names (AreaID, AlarmActive, ...), as the application forwards them. */
export function acapEventMessage(serial: string, ev: EventLike): MqttMessage {
  const m = ev.raw?.message ?? {};
  const event: Record<string, unknown> = {};
  for (const part of [m.source, m.key, m.data]) {
    if (!part || typeof part !== 'object') continue;
    for (const [name, value] of Object.entries(part)) if (name !== '__proto__') event[name] = value;
  }
  return notRetained(topics.acapEvent(serial), { timestamp: iso(ev.timestamp), serial, event });
}

/** connect/<serial>: retained, as the application sends it; here it says whether the camera answers. */
export function acapConnectMessage(serial: string, connected: boolean, address: string): MqttMessage {
  return retained(topics.acapConnect(serial), { connected, address, app: 'thermal' });
}

/** A serial number as a topic level (the application uses the camera's, e.g. ACCC8E123456). */
export function serialLevel(serial: string | undefined, fallback: string): string {
  return topicLevel(serial, fallback);
}
