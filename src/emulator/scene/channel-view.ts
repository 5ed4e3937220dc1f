/**
 * Which overlays the picture of one channel shows (API 1.3), and image.cgi's
 * `camera` option (the channel counted from 1) on cameras with several.
 *
 * A channel shows the areas and the spot of its own image source, and the
 * areas of every image source that has it as an overlay channel
 * (addOverlayChannel). A camera with one channel shows every area, as before.
 */
import type { AreaRecord, CameraModel } from '../camera';
import type { SpotState } from '../channels';

export interface ChannelView {
  channel: number;
  /** A visual channel is drawn in grey, without the palette's scale bar. */
  visual: boolean;
  showsArea(area: AreaRecord): boolean;
  /** The spot drawn on this channel (its own image source's), if any. */
  spot: SpotState | undefined;
}

export function channelView(camera: CameraModel, channel: number): ChannelView {
  const channels = camera.channels;
  const info = channels.channel(channel);
  if (channels.all().length <= 1) {
    return { channel, visual: false, showsArea: () => true, spot: camera.spot };
  }
  const sources = new Set(channels.sourcesShownOn(channel));
  return {
    channel,
    visual: info?.kind === 'visual',
    showsArea: (area) => sources.has(area.imagesource),
    spot: info?.imageSource ? channels.spot(channel) : undefined,
  };
}

/**
 * The channel image.cgi's `camera` value asks for (1 = channel 0), or the
 * error text of its 400 when the camera has no such video source.
 */
export function channelOfCameraOption(camera: CameraModel | undefined, value: string | null): { channel: number } | { error: string } {
  const count = camera ? camera.channels.all().length : 1;
  if (value === null) return { channel: 0 };
  const n = /^\d{1,2}$/.test(value) ? Number(value) : NaN;
  if (n >= 1 && n <= count) return { channel: n - 1 };
  const which = count === 1 ? 'video source 1 only' : `video sources 1 to ${count}`;
  return { error: `camera "${value.slice(0, 20)}" not available; this camera has ${which}` };
}

/** A visual channel's picture: the scene in grey, as a daylight sensor would show its shapes. */
export const VISUAL_PALETTE = 'White-hot';
