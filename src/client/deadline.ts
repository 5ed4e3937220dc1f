/** One deadline per call: connect, headers, the whole body, a resend and a Digest retry within it. */

/** The error a call's deadline ends it with (networkError words it as a timeout). */
export function deadlineError(): Error {
  return Object.assign(new Error('deadline of the call exceeded'), { code: 'ETIMEDOUT' });
}

const nothing = () => {};

/**
 * One call's deadline: a timer that ends what is under way (the connection is
 * destroyed, whatever it is receiving), and the time left for each send.
 * Plain callbacks, not an AbortSignal: a signal and its listeners cost more
 * than the rest of a poll's bookkeeping; one is made only for axios's adapter.
 */
export class Deadline {
  private readonly timer: NodeJS.Timeout;
  private readonly end: number;
  private listeners: (() => void)[] = [];
  private done = false;
  private controller: AbortController | undefined;

  constructor(ms: number) {
    this.end = Date.now() + ms;
    this.timer = setTimeout(() => this.expire(), ms);
    // A call under way keeps the process alive by its socket, not by this timer.
    this.timer.unref?.();
  }

  private expire(): void {
    this.done = true;
    const listeners = this.listeners;
    this.listeners = [];
    for (const listener of listeners) listener();
    this.controller?.abort(deadlineError());
  }

  /** An AbortSignal aborted at the deadline (for axios's own adapter). */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.done) this.controller.abort(deadlineError());
    }
    return this.controller.signal;
  }

  get expired(): boolean {
    return this.done;
  }

  /** Calls `listener` at the deadline (at once if it has passed); the function returned forgets it. */
  onExpire(listener: () => void): () => void {
    if (this.done) {
      listener();
      return nothing;
    }
    this.listeners.push(listener);
    return () => {
      const at = this.listeners.indexOf(listener);
      if (at >= 0) this.listeners.splice(at, 1);
    };
  }

  /** ms left (at least 1: axios reads 0 as "no timeout"). */
  remaining(): number {
    return Math.max(1, this.end - Date.now());
  }

  /** `work`, or the error of `onExpiry` if the deadline comes first. */
  race<T>(work: Promise<T>, onExpiry: () => Error): Promise<T> {
    if (this.expired) return Promise.reject(onExpiry());
    return new Promise<T>((resolve, reject) => {
      const forget = this.onExpire(() => reject(onExpiry()));
      work.then(
        (v) => {
          forget();
          resolve(v);
        },
        (e: unknown) => {
          forget();
          reject(e);
        },
      );
    });
  }

  clear(): void {
    clearTimeout(this.timer);
    this.listeners = [];
  }
}
