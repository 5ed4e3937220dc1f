/**
 * The state of an emulated thermal camera and the rules a camera enforces on it.
 *
 * Values are kept as the camera shows them: thresholds and isotherm levels in
 * the current temperature scale (converted when the scale changes). Readings
 * come from a Sensor in celsius and are converted when answering.
 *
 * Emits:
 *  - 'change' (CameraChange) after every configuration change (persistence, scene);
 *  - 'preset' (number | null) when the PTZ head moves;
 *  - 'thermometry-event' (CameraEvent) from the scene's alarm engine.
 */
import { EventEmitter } from 'node:events';
import type { CameraEvent } from '../api/events';
import type {
  AddAreaParams,
  AddGroupParams,
  Area,
  AreaStatus,
  GroupStatus,
  ConfigurationCapabilities,
  CoordinateSystem,
  DetectionType,
  GroupMeasurement,
  Point,
  TemperatureScale,
} from '../api/types';
import type { OverlayMapping } from '../api/types';
import { CameraChannels, SavedSpot, SpotState } from './channels';
import type { CameraProfile, PresetInfo } from './profiles';
import { FlatSensor, Sensor } from './sensor';
import { invalidParam, VapixError } from './vapix-error';

export type { SpotState } from './channels';

/**
 * An area as the camera keeps it: the API's Area (threshold in the current scale, a
 * temperature for above/below and a change in degrees for increase/decrease; presetNbr 0
 * on fixed cameras).
 */
export type AreaRecord = Area;

export interface GroupRecord {
  id: number;
  /** What the user asked for; the group's real state is CameraModel.groupEnabled(). */
  requestedEnabled: boolean;
  name: string;
  measurement: GroupMeasurement;
  /** Allowed deviation, in degrees of the current scale. */
  threshold: number;
  delay: number;
  areaIds: number[];
  groupOverlay: boolean;
  /** 0 on fixed cameras. */
  presetNbr: number;
}

export interface IsothermState {
  high: number;
  middle: number;
  low: number;
  min: number;
  renderOverlay: boolean;
}

export interface TgtState {
  pauseOnAlarm: boolean;
  autoResume: boolean;
}

/** The configuration a camera keeps over a restart (persistence.ts writes it). */
export interface CameraState {
  /** Saved by a PTZ profile (areas on presets) or a fixed one (preset 0). */
  ptz: boolean;
  scale: TemperatureScale;
  areas: AreaRecord[];
  groups: GroupRecord[];
  /** The default image source's spot (the only one before API 1.3). */
  spot: SpotState;
  isotherms: IsothermState;
  tgt: TgtState;
  /** API 1.3: every image source's spot meter (absent in files saved before). */
  spots?: SavedSpot[];
  /** API 1.3: the overlay channels of each image source. */
  overlays?: OverlayMapping[];
}

export type CameraChange =
  | { what: 'area'; action: 'add' | 'update' | 'remove'; ids: number[] }
  | { what: 'group'; action: 'add' | 'update' | 'remove'; ids: number[] }
  | { what: 'scale'; scale: TemperatureScale }
  | { what: 'isotherms' }
  | { what: 'spot'; imagesource: number }
  | { what: 'overlay'; imagesource: number; overlayChannel: number; action: 'add' | 'remove' }
  | { what: 'tgt' }
  | { what: 'preset'; preset: number | null }
  | { what: 'load' };

/** What addArea and addGroup take, as the API defines them. */
export type AreaInput = AddAreaParams;
export type GroupInput = AddGroupParams;

export const celsiusToFahrenheit = (c: number) => (c * 9) / 5 + 32;
export const fahrenheitToCelsius = (f: number) => ((f - 32) * 5) / 9;

/** Round to one decimal, as readings are shown. */
export const round1 = (v: number) => Math.round(v * 10) / 10;

const DELTA_TYPES: readonly DetectionType[] = ['increase', 'decrease'];

export class CameraModel extends EventEmitter {
  readonly profile: CameraProfile;
  /** Readings provider; start() may replace the flat default with the scene. */
  sensor: Sensor;
  scale: TemperatureScale = 'celsius';
  readonly areas = new Map<number, AreaRecord>();
  readonly groups = new Map<number, GroupRecord>();
  /** Image sources, their spot meters and overlay channels (API 1.3). */
  readonly channels: CameraChannels;
  isotherms: IsothermState;
  tgt: TgtState = { pauseOnAlarm: false, autoResume: false };
  /** Preset the PTZ head stands on; null between presets and always on fixed cameras. */
  currentPreset: number | null;
  /** The scene sets this so eventStates() reports its alarm states. */
  eventStateProvider?: () => CameraEvent[];

  constructor(profile: CameraProfile, sensor: Sensor = new FlatSensor()) {
    super();
    this.profile = profile;
    this.sensor = sensor;
    this.currentPreset = profile.ptz ? profile.currentPreset : null;
    this.channels = new CameraChannels(profile);
    this.isotherms = { high: 100, middle: 50, low: 10, min: profile.limits.minCelsius, renderOverlay: false };
  }

  // ---- facts ---------------------------------------------------------------

  get isPtz(): boolean {
    return this.profile.ptz;
  }

  get presets(): readonly PresetInfo[] {
    return this.profile.presets;
  }

  presetExists(nbr: number): boolean {
    return this.profile.presets.some((p) => p.nbr === nbr);
  }

  presetName(nbr: number): string | undefined {
    return this.profile.presets.find((p) => p.nbr === nbr)?.name;
  }

  minTemperature(): number {
    return Math.round(this.fromCelsius(this.profile.limits.minCelsius));
  }

  maxTemperature(): number {
    return Math.round(this.fromCelsius(this.profile.limits.maxCelsius));
  }

  /** The default image source's spot (the one spot of cameras before API 1.3). */
  get spot(): SpotState {
    return this.channels.spot();
  }

  capabilities(): ConfigurationCapabilities {
    const l = this.profile.limits;
    return {
      currentTemperatureScale: this.scale,
      minTemperature: this.minTemperature(),
      maxTemperature: this.maxTemperature(),
      maxNumberOfAreas: l.maxNumberOfAreas,
      maxNumberOfVertices: l.maxNumberOfVertices,
      maxDelayTime: l.maxDelayTime,
      defaultDelayTime: l.defaultDelayTime,
      maxNameLength: l.maxNameLength,
      maxGroups: l.maxGroups,
      imagesources: this.channels.imageSources(),
      overlayChannels: this.channels.overlayChannels(),
    };
  }

  /** A celsius temperature in the current scale. */
  fromCelsius(celsius: number): number {
    return this.scale === 'celsius' ? celsius : celsiusToFahrenheit(celsius);
  }

  /** A temperature of the current scale in celsius. */
  toCelsius(value: number): number {
    return this.scale === 'celsius' ? value : fahrenheitToCelsius(value);
  }

  /** A temperature difference in celsius, in the current scale (no offset). */
  deltaFromCelsius(delta: number): number {
    return this.scale === 'celsius' ? delta : (delta * 9) / 5;
  }

  /** A temperature difference of the current scale, in celsius. */
  deltaToCelsius(delta: number): number {
    return this.scale === 'celsius' ? delta : (delta * 5) / 9;
  }

  /** An area's threshold in celsius (a difference for increase/decrease), for the scene. */
  areaThresholdCelsius(area: AreaRecord): number {
    return DELTA_TYPES.includes(area.detectionType) ? this.deltaToCelsius(area.threshold) : this.toCelsius(area.threshold);
  }

  /** A group's threshold (allowed deviation) in celsius, for the scene. */
  groupThresholdCelsius(group: GroupRecord): number {
    return this.deltaToCelsius(group.threshold);
  }

  // ---- which areas and groups are active -----------------------------------

  /** Areas that count now: on fixed cameras all, on PTZ those of the current preset. */
  private onActivePreset(presetNbr: number): boolean {
    if (!this.isPtz) return true;
    return this.currentPreset !== null && presetNbr === this.currentPreset;
  }

  /** Enabled areas being analysed now (current preset on PTZ; none between presets). */
  activeAreas(): AreaRecord[] {
    return [...this.areas.values()].filter((a) => a.enabled && this.onActivePreset(a.presetNbr)).sort((a, b) => a.id - b.id);
  }

  /** Groups that are really enabled and on the current preset. */
  activeGroups(): GroupRecord[] {
    return [...this.groups.values()].filter((g) => this.groupEnabled(g) && this.onActivePreset(g.presetNbr)).sort((a, b) => a.id - b.id);
  }

  /** Member areas that exist, are enabled and sit on the group's preset. */
  validMembers(group: GroupRecord): AreaRecord[] {
    const members: AreaRecord[] = [];
    for (const id of group.areaIds) {
      const area = this.areas.get(id);
      if (area && area.enabled && area.presetNbr === group.presetNbr) members.push(area);
    }
    return members;
  }

  /** A group's real state: enabled only when asked and it has at least two valid areas, all valid. */
  groupEnabled(group: GroupRecord): boolean {
    return group.requestedEnabled && group.areaIds.length >= 2 && this.validMembers(group).length === group.areaIds.length;
  }

  /** Current state of every stateful event (initial notification); filled by the scene. */
  eventStates(): CameraEvent[] {
    return this.eventStateProvider ? this.eventStateProvider() : [];
  }

  // ---- configuration -------------------------------------------------------

  private changed(change: CameraChange): void {
    this.emit('change', change);
  }

  setTemperatureScale(unit: TemperatureScale): void {
    if (unit === this.scale) return;
    const absolute = (v: number) => (unit === 'fahrenheit' ? celsiusToFahrenheit(v) : fahrenheitToCelsius(v));
    const delta = (v: number) => (unit === 'fahrenheit' ? (v * 9) / 5 : (v * 5) / 9);
    this.scale = unit;
    const minT = this.minTemperature();
    const maxT = this.maxTemperature();
    const clamp = (v: number) => Math.min(maxT, Math.max(minT, v));
    for (const area of this.areas.values()) {
      area.threshold = DELTA_TYPES.includes(area.detectionType) ? Math.max(1, Math.round(delta(area.threshold))) : clamp(Math.round(absolute(area.threshold)));
    }
    for (const group of this.groups.values()) group.threshold = Math.max(1, Math.round(delta(group.threshold)));
    const iso = this.isotherms;
    this.isotherms = this.orderedIsotherms({
      min: Math.round(absolute(iso.min)),
      low: Math.round(absolute(iso.low)),
      middle: Math.round(absolute(iso.middle)),
      high: Math.round(absolute(iso.high)),
      renderOverlay: iso.renderOverlay,
    });
    this.changed({ what: 'scale', scale: unit });
  }

  /** Rounding may make converted levels touch; keep them unique, rising and within range. */
  private orderedIsotherms(levels: IsothermState): IsothermState {
    const minT = this.minTemperature();
    const maxT = this.maxTemperature();
    const min = Math.min(Math.max(levels.min, minT), maxT - 3);
    const low = Math.min(Math.max(levels.low, min + 1), maxT - 2);
    const middle = Math.min(Math.max(levels.middle, low + 1), maxT - 1);
    const high = Math.min(Math.max(levels.high, middle + 1), maxT);
    return { min, low, middle, high, renderOverlay: levels.renderOverlay };
  }

  setIsothermLevels(levels: { high: number; middle: number; low: number; min?: number; renderOverlay: boolean }): void {
    const minT = this.minTemperature();
    const maxT = this.maxTemperature();
    const min = levels.min ?? minT;
    const ranges: [string, number, number, number][] = [
      ['min', min, minT, maxT - 3],
      ['low', levels.low, minT + 1, maxT - 2],
      ['middle', levels.middle, minT + 2, maxT - 1],
      ['high', levels.high, minT + 3, maxT],
    ];
    for (const [name, value, lo, hi] of ranges) {
      if (value < lo || value > hi) throw invalidParam(name, `must be within ${lo}..${hi}`);
    }
    if (!(min < levels.low && levels.low < levels.middle && levels.middle < levels.high)) {
      throw new VapixError(2104, 'Invalid parameter: Levels not in correct order.');
    }
    this.isotherms = { high: levels.high, middle: levels.middle, low: levels.low, min, renderOverlay: levels.renderOverlay };
    this.changed({ what: 'isotherms' });
  }

  /** The preset an area or group goes on: ignored (0) on fixed cameras, must exist on PTZ. */
  private resolvePreset(presetNbr: number | undefined): number {
    if (!this.isPtz) return 0;
    const nbr = presetNbr ?? this.currentPreset ?? undefined;
    if (nbr === undefined || !this.presetExists(nbr)) {
      throw new VapixError(1200, `Preset does not exist${nbr === undefined ? '' : `: ${nbr}`}`);
    }
    return nbr;
  }

  private checkAreaThreshold(detectionType: DetectionType, threshold: number): void {
    if (DELTA_TYPES.includes(detectionType) && threshold <= 0) {
      throw invalidParam('threshold', `must be positive for ${detectionType}`);
    }
  }

  private lowestFreeId(used: Map<number, unknown>, first: number): number {
    let id = first;
    while (used.has(id)) id++;
    return id;
  }

  private areasOnPreset(presetNbr: number): number {
    let n = 0;
    for (const a of this.areas.values()) if (a.presetNbr === presetNbr) n++;
    return n;
  }

  /** API 1.3: an area's name is unique (2104); a camera asked in an older version lets a name repeat. */
  private checkUniqueName(name: string, selfId: number | undefined): void {
    for (const a of this.areas.values()) {
      if (a.id !== selfId && a.name === name) throw new VapixError(2104, 'The specified name is already in use.');
    }
  }

  addArea(input: AreaInput, rules: { uniqueName?: boolean } = {}): number {
    this.checkAreaThreshold(input.detectionType, input.threshold);
    const presetNbr = this.resolvePreset(input.presetNbr);
    if (this.areasOnPreset(presetNbr) >= this.profile.limits.maxNumberOfAreas) {
      throw new VapixError(1200, 'Maximum amount of areas in preset reached');
    }
    if (rules.uniqueName) this.checkUniqueName(input.name, undefined);
    const id = this.lowestFreeId(this.areas, 0);
    this.areas.set(id, {
      id,
      imagesource: input.imagesource ?? this.profile.defaultImageSource,
      enabled: input.enabled,
      name: input.name,
      detectionType: input.detectionType,
      measurement: input.measurement,
      threshold: input.threshold,
      delay: input.delay,
      vertices: input.vertices.map((p) => [p[0], p[1]] as Point),
      areaOverlay: input.areaOverlay ?? 'none',
      temperatureOverlay: input.temperatureOverlay ?? false,
      presetNbr,
    });
    this.changed({ what: 'area', action: 'add', ids: [id] });
    return id;
  }

  updateArea(id: number, input: AreaInput, rules: { uniqueName?: boolean } = {}): void {
    const area = this.areas.get(id);
    if (!area) throw new VapixError(1200, `Area ${id} could not be found`);
    this.checkAreaThreshold(input.detectionType, input.threshold);
    // presetNbr omitted keeps the area where it is.
    const presetNbr = this.isPtz && input.presetNbr === undefined ? area.presetNbr : this.resolvePreset(input.presetNbr);
    if (presetNbr !== area.presetNbr && this.areasOnPreset(presetNbr) >= this.profile.limits.maxNumberOfAreas) {
      throw new VapixError(1200, 'Maximum amount of areas in preset reached');
    }
    if (rules.uniqueName) this.checkUniqueName(input.name, id);
    Object.assign(area, {
      imagesource: input.imagesource ?? area.imagesource,
      enabled: input.enabled,
      name: input.name,
      detectionType: input.detectionType,
      measurement: input.measurement,
      threshold: input.threshold,
      delay: input.delay,
      vertices: input.vertices.map((p) => [p[0], p[1]] as Point),
      areaOverlay: input.areaOverlay ?? area.areaOverlay,
      temperatureOverlay: input.temperatureOverlay ?? area.temperatureOverlay,
      presetNbr,
    });
    this.changed({ what: 'area', action: 'update', ids: [id] });
  }

  /** Removes all or none; groups lose the removed areas as members. */
  removeAreas(ids: number[]): void {
    if (ids.length > this.profile.limits.maxNumberOfAreas) {
      throw invalidParam('areas', `at most ${this.profile.limits.maxNumberOfAreas} areas per request`);
    }
    for (const id of ids) {
      if (!this.areas.has(id)) throw new VapixError(1200, `Area ${id} could not be found`);
    }
    const removed = [...new Set(ids)];
    for (const id of removed) this.areas.delete(id);
    const touchedGroups: number[] = [];
    for (const group of this.groups.values()) {
      const kept = group.areaIds.filter((a) => !removed.includes(a));
      if (kept.length !== group.areaIds.length) {
        group.areaIds = kept;
        touchedGroups.push(group.id);
      }
    }
    this.changed({ what: 'area', action: 'remove', ids: removed });
    if (touchedGroups.length) this.changed({ what: 'group', action: 'update', ids: touchedGroups });
  }

  listAreas(presetNbr?: number): AreaRecord[] {
    if (this.isPtz && presetNbr && !this.presetExists(presetNbr)) {
      throw new VapixError(1200, `Preset does not exist: ${presetNbr}`);
    }
    const all = [...this.areas.values()].sort((a, b) => a.id - b.id);
    return this.isPtz && presetNbr ? all.filter((a) => a.presetNbr === presetNbr) : all;
  }

  /** The spot of `imagesource` (the default image source when omitted); 2104 for a channel that is not one. */
  setSpot(coordinates: Point, system: CoordinateSystem, imagesource?: number): void {
    this.channels.setSpot(coordinates, system, imagesource);
    this.changed({ what: 'spot', imagesource: imagesource ?? this.channels.defaultImageSource });
  }

  removeSpot(imagesource?: number): void {
    this.channels.removeSpot(imagesource);
    this.changed({ what: 'spot', imagesource: imagesource ?? this.channels.defaultImageSource });
  }

  spotCoordinates(system: CoordinateSystem, imagesource?: number): Point {
    const [x, y] = this.channels.spot(imagesource).point;
    return system === 'coord_0_1' ? [round4((x + 1) / 2), round4((1 - y) / 2)] : [round4(x), round4(y)];
  }

  spotTemperature(imagesource?: number): number {
    return round1(this.fromCelsius(this.sensor.readSpot(this.channels.spot(imagesource).point)));
  }

  addOverlayChannel(imagesource: number, overlayChannel: number): void {
    if (this.channels.addOverlay(imagesource, overlayChannel)) this.changed({ what: 'overlay', imagesource, overlayChannel, action: 'add' });
  }

  removeOverlayChannel(imagesource: number, overlayChannel: number): void {
    this.channels.removeOverlay(imagesource, overlayChannel);
    this.changed({ what: 'overlay', imagesource, overlayChannel, action: 'remove' });
  }

  requireTgt(): void {
    if (!this.isPtz) {
      throw new VapixError(1202, 'Method not supported: No guard tour settings available since camera is fixed.');
    }
  }

  setTgt(tgt: TgtState): void {
    this.requireTgt();
    this.tgt = { pauseOnAlarm: tgt.pauseOnAlarm, autoResume: tgt.autoResume };
    this.changed({ what: 'tgt' });
  }

  private checkGroup(input: GroupInput, presetNbr: number, selfId: number | undefined): void {
    for (const g of this.groups.values()) {
      if (g.id !== selfId && g.name === input.name) throw new VapixError(1200, 'Group name is not unique.');
    }
    if (new Set(input.areaIds).size !== input.areaIds.length) {
      throw new VapixError(1200, 'Group area configuration is invalid (an area is listed twice).');
    }
    if (input.areaIds.length > this.profile.limits.maxNumberOfAreas) {
      throw new VapixError(1200, 'Group area configuration is invalid (area limit reached).');
    }
    for (const id of input.areaIds) {
      const area = this.areas.get(id);
      if (!area) throw new VapixError(1200, `Group area configuration is invalid (area ${id} does not exist).`);
      if (area.presetNbr !== presetNbr) {
        throw new VapixError(1200, `Group area configuration is invalid (area ${id} is not on preset ${presetNbr}).`);
      }
    }
  }

  addGroup(input: GroupInput): { id: number; enabled: boolean } {
    const presetNbr = this.resolvePreset(input.presetNbr);
    let onPreset = 0;
    for (const g of this.groups.values()) if (g.presetNbr === presetNbr) onPreset++;
    if (onPreset >= this.profile.limits.maxGroups) {
      throw new VapixError(1200, 'Maximum number of groups for this preset already reached.');
    }
    this.checkGroup(input, presetNbr, undefined);
    const id = this.lowestFreeId(this.groups, 1);
    const group: GroupRecord = {
      id,
      requestedEnabled: input.enabled,
      name: input.name,
      measurement: input.measurement,
      threshold: input.threshold,
      delay: input.delay,
      areaIds: [...input.areaIds],
      groupOverlay: input.groupOverlay ?? false,
      presetNbr,
    };
    this.groups.set(id, group);
    this.changed({ what: 'group', action: 'add', ids: [id] });
    return { id, enabled: this.groupEnabled(group) };
  }

  updateGroup(id: number, input: GroupInput): { enabled: boolean } {
    const group = this.groups.get(id);
    if (!group) throw new VapixError(1200, 'Group ID is invalid.');
    this.checkGroup(input, group.presetNbr, id);
    Object.assign(group, {
      requestedEnabled: input.enabled,
      name: input.name,
      measurement: input.measurement,
      threshold: input.threshold,
      delay: input.delay,
      areaIds: [...input.areaIds],
      groupOverlay: input.groupOverlay ?? group.groupOverlay,
    });
    this.changed({ what: 'group', action: 'update', ids: [id] });
    return { enabled: this.groupEnabled(group) };
  }

  /** id 0 removes every group of every preset. */
  removeGroup(id: number): void {
    if (id === 0) {
      const ids = [...this.groups.keys()];
      this.groups.clear();
      this.changed({ what: 'group', action: 'remove', ids });
      return;
    }
    if (!this.groups.delete(id)) throw new VapixError(1200, 'Cannot remove group: Group does not exist');
    this.changed({ what: 'group', action: 'remove', ids: [id] });
  }

  listGroups(presetNbr?: number): GroupRecord[] {
    if (this.isPtz && presetNbr && !this.presetExists(presetNbr)) {
      throw new VapixError(1200, `Preset does not exist: ${presetNbr}`);
    }
    const all = [...this.groups.values()].sort((a, b) => a.id - b.id);
    return this.isPtz && presetNbr ? all.filter((g) => g.presetNbr === presetNbr) : all;
  }

  /** Moves the PTZ head (the scene or a test drives it); null = between presets. */
  setCurrentPreset(nbr: number | null): void {
    if (!this.isPtz) throw new Error('A fixed camera has no presets');
    if (nbr !== null && !this.presetExists(nbr)) throw new Error(`Preset ${nbr} does not exist`);
    if (nbr === this.currentPreset) return;
    this.currentPreset = nbr;
    this.emit('preset', nbr);
    this.changed({ what: 'preset', preset: nbr });
  }

  // ---- readings ------------------------------------------------------------

  /** getAreaStatus rows in the current scale, in tenths as a camera measures (coordinates -1..1, y up). */
  areaStatus(): AreaStatus[] {
    return this.activeAreas().map((area) => {
      const r = this.sensor.readArea(area.vertices);
      return {
        id: area.id,
        avg: round1(this.fromCelsius(r.avg)),
        min: round1(this.fromCelsius(r.min)),
        max: round1(this.fromCelsius(r.max)),
        minCoordinates: [round4(r.minCoordinates[0]), round4(r.minCoordinates[1])],
        maxCoordinates: [round4(r.maxCoordinates[0]), round4(r.maxCoordinates[1])],
        triggered: this.sensor.areaTriggered(area.id),
      };
    });
  }

  /** The value of an area a group compares (celsius). */
  private groupValue(group: GroupRecord, area: AreaRecord): number {
    const r = this.sensor.readArea(area.vertices);
    const m = group.measurement === 'inherit' ? area.measurement : group.measurement;
    return m === 'maximum' ? r.max : m === 'minimum' ? r.min : r.avg;
  }

  /** getGroupStatus rows in the current scale. */
  groupStatus(): GroupStatus[] {
    return this.activeGroups().map((group) => {
      const members = group.areaIds.map((id) => this.areas.get(id)).filter((a): a is AreaRecord => !!a);
      let reading = this.sensor.groupStatus(group.id);
      if (!reading) {
        // No opinion from the sensor: compare the members' values ourselves.
        let hi = members[0];
        let lo = members[0];
        let hiT = -Infinity;
        let loT = Infinity;
        for (const a of members) {
          const t = this.groupValue(group, a);
          if (t > hiT) {
            hiT = t;
            hi = a;
          }
          if (t < loT) {
            loT = t;
            lo = a;
          }
        }
        reading = { triggered: false, currentDeviation: hiT - loT, maxAreaId: hi.id, maxAreaTemp: hiT, minAreaId: lo.id, minAreaTemp: loT };
      }
      return {
        id: group.id,
        triggered: reading.triggered,
        details: {
          name: group.name,
          currentDeviation: round1(this.deltaFromCelsius(reading.currentDeviation)),
          memberAreas: members.map((a) => ({ areaId: a.id, areaName: a.name })),
          maxDeviationAreas: [
            { maxAreaId: reading.maxAreaId, maxAreaTemp: round1(this.fromCelsius(reading.maxAreaTemp)) },
            { minAreaId: reading.minAreaId, minAreaTemp: round1(this.fromCelsius(reading.minAreaTemp)) },
          ],
        },
      };
    });
  }

  // ---- persistence ---------------------------------------------------------

  snapshot(): CameraState {
    return JSON.parse(
      JSON.stringify({
        ptz: this.isPtz,
        scale: this.scale,
        areas: [...this.areas.values()],
        groups: [...this.groups.values()],
        spot: this.spot,
        isotherms: this.isotherms,
        tgt: this.tgt,
        ...this.channels.saved(),
      }),
    );
  }

  /** Replaces the configuration with a saved one (already checked by persistence.ts). */
  restore(state: CameraState): void {
    this.scale = state.scale;
    this.areas.clear();
    for (const a of state.areas) this.areas.set(a.id, { ...a, vertices: a.vertices.map((p) => [p[0], p[1]] as Point) });
    this.groups.clear();
    for (const g of state.groups) this.groups.set(g.id, { ...g, areaIds: [...g.areaIds] });
    // A file saved before API 1.3 has the one spot: the default image source's.
    const spots = state.spots ?? [{ imagesource: this.channels.defaultImageSource, ...state.spot }];
    this.channels.restore(spots, state.overlays ?? []);
    this.isotherms = { ...state.isotherms };
    this.tgt = { ...state.tgt };
    this.changed({ what: 'load' });
  }
}

function round4(v: number): number {
  return Math.round(v * 10000) / 10000;
}
