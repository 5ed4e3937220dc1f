/**
 * The snapshot image.cgi returns: the field coloured with the current
 * palette, scaled to the requested resolution, with the overlays a camera
 * draws (areas, spot, palette scale), encoded as baseline JPEG.
 */
import type { Point } from './geometry';
import type { FieldView } from './stats';
import { Colourizer, IsothermLevelsCelsius, PALETTES, isIsothermal } from './palette';
import {
  OverlayArea,
  GLYPH_HEIGHT,
  RgbImage,
  WHITE,
  drawAreaOverlays,
  drawSpotOverlay,
  drawText,
  encodeJpeg,
  encodePng,
  overlayScale,
  setPixel,
  textWidth,
} from '../../imaging';

/** An area as the camera draws it: outline, and the measured value as text when temperatureOverlay is on. */
export type { OverlayArea };

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
  /** image.cgi's rotation (degrees clockwise): the picture turns, the overlays follow their places and their text stays upright. */
  rotation?: 0 | 180;
}

/** A point of the unrotated view where it lands in the picture turned by `rotation`. */
function rotated(p: Point, rotation: 0 | 180): Point {
  return rotation === 180 ? [-p[0], -p[1]] : p;
}

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
  const turn = input.rotation === 180;
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
      const at = turn ? (H - 1 - y) * W + (W - 1 - x) : y * W + x;
      colourizer.colour(top * (1 - ty) + bottom * ty, img.data, at * 3);
    }
  }
  const scale = overlayScale(W);
  const rotation = input.rotation ?? 0;
  drawAreaOverlays(
    img,
    (input.areas ?? []).map((a) => ({ ...a, vertices: a.vertices.map((p) => rotated(p, rotation)) })),
    scale,
  );
  if (input.spot) drawSpotOverlay(img, { ...input.spot, point: rotated(input.spot.point, rotation) }, scale);
  if (input.scaleBar) drawScaleBar(img, input, colourizer, scale);
  return img;
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
  for (let x = -1; x <= barW; x++) {
    setPixel(img, x0 + x, y0 - 1, WHITE);
    setPixel(img, x0 + x, y0 + barH, WHITE);
  }
  for (let y = -1; y <= barH; y++) {
    setPixel(img, x0 - 1, y0 + y, WHITE);
    setPixel(img, x0 + barW, y0 + y, WHITE);
  }
  const marks: number[] = isIsothermal(input.palette) ? [input.levels.high, input.levels.middle, input.levels.low] : [hi, lo];
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

// The codecs moved to src/imaging; the emulator's public surface keeps them.
export { encodeJpeg, encodePng };
