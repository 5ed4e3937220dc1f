/**
 * The status node's own settings, each rule written once: the runtime reads
 * them with these functions (thermometry-status.ts) and the editor checks the
 * fields with them (editor.ts, bundled for the browser: nothing Node-only here).
 */

/** Shortest poll interval accepted, in seconds (the camera refreshes its readings about once a second). */
export const MIN_INTERVAL_S = 0.5;
/** Longest, as the editor allows: a flow file may hold more (or Infinity), which setTimeout would turn into 1 ms. */
export const MAX_INTERVAL_S = 86400;

/** The editor's check of the interval field: null, or the reason. */
export function intervalProblem(value: unknown): string | null {
  const n = Number(value);
  if (value === '' || n === 0 || (n >= MIN_INTERVAL_S && n <= MAX_INTERVAL_S)) return null;
  return `interval: 0 (only on input) or ${MIN_INTERVAL_S} to ${MAX_INTERVAL_S} seconds`;
}

/** The poll interval in seconds as the runtime reads it: 0 (or less) polls not at all; never more than the longest. */
export function intervalSeconds(value: unknown): number {
  return Math.min(MAX_INTERVAL_S, Number(value) || 0);
}

/** The time to the next poll, in milliseconds, for an interval above 0. */
export function pollDelayMs(intervalS: number): number {
  return Math.max(MIN_INTERVAL_S, intervalS) * 1000;
}

/** The poll interval in milliseconds as the runtime polls at (fixed rate): 0 = no polling. */
export function pollIntervalMs(value: unknown): number {
  const seconds = intervalSeconds(value);
  return seconds > 0 ? pollDelayMs(seconds) : 0;
}

/** The editor's check of "only changes" step field: null, or the reason. */
export function stepProblem(value: unknown): string | null {
  const n = Number(value);
  return value === '' || (Number.isFinite(n) && n >= 0) ? null : 'step: degrees, 0 or more';
}

/** The step (degrees) a reading must move by to count as a change, as the runtime reads it. */
export function changeStep(value: unknown): number {
  return Math.max(0, Number(value) || 0);
}
