/**
 * What applying a setup document to a camera would change, and the writes
 * that do it, in an order the camera accepts (room made before anything is
 * added, areas before the groups naming them). Pure: it reads the document
 * and the camera's setup as read (readCameraSetup) and asks nothing. A
 * document the camera cannot hold is refused here, before any write, with
 * every reason at once.
 */
import { compareVersions, methodAvailable, type ApiVersion, type MethodName } from '../../api/methods';
import type { ConfigurationCapabilities, Point, TemperatureScale } from '../../api/types';
import { ThermometryError } from '../errors';
import { validateParams } from '../validate';
import type { SetupArea, SetupDocument, SetupGroup, SetupSpot } from './document';
import type { CameraSetup } from './read';

export type ChangeKind = 'scale' | 'isotherms' | 'area' | 'group' | 'spot' | 'overlayChannel' | 'guardTour';
export type ChangeAction = 'add' | 'update' | 'remove' | 'set';

/** One difference between the document and the camera, as the report lists it. */
export interface SetupChange {
  action: ChangeAction;
  kind: ChangeKind;
  /** The area's or group's name; for the others what is meant ("scale", "spot on image source 1", "image source 0 on channel 1"). */
  name: string;
  /** The area's or group's id on the camera (an update or remove; an add's once made). */
  id?: number;
  /** The fields that differ (an update). */
  fields?: string[];
}

/** Area ids by name as the camera has them while a plan runs (an add puts its new id here). */
export type AreaIds = Map<string, number>;

/** One write: its change, the method, and its parameters once earlier writes are known. */
export interface SetupStep {
  change: SetupChange;
  method: MethodName;
  params: (ids: AreaIds) => Record<string, unknown>;
}

export interface SetupPlan {
  changes: SetupChange[];
  steps: SetupStep[];
}

export interface PlanOptions {
  /** Remove areas, groups and overlay channels the document lacks (off: they stay). */
  removeMissing?: boolean;
}

/** Vertices and spot coordinates: equal within what a camera rounds to. */
const SAME_POINT = 1e-3;

function samePoint(a: Point, b: Point): boolean {
  return Math.abs(a[0] - b[0]) <= SAME_POINT && Math.abs(a[1] - b[1]) <= SAME_POINT;
}

function sameVertices(a: Point[], b: Point[]): boolean {
  return a.length === b.length && a.every((p, i) => samePoint(p, b[i]));
}

/** A temperature read in `from` as the camera gives it in `to` after a change of scale (rounded, as it keeps whole degrees). */
function convert(value: number, from: TemperatureScale, to: TemperatureScale, delta: boolean): number {
  if (from === to) return value;
  const c = to === 'fahrenheit' ? (delta ? (value * 9) / 5 : (value * 9) / 5 + 32) : delta ? (value * 5) / 9 : ((value - 32) * 5) / 9;
  return delta ? Math.max(1, Math.round(c)) : Math.round(c);
}

const DELTA_TYPES = ['increase', 'decrease'];

/** The camera's setup with its temperatures in the document's scale (what it will hold once the scale is set). */
function inScale(
  target: CameraSetup,
  scale: TemperatureScale,
): { areas: SetupArea[]; groups: SetupGroup[]; caps: ConfigurationCapabilities; iso: SetupDocument['isotherms'] } {
  const from = target.capabilities.currentTemperatureScale;
  const t = target.document;
  const caps = { ...target.capabilities };
  caps.minTemperature = convert(caps.minTemperature, from, scale, false);
  caps.maxTemperature = convert(caps.maxTemperature, from, scale, false);
  const areas = t.areas.map((a) => ({ ...a, threshold: convert(a.threshold, from, scale, DELTA_TYPES.includes(a.detectionType)) }));
  const groups = (t.groups ?? []).map((g) => ({ ...g, threshold: convert(g.threshold, from, scale, true) }));
  const iso = t.isotherms && {
    ...t.isotherms,
    high: convert(t.isotherms.high, from, scale, false),
    middle: convert(t.isotherms.middle, from, scale, false),
    low: convert(t.isotherms.low, from, scale, false),
  };
  if (iso && t.isotherms?.min !== undefined) iso.min = convert(t.isotherms.min, from, scale, false);
  return { areas, groups, caps, iso };
}

/** A refusal before any write, naming the document's field. */
interface Refusal {
  field: string;
  reason: string;
}

const AREA_FIELDS = [
  'imagesource',
  'enabled',
  'detectionType',
  'measurement',
  'threshold',
  'delay',
  'vertices',
  'areaOverlay',
  'temperatureOverlay',
  'presetNbr',
] as const;
const GROUP_FIELDS = ['enabled', 'measurement', 'threshold', 'delay', 'areas', 'groupOverlay'] as const;

/** The fields of `want` (those it gives) that differ from `have`. */
function areaDiff(want: SetupArea, have: SetupArea, ptz: boolean): string[] {
  const fields: string[] = [];
  for (const f of AREA_FIELDS) {
    if (want[f] === undefined) continue;
    if (f === 'presetNbr' && !ptz) continue;
    if (f === 'vertices' ? !sameVertices(want.vertices, have.vertices) : want[f] !== have[f]) fields.push(f);
  }
  return fields;
}

function groupDiff(want: SetupGroup, have: SetupGroup): string[] {
  const fields: string[] = [];
  for (const f of GROUP_FIELDS) {
    if (want[f] === undefined) continue;
    if (f === 'areas' ? [...want.areas].sort().join('\n') !== [...have.areas].sort().join('\n') : want[f] !== have[f]) fields.push(f);
  }
  return fields;
}

/** The addArea/updateArea parameters of an area (the camera's values where the document leaves one out). */
function areaParams(a: SetupArea, base: SetupArea | undefined, ptz: boolean): Record<string, unknown> {
  const p: Record<string, unknown> = {
    enabled: a.enabled,
    name: a.name,
    detectionType: a.detectionType,
    measurement: a.measurement,
    threshold: a.threshold,
    delay: a.delay,
    vertices: a.vertices.map((v) => [v[0], v[1]]),
  };
  const imagesource = a.imagesource ?? base?.imagesource;
  if (imagesource !== undefined) p.imagesource = imagesource;
  const areaOverlay = a.areaOverlay ?? base?.areaOverlay;
  if (areaOverlay !== undefined) p.areaOverlay = areaOverlay;
  const temperatureOverlay = a.temperatureOverlay ?? base?.temperatureOverlay;
  if (temperatureOverlay !== undefined) p.temperatureOverlay = temperatureOverlay;
  if (ptz && a.presetNbr !== undefined) p.presetNbr = a.presetNbr;
  return p;
}

function groupParams(g: SetupGroup, base: SetupGroup | undefined, ids: AreaIds): Record<string, unknown> {
  const p: Record<string, unknown> = {
    enabled: g.enabled,
    name: g.name,
    measurement: g.measurement,
    threshold: g.threshold,
    delay: g.delay,
    areaIds: g.areas.map((n) => {
      const id = ids.get(n);
      // planSetup refuses a member the document lacks; an add that failed stops the apply before here.
      if (id === undefined)
        throw new ThermometryError('validation', `applySetup: group "${g.name}": member area "${n}" is not on the camera`, { field: 'groups' });
      return id;
    }),
  };
  const groupOverlay = g.groupOverlay ?? base?.groupOverlay;
  if (groupOverlay !== undefined) p.groupOverlay = groupOverlay;
  return p;
}

function spotName(imagesource: number | undefined): string {
  return imagesource === undefined ? 'spot' : `spot on image source ${imagesource}`;
}

/** Names listed twice, in order of first repeat. */
function repeated(names: string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const n of names) (seen.has(n) ? twice : seen).add(n);
  return [...twice];
}

function countBy<T>(items: T[], key: (item: T) => number): Map<number, number> {
  const m = new Map<number, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return m;
}

const onPreset = (nbr: number, ptz: boolean) => (ptz ? ` on preset ${nbr}` : '');

/**
 * The changes and writes that make `target` hold `doc`. Throws
 * ThermometryError (kind 'validation', field = the document's field at fault)
 * when the target cannot hold the document: every reason found, none written.
 */
export function planSetup(doc: SetupDocument, target: CameraSetup, options: PlanOptions = {}): SetupPlan {
  const removeMissing = options.removeMissing === true;
  const version: ApiVersion = target.apiVersion;
  const ptz = target.ptz;
  const camera = target.document.source?.camera ?? 'the camera';
  const refusals: Refusal[] = [];
  const refuse = (field: string, reason: string) => refusals.push({ field, reason });
  const has = inScale(target, doc.scale);
  const caps = has.caps;
  const changes: SetupChange[] = [];
  const steps: SetupStep[] = [];
  const step = (change: SetupChange, method: MethodName, params: SetupStep['params']) => {
    changes.push(change);
    steps.push({ change, method, params });
  };

  // ---- what the target cannot hold -------------------------------------------------------
  const docGroups = doc.groups ?? [];
  const presetOf = (x: { presetNbr?: number }) => (ptz ? (x.presetNbr ?? 0) : 0);
  if (!ptz) {
    const onPresets = [...new Set([...doc.areas, ...docGroups].map((x) => x.presetNbr ?? 0).filter((n) => n > 0))];
    const what = [
      onPresets.length ? `areas or groups on preset${onPresets.length > 1 ? 's' : ''} ${onPresets.join(', ')}` : '',
      doc.guardTour ? 'guard tour settings' : '',
    ]
      .filter(Boolean)
      .join(' and ');
    if (what)
      refuse(
        onPresets.length ? 'areas' : 'guardTour',
        `the document is of a PTZ camera (${what}); camera ${camera} is a fixed camera, without presets or a guard tour`,
      );
  } else {
    const known = new Set(target.presets.map((p) => p.nbr));
    for (const x of [...doc.areas, ...docGroups]) {
      const kind = 'vertices' in x ? 'area' : 'group';
      if (!x.presetNbr)
        refuse(
          `${kind}s`,
          `${kind} "${x.name}" has no preset; on PTZ camera ${camera} every ${kind} belongs to one (presets: ${[...known].join(', ') || 'none'})`,
        );
      else if (!known.has(x.presetNbr))
        refuse(`${kind}s`, `${kind} "${x.name}" is on preset ${x.presetNbr}, which camera ${camera} lacks (presets: ${[...known].join(', ') || 'none'})`);
    }
  }
  for (const n of repeated(doc.areas.map((a) => a.name))) refuse('areas', `two areas are named "${n}": areas are found by name, so each needs its own`);
  for (const n of repeated(docGroups.map((g) => g.name))) refuse('groups', `two groups are named "${n}": groups are found by name, so each needs its own`);
  for (const n of repeated(has.areas.map((a) => a.name)).filter((x) => doc.areas.some((a) => a.name === x))) {
    refuse('areas', `camera ${camera} has two areas named "${n}": which one the document means cannot be told; rename one on the camera first`);
  }
  if (docGroups.length && !methodAvailable('addGroup', version)) {
    refuse(
      'groups',
      `the document has ${docGroups.length} group${docGroups.length > 1 ? 's' : ''}; groups need API version 1.2 and camera ${camera} speaks ${version}`,
    );
  }

  const docNames = new Set(doc.areas.map((a) => a.name));
  const kept = has.areas.filter((a) => !docNames.has(a.name) && !removeMissing);
  const finalAreas = countBy([...doc.areas, ...kept], presetOf);
  for (const [preset, n] of finalAreas) {
    if (n > caps.maxNumberOfAreas) {
      const extra = kept.filter((a) => presetOf(a) === preset).length;
      const why = extra ? ` (${extra} of them already on the camera and not in the document; "remove what the document lacks" would remove them)` : '';
      refuse('areas', `camera ${camera} would hold ${n} areas${onPreset(preset, ptz)}${why}; it holds at most ${caps.maxNumberOfAreas}`);
    }
  }
  doc.areas.forEach((a, i) => {
    try {
      validateParams('addArea', areaParams(a, undefined, ptz), caps, version);
    } catch (err) {
      refuse(`areas[${i}]`, `area "${a.name}": ${(err as Error).message.replace(/^addArea: /, '')}`);
    }
    if (a.imagesource !== undefined && caps.imagesources && !caps.imagesources.includes(a.imagesource)) {
      refuse(
        `areas[${i}].imagesource`,
        `area "${a.name}" is on image source ${a.imagesource}; camera ${camera} has image sources ${caps.imagesources.join(', ')}`,
      );
    }
  });
  if (docGroups.length && methodAvailable('addGroup', version)) {
    const docGroupNames = new Set(docGroups.map((g) => g.name));
    const keptGroups = has.groups.filter((g) => !docGroupNames.has(g.name) && !removeMissing);
    const maxGroups = caps.maxGroups;
    for (const [preset, n] of countBy([...docGroups, ...keptGroups], presetOf)) {
      if (maxGroups !== undefined && n > maxGroups)
        refuse('groups', `camera ${camera} would hold ${n} groups${onPreset(preset, ptz)}; it holds at most ${maxGroups}`);
    }
    docGroups.forEach((g, i) => {
      const byName = new Map(doc.areas.map((a) => [a.name, a]));
      for (const m of g.areas) {
        const area = byName.get(m);
        if (!area) refuse(`groups[${i}].areas`, `group "${g.name}" names area "${m}", which the document lacks`);
        else if (ptz && presetOf(area) !== presetOf(g))
          refuse(`groups[${i}].areas`, `group "${g.name}" is on preset ${presetOf(g)} but its area "${m}" is on preset ${presetOf(area)}`);
      }
      try {
        validateParams('addGroup', groupParams(g, undefined, new Map(g.areas.map((n, k) => [n, k]))), caps, version);
      } catch (err) {
        refuse(`groups[${i}]`, `group "${g.name}": ${(err as Error).message.replace(/^addGroup: /, '')}`);
      }
    });
  }
  const spotsByVersion = compareVersions(version, '1.3') >= 0;
  (doc.spots ?? []).forEach((s, i) => {
    if (!spotsByVersion) {
      if (s.active && s.imagesource !== undefined && s.imagesource !== 0) {
        refuse(
          `spots[${i}]`,
          `the spot on image source ${s.imagesource}: a spot meter per image source needs API version 1.3, camera ${camera} speaks ${version} (one spot)`,
        );
      }
    } else if (s.imagesource !== undefined && caps.imagesources && !caps.imagesources.includes(s.imagesource)) {
      refuse(`spots[${i}].imagesource`, `the spot on image source ${s.imagesource}: camera ${camera} has image sources ${caps.imagesources.join(', ')}`);
    }
    if (s.active && s.spotCoordinates) {
      try {
        validateParams('addSpotTemperature', { spotCoordinates: s.spotCoordinates, coordinateSystem: 'coord_neg1_1' });
      } catch (err) {
        refuse(`spots[${i}].spotCoordinates`, (err as Error).message.replace(/^addSpotTemperature: /, ''));
      }
    }
  });
  if (!spotsByVersion && (doc.spots ?? []).filter((s) => s.active).length > 1)
    refuse('spots', `the document has several active spots; camera ${camera} speaks ${version} and has one`);
  const docPairs = (doc.overlayChannels ?? []).flatMap((m) => m.overlayChannels.map((c) => [m.imagesource, c] as const));
  if (docPairs.length && !methodAvailable('addOverlayChannel', version)) {
    refuse(
      'overlayChannels',
      `the document maps area overlays onto other channels; overlay channels need API version 1.3 and camera ${camera} speaks ${version}`,
    );
  } else {
    for (const [source, channel] of docPairs) {
      const why =
        source === channel
          ? 'an image source shows its own areas'
          : caps.imagesources && !caps.imagesources.includes(source)
            ? `camera ${camera} has image sources ${caps.imagesources.join(', ')}`
            : caps.overlayChannels && !caps.overlayChannels.includes(channel)
              ? `camera ${camera} has overlay channels ${caps.overlayChannels.join(', ') || 'none'}`
              : '';
      if (why) refuse('overlayChannels', `image source ${source} on channel ${channel}: ${why}`);
    }
  }
  if (doc.isotherms) {
    try {
      validateParams('setIsothermLevels', isothermParams(doc, version), caps, version);
    } catch (err) {
      refuse('isotherms', (err as Error).message.replace(/^setIsothermLevels: /, ''));
    }
  }
  if (doc.guardTour && ptz && !target.document.guardTour)
    refuse('guardTour', `camera ${camera} has no guard tour settings (getTgtConfiguration needs API 1.1 on a PTZ camera)`);

  if (refusals.length) {
    throw new ThermometryError(
      'validation',
      `applySetup: camera ${camera} cannot hold this setup document, nothing was written: ${refusals.map((r) => r.reason).join('; ')}`,
      { method: 'applySetup', field: refusals[0].field, camera: target.document.source?.camera },
    );
  }

  // ---- the writes, in an order the camera accepts -------------------------------------
  const t = target.document;
  if (doc.scale !== t.scale) step({ action: 'set', kind: 'scale', name: 'scale', fields: ['scale'] }, 'setTemperatureScale', () => ({ unit: doc.scale }));

  const hasArea = new Map(has.areas.map((a) => [a.name, a]));
  const hasGroup = new Map(has.groups.map((g) => [g.name, g]));
  const removedAreas = new Set(removeMissing ? has.areas.filter((a) => !docNames.has(a.name)).map((a) => a.name) : []);
  // Groups first: room for the new ones, and none left naming an area about to go.
  const docGroupByName = new Map(docGroups.map((g) => [g.name, g]));
  for (const g of has.groups) {
    const want = docGroupByName.get(g.name);
    // A group's preset cannot change (updateGroup): it goes, and comes back on its new preset.
    const moved = want !== undefined && ptz && presetOf(want) !== presetOf(g);
    if ((removeMissing && !want) || moved) step({ action: 'remove', kind: 'group', name: g.name, id: g.id }, 'removeGroup', () => ({ id: g.id as number }));
  }
  for (const a of has.areas) {
    if (removedAreas.has(a.name)) {
      step({ action: 'remove', kind: 'area', name: a.name, id: a.id }, 'removeAreas', (ids) => {
        ids.delete(a.name);
        return { areas: [a.id as number] };
      });
    }
  }
  if (doc.isotherms && has.iso) {
    const iso = doc.isotherms;
    const fields = (['high', 'middle', 'low', 'min', 'renderOverlay'] as const).filter(
      (f) => iso[f] !== undefined && has.iso?.[f] !== undefined && iso[f] !== has.iso[f],
    );
    if (fields.length) step({ action: 'set', kind: 'isotherms', name: 'isotherm levels', fields }, 'setIsothermLevels', () => isothermParams(doc, version));
  }
  for (const a of doc.areas) {
    const base = hasArea.get(a.name);
    if (!base) continue;
    const fields = areaDiff(a, base, ptz);
    if (fields.length)
      step({ action: 'update', kind: 'area', name: a.name, id: base.id, fields }, 'updateArea', () => ({ id: base.id, ...areaParams(a, base, ptz) }));
  }
  for (const a of doc.areas) {
    if (!hasArea.has(a.name)) step({ action: 'add', kind: 'area', name: a.name }, 'addArea', () => areaParams(a, undefined, ptz));
  }
  const groupAdds: SetupGroup[] = [];
  for (const g of docGroups) {
    const base = hasGroup.get(g.name);
    if (!base || (ptz && presetOf(base) !== presetOf(g))) {
      groupAdds.push(g);
      continue;
    }
    // What the camera's group will list once the areas the plan removes are gone.
    const fields = groupDiff(g, { ...base, areas: base.areas.filter((n) => !removedAreas.has(n)) });
    if (fields.length)
      step({ action: 'update', kind: 'group', name: g.name, id: base.id, fields }, 'updateGroup', (ids) => ({ id: base.id, ...groupParams(g, base, ids) }));
  }
  for (const g of groupAdds) {
    step({ action: 'add', kind: 'group', name: g.name }, 'addGroup', (ids) => {
      const p = groupParams(g, undefined, ids);
      if (ptz) p.presetNbr = presetOf(g);
      return p;
    });
  }
  planSpots(doc.spots ?? [], t.spots ?? [], spotsByVersion, step);
  if (doc.overlayChannels && methodAvailable('addOverlayChannel', version)) {
    const key = (s: number, c: number) => `${s}:${c}`;
    const hasPairs = (t.overlayChannels ?? []).flatMap((m) => m.overlayChannels.map((c) => [m.imagesource, c] as const));
    const hasKeys = new Set(hasPairs.map(([s, c]) => key(s, c)));
    const docKeys = new Set(docPairs.map(([s, c]) => key(s, c)));
    for (const [s, c] of docPairs) {
      if (!hasKeys.has(key(s, c))) {
        step({ action: 'add', kind: 'overlayChannel', name: `image source ${s} on channel ${c}` }, 'addOverlayChannel', () => ({
          imagesource: s,
          overlayChannel: c,
        }));
      }
    }
    for (const [s, c] of hasPairs) {
      if (removeMissing && !docKeys.has(key(s, c))) {
        step({ action: 'remove', kind: 'overlayChannel', name: `image source ${s} on channel ${c}` }, 'removeOverlayChannel', () => ({
          imagesource: s,
          overlayChannel: c,
        }));
      }
    }
  }
  const tour = doc.guardTour;
  if (tour && t.guardTour) {
    const fields = (['pauseOnAlarm', 'autoResume'] as const).filter((f) => tour[f] !== t.guardTour?.[f]);
    if (fields.length) step({ action: 'set', kind: 'guardTour', name: 'guard tour', fields }, 'setTgtConfiguration', () => ({ ...tour }));
  }
  return { changes, steps };
}

function isothermParams(doc: SetupDocument, version: ApiVersion): Record<string, unknown> {
  const iso = doc.isotherms as NonNullable<SetupDocument['isotherms']>;
  const p: Record<string, unknown> = { high: iso.high, middle: iso.middle, low: iso.low, renderOverlay: iso.renderOverlay };
  // `min` is API 1.2: an older camera keeps its lowest level.
  if (iso.min !== undefined && compareVersions(version, '1.2') >= 0) p.min = iso.min;
  return p;
}

function planSpots(want: SetupSpot[], have: SetupSpot[], perSource: boolean, step: (c: SetupChange, m: MethodName, p: SetupStep['params']) => void): void {
  for (const s of want) {
    // Before 1.3 the one spot: the document's spot on image source 0 (or of none) is it.
    if (!perSource && s.imagesource !== undefined && s.imagesource !== 0) continue;
    const source = perSource ? s.imagesource : undefined;
    // A spot of no image source is the default one's (have[0]: the lowest image source, as cameras list them).
    const current = perSource && s.imagesource !== undefined ? have.find((h) => h.imagesource === s.imagesource) : have[0];
    const name = spotName(source);
    const sourceParam = source !== undefined ? { imagesource: source } : {};
    if (s.active && s.spotCoordinates) {
      const point = s.spotCoordinates;
      if (!current?.active || !current.spotCoordinates || !samePoint(point, current.spotCoordinates)) {
        step({ action: 'set', kind: 'spot', name, fields: ['spotCoordinates'] }, 'addSpotTemperature', () => ({
          spotCoordinates: [point[0], point[1]],
          coordinateSystem: 'coord_neg1_1',
          ...sourceParam,
        }));
      }
    } else if (!s.active && current?.active) {
      step({ action: 'remove', kind: 'spot', name }, 'removeSpotTemperature', () => ({ ...sourceParam }));
    }
  }
}
