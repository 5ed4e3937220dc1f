/**
 * Colour palettes, named as Axis thermal cameras name them in
 * Image.I0.Appearance.Palette (the AXIS Q2901-E list in the VAPIX thermal
 * imaging page: White-hot, Black-hot, Planck, Axis, Rainbow, Red-hot,
 * Nightvision and the isothermal Iso-*-WH/BH), plus Iron and the short
 * Iso-Fire / Iso-Planck / Iso-Rainbow names some models use.
 *
 * Isothermal palettes ("Iso-" first, as the reference requires) colour by
 * the isotherm levels: above high, high..middle and middle..low in three
 * colour bands, min..low in greyscale (white-hot or black-hot), below min black.
 */
type Stop = [number, number, number, number]; // position 0..1, r, g, b

export interface LinearPalette {
  kind: 'linear';
  lut: Uint8Array; // 256 * 3
}
export interface IsoPalette {
  kind: 'iso';
  /** Greyscale below low: white-hot (warmer = lighter) or black-hot. */
  grey: 'WH' | 'BH';
  /** low..middle, middle..high, above high: 256 * 3 each. */
  bands: [Uint8Array, Uint8Array, Uint8Array];
}
export type Palette = LinearPalette | IsoPalette;

function gradient(stops: Stop[]): Uint8Array {
  const lut = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const p = i / 255;
    let k = 0;
    while (k < stops.length - 2 && p > stops[k + 1][0]) k++;
    const [p0, r0, g0, b0] = stops[k];
    const [p1, r1, g1, b1] = stops[k + 1];
    const f = p1 > p0 ? Math.min(1, Math.max(0, (p - p0) / (p1 - p0))) : 0;
    lut[i * 3] = Math.round(r0 + (r1 - r0) * f);
    lut[i * 3 + 1] = Math.round(g0 + (g1 - g0) * f);
    lut[i * 3 + 2] = Math.round(b0 + (b1 - b0) * f);
  }
  return lut;
}

const linear = (stops: Stop[]): LinearPalette => ({ kind: 'linear', lut: gradient(stops) });
const iso = (grey: 'WH' | 'BH', low: Stop[], mid: Stop[], high: Stop[]): IsoPalette => ({
  kind: 'iso',
  grey,
  bands: [gradient(low), gradient(mid), gradient(high)],
});

const IRON: Stop[] = [
  [0, 0, 0, 16],
  [0.15, 40, 0, 110],
  [0.35, 140, 0, 150],
  [0.55, 220, 50, 40],
  [0.75, 250, 150, 0],
  [0.9, 255, 225, 60],
  [1, 255, 255, 230],
];
/** One band of an isothermal palette: a gradient from one colour (r0, g0, b0) to another (r1, g1, b1). */
const band = (r0: number, g0: number, b0: number, r1: number, g1: number, b1: number): Stop[] => [
  [0, r0, g0, b0],
  [1, r1, g1, b1],
];
/** The isothermal palettes' bands by family: low..middle, middle..high, above high. */
const ISO_BANDS: Readonly<Record<'Fire' | 'Planck' | 'Rainbow' | 'Axis' | 'Midrange', [Stop[], Stop[], Stop[]]>> = {
  Fire: [band(110, 0, 0, 230, 30, 0), band(245, 90, 0, 255, 190, 0), band(255, 230, 40, 255, 255, 255)],
  Planck: [band(70, 0, 120, 180, 0, 120), band(210, 20, 40, 255, 120, 0), band(255, 200, 0, 255, 255, 220)],
  Rainbow: [band(0, 60, 255, 0, 210, 120), band(120, 230, 0, 255, 160, 0), band(255, 40, 0, 255, 0, 200)],
  Axis: [band(20, 40, 160, 120, 40, 200), band(200, 40, 120, 255, 140, 0), band(255, 210, 0, 255, 255, 255)],
  Midrange: [band(0, 120, 40, 90, 220, 0), band(230, 230, 0, 255, 120, 0), band(230, 0, 0, 255, 120, 160)],
};

export const PALETTES: Readonly<Record<string, Palette>> = {
  'White-hot': linear([
    [0, 0, 0, 0],
    [1, 255, 255, 255],
  ]),
  'Black-hot': linear([
    [0, 255, 255, 255],
    [1, 0, 0, 0],
  ]),
  Iron: linear(IRON),
  Planck: linear([
    [0, 0, 0, 0],
    [0.3, 120, 0, 20],
    [0.55, 220, 40, 0],
    [0.8, 255, 170, 0],
    [1, 255, 255, 200],
  ]),
  Axis: linear([
    [0, 0, 0, 40],
    [0.25, 30, 40, 170],
    [0.5, 170, 40, 150],
    [0.75, 250, 130, 20],
    [1, 255, 240, 150],
  ]),
  Rainbow: linear([
    [0, 0, 0, 80],
    [0.15, 0, 0, 255],
    [0.35, 0, 220, 255],
    [0.5, 0, 220, 0],
    [0.7, 255, 255, 0],
    [0.85, 255, 80, 0],
    [1, 255, 255, 255],
  ]),
  'Red-hot': linear([
    [0, 0, 0, 0],
    [0.6, 170, 170, 170],
    [0.8, 210, 60, 60],
    [1, 255, 0, 0],
  ]),
  Nightvision: linear([
    [0, 0, 10, 0],
    [0.7, 40, 200, 40],
    [1, 200, 255, 200],
  ]),
  'Iso-Fire-WH': iso('WH', ...ISO_BANDS.Fire),
  'Iso-Fire-BH': iso('BH', ...ISO_BANDS.Fire),
  'Iso-Planck-WH': iso('WH', ...ISO_BANDS.Planck),
  'Iso-Axis-WH': iso('WH', ...ISO_BANDS.Axis),
  'Iso-Midrange-WH': iso('WH', ...ISO_BANDS.Midrange),
  'Iso-Midrange-BH': iso('BH', ...ISO_BANDS.Midrange),
  'Iso-Rainbow-WH': iso('WH', ...ISO_BANDS.Rainbow),
  'Iso-Fire': iso('WH', ...ISO_BANDS.Fire),
  'Iso-Planck': iso('WH', ...ISO_BANDS.Planck),
  'Iso-Rainbow': iso('WH', ...ISO_BANDS.Rainbow),
};

export const PALETTE_NAMES = Object.keys(PALETTES);
export const DEFAULT_PALETTE = 'White-hot';

export function isIsothermal(name: string): boolean {
  return name.startsWith('Iso-');
}

/** Isotherm levels in celsius (the camera keeps them in its scale; the scene converts). */
export interface IsothermLevelsCelsius {
  min: number;
  low: number;
  middle: number;
  high: number;
}

/**
 * Maps temperatures (celsius) to RGB for one frame. Linear palettes use the
 * frame's range, half linear and half plateau-equalised, as a camera's
 * automatic gain does; isothermal palettes use the levels.
 */
export class Colourizer {
  private readonly bins = 1024;
  private readonly cdf = new Float32Array(this.bins);
  private lo = 0;
  private hi = 1;

  constructor(
    private readonly palette: Palette,
    frame: Float32Array,
    private readonly levels?: IsothermLevelsCelsius,
  ) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < frame.length; i++) {
      const v = frame[i];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (hi - lo < 4) {
      const c = (hi + lo) / 2;
      lo = c - 2;
      hi = c + 2;
    }
    this.lo = lo;
    this.hi = hi;
    if (palette.kind === 'linear') {
      const counts = new Uint32Array(this.bins);
      const k = (this.bins - 1) / (hi - lo);
      for (let i = 0; i < frame.length; i++) counts[Math.round((frame[i] - lo) * k)]++;
      // Plateau equalisation, as thermal cameras' automatic gain: a bin counts at most a few
      // times the mean, so a large flat area cannot stretch its sensor noise over the palette.
      const plateau = Math.max(1, Math.ceil((4 * frame.length) / this.bins));
      let total = 0;
      for (let b = 0; b < this.bins; b++) total += Math.min(counts[b], plateau);
      let run = 0;
      for (let b = 0; b < this.bins; b++) {
        run += Math.min(counts[b], plateau);
        this.cdf[b] = run / total;
      }
    }
  }

  /** Range the colours span (for the scale bar). */
  get range(): [number, number] {
    return [this.lo, this.hi];
  }

  /** Position 0..1 of a temperature on a linear palette. */
  position(celsius: number): number {
    const f = Math.min(1, Math.max(0, (celsius - this.lo) / (this.hi - this.lo)));
    const equalised = this.cdf[Math.round(f * (this.bins - 1))];
    return 0.5 * f + 0.5 * equalised;
  }

  colour(celsius: number, out: Uint8Array | Buffer, offset: number): void {
    const p = this.palette;
    if (p.kind === 'linear') {
      const i = Math.round(this.position(celsius) * 255) * 3;
      out[offset] = p.lut[i];
      out[offset + 1] = p.lut[i + 1];
      out[offset + 2] = p.lut[i + 2];
      return;
    }
    const L = this.levels as IsothermLevelsCelsius;
    if (celsius < L.min) {
      out[offset] = out[offset + 1] = out[offset + 2] = 0;
      return;
    }
    if (celsius < L.low) {
      // Greyscale between max(min, coldest pixel) and low; never pure black, which means "below min".
      const base = Math.max(L.min, this.lo);
      const f = L.low > base ? Math.min(1, Math.max(0, (celsius - base) / (L.low - base))) : 1;
      const g = Math.round(40 + 180 * (p.grey === 'WH' ? f : 1 - f));
      out[offset] = out[offset + 1] = out[offset + 2] = g;
      return;
    }
    let band: Uint8Array;
    let f: number;
    if (celsius < L.middle) {
      band = p.bands[0];
      f = (celsius - L.low) / (L.middle - L.low);
    } else if (celsius < L.high) {
      band = p.bands[1];
      f = (celsius - L.middle) / (L.high - L.middle);
    } else {
      band = p.bands[2];
      f = this.hi > L.high ? (celsius - L.high) / (this.hi - L.high) : 0;
    }
    const i = Math.round(Math.min(1, Math.max(0, f)) * 255) * 3;
    out[offset] = band[i];
    out[offset + 1] = band[i + 1];
    out[offset + 2] = band[i + 2];
  }
}
