/**
 * Scene time, in seconds since the scene started. Everything time-dependent
 * in the scene (source drift, ramps, alarm delays, the 30 s information
 * event, the guard tour) reads this clock, never the wall clock, so a test
 * that steps it gets the same result on every run.
 */
export type ClockMode = 'realtime' | 'stepped';

export class SceneClock {
  private seconds = 0;
  constructor(readonly mode: ClockMode = 'realtime') {}

  /** Scene time in seconds. */
  now(): number {
    return this.seconds;
  }

  /** Moves scene time forward (the frame loop calls this, once per frame). */
  advance(seconds: number): void {
    if (!(seconds >= 0)) throw new RangeError('the clock only moves forward');
    this.seconds += seconds;
  }
}

/**
 * Drives frames from the wall clock in realtime mode. Uses Date.now() and
 * setInterval so sinon's fake timers can drive it too. Catch-up after a
 * stall is bounded so a suspended process does not replay minutes of frames.
 */
export class RealtimeTicker {
  private timer: NodeJS.Timeout | undefined;
  private last = 0;
  constructor(
    private readonly frameRate: number,
    private readonly onFrames: (elapsedSeconds: number) => void,
    private readonly maxCatchUpSeconds = 2,
  ) {}

  start(): void {
    if (this.timer) return;
    this.last = Date.now();
    this.timer = setInterval(
      () => {
        const now = Date.now();
        const elapsed = Math.min((now - this.last) / 1000, this.maxCatchUpSeconds);
        this.last = now;
        if (elapsed > 0) this.onFrames(elapsed);
      },
      Math.max(1, Math.round(1000 / this.frameRate)),
    );
    // A running emulator keeps the process alive through its server, not through this timer.
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  get running(): boolean {
    return this.timer !== undefined;
  }
}
