/**
 * The temperature field: one float per thermal pixel, in degrees Celsius,
 * made of an ambient background and heat sources. Sources live in world
 * coordinates (x right, y up; the fixed view and PTZ preset 1 see -1..1);
 * a view offset shifts what the sensor sees, which is how PTZ presets look
 * at different parts of the scene.
 */
import { GaussianTable, mulberry32 } from './random';
import { Point, polygonMask } from './geometry';

export type SourceShape = 'disc' | 'rect' | 'polygon';

export interface HeatSourceSpec {
  id?: string;
  shape?: SourceShape;
  /** Centre in world coordinates (disc, rect). */
  x?: number;
  y?: number;
  /** Disc radius in x units (round in pixels). */
  radius?: number;
  /** Rect full width (x units) and height (y units). */
  width?: number;
  height?: number;
  /** Polygon vertices in world coordinates (hard edge: pixel centres inside). */
  vertices?: Point[];
  /** Core temperature, Celsius. */
  temperature: number;
  /** Drift, world units per second. */
  vx?: number;
  vy?: number;
  /** Heating (+) or cooling (-) ramp, Celsius per second. */
  ramp?: number;
  /** The ramp stops at this temperature. */
  rampLimit?: number;
  /** The ramp turns round at these temperatures (a slow cycle between them). */
  rampRange?: [number, number];
  /** Width of the soft edge as a fraction of the size (0 = hard edge). Default 0.3. */
  softness?: number;
  /** Conveyor: when x passes the upper bound it reappears at the lower one. */
  wrapX?: [number, number];
}

export interface HeatSource extends Required<Omit<HeatSourceSpec, 'vertices' | 'wrapX' | 'rampLimit' | 'rampRange'>> {
  rampRange?: [number, number];
  vertices?: Point[];
  wrapX?: [number, number];
  rampLimit?: number;
}

export interface FieldOptions {
  width?: number;
  height?: number;
  /** Background, Celsius. */
  ambient?: number;
  /** Background change per unit of y (warmer ceiling, cooler floor). */
  ambientGradient?: number;
  /** Standard deviation of the per-pixel sensor noise, Celsius (0 = none). */
  noise?: number;
  seed?: number;
}

let nextSourceNumber = 1;

/** exp(-q^2) for q in 0..3 edge widths: the soft edge's weight without an exp per pixel. */
const FALLOFF = (() => {
  const table = new Float32Array(1025);
  for (let i = 0; i < table.length; i++) {
    const q = (3 * i) / (table.length - 1);
    table[i] = Math.exp(-q * q);
  }
  return table;
})();

export class TemperatureField {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
  ambient: number;
  ambientGradient: number;
  noise: number;
  readonly sources: HeatSource[] = [];
  /** What the sensor looks at: world = view + offset. */
  viewOffset: Point = [0, 0];
  private readonly random: () => number;
  private readonly gaussian: GaussianTable;
  private readonly polygonCache = new Map<string, ReturnType<typeof polygonMask>>();

  constructor(options: FieldOptions = {}) {
    this.width = options.width ?? 384;
    this.height = options.height ?? 288;
    if (!(this.width >= 1 && this.height >= 1)) throw new RangeError('field size must be positive');
    this.data = new Float32Array(this.width * this.height);
    this.ambient = options.ambient ?? 22;
    this.ambientGradient = options.ambientGradient ?? 0;
    this.noise = options.noise ?? 0.05;
    this.random = mulberry32(options.seed ?? 1);
    this.gaussian = new GaussianTable(this.random);
    this.render();
  }

  addSource(spec: HeatSourceSpec): HeatSource {
    const source: HeatSource = {
      id: spec.id ?? `s${nextSourceNumber++}`,
      shape: spec.shape ?? (spec.vertices ? 'polygon' : 'disc'),
      x: spec.x ?? 0,
      y: spec.y ?? 0,
      radius: spec.radius ?? 0.1,
      width: spec.width ?? 0.2,
      height: spec.height ?? 0.2,
      temperature: spec.temperature,
      vx: spec.vx ?? 0,
      vy: spec.vy ?? 0,
      ramp: spec.ramp ?? 0,
      softness: spec.softness ?? (spec.vertices ? 0 : 0.3),
      vertices: spec.vertices?.map((p) => [p[0], p[1]] as Point),
      wrapX: spec.wrapX,
      rampLimit: spec.rampLimit,
      rampRange: spec.rampRange,
    };
    if (!Number.isFinite(source.temperature)) throw new RangeError('temperature must be a number');
    const existing = this.sources.findIndex((s) => s.id === source.id);
    if (existing >= 0) this.sources[existing] = source;
    else this.sources.push(source);
    return source;
  }

  removeSource(id: string): boolean {
    const i = this.sources.findIndex((s) => s.id === id);
    if (i < 0) return false;
    this.sources.splice(i, 1);
    return true;
  }

  clearSources(): void {
    this.sources.length = 0;
  }

  /** Moves sources and ramps temperatures by dt seconds (does not re-render). */
  advance(dt: number): void {
    for (const s of this.sources) {
      if (s.vx || s.vy) {
        s.x += s.vx * dt;
        s.y += s.vy * dt;
        if (s.vertices)
          for (const p of s.vertices) {
            p[0] += s.vx * dt;
            p[1] += s.vy * dt;
          }
        if (s.wrapX) {
          const [lo, hi] = s.wrapX;
          const span = hi - lo;
          if (span > 0 && (s.x > hi || s.x < lo)) {
            const shifted = lo + ((((s.x - lo) % span) + span) % span);
            const d = shifted - s.x;
            s.x = shifted;
            if (s.vertices) for (const p of s.vertices) p[0] += d;
          }
        }
      }
      if (s.ramp) {
        s.temperature += s.ramp * dt;
        if (s.rampRange) {
          const [lo, hi] = s.rampRange;
          if (s.temperature > hi) {
            s.temperature = hi;
            s.ramp = -Math.abs(s.ramp);
          } else if (s.temperature < lo) {
            s.temperature = lo;
            s.ramp = Math.abs(s.ramp);
          }
        } else if (s.rampLimit !== undefined) {
          if ((s.ramp > 0 && s.temperature > s.rampLimit) || (s.ramp < 0 && s.temperature < s.rampLimit)) {
            s.temperature = s.rampLimit;
          }
        }
      }
    }
  }

  /** Recomputes every pixel from the background and the sources as they are now. */
  render(): void {
    const { width: W, height: H, data } = this;
    const [ox, oy] = this.viewOffset;
    for (let row = 0; row < H; row++) {
      const y = 1 - (2 * row + 1) / H + oy;
      data.fill(this.ambient + this.ambientGradient * y, row * W, (row + 1) * W);
    }
    for (const s of this.sources) {
      if (s.shape === 'polygon') this.paintPolygon(s, ox, oy);
      else this.paintSoft(s, ox, oy);
    }
    if (this.noise > 0) {
      const table = this.gaussian.values;
      const mask = this.gaussian.size - 1;
      const offset = (this.random() * this.gaussian.size) | 0;
      const stride = 2 * ((this.random() * 4096) | 0) + 1; // odd: visits the whole table
      const sigma = this.noise;
      for (let i = 0, k = offset; i < data.length; i++, k = (k + stride) & mask) data[i] += sigma * table[k];
    }
  }

  /** Disc or rect with a soft (Gaussian) edge, blended over what is below. */
  private paintSoft(s: HeatSource, ox: number, oy: number): void {
    const { width: W, height: H, data } = this;
    const aspect = H / W; // y units -> x units so discs are round in pixels
    const cx = s.x - ox;
    const cy = s.y - oy;
    const size = s.shape === 'disc' ? s.radius : Math.min(s.width, s.height * aspect) / 2;
    const edge = Math.max(0, s.softness) * size;
    const reach = edge > 0 ? 3 * edge : 0;
    const halfW = s.shape === 'disc' ? s.radius : s.width / 2;
    const halfH = s.shape === 'disc' ? s.radius / aspect : s.height / 2;
    // Bounding box in pixels.
    const colMin = Math.max(0, Math.floor(((cx - halfW - reach + 1) * W) / 2));
    const colMax = Math.min(W - 1, Math.ceil(((cx + halfW + reach + 1) * W) / 2));
    const rowMin = Math.max(0, Math.floor(((1 - (cy + halfH + reach / aspect)) * H) / 2));
    const rowMax = Math.min(H - 1, Math.ceil(((1 - (cy - halfH - reach / aspect)) * H) / 2));
    const t = s.temperature;
    const falloff = FALLOFF;
    const lutScale = (FALLOFF.length - 1) / 3; // the table covers q = 0..3 edge widths
    const isDisc = s.shape === 'disc';
    const halfWidth = s.width / 2;
    const halfHeightX = (s.height / 2) * aspect; // rect half height in x units
    for (let row = rowMin; row <= rowMax; row++) {
      const dyUnits = (1 - (2 * row + 1) / H - cy) * aspect;
      const base = row * W;
      // Columns fully inside the shape on this row: filled in one go, only the rim is weighed.
      let inside: number; // half width of the inside run, x units (negative = none)
      let ey = 0;
      if (isDisc) {
        const r2 = s.radius * s.radius - dyUnits * dyUnits;
        inside = r2 >= 0 ? Math.sqrt(r2) : -1;
      } else {
        ey = Math.abs(dyUnits) - halfHeightX;
        inside = ey <= 0 ? halfWidth : -1;
      }
      let c0 = colMax + 1;
      let c1 = colMax;
      if (inside >= 0) {
        c0 = Math.max(colMin, Math.ceil(((cx - inside + 1) * W - 1) / 2));
        c1 = Math.min(colMax, Math.floor(((cx + inside + 1) * W - 1) / 2));
        if (c0 <= c1) data.fill(t, base + c0, base + c1 + 1);
        else {
          c0 = colMax + 1;
          c1 = colMax;
        }
      }
      if (edge <= 0) continue;
      for (let col = colMin; col <= colMax; col++) {
        if (col === c0) {
          col = c1;
          continue;
        }
        const dx = -1 + (2 * col + 1) / W - cx;
        let outside: number; // distance outside the shape, x units
        if (isDisc) {
          outside = Math.sqrt(dx * dx + dyUnits * dyUnits) - s.radius;
        } else {
          const ex = Math.abs(dx) - halfWidth;
          outside = ex > 0 && ey > 0 ? Math.sqrt(ex * ex + ey * ey) : Math.max(ex, ey);
        }
        if (outside <= 0) {
          data[base + col] = t;
          continue;
        }
        const q = outside / edge;
        if (q >= 3) continue;
        const i = base + col;
        data[i] += (t - data[i]) * falloff[(q * lutScale) | 0];
      }
    }
  }

  private paintPolygon(s: HeatSource, ox: number, oy: number): void {
    if (!s.vertices || s.vertices.length < 3) return;
    const local = s.vertices.map((p) => [p[0] - ox, p[1] - oy] as Point);
    const key = JSON.stringify(local);
    let mask = this.polygonCache.get(key);
    if (!mask) {
      mask = polygonMask(local, this.width, this.height);
      if (this.polygonCache.size > 64) this.polygonCache.clear();
      this.polygonCache.set(key, mask);
    }
    const { data, width: W } = this;
    for (let k = 0; k < mask.rows.length; k++) {
      const base = mask.rows[k] * W;
      data.fill(s.temperature, base + mask.from[k], base + mask.to[k] + 1);
    }
  }

  /** Copies the pixels in (for tests and for fields loaded from elsewhere). */
  setPixels(values: ArrayLike<number>): void {
    if (values.length !== this.data.length) throw new RangeError('wrong number of pixels');
    this.data.set(values);
  }
}
