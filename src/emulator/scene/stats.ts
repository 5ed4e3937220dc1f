/**
 * Area statistics from the pixels whose centres lie inside an area's
 * polygon (see geometry.ts for the pixel rule). Masks are computed once per
 * polygon and kept until the polygon changes.
 */
import { PixelMask, Point, pixelCentreX, pixelCentreY, pixelUnder, polygonMask } from './geometry';

import type { AreaReading } from '../sensor';
export type { AreaReading };

export interface FieldView {
  width: number;
  height: number;
  data: Float32Array;
}

/** Statistics over a mask. An empty mask (a sliver between pixel centres) reads the pixel under its centroid. */
export function maskStatistics(field: FieldView, mask: PixelMask, fallback: Point): AreaReading {
  const { data, width: W, height: H } = field;
  if (mask.count === 0) {
    const { col, row } = pixelUnder(fallback, W, H);
    const v = data[row * W + col];
    const at: Point = [pixelCentreX(col, W), pixelCentreY(row, H)];
    return { avg: v, min: v, max: v, minCoordinates: at, maxCoordinates: [at[0], at[1]] };
  }
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let minIndex = 0;
  let maxIndex = 0;
  const { rows, from, to } = mask;
  for (let k = 0; k < rows.length; k++) {
    const base = rows[k] * W;
    const end = base + to[k];
    for (let i = base + from[k]; i <= end; i++) {
      const v = data[i];
      sum += v;
      // Strict comparisons keep the first extreme in row-major order.
      if (v < min) {
        min = v;
        minIndex = i;
      }
      if (v > max) {
        max = v;
        maxIndex = i;
      }
    }
  }
  return {
    avg: sum / mask.count,
    min,
    max,
    minCoordinates: [pixelCentreX(minIndex % W, W), pixelCentreY(Math.floor(minIndex / W), H)],
    maxCoordinates: [pixelCentreX(maxIndex % W, W), pixelCentreY(Math.floor(maxIndex / W), H)],
  };
}

export function spotReading(field: FieldView, point: Point): number {
  const { col, row } = pixelUnder(point, field.width, field.height);
  return field.data[row * field.width + col];
}

function centroid(vertices: Point[]): Point {
  let x = 0;
  let y = 0;
  for (const p of vertices) {
    x += p[0];
    y += p[1];
  }
  return [x / vertices.length, y / vertices.length];
}

/** Masks by polygon, so each area's mask is computed once and recomputed only when its vertices change. */
export class MaskCache {
  private readonly masks = new Map<string, PixelMask>();
  constructor(
    readonly width: number,
    readonly height: number,
    private readonly capacity = 512,
  ) {}

  get(vertices: Point[]): PixelMask {
    const key = vertices.map((p) => `${p[0]},${p[1]}`).join(';');
    let mask = this.masks.get(key);
    if (!mask) {
      mask = polygonMask(vertices, this.width, this.height);
      // Drop the oldest when full: areas come and go, the cache should not grow without bound.
      if (this.masks.size >= this.capacity) this.masks.delete(this.masks.keys().next().value as string);
      this.masks.set(key, mask);
    }
    return mask;
  }

  get size(): number {
    return this.masks.size;
  }

  clear(): void {
    this.masks.clear();
  }

  read(field: FieldView, vertices: Point[]): AreaReading {
    return maskStatistics(field, this.get(vertices), centroid(vertices));
  }
}
