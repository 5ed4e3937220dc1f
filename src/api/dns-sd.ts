/**
 * How Axis cameras announce themselves over multicast DNS (RFC 6762) and
 * DNS-SD (RFC 6763): the service `_axis-video._tcp.local`, one instance per
 * camera ("AXIS Q2101-TE - B8A44F000001"), its SRV record (host name, the
 * camera's HTTP port), its A record (the address) and its TXT record
 * (`macaddress=B8A44F000001`; what Home Assistant's Axis integration and
 * axis-js's Bonjour discovery read). Shared by the discovery (the question and
 * reading answers) and the emulator (answering): the DNS wire format of the few
 * records involved, read under bounds (a datagram from the network is anyone's).
 */

/** The DNS-SD service type Axis cameras announce. */
export const AXIS_SERVICE = '_axis-video._tcp.local';
/** The mDNS group and port. */
export const MDNS_GROUP = '224.0.0.251';
export const MDNS_PORT = 5353;

export const TYPE_A = 1;
export const TYPE_PTR = 12;
export const TYPE_TXT = 16;
export const TYPE_SRV = 33;
const CLASS_IN = 1;
/** mDNS: the top bit of an answer's class is cache-flush, of a question's "unicast response wanted". */
const CLASS_MASK = 0x7fff;

/** Bounds of what is read from one datagram: mDNS's own maximum, and the work a hostile one may cause. */
export const MAX_DATAGRAM = 9000;
const MAX_RECORDS = 64;
const MAX_NAME_JUMPS = 16;
const MAX_NAME_LENGTH = 255;
const MAX_TXT_ENTRIES = 32;

export interface DnsRecord {
  name: string;
  type: number;
  ttl: number;
  /** PTR: the name pointed at. */
  ptr?: string;
  /** SRV: the target host and port. */
  target?: string;
  port?: number;
  /** A: the IPv4 address. */
  address?: string;
  /** TXT: key=value entries (keys in lower case). */
  txt?: Record<string, string>;
}

export interface DnsMessage {
  id: number;
  response: boolean;
  questions: { name: string; type: number; unicastResponse: boolean }[];
  /** Answers and additional records together (a responder may put the SRV, TXT and A in either). */
  records: DnsRecord[];
}

function encodeName(name: string): Buffer {
  const parts: Buffer[] = [];
  for (const label of name.replace(/\.$/, '').split('.')) {
    const bytes = Buffer.from(label, 'utf8');
    if (bytes.length === 0 || bytes.length > 63) throw new Error(`DNS label "${label}" must be 1 to 63 bytes`);
    parts.push(Buffer.from([bytes.length]), bytes);
  }
  parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

/** A query for `name` (PTR), as a one-shot legacy unicast query (RFC 6762 5.1): answered to the asker's port. */
export function encodeQuery(name: string, id = 0, type = TYPE_PTR): Buffer {
  return Buffer.concat([u16(id), u16(0), u16(1), u16(0), u16(0), u16(0), encodeName(name), u16(type), u16(CLASS_IN)]);
}

function encodeRecord(r: DnsRecord): Buffer {
  let data: Buffer;
  if (r.type === TYPE_PTR) data = encodeName(r.ptr ?? '');
  else if (r.type === TYPE_SRV) data = Buffer.concat([u16(0), u16(0), u16(r.port ?? 0), encodeName(r.target ?? '')]);
  else if (r.type === TYPE_A) data = Buffer.from((r.address ?? '0.0.0.0').split('.').map(Number));
  else if (r.type === TYPE_TXT) {
    const entries = Object.entries(r.txt ?? {}).map(([k, v]) => Buffer.from(`${k}=${v}`, 'utf8'));
    data = Buffer.concat(entries.flatMap((e) => [Buffer.from([e.length]), e]));
  } else throw new Error(`record type ${r.type} is not written here`);
  const ttl = Buffer.alloc(4);
  ttl.writeUInt32BE(r.ttl);
  return Buffer.concat([encodeName(r.name), u16(r.type), u16(CLASS_IN), ttl, u16(data.length), data]);
}

/** A response: the question repeated (a legacy unicast answer must carry it), the answers, the additional records. */
export function encodeResponse(id: number, question: string | undefined, answers: DnsRecord[], additional: DnsRecord[] = []): Buffer {
  const q = question ? [encodeName(question), u16(TYPE_PTR), u16(CLASS_IN)] : [];
  return Buffer.concat([
    u16(id),
    u16(0x8400),
    u16(question ? 1 : 0),
    u16(answers.length),
    u16(0),
    u16(additional.length),
    ...q,
    ...answers.map(encodeRecord),
    ...additional.map(encodeRecord),
  ]);
}

class Reader {
  constructor(
    readonly buf: Buffer,
    public at = 0,
  ) {}

  need(n: number): void {
    if (this.at + n > this.buf.length) throw new Error('DNS message cut short');
  }

  u8(): number {
    this.need(1);
    return this.buf[this.at++];
  }

  u16(): number {
    this.need(2);
    const v = this.buf.readUInt16BE(this.at);
    this.at += 2;
    return v;
  }

  u32(): number {
    this.need(4);
    const v = this.buf.readUInt32BE(this.at);
    this.at += 4;
    return v;
  }

  /** A name, following compression pointers a bounded number of times (a pointer loop is an error, not a hang). */
  name(): string {
    const labels: string[] = [];
    let at = this.at;
    let jumped = false;
    let jumps = 0;
    let length = 0;
    for (;;) {
      if (at >= this.buf.length) throw new Error('DNS name runs past the message');
      const len = this.buf[at];
      if ((len & 0xc0) === 0xc0) {
        if (at + 1 >= this.buf.length) throw new Error('DNS name pointer cut short');
        if (++jumps > MAX_NAME_JUMPS) throw new Error('DNS name has too many pointers');
        const target = ((len & 0x3f) << 8) | this.buf[at + 1];
        if (!jumped) this.at = at + 2;
        jumped = true;
        at = target;
        continue;
      }
      if (len & 0xc0) throw new Error('DNS label type not supported');
      if (len === 0) {
        if (!jumped) this.at = at + 1;
        return labels.join('.');
      }
      if (at + 1 + len > this.buf.length) throw new Error('DNS label runs past the message');
      length += len + 1;
      if (length > MAX_NAME_LENGTH) throw new Error('DNS name longer than 255 bytes');
      labels.push(this.buf.toString('utf8', at + 1, at + 1 + len));
      at += 1 + len;
    }
  }
}

/** Reads a DNS message under the bounds above; throws on a malformed one (the caller drops it). */
export function decodeMessage(buf: Buffer): DnsMessage {
  if (buf.length > MAX_DATAGRAM) throw new Error(`DNS message larger than ${MAX_DATAGRAM} bytes`);
  const r = new Reader(buf);
  const id = r.u16();
  const flags = r.u16();
  const qd = r.u16();
  const counts = [r.u16(), r.u16(), r.u16()];
  if (qd > MAX_RECORDS || counts.reduce((a, b) => a + b, 0) > MAX_RECORDS) throw new Error(`DNS message with more than ${MAX_RECORDS} records`);
  const questions: DnsMessage['questions'] = [];
  for (let i = 0; i < qd; i++) {
    const name = r.name();
    const type = r.u16();
    const cls = r.u16();
    questions.push({ name, type, unicastResponse: (cls & 0x8000) !== 0 });
  }
  const records: DnsRecord[] = [];
  const total = counts.reduce((a, b) => a + b, 0);
  for (let i = 0; i < total; i++) {
    const name = r.name();
    const type = r.u16();
    const cls = r.u16() & CLASS_MASK;
    const ttl = r.u32();
    const len = r.u16();
    r.need(len);
    const end = r.at + len;
    const record: DnsRecord = { name, type, ttl };
    if (cls === CLASS_IN) {
      if (type === TYPE_PTR) record.ptr = r.name();
      else if (type === TYPE_SRV) {
        r.u16();
        r.u16();
        record.port = r.u16();
        record.target = r.name();
      } else if (type === TYPE_A && len === 4) record.address = [...buf.subarray(r.at, r.at + 4)].join('.');
      else if (type === TYPE_TXT) {
        const txt: Record<string, string> = {};
        let at = r.at;
        let n = 0;
        while (at < end && n++ < MAX_TXT_ENTRIES) {
          const l = buf[at];
          const entry = buf.toString('utf8', at + 1, Math.min(at + 1 + l, end));
          const eq = entry.indexOf('=');
          if (eq > 0) txt[entry.slice(0, eq).toLowerCase()] = entry.slice(eq + 1);
          at += 1 + l;
        }
        record.txt = txt;
      }
    }
    r.at = end;
    records.push(record);
  }
  return { id, response: (flags & 0x8000) !== 0, questions, records };
}

/** A camera as its DNS-SD records describe it. */
export interface AnnouncedCamera {
  /** The instance name, e.g. "AXIS Q2101-TE - B8A44F000001". */
  name: string;
  host?: string;
  port?: number;
  address?: string;
  serial?: string;
}

/** The Axis cameras a response describes: each PTR of the service, with its SRV, A and TXT where the message holds them. */
export function camerasOf(message: DnsMessage): AnnouncedCamera[] {
  const lower = (s: string) => s.toLowerCase().replace(/\.$/, '');
  const out: AnnouncedCamera[] = [];
  for (const ptr of message.records.filter((r) => r.type === TYPE_PTR && lower(r.name) === AXIS_SERVICE && r.ptr)) {
    const instance = ptr.ptr!;
    const srv = message.records.find((r) => r.type === TYPE_SRV && lower(r.name) === lower(instance));
    const txt = message.records.find((r) => r.type === TYPE_TXT && lower(r.name) === lower(instance));
    const a = srv?.target ? message.records.find((r) => r.type === TYPE_A && lower(r.name) === lower(srv.target!)) : undefined;
    const suffix = `.${AXIS_SERVICE}`;
    const name = lower(instance).endsWith(suffix) ? instance.slice(0, instance.length - suffix.length) : instance;
    out.push({
      name,
      ...(srv?.target ? { host: srv.target.replace(/\.$/, '') } : {}),
      ...(srv?.port ? { port: srv.port } : {}),
      ...(a?.address ? { address: a.address } : {}),
      ...(txt?.txt?.macaddress ? { serial: txt.txt.macaddress.toUpperCase() } : {}),
    });
  }
  return out;
}

/** The records a camera answers the service's PTR question with (what the emulator sends). */
export function cameraRecords(
  camera: { name: string; host: string; address: string; port: number; serial: string },
  ttl = 120,
): { answers: DnsRecord[]; additional: DnsRecord[] } {
  const instance = `${camera.name}.${AXIS_SERVICE}`;
  return {
    answers: [{ name: AXIS_SERVICE, type: TYPE_PTR, ttl, ptr: instance }],
    additional: [
      { name: instance, type: TYPE_SRV, ttl, target: camera.host, port: camera.port },
      { name: instance, type: TYPE_TXT, ttl, txt: { macaddress: camera.serial } },
      { name: camera.host, type: TYPE_A, ttl, address: camera.address },
    ],
  };
}
