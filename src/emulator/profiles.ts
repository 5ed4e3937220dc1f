/**
 * Camera profiles: what kind of camera the emulator pretends to be.
 *
 * "fixed" and "ptz" answer in the spelling of the reference's syntax sections;
 * the "-example-spelling" variants answer in the spelling of its JSON examples
 * (imageSource, "if triggered", minPos/maxPos, arealist), which is what cameras
 * in the field send, so that clients are tested against both.
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

export type Spelling = 'syntax' | 'example';

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
   * tns1:, devices in the field send tnsaxis: (the example-spelling profiles).
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
  fixed: { ...FIXED, name: 'fixed', spelling: 'syntax', eventNamespace: 'tns1' },
  ptz: { ...PTZ, name: 'ptz', spelling: 'syntax', eventNamespace: 'tns1' },
  'fixed-example-spelling': { ...FIXED, name: 'fixed-example-spelling', spelling: 'example', eventNamespace: 'tnsaxis' },
  'ptz-example-spelling': { ...PTZ, name: 'ptz-example-spelling', spelling: 'example', eventNamespace: 'tnsaxis' },
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
