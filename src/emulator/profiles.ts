/**
 * Camera profiles: what kind of camera the emulator pretends to be.
 *
 * "fixed" and "ptz" answer as devices do where public code that talks to real
 * cameras shows it (README, "What the emulator serves, and why"): `arealist`
 * from listAreas and getAreaStatus, readings as reals (`241.0`), and the
 * reference's syntax elsewhere. The "-reference-spelling" variants answer as
 * the reference page's JSON examples are written (areaList, imageSource,
 * "if triggered", minPos/maxPos, whole-degree readings), so that clients are
 * tested against both.
 */

export interface PresetInfo {
  /** Preset number as the PTZ API numbers it (1 = Home). */
  nbr: number;
  name: string;
}

export interface CameraLimits {
  /** Measurable range in degrees celsius (converted when the scale is fahrenheit). */
  minCelsius: number;
  maxCelsius: number;
  /** Per preset on PTZ cameras, in total on fixed ones. */
  maxNumberOfAreas: number;
  maxNumberOfVertices: number;
  maxDelayTime: number;
  defaultDelayTime: number;
  maxNameLength: number;
  /** Per preset on PTZ cameras. */
  maxGroups: number;
}

/** 'device': as cameras answer; 'reference': as the reference page's examples. */
export type Spelling = 'device' | 'reference';

export interface CameraProfile {
  name: string;
  model: string;
  /** Serial number; the Digest realm is AXIS_<serial> as on real cameras. */
  serial: string;
  ptz: boolean;
  /** Empty on fixed cameras. */
  presets: PresetInfo[];
  /** Preset the PTZ head stands on at start (null = between presets). */
  currentPreset: number | null;
  limits: CameraLimits;
  spelling: Spelling;
  /**
   * Namespace of the VideoSource parts of event topics: the reference writes
   * tns1:; some devices are said to send tnsaxis: (no recorded device event was
   * found to tell), which the events option `namespace` serves.
   */
  eventNamespace: 'tns1' | 'tnsaxis';
}

const LIMITS: CameraLimits = {
  minCelsius: -40,
  maxCelsius: 350,
  maxNumberOfAreas: 10,
  maxNumberOfVertices: 10,
  maxDelayTime: 300,
  defaultDelayTime: 5,
  maxNameLength: 60,
  maxGroups: 5,
};

const FIXED: Omit<CameraProfile, 'name' | 'spelling' | 'eventNamespace'> = {
  model: 'AXIS Q2101-TE Thermal Camera',
  serial: 'B8A44F000001',
  ptz: false,
  presets: [],
  currentPreset: null,
  limits: LIMITS,
};

const PTZ: Omit<CameraProfile, 'name' | 'spelling' | 'eventNamespace'> = {
  model: 'AXIS Q8752-E Bispectral PTZ Camera',
  serial: 'B8A44F000002',
  ptz: true,
  presets: [
    { nbr: 1, name: 'Home' },
    { nbr: 2, name: 'Transformer' },
    { nbr: 3, name: 'Conveyor' },
    { nbr: 4, name: 'Storage' },
  ],
  currentPreset: 1,
  limits: LIMITS,
};

export const PROFILES: Readonly<Record<string, CameraProfile>> = {
  fixed: { ...FIXED, name: 'fixed', spelling: 'device', eventNamespace: 'tns1' },
  ptz: { ...PTZ, name: 'ptz', spelling: 'device', eventNamespace: 'tns1' },
  'fixed-reference-spelling': { ...FIXED, name: 'fixed-reference-spelling', spelling: 'reference', eventNamespace: 'tns1' },
  'ptz-reference-spelling': { ...PTZ, name: 'ptz-reference-spelling', spelling: 'reference', eventNamespace: 'tns1' },
};

export const PROFILE_NAMES = Object.keys(PROFILES);

/** A fresh copy of a named profile; throws naming the known ones otherwise. */
export function getProfile(name: string = 'fixed'): CameraProfile {
  const profile = PROFILES[name];
  if (!profile) {
    throw new Error(`Unknown emulator profile "${name}"; known profiles: ${PROFILE_NAMES.join(', ')}`);
  }
  return {
    ...profile,
    presets: profile.presets.map((p) => ({ ...p })),
    limits: { ...profile.limits },
  };
}
