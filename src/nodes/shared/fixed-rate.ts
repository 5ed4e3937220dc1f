/**
 * A timer on a fixed rate: ticks at start + offset + k * interval, whatever a
 * tick's call takes, and a tick whose previous call is still running is
 * skipped (a slow camera is never asked twice at once, and the rate the user
 * set is kept: a timer re-armed after each reply stretches the cadence by the
 * reply time). Many cameras' timers are spread over the interval by their offsets.
 */
export class FixedRate {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = false;
  private due = 0;
  /** Ticks skipped because the previous call was still running. */
  skipped = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly tick: () => Promise<unknown>,
    private readonly offsetMs = 0,
  ) {}

  start(): void {
    this.due = Date.now() + this.offsetMs;
    // The offset as given (not due - now, which a millisecond passing in between would shorten).
    this.timer = setTimeout(() => this.fire(), this.offsetMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** `longest`: the wait never exceeds a step of the grid (a wall clock set back, or faked apart from the timers, must not stretch it). */
  private arm(longest: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => this.fire(), Math.min(longest, Math.max(0, this.due - Date.now())));
  }

  private fire(): void {
    this.timer = undefined;
    if (this.stopped) return;
    const now = Date.now();
    // The next tick on the grid; a wake-up that came late (a busy loop, a suspended machine) does not fire the missed ones.
    this.due += this.intervalMs;
    if (this.due <= now) this.due += Math.ceil((now - this.due + 1) / this.intervalMs) * this.intervalMs;
    if (this.running) {
      this.skipped++;
    } else {
      this.running = true;
      let call: Promise<unknown>;
      try {
        call = this.tick();
      } catch (err) {
        call = Promise.reject(err);
      }
      call.then(
        () => { this.running = false; },
        () => { this.running = false; },
      );
    }
    this.arm(this.intervalMs);
  }
}
