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

/** What a channel shows; a channel of no declared kind is named by its number. */
export type ChannelKind = 'thermal' | 'visual';

/**
 * A video channel as thermometry numbers it (from 0; image.cgi's `camera` is
 * the same channel counted from 1). API 1.3 lists the image sources and the
 * overlay channels in getConfigurationCapabilities.
 */
export interface ChannelInfo {
  nbr: number;
  kind?: ChannelKind;
  /** Areas and a spot meter can be made on it. */
  imageSource: boolean;
  /** It can show another image source's area overlays (addOverlayChannel). */
  overlay: boolean;
}

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
  /** The video channels, lowest first. */
  channels: ChannelInfo[];
  /** The image source a spot or area request without `imagesource` means (API 1.0 to 1.2 name none). */
  defaultImageSource: number;
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

/** A thermal camera's one channel: its own image source, no other channel to show overlays on. */
const THERMAL_ONLY: ChannelInfo[] = [{ nbr: 0, kind: 'thermal', imageSource: true, overlay: false }];

const FIXED: Omit<CameraProfile, 'name' | 'spelling' | 'eventNamespace'> = {
  model: 'AXIS Q2101-TE Thermal Camera',
  serial: 'B8A44F000001',
  ptz: false,
  presets: [],
  currentPreset: null,
  limits: LIMITS,
  channels: THERMAL_ONLY,
  defaultImageSource: 0,
};

/**
 * A bispectral camera (API 1.3): a thermal channel 0 (image.cgi camera=1, the
 * default picture) and a visual channel 1, both image sources with a spot meter
 * each, and a third stream, channel 2, of no declared kind. Every channel can
 * show another image source's area overlays: the thermal areas show on the
 * visual channel once it is mapped (addOverlayChannel {imagesource: 0,
 * overlayChannel: 1}). The page's examples (listOverlayChannels
 * {imagesource: 1, overlayChannels: [0, 2]}, listSpotMeters imagesource 0) can
 * both be answered by this one device.
 */
const BISPECTRAL: Omit<CameraProfile, 'name' | 'spelling' | 'eventNamespace'> = {
  // No product number: no real model is claimed for this mix of channels.
  model: 'AXIS Bispectral Thermometric Camera',
  serial: 'B8A44F000003',
  ptz: false,
  presets: [],
  currentPreset: null,
  limits: LIMITS,
  channels: [
    { nbr: 0, kind: 'thermal', imageSource: true, overlay: true },
    { nbr: 1, kind: 'visual', imageSource: true, overlay: true },
    { nbr: 2, imageSource: false, overlay: true },
  ],
  defaultImageSource: 0,
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
  // The Q8752-E is bispectral: the thermal channel (image.cgi camera=1) and the visual one beside it.
  channels: [
    { nbr: 0, kind: 'thermal', imageSource: true, overlay: true },
    { nbr: 1, kind: 'visual', imageSource: true, overlay: true },
  ],
  defaultImageSource: 0,
};

export const PROFILES: Readonly<Record<string, CameraProfile>> = {
  fixed: { ...FIXED, name: 'fixed', spelling: 'device', eventNamespace: 'tns1' },
  ptz: { ...PTZ, name: 'ptz', spelling: 'device', eventNamespace: 'tns1' },
  'fixed-reference-spelling': { ...FIXED, name: 'fixed-reference-spelling', spelling: 'reference', eventNamespace: 'tns1' },
  'ptz-reference-spelling': { ...PTZ, name: 'ptz-reference-spelling', spelling: 'reference', eventNamespace: 'tns1' },
  bispectral: { ...BISPECTRAL, name: 'bispectral', spelling: 'device', eventNamespace: 'tns1' },
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
    channels: profile.channels.map((c) => ({ ...c })),
  };
}
