/**
 * Where the emulator's readings and alarm states come from.
 *
 * Everything a Sensor gives is in degrees CELSIUS with coordinates in -1..1
 * (y up); the emulator converts to the camera's current scale when answering.
 * The flat sensor here is the default; the scene (src/emulator/scene/) supplies
 * a real thermal scene with alarms.
 */
import type { Point } from '../api/types';
import type { CameraModel } from './camera';

export interface AreaReading {
  avg: number;
  min: number;
  max: number;
  /** Centre of the first minimum pixel in row-major order. */
  minCoordinates: Point;
  /** Centre of the first maximum pixel in row-major order. */
  maxCoordinates: Point;
}

export interface GroupReading {
  triggered: boolean;
  currentDeviation: number;
  maxAreaId: number;
  maxAreaTemp: number;
  minAreaId: number;
  minAreaTemp: number;
}

export interface Sensor {
  readArea(vertices: Point[]): AreaReading;
  /** Celsius at a point in -1..1, y up. */
  readSpot(point: Point): number;
  areaTriggered(areaId: number): boolean;
  /** undefined lets the emulator compute the deviation from readArea itself. */
  groupStatus(groupId: number): GroupReading | undefined;
  /** Called by start(); the scene subscribes to the camera's config changes here. */
  attach?(camera: CameraModel): void;
  /** Called by stop(); must clear its timers. */
  detach?(): void;
}

/** The centroid of a polygon's vertices (a point inside it for convex areas). */
export function vertexCentroid(vertices: Point[]): Point {
  let x = 0;
  let y = 0;
  for (const [vx, vy] of vertices) {
    x += vx;
    y += vy;
  }
  return [x / vertices.length, y / vertices.length];
}

/** Same temperature everywhere, never triggered. */
export class FlatSensor implements Sensor {
  constructor(readonly celsius: number = 22) {}

  readArea(vertices: Point[]): AreaReading {
    const centre = vertexCentroid(vertices);
    return { avg: this.celsius, min: this.celsius, max: this.celsius, minCoordinates: centre, maxCoordinates: centre };
  }

  readSpot(_point: Point): number {
    return this.celsius;
  }

  areaTriggered(_areaId: number): boolean {
    return false;
  }

  groupStatus(_groupId: number): GroupReading | undefined {
    return undefined;
  }
}
