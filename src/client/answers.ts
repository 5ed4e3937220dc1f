/**
 * What a camera's answer means: the JSON envelope of a thermometry.cgi reply,
 * or the error it stands for (401 and 403, a VAPIX error code, another status,
 * a body that is not JSON), each with its failure reason (./failure.ts).
 */
import { METHODS, isMethodName } from '../api/methods';
import type { RpcResponse } from '../api/types';
import { ThermometryError, describeCode, vapixHint } from './errors';
import { parseBoundedJson } from './json';
import type { HttpReply } from './transport';

/** Who asked, as the errors name them (read when the answer is read). */
export interface Asker {
  /** host:port of the camera. */
  camera: string;
  username: string | undefined;
  /** The scheme the camera asked for ('digest', 'basic'), once known. */
  authScheme: string | undefined;
}

/** A reply's JSON, nested no deeper than a reply is (parseBoundedJson): deeper text counts as not JSON. */
export function parseJson(text: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof text !== 'string') return { ok: false };
  return parseBoundedJson(text);
}

/** The same network error, told for `method` ("listAreas: cannot connect ..."). */
export function withMethod(err: unknown, method: string): unknown {
  if (!(err instanceof ThermometryError) || (err.kind !== 'network' && err.kind !== 'timeout' && err.kind !== 'authentication')) return err;
  const bare = err.method ? err.message.slice(err.method.length + 2) : err.message;
  return new ThermometryError(err.kind, `${method}: ${bare}`, {
    method,
    code: err.code,
    status: err.status,
    camera: err.camera,
    cause: err.causeCode,
    reason: err.reason,
    mayHaveApplied: err.mayHaveApplied,
  });
}

/** Turn a thermometry.cgi reply into its JSON envelope, or throw the error it means. */
export function readAnswer(reply: HttpReply, method: string, asker: Asker, subject?: string): RpcResponse {
  const { status } = reply;
  const parsed = parseJson(reply.data);
  const envelope = parsed.ok && typeof parsed.value === 'object' && parsed.value !== null ? (parsed.value as RpcResponse) : undefined;
  // The 1.3 page's syntax quotes the code ("<integer error code>"): a numeric string counts too.
  const rawCode: unknown = envelope?.error?.code;
  const vapixCode = typeof rawCode === 'number' ? rawCode : typeof rawCode === 'string' && /^\d+$/.test(rawCode.trim()) ? Number(rawCode) : undefined;
  if (status === 401) throw authenticationError(reply, method, vapixCode, asker);
  if (status === 403) {
    const level = isMethodName(method) ? ` ${method} needs the ${METHODS[method].level} level;` : '';
    throw new ThermometryError(
      'authorization',
      `${method}: user "${asker.username ?? '(none)'}" is not allowed to call it on camera ${asker.camera} (HTTP 403);${level} check the user's level on the camera`,
      { method, status, code: vapixCode, camera: asker.camera, reason: 'userLevel' },
    );
  }
  if (envelope?.error !== undefined && envelope.error !== null) {
    const code = vapixCode ?? Number(envelope.error.code);
    const message = typeof envelope.error.message === 'string' && envelope.error.message ? envelope.error.message.slice(0, 200) : undefined;
    const said = message ? ` ("${message}")` : '';
    const codeWords = Number.isFinite(code) ? `error ${code} ${describeCode(code)}` : 'an error';
    // API 1.3: an area name another area has (2104 "The specified name is already in use."): the field at fault is the name.
    const nameInUse = code === 2104 && (method === 'addArea' || method === 'updateArea') && /name.*in use/i.test(String(envelope.error.message ?? ''));
    const hint = nameInUse ? 'give the area a name no other area on the camera has' : Number.isFinite(code) ? vapixHint(code) : 'check the camera log';
    throw new ThermometryError('vapix', `${method} failed on camera ${asker.camera}: ${codeWords}${said}; ${hint}`, {
      method,
      status,
      code: Number.isFinite(code) ? code : undefined,
      camera: asker.camera,
      field: nameInUse ? 'name' : undefined,
      reason: 'cameraError',
      ...(subject ? { subject } : {}),
      ...(message ? { said: message } : {}),
    });
  }
  if (status >= 300 && status < 400) {
    const location = reply.headers.location ? ` to ${reply.headers.location}` : '';
    throw new ThermometryError(
      'protocol',
      `${method}: camera ${asker.camera} answered HTTP ${status} (a redirect${location}), which is not followed; check the protocol (http or https) and the port`,
      { method, status, camera: asker.camera, reason: 'unexpectedAnswer' },
    );
  }
  if (status !== 200) {
    const hint =
      status === 404
        ? 'check that the camera has the thermometry API (axis-cgi/thermometry.cgi) and the port'
        : status >= 500
          ? 'the camera failed; check its log or restart it'
          : 'check the camera and the request';
    throw new ThermometryError('protocol', `${method}: camera ${asker.camera} answered HTTP ${status} without a VAPIX error; ${hint}`, {
      method,
      status,
      camera: asker.camera,
      reason: status === 404 ? 'noThermometryApi' : 'unexpectedAnswer',
    });
  }
  if (!envelope) {
    throw new ThermometryError(
      'protocol',
      `${method}: camera ${asker.camera} answered HTTP 200 with a body that is not a JSON object; check that it is an Axis thermometric camera`,
      { method, status, camera: asker.camera, reason: 'unexpectedAnswer' },
    );
  }
  return envelope;
}

/** A 401: no credentials given, a sign-in this client cannot answer, or credentials refused. */
export function authenticationError(reply: HttpReply, method: string, code: number | undefined, asker: Asker): ThermometryError {
  const details = { method, status: 401, code, camera: asker.camera };
  const user = asker.username;
  if (!user) {
    return new ThermometryError(
      'authentication',
      `${method}: camera ${asker.camera} asks for a username and password (HTTP 401); set them in the camera settings`,
      { ...details, reason: 'noCredentials' },
    );
  }
  const scheme = asker.authScheme;
  if (!scheme) {
    const offered = (reply.headers['www-authenticate'] ?? '').split(/[\s,]/)[0] || 'none';
    return new ThermometryError(
      'authentication',
      `${method}: camera ${asker.camera} asks for an authentication this client cannot answer (offered: ${offered}); check the camera's authentication policy (Digest or Basic)`,
      { ...details, reason: 'authUnsupported' },
    );
  }
  return new ThermometryError(
    'authentication',
    `${method}: camera ${asker.camera} refused the credentials of user "${user}" (HTTP 401); check the username and password`,
    { ...details, reason: 'wrongPassword' },
  );
}

/**
 * What a call names, in words, for a refusal that may be about it ("no area 2 on
 * the camera"): the area or group it changes or removes, else the preset it asks for.
 */
export function subjectOf(method: string, params: unknown): string | undefined {
  if (!params || typeof params !== 'object') return undefined;
  const p = params as Record<string, unknown>;
  const ids = (v: unknown) => (Array.isArray(v) ? v.filter((x) => Number.isInteger(x)).join(', ') : Number.isInteger(v) ? String(v) : '');
  if (method === 'removeAreas' && ids(p.areas)) return `${Array.isArray(p.areas) && p.areas.length > 1 ? 'areas' : 'area'} ${ids(p.areas)}`;
  if (method === 'updateArea' && ids(p.id)) return `area ${ids(p.id)}`;
  if ((method === 'updateGroup' || method === 'removeGroup') && ids(p.id) && p.id !== 0) return `group ${ids(p.id)}`;
  if (ids(p.presetNbr) && Number(p.presetNbr) > 0) return `preset ${ids(p.presetNbr)}`;
  return undefined;
}
