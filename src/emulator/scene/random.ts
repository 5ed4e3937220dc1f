/** Seeded pseudo-random numbers, so a seeded scene gives the same frames every run. */

/** mulberry32: tiny, fast, good enough for sensor noise; returns [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A table of standard-normal samples drawn once from the seed. Per-pixel
 * noise reads it at a per-frame random offset and stride, which costs one
 * array read per pixel instead of a log/sqrt/cos.
 */
export class GaussianTable {
  readonly size = 1 << 16;
  readonly values: Float32Array;
  constructor(random: () => number) {
    this.values = new Float32Array(this.size);
    for (let i = 0; i < this.size; i += 2) {
      const u1 = Math.max(random(), 1e-12);
      const u2 = random();
      const r = Math.sqrt(-2 * Math.log(u1));
      this.values[i] = r * Math.cos(2 * Math.PI * u2);
      this.values[i + 1] = r * Math.sin(2 * Math.PI * u2);
    }
  }
}
