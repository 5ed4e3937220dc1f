/**
 * What kind of failure happened, decided here once for everything the client
 * asks of a camera (a call, a snapshot, the event socket): from the code node,
 * axios or ws put on the error, or from what the camera answered. Errors carry
 * the decision as `reason` (ThermometryError.reason, an event stream's
 * status.failure); the words for each reason are the nodes' catalogue's
 * (thermometry.failure.*), so nothing downstream reads a message's text.
 */

export const FAILURE_REASONS = [
  // Reaching the camera
  'refused',
  'noSuchHost',
  'unreachable',
  'timedOut',
  'connectionLost',
  'cancelled',
  'clientClosed',
  'networkFailed',
  // TLS
  'tlsSelfSigned',
  'tlsUntrusted',
  'tlsExpired',
  'tlsNotYetValid',
  'tlsWrongName',
  'tlsBadSignature',
  'tlsFailed',
  // Who asks
  'noCredentials',
  'wrongPassword',
  'authUnsupported',
  'userLevel',
  // What the camera answered
  'cameraError',
  'noThermometryApi',
  'unexpectedAnswer',
  'replyTooLarge',
  // The event socket
  'noEventStream',
  'tokenRefused',
  'upgradeRefused',
  'noSubscriptionReply',
  'subscriptionRefused',
  'frameTooLarge',
  'connectionClosed',
] as const;

export type FailureReason = (typeof FAILURE_REASONS)[number];

/** A failure as the event stream reports it (status.failure). Never holds credentials. */
export interface Failure {
  reason: FailureReason;
  /** Something the user must fix (shown red), as opposed to a drop that heals (retried, yellow). */
  fatal: boolean;
  /** HTTP status of the camera's answer, when there was one. */
  status?: number;
  /** VAPIX error code (cameraError). */
  code?: number;
  /** Low-level error code (ECONNREFUSED, CERT_HAS_EXPIRED, ...). */
  cause?: string;
}

/** Node's and axios's error codes, by the reason they mean. */
const CODE_REASONS: Readonly<Record<string, FailureReason>> = {
  ECONNREFUSED: 'refused',
  ENOTFOUND: 'noSuchHost',
  EAI_AGAIN: 'noSuchHost',
  EAI_NONAME: 'noSuchHost',
  EAI_FAIL: 'noSuchHost',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  EHOSTDOWN: 'unreachable',
  ETIMEDOUT: 'timedOut',
  ECONNABORTED: 'timedOut',
  ECONNRESET: 'connectionLost',
  EPIPE: 'connectionLost',
  ERR_CANCELED: 'cancelled',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'tlsSelfSigned',
  SELF_SIGNED_CERT_IN_CHAIN: 'tlsUntrusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'tlsUntrusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'tlsUntrusted',
  UNABLE_TO_GET_ISSUER_CERT: 'tlsUntrusted',
  CERT_UNTRUSTED: 'tlsUntrusted',
  CERT_HAS_EXPIRED: 'tlsExpired',
  CERT_NOT_YET_VALID: 'tlsNotYetValid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'tlsWrongName',
  CERT_SIGNATURE_FAILURE: 'tlsBadSignature',
  // ws: a frame over the socket's maxPayload.
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: 'frameTooLarge',
};

/** The reason a low-level error code means (networkFailed when it names none we know). */
export function reasonOfCode(code: string | undefined): FailureReason {
  if (!code) return 'networkFailed';
  const known = CODE_REASONS[code];
  if (known) return known;
  if (code === 'EPROTO' || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS')) return 'tlsFailed';
  return 'networkFailed';
}

/** Whether a reason is about the certificate or the TLS handshake. */
export function isTlsReason(reason: FailureReason): boolean {
  return reason.startsWith('tls');
}

/** The low-level code on an error from node, axios or ws (its own, or its cause's); never the error itself. */
export function errorCode(err: unknown): string | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  if (typeof e.code === 'string' && e.code) return e.code;
  if (e.cause && typeof e.cause === 'object' && typeof e.cause.code === 'string' && e.cause.code) return e.cause.code;
  return undefined;
}

/** Reasons the user must act on (red); the others heal by themselves and are retried. */
const FATAL: ReadonlySet<FailureReason> = new Set<FailureReason>([
  'noSuchHost',
  'tlsSelfSigned',
  'tlsUntrusted',
  'tlsExpired',
  'tlsNotYetValid',
  'tlsWrongName',
  'tlsBadSignature',
  'noCredentials',
  'wrongPassword',
  'authUnsupported',
  'userLevel',
]);

export function isFatal(reason: FailureReason): boolean {
  return FATAL.has(reason);
}

/**
 * The failure behind anything thrown while talking to a camera: a
 * ThermometryError carries its reason already; a socket's own error (ws, node)
 * is read by its code; an answer with a status and no reason is unexpected.
 */
export function failureOf(err: unknown): Failure {
  const e = (err && typeof err === 'object' ? err : {}) as { reason?: unknown; status?: unknown; code?: unknown; causeCode?: unknown };
  const status = typeof e.status === 'number' ? e.status : undefined;
  const cause = typeof e.causeCode === 'string' ? e.causeCode : errorCode(err);
  let reason: FailureReason;
  if (typeof e.reason === 'string') reason = e.reason as FailureReason;
  else if (status === 401) reason = 'wrongPassword';
  else if (status === 403) reason = 'userLevel';
  else if (status !== undefined) reason = 'unexpectedAnswer';
  else reason = reasonOfCode(cause);
  const failure: Failure = { reason, fatal: isFatal(reason) };
  if (status !== undefined) failure.status = status;
  if (typeof e.code === 'number') failure.code = e.code;
  if (cause) failure.cause = cause;
  return failure;
}
