/**
 * JSON text as a camera writes it, where JSON.stringify cannot: a measured
 * temperature always carries a decimal point (`"avg": 241.0`, not `241`).
 * Cameras measure in tenths and write reals; a client whose JSON library tells
 * integers from reals (Axis's own camera-side thermometry code unpacks
 * getAreaStatus' avg/min/max as reals) refuses `241`.
 */

/** A reading written with one decimal. */
export class Tenths {
  constructor(readonly value: number) {}

  /** Where plain JSON.stringify meets one (a test, a log): the number. */
  toJSON(): number {
    return this.value;
  }

  text(): string {
    if (!Number.isFinite(this.value)) return 'null';
    const rounded = Math.round(this.value * 10) / 10;
    return (Object.is(rounded, -0) ? 0 : rounded).toFixed(1);
  }
}

/** JSON.stringify's text, with every Tenths written as a real. */
export function jsonText(value: unknown): string {
  if (value instanceof Tenths) return value.text();
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined || typeof v === 'function' ? 'null' : jsonText(v))).join(',')}]`;
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON !== 'function') {
    const members: string[] = [];
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined || typeof v === 'function') continue;
      members.push(`${JSON.stringify(key)}:${jsonText(v)}`);
    }
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
