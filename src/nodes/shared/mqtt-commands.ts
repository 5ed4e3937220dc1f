/**
 * Commands from the broker: `<prefix>/<camera>/area/<id>/set` with a JSON
 * object of the area fields to change ({"threshold": 80}, {"delay": 5},
 * {"enabled": false}), accepted only for the fields the user ticked in the
 * node (none by default). Each is answered on `.../set/reply`. Pure
 * functions: the status node reads the area, writes it and publishes.
 */
import { COMMAND_FIELDS, type CommandField } from './mqtt-topics';

/** The largest command accepted, in bytes: three small fields fit many times over. */
export const MAX_COMMAND_BYTES = 4096;

export class CommandError extends Error {
  readonly field: string;
  constructor(field: string, rule: string) {
    super(`${field}: ${rule}`);
    this.name = 'CommandError';
    this.field = field;
  }
  override toString(): string {
    return this.message;
  }
}

/** A command refused, as done(err) reports it: the topic asked on and the rule, for the log and a Catch node. */
export class CommandRefusedError extends Error {
  readonly code = 'refused';
  readonly field: string;
  constructor(topic: string, cause: CommandError) {
    super(`MQTT command on ${topic} refused: ${cause.message}`);
    this.name = 'CommandRefusedError';
    this.field = cause.field;
  }
  override toString(): string {
    return this.message;
  }
}

export type AreaChanges = Partial<Record<CommandField, number | boolean>>;

/** A command's payload as `mqtt in` hands it (parsed JSON, a string, or a Buffer), read under a bound. */
function payloadObject(payload: unknown): Record<string, unknown> {
  let value = payload;
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
    if (value.length > MAX_COMMAND_BYTES) throw new CommandError('payload', `at most ${MAX_COMMAND_BYTES} bytes`);
    value = Buffer.from(value).toString('utf8');
  }
  if (typeof value === 'string') {
    if (Buffer.byteLength(value) > MAX_COMMAND_BYTES) throw new CommandError('payload', `at most ${MAX_COMMAND_BYTES} bytes`);
    try {
      value = JSON.parse(value);
    } catch {
      throw new CommandError('payload', 'a JSON object such as {"threshold": 80}');
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new CommandError('payload', 'a JSON object such as {"threshold": 80}');
  return value as Record<string, unknown>;
}

/**
 * The changes a command asks for, checked against the ticked fields: a field
 * not ticked, a field that is not a command, or a value of the wrong type is
 * refused naming the field (ranges are the camera's limits, checked by the
 * client before anything is written).
 */
export function parseCommand(payload: unknown, allowed: readonly CommandField[]): AreaChanges {
  const body = payloadObject(payload);
  const names = Object.keys(body);
  if (names.length === 0) throw new CommandError('payload', `name at least one of ${allowed.join(', ') || '(none: commands are off)'}`);
  const changes: AreaChanges = {};
  for (const name of names) {
    if (!(COMMAND_FIELDS as readonly string[]).includes(name)) throw new CommandError(name, `not a command field (${COMMAND_FIELDS.join(', ')})`);
    const field = name as CommandField;
    if (!allowed.includes(field)) throw new CommandError(field, 'not accepted by this node (tick it in the node to allow it)');
    const value = body[field];
    if (field === 'enabled') {
      if (typeof value !== 'boolean') throw new CommandError(field, 'true or false');
      changes.enabled = value;
    } else {
      if (typeof value !== 'number' || !Number.isInteger(value)) throw new CommandError(field, 'an integer');
      if (field === 'delay' && value < 0) throw new CommandError(field, 'seconds, 0 or more');
      changes[field] = value;
    }
  }
  return changes;
}

/** An area id from a topic level ("3"), or a CommandError naming it. */
export function parseAreaId(level: string): number {
  if (!/^\d{1,6}$/.test(level)) throw new CommandError('area id', `a whole number in the topic (got "${level.slice(0, 20)}")`);
  return Number(level);
}

/** updateArea's parameters: the area as listAreas gives it, with the changes. */
export function updatedArea(area: Record<string, unknown>, changes: AreaChanges): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const key of ['id', 'imagesource', 'enabled', 'name', 'detectionType', 'measurement', 'threshold', 'delay', 'vertices', 'areaOverlay', 'temperatureOverlay', 'presetNbr']) {
    if (area[key] !== undefined) params[key] = area[key];
  }
  return { ...params, ...changes };
}

export function commandReply(areaId: number | undefined, time: number, outcome: { applied: AreaChanges } | { error: string; field?: string; code?: number | string }): Record<string, unknown> {
  const base: Record<string, unknown> = areaId === undefined ? {} : { area: areaId };
  if ('applied' in outcome) return { ok: true, ...base, applied: outcome.applied, time: new Date(time).toISOString() };
  const reply: Record<string, unknown> = { ok: false, ...base, error: outcome.error };
  if (outcome.field) reply.field = outcome.field;
  if (outcome.code !== undefined) reply.code = outcome.code;
  reply.time = new Date(time).toISOString();
  return reply;
}
