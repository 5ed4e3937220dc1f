/**
 * Errors as the nodes hand them to Node-RED: done(err) with an Error whose
 * message names the method, the field and the rule, and whose `code` is the
 * VAPIX code (or the kind of failure when the camera gave none). Node-RED copies
 * `code` into the Catch node's msg.error.code.
 */
import type { ThermometryError } from './client';

/** The fields of a ThermometryError, read off whatever was thrown (a NodeInputError has some of them too). */
type ErrorFields = Partial<Pick<ThermometryError, 'message' | 'kind' | 'code' | 'status' | 'method' | 'field'>>;

export interface NodeErrorInfo {
  kind: string;
  code?: number;
  status?: number;
  field?: string;
  method?: string;
}

export class ThermometryNodeError extends Error {
  readonly code: number | string;
  readonly info: NodeErrorInfo;
  constructor(message: string, info: NodeErrorInfo) {
    super(message);
    this.name = 'ThermometryNodeError';
    this.info = info;
    this.code = info.code ?? info.kind;
  }
  /** Node-RED shows toString() in the debug sidebar and msg.error.message: the message alone reads best. */
  override toString(): string {
    return this.message;
  }
}

/** Wrap whatever was thrown (client error, node input error, anything) for done(err). */
export function toNodeError(err: unknown, method?: string): ThermometryNodeError {
  const e = (err && typeof err === 'object' ? err : { message: String(err) }) as ErrorFields;
  const info: NodeErrorInfo = { kind: typeof e.kind === 'string' ? e.kind : 'internal' };
  if (typeof e.code === 'number') info.code = e.code;
  if (typeof e.status === 'number') info.status = e.status;
  if (typeof e.field === 'string') info.field = e.field;
  const m = method ?? (typeof e.method === 'string' ? e.method : undefined);
  if (m) info.method = m;
  let message = typeof e.message === 'string' && e.message ? e.message : safeString(err);
  if (info.code !== undefined && !message.includes(String(info.code))) message += ` (VAPIX error ${info.code})`;
  if (m && !message.startsWith(m)) message = `${m}: ${message}`;
  return new ThermometryNodeError(message, info);
}

/** String(value), or a description when the value cannot be turned into one (no or a throwing toString). */
function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return `a thrown ${typeof value}`;
  }
}

/** A few words for the red status ring. */
export function shortReason(err: ThermometryNodeError): string {
  const { kind, code, field } = err.info;
  let text: string;
  if (code !== undefined) text = `error ${code}${field ? ` (${field})` : ''}`;
  else if (field) text = `${kind}: ${field}`;
  else text = kind;
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
