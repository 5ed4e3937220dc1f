'use strict';
// A TCP proxy between the client and the emulator that loses replies on
// purpose: it forwards each request whole, reads the camera's reply whole, and
// for a request it was told to fault sends the client only the first N bytes
// of that reply, then closes both sides. It also closes kept-alive client
// connections that sit idle, as a camera does between calls. It parses just
// enough HTTP/1.1 (Content-Length framing, no pipelining: what node's client
// and the emulator speak) to know where requests and replies end and which
// JSON-RPC method each request is.
const net = require('net');

const HEAD_END = Buffer.from('\r\n\r\n');

/** A whole HTTP message at the start of `buf`: { length, head, body }, or undefined when more bytes are needed. */
function frame(buf) {
  const end = buf.indexOf(HEAD_END);
  if (end < 0) return undefined;
  const head = buf.subarray(0, end).toString('latin1');
  if (/^transfer-encoding:\s*chunked/im.test(head)) throw new Error('fault proxy: chunked bodies are not framed here');
  const m = /^content-length:\s*(\d+)/im.exec(head);
  const length = end + HEAD_END.length + (m ? Number(m[1]) : 0);
  if (buf.length < length) return undefined;
  return { length, head, body: buf.subarray(end + HEAD_END.length, length) };
}

function rpcMethod(body) {
  try {
    const method = JSON.parse(body.toString('utf8')).method;
    return typeof method === 'string' ? method : undefined;
  } catch {
    return undefined;
  }
}

class FaultProxy {
  constructor(upstreamPort) {
    this.upstreamPort = upstreamPort;
    /** Faults armed: { method, cut (bytes or 'all-but-one'), times }. */
    this.faults = [];
    /** method -> replies the camera gave with a status other than 401: the calls it ran. */
    this.ran = {};
    /** method -> requests that reached the camera (any status). */
    this.forwarded = {};
    /** Client connections accepted. */
    this.connections = 0;
    /** Replies cut: { method, sent, of }. */
    this.cuts = [];
    /** "nonce:nc" of every Digest-authorized request forwarded, in order. */
    this.nonceCounts = [];
    /** HTTP status of every reply from the camera, in order. */
    this.statuses = [];
    /** Called after a reply is cut (a test may switch upstreamPort: the camera "restarts"). */
    this.onCut = undefined;
    this.links = new Set();
    this.server = net.createServer((client) => this.link(client));
  }

  async start() {
    await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = this.server.address().port;
    return this;
  }

  /**
   * Cut the reply of the next `times` authorized requests of `method` after
   * `cut` bytes (a number or 'all-but-one'); 'hold' sends none of it and keeps
   * the connection open (a camera that stopped answering).
   */
  cutReply(method, cut, times = 1) {
    this.faults.push({ method, cut, times });
  }

  /** Close every client connection with no request under way, as a camera's keep-alive timeout does. Returns how many. */
  closeIdle() {
    let closed = 0;
    for (const l of this.links) {
      if (l.pending.length === 0 && l.inBuf.length === 0) {
        l.client.destroy();
        l.upstream.destroy();
        closed++;
      }
    }
    return closed;
  }

  link(client) {
    this.connections++;
    const upstream = net.connect(this.upstreamPort, '127.0.0.1');
    const l = { client, upstream, inBuf: Buffer.alloc(0), outBuf: Buffer.alloc(0), pending: [] };
    this.links.add(l);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      this.links.delete(l);
    };
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', drop);
    upstream.on('close', drop);
    client.on('data', (chunk) => {
      l.inBuf = Buffer.concat([l.inBuf, chunk]);
      for (let f; (f = frame(l.inBuf));) {
        const method = rpcMethod(f.body);
        const authorized = /^authorization:/im.test(f.head);
        const digest = /^authorization:.*\bnonce="([^"]+)".*\bnc=([0-9a-f]+)/im.exec(f.head);
        if (digest) this.nonceCounts.push(`${digest[1]}:${digest[2]}`);
        let cut;
        const fault = authorized && this.faults.find((x) => x.times > 0 && x.method === method);
        if (fault) {
          fault.times--;
          cut = fault.cut;
        }
        l.pending.push({ method, cut });
        if (method) this.forwarded[method] = (this.forwarded[method] || 0) + 1;
        upstream.write(l.inBuf.subarray(0, f.length));
        l.inBuf = l.inBuf.subarray(f.length);
      }
    });
    upstream.on('data', (chunk) => {
      l.outBuf = Buffer.concat([l.outBuf, chunk]);
      for (let f; (f = frame(l.outBuf));) {
        const reply = l.outBuf.subarray(0, f.length);
        l.outBuf = l.outBuf.subarray(f.length);
        const req = l.pending.shift() || {};
        const status = Number(/^HTTP\/1\.\d (\d{3})/.exec(f.head)?.[1]);
        this.statuses.push(status);
        if (req.method && status !== 401) this.ran[req.method] = (this.ran[req.method] || 0) + 1;
        if (req.cut === undefined) {
          client.write(reply);
          continue;
        }
        if (req.cut === 'hold') {
          this.cuts.push({ method: req.method, sent: 0, of: reply.length });
          continue;
        }
        const n = req.cut === 'all-but-one' ? reply.length - 1 : Math.min(req.cut, reply.length);
        this.cuts.push({ method: req.method, sent: n, of: reply.length });
        upstream.destroy();
        if (n === 0) client.destroy();
        else client.write(reply.subarray(0, n), () => client.destroy());
        if (this.onCut) this.onCut(req.method);
        return;
      }
    });
  }

  async stop() {
    for (const l of this.links) {
      l.client.destroy();
      l.upstream.destroy();
    }
    await new Promise((resolve) => this.server.close(resolve));
  }
}

module.exports = { FaultProxy };
