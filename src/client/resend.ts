/**
 * When a request may be sent again: a request goes out a second time only when
 * it cannot have reached the camera (a kept-alive socket the camera had closed,
 * found dead before any byte was written), or when it changes nothing (a read
 * whose reply was lost on a kept-alive socket), and then once.
 */
import { errorCode, reasonOfCode } from './failure';
import { UNSENT } from './http-wire';

/** What a failed exchange may have done on the camera. */
export interface ExchangeOutcome {
  /** Sent on a socket kept alive from an earlier request. */
  reused: boolean;
  /** No byte of the request reached the camera: it cannot have run it. */
  unsent: boolean;
  /** The connection closed before a whole reply came (reset, hang-up, reply cut short). */
  lost: boolean;
}

/** Whether a failed exchange may have reached the camera, and on which socket. */
export function exchangeOutcome(err: unknown): ExchangeOutcome {
  const e = err as { request?: { reusedSocket?: boolean }; [UNSENT]?: boolean; code?: string };
  const reused = e.request?.reusedSocket === true;
  // Reset, broken pipe, hang-up, or a reply cut short (node gives them all ECONNRESET or EPIPE).
  const lost = reasonOfCode(errorCode(err)) === 'connectionLost';
  // A write that failed with EPIPE was refused by the socket: the request never reached the camera whole.
  const unsent = reused && (e[UNSENT] === true || e.code === 'EPIPE');
  return { reused, unsent, lost };
}

/**
 * Whether a failed request may go out again (once): never when it could have
 * reached the camera and changes it. A kept-alive socket the camera closed
 * while it idled fails before anything is written; a read whose reply was
 * lost on a kept-alive socket is asked again. A new connection that fails is
 * not retried: that is a wrong port or protocol, or a camera in trouble.
 */
export function resendable(f: ExchangeOutcome, idempotent: boolean): boolean {
  if (!f.reused || !f.lost) return false;
  return f.unsent || idempotent;
}
