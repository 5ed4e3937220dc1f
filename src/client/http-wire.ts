/**
 * HTTP/1.1 to one camera over connections of our own: the request written in
 * one piece, the reply read by a small bounded parser, the connection kept
 * for the next request. Why not node's http client: a poll is a few hundred
 * bytes each way, and node's ClientRequest, agent and IncomingMessage stream
 * (plus axios's config merging on top) cost several times the exchange
 * itself; bench/fleet.js measures a plant of cameras polled every second.
 *
 * What it does, and no more: GET and POST to paths on this camera (never
 * another host: no redirects, no proxy), Content-Length and chunked replies
 * and replies that end with the connection, 1xx skipped, keep-alive as the
 * camera allows it, TLS with the camera's trust. Every reply is bounded
 * (head 64 kB, body MAX_REPLY_BYTES) and every exchange ends with its
 * deadline (the connection is destroyed, whatever it is in the middle of).
 */
import net from 'net';
import tls from 'tls';

/** Set on an error raised before any byte of the request was written on a kept connection. */
export const UNSENT = Symbol('unsent');

/** Set on the error of a reply over MAX_REPLY_BYTES. */
export const TOO_LARGE = Symbol('too large');

/** Largest reply body read (thermometry replies are a few kB; a snapshot a few MB). */
export const MAX_REPLY_BYTES = 32 * 1024 * 1024;

/** Largest status line and headers read (a camera sends well under 2 kB). */
export const MAX_HEAD_BYTES = 64 * 1024;

/** Idle connections kept per camera; more are closed (a burst of parallel calls opens more). */
const MAX_IDLE = 16;

export interface WireTarget {
  protocol: 'http' | 'https';
  host: string;
  port: number;
  /** The TLS trust for a new https connection (read when it is opened: a CA file may come later). */
  tls?: () => { ca?: string | Buffer; rejectUnauthorized: boolean };
}

export interface WireRequest {
  method: 'GET' | 'POST';
  /** Path and query on the camera, starting with '/'. */
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  responseType: 'text' | 'arraybuffer';
  /**
   * Changes nothing on the camera. A kept connection is written at once for
   * such a request (the caller sends it again if the connection proves dead);
   * for a write it is first checked, so that a dead one fails unsent.
   */
  idempotent: boolean;
  /** Ends the exchange: the connection is destroyed and the reply fails with `abortError()`. */
  onAbort: (abort: () => void) => () => void;
  abortError: () => Error;
}

export interface WireReply {
  status: number;
  statusText: string;
  /** Lower-case names; repeated headers joined with ", " (as node gives them). */
  headers: Record<string, string>;
  data: string | Buffer;
}

/** What an exchange's failure says about where it failed (read by resend.ts). */
export interface WireError extends Error {
  code?: string;
  request?: { reusedSocket: boolean };
  [UNSENT]?: boolean;
  [TOO_LARGE]?: boolean;
}

function wireError(message: string, code: string): WireError {
  return Object.assign(new Error(message), { code });
}

// A token (RFC 9110) for header names; a value without CR, LF or NUL (no header injection).
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
// Visible ASCII only: a path with a space or a line break would split the request line.
const REQUEST_PATH = /^\/[\x21-\x7e]*$/;
// Set by the wire itself; a caller's copy is dropped.
const OWN_HEADERS = new Set(['host', 'content-length', 'connection', 'transfer-encoding']);
const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?: ([^\r\n]*))?$/;
// Headers node keeps once when repeated; the others are joined with ", ".
const SINGLE_HEADERS = new Set(['content-type', 'content-length', 'location', 'server', 'etag', 'last-modified', 'age', 'expires', 'retry-after']);
const CRLFCRLF = Buffer.from('\r\n\r\n');
// Some embedded servers end lines with LF alone: read them too.
const LFLF = Buffer.from('\n\n');

/** Where the head ends in `bytes` (searching from `from`) and the length of its blank line; at -1 when not yet. */
function headEnd(bytes: Buffer, from: number): { at: number; blank: number } {
  const crlf = bytes.indexOf(CRLFCRLF, from);
  const lf = bytes.indexOf(LFLF, from);
  if (lf >= 0 && (crlf < 0 || lf < crlf)) return { at: lf, blank: 2 };
  return { at: crlf, blank: 4 };
}

/** One connection to the camera, with the exchange it is serving (none while idle). */
class Connection {
  readonly socket: net.Socket;
  exchange: Exchange | undefined;
  /** Requests completed on it: more than 0 makes it a kept (reused) connection. */
  served = 0;
  /** When it went back to the pool, and how long the camera keeps an idle connection (its Keep-Alive timeout, less a second, as node's agent does). */
  idleSince = 0;
  idleLimitMs = Infinity;
  /** It may carry another request. */
  open = true;

  constructor(
    target: WireTarget,
    readonly pool: WirePool,
  ) {
    const { host, port } = target;
    if (target.protocol === 'https') {
      const trust = target.tls?.() ?? { rejectUnauthorized: true };
      this.socket = tls.connect({
        host,
        port,
        // SNI and the certificate's name check use the host name; an address is checked against the certificate's IPs.
        servername: net.isIP(host) ? undefined : host,
        ca: trust.ca,
        rejectUnauthorized: trust.rejectUnauthorized,
        ALPNProtocols: ['http/1.1'],
      });
    } else {
      this.socket = net.connect({ host, port });
    }
    this.socket.setNoDelay(true);
    // TCP keep-alive finds a camera that vanished while its connection idled.
    this.socket.setKeepAlive(true, 1000);
    this.socket.on('data', (chunk: Buffer) => {
      if (this.exchange) this.exchange.onData(chunk);
      // Bytes nobody asked for: the connection can no longer be trusted to frame a reply.
      else this.destroy();
    });
    this.socket.on('end', () => this.onGone(undefined));
    this.socket.on('close', () => this.onGone(undefined));
    this.socket.on('error', (err: Error) => this.onGone(err));
  }

  get alive(): boolean {
    const s = this.socket;
    return this.open && !s.destroyed && s.writable && !s.readableEnded;
  }

  /** Alive, and not idle for longer than the camera said it keeps a connection. */
  get reusable(): boolean {
    return this.alive && (this.idleLimitMs === Infinity || Date.now() - this.idleSince <= this.idleLimitMs);
  }

  private onGone(err: Error | undefined): void {
    this.open = false;
    this.pool.forget(this);
    const exchange = this.exchange;
    if (exchange) exchange.onClosed(err);
    if (!this.socket.destroyed) this.socket.destroy();
  }

  destroy(): void {
    this.open = false;
    this.pool.forget(this);
    this.socket.destroy();
  }
}

const enum Stage {
  Head,
  Length,
  ChunkSize,
  ChunkData,
  ChunkEnd,
  Trailers,
  UntilClose,
  Done,
}

/** One request and its reply on one connection. */
class Exchange {
  private stage = Stage.Head;
  /** Bytes of a head or a chunked line not yet complete, in a buffer that grows by doubling (a camera dribbling a byte at a time costs no more than one sending it whole). */
  private kept: Buffer | undefined;
  private keptLength = 0;
  private readonly body: Buffer[] = [];
  private bodySize = 0;
  private left = 0;
  private status = 0;
  private statusText = '';
  private headers: Record<string, string> = {};
  private keepAlive = false;
  private written = false;
  private settled = false;
  private readonly stopAbort: () => void;

  constructor(
    private readonly conn: Connection,
    private readonly req: WireRequest,
    private readonly resolve: (reply: WireReply) => void,
    private readonly reject: (err: WireError) => void,
  ) {
    conn.exchange = this;
    this.stopAbort = req.onAbort(() => this.fail(req.abortError()));
  }

  private get reused(): boolean {
    return this.conn.served > 0;
  }

  write(bytes: string | Buffer): void {
    if (this.settled) return;
    if (!this.conn.alive) {
      // Closed by the camera while it idled: nothing was written, the request may go again.
      this.fail(Object.assign(wireError('socket hang up: kept-alive connection closed by the camera', 'ECONNRESET'), { [UNSENT]: true }));
      return;
    }
    this.written = true;
    this.conn.socket.write(bytes);
  }

  onData(chunk: Buffer): void {
    if (this.settled) return;
    try {
      this.parse(chunk);
    } catch (err) {
      this.fail(err as WireError);
    }
  }

  onClosed(err: Error | undefined): void {
    if (this.settled) return;
    if (this.stage === Stage.UntilClose && !err) return this.finish();
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    const failure: WireError = err
      ? Object.assign(wireError(err.message, code ?? 'ECONNRESET'), code ? {} : { cause: err })
      : wireError(this.stage === Stage.Head && !this.keptLength ? 'socket hang up' : 'reply cut short: the connection closed', 'ECONNRESET');
    // A kept connection the camera closed before any byte went out: the request can go again.
    if (!this.written || (this.reused && code === 'EPIPE')) failure[UNSENT] = true;
    this.fail(failure);
  }

  private parse(chunk: Buffer): void {
    let data = chunk;
    while (data.length > 0 && !this.settled) {
      switch (this.stage) {
        case Stage.Head: {
          const from = Math.max(0, this.keptLength - 3);
          const bytes = this.keptLength ? this.keep(data) : data;
          const end = headEnd(bytes, from);
          if (end.at < 0) {
            if (bytes.length > MAX_HEAD_BYTES) throw wireError(`reply headers larger than ${MAX_HEAD_BYTES} bytes`, 'HPE_HEADER_OVERFLOW');
            if (!this.keptLength) this.keep(data);
            return;
          }
          if (end.at > MAX_HEAD_BYTES) throw wireError(`reply headers larger than ${MAX_HEAD_BYTES} bytes`, 'HPE_HEADER_OVERFLOW');
          const head = bytes.toString('latin1', 0, end.at);
          data = bytes.subarray(end.at + end.blank);
          this.dropKept();
          this.readHead(head, end.blank === 4);
          break;
        }
        case Stage.Length: {
          data = this.takeBody(data);
          if (this.left === 0) {
            if (data.length > 0) this.keepAlive = false;
            return this.finish();
          }
          break;
        }
        case Stage.ChunkSize:
        case Stage.ChunkEnd:
        case Stage.Trailers: {
          const from = this.keptLength;
          const bytes = this.keptLength ? this.keep(data) : data;
          const eol = bytes.indexOf(0x0a, from);
          if (eol < 0) {
            if (bytes.length > 4096) throw wireError('chunked reply with a line over 4096 bytes', 'HPE_INVALID_CHUNK_SIZE');
            if (!this.keptLength) this.keep(data);
            return;
          }
          const line = bytes.toString('latin1', 0, eol > 0 && bytes[eol - 1] === 0x0d ? eol - 1 : eol);
          data = bytes.subarray(eol + 1);
          this.dropKept();
          if (this.stage === Stage.ChunkEnd) {
            if (line !== '') throw wireError('chunked reply: a chunk longer than its size', 'HPE_INVALID_CHUNK_SIZE');
            this.stage = Stage.ChunkSize;
          } else if (this.stage === Stage.Trailers) {
            if (line === '') {
              if (data.length > 0) this.keepAlive = false;
              return this.finish();
            }
          } else {
            const size = /^([0-9a-fA-F]{1,8})[ \t]*(?:;.*)?$/.exec(line);
            if (!size) throw wireError('chunked reply: a chunk size is not hexadecimal', 'HPE_INVALID_CHUNK_SIZE');
            this.left = parseInt(size[1], 16);
            this.stage = this.left === 0 ? Stage.Trailers : Stage.ChunkData;
          }
          break;
        }
        case Stage.ChunkData: {
          data = this.takeBody(data);
          if (this.left === 0) this.stage = Stage.ChunkEnd;
          break;
        }
        case Stage.UntilClose:
          this.addBody(data);
          return;
        case Stage.Done:
          // Bytes after a reply that has no body: not ours to read, so the connection goes.
          this.keepAlive = false;
          return this.finish();
      }
    }
    // A head that says the reply has no body ends here, with or without bytes after it.
    if (this.stage === Stage.Done) this.finish();
  }

  /** Appends `data` to the bytes kept, and gives them all. */
  private keep(data: Buffer): Buffer {
    const length = this.keptLength + data.length;
    if (!this.kept || this.kept.length < length) {
      const grown = Buffer.allocUnsafe(Math.max(length, 2 * (this.kept?.length ?? 512)));
      if (this.kept) this.kept.copy(grown, 0, 0, this.keptLength);
      this.kept = grown;
    }
    data.copy(this.kept, this.keptLength);
    this.keptLength = length;
    return this.kept.subarray(0, length);
  }

  /** Forgets the kept bytes (a new buffer next time: the body may hold views of this one). */
  private dropKept(): void {
    this.kept = undefined;
    this.keptLength = 0;
  }

  private readHead(head: string, crlf: boolean): void {
    const lines = crlf ? head.split('\r\n') : head.split(/\r?\n/);
    const status = STATUS_LINE.exec(lines[0]);
    if (!status) throw wireError(`the reply is not HTTP/1.x (starts "${lines[0].slice(0, 24).replace(/[^\x20-\x7e]/g, '?')}")`, 'HPE_INVALID_CONSTANT');
    const code = Number(status[2]);
    const headers: Record<string, string> = {};
    let last: string | undefined;
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i];
      // An old-style continuation line (obs-fold) belongs to the header before it.
      if (last !== undefined && (line[0] === ' ' || line[0] === '\t')) {
        headers[last] = `${headers[last]} ${line.trim()}`;
        continue;
      }
      const colon = line.indexOf(':');
      if (colon <= 0) throw wireError('a reply header without a name', 'HPE_INVALID_HEADER_TOKEN');
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      last = name;
      const before = headers[name];
      if (before === undefined) headers[name] = value;
      else if (name === 'content-length' && before !== value) throw wireError('a reply with two different lengths', 'HPE_UNEXPECTED_CONTENT_LENGTH');
      else if (!SINGLE_HEADERS.has(name)) headers[name] = `${before}, ${value}`;
    }
    // 100 Continue and other interim replies: the real one follows.
    if (code >= 100 && code < 200 && code !== 101) return;
    this.status = code;
    this.statusText = status[3] ?? '';
    this.headers = headers;
    const connection = (headers.connection ?? '').toLowerCase();
    this.keepAlive = status[1] === '1' ? !/(^|[\s,])close($|[\s,])/.test(connection) : /keep-alive/.test(connection);
    const keepAliveHint = headers['keep-alive'];
    if (keepAliveHint !== undefined) {
      const timeout = /(?:^|[\s,])timeout=(\d{1,6})/i.exec(keepAliveHint);
      if (timeout) this.conn.idleLimitMs = Math.max(0, Number(timeout[1]) * 1000 - 1000);
    }
    const encoding = (headers['transfer-encoding'] ?? '').toLowerCase();
    if (code === 204 || code === 304) this.stage = Stage.Done;
    else if (encoding) {
      if (!/(^|,)\s*chunked\s*$/.test(encoding))
        throw wireError(`reply in a transfer encoding not understood (${encoding.slice(0, 40)})`, 'HPE_INVALID_TRANSFER_ENCODING');
      this.stage = Stage.ChunkSize;
      // Both a length and chunks: the reply is read by its chunks, and the connection is not trusted again (RFC 9112 6.3).
      if (headers['content-length'] !== undefined) this.keepAlive = false;
    } else if (headers['content-length'] !== undefined) {
      if (!/^\d{1,15}$/.test(headers['content-length'])) throw wireError('a reply length that is not a number', 'HPE_INVALID_CONTENT_LENGTH');
      this.left = Number(headers['content-length']);
      if (this.left > MAX_REPLY_BYTES) throw this.tooLarge();
      this.stage = this.left === 0 ? Stage.Done : Stage.Length;
    } else {
      this.keepAlive = false;
      this.stage = Stage.UntilClose;
    }
  }

  /** Takes the body's bytes up to what is left of the length or the chunk; gives the bytes after them. */
  private takeBody(data: Buffer): Buffer {
    const take = Math.min(this.left, data.length);
    this.addBody(take === data.length ? data : data.subarray(0, take));
    this.left -= take;
    return data.subarray(take);
  }

  private addBody(bytes: Buffer): void {
    this.bodySize += bytes.length;
    if (this.bodySize > MAX_REPLY_BYTES) throw this.tooLarge();
    this.body.push(bytes);
  }

  private tooLarge(): WireError {
    return Object.assign(wireError(`reply larger than ${MAX_REPLY_BYTES} bytes`, 'ERR_REPLY_TOO_LARGE'), { [TOO_LARGE]: true });
  }

  private finish(): void {
    if (this.settled) return;
    this.settled = true;
    this.stopAbort();
    const conn = this.conn;
    conn.exchange = undefined;
    conn.served++;
    if (this.keepAlive && this.stage !== Stage.UntilClose) conn.pool.release(conn);
    else conn.destroy();
    const buffer = this.body.length === 1 ? this.body[0] : Buffer.concat(this.body, this.bodySize);
    this.resolve({
      status: this.status,
      statusText: this.statusText,
      headers: this.headers,
      data: this.req.responseType === 'arraybuffer' ? buffer : buffer.toString('utf8'),
    });
  }

  fail(err: WireError): void {
    if (this.settled) return;
    this.settled = true;
    this.stopAbort();
    err.request = { reusedSocket: this.reused };
    this.conn.exchange = undefined;
    this.conn.destroy();
    this.reject(err);
  }
}

/** The connections to one camera; `request` sends one request on a kept one, or on a new one. */
export class WirePool {
  private readonly idle: Connection[] = [];
  private readonly all = new Set<Connection>();
  private readonly hostHeader: string;
  private closed = false;

  constructor(private readonly target: WireTarget) {
    const defaultPort = target.protocol === 'https' ? 443 : 80;
    const host = target.host.includes(':') ? `[${target.host}]` : target.host;
    this.hostHeader = target.port === defaultPort ? host : `${host}:${target.port}`;
  }

  /** Connections open now (for tests and diagnostics). */
  get connections(): number {
    return this.all.size;
  }

  request(req: WireRequest): Promise<WireReply> {
    return new Promise<WireReply>((resolve, reject) => {
      const head = this.head(req);
      if (typeof head !== 'string') return reject(head);
      if (this.closed) return reject(wireError('the client is closed', 'ERR_CANCELED'));
      let conn: Connection | undefined;
      while ((conn = this.idle.pop()) && !conn.reusable) conn.destroy();
      if (!conn) {
        conn = new Connection(this.target, this);
        this.all.add(conn);
      }
      const exchange = new Exchange(conn, req, resolve, reject);
      const body = req.body;
      // One write, one packet for a JSON call: the head and a string body together.
      const bytes = body === undefined ? head : typeof body === 'string' ? head + body : Buffer.concat([Buffer.from(head, 'latin1'), body]);
      if (conn.served === 0 || req.idempotent) return exchange.write(bytes);
      // A kept connection may have been closed by the camera while it idled, its close not
      // yet read. For a write, let the event loop poll the sockets once first (two check
      // phases: the first may come before this turn's poll): a dead connection then fails
      // before any byte is written, and the request can safely go again.
      setImmediate(() => setImmediate(() => exchange.write(bytes)));
    });
  }

  /** The request line and headers, or the error naming what a caller gave wrong. */
  private head(req: WireRequest): string | WireError {
    if (!REQUEST_PATH.test(req.path))
      return wireError(`only paths on the camera are requested, in visible ASCII (got ${JSON.stringify(req.path.slice(0, 40))})`, 'ERR_INVALID_PATH');
    let head = `${req.method} ${req.path} HTTP/1.1\r\nHost: ${this.hostHeader}\r\n`;
    for (const name in req.headers) {
      const value = req.headers[name];
      if (OWN_HEADERS.has(name.toLowerCase())) continue;
      if (!HEADER_NAME.test(name) || !HEADER_VALUE.test(value))
        return wireError(`header "${name.slice(0, 40)}" has a character a header cannot carry`, 'ERR_INVALID_HEADER');
      head += `${name}: ${value}\r\n`;
    }
    const body = req.body;
    if (body !== undefined) head += `Content-Length: ${typeof body === 'string' ? Buffer.byteLength(body) : body.length}\r\n`;
    else if (req.method === 'POST') head += 'Content-Length: 0\r\n';
    return `${head}Connection: keep-alive\r\n\r\n`;
  }

  /** A connection whose exchange is done, kept for the next request. */
  release(conn: Connection): void {
    if (this.closed || this.idle.length >= MAX_IDLE || !conn.alive) conn.destroy();
    else {
      conn.idleSince = Date.now();
      this.idle.push(conn);
    }
  }

  forget(conn: Connection): void {
    this.all.delete(conn);
    const at = this.idle.indexOf(conn);
    if (at >= 0) this.idle.splice(at, 1);
  }

  /** Closes every connection; requests under way fail. */
  destroy(): void {
    this.closed = true;
    for (const conn of [...this.all]) conn.destroy();
    this.idle.length = 0;
  }
}
