/**
 * The emulator announcing itself as Axis cameras do, when asked (the CLI's
 * --announce, npm start's ANNOUNCE=1; off by default and in tests unless a
 * test starts it): it answers a DNS-SD question for `_axis-video._tcp.local`
 * (multicast DNS) with a PTR, SRV, TXT (macaddress) and A record per camera,
 * and an SSDP M-SEARCH for Axis's search target (or ssdp:all) with one answer
 * per camera (../api/dns-sd.ts, ../api/ssdp.ts). One announcer speaks for a
 * whole fleet: every camera of it is on one host.
 *
 * Multicast (the default): sockets on 0.0.0.0:5353 and :1900, shared with any
 * other responder (reuseAddr), joined to the groups on every IPv4 interface.
 * Unicast (`ports`): sockets on `bindAddress` (127.0.0.1) at the ports given,
 * no group: how the tests try the answering on loopback, where this machine's
 * loopback has no multicast.
 */
import * as dgram from 'node:dgram';
import * as os from 'node:os';
import { AXIS_SERVICE, MDNS_GROUP, MDNS_PORT, TYPE_PTR, cameraRecords, decodeMessage, encodeResponse, MAX_DATAGRAM } from '../api/dns-sd';
import { AXIS_SEARCH_TARGET, SSDP_GROUP, SSDP_PORT, parseSsdp, searchAnswer, MAX_SSDP_DATAGRAM } from '../api/ssdp';
import type { Emulator } from './server';

export interface AnnounceOptions {
  /** Unicast on these ports (0 = a free one) instead of multicast on 5353 and 1900. */
  ports?: { mdns: number; ssdp: number };
  /** Where the unicast sockets listen (default 127.0.0.1). */
  bindAddress?: string;
  /** The address announced for the cameras (default: their host, or this host's first IPv4 address when they listen on all). */
  address?: string;
}

export interface Announcer {
  /** The ports the two sockets listen on. */
  mdnsPort: number;
  ssdpPort: number;
  /** Questions answered so far (for a test). */
  answered: { mdns: number; ssdp: number };
  stop(): Promise<void>;
}

function firstIPv4(): string {
  for (const list of Object.values(os.networkInterfaces())) for (const i of list ?? []) if (!i.internal && i.family === 'IPv4') return i.address;
  return '127.0.0.1';
}

function bind(socket: dgram.Socket, port: number, address?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind({ port, address, exclusive: false }, () => {
      socket.off('error', reject);
      resolve();
    });
  });
}

/** Answers discovery for `emulators` until stop(). */
export async function startAnnouncer(emulators: Emulator[], options: AnnounceOptions = {}): Promise<Announcer> {
  const unicast = options.ports;
  const cameras = emulators.map((e) => {
    const serial = e.camera.profile.serial;
    const listening = e.host === '0.0.0.0' || e.host === '::' ? undefined : e.host;
    const address = options.address ?? listening ?? firstIPv4();
    // As a camera names itself: "<model without 'Thermal Camera'> - <serial>", host axis-<serial>.local.
    const model = e.camera.profile.model.replace(/\s+(Thermal|Bispectral).*$/, '').trim() || 'AXIS';
    return { name: `${model} - ${serial}`, host: `axis-${serial.toLowerCase()}.local`, address, port: e.port, serial };
  });
  // npm start's emulator and the fleet's first camera share a serial number: an instance name must be unique, so the second says its port.
  const names = new Set<string>();
  for (const c of cameras) {
    if (names.has(c.name)) {
      c.name = `${c.name} (${c.port})`;
      c.host = `axis-${c.serial.toLowerCase()}-${c.port}.local`;
    }
    names.add(c.name);
  }
  const answered = { mdns: 0, ssdp: 0 };
  const mdns = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  const ssdp = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  const close = () =>
    Promise.all(
      [mdns, ssdp].map(
        (s) =>
          new Promise<void>((r) => {
            try {
              s.close(() => r());
            } catch {
              r();
            }
          }),
      ),
    );
  // A bad datagram is dropped; a socket error (the port taken away, the interface gone) ends nothing else.
  mdns.on('error', () => undefined);
  ssdp.on('error', () => undefined);

  mdns.on('message', (msg, rinfo) => {
    if (msg.length > MAX_DATAGRAM) return;
    let question;
    try {
      question = decodeMessage(msg);
    } catch {
      return;
    }
    if (question.response) return;
    const asked = question.questions.find((q) => q.type === TYPE_PTR && q.name.toLowerCase().replace(/\.$/, '') === AXIS_SERVICE);
    if (!asked) return;
    answered.mdns++;
    // A legacy unicast question (from a port other than 5353) is answered to its port, with its id and question.
    const legacy = rinfo.port !== MDNS_PORT;
    const answers = cameras.flatMap((c) => cameraRecords(c).answers);
    const additional = cameras.flatMap((c) => cameraRecords(c).additional);
    const reply = encodeResponse(legacy ? question.id : 0, legacy ? AXIS_SERVICE : undefined, answers, additional);
    const to = legacy || unicast ? { port: rinfo.port, host: rinfo.address } : { port: MDNS_PORT, host: MDNS_GROUP };
    mdns.send(reply, to.port, to.host, () => undefined);
  });

  ssdp.on('message', (msg, rinfo) => {
    if (msg.length > MAX_SSDP_DATAGRAM) return;
    let message;
    try {
      message = parseSsdp(msg);
    } catch {
      return;
    }
    if (!/^M-SEARCH/i.test(message.startLine)) return;
    const st = (message.headers.st ?? '').trim();
    if (st !== AXIS_SEARCH_TARGET && st !== 'ssdp:all') return;
    answered.ssdp++;
    for (const c of cameras)
      ssdp.send(searchAnswer({ address: c.address, serial: c.serial, descriptionPort: c.port }), rinfo.port, rinfo.address, () => undefined);
  });

  try {
    if (unicast) {
      const at = options.bindAddress ?? '127.0.0.1';
      await bind(mdns, unicast.mdns, at);
      await bind(ssdp, unicast.ssdp, at);
    } else {
      await bind(mdns, MDNS_PORT);
      await bind(ssdp, SSDP_PORT);
      for (const [socket, group] of [
        [mdns, MDNS_GROUP],
        [ssdp, SSDP_GROUP],
      ] as const) {
        let joined = 0;
        for (const list of Object.values(os.networkInterfaces()))
          for (const i of list ?? []) {
            if (i.family !== 'IPv4') continue;
            try {
              socket.addMembership(group, i.address);
              joined++;
            } catch {
              // an interface without multicast (this machine's loopback): the others still hear
            }
          }
        if (!joined) throw new Error(`no interface could join ${group}`);
      }
    }
  } catch (err) {
    await close();
    throw new Error(`announcing the cameras: ${(err as Error).message}`);
  }
  return { mdnsPort: mdns.address().port, ssdpPort: ssdp.address().port, answered, stop: async () => void (await close()) };
}
