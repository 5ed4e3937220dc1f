/**
 * Finding Axis cameras on the network: one DNS-SD question for
 * `_axis-video._tcp.local` over multicast DNS and one SSDP M-SEARCH for Axis's
 * search target, both from an ephemeral UDP port (node:dgram), answers
 * collected for a short window and read under bounds (../api/dns-sd.ts,
 * ../api/ssdp.ts). What comes back is only an offer: addresses a person
 * chooses from, never a camera anything connects to by itself.
 *
 * The mDNS question is a one-shot "legacy unicast" query (RFC 6762 5.1): sent
 * from a port other than 5353, it is answered straight to that port, so no
 * socket needs the shared port 5353 or group membership. SSDP answers an
 * M-SEARCH to the asker's port the same way.
 *
 * Where it cannot work it says why (`problems`): a host with no network
 * interface but loopback (a container without host networking sees no
 * camera's multicast), a send refused by the system (no route to the group).
 * `targets` sends to given addresses instead of the groups (unicast): the
 * tests use it on loopback.
 */
import * as dgram from 'node:dgram';
import * as os from 'node:os';
import { AXIS_SERVICE, MDNS_GROUP, MDNS_PORT, camerasOf, decodeMessage, encodeQuery, MAX_DATAGRAM } from '../api/dns-sd';
import { SSDP_GROUP, SSDP_PORT, cameraOfAnswer, mSearch, parseSsdp, MAX_SSDP_DATAGRAM } from '../api/ssdp';

export type DiscoveryVia = 'mdns' | 'ssdp';

export interface DiscoveredCamera {
  /** The name it announces (mDNS instance name), else "AXIS <serial>", else its address. */
  name: string;
  /** Where to reach it: its IPv4 address, else its host name. */
  host: string;
  /** Its HTTP port (mDNS's SRV); 80 when only SSDP answered (SSDP does not tell it). */
  port: number;
  serial?: string;
  /** Which of the two ways found it. */
  via: DiscoveryVia[];
}

export interface DiscoveryOptions {
  /** How long answers are collected, ms (default 2000, at most MAX_WINDOW_MS). */
  windowMs?: number;
  /** Send to these addresses (unicast) instead of the multicast groups. */
  targets?: { mdns?: { host: string; port: number }; ssdp?: { host: string; port: number } };
  /** Most cameras kept (default and most MAX_CAMERAS); answers past it are dropped. */
  maxCameras?: number;
}

export interface DiscoveryResult {
  cameras: DiscoveredCamera[];
  /** Why a way could not be tried, in words: { via, reason }. */
  problems: { via: DiscoveryVia; reason: string }[];
  /** The window answers were collected for, ms. */
  windowMs: number;
}

export const MAX_WINDOW_MS = 5000;
export const MAX_CAMERAS = 256;
/** Datagrams read per window at most (a flood is cut, not queued). */
const MAX_DATAGRAMS = 2048;

/** Why multicast discovery cannot see cameras from this host, or undefined. */
export function multicastProblem(interfaces = os.networkInterfaces()): string | undefined {
  const usable = Object.values(interfaces)
    .flat()
    .some((i) => i && !i.internal && i.family === 'IPv4');
  return usable ? undefined : 'this host has no network interface but loopback (in a container, cameras are seen only with host networking)';
}

function errnoWords(err: NodeJS.ErrnoException): string {
  const words: Record<string, string> = {
    ENETUNREACH: 'no route to the multicast group',
    EHOSTUNREACH: 'no route to the multicast group',
    EPERM: 'the system refused the multicast send',
    EACCES: 'the system refused the multicast send',
    EADDRNOTAVAIL: 'no address to send from',
  };
  return words[err.code ?? ''] ?? `${err.code ?? 'error'}`;
}

/** Asks both ways at once and resolves after the window with what answered. Never rejects. */
export async function discoverCameras(options: DiscoveryOptions = {}): Promise<DiscoveryResult> {
  const windowMs = Math.max(100, Math.min(Number(options.windowMs) || 2000, MAX_WINDOW_MS));
  const maxCameras = Math.max(1, Math.min(options.maxCameras ?? MAX_CAMERAS, MAX_CAMERAS));
  const problems: DiscoveryResult['problems'] = [];
  const unicast = options.targets;
  if (!unicast) {
    const problem = multicastProblem();
    if (problem)
      return {
        cameras: [],
        problems: [
          { via: 'mdns', reason: problem },
          { via: 'ssdp', reason: problem },
        ],
        windowMs,
      };
  }
  const found = new Map<string, DiscoveredCamera>();
  // One camera per serial number and port (mDNS tells the port; two emulated cameras on one host may share a serial);
  // an SSDP answer (no port) joins the camera of its serial, else of its address.
  const add = (via: DiscoveryVia, c: { name?: string; host: string; port?: number; serial?: string }) => {
    const all = [...found.values()];
    const have =
      via === 'mdns'
        ? all.find(
            (f) => (c.serial ? f.serial === c.serial : f.host.toLowerCase() === c.host.toLowerCase()) && (f.port === (c.port ?? 80) || !f.via.includes('mdns')),
          )
        : all.find((f) => (c.serial && f.serial === c.serial) || (!c.serial && f.host.toLowerCase() === c.host.toLowerCase()));
    if (have) {
      if (!have.via.includes(via)) have.via.push(via);
      if (via === 'mdns') {
        if (c.name) have.name = c.name;
        if (c.port) have.port = c.port;
      }
      have.serial ??= c.serial;
      return;
    }
    if (found.size >= maxCameras) return;
    const key = `${via}:${c.serial ?? c.host}:${c.port ?? ''}:${found.size}`;
    found.set(key, {
      name: c.name ?? (c.serial ? `AXIS ${c.serial}` : c.host),
      host: c.host,
      port: c.port ?? 80,
      ...(c.serial ? { serial: c.serial } : {}),
      via: [via],
    });
  };

  let datagrams = 0;
  const ask = (via: DiscoveryVia, query: Buffer, target: { host: string; port: number }, read: (msg: Buffer, sender: string) => void) =>
    new Promise<void>((resolve) => {
      const socket = dgram.createSocket({ type: 'udp4', recvBufferSize: 64 * 1024 });
      let timer: NodeJS.Timeout | undefined;
      const finish = () => {
        if (timer) clearTimeout(timer);
        try {
          socket.close();
        } catch {
          // closed already
        }
        resolve();
      };
      socket.on('error', (err: NodeJS.ErrnoException) => {
        problems.push({ via, reason: errnoWords(err) });
        finish();
      });
      socket.on('message', (msg, rinfo) => {
        if (++datagrams > MAX_DATAGRAMS) return;
        try {
          read(msg, rinfo.address);
        } catch {
          // not an answer we can read: dropped
        }
      });
      socket.bind(0, () => {
        try {
          // mDNS is sent with TTL 255 (RFC 6762 11), SSDP with 2 (UPnP Device Architecture): the local link only either way.
          if (!unicast) socket.setMulticastTTL(via === 'mdns' ? 255 : 2);
        } catch {
          // the default TTL stands
        }
        socket.send(query, target.port, target.host, (err) => {
          if (err) {
            problems.push({ via, reason: errnoWords(err as NodeJS.ErrnoException) });
            finish();
          }
        });
        timer = setTimeout(finish, windowMs);
      });
    });

  const mdnsTarget = unicast ? unicast.mdns : { host: MDNS_GROUP, port: MDNS_PORT };
  const ssdpTarget = unicast ? unicast.ssdp : { host: SSDP_GROUP, port: SSDP_PORT };
  const id = Math.floor(Math.random() * 0xffff);
  await Promise.all([
    mdnsTarget
      ? ask('mdns', encodeQuery(AXIS_SERVICE, id), mdnsTarget, (msg, sender) => {
          if (msg.length > MAX_DATAGRAM) return;
          const message = decodeMessage(msg);
          if (!message.response) return;
          for (const c of camerasOf(message)) add('mdns', { name: c.name, host: c.address ?? c.host ?? sender, port: c.port, serial: c.serial });
        })
      : undefined,
    ssdpTarget
      ? ask('ssdp', mSearch(1, unicast ? `${ssdpTarget.host}:${ssdpTarget.port}` : undefined), ssdpTarget, (msg, sender) => {
          if (msg.length > MAX_SSDP_DATAGRAM) return;
          const c = cameraOfAnswer(parseSsdp(msg), sender);
          if (c) add('ssdp', { host: c.address, serial: c.serial });
        })
      : undefined,
  ]);
  // In a stable order, whichever answer came first: by address, then port; the ways that found each, by name.
  const cameras = [...found.values()]
    .map((c) => ({ ...c, via: [...c.via].sort() }))
    .sort((a, b) => a.host.localeCompare(b.host, 'en', { numeric: true }) || a.port - b.port);
  return { cameras, problems, windowMs };
}
