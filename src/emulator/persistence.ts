/**
 * The emulator's configuration kept in a JSON file, as a camera keeps it over a
 * restart. Written atomically (temp file + rename) so a crash leaves the old or
 * the new file, never half of one; a torn or corrupt file is refused at start
 * with an error naming it, never silently replaced by an empty configuration.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AREA_OVERLAYS, DETECTION_TYPES, GROUP_MEASUREMENTS, MEASUREMENTS, TEMPERATURE_SCALES } from '../api/methods';
import type { CameraState } from './camera';

const STATE_FORMAT = 'axis-thermal-emulator-state';
const STATE_VERSION = 1;

interface StateDocument extends CameraState {
  format: typeof STATE_FORMAT;
  version: number;
}

export class StateFileError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`Refusing to start from state file ${file}: ${problem}. Fix it or move it away (it is left untouched).`);
    this.name = 'StateFileError';
  }
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const isStr = (v: unknown): v is string => typeof v === 'string';
const isPoint = (v: unknown) => Array.isArray(v) && v.length === 2 && isNum(v[0]) && isNum(v[1]);
const oneOf = (values: readonly string[]) => (v: unknown) => typeof v === 'string' && values.includes(v);

/** Checks a parsed document field by field; the first problem found, or undefined. */
function problemIn(doc: any): string | undefined {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return 'it is not a JSON object';
  if (doc.format !== STATE_FORMAT) return `"format" is not "${STATE_FORMAT}"`;
  if (doc.version !== STATE_VERSION) return `unknown "version" ${JSON.stringify(doc.version)}`;
  if (!isBool(doc.ptz)) return '"ptz" is not true or false';
  if (!oneOf(TEMPERATURE_SCALES)(doc.scale)) return '"scale" is not celsius or fahrenheit';
  if (!Array.isArray(doc.areas)) return '"areas" is not a list';
  const areaIds = new Set<number>();
  for (const [i, a] of doc.areas.entries()) {
    const ok =
      a &&
      isInt(a.id) &&
      a.id >= 0 &&
      isInt(a.imagesource) &&
      isBool(a.enabled) &&
      isStr(a.name) &&
      oneOf(DETECTION_TYPES)(a.detectionType) &&
      oneOf(MEASUREMENTS)(a.measurement) &&
      isInt(a.threshold) &&
      isInt(a.delay) &&
      Array.isArray(a.vertices) &&
      a.vertices.length >= 3 &&
      a.vertices.every(isPoint) &&
      oneOf(AREA_OVERLAYS)(a.areaOverlay) &&
      isBool(a.temperatureOverlay) &&
      isInt(a.presetNbr);
    if (!ok) return `areas[${i}] is malformed`;
    if (areaIds.has(a.id)) return `area id ${a.id} appears twice`;
    areaIds.add(a.id);
  }
  if (!Array.isArray(doc.groups)) return '"groups" is not a list';
  const groupIds = new Set<number>();
  for (const [i, g] of doc.groups.entries()) {
    const ok =
      g &&
      isInt(g.id) &&
      g.id >= 1 &&
      isBool(g.requestedEnabled) &&
      isStr(g.name) &&
      oneOf(GROUP_MEASUREMENTS)(g.measurement) &&
      isInt(g.threshold) &&
      isInt(g.delay) &&
      Array.isArray(g.areaIds) &&
      g.areaIds.every(isInt) &&
      isBool(g.groupOverlay) &&
      isInt(g.presetNbr);
    if (!ok) return `groups[${i}] is malformed`;
    if (groupIds.has(g.id)) return `group id ${g.id} appears twice`;
    groupIds.add(g.id);
  }
  const s = doc.spot;
  if (!s || !isPoint(s.point) || !isBool(s.renderOverlay)) return '"spot" is malformed';
  // API 1.3's spot per image source and overlay channels; files saved before have neither.
  if (doc.spots !== undefined) {
    if (!Array.isArray(doc.spots)) return '"spots" is not a list';
    for (const [i, sp] of doc.spots.entries()) {
      if (!sp || !isInt(sp.imagesource) || !isPoint(sp.point) || !isBool(sp.renderOverlay)) return `spots[${i}] is malformed`;
    }
  }
  if (doc.overlays !== undefined) {
    if (!Array.isArray(doc.overlays)) return '"overlays" is not a list';
    for (const [i, m] of doc.overlays.entries()) {
      if (!m || !isInt(m.imagesource) || !Array.isArray(m.overlayChannels) || !m.overlayChannels.every(isInt)) return `overlays[${i}] is malformed`;
    }
  }
  const iso = doc.isotherms;
  if (!iso || ![iso.high, iso.middle, iso.low, iso.min].every(isInt) || !isBool(iso.renderOverlay)) return '"isotherms" is malformed';
  if (!doc.tgt || !isBool(doc.tgt.pauseOnAlarm) || !isBool(doc.tgt.autoResume)) return '"tgt" is malformed';
  return undefined;
}

/** The saved configuration, undefined when the file does not exist; throws StateFileError otherwise. */
export function loadState(file: string): CameraState | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StateFileError(file, `it cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (text.trim() === '') throw new StateFileError(file, 'it is empty (torn write?)');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new StateFileError(file, `it is not valid JSON (${(err as Error).message})`);
  }
  const problem = problemIn(doc);
  if (problem) throw new StateFileError(file, problem);
  const { format: _f, version: _v, ...state } = doc as StateDocument;
  return state;
}

/** Writes the state: temp file in the same directory, fsync, rename over the old one. */
export class StateFile {
  constructor(readonly file: string) {}

  save(state: CameraState): void {
    const doc: StateDocument = { format: STATE_FORMAT, version: STATE_VERSION, ...state };
    const dir = path.dirname(path.resolve(this.file));
    const tmp = path.join(dir, `.${path.basename(this.file)}.${process.pid}.tmp`);
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, JSON.stringify(doc, null, 2) + '\n');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.file);
  }
}
