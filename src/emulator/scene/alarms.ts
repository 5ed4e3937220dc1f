/**
 * The alarm engine: decides, frame by frame, which areas and groups are
 * triggered, the way the camera does, and emits a CameraEvent (src/api/events)
 * on every stateful change plus the periodic information event.
 *
 * Values are compared in the camera's current scale, because thresholds are
 * given in it (a 5-degree increase in fahrenheit is 5 °F, not 5 °C).
 */
import type { CameraEvent } from '../../api/events';
import type { DetectionType, GroupMeasurement, Measurement, Point, TemperatureScale } from '../../api/types';
import type { AreaReading } from './stats';

export type { CameraEvent };

export interface AlarmArea {
  id: number;
  name: string;
  enabled: boolean;
  detectionType: DetectionType;
  measurement: Measurement;
  threshold: number;
  delay: number;
  vertices: Point[];
  presetNbr: number;
}

export interface AlarmGroup {
  id: number;
  name: string;
  enabled: boolean;
  measurement: GroupMeasurement;
  threshold: number;
  delay: number;
  areaIds: number[];
  presetNbr: number;
}

export interface AlarmInput {
  /** Scene time, seconds. */
  time: number;
  areas: readonly AlarmArea[];
  groups: readonly AlarmGroup[];
  ptz: boolean;
  /** Preset numbers of the camera (PTZ), for the any-area-on-preset states. */
  presets: readonly number[];
  /** The preset the head stands on; null between presets (nothing is measured then). */
  currentPreset: number | null;
  /** Celsius readings of an area's polygon in the current frame. */
  read(vertices: Point[]): AreaReading;
  scale: TemperatureScale;
  presetName(presetNbr: number): string | undefined;
}

export interface GroupState {
  triggered: boolean;
  /** In the current scale (a difference). */
  currentDeviation: number;
  maxAreaId: number;
  maxAreaTemp: number;
  minAreaId: number;
  minAreaTemp: number;
  /** Same figures in celsius, for the Sensor interface. */
  celsius: { currentDeviation: number; maxAreaTemp: number; minAreaTemp: number };
}

interface AreaState {
  triggered: boolean;
  /** When the above/below condition started to hold; null when it does not. */
  since: number | null;
  /** (time, value) samples for increase/decrease, oldest first. */
  history: { t: number; v: number }[];
  configKey: string;
  reading?: AreaReading;
  presetNbr: number;
  name: string;
}

interface GroupRuntime extends GroupState {
  since: number | null;
  configKey: string;
  name: string;
  threshold: number;
  presetNbr: number;
  active: boolean;
}

const EPS = 1e-9;

export function toScale(celsius: number, scale: TemperatureScale): number {
  return scale === 'fahrenheit' ? celsius * 1.8 + 32 : celsius;
}

export function measuredValue(reading: AreaReading, measurement: Measurement): number {
  return measurement === 'maximum' ? reading.max : measurement === 'minimum' ? reading.min : reading.avg;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

export interface AlarmEngineOptions {
  emit(event: CameraEvent): void;
  /** Period of the ThermometryInformation event, seconds (the camera: 30). */
  informationPeriod?: number;
}

export class AlarmEngine {
  private readonly areaStates = new Map<number, AreaState>();
  private readonly groupStates = new Map<number, GroupRuntime>();
  private anyArea = false;
  private readonly anyOnPreset = new Map<number, boolean>();
  private lastInformation = 0;
  private lastInput: AlarmInput | undefined;
  readonly informationPeriod: number;

  constructor(private readonly options: AlarmEngineOptions) {
    this.informationPeriod = options.informationPeriod ?? 30;
  }

  areaTriggered(id: number): boolean {
    return this.areaStates.get(id)?.triggered ?? false;
  }

  /** Last reading the engine used for an area (celsius), if it is measured now. */
  areaReading(id: number): AreaReading | undefined {
    return this.areaStates.get(id)?.reading;
  }

  groupStatus(id: number): GroupState | undefined {
    const g = this.groupStates.get(id);
    if (!g || !g.active) return undefined;
    const { triggered, currentDeviation, maxAreaId, maxAreaTemp, minAreaId, minAreaTemp, celsius } = g;
    return { triggered, currentDeviation, maxAreaId, maxAreaTemp, minAreaId, minAreaTemp, celsius: { ...celsius } };
  }

  /** Whether any area or group alarm is active on a preset (the guard tour pauses on it). */
  alarmActiveOnPreset(presetNbr: number | null): boolean {
    for (const s of this.areaStates.values()) if (s.triggered && (presetNbr === null || s.presetNbr === presetNbr)) return true;
    for (const g of this.groupStates.values()) if (g.triggered && (presetNbr === null || g.presetNbr === presetNbr)) return true;
    return false;
  }

  /** Evaluates one frame. */
  update(input: AlarmInput): void {
    this.lastInput = input;
    const t = input.time;
    const unit = input.scale === 'fahrenheit' ? 'Fahrenheit' : 'Celsius';
    const present = new Set<number>();
    const valueIn = new Map<number, { reading: AreaReading; area: AlarmArea }>();

    for (const area of input.areas) {
      present.add(area.id);
      const configKey = `${input.scale}|${area.enabled}|${area.detectionType}|${area.measurement}|${area.threshold}|${area.delay}|${area.presetNbr}|${JSON.stringify(area.vertices)}`;
      let state = this.areaStates.get(area.id);
      if (!state) {
        state = { triggered: false, since: null, history: [], configKey, presetNbr: area.presetNbr, name: area.name };
        this.areaStates.set(area.id, state);
      } else if (state.configKey !== configKey) {
        // A changed condition (or scale: the history is in scale units) starts its delay and history afresh;
        // a held alarm is re-judged below.
        state.configKey = configKey;
        state.since = null;
        state.history = [];
      }
      state.presetNbr = area.presetNbr;
      state.name = area.name;
      const measured = area.enabled && (!input.ptz || (input.currentPreset !== null && area.presetNbr === input.currentPreset));
      if (!measured) {
        state.since = null;
        state.history = [];
        state.reading = undefined;
        if (state.triggered) this.setArea(area, state, false, unit, input);
        continue;
      }
      const reading = input.read(area.vertices);
      state.reading = reading;
      valueIn.set(area.id, { reading, area });
      const v = toScale(measuredValue(reading, area.measurement), input.scale);
      let condition: boolean;
      if (area.detectionType === 'above' || area.detectionType === 'below') {
        const holds = area.detectionType === 'above' ? v > area.threshold : v < area.threshold;
        if (!holds) state.since = null;
        else if (state.since === null) state.since = t;
        condition = state.triggered ? holds : holds && t - (state.since as number) >= area.delay - EPS;
      } else {
        const last = state.history[state.history.length - 1];
        // A re-evaluation at the same instant (after a configuration change) replaces its sample.
        if (last && last.t === t) last.v = v;
        else state.history.push({ t, v });
        // The samples of the last `delay` seconds; delay 0 compares with the previous frame.
        if (area.delay <= 0) {
          while (state.history.length > 2) state.history.shift();
        } else {
          const cutoff = t - area.delay - EPS;
          while (state.history.length > 1 && state.history[0].t < cutoff) state.history.shift();
        }
        let extreme = v;
        for (const s of state.history) {
          if (area.detectionType === 'increase' ? s.v < extreme : s.v > extreme) extreme = s.v;
        }
        const change = area.detectionType === 'increase' ? v - extreme : extreme - v;
        condition = change >= area.threshold - EPS && area.threshold > 0;
      }
      if (condition !== state.triggered) this.setArea(area, state, condition, unit, input);
    }
    // Removed areas: their alarm ends with them.
    for (const [id, state] of this.areaStates) {
      if (present.has(id)) continue;
      if (state.triggered) {
        state.triggered = false;
        this.options.emit(this.areaEvent(id, state, unit, input));
      }
      this.areaStates.delete(id);
    }

    this.updateGroups(input, valueIn, t);
    this.updateDerived(input);

    if (t - this.lastInformation >= this.informationPeriod - EPS) {
      this.lastInformation = t;
      for (const { area, reading } of valueIn.values()) {
        this.options.emit({
          topic: 'ThermometryInformation',
          stateful: false,
          source: { AreaID: area.id },
          data: { AreaName: area.name, ...(input.ptz ? { PresetNbr: area.presetNbr } : {}), ...readingData(reading, unit, input.scale) },
        });
      }
    }
  }

  private setArea(area: AlarmArea, state: AreaState, triggered: boolean, unit: string, input: AlarmInput): void {
    state.triggered = triggered;
    this.options.emit(this.areaEvent(area.id, state, unit, input));
  }

  private areaEvent(id: number, state: AreaState, unit: string, input: AlarmInput): CameraEvent {
    return {
      topic: 'TemperatureDetection',
      stateful: true,
      source: { AreaID: id },
      data: {
        AlarmActive: state.triggered,
        AreaName: state.name,
        ...(input.ptz ? { PresetNbr: state.presetNbr } : {}),
        ...(state.reading ? readingData(state.reading, unit, input.scale) : { TemperatureUnit: unit }),
      },
    };
  }

  private updateGroups(input: AlarmInput, values: Map<number, { reading: AreaReading; area: AlarmArea }>, t: number): void {
    const present = new Set<number>();
    for (const group of input.groups) {
      present.add(group.id);
      const configKey = `${input.scale}|${group.enabled}|${group.measurement}|${group.threshold}|${group.delay}|${group.areaIds.join(',')}`;
      let g = this.groupStates.get(group.id);
      if (!g) {
        g = {
          triggered: false,
          currentDeviation: 0,
          maxAreaId: -1,
          maxAreaTemp: 0,
          minAreaId: -1,
          minAreaTemp: 0,
          celsius: { currentDeviation: 0, maxAreaTemp: 0, minAreaTemp: 0 },
          since: null,
          configKey,
          name: group.name,
          threshold: group.threshold,
          presetNbr: group.presetNbr,
          active: false,
        };
        this.groupStates.set(group.id, g);
      } else if (g.configKey !== configKey) {
        g.configKey = configKey;
        g.since = null;
      }
      g.name = group.name;
      g.threshold = group.threshold;
      g.presetNbr = group.presetNbr;
      // Members measured now, in areaIds order; a group with a missing or unmeasured member is off.
      const members = group.areaIds.map((id) => values.get(id));
      const active =
        group.enabled && group.areaIds.length >= 2 && members.every((m) => m !== undefined) && (!input.ptz || group.presetNbr === input.currentPreset);
      g.active = active;
      if (!active) {
        g.since = null;
        if (g.triggered) this.setGroup(group.id, g, false, input);
        continue;
      }
      let maxC = -Infinity,
        minC = Infinity,
        maxId = -1,
        minId = -1;
      for (const m of members as { reading: AreaReading; area: AlarmArea }[]) {
        const measurement = group.measurement === 'inherit' ? m.area.measurement : group.measurement;
        const c = measuredValue(m.reading, measurement);
        if (c > maxC) {
          maxC = c;
          maxId = m.area.id;
        }
        if (c < minC) {
          minC = c;
          minId = m.area.id;
        }
      }
      const deviation = toScale(maxC, input.scale) - toScale(minC, input.scale);
      g.currentDeviation = round2(deviation);
      g.maxAreaId = maxId;
      g.maxAreaTemp = round2(toScale(maxC, input.scale));
      g.minAreaId = minId;
      g.minAreaTemp = round2(toScale(minC, input.scale));
      g.celsius = { currentDeviation: maxC - minC, maxAreaTemp: maxC, minAreaTemp: minC };
      const holds = deviation > group.threshold;
      if (!holds) g.since = null;
      else if (g.since === null) g.since = t;
      const condition = g.triggered ? holds : holds && t - (g.since as number) >= group.delay - EPS;
      if (condition !== g.triggered) this.setGroup(group.id, g, condition, input);
    }
    for (const [id, g] of this.groupStates) {
      if (present.has(id)) continue;
      if (g.triggered) this.setGroup(id, g, false, input);
      this.groupStates.delete(id);
    }
  }

  private setGroup(id: number, g: GroupRuntime, triggered: boolean, input: AlarmInput): void {
    g.triggered = triggered;
    this.options.emit(this.groupEvent(id, g, input));
  }

  private groupEvent(id: number, g: GroupRuntime, input: AlarmInput): CameraEvent {
    const presetName = input.ptz ? input.presetName(g.presetNbr) : undefined;
    return {
      topic: 'DeviationDetection',
      stateful: true,
      source: { GroupID: id },
      data: {
        AlarmActive: g.triggered,
        GroupName: g.name,
        DeltaTemp: g.currentDeviation,
        ThresholdTemp: g.threshold,
        ...(input.ptz ? { PresetNbr: g.presetNbr } : {}),
        ...(presetName !== undefined ? { PresetName: presetName } : {}),
      },
    };
  }

  private updateDerived(input: AlarmInput): void {
    let any = false;
    const onPreset = new Map<number, boolean>();
    for (const p of input.presets) onPreset.set(p, false);
    for (const s of this.areaStates.values()) {
      if (!s.triggered) continue;
      any = true;
      onPreset.set(s.presetNbr, true);
    }
    if (any !== this.anyArea) {
      this.anyArea = any;
      this.options.emit(anyAreaEvent(any));
    }
    if (!input.ptz) return;
    for (const [p, active] of onPreset) {
      if ((this.anyOnPreset.get(p) ?? false) !== active) {
        this.anyOnPreset.set(p, active);
        this.options.emit(anyOnPresetEvent(p, active));
      }
    }
  }

  /** The current state of every stateful event (the initial notification after configure). */
  eventStates(): CameraEvent[] {
    const input = this.lastInput;
    if (!input) return [anyAreaEvent(false)];
    const unit = input.scale === 'fahrenheit' ? 'Fahrenheit' : 'Celsius';
    const events: CameraEvent[] = [];
    for (const [id, state] of this.areaStates) events.push(this.areaEvent(id, state, unit, input));
    events.push(anyAreaEvent(this.anyArea));
    if (input.ptz) for (const p of input.presets) events.push(anyOnPresetEvent(p, this.anyOnPreset.get(p) ?? false));
    for (const group of input.groups) {
      const g = this.groupStates.get(group.id);
      if (g && group.enabled) events.push(this.groupEvent(group.id, g, input));
    }
    return events;
  }

  /** Forgets every state without emitting (a new scene, or a detach). */
  reset(): void {
    this.areaStates.clear();
    this.groupStates.clear();
    this.anyArea = false;
    this.anyOnPreset.clear();
    this.lastInput = undefined;
  }
}

function anyAreaEvent(active: boolean): CameraEvent {
  return { topic: 'TemperatureDetectionAnyArea', stateful: true, source: {}, data: { AreaName: 'AnyArea', AlarmActive: active } };
}

function anyOnPresetEvent(presetNbr: number, active: boolean): CameraEvent {
  return {
    topic: 'TemperatureDetectionAnyAreaOnPreset',
    stateful: true,
    source: { PresetNbr: presetNbr },
    data: { PresetNbr: presetNbr, AreaName: 'AnyAreaOnPreset', AlarmActive: active },
  };
}

function readingData(r: AreaReading, unit: string, scale: TemperatureScale): Record<string, string | number> {
  return {
    AverageTemp: round2(toScale(r.avg, scale)),
    MaximumTemp: round2(toScale(r.max, scale)),
    MinimumTemp: round2(toScale(r.min, scale)),
    TemperatureUnit: unit,
    MaxTempPositionX: round2(r.maxCoordinates[0]),
    MaxTempPositionY: round2(r.maxCoordinates[1]),
    MinTempPositionX: round2(r.minCoordinates[0]),
    MinTempPositionY: round2(r.minCoordinates[1]),
  };
}
