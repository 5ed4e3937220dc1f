/**
 * Turning a node's editor fields and an incoming msg into the method and
 * parameters of one VAPIX call. The method table (src/api/methods.ts) says which
 * parameters a method takes and of which kind; nothing here repeats it.
 */
import { METHODS, isMethodName, type MethodName, type ParamSpec } from '../../api/methods';
import { describeType, isPlainObject } from '../../api/values';

/** A node's operations: the methods it offers, and short aliases accepted in msg.operation. */
export interface NodeOperations {
  methods: readonly MethodName[];
  aliases: Readonly<Record<string, MethodName>>;
}

/** Error raised by the nodes themselves (bad msg.operation, bad msg.payload, bad editor value). */
export class NodeInputError extends Error {
  readonly kind = 'validation';
  readonly field?: string;
  constructor(message: string, field?: string) {
    super(message);
    this.name = 'NodeInputError';
    this.field = field;
  }
}

/** The method a message asks for: msg.operation (method name or alias) or the editor's choice. */
export function resolveOperation(ops: NodeOperations, configured: unknown, requested: unknown): MethodName {
  if (requested === undefined || requested === null || requested === '') {
    if (isMethodName(configured) && ops.methods.includes(configured)) return configured;
    throw new NodeInputError(`no operation: choose one in the editor or set msg.operation to one of ${ops.methods.join(', ')}`, 'operation');
  }
  if (typeof requested !== 'string') {
    throw new NodeInputError(`msg.operation must be a string (one of ${ops.methods.join(', ')}), got ${describeType(requested)}`, 'operation');
  }
  const method = (ops.aliases as Record<string, MethodName>)[requested] ?? requested;
  if (isMethodName(method) && ops.methods.includes(method)) return method;
  const aliases = Object.keys(ops.aliases);
  throw new NodeInputError(
    `msg.operation "${truncate(requested)}" is not an operation of this node: use one of ${ops.methods.join(', ')}` +
      (aliases.length ? ` (or ${aliases.join(', ')})` : ''),
    'operation',
  );
}

/**
 * Parameters for `method`: the editor fields (strings as the editor stores
 * them, converted by the parameter's kind), then msg.payload's own keys on top.
 * `fieldNames` maps a parameter to the editor property holding it when the two
 * differ (a node's own `name` and `id` are taken by Node-RED).
 */
export function buildParams(
  method: MethodName,
  config: Record<string, unknown>,
  payload: unknown,
  fieldNames: Readonly<Record<string, string>> = {},
): Record<string, unknown> {
  const specs = METHODS[method].params;
  const params: Record<string, unknown> = {};
  for (const spec of specs) {
    const prop = fieldNames[spec.name] ?? spec.name;
    const value = fromEditor(spec, config[prop]);
    if (value !== undefined) params[spec.name] = value;
  }
  if (specs.length === 0) return params; // nothing to override: any payload is just a trigger
  const overrides = payloadOverrides(payload);
  for (const [key, value] of Object.entries(overrides)) {
    if (!specs.some((s) => s.name === key)) {
      throw new NodeInputError(
        `msg.payload.${truncate(key)} is not a parameter of ${method} (its parameters: ${specs.map((s) => s.name).join(', ')})`,
        key,
      );
    }
    if (value === undefined) continue;
    if (value === null) {
      delete params[key]; // null clears an editor value (the camera's default applies)
      continue;
    }
    params[key] = value;
  }
  return params;
}

/** The keys msg.payload overrides: its own keys when it is a plain object; nothing for a bare trigger. */
function payloadOverrides(payload: unknown): Record<string, unknown> {
  if (payload === undefined || payload === null || payload === '') return {};
  // An inject node's default timestamp, a string or a boolean only trigger the node.
  if (typeof payload === 'number' || typeof payload === 'string' || typeof payload === 'boolean') return {};
  // Of any realm: a Function node's objects come from its own vm context.
  if (isPlainObject(payload)) return payload;
  throw new NodeInputError(
    `msg.payload must be an object of parameters (e.g. {"threshold": 80}) or a trigger value, got ${describeType(payload)}`,
    'payload',
  );
}

/** An editor value converted to the parameter's kind; undefined when the field is empty. */
export function fromEditor(spec: ParamSpec, raw: unknown): unknown {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'string' && raw.trim() === '') return undefined;
  const label = `editor field ${spec.name}`;
  switch (spec.type.kind) {
    case 'int': {
      if (typeof raw === 'number') return raw;
      const n = Number(String(raw).trim());
      if (!Number.isFinite(n)) throw new NodeInputError(`${label} must be a whole number, got "${truncate(String(raw))}"`, spec.name);
      return n;
    }
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      if (raw === 'true') return true;
      if (raw === 'false') return false;
      throw new NodeInputError(`${label} must be true or false`, spec.name);
    case 'string':
    case 'enum':
      return String(raw);
    case 'vertices':
    case 'point':
      if (typeof raw !== 'string') return raw;
      try {
        return JSON.parse(raw);
      } catch {
        throw new NodeInputError(
          `${label} must be JSON: ${spec.type.kind === 'point' ? '[x, y]' : 'a list of points [[x, y], ...]'}`,
          spec.name,
        );
      }
    case 'intList': {
      if (Array.isArray(raw)) return raw;
      const text = String(raw).trim();
      if (text.startsWith('[')) {
        try {
          return JSON.parse(text);
        } catch {
          throw new NodeInputError(`${label} must be a list of whole numbers, e.g. 0, 1, 2`, spec.name);
        }
      }
      const list = text.split(/[\s,]+/).filter(Boolean).map(Number);
      if (list.some((n) => !Number.isInteger(n))) throw new NodeInputError(`${label} must be a list of whole numbers, e.g. 0, 1, 2`, spec.name);
      return list;
    }
  }
}

function truncate(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
