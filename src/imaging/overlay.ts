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

export interface OverlayArea {
  /** The polygon in view coordinates (-1..1, y up). */
  vertices: Point[];
  triggered: boolean;
  /** Text lines written above the area (below it when there is no room), e.g. name and readings. */
  label?: string | string[];
}

export interface OverlaySpot {
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
    for (let t = 0; t < thickness; t++)
      for (let u = 0; u < thickness; u++) {
        setPixel(img, Math.min(img.width - 1, x) - u, Math.min(img.height - 1, y) - t, rgb);
      }
  }
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * The areas as a camera draws them: every outline first, then the labels.
 * Each label goes centred above its area, below it, or inside its top edge:
 * of the places that cover no label already placed, the one that hides the
 * least of the other areas' outlines, above first on a tie (so areas that
 * nest or touch keep readable labels); when all three cover a label, it moves
 * down from above the area until it is clear.
 */
export function drawAreaOverlays(img: RgbImage, areas: readonly OverlayArea[], scale = overlayScale(img.width)): void {
  const W = img.width;
  const H = img.height;
  const placed: Box[] = [];
  const pixels = areas.map((area) => area.vertices.map((p) => viewToPixel(p, W, H)));
  areas.forEach((area, k) => {
    const pts = pixels[k];
    const colour = area.triggered ? RED : GREEN;
    for (let i = 0; i < pts.length; i++) {
      const a = pts[i];
      const b = pts[(i + 1) % pts.length];
      drawLine(img, a[0], a[1], b[0], b[1], colour, scale);
    }
  });
  const lineHeight = (GLYPH_HEIGHT + 3) * scale;
  areas.forEach((area, k) => {
    const lines = (Array.isArray(area.label) ? area.label : area.label ? [area.label] : []).filter((l) => l);
    if (lines.length === 0) return;
    let left = Infinity,
      right = -Infinity,
      top = Infinity,
      bottom = -Infinity;
    for (const p of pixels[k]) {
      left = Math.min(left, p[0]);
      right = Math.max(right, p[0]);
      top = Math.min(top, p[1]);
      bottom = Math.max(bottom, p[1]);
    }
    const w = Math.max(...lines.map((l) => textWidth(l, scale)));
    const h = lines.length * lineHeight - 3 * scale;
    const x = Math.round(Math.min(W - w - 2, Math.max(2, (left + right) / 2 - w / 2)));
    const fit = (y: number): Box => ({ x, y: Math.round(Math.max(2, Math.min(H - h - 2, y))), w, h });
    // The box a label darkens reaches one scale beyond its text.
    const grown = (box: Box): Box => ({ x: box.x - scale, y: box.y - scale, w: box.w + 2 * scale, h: box.h + 2 * scale });
    const clear = (box: Box) => !placed.some((p) => overlaps(grown(box), p));
    // How much of the other areas' outlines a label there would hide (pixels).
    const hidden = (box: Box) => {
      const g = grown(box);
      let n = 0;
      pixels.forEach((pts, j) => {
        if (j === k) return;
        pts.forEach((a, i) => {
          const b = pts[(i + 1) % pts.length];
          const steps = Math.max(1, Math.ceil(Math.max(Math.abs(b[0] - a[0]), Math.abs(b[1] - a[1]))));
          for (let t = 0; t <= steps; t++) {
            const x = a[0] + ((b[0] - a[0]) * t) / steps;
            const y = a[1] + ((b[1] - a[1]) * t) / steps;
            if (x >= g.x && x < g.x + g.w && y >= g.y && y < g.y + g.h) n++;
          }
        });
      });
      return n;
    };
    const above = top - h - 4 * scale;
    const candidates = [above >= 2 ? fit(above) : fit(bottom + 4 * scale), fit(bottom + 4 * scale), fit(top + 4 * scale)];
    let box: Box | undefined;
    let least = Infinity;
    for (const c of candidates) {
      if (!clear(c)) continue;
      const n = hidden(c);
      if (n < least) {
        box = c;
        least = n;
      }
    }
    if (!box) {
      box = candidates[0];
      while (!clear(box) && box.y + h + 2 < H) box = { ...box, y: box.y + scale };
    }
    placed.push(box);
    const colour = area.triggered ? RED : GREEN;
    lines.forEach((line, i) => {
      const tw = textWidth(line, scale);
      const tx = Math.round(Math.min(W - tw - 2, Math.max(2, box!.x + (w - tw) / 2)));
      drawText(img, line, tx, box!.y + i * lineHeight, colour, scale);
    });
  });
}

export function drawSpotOverlay(img: RgbImage, spot: OverlaySpot, scale = overlayScale(img.width)): void {
  const W = img.width;
  const H = img.height;
  const [sx, sy] = viewToPixel(spot.point, W, H).map(Math.round);
  const arm = 6 * scale;
  for (const [dx, dy] of [
    [1, 0],
    [0, 1],
  ]) {
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
