/**
 * Which pixels belong to a polygon. The reference's coordinates: x and y in
 * -1..1, y up. Pixel (col, row) has its centre at
 *   x = -1 + (2col + 1) / W,   y = 1 - (2row + 1) / H.
 * A pixel belongs to the polygon when its centre lies inside it or on its
 * boundary (closed polygon; within EPSILON so a centre exactly on an edge
 * counts whatever the rounding of the crossing point).
 */
import type { Point } from '../../api/types';
export type { Point };

const EPSILON = 1e-9;

/** Row-major runs of pixels: for run k, row rows[k], columns from[k]..to[k] inclusive. */
export interface PixelMask {
  width: number;
  height: number;
  rows: Int32Array;
  from: Int32Array;
  to: Int32Array;
  /** Number of pixels in the mask. */
  count: number;
}

export function pixelCentreX(col: number, width: number): number {
  return -1 + (2 * col + 1) / width;
}
export function pixelCentreY(row: number, height: number): number {
  return 1 - (2 * row + 1) / height;
}
/** The pixel under a point (the spot meter); points on the image border clamp inside. */
export function pixelUnder(point: Point, width: number, height: number): { col: number; row: number } {
  const col = Math.min(width - 1, Math.max(0, Math.floor(((point[0] + 1) / 2) * width)));
  const row = Math.min(height - 1, Math.max(0, Math.floor(((1 - point[1]) / 2) * height)));
  return { col, row };
}

/**
 * Scanline fill: for each pixel row, the closed intervals of x where the
 * line y = centre crosses or touches the polygon, turned into column runs.
 */
export function polygonMask(vertices: Point[], width: number, height: number): PixelMask {
  const rows: number[] = [];
  const from: number[] = [];
  const to: number[] = [];
  let count = 0;
  const n = vertices.length;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const [, y] of vertices) {
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  // Only rows whose centre can lie within [minY, maxY].
  const rowFirst = Math.max(0, Math.ceil(((1 - maxY) * height - 1) / 2 - EPSILON));
  const rowLast = Math.min(height - 1, Math.floor(((1 - minY) * height - 1) / 2 + EPSILON));
  const crossings: number[] = [];
  const intervals: [number, number][] = [];
  for (let row = rowFirst; row <= rowLast; row++) {
    const yc = pixelCentreY(row, height);
    crossings.length = 0;
    intervals.length = 0;
    for (let i = 0; i < n; i++) {
      const [x1, y1] = vertices[i];
      const [x2, y2] = vertices[(i + 1) % n];
      // Half-open rule: each edge counts once per crossing, vertices are not counted twice.
      if (y1 <= yc !== y2 <= yc) {
        crossings.push(x1 + ((yc - y1) * (x2 - x1)) / (y2 - y1));
      }
      // The boundary itself: horizontal edges on this line, and vertices on it.
      if (Math.abs(y1 - yc) <= EPSILON) {
        if (Math.abs(y2 - yc) <= EPSILON) intervals.push([Math.min(x1, x2), Math.max(x1, x2)]);
        else intervals.push([x1, x1]);
      }
    }
    crossings.sort((a, b) => a - b);
    for (let k = 0; k + 1 < crossings.length; k += 2) intervals.push([crossings[k], crossings[k + 1]]);
    // A crossing point with no partner (numerically degenerate) still lies on the boundary.
    if (crossings.length % 2 === 1) intervals.push([crossings[crossings.length - 1], crossings[crossings.length - 1]]);
    if (intervals.length === 0) continue;
    // Interval -> columns whose centre lies in it; then merge overlapping runs.
    const runs: [number, number][] = [];
    for (const [a, b] of intervals) {
      const c0 = Math.max(0, Math.ceil(((a + 1) * width - 1) / 2 - EPSILON));
      const c1 = Math.min(width - 1, Math.floor(((b + 1) * width - 1) / 2 + EPSILON));
      if (c0 <= c1) runs.push([c0, c1]);
    }
    runs.sort((p, q) => p[0] - q[0]);
    let cur: [number, number] | undefined;
    for (const r of runs) {
      if (cur && r[0] <= cur[1] + 1) {
        if (r[1] > cur[1]) cur[1] = r[1];
      } else {
        if (cur) {
          rows.push(row);
          from.push(cur[0]);
          to.push(cur[1]);
          count += cur[1] - cur[0] + 1;
        }
        cur = [r[0], r[1]];
      }
    }
    if (cur) {
      rows.push(row);
      from.push(cur[0]);
      to.push(cur[1]);
      count += cur[1] - cur[0] + 1;
    }
  }
  return {
    width,
    height,
    count,
    rows: Int32Array.from(rows),
    from: Int32Array.from(from),
    to: Int32Array.from(to),
  };
}

// One ray-casting test for the whole package (the scene's tests check the masks against it).
export { pointInPolygon } from '../../api/polygon';
