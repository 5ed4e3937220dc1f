/**
 * How Axis cameras answer SSDP (UPnP discovery): an M-SEARCH for the search
 * target `urn:axis-com:service:BasicService:1` (the one axis-js's SSDP
 * discovery sends) is answered with `HTTP/1.1 200 OK` and headers, among them
 * `LOCATION` (the device description on the camera) and
 * `USN: uuid:Upnp-BasicDevice-1_0-<serial>::urn:axis-com:service:BasicService:1`.
 * Shared by the discovery (asking, reading answers) and the emulator
 * (answering); a datagram is read under a bound.
 */

export const SSDP_GROUP = '239.255.255.250';
export const SSDP_PORT = 1900;
export const AXIS_SEARCH_TARGET = 'urn:axis-com:service:BasicService:1';
/** An SSDP datagram is a few hundred bytes; more is not read. */
export const MAX_SSDP_DATAGRAM = 4096;
const MAX_HEADERS = 32;

/** The M-SEARCH asking Axis cameras to answer within `mx` seconds. */
export function mSearch(mx = 1, host = `${SSDP_GROUP}:${SSDP_PORT}`): Buffer {
  return Buffer.from(`M-SEARCH * HTTP/1.1\r\nHOST: ${host}\r\nMAN: "ssdp:discover"\r\nMX: ${mx}\r\nST: ${AXIS_SEARCH_TARGET}\r\n\r\n`);
}

export interface SsdpMessage {
  /** The first line: "M-SEARCH * HTTP/1.1", "HTTP/1.1 200 OK", "NOTIFY * HTTP/1.1". */
  startLine: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
}

/** Reads an SSDP datagram (start line and headers); throws on one that is not. */
export function parseSsdp(buf: Buffer): SsdpMessage {
  if (buf.length > MAX_SSDP_DATAGRAM) throw new Error(`SSDP datagram larger than ${MAX_SSDP_DATAGRAM} bytes`);
  const lines = buf.toString('utf8').split(/\r?\n/);
  const startLine = (lines.shift() ?? '').trim();
  if (!/^(M-SEARCH \* HTTP\/1\.1|NOTIFY \* HTTP\/1\.1|HTTP\/1\.1 \d{3}\b.*)$/i.test(startLine)) throw new Error('not an SSDP message');
  const headers: Record<string, string> = {};
  let count = 0;
  for (const line of lines) {
    if (!line.trim()) break;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    if (++count > MAX_HEADERS) break;
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { startLine, headers };
}

/** A camera as an SSDP answer describes it. */
export interface SsdpCamera {
  /** The address the description is at (LOCATION's host), else the sender's. */
  address: string;
  serial?: string;
  location?: string;
  server?: string;
}

/** The camera an answer to our M-SEARCH describes, or undefined when it is not an Axis camera's answer. */
export function cameraOfAnswer(message: SsdpMessage, sender: string): SsdpCamera | undefined {
  if (!/^HTTP\/1\.1 200\b/i.test(message.startLine)) return undefined;
  const st = message.headers.st ?? '';
  const usn = message.headers.usn ?? '';
  if (st.toLowerCase() !== AXIS_SEARCH_TARGET.toLowerCase() && !usn.toLowerCase().includes(AXIS_SEARCH_TARGET.toLowerCase())) return undefined;
  let address = sender;
  const location = message.headers.location;
  if (location) {
    try {
      address = new URL(location).hostname.replace(/^\[(.*)\]$/, '$1') || sender;
    } catch {
      // a LOCATION that is no URL: the sender's address stands
    }
  }
  const serial = /uuid:Upnp-BasicDevice-1_0-([0-9A-Fa-f]{12})/.exec(usn)?.[1]?.toUpperCase();
  return { address, ...(serial ? { serial } : {}), ...(location ? { location } : {}), ...(message.headers.server ? { server: message.headers.server } : {}) };
}

/** An Axis camera's answer to an M-SEARCH for its search target (what the emulator sends). */
export function searchAnswer(camera: { address: string; serial: string; descriptionPort: number }): Buffer {
  return Buffer.from(
    'HTTP/1.1 200 OK\r\n' +
      'CACHE-CONTROL: max-age=1800\r\n' +
      'EXT:\r\n' +
      `LOCATION: http://${camera.address}:${camera.descriptionPort}/rootdesc1.xml\r\n` +
      'SERVER: Linux, UPnP/1.0, Portable SDK for UPnP devices/1.8.7\r\n' +
      `ST: ${AXIS_SEARCH_TARGET}\r\n` +
      `USN: uuid:Upnp-BasicDevice-1_0-${camera.serial}::${AXIS_SEARCH_TARGET}\r\n\r\n`,
  );
}
