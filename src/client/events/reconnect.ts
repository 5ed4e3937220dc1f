/**
 * Reconnection policy: what a failure means for the user (fatal: something to
 * fix, shown red; or transient: a drop that heals), and how long to wait before
 * the next attempt (exponential backoff with jitter, so a site full of nodes
 * does not reconnect in step after a camera restarts).
 */

export interface Failure {
  reason: string;
  /** Cannot connect for a reason the user must fix (red), as opposed to a transient drop. */
  fatal: boolean;
  status?: number;
}

/** Why a request or a socket failed, in words for the status ring; never contains credentials. */
export function describeFailure(err: any, host: string): Failure {
  const status: number | undefined = err?.status ?? err?.response?.status ?? err?.statusCode;
  const code: string | undefined = typeof err?.causeCode === 'string' ? err.causeCode : typeof err?.code === 'string' ? err.code : err?.cause?.code;
  const kind: string | undefined = err?.kind;
  if (kind === 'authentication' || status === 401) return { reason: 'wrong user name or password', fatal: true, status: 401 };
  if (kind === 'authorization' || status === 403) return { reason: 'user not allowed (access level too low)', fatal: true, status: 403 };
  const text = `${code ?? ''} ${err?.message ?? ''}`;
  if (/ENOTFOUND|EAI_AGAIN|getaddrinfo/.test(text)) return { reason: `no such host: ${host}`, fatal: true };
  if (/CERT|self[- ]signed|certificate/i.test(text)) return { reason: 'TLS certificate not trusted', fatal: true };
  if (/ECONNREFUSED/.test(text)) return { reason: 'connection refused', fatal: false };
  if (/ETIMEDOUT|timeout|EHOSTUNREACH|ENETUNREACH/i.test(text)) return { reason: 'camera not reachable', fatal: false };
  if (/ECONNRESET|socket hang up|EPIPE/.test(text)) return { reason: 'connection lost', fatal: false };
  if (status) return { reason: `camera answered HTTP ${status}`, fatal: false, status };
  return { reason: (err?.message ? String(err.message) : 'connection failed').slice(0, 120), fatal: false };
}

export interface BackoffOptions {
  /** Backoff: first delay 1000 ms, doubling, at most 30000 ms, +-20 % jitter. */
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  jitter?: number;
  /** Source of the jitter (default Math.random); tests pin it. */
  random?: () => number;
}

/** Counts the attempts since the last good connection and spaces them out. */
export class Backoff {
  /** Attempts since the last good connection (0: none). */
  attempt = 0;

  constructor(private readonly options: BackoffOptions) {}

  /** The next attempt: its number and how long to wait for it. */
  next(): { attempt: number; delayMs: number } {
    this.attempt += 1;
    return { attempt: this.attempt, delayMs: this.delay(this.attempt) };
  }

  /** A good connection: the next failure starts again from the first delay. */
  reset(): void {
    this.attempt = 0;
  }

  private delay(attempt: number): number {
    const initial = this.options.backoffInitialMs ?? 1000;
    const max = this.options.backoffMaxMs ?? 30000;
    const jitter = this.options.jitter ?? 0.2;
    const base = Math.min(max, initial * 2 ** Math.max(0, attempt - 1));
    const random = this.options.random ? this.options.random() : Math.random();
    return Math.round(Math.min(max, base * (1 - jitter + 2 * jitter * random)));
  }
}
