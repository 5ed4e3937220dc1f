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
import { METHODS, type MethodName } from '../../api/methods';
import { describeErrorCode } from '../../api/errors';

/** The fields of a ThermometryError, read off whatever was thrown (a NodeInputError has some of them too; userLevel is set by the nodes). */
type ErrorFields = Partial<Pick<ThermometryError, 'message' | 'kind' | 'code' | 'status' | 'method' | 'field' | 'camera' | 'causeCode'>> & { userLevel?: string };

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
}

/** What each method does, as the end of "… needs an administrator" reads it. */
const DOING: Readonly<Record<MethodName, string>> = {
  getSupportedVersions: 'using thermometry',
  getConfigurationCapabilities: 'reading the camera\'s limits',
  setTemperatureScale: 'changing the temperature scale',
  getIsothermLevels: 'reading isotherm levels',
  setIsothermLevels: 'changing isotherm levels',
  addArea: 'adding areas',
  updateArea: 'changing areas',
  removeAreas: 'removing areas',
  listAreas: 'listing areas',
  getAreaStatus: 'reading area temperatures',
  addSpotTemperature: 'setting the spot',
  getSpotTemperature: 'reading the spot',
  removeSpotTemperature: 'removing the spot',
  getTgtConfiguration: 'reading the guard tour',
  setTgtConfiguration: 'changing the guard tour',
  addGroup: 'adding groups',
  updateGroup: 'changing groups',
  removeGroup: 'removing groups',
  listGroups: 'listing groups',
  getGroupStatus: 'reading group status',
};

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`;
}

const TLS_WORDS: Readonly<Record<string, string>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'certificate not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate not trusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate not trusted',
  UNABLE_TO_GET_ISSUER_CERT: 'certificate not trusted',
  CERT_UNTRUSTED: 'certificate not trusted',
  CERT_HAS_EXPIRED: 'certificate expired',
  CERT_NOT_YET_VALID: 'certificate not yet valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate for another host name',
  CERT_SIGNATURE_FAILURE: 'bad certificate signature',
};

/**
 * The failure in plain words: what a status ring shows and what an error
 * message starts with. Never holds a password (only host:port, the user's
 * level and codes).
 */
export function plainReason(info: NodeErrorInfo): string {
  const where = info.camera ?? 'the camera';
  const method = info.method && Object.prototype.hasOwnProperty.call(METHODS, info.method) ? (info.method as MethodName) : undefined;
  switch (info.kind) {
    case 'credentials':
      return 'the camera needs a user name and password';
    case 'authentication':
      return 'wrong user name or password';
    case 'authorization': {
      const needs = method ? `${DOING[method]} needs ${article(METHODS[method].level)}` : 'it needs a higher user level';
      return info.userLevel ? `this user is ${article(info.userLevel)}: ${needs}` : `this user may not: ${needs}`;
    }
    case 'network': {
      const cause = info.cause ?? '';
      if (cause === 'ECONNREFUSED') return `cannot reach ${where} (connection refused)`;
      if (/^(ENOTFOUND|EAI_)/.test(cause)) return `cannot find the host of ${where}`;
      if (cause === 'EHOSTUNREACH' || cause === 'ENETUNREACH' || cause === 'EHOSTDOWN') return `cannot reach ${where} (no route to it)`;
      if (TLS_WORDS[cause]) return `${where}: ${TLS_WORDS[cause]}`;
      if (/^(EPROTO|ERR_SSL|ERR_TLS)/.test(cause)) return `${where}: TLS failed (is it https?)`;
      if (cause === 'ECONNRESET' || cause === 'EPIPE') return `${where} closed the connection`;
      return `cannot reach ${where}${cause ? ` (${cause})` : ''}`;
    }
    case 'timeout':
      return `no answer from ${where} (timed out)`;
    case 'version':
      return method ? `the camera's API is too old for ${DOING[method]}` : 'API version not supported';
    case 'protocol':
      if (info.status === 404) return `${where} has no thermometry API (HTTP 404)`;
      return `unexpected answer from ${where}${info.status ? ` (HTTP ${info.status})` : ''}`;
    case 'vapix': {
      const meaning = info.code !== undefined ? describeErrorCode(info.code) : undefined;
      const words = meaning ? meaning.replace(/\s*\(.*\)$/, '').toLowerCase() : 'camera error';
      return `${words}${info.field ? `: ${info.field}` : ''}${info.code !== undefined ? ` (${info.code})` : ''}`;
    }
    case 'validation':
      return info.field ? `invalid ${info.field}` : 'invalid input';
    case 'configuration':
      return 'camera settings are not valid';
    default:
      return info.field ? `${info.kind}: ${info.field}` : info.kind;
  }
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
  return { kind: e.kind, message: e.message, code: e.code, status: e.status, method: e.method, camera: e.camera, userLevel: level };
}

/** Wrap whatever was thrown (client error, node input error, anything) for done(err). */
export function toNodeError(err: unknown, method?: string): ThermometryNodeError {
  const e = (err && typeof err === 'object' ? err : { message: String(err) }) as ErrorFields;
  const info: NodeErrorInfo = { kind: typeof e.kind === 'string' ? e.kind : 'internal' };
  // The camera asked for credentials and the client had none to give (the client's own wording).
  if (info.kind === 'authentication' && typeof e.message === 'string' && /asks for a username and password/.test(e.message)) info.kind = 'credentials';
  if (typeof e.code === 'number') info.code = e.code;
  if (typeof e.status === 'number') info.status = e.status;
  if (typeof e.field === 'string') info.field = e.field;
  if (typeof e.camera === 'string') info.camera = e.camera;
  if (typeof e.causeCode === 'string') info.cause = e.causeCode;
  if (typeof e.userLevel === 'string') info.userLevel = e.userLevel;
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
export function shortReason(err: ThermometryNodeError): string {
  const text = plainReason(err.info);
  return text.length > 72 ? `${text.slice(0, 71)}…` : text;
}
