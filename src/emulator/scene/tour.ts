/**
 * The thermometric guard tour of a PTZ camera: it moves between presets,
 * dwelling on each. With pauseOnAlarm it stays on a preset while an alarm is
 * active there; with autoResume it goes on by itself once the alarm clears,
 * otherwise it waits until it is resumed (the control endpoint's
 * {action:'tour', run:true}). autoResume only counts with pauseOnAlarm.
 */
export interface TourCamera {
  readonly isPtz: boolean;
  readonly presets: readonly { nbr: number }[];
  currentPreset: number | null;
  tgt: { pauseOnAlarm: boolean; autoResume: boolean };
  setCurrentPreset(nbr: number | null): void;
}

export interface TourOptions {
  /** Seconds on each preset. Default 10. */
  dwell?: number;
  /** Seconds between presets (the head is on no preset then). Default 1. */
  transit?: number;
  /** Presets in tour order; default every preset of the camera. */
  presets?: number[];
}

export type TourState = 'stopped' | 'dwelling' | 'moving' | 'paused' | 'waiting-for-resume';

export class GuardTour {
  dwell: number;
  transit: number;
  private order: number[] | undefined;
  private running = false;
  private paused = false;
  private waiting = false;
  private since = 0;
  private target: number | null = null;

  constructor(
    private readonly camera: TourCamera,
    options: TourOptions = {},
  ) {
    this.dwell = options.dwell ?? 10;
    this.transit = options.transit ?? 1;
    this.order = options.presets;
  }

  get state(): TourState {
    if (!this.running) return 'stopped';
    if (this.waiting) return 'waiting-for-resume';
    if (this.paused) return 'paused';
    return this.target !== null ? 'moving' : 'dwelling';
  }

  /** The tour's presets that the camera has: moving to one it lacks throws, in a timer, and would end the process. */
  private presets(): number[] {
    const existing = this.camera.presets.map((p) => p.nbr);
    return this.order ? this.order.filter((nbr) => existing.includes(nbr)) : existing;
  }

  /** Starts or resumes the tour (also the manual resume after a pause without autoResume). */
  run(now: number): void {
    if (!this.camera.isPtz) throw new Error('A fixed camera has no guard tour');
    this.running = true;
    this.paused = false;
    this.waiting = false;
    this.since = now;
  }

  stop(): void {
    this.running = false;
    this.paused = false;
    this.waiting = false;
    this.target = null;
  }

  /** One frame. alarmOnPreset tells whether an alarm is active on the preset the head stands on. */
  update(now: number, alarmOnPreset: boolean): void {
    if (!this.running) return;
    const cam = this.camera;
    if (this.target !== null) {
      if (now - this.since >= this.transit - 1e-9) {
        cam.setCurrentPreset(this.target);
        this.target = null;
        this.since = now;
      }
      return;
    }
    const { pauseOnAlarm, autoResume } = cam.tgt;
    if (this.paused && !pauseOnAlarm) {
      // pauseOnAlarm switched off during a pause: nothing holds the tour any more.
      this.paused = false;
      this.since = now;
    }
    if (this.paused || this.waiting) {
      if (alarmOnPreset) return;
      if (this.paused && pauseOnAlarm && autoResume) {
        this.paused = false;
        this.since = now; // a full dwell after the alarm clears
      } else {
        // Without autoResume the tour stays until resumed by hand.
        this.paused = false;
        this.waiting = true;
      }
      return;
    }
    if (pauseOnAlarm && alarmOnPreset && cam.currentPreset !== null) {
      this.paused = true;
      return;
    }
    if (now - this.since < this.dwell - 1e-9) return;
    const list = this.presets();
    if (list.length === 0) return;
    const at = cam.currentPreset === null ? -1 : list.indexOf(cam.currentPreset);
    const next = list[(at + 1) % list.length];
    this.since = now;
    if (this.transit > 0) {
      this.target = next;
      cam.setCurrentPreset(null);
    } else {
      cam.setCurrentPreset(next);
    }
  }
}
