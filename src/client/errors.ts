/**
 * The one error type of the client. Messages name the camera (host:port), the
 * method and what to check; they never hold a password, a hash input or an
 * Authorization header, and neither does anything JSON.stringify finds on
 * the error (no raw axios error is ever attached: its config carries headers).
 */
import { describeErrorCode } from '../api/errors';
import type { FailureReason } from './failure';

export type ThermometryErrorKind = 'vapix' | 'authentication' | 'authorization' | 'network' | 'timeout' | 'validation' | 'version' | 'protocol';

export interface ThermometryErrorDetails {
  code?: number;
  status?: number;
  method?: string;
  field?: string;
  /** host:port of the camera, when known. */
  camera?: string;
  /** Low-level cause code (ECONNREFUSED, CERT_HAS_EXPIRED, ...), never an object. */
  cause?: string;
  /** What kind of failure it was (./failure.ts decides), for the words the user reads. */
  reason?: FailureReason;
  /** What the call named, in words ("area 2", "group 1", "preset 3"): a refusal may be about it. */
  subject?: string;
  /** The camera's own words for a VAPIX error ("Area 2 could not be found"). */
  said?: string;
  /** A write went out and its reply did not come back whole: the camera may have run it. */
  mayHaveApplied?: boolean;
}

export class ThermometryError extends Error {
  readonly kind: ThermometryErrorKind;
  /** VAPIX error code (2104, 1200, ...) when the camera gave one. */
  readonly code?: number;
  /** HTTP status of the reply, when there was one. */
  readonly status?: number;
  /** VAPIX method the call was for. */
  readonly method?: string;
  /** Parameter at fault (validation). */
  readonly field?: string;
  /** host:port of the camera. */
  readonly camera?: string;
  /** Low-level error code (ECONNREFUSED, ETIMEDOUT, a TLS code...). */
  readonly causeCode?: string;
  /** What kind of failure it was: refused, noSuchHost, timedOut, tlsExpired, wrongPassword, userLevel, cameraError... */
  readonly reason?: FailureReason;
  /** What the call named, in words ("area 2"). */
  readonly subject?: string;
  /** The camera's own words for a VAPIX error. */
  readonly said?: string;
  /** True when a write went out and its reply was lost: the camera may have run it (never sent again). */
  readonly mayHaveApplied?: boolean;

  constructor(kind: ThermometryErrorKind, message: string, details: ThermometryErrorDetails = {}) {
    super(message);
    this.name = 'ThermometryError';
    this.kind = kind;
    if (details.code !== undefined) this.code = details.code;
    if (details.status !== undefined) this.status = details.status;
    if (details.method !== undefined) this.method = details.method;
    if (details.field !== undefined) this.field = details.field;
    if (details.camera !== undefined) this.camera = details.camera;
    if (details.cause !== undefined) this.causeCode = details.cause;
    if (details.reason !== undefined) this.reason = details.reason;
    if (details.subject !== undefined) this.subject = details.subject;
    if (details.said !== undefined) this.said = details.said;
    if (details.mayHaveApplied) this.mayHaveApplied = true;
  }

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, kind: this.kind, message: this.message };
    for (const key of ['code', 'status', 'method', 'field', 'camera', 'causeCode', 'reason', 'subject', 'said', 'mayHaveApplied'] as const) {
      if (this[key] !== undefined) out[key] = this[key];
    }
    return out;
  }
}

/** What to check for a VAPIX error code, in words. */
export function vapixHint(code: number): string {
  if (code === 2100 || code === 3000) return 'check the apiVersion (leave it on "auto" to negotiate)';
  if (code === 2101 || code === 2106 || code === 2107 || code === 2108) return 'the request was malformed; this is a client bug, please report it';
  if (code === 2102) return 'the camera does not know this method; check the camera firmware and the API version';
  if (code === 2103 || code === 2104 || code === 2105 || code === 1000) return 'check the parameters against the camera capabilities';
  if (code === 1200) return 'check limits (areas, groups), name uniqueness, and that the preset, area or group exists';
  if (code === 1202) return 'the camera does not support this method (guard tour needs a PTZ camera)';
  if (code === 2109) return 'check that the user has the level this method needs';
  if (code === 2110) return 'check the username and password';
  if (code >= 1100 && code < 1200) return 'a fault inside the camera; check its server log or restart it';
  return 'check the camera log';
}

export function describeCode(code: number): string {
  return describeErrorCode(code) ?? 'Unknown error';
}
