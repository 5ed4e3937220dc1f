/**
 * Polygon geometry shared by the client (validation before sending) and the
 * emulator (the camera's own refusal, and the scene's pixel tests). The
 * reference's rule: all vertices unique, no edges that cross.
 */
/** Below this a cross product counts as zero (coordinates are within -1..1). */
const COLLINEAR_EPSILON = 1e-12;

/** -1 / 1 for the two turning directions of a -> b -> c, 0 when the three are on one line. */
function orientation(a: readonly number[], b: readonly number[], c: readonly number[]): number {
  const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  return Math.abs(v) < COLLINEAR_EPSILON ? 0 : Math.sign(v);
}

/** Whether p, known to be on the line through a and b, lies within the segment a-b. */
function withinSegment(a: readonly number[], b: readonly number[], p: readonly number[]): boolean {
  return (
    Math.min(a[0], b[0]) - COLLINEAR_EPSILON <= p[0] &&
    p[0] <= Math.max(a[0], b[0]) + COLLINEAR_EPSILON &&
    Math.min(a[1], b[1]) - COLLINEAR_EPSILON <= p[1] &&
    p[1] <= Math.max(a[1], b[1]) + COLLINEAR_EPSILON
  );
}

/** True when segments p1-p2 and p3-p4 cross at a point inside both (proper intersection; touching is not crossing). */
export function segmentsCross(p1: readonly number[], p2: readonly number[], p3: readonly number[], p4: readonly number[]): boolean {
  return orientation(p1, p2, p3) * orientation(p1, p2, p4) < 0 && orientation(p3, p4, p1) * orientation(p3, p4, p2) < 0;
}

/** True when segments p1-p2 and q1-q2 share at least one point (crossing, touching or overlapping). */
export function segmentsIntersect(p1: readonly number[], p2: readonly number[], q1: readonly number[], q2: readonly number[]): boolean {
  const o1 = orientation(p1, p2, q1);
  const o2 = orientation(p1, p2, q2);
  const o3 = orientation(q1, q2, p1);
  const o4 = orientation(q1, q2, p2);
  if (o1 !== o2 && o3 !== o4) return true;
  if (o1 === 0 && withinSegment(p1, p2, q1)) return true;
  if (o2 === 0 && withinSegment(p1, p2, q2)) return true;
  if (o3 === 0 && withinSegment(q1, q2, p1)) return true;
  if (o4 === 0 && withinSegment(q1, q2, p2)) return true;
  return false;
}

/** What breaks the polygon rule: a vertex repeating an earlier one, or edge `edge` against edge `other`. */
export type PolygonFault = { rule: 'repeated'; index: number; first: number } | { rule: 'cross' | 'overlap'; edge: number; other: number };

/**
 * The first fault of a polygon (edge i runs from vertex i to vertex i+1), or
 * undefined. 'strict' (the camera as the emulator plays it): non-adjacent
 * edges may not even touch, and neighbours may not fold back over each other.
 * 'proper' (the client, which leaves borderline cases to the camera): only
 * edges that properly cross.
 */
export function polygonFault(vertices: readonly (readonly number[])[], mode: 'strict' | 'proper'): PolygonFault | undefined {
  const firstAt = new Map<string, number>();
  for (let i = 0; i < vertices.length; i++) {
    const key = `${vertices[i][0]},${vertices[i][1]}`;
    const first = firstAt.get(key);
    if (first !== undefined) return { rule: 'repeated', index: i, first };
    firstAt.set(key, i);
  }
  const n = vertices.length;
  for (let i = 0; i < n; i++) {
    const a1 = vertices[i];
    const a2 = vertices[(i + 1) % n];
    for (let j = i + 1; j < n; j++) {
      const b1 = vertices[j];
      const b2 = vertices[(j + 1) % n];
      const adjacent = j === i + 1 || (i === 0 && j === n - 1);
      if (mode === 'proper') {
        // Adjacent edges share a vertex; only non-adjacent edges can cross.
        if (!adjacent && segmentsCross(a1, a2, b1, b2)) return { rule: 'cross', edge: i, other: j };
        continue;
      }
      if (adjacent) {
        // Neighbours share a vertex; they meet elsewhere only when they fold back over each other.
        const shared = j === i + 1 ? a2 : a1;
        const otherA = j === i + 1 ? a1 : a2;
        const otherB = j === i + 1 ? b2 : b1;
        if (orientation(otherA, shared, otherB) === 0 && (withinSegment(shared, otherA, otherB) || withinSegment(shared, otherB, otherA))) {
          return { rule: 'overlap', edge: i, other: j };
        }
        continue;
      }
      if (segmentsIntersect(a1, a2, b1, b2)) return { rule: 'cross', edge: i, other: j };
    }
  }
  return undefined;
}

/** Ray casting; true when the point is inside the polygon (used for overlay and test checks). */
export function pointInPolygon(point: readonly number[], vertices: readonly (readonly number[])[]): boolean {
  let inside = false;
  const [px, py] = point;
  for (let i = 0, j = vertices.length - 1; i < vertices.length; j = i++) {
    const [xi, yi] = vertices[i];
    const [xj, yj] = vertices[j];
    if (yi <= py !== yj <= py && px < xj + ((py - yj) * (xi - xj)) / (yi - yj)) inside = !inside;
  }
  return inside;
}
