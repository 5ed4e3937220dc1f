/**
 * thermometry.cgi's API 1.3 methods on the emulated camera: overlay channels
 * and spot meters (the rules are in channels.ts). Replies are shaped as the
 * page's examples: numbers, not the quoted placeholders of its syntax blocks.
 */
import type { Handler } from './thermometry-cgi';

type ChannelMethod = 'addOverlayChannel' | 'removeOverlayChannel' | 'listOverlayChannels' | 'listSpotMeters';

export const CHANNEL_HANDLERS: { [M in ChannelMethod]: Handler<M> } = {
  addOverlayChannel: (camera, p) => {
    camera.addOverlayChannel(p.imagesource, p.overlayChannel);
    return {};
  },
  removeOverlayChannel: (camera, p) => {
    camera.removeOverlayChannel(p.imagesource, p.overlayChannel);
    return {};
  },
  listOverlayChannels: (camera) => ({ overlayList: camera.channels.overlayList() }),
  listSpotMeters: (camera) => ({ spotmeters: camera.channels.spotMeters() }),
};
