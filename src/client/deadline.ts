/** One deadline per call: connect, headers, the whole body, a resend and a Digest retry within it. */

/** The error a call's deadline ends it with (networkError words it as a timeout). */
export function deadlineError(): Error {
  return Object.assign(new Error('deadline of the call exceeded'), { code: 'ETIMEDOUT' });
}

/**
 * One call's deadline: a timer that aborts what is under way (the socket is
 * destroyed, whatever it is receiving), and the time left for each send.
 */
export class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly end: number;

  constructor(ms: number) {
    this.end = Date.now() + ms;
    this.timer = setTimeout(() => this.controller.abort(deadlineError()), ms);
    // A call under way keeps the process alive by its socket, not by this timer.
    this.timer.unref?.();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get expired(): boolean {
    return this.controller.signal.aborted;
  }

  /** ms left (at least 1: axios reads 0 as "no timeout"). */
  remaining(): number {
    return Math.max(1, this.end - Date.now());
  }

  /** `work`, or the error of `onExpiry` if the deadline comes first. */
  race<T>(work: Promise<T>, onExpiry: () => Error): Promise<T> {
    if (this.expired) return Promise.reject(onExpiry());
    return new Promise<T>((resolve, reject) => {
      const abort = () => reject(onExpiry());
      this.signal.addEventListener('abort', abort, { once: true });
      work.then(
        (v) => {
          this.signal.removeEventListener('abort', abort);
          resolve(v);
        },
        (e: unknown) => {
          this.signal.removeEventListener('abort', abort);
          reject(e);
        },
      );
    });
  }

  clear(): void {
    clearTimeout(this.timer);
  }
}
