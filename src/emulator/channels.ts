/**
 * The emulated camera's channels (API 1.3): its image sources, each with its
 * own spot meter, and the overlay channels each image source's area overlays
 * are also shown on (addOverlayChannel / removeOverlayChannel).
 *
 * How we read the 1.3 page where it is silent or contradicts itself (README,
 * "API 1.3: how we read the page"):
 *  - a spot meter per image source; a new spot replaces the old one of that
 *    image source only; a request without `imagesource` means the profile's
 *    default image source (the only one on single-sensor cameras);
 *  - "an image source cannot be an overlay channel" holds per pair: a channel
 *    does not overlay its own areas, but the visual image source of a
 *    bispectral camera can show the thermal areas;
 *  - adding a pair that exists changes nothing; removing one that does not
 *    exist is 2104, as is a channel the capabilities do not list;
 *  - listOverlayChannels lists the image sources that have an overlay channel,
 *    listSpotMeters every image source, active or not (as the examples).
 */
import type { CoordinateSystem, OverlayMapping, Point, SpotMeter } from '../api/types';
import type { ParamSource } from './param-cgi';
import type { ChannelInfo, CameraProfile } from './profiles';
import { invalidParam, VapixError } from './vapix-error';

export interface SpotState {
  /** coord_neg1_1 (centre origin, y up). */
  point: Point;
  renderOverlay: boolean;
}

/** A spot as the state file keeps it. */
export interface SavedSpot extends SpotState {
  imagesource: number;
}

/** The spot methods' 2104 (the 1.3 page's method-specific error row). */
const badChannel = () => new VapixError(2104, 'Invalid channel number specified.');
/**
 * add/removeOverlayChannel's 2104, in the words of the page's examples (the
 * reason is ours, for the code reading it; the camera says no more).
 */
const badPair = (_why: string) => new VapixError(2104, 'Invalid parameter value specified');

export class CameraChannels {
  private readonly channels: readonly ChannelInfo[];
  readonly defaultImageSource: number;
  private readonly spots = new Map<number, SpotState>();
  /** image source -> the overlay channels that also show its area overlays. */
  private readonly overlays = new Map<number, Set<number>>();

  constructor(profile: Pick<CameraProfile, 'channels' | 'defaultImageSource'>) {
    this.channels = profile.channels;
    this.defaultImageSource = profile.defaultImageSource;
    for (const source of this.imageSources()) this.spots.set(source, { point: [0, 0], renderOverlay: false });
  }

  /** getConfigurationCapabilities.imagesources. */
  imageSources(): number[] {
    return this.channels.filter((c) => c.imageSource).map((c) => c.nbr);
  }

  /** getConfigurationCapabilities.overlayChannels. */
  overlayChannels(): number[] {
    return this.channels.filter((c) => c.overlay).map((c) => c.nbr);
  }

  /** Every channel (image.cgi serves one picture per channel). */
  all(): readonly ChannelInfo[] {
    return this.channels;
  }

  channel(nbr: number): ChannelInfo | undefined {
    return this.channels.find((c) => c.nbr === nbr);
  }

  // ---- spot meters -----------------------------------------------------------

  /** The image source a spot request means: the one given (2104 unless it is one), else the default. */
  private spotSource(imagesource: number | undefined): number {
    const source = imagesource ?? this.defaultImageSource;
    if (!this.spots.has(source)) throw badChannel();
    return source;
  }

  spot(imagesource?: number): SpotState {
    return this.spots.get(this.spotSource(imagesource)) as SpotState;
  }

  /** Spot coordinates are checked against the range of their coordinate system. */
  setSpot(coordinates: Point, system: CoordinateSystem, imagesource?: number): void {
    const source = this.spotSource(imagesource);
    const [x, y] = coordinates;
    const lo = system === 'coord_0_1' ? 0 : -1;
    if (x < lo || x > 1 || y < lo || y > 1) {
      throw invalidParam('spotCoordinates', `must be within ${lo}..1 for ${system}`);
    }
    const point: Point = system === 'coord_0_1' ? [x * 2 - 1, 1 - y * 2] : [x, y];
    this.spots.set(source, { point, renderOverlay: true });
  }

  removeSpot(imagesource?: number): void {
    const source = this.spotSource(imagesource);
    const spot = this.spots.get(source) as SpotState;
    this.spots.set(source, { ...spot, renderOverlay: false });
  }

  /** listSpotMeters: every image source, active when its spot is set. */
  spotMeters(): SpotMeter[] {
    return [...this.spots.entries()].sort((a, b) => a[0] - b[0]).map(([imagesource, s]) => ({ imagesource, active: s.renderOverlay }));
  }

  // ---- overlay channels --------------------------------------------------------

  private checkPair(imagesource: number, overlayChannel: number): void {
    if (!this.channel(imagesource)?.imageSource) throw badPair(`${imagesource} is not an image source; image sources: ${this.imageSources().join(', ')}`);
    if (!this.channel(overlayChannel)?.overlay) {
      const listed = this.overlayChannels();
      throw badPair(`${overlayChannel} is not an overlay channel; overlay channels: ${listed.length ? listed.join(', ') : 'none'}`);
    }
    if (imagesource === overlayChannel) throw badPair('an image source shows its own overlays; it cannot be its own overlay channel');
  }

  /** True when the pair was new. */
  addOverlay(imagesource: number, overlayChannel: number): boolean {
    this.checkPair(imagesource, overlayChannel);
    const set = this.overlays.get(imagesource) ?? new Set<number>();
    if (set.has(overlayChannel)) return false;
    set.add(overlayChannel);
    this.overlays.set(imagesource, set);
    return true;
  }

  removeOverlay(imagesource: number, overlayChannel: number): void {
    this.checkPair(imagesource, overlayChannel);
    const set = this.overlays.get(imagesource);
    if (!set?.has(overlayChannel)) throw badPair(`channel ${overlayChannel} is not an overlay channel of image source ${imagesource}`);
    set.delete(overlayChannel);
    if (set.size === 0) this.overlays.delete(imagesource);
  }

  /** listOverlayChannels: the image sources with at least one overlay channel. */
  overlayList(): OverlayMapping[] {
    return [...this.overlays.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([imagesource, set]) => ({ imagesource, overlayChannels: [...set].sort((a, b) => a - b) }));
  }

  /** The image sources whose area overlays `channel` shows: its own (when it is one) and those mapped to it. */
  sourcesShownOn(channel: number): number[] {
    const shown = this.channel(channel)?.imageSource ? [channel] : [];
    for (const [source, set] of this.overlays) if (set.has(channel)) shown.push(source);
    return shown;
  }

  // ---- persistence ---------------------------------------------------------------

  saved(): { spots: SavedSpot[]; overlays: OverlayMapping[] } {
    const spots = [...this.spots.entries()].map(([imagesource, s]) => ({
      imagesource,
      point: [s.point[0], s.point[1]] as Point,
      renderOverlay: s.renderOverlay,
    }));
    return { spots, overlays: this.overlayList() };
  }

  /** A saved state; entries for channels this profile lacks are left out. */
  restore(spots: readonly SavedSpot[], overlays: readonly OverlayMapping[]): void {
    for (const source of this.imageSources()) this.spots.set(source, { point: [0, 0], renderOverlay: false });
    for (const s of spots) {
      if (this.spots.has(s.imagesource)) this.spots.set(s.imagesource, { point: [s.point[0], s.point[1]], renderOverlay: s.renderOverlay });
    }
    this.overlays.clear();
    for (const m of overlays) {
      for (const ch of m.overlayChannels) {
        try {
          this.addOverlay(m.imagesource, ch);
        } catch {
          // a pair this profile cannot have
        }
      }
    }
  }
}

/**
 * param.cgi's channel names, `Image.I<n>.Name` (read-only here). A camera of
 * several channels names them by what they show ("Thermal", "Visual"); a
 * channel of no declared kind, and the one channel of a thermal-only camera,
 * is "Video <n+1>", as Axis thermal cameras name theirs.
 */
export function channelNameParams(profile: Pick<CameraProfile, 'channels'>): ParamSource {
  const named = profile.channels.length > 1;
  const entries: [string, string][] = profile.channels.map((c) => [
    `Image.I${c.nbr}.Name`,
    named && c.kind ? c.kind[0].toUpperCase() + c.kind.slice(1) : `Video ${c.nbr + 1}`,
  ]);
  return { list: () => entries };
}
