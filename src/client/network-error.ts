/**
 * A failed exchange in words: the reason ./failure.ts decides from the error's
 * code, and a message naming host:port and what to check. Built from the
 * cause's code only: raw axios errors (whose config carries the Authorization
 * header) are never kept.
 */
import { ThermometryError } from './errors';
import { errorCode, isTlsReason, reasonOfCode } from './failure';
import { MAX_REPLY_BYTES, TOO_LARGE } from './http-wire';

/** The camera a failure is told for. */
export interface Where {
  /** host:port */
  camera: string;
  host: string;
  protocol: 'http' | 'https';
  /** ms of the call's deadline. */
  timeout: number;
}

const TLS_HINT = "give the camera's CA certificate (tls.ca) or, for a camera with its own self-signed certificate, allow it (tls.allowSelfSigned)";
/** What the camera's certificate is, by its verification code (the reason says which kind it is). */
const TLS_CODES: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'presented a self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'presented a certificate chain with a self-signed root that is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'presented a certificate no trusted CA signed',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'presented a certificate whose issuer is not trusted',
  UNABLE_TO_GET_ISSUER_CERT: 'presented a certificate whose issuer is not trusted',
  CERT_UNTRUSTED: 'presented an untrusted certificate',
  CERT_HAS_EXPIRED: 'presented an expired certificate',
  CERT_NOT_YET_VALID: 'presented a certificate that is not yet valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'presented a certificate issued for another host name',
  CERT_SIGNATURE_FAILURE: 'presented a certificate with a bad signature',
};

/**
 * A readable error for a failed exchange, built from the cause's code only.
 * `mayHaveApplied`: a request that changes the camera was written and its
 * reply did not come; the message says so, so that a flow checks before
 * sending it again.
 */
export function networkError(err: unknown, where: Where, mayHaveApplied = false): ThermometryError {
  const e = err as { message?: string; [TOO_LARGE]?: boolean };
  const code = errorCode(err) ?? '';
  const reason = reasonOfCode(code);
  const { camera, host, protocol, timeout } = where;
  const details = { camera, cause: code || undefined, reason };
  // Only where the words say so: a connection refused, a name that does not resolve, TLS refused, never got the request.
  const sent = { ...details, mayHaveApplied };
  const applied = mayHaveApplied
    ? "; the camera may have applied the request before the connection failed: read the camera's state (list) before sending it again"
    : '';
  // axios's own adapter says a reply was too large only in its message (our wire marks it).
  if (e[TOO_LARGE] || /maxContentLength/.test(e.message ?? '')) {
    return new ThermometryError(
      'protocol',
      `camera ${camera} sent a reply larger than ${MAX_REPLY_BYTES / (1024 * 1024)} MB, far more than any answer of a camera; the reply was dropped: check that the host and port are the camera's`,
      { ...details, cause: 'ERR_REPLY_TOO_LARGE', reason: 'replyTooLarge' },
    );
  }
  switch (reason) {
    case 'timedOut':
      return new ThermometryError(
        'timeout',
        `camera ${camera} did not answer within ${timeout} ms: check that it is on and reachable, or raise the timeout${applied}`,
        { ...sent, cause: code || 'ETIMEDOUT' },
      );
    case 'refused':
      return new ThermometryError(
        'network',
        `cannot connect to camera ${camera}: connection refused; check the host, the port and the protocol (${protocol})`,
        details,
      );
    case 'noSuchHost':
      return new ThermometryError(
        'network',
        `cannot find camera host "${host}" (${camera}): the name does not resolve (${code}); check the host name or use the IP address`,
        details,
      );
    case 'unreachable':
      return new ThermometryError('network', `camera ${camera} is unreachable (${code}): check the network, the IP address and the cabling`, details);
    case 'connectionLost':
      if (mayHaveApplied) {
        return new ThermometryError('network', `camera ${camera} closed the connection before a complete reply (${code})${applied}`, sent);
      }
      return new ThermometryError('network', `camera ${camera} closed the connection (${code}): check the protocol (http or https) and the port`, details);
    case 'cancelled':
      return new ThermometryError('network', `request to camera ${camera} was cancelled`, details);
    default:
      if (reason === 'tlsFailed') {
        return new ThermometryError(
          'network',
          `TLS with camera ${camera} failed (${code}): check that the port serves ${protocol} and the certificate settings`,
          details,
        );
      }
      if (isTlsReason(reason)) return new ThermometryError('network', `camera ${camera} ${TLS_CODES[code]} (${code}): ${TLS_HINT}`, details);
      // Only the code and a scrubbed message: never the axios error itself.
      return new ThermometryError(
        'network',
        `request to camera ${camera} failed (${code || 'unknown error'}): check the host, port and protocol${applied}`,
        sent,
      );
  }
}
