/**
 * Reconnection policy: how long to wait before the next attempt (exponential
 * backoff with jitter, so a site full of nodes does not reconnect in step after
 * a camera restarts). What a failure was, and whether it is the user's to fix,
 * is ../failure.ts's to say.
 */

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
