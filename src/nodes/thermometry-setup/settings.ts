/**
 * The setup node's settings, each rule written once: the runtime reads the
 * form's and the message's values with these; the form's operation list and
 * the help name the same operations. Nothing Node-only (the editor bundles it).
 */

/** The operations, and the msg.operation names each takes (the client's names too). */
export const SETUP_OPERATIONS = {
  read: ['read', 'readSetup'],
  apply: ['apply', 'applySetup'],
} as const;
export type SetupOperation = keyof typeof SETUP_OPERATIONS;

/** The most a document may weigh as text (a PTZ camera's ten areas on each of many presets is some hundred kB). */
export const MAX_DOCUMENT_BYTES = 1024 * 1024;

export interface SetupRequest {
  operation: SetupOperation;
  dryRun: boolean;
  removeMissing: boolean;
}

/** A refusal of a message's or form's setting, naming the field. */
export class SetupInputError extends Error {
  readonly kind = 'validation';
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

function show(value: unknown): string {
  try {
    const s = JSON.stringify(value) ?? String(value);
    return s.length > 40 ? `${s.slice(0, 37)}...` : s;
  } catch {
    return typeof value;
  }
}

/** The operation named by msg.operation or the form. */
export function setupOperation(raw: unknown, field: string): SetupOperation {
  for (const [op, names] of Object.entries(SETUP_OPERATIONS)) if ((names as readonly unknown[]).includes(raw)) return op as SetupOperation;
  const known = Object.values(SETUP_OPERATIONS).flat().join(', ');
  throw new SetupInputError(`${field} must be one of ${known} (got ${show(raw)})`, field.replace(/^msg\./, ''));
}

/** A tick box of the form, or its msg property in its place (true or false; the strings a change node may set count). */
function flag(formValue: unknown, msgValue: unknown, name: string): boolean {
  if (msgValue === undefined) return formValue === true || formValue === 'true';
  if (msgValue === true || msgValue === 'true') return true;
  if (msgValue === false || msgValue === 'false') return false;
  throw new SetupInputError(`msg.${name} must be true or false (got ${show(msgValue)})`, name);
}

/** What a message asks of the node, its form's settings otherwise. */
export function setupRequest(def: Record<string, unknown>, msg: Record<string, unknown>): SetupRequest {
  const operation = msg.operation !== undefined ? setupOperation(msg.operation, 'msg.operation') : setupOperation(def.operation ?? 'read', 'operation');
  return {
    operation,
    dryRun: flag(def.dryRun, msg.dryRun, 'dryRun'),
    removeMissing: flag(def.removeMissing, msg.removeMissing, 'removeMissing'),
  };
}

/**
 * The document a message carries: an object, its JSON text, or the bytes a
 * file node read (a Buffer). Text past MAX_DOCUMENT_BYTES is refused unread.
 */
export function documentOf(payload: unknown): unknown {
  // Any realm's bytes (a Function node's Buffer is another realm's Uint8Array).
  if (ArrayBuffer.isView(payload)) {
    if (payload.byteLength > MAX_DOCUMENT_BYTES) {
      throw new SetupInputError(`msg.payload must be a setup document of at most ${MAX_DOCUMENT_BYTES} bytes (got ${payload.byteLength} bytes)`, 'payload');
    }
    return new TextDecoder('utf-8').decode(new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength));
  }
  if (typeof payload === 'string') {
    if (payload.length > MAX_DOCUMENT_BYTES) {
      throw new SetupInputError(`msg.payload must be a setup document of at most ${MAX_DOCUMENT_BYTES} characters (got ${payload.length})`, 'payload');
    }
    return payload;
  }
  if (payload !== null && typeof payload === 'object' && !Array.isArray(payload)) return payload;
  const got = payload === null ? 'null' : Array.isArray(payload) ? 'an array' : typeof payload;
  throw new SetupInputError(
    `msg.payload must be a setup document to apply: the object the read operation gives, its JSON text, or a file's bytes (got ${got})`,
    'payload',
  );
}
