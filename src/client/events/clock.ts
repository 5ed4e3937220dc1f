/**
 * Time for the event hub: the real clock, or one a test steps (sinon's fake
 * timers), and the hub's pending timers kept together so stopping it cancels
 * every one of them (no timer outlives a closed stream).
 */

export interface Clock {
  setTimeout(fn: () => void, ms: number): any;
  clearTimeout(handle: any): void;
  now(): number;
}

export class Timers {
  private readonly pending = new Set<any>();

  constructor(private readonly clock: Partial<Clock> = {}) {}

  now(): number {
    return this.clock.now ? this.clock.now() : Date.now();
  }

  /** Runs fn once after ms; the handle is for cancel(). */
  later(fn: () => void, ms: number): any {
    const set = this.clock.setTimeout ?? ((f: () => void, d: number) => globalThis.setTimeout(f, d));
    const handle = set(() => {
      this.pending.delete(handle);
      fn();
    }, ms);
    this.pending.add(handle);
    return handle;
  }

  cancel(handle: any): void {
    if (handle === undefined) return;
    this.pending.delete(handle);
    const clear = this.clock.clearTimeout ?? ((h: any) => globalThis.clearTimeout(h));
    clear(handle);
  }

  cancelAll(): void {
    for (const handle of [...this.pending]) this.cancel(handle);
  }
}
