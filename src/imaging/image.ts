/**
 * An RGB picture in memory and the mapping from the camera's view coordinates
 * to its pixels. Shared by the emulator (which draws its snapshot) and the
 * snapshot node (which draws on the camera's picture): neither imports the other.
 */
import type { Point } from '../api/types';

export interface RgbImage {
  width: number;
  height: number;
  /** 3 bytes a pixel, row-major. */
  data: Buffer;
}

export type Rgb = readonly [number, number, number];

export function setPixel(img: RgbImage, x: number, y: number, rgb: ArrayLike<number>): void {
  if (x < 0 || y < 0 || x >= img.width || y >= img.height) return;
  const i = (y * img.width + x) * 3;
  img.data[i] = rgb[0];
  img.data[i + 1] = rgb[1];
  img.data[i + 2] = rgb[2];
}

/** A point of the view (x, y in -1..1, y up, as areas and the spot are given) in pixels of `img`. */
export function viewToPixel(p: Point, width: number, height: number): [number, number] {
  return [((p[0] + 1) / 2) * width, ((1 - p[1]) / 2) * height];
}
