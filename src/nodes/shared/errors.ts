/**
 * Errors as the nodes hand them to Node-RED: done(err) with an Error whose
 * message names the method, the field and the rule, and whose `code` is the
 * VAPIX code (or the kind of failure when the camera gave none). Node-RED copies
 * `code` into the Catch node's msg.error.code.
 *
 * plainReason() is the same failure in the words a plant engineer reads on a
 * node's status ("cannot reach 127.0.0.1:8080 (connection refused)", "wrong
 * user name or password", "this user is a viewer: adding areas needs an
 * administrator"); the admin routes answer with it too.
 */
import type { ThermometryError } from './client';
import { reasonOfCode, type FailureReason } from './client';
import { METHODS, type MethodName } from '../../api/methods';
import { describeErrorCode } from '../../api/errors';
import { t } from './i18n';
import type { NodeAPI } from './red';

/** The fields of a ThermometryError, read off whatever was thrown (a NodeInputError has some of them too; userLevel is set by the nodes). */
type ErrorFields = Partial<Pick<ThermometryError, 'message' | 'kind' | 'code' | 'status' | 'method' | 'field' | 'camera' | 'causeCode' | 'reason' | 'subject' | 'said'>> & { userLevel?: string };

export interface NodeErrorInfo {
  kind: string;
  code?: number;
  status?: number;
  field?: string;
  method?: string;
  /** host:port of the camera. */
  camera?: string;
  /** Low-level cause (ECONNREFUSED, CERT_HAS_EXPIRED...). */
  cause?: string;
  /** The user's level on the camera, when it told (usergroup.cgi). */
  userLevel?: string;
  /** What kind of failure it was, as the client decided (refused, timedOut, tlsExpired, wrongPassword...). */
  reason?: FailureReason;
  /** What the call named ("area 2"), and the camera's own words for its refusal. */
  subject?: string;
  said?: string;
}

/**
 * The reason of a failure: the client's own decision (ThermometryError.reason), or, for an
 * error made without one (the nodes' own, a test's), what its kind and cause code mean.
 */
function reasonOf(info: NodeErrorInfo): FailureReason | undefined {
  if (info.reason) return info.reason;
  switch (info.kind) {
    case 'credentials':
      return 'noCredentials';
    case 'authentication':
      return 'wrongPassword';
    case 'authorization':
      return 'userLevel';
    case 'timeout':
      return 'timedOut';
    case 'network':
      return reasonOfCode(info.cause);
    case 'vapix':
      return 'cameraError';
    case 'protocol':
      return info.status === 404 ? 'noThermometryApi' : 'unexpectedAnswer';
    default:
      return undefined;
  }
}

/**
 * The failure in plain words, from the catalogue's table (thermometry.failure.*):
 * what a status ring shows, what an error message starts with, what the admin
 * routes answer and the editor shows. Never holds a password (only host:port, the
 * user's level and codes). With RED, in the editor's language; without, English.
 */
export function plainReason(info: NodeErrorInfo, RED?: NodeAPI): string {
  const say = (key: string, values: Record<string, unknown> = {}) => t(RED, `thermometry.${key}`, values);
  const camera = info.camera ?? say('failure.someCamera');
  const method = info.method && Object.prototype.hasOwnProperty.call(METHODS, info.method) ? (info.method as MethodName) : undefined;
  const doing = method ? say(`doing.${method}`) : undefined;
  const reason = reasonOf(info);
  switch (reason) {
    case undefined:
      break;
    case 'userLevel': {
      const needs = method ? say('failure.needs', { doing, level: say(`level.${METHODS[method].level}`) }) : say('failure.needsHigher');
      return info.userLevel ? say('failure.userLevel', { level: say(`level.${info.userLevel}`), needs }) : say('failure.userLevelUnknown', { needs });
    }
    case 'cameraError': {
      // The one 2104 the camera names a field for (API 1.3): an area name in use.
      if (info.code === 2104 && info.field === 'name' && (method === 'addArea' || method === 'updateArea')) return say('failure.areaNameUsed');
      const specific = vapixWords(info, method, say);
      if (specific) return specific;
      const meaning = info.code !== undefined ? describeErrorCode(info.code) : undefined;
      if (!meaning || info.code === undefined) return say('failure.cameraErrorBare');
      const words = meaning.replace(/\s*\(.*\)$/, '').toLowerCase();
      return info.field ? say('failure.cameraErrorField', { words, field: info.field, code: info.code }) : say('failure.cameraError', { words, code: info.code });
    }
    case 'unexpectedAnswer':
      return info.status ? say('failure.unexpectedAnswerStatus', { camera, status: info.status }) : say('failure.unexpectedAnswer', { camera });
    case 'networkFailed':
      return info.cause ? say('failure.networkFailedCode', { camera, cause: info.cause }) : say('failure.networkFailed', { camera });
    default:
      return say(`failure.${reason}`, { camera });
  }
  switch (info.kind) {
    case 'version':
      return doing ? say('failure.versionFor', { doing }) : say('failure.version');
    case 'validation':
      return info.field ? say('failure.invalidField', { field: info.field }) : say('failure.invalidInput');
    case 'configuration':
      return say('failure.configuration');
    default:
      return info.field ? `${info.kind}: ${info.field}` : info.kind;
  }
}

/**
 * The camera's two catch-all codes in words: 1200 (a named area, group or preset
 * that is not there, a limit reached, a name in use) and 1202 (a method this
 * model lacks: the guard tour on a fixed camera). The code stays in brackets.
 */
function vapixWords(info: NodeErrorInfo, method: MethodName | undefined, say: (key: string, values?: Record<string, unknown>) => string): string | undefined {
  const said = info.said ?? '';
  const code = info.code;
  if (code === 1202) {
    if (method === 'getTgtConfiguration' || method === 'setTgtConfiguration') return say('failure.noGuardTour', { code });
    return method ? say('failure.cannotDoFor', { doing: say(`doing.${method}`), code }) : say('failure.cannotDo', { code });
  }
  if (code !== 1200) return undefined;
  if (/preset/i.test(said) && /not exist|not found/i.test(said)) {
    return info.subject?.startsWith('preset') ? say('failure.noSuch', { subject: info.subject, code }) : say('failure.noSuchPreset', { code });
  }
  if (/maximum|limit|reached/i.test(said)) return say(/group/i.test(said) ? 'failure.groupLimit' : 'failure.areaLimit', { code });
  if (/not unique|in use/i.test(said)) return say('failure.nameInUse', { code });
  const named = /\b(area|group) (\d+)\b.*(not be found|not found|not exist)/i.exec(said);
  if (named) return say('failure.noSuch', { subject: `${named[1].toLowerCase()} ${named[2]}`, code });
  if (info.subject && !info.subject.startsWith('preset')) return say('failure.noSuch', { subject: info.subject, code });
  return undefined;
}

/** What to do about it, after the plain reason in an error message. */
function advice(info: NodeErrorInfo): string | undefined {
  switch (info.kind) {
    case 'credentials':
      return 'open the camera configuration node and enter them (Node-RED never exports them with a flow)';
    case 'authentication':
      return 'check the user name and password in the camera configuration node';
    case 'authorization':
      return 'enter a user of that level in the camera configuration node, or raise this user\'s level on the camera';
    default:
      return undefined;
  }
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

/** A refusal for the user's level, with the level the camera told (usergroup.cgi); anything else as it is. */
export function withUserLevel(err: unknown, level: string | undefined): unknown {
  if (!level || !err || typeof err !== 'object' || (err as ErrorFields).kind !== 'authorization') return err;
  const e = err as ErrorFields;
  return { kind: e.kind, message: e.message, code: e.code, status: e.status, method: e.method, camera: e.camera, reason: e.reason, userLevel: level };
}

/** Wrap whatever was thrown (client error, node input error, anything) for done(err). */
export function toNodeError(err: unknown, method?: string): ThermometryNodeError {
  const e = (err && typeof err === 'object' ? err : { message: String(err) }) as ErrorFields;
  const info: NodeErrorInfo = { kind: typeof e.kind === 'string' ? e.kind : 'internal' };
  if (typeof e.reason === 'string') info.reason = e.reason;
  // The camera asked for credentials and the client had none to give.
  if (info.reason === 'noCredentials') info.kind = 'credentials';
  if (typeof e.code === 'number') info.code = e.code;
  if (typeof e.status === 'number') info.status = e.status;
  if (typeof e.field === 'string') info.field = e.field;
  if (typeof e.camera === 'string') info.camera = e.camera;
  if (typeof e.causeCode === 'string') info.cause = e.causeCode;
  if (typeof e.userLevel === 'string') info.userLevel = e.userLevel;
  if (typeof e.subject === 'string') info.subject = e.subject;
  if (typeof e.said === 'string') info.said = e.said;
  const m = method ?? (typeof e.method === 'string' ? e.method : undefined);
  if (m) info.method = m;
  let message = typeof e.message === 'string' && e.message ? e.message : safeString(err);
  // Credentials and levels in plain words first; the client's details (which user, which HTTP status) after.
  const todo = advice(info);
  if (todo) message = `${plainReason(info)}; ${todo} (${message.startsWith(`${m}: `) ? message.slice(m!.length + 2) : message})`;
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

/** The plain reason, short enough for the red status ring. */
export function shortReason(err: ThermometryNodeError, RED?: NodeAPI): string {
  const text = plainReason(err.info, RED);
  return text.length > 72 ? `${text.slice(0, 71)}…` : text;
}
