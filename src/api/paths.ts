/**
 * Where things are on the camera: the paths both the client (which asks) and
 * the emulator (which answers) must agree on. Source: the VAPIX Thermometry API reference (https://developer.axis.com/vapix/network-video/thermometry/)
 * and the pages of the other VAPIX APIs named below.
 */

/** JSON-RPC over HTTP POST, Digest auth. */
export const THERMOMETRY_PATH = '/axis-cgi/thermometry.cgi';
/** getApiList: which APIs this firmware serves (the event stream among them). */
export const APIDISCOVERY_PATH = '/axis-cgi/apidiscovery.cgi';
/** GET: a single-use token (digits, text/plain) for the event socket. */
export const WSSESSION_PATH = '/axis-cgi/wssession.cgi';
/** Basic device information (JSON-RPC, apiVersion 1.1): getAllProperties gives model, serial and firmware. */
export const BASICDEVICEINFO_PATH = '/axis-cgi/basicdeviceinfo.cgi';
/** GET, text/plain: the authenticated user's name, then its groups ("admin operator viewer ptz"). */
export const USERGROUP_PATH = '/axis-cgi/usergroup.cgi';
/** Parameter API: list (GET/POST action=list&group=...) and update (operator). */
export const PARAM_PATH = '/axis-cgi/param.cgi';
/** The event WebSocket: `?sources=events` and `&wssession=TOKEN`, or Digest on the upgrade. */
export const WS_DATA_STREAM_PATH = '/vapix/ws-data-stream';

/** API discovery's entry for event streaming over WebSocket. */
export const EVENT_STREAM_API = {
  id: 'event-streaming-over-websocket',
  version: '1.0',
  name: 'Event streaming over WebSocket',
  docLink: 'https://developer.axis.com/vapix/network-video/event-streaming-over-websocket',
} as const;
