/**
 * The overlays a thermal camera draws on its picture, in one look whoever
 * draws them (the emulator's image.cgi, the snapshot node on a camera's
 * picture): an area's outline in green (red while triggered) with its label
 * above it, and the spot meter's open cross with its reading.
 */
import type { Point } from '../api/types';
import { GLYPH_HEIGHT, drawText, textWidth } from './font';
import { Rgb, RgbImage, setPixel, viewToPixel } from './image';

export const GREEN: Rgb = [40, 255, 40];
export const RED: Rgb = [255, 40, 40];
export const WHITE: Rgb = [255, 255, 255];

export interface AreaOverlay {
  /** The polygon in view coordinates (-1..1, y up). */
  vertices: Point[];
  triggered: boolean;
  /** Text lines written above the area (below it when there is no room), e.g. name and readings. */
  label?: string | string[];
}

export interface SpotOverlay {
  point: Point;
  label: string;
}

/** Line and text size for a picture: doubled from 600 pixels wide so it stays readable. */
export function overlayScale(width: number): number {
  return width >= 600 ? 2 : 1;
}

export function drawLine(img: RgbImage, x0: number, y0: number, x1: number, y1: number, rgb: Rgb, thickness: number): void {
  const steps = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0))));
  for (let s = 0; s <= steps; s++) {
    const x = Math.round(x0 + ((x1 - x0) * s) / steps);
    const y = Math.round(y0 + ((y1 - y0) * s) / steps);
    for (let t = 0; t < thickness; t++) for (let u = 0; u < thickness; u++) {
      setPixel(img, Math.min(img.width - 1, x) - u, Math.min(img.height - 1, y) - t, rgb);
    }
  }
}

export function drawAreaOverlay(img: RgbImage, area: AreaOverlay, scale = overlayScale(img.width)): void {
  const W = img.width;
  const H = img.height;
  const colour = area.triggered ? RED : GREEN;
  const pts = area.vertices.map((p) => viewToPixel(p, W, H));
  for (let i = 0; i < pts.length; i++) {
    const a = pts[i];
    const b = pts[(i + 1) % pts.length];
    drawLine(img, a[0], a[1], b[0], b[1], colour, scale);
  }
  const lines = (Array.isArray(area.label) ? area.label : area.label ? [area.label] : []).filter((l) => l);
  if (lines.length === 0) return;
  // Centred above the area's bounding box, kept inside the image (below it when there is no room).
  let left = Infinity, right = -Infinity, top = Infinity, bottom = -Infinity;
  for (const p of pts) {
    left = Math.min(left, p[0]); right = Math.max(right, p[0]);
    top = Math.min(top, p[1]); bottom = Math.max(bottom, p[1]);
  }
  const lineHeight = (GLYPH_HEIGHT + 3) * scale;
  const blockHeight = lines.length * lineHeight - 3 * scale;
  let y = Math.round(top - blockHeight - 4 * scale);
  if (y < 2) y = Math.round(bottom + 4 * scale);
  y = Math.min(H - blockHeight - 2, y);
  for (const line of lines) {
    const tw = textWidth(line, scale);
    const x = Math.round(Math.min(W - tw - 2, Math.max(2, (left + right) / 2 - tw / 2)));
    drawText(img, line, x, y, colour, scale);
    y += lineHeight;
  }
}

export function drawSpotOverlay(img: RgbImage, spot: SpotOverlay, scale = overlayScale(img.width)): void {
  const W = img.width;
  const H = img.height;
  const [sx, sy] = viewToPixel(spot.point, W, H).map(Math.round);
  const arm = 6 * scale;
  for (const [dx, dy] of [[1, 0], [0, 1]]) {
    for (let k = -arm; k <= arm; k++) {
      if (Math.abs(k) < 2 * scale) continue; // an open centre, so the measured pixel stays visible
      for (let t = 0; t < scale; t++) setPixel(img, sx + k * dx + t * dy, sy + k * dy + t * dx, WHITE);
    }
  }
  const tw = textWidth(spot.label, scale);
  const tx = Math.min(W - tw - 2, Math.max(2, sx + arm + 3 * scale));
  const ty = Math.min(H - GLYPH_HEIGHT * scale - 2, Math.max(2, sy - arm - GLYPH_HEIGHT * scale));
  drawText(img, spot.label, tx, ty, WHITE, scale);
}
