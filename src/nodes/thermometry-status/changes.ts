/**
 * Whether a status reading differs enough from the previous one to be sent:
 * an area or group appeared or went away, a triggered flag flipped, or a
 * temperature moved by more than `step` degrees (any move when step is 0).
 */
type Entry = Record<string, any>;

/** The temperatures of one entry that are compared (area: avg/min/max; group: currentDeviation). */
function temperatures(entry: Entry): number[] {
  if (entry.details && typeof entry.details === 'object') return [Number(entry.details.currentDeviation)];
  return [Number(entry.avg), Number(entry.min), Number(entry.max)];
}

export function statusChanged(previous: unknown[] | undefined, current: unknown[], step: number): boolean {
  if (!previous) return true;
  if (previous.length !== current.length) return true;
  const before = new Map<unknown, Entry>();
  for (const p of previous as Entry[]) before.set(p?.id, p);
  for (const c of current as Entry[]) {
    const p = before.get(c?.id);
    if (!p) return true;
    if (Boolean(p.triggered) !== Boolean(c.triggered)) return true;
    const a = temperatures(p);
    const b = temperatures(c);
    for (let i = 0; i < a.length; i++) {
      const delta = Math.abs(b[i] - a[i]);
      if (Number.isNaN(delta) ? a[i] !== b[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i])) : delta > step) return true;
    }
  }
  return false;
}
