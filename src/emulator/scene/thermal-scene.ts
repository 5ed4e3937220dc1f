/**
 * The thermal scene as the emulator's Sensor: readings from the pixels of a
 * temperature field, alarms from the alarm engine, a guard tour on PTZ
 * cameras and the snapshot. The emulator calls attach(camera) from start()
 * and detach() from stop().
 */
import type { Point } from './geometry';
import { describeType, isPlainObject } from '../../api/values';
import type { CameraModel } from '../camera';
import { channelView, VISUAL_PALETTE } from './channel-view';
import type { AreaReading as SensorAreaReading, GroupReading, Sensor } from '../sensor';
import { ClockMode, RealtimeTicker, SceneClock } from './clock';
import { HeatSourceSpec, TemperatureField } from './field';
import { MaskCache, spotReading } from './stats';
import { AlarmArea, AlarmEngine, AlarmGroup, AlarmInput, CameraEvent, measuredValue } from './alarms';
import { applyScenario, defaultPresetView, SCENARIO_NAMES } from './scenarios';
import { GuardTour, TourOptions, TourState } from './tour';
import { DEFAULT_PALETTE, PALETTE_NAMES } from './palette';
import { encodeJpeg, OverlayArea, renderSnapshot } from './snapshot';
import type { RgbImage } from '../../imaging';

export interface SceneOptions {
  /** Thermal resolution; default 384x288. */
  width?: number;
  height?: number;
  /** Frames per second; default 8 (thermal cameras sold freely run below 9 Hz; 1/8 s is exact in binary). */
  frameRate?: number;
  /** 'realtime' (default) runs frames from the wall clock; 'stepped' only moves when step() is called. */
  clock?: ClockMode;
  /** Seed of the sensor noise. */
  seed?: number;
  /** Sensor noise, celsius standard deviation; default 0.05. */
  noise?: number;
  /** Scenario name; default 'plant' on PTZ cameras, 'furnace-door' on fixed ones; 'none' = empty. */
  scenario?: string;
  /** Background when no scenario sets it. */
  ambient?: number;
  /** ThermometryInformation period, seconds; default 30 as the camera. */
  informationPeriod?: number;
  /** Initial palette; default Iron. */
  palette?: string;
  /** World offset each PTZ preset looks at; default preset n -> [(n-1)*4, 0]. */
  presetViews?: Record<number, Point>;
  /** Guard tour settings; `run: true` starts it at attach. */
  tour?: TourOptions & { run?: boolean };
}

export type ControlCommand =
  | { action: 'scenario'; name: string }
  | ({ action: 'addSource' } & HeatSourceSpec)
  | { action: 'moveSource'; id: string; x: number; y: number }
  | { action: 'removeSource'; id: string }
  | { action: 'setRegion'; vertices: Point[]; temperature: number; id?: string }
  | { action: 'step'; seconds: number }
  | { action: 'preset'; presetNbr: number | null }
  | { action: 'tour'; run: boolean; dwell?: number };

export class ControlError extends Error {}

const SOURCE_NUMBERS = ['x', 'y', 'radius', 'width', 'height', 'vx', 'vy', 'ramp', 'rampLimit', 'softness'] as const;

/** A heat source from the control endpoint: numbers where numbers go, a known shape, sane sizes. */
function checkSource(spec: Partial<HeatSourceSpec>): void {
  if (typeof spec.temperature !== 'number' || !Number.isFinite(spec.temperature)) {
    throw new ControlError('addSource needs a temperature (celsius)');
  }
  for (const key of SOURCE_NUMBERS) {
    const v = spec[key];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > 1000)) {
      throw new ControlError(`addSource: ${key} must be a number within ±1000`);
    }
  }
  if (spec.id !== undefined && (typeof spec.id !== 'string' || spec.id.length > 60))
    throw new ControlError('addSource: id must be a string of at most 60 characters');
  if (spec.shape !== undefined && !['disc', 'rect', 'polygon'].includes(spec.shape)) throw new ControlError('addSource: shape is disc, rect or polygon');
  for (const pair of [spec.vertices ?? [], spec.wrapX ? [spec.wrapX] : [], spec.rampRange ? [spec.rampRange] : []]) {
    for (const p of pair as unknown[]) {
      if (!Array.isArray(p) || p.length !== 2 || !p.every((n) => typeof n === 'number' && Number.isFinite(n))) {
        throw new ControlError('addSource: vertices, wrapX and rampRange hold [number, number] pairs');
      }
    }
  }
  if (spec.shape === 'polygon' && (!spec.vertices || spec.vertices.length < 3)) throw new ControlError('addSource: a polygon needs 3 vertices or more');
}

export class ThermalScene implements Sensor {
  readonly field: TemperatureField;
  readonly clock: SceneClock;
  readonly frameRate: number;
  readonly alarms: AlarmEngine;
  readonly masks: MaskCache;
  palette: string;
  scenario: string;
  private camera: CameraModel | undefined;
  private tour: GuardTour | undefined;
  private ticker: RealtimeTicker | undefined;
  private carry = 0;
  private frames = 0;
  private readonly presetViews: Record<number, Point>;
  private readonly onChange = () => this.evaluate();
  private readonly onPreset = (nbr: number | null) => this.lookAt(nbr);

  constructor(private readonly options: SceneOptions = {}) {
    this.field = new TemperatureField({
      width: options.width,
      height: options.height,
      seed: options.seed,
      noise: options.noise,
      ambient: options.ambient,
    });
    this.clock = new SceneClock(options.clock ?? 'realtime');
    this.frameRate = options.frameRate ?? 8;
    if (!(this.frameRate > 0)) throw new RangeError('frameRate must be positive');
    this.masks = new MaskCache(this.field.width, this.field.height);
    this.alarms = new AlarmEngine({
      emit: (ev) => this.camera?.emit('thermometry-event', ev),
      informationPeriod: options.informationPeriod,
    });
    this.palette = options.palette && PALETTE_NAMES.includes(options.palette) ? options.palette : 'Iron';
    this.presetViews = { ...(options.presetViews ?? {}) };
    this.scenario = options.scenario ?? 'none';
    if (options.scenario && options.scenario !== 'none') this.setScenario(options.scenario);
  }

  // ---- Sensor ----------------------------------------------------------------

  readArea(vertices: Point[]): SensorAreaReading {
    return this.masks.read(this.field, vertices);
  }

  readSpot(point: Point): number {
    return spotReading(this.field, point);
  }

  areaTriggered(areaId: number): boolean {
    return this.alarms.areaTriggered(areaId);
  }

  groupStatus(groupId: number): GroupReading | undefined {
    const g = this.alarms.groupStatus(groupId);
    if (!g) return undefined;
    return {
      triggered: g.triggered,
      currentDeviation: g.celsius.currentDeviation,
      maxAreaId: g.maxAreaId,
      maxAreaTemp: g.celsius.maxAreaTemp,
      minAreaId: g.minAreaId,
      minAreaTemp: g.celsius.minAreaTemp,
    };
  }

  attach(camera: CameraModel): void {
    if (this.camera) this.detach();
    this.camera = camera;
    if (this.options.scenario === undefined && this.scenario === 'none') {
      this.setScenario(camera.isPtz ? 'plant' : 'furnace-door');
    }
    camera.eventStateProvider = () => this.eventStates();
    camera.on('change', this.onChange);
    camera.on('preset', this.onPreset);
    if (camera.isPtz) {
      this.tour = new GuardTour(camera, this.options.tour);
      if (this.options.tour?.run) this.tour.run(this.clock.now());
    }
    this.lookAt(camera.currentPreset);
    if (this.clock.mode === 'realtime') {
      this.ticker = new RealtimeTicker(this.frameRate, (elapsed) => this.advance(elapsed));
      this.ticker.start();
    }
  }

  detach(): void {
    this.ticker?.stop();
    this.ticker = undefined;
    const camera = this.camera;
    if (!camera) return;
    camera.off('change', this.onChange);
    camera.off('preset', this.onPreset);
    if (camera.eventStateProvider) camera.eventStateProvider = undefined;
    this.tour?.stop();
    this.tour = undefined;
    this.camera = undefined;
    this.alarms.reset();
  }

  // ---- time ------------------------------------------------------------------

  /** Runs the scene forward by `seconds`, frame by frame (1/frameRate each, the last one shorter). */
  step(seconds: number): void {
    if (!(seconds >= 0) || !Number.isFinite(seconds)) throw new RangeError('seconds must be a non-negative number');
    const frame = 1 / this.frameRate;
    let left = seconds;
    while (left > 1e-9) {
      const dt = Math.min(frame, left);
      this.frame(dt);
      left -= dt;
    }
  }

  /** Realtime: whole frames for the elapsed wall time, the remainder carried to the next call. */
  private advance(elapsed: number): void {
    this.carry += elapsed;
    const frame = 1 / this.frameRate;
    while (this.carry >= frame - 1e-9) {
      this.carry -= frame;
      this.frame(frame);
    }
  }

  /** One frame: move the sources, render, judge the alarms, move the tour. */
  frame(dt: number): void {
    this.clock.advance(dt);
    this.field.advance(dt);
    this.field.render();
    this.frames++;
    this.evaluate();
    const camera = this.camera;
    if (this.tour && camera) this.tour.update(this.clock.now(), this.alarms.alarmActiveOnPreset(camera.currentPreset));
  }

  /** Frames rendered since creation. */
  get frameCount(): number {
    return this.frames;
  }

  /** Judges the alarms on the current frame (also right after a configuration change). */
  evaluate(): void {
    const camera = this.camera;
    if (!camera) return;
    this.alarms.update(this.alarmInput(camera));
  }

  private alarmInput(camera: CameraModel): AlarmInput {
    const areas: AlarmArea[] = [];
    for (const a of camera.areas.values()) {
      areas.push({
        id: a.id,
        name: a.name,
        enabled: a.enabled,
        detectionType: a.detectionType,
        measurement: a.measurement,
        threshold: a.threshold,
        delay: a.delay,
        vertices: a.vertices,
        presetNbr: a.presetNbr,
      });
    }
    areas.sort((a, b) => a.id - b.id);
    const groups: AlarmGroup[] = [];
    for (const g of camera.groups.values()) {
      groups.push({
        id: g.id,
        name: g.name,
        enabled: camera.groupEnabled(g),
        measurement: g.measurement,
        threshold: g.threshold,
        delay: g.delay,
        areaIds: g.areaIds,
        presetNbr: g.presetNbr,
      });
    }
    groups.sort((a, b) => a.id - b.id);
    return {
      time: this.clock.now(),
      areas,
      groups,
      ptz: camera.isPtz,
      presets: camera.presets.map((p) => p.nbr),
      currentPreset: camera.currentPreset,
      read: (vertices) => this.masks.read(this.field, vertices),
      scale: camera.scale,
      presetName: (n) => camera.presetName(n),
    };
  }

  eventStates(): CameraEvent[] {
    return this.alarms.eventStates();
  }

  // ---- PTZ -------------------------------------------------------------------

  presetView(nbr: number): Point {
    return this.presetViews[nbr] ?? defaultPresetView(nbr);
  }

  /** Points the sensor at a preset's view (between presets it keeps the last one) and re-renders at once. */
  private lookAt(nbr: number | null): void {
    if (this.camera?.isPtz && nbr !== null) this.field.viewOffset = this.presetView(nbr);
    else if (!this.camera?.isPtz) this.field.viewOffset = [0, 0];
    this.field.render();
    this.evaluate();
  }

  get tourState(): TourState | undefined {
    return this.tour?.state;
  }

  // ---- scene control -----------------------------------------------------------

  setScenario(name: string): void {
    const presets = this.camera?.isPtz ? this.camera.presets.map((p) => p.nbr) : undefined;
    applyScenario(this.field, name, presets);
    this.scenario = name;
    this.field.render();
    this.evaluate();
  }

  /** The emulator-only control endpoint's commands (see routes.ts). Returns a short state summary. */
  control(command: ControlCommand): Record<string, unknown> {
    // The HTTP route hands parsed JSON; a script may hand an object of another realm (a vm, a Function node).
    if (!isPlainObject(command as unknown))
      throw new ControlError(`a control command is an object such as {"action": "step", "seconds": 5}, got ${describeType(command)}`);
    const camera = this.camera;
    switch (command.action) {
      case 'scenario':
        if (typeof command.name !== 'string' || !SCENARIO_NAMES.includes(command.name)) {
          throw new ControlError(`unknown scenario; known: ${SCENARIO_NAMES.join(', ')}`);
        }
        this.setScenario(command.name);
        break;
      case 'addSource': {
        const { action: _a, ...spec } = command;
        checkSource(spec);
        const source = this.field.addSource(spec);
        this.field.render();
        this.evaluate();
        return { ...this.summary(), id: source.id };
      }
      case 'moveSource': {
        const source = this.field.sources.find((s) => s.id === command.id);
        if (!source) throw new ControlError(`no source "${String(command.id)}"`);
        if (typeof command.x !== 'number' || typeof command.y !== 'number') throw new ControlError('moveSource needs x and y');
        const dx = command.x - source.x;
        const dy = command.y - source.y;
        source.x = command.x;
        source.y = command.y;
        if (source.vertices)
          for (const p of source.vertices) {
            p[0] += dx;
            p[1] += dy;
          }
        this.field.render();
        this.evaluate();
        break;
      }
      case 'removeSource':
        if (!this.field.removeSource(command.id)) throw new ControlError(`no source "${String(command.id)}"`);
        this.field.render();
        this.evaluate();
        break;
      case 'setRegion': {
        const v = command.vertices;
        if (!Array.isArray(v) || v.length < 3 || !v.every((p) => Array.isArray(p) && p.length === 2 && p.every(Number.isFinite))) {
          throw new ControlError('setRegion needs at least 3 vertices [x, y]');
        }
        if (typeof command.temperature !== 'number') throw new ControlError('setRegion needs a temperature (celsius)');
        // Region vertices are in view coordinates; sources live in the world.
        const [ox, oy] = this.field.viewOffset;
        const source = this.field.addSource({
          id: command.id,
          shape: 'polygon',
          vertices: v.map((p) => [p[0] + ox, p[1] + oy] as Point),
          temperature: command.temperature,
        });
        this.field.render();
        this.evaluate();
        return { ...this.summary(), id: source.id };
      }
      case 'step':
        // Frames are computed synchronously: an hour at 8 fps is 28800 frames, a few seconds of CPU.
        if (typeof command.seconds !== 'number' || !(command.seconds >= 0) || command.seconds > 3600) {
          throw new ControlError('step needs seconds in 0..3600');
        }
        this.step(command.seconds);
        break;
      case 'preset':
        if (!camera?.isPtz) throw new ControlError('a fixed camera has no presets');
        if (command.presetNbr !== null && !camera.presetExists(command.presetNbr)) throw new ControlError('no such preset');
        camera.setCurrentPreset(command.presetNbr);
        break;
      case 'tour':
        if (!this.tour) throw new ControlError('a fixed camera has no guard tour');
        if (typeof command.dwell === 'number' && command.dwell > 0) this.tour.dwell = command.dwell;
        if (command.run) this.tour.run(this.clock.now());
        else this.tour.stop();
        break;
      default:
        throw new ControlError('unknown action; known: scenario, addSource, moveSource, removeSource, setRegion, step, preset, tour');
    }
    return this.summary();
  }

  summary(): Record<string, unknown> {
    return {
      time: this.clock.now(),
      frames: this.frames,
      scenario: this.scenario,
      sources: this.field.sources.map((s) => ({ id: s.id, shape: s.shape, x: s.x, y: s.y, temperature: s.temperature })),
      ...(this.camera?.isPtz ? { currentPreset: this.camera.currentPreset, tour: this.tourState } : {}),
    };
  }

  // ---- image -------------------------------------------------------------------

  /** The camera the scene is attached to (image.cgi asks it for its channels). */
  get cameraModel(): CameraModel | undefined {
    return this.camera;
  }

  /** The current frame as the camera shows it on `channel` (0: the first), with that channel's overlays (turned by image.cgi's rotation). */
  render(width?: number, height?: number, rotation: 0 | 180 = 0, channel = 0): RgbImage {
    const camera = this.camera;
    const view = camera ? channelView(camera, channel) : undefined;
    const scaleOf = (c: number) => (camera ? camera.fromCelsius(c) : c);
    const unit = camera?.scale === 'fahrenheit' ? 'F' : 'C';
    const format = (c: number) => `${scaleOf(c).toFixed(1)}°${unit}`;
    const areas: OverlayArea[] = [];
    if (camera) {
      for (const area of camera.activeAreas()) {
        if (view && !view.showsArea(area)) continue;
        const triggered = this.alarms.areaTriggered(area.id);
        if (area.areaOverlay === 'none' || (area.areaOverlay === 'if_triggered' && !triggered)) continue;
        const reading = this.readArea(area.vertices);
        areas.push({
          vertices: area.vertices,
          triggered,
          label: area.temperatureOverlay ? format(measuredValue(reading, area.measurement)) : undefined,
        });
      }
    }
    const iso = camera?.isotherms ?? { min: -40, low: 10, middle: 50, high: 100, renderOverlay: false };
    const toC = (v: number) => (camera ? camera.toCelsius(v) : v);
    const spot = view?.spot;
    return renderSnapshot({
      field: this.field,
      palette: view?.visual ? VISUAL_PALETTE : this.palette,
      levels: { min: toC(iso.min), low: toC(iso.low), middle: toC(iso.middle), high: toC(iso.high) },
      width,
      height,
      areas,
      spot: spot?.renderOverlay ? { point: spot.point, label: format(this.readSpot(spot.point)) } : undefined,
      scaleBar: iso.renderOverlay && !view?.visual,
      format,
      rotation,
    });
  }

  snapshotJpeg(width?: number, height?: number, quality = 85, rotation: 0 | 180 = 0, channel = 0): Buffer {
    return encodeJpeg(this.render(width, height, rotation, channel), quality);
  }
}

export { DEFAULT_PALETTE };
