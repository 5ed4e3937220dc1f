/**
 * The snapshot image.cgi returns: the field coloured with the current
 * palette, scaled to the requested resolution, with the overlays a camera
 * draws (areas, spot, palette scale), encoded as baseline JPEG.
 */
import * as jpeg from 'jpeg-js';
import type { Point } from './geometry';
import type { FieldView } from './stats';
import { Colourizer, IsothermLevelsCelsius, PALETTES, isIsothermal } from './palette';
import { GLYPH_HEIGHT, RgbImage, drawText, setPixel, textWidth } from './font';

export interface OverlayArea {
  vertices: Point[];
  triggered: boolean;
  /** The measured value as text, when temperatureOverlay is on. */
  label?: string;
}

export interface SnapshotInput {
  field: FieldView;
  palette: string;
  /** Isotherm levels in celsius (used by Iso- palettes and the scale bar). */
  levels: IsothermLevelsCelsius;
  /** Output size; default the field's. */
  width?: number;
  height?: number;
  areas?: OverlayArea[];
  spot?: { point: Point; label: string };
  /** Draw the palette scale bar (renderOverlay). */
  scaleBar?: boolean;
  /** Formats a celsius temperature in the camera's scale, e.g. "52.1°C". */
  format: (celsius: number) => string;
}

const GREEN = [40, 255, 40];
const RED = [255, 40, 40];
const WHITE = [255, 255, 255];

export function renderSnapshot(input: SnapshotInput): RgbImage {
  const { field } = input;
  const W = Math.max(16, Math.round(input.width ?? field.width));
  const H = Math.max(16, Math.round(input.height ?? field.height));
  const palette = PALETTES[input.palette] ?? PALETTES['White-hot'];
  const colourizer = new Colourizer(palette, field.data, input.levels);
  const img: RgbImage = { width: W, height: H, data: Buffer.alloc(W * H * 3) };
  const fw = field.width;
  const fh = field.height;
  const src = field.data;
  // Bilinear resampling of temperatures (not colours), as the camera scales its thermal image.
  for (let y = 0; y < H; y++) {
    const fy = Math.min(fh - 1, Math.max(0, ((y + 0.5) * fh) / H - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(fh - 1, y0 + 1);
    const ty = fy - y0;
    for (let x = 0; x < W; x++) {
      const fx = Math.min(fw - 1, Math.max(0, ((x + 0.5) * fw) / W - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(fw - 1, x0 + 1);
      const tx = fx - x0;
      const top = src[y0 * fw + x0] * (1 - tx) + src[y0 * fw + x1] * tx;
      const bottom = src[y1 * fw + x0] * (1 - tx) + src[y1 * fw + x1] * tx;
      colourizer.colour(top * (1 - ty) + bottom * ty, img.data, (y * W + x) * 3);
    }
  }
  const scale = W >= 600 ? 2 : 1;
  const toPx = (p: Point): [number, number] => [((p[0] + 1) / 2) * W, ((1 - p[1]) / 2) * H];

  for (const area of input.areas ?? []) {
    const colour = area.triggered ? RED : GREEN;
    const pts = area.vertices.map(toPx);
    for (let i = 0; i < pts.length; i++) {
      const a = pts[i];
      const b = pts[(i + 1) % pts.length];
      drawLine(img, a[0], a[1], b[0], b[1], colour, scale);
    }
    if (area.label) {
      // Centred above the area's bounding box, kept inside the image (below it when there is no room).
      let left = Infinity, right = -Infinity, top = Infinity, bottom = -Infinity;
      for (const p of pts) {
        left = Math.min(left, p[0]); right = Math.max(right, p[0]);
        top = Math.min(top, p[1]); bottom = Math.max(bottom, p[1]);
      }
      const tw = textWidth(area.label, scale);
      const tx = Math.round(Math.min(W - tw - 2, Math.max(2, (left + right) / 2 - tw / 2)));
      let ty = Math.round(top - GLYPH_HEIGHT * scale - 4 * scale);
      if (ty < 2) ty = Math.round(bottom + 4 * scale);
      drawText(img, area.label, tx, Math.min(H - GLYPH_HEIGHT * scale - 2, ty), colour, scale);
    }
  }

  if (input.spot) {
    const [sx, sy] = toPx(input.spot.point).map(Math.round);
    const arm = 6 * scale;
    for (const [dx, dy] of [[1, 0], [0, 1]]) {
      for (let k = -arm; k <= arm; k++) {
        if (Math.abs(k) < 2 * scale) continue; // an open centre, so the measured pixel stays visible
        for (let t = 0; t < scale; t++) setPixel(img, sx + k * dx + t * dy, sy + k * dy + t * dx, WHITE);
      }
    }
    const tw = textWidth(input.spot.label, scale);
    const tx = Math.min(W - tw - 2, Math.max(2, sx + arm + 3 * scale));
    const ty = Math.min(H - GLYPH_HEIGHT * scale - 2, Math.max(2, sy - arm - GLYPH_HEIGHT * scale));
    drawText(img, input.spot.label, tx, ty, WHITE, scale);
  }

  if (input.scaleBar) drawScaleBar(img, input, colourizer, scale);
  return img;
}

function drawLine(img: RgbImage, x0: number, y0: number, x1: number, y1: number, rgb: number[], thickness: number): void {
  const steps = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0))));
  for (let s = 0; s <= steps; s++) {
    const x = Math.round(x0 + ((x1 - x0) * s) / steps);
    const y = Math.round(y0 + ((y1 - y0) * s) / steps);
    for (let t = 0; t < thickness; t++) for (let u = 0; u < thickness; u++) {
      setPixel(img, Math.min(img.width - 1, x) - u, Math.min(img.height - 1, y) - t, rgb);
    }
  }
}

/** The palette as a vertical bar at the right edge, with the isotherm levels (or the range) written beside it. */
function drawScaleBar(img: RgbImage, input: SnapshotInput, colourizer: Colourizer, scale: number): void {
  const W = img.width;
  const H = img.height;
  const barW = 8 * scale;
  const barH = Math.round(H * 0.6);
  const x0 = W - barW - 6 * scale;
  const y0 = Math.round((H - barH) / 2);
  const [lo, hi] = isIsothermal(input.palette)
    ? [Math.min(input.levels.min, colourizer.range[0]), Math.max(input.levels.high + 1, colourizer.range[1])]
    : colourizer.range;
  const px = Buffer.alloc(3);
  const yOf = (celsius: number) => Math.round(y0 + barH - 1 - ((celsius - lo) / (hi - lo)) * (barH - 1));
  for (let y = 0; y < barH; y++) {
    const celsius = hi - ((hi - lo) * y) / (barH - 1);
    colourizer.colour(celsius, px, 0);
    for (let x = 0; x < barW; x++) setPixel(img, x0 + x, y0 + y, px);
  }
  // A white frame round the bar.
  for (let x = -1; x <= barW; x++) { setPixel(img, x0 + x, y0 - 1, WHITE); setPixel(img, x0 + x, y0 + barH, WHITE); }
  for (let y = -1; y <= barH; y++) { setPixel(img, x0 - 1, y0 + y, WHITE); setPixel(img, x0 + barW, y0 + y, WHITE); }
  const marks: number[] = isIsothermal(input.palette)
    ? [input.levels.high, input.levels.middle, input.levels.low]
    : [hi, lo];
  let lastY = -Infinity;
  for (const celsius of marks) {
    const y = yOf(Math.min(hi, Math.max(lo, celsius)));
    for (let x = -3 * scale; x < 0; x++) setPixel(img, x0 + x, y, WHITE);
    const label = input.format(celsius);
    const tw = textWidth(label, scale);
    // Labels that would overlap the previous one move down.
    const ty = Math.max(Math.round(y - (GLYPH_HEIGHT * scale) / 2), lastY + (GLYPH_HEIGHT + 3) * scale);
    drawText(img, label, x0 - 5 * scale - tw, Math.min(H - GLYPH_HEIGHT * scale - 1, ty), WHITE, scale);
    lastY = ty;
  }
}

/** Baseline JPEG (jpeg-js, no chroma subsampling). jpeg-js builds its tables per call: tens of ms a snapshot. */
export function encodeJpeg(img: RgbImage, quality = 85): Buffer {
  const rgba = Buffer.alloc(img.width * img.height * 4);
  for (let i = 0, j = 0; i < img.data.length; i += 3, j += 4) {
    rgba[j] = img.data[i]; rgba[j + 1] = img.data[i + 1]; rgba[j + 2] = img.data[i + 2]; rgba[j + 3] = 255;
  }
  return jpeg.encode({ data: rgba, width: img.width, height: img.height }, quality).data;
}

/** Writes a PNG (uncompressed deflate blocks are enough for a debugging copy). */
export function encodePng(img: RgbImage): Buffer {
  const zlib = require('zlib') as typeof import('zlib');
  const raw = Buffer.alloc((img.width * 3 + 1) * img.height);
  for (let y = 0; y < img.height; y++) {
    raw[y * (img.width * 3 + 1)] = 0;
    img.data.copy(raw, y * (img.width * 3 + 1) + 1, y * img.width * 3, (y + 1) * img.width * 3);
  }
  const chunk = (type: string, body: Buffer) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(body.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), body]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(img.width, 0); ihdr.writeUInt32BE(img.height, 4);
  ihdr[8] = 8; ihdr[9] = 2; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (let i = 0; i < buf.length; i++) {
    c ^= buf[i];
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c;
}
