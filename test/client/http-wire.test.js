'use strict';
// Our HTTP/1.1 connections (src/client/http-wire.ts): against node's own http
// server (a server we did not write) and against scripted replies on a raw
// socket, byte by byte, chunked, until close, interim 1xx, and the bounds.
const assert = require('node:assert/strict');
const http = require('http');
const net = require('net');
const sinon = require('sinon');
const { WirePool, UNSENT, TOO_LARGE, MAX_HEAD_BYTES, MAX_REPLY_BYTES } = require('../../dist/client/http-wire');

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

function close(server) {
  return new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
}

/** A request as the transport gives it: no deadline unless `deadline` is an EventEmitter-like {on}. */
function request(extra = {}) {
  return {
    method: 'GET',
    path: '/x',
    headers: {},
    responseType: 'text',
    idempotent: true,
    onAbort: () => () => {},
    abortError: () => Object.assign(new Error('deadline of the call exceeded'), { code: 'ETIMEDOUT' }),
    ...extra,
  };
}

/**
 * A raw TCP server that reads each request (head and Content-Length body)
 * and answers with `script(request, socket, index)`: the test writes the reply bytes itself.
 */
async function rawServer(script) {
  const seen = { connections: 0, requests: [], closed: 0 };
  const server = net.createServer((socket) => {
    seen.connections++;
    socket.on('close', () => seen.closed++);
    socket.on('error', () => {});
    // Gathered as latin1 text (no Buffer.concat here: a test counts the client's).
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      for (;;) {
        const end = text.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = text.slice(0, end);
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        if (text.length < end + 4 + length) return;
        const body = Buffer.from(text.slice(end + 4, end + 4 + length), 'latin1').toString('utf8');
        text = text.slice(end + 4 + length);
        const req = { head, body };
        seen.requests.push(req);
        script(req, socket, seen.requests.length - 1);
      }
    });
  });
  const port = await listen(server);
  return { server, port, seen };
}

/** Writes `bytes` one byte per event-loop turn (every split a parser can meet). */
async function dribble(socket, bytes) {
  for (const byte of Buffer.from(bytes, 'latin1')) {
    if (socket.destroyed) return;
    socket.write(Buffer.from([byte]));
    await new Promise((r) => setImmediate(r));
  }
}

describe('client: our HTTP/1.1 connections (http-wire)', () => {
  describe("against node's http server", () => {
    let server;
    let port;
    let connections;
    before(async () => {
      connections = 0;
      server = http.createServer((req, res) => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          if (req.url === '/chunked') {
            res.setHeader('X-Twice', ['one', 'two']);
            res.write('{"a":');
            setTimeout(() => res.end('[1,2,3]}'), 5);
            return;
          }
          res.setHeader('Content-Type', 'application/json');
          res.end(JSON.stringify({ method: req.method, url: req.url, host: req.headers.host, type: req.headers['content-type'] ?? null, body }));
        });
      });
      server.on('connection', () => connections++);
      port = await listen(server);
    });
    after(() => close(server));
    let pool;
    beforeEach(() => {
      pool = new WirePool({ protocol: 'http', host: '127.0.0.1', port });
    });
    afterEach(() => pool.destroy());

    it('sends GET and POST with their bodies and the Host header, and keeps one connection for calls in turn', async () => {
      const before = connections;
      const got = await pool.request(request());
      assert.equal(got.status, 200);
      assert.equal(got.statusText, 'OK');
      assert.equal(got.headers['content-type'], 'application/json');
      assert.deepEqual(JSON.parse(got.data), { method: 'GET', url: '/x', host: `127.0.0.1:${port}`, type: null, body: '' });
      const body = JSON.stringify({ method: 'getAreaStatus', note: 'grüße' });
      for (let i = 0; i < 3; i++) {
        const posted = await pool.request(
          request({ method: 'POST', path: '/axis-cgi/thermometry.cgi?x=1', headers: { 'Content-Type': 'application/json' }, body, idempotent: false }),
        );
        assert.deepEqual(JSON.parse(posted.data), {
          method: 'POST',
          url: '/axis-cgi/thermometry.cgi?x=1',
          host: `127.0.0.1:${port}`,
          type: 'application/json',
          body,
        });
      }
      assert.equal(connections - before, 1, 'four calls in turn on one kept connection');
      assert.equal(pool.connections, 1);
    });

    it('reads a chunked reply written in pieces, and joins a repeated header as node does', async () => {
      const got = await pool.request(request({ path: '/chunked' }));
      assert.equal(got.data, '{"a":[1,2,3]}');
      assert.equal(got.headers['transfer-encoding'], 'chunked');
      assert.equal(got.headers['x-twice'], 'one, two');
      // The connection is kept after a chunked reply too.
      await pool.request(request({ path: '/chunked' }));
      assert.equal(pool.connections, 1);
    });

    it('calls in parallel each get a connection, and all are kept for the next round', async () => {
      const before = connections;
      const round = () => Promise.all([1, 2, 3, 4].map((i) => pool.request(request({ path: `/p${i}` }))));
      const first = await round();
      assert.deepEqual(
        first.map((r) => JSON.parse(r.data).url),
        ['/p1', '/p2', '/p3', '/p4'],
      );
      await round();
      assert.equal(connections - before, 4);
    });

    it('refuses a header that would inject a line, and a path that is not a visible path on the camera, before connecting', async () => {
      const before = connections;
      await assert.rejects(
        pool.request(request({ headers: { 'X-A': 'ok\r\nX-Injected: 1' } })),
        (err) => err.code === 'ERR_INVALID_HEADER' && /X-A/.test(err.message),
      );
      await assert.rejects(pool.request(request({ headers: { 'Bad Name': 'v' } })), { code: 'ERR_INVALID_HEADER' });
      await assert.rejects(pool.request(request({ path: '/a b HTTP/1.1\r\nX: y' })), { code: 'ERR_INVALID_PATH' });
      await assert.rejects(pool.request(request({ path: 'http://elsewhere/' })), { code: 'ERR_INVALID_PATH' });
      assert.equal(connections, before, 'nothing was sent');
    });
  });

  describe('against scripted replies', () => {
    let raw;
    let script;
    let pool;
    beforeEach(async () => {
      raw = await rawServer((req, socket, i) => script(req, socket, i));
      pool = new WirePool({ protocol: 'http', host: '127.0.0.1', port: raw.port });
    });
    afterEach(async () => {
      pool.destroy();
      await close(raw.server);
    });

    it('reads a Content-Length reply that arrives a byte at a time', async () => {
      script = (req, socket) => dribble(socket, 'HTTP/1.1 200 OK\r\nContent-Length: 11\r\nX-A: 1\r\n\r\nhello world');
      const got = await pool.request(request());
      assert.equal(got.data, 'hello world');
      assert.equal(got.headers['x-a'], '1');
    });

    it('reads a chunked reply with chunk extensions and trailers that arrives a byte at a time, and keeps the connection', async () => {
      script = (req, socket) =>
        dribble(socket, 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\nX-Trailer: t\r\n\r\n');
      assert.equal((await pool.request(request())).data, 'hello world');
      assert.equal((await pool.request(request())).data, 'hello world');
      assert.equal(raw.seen.connections, 1);
    });

    it('reads a head and chunk lines that end with LF alone (some embedded servers), and a folded header line', async () => {
      script = (req, socket) => dribble(socket, 'HTTP/1.1 200 OK\nX-Folded: one\n  two\nTransfer-Encoding: chunked\n\n3\nabc\n0\n\n');
      const got = await pool.request(request());
      assert.equal(got.data, 'abc');
      assert.equal(got.headers['x-folded'], 'one two');
      assert.equal((await pool.request(request())).data, 'abc');
      assert.equal(raw.seen.connections, 1);
    });

    it('a reply with both a length and chunks is read by its chunks, and its connection is not used again', async () => {
      script = (req, socket) => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 99\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n');
      assert.equal((await pool.request(request())).data, 'ok');
      assert.equal((await pool.request(request())).data, 'ok');
      assert.equal(raw.seen.connections, 2);
    });

    it("honours the camera's Keep-Alive timeout: a connection idle longer than it, less a second, is not used again", async () => {
      script = (req, socket, i) => socket.write(`HTTP/1.1 200 OK\r\nKeep-Alive: timeout=1, max=100\r\nContent-Length: 1\r\n\r\n${i}`);
      assert.equal((await pool.request(request())).data, '0');
      // timeout=1: kept for 0 ms, so any pause retires it.
      await new Promise((r) => setTimeout(r, 5));
      assert.equal((await pool.request(request())).data, '1');
      assert.equal(raw.seen.connections, 2);
      script = (req, socket, i) => socket.write(`HTTP/1.1 200 OK\r\nKeep-Alive: timeout=60\r\nContent-Length: 1\r\n\r\n${i}`);
      await new Promise((r) => setTimeout(r, 5));
      await pool.request(request());
      await new Promise((r) => setTimeout(r, 5));
      await pool.request(request());
      assert.equal(raw.seen.connections, 3, 'a 60 s timeout keeps it');
    });

    it('a head dribbled a byte at a time is gathered in a buffer that grows by doubling, not copied again at every byte', async () => {
      const copies = sinon.spy(Buffer, 'concat');
      try {
        const head = `HTTP/1.1 200 OK\r\nX-Long: ${'h'.repeat(4000)}\r\nContent-Length: 2\r\n\r\n`;
        // The head a byte at a time, the body in one piece (a body in two pieces is joined once, at its end).
        script = (req, socket) => dribble(socket, head).then(() => socket.write('ok'));
        assert.equal((await pool.request(request())).data, 'ok');
        assert.equal(copies.callCount, 0);
      } finally {
        copies.restore();
      }
    });

    it('skips a 100 Continue before the reply', async () => {
      script = (req, socket) => socket.write('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok');
      const got = await pool.request(request());
      assert.equal(got.status, 201);
      assert.equal(got.data, 'ok');
    });

    it('reads a reply without a length until the connection closes, and opens a new connection next time', async () => {
      script = (req, socket, i) => socket.end(`HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nbody ${i}`);
      assert.equal((await pool.request(request())).data, 'body 0');
      assert.equal((await pool.request(request())).data, 'body 1');
      assert.equal(raw.seen.connections, 2);
    });

    it('does not keep a connection the camera says it closes, nor one that sent bytes after its reply', async () => {
      script = (req, socket, i) =>
        socket.write(i === 0 ? 'HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\na' : 'HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 200 OK\r\n\r\n');
      assert.equal((await pool.request(request())).data, 'a');
      const second = await pool.request(request());
      assert.equal(second.status, 204);
      assert.equal(second.data, '');
      assert.equal(raw.seen.connections, 2);
      script = (req, socket) => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb');
      assert.equal((await pool.request(request())).data, 'b');
      assert.equal(raw.seen.connections, 3, 'the connection with stray bytes was not used again');
    });

    it('an idle connection the camera closed is not used: the next call opens a new one', async () => {
      script = (req, socket, i) =>
        i === 0 ? socket.end('HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na') : socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb');
      assert.equal((await pool.request(request())).data, 'a');
      while (raw.seen.closed < 1) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 20));
      assert.equal((await pool.request(request({ method: 'POST', body: '{}', idempotent: false }))).data, 'b');
      assert.equal(raw.seen.connections, 2);
    });

    it('a reply cut short fails as a lost connection, and says whether the connection was a kept one', async () => {
      script = (req, socket, i) =>
        i === 0 ? socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na') : socket.end('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc');
      await pool.request(request());
      await assert.rejects(
        pool.request(request()),
        (err) => err.code === 'ECONNRESET' && err.request.reusedSocket === true && !err[UNSENT] && /cut short/.test(err.message),
      );
    });

    it('what is not HTTP is refused with the start of what came', async () => {
      script = (req, socket) => socket.write('SSH-2.0-OpenSSH_9.2\r\n\r\n');
      await assert.rejects(pool.request(request()), (err) => err.code === 'HPE_INVALID_CONSTANT' && /SSH-2\.0/.test(err.message));
    });

    it('bounds the head, the declared length and the body read until close', async () => {
      script = (req, socket) => socket.write(`HTTP/1.1 200 OK\r\nX-Long: ${'a'.repeat(MAX_HEAD_BYTES)}`);
      await assert.rejects(pool.request(request()), { code: 'HPE_HEADER_OVERFLOW' });
      script = (req, socket) => socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${MAX_REPLY_BYTES + 1}\r\n\r\n`);
      await assert.rejects(pool.request(request()), (err) => err[TOO_LARGE] === true);
      const mb = Buffer.alloc(1024 * 1024, 0x61);
      script = (req, socket) => {
        socket.write('HTTP/1.0 200 OK\r\n\r\n');
        let sent = 0;
        const more = () => {
          while (!socket.destroyed && sent < 40) {
            sent++;
            if (!socket.write(mb)) return socket.once('drain', more);
          }
        };
        more();
      };
      await assert.rejects(pool.request(request()), (err) => err[TOO_LARGE] === true);
      script = (req, socket) => socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n');
      await assert.rejects(pool.request(request()), { code: 'HPE_INVALID_CHUNK_SIZE' });
      script = (req, socket) => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab');
      await assert.rejects(pool.request(request()), { code: 'HPE_UNEXPECTED_CONTENT_LENGTH' });
    });

    it('the deadline ends the exchange and the connection, whatever is under way', async () => {
      script = (req, socket) => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial');
      let abort;
      const call = pool.request(request({ onAbort: (a) => ((abort = a), () => (abort = undefined)) }));
      while (raw.seen.requests.length < 1) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 20));
      abort();
      await assert.rejects(call, { code: 'ETIMEDOUT' });
      while (raw.seen.closed < 1) await new Promise((r) => setTimeout(r, 5));
      assert.equal(pool.connections, 0);
    });

    it('a write on a kept connection is checked first: one found closed fails unsent, so it may go again', async () => {
      script = (req, socket, i) => {
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na');
        // The camera closes the kept connection while the client is about to write on it.
        if (i === 0) setImmediate(() => socket.destroy());
      };
      await pool.request(request());
      // Sent at once after the reply: the close is not yet read, the check before writing finds it.
      const err = await pool.request(request({ method: 'POST', body: '{}', idempotent: false })).then(
        () => undefined,
        (e) => e,
      );
      // Either the close was read before the call (a new connection carried it) or the check found it:
      // never a write lost on a dead connection, which fails without UNSENT.
      if (err) {
        assert.equal(err.request.reusedSocket, true);
        assert.equal(err[UNSENT], true, `failed before any byte was written (${err.code} ${err.message})`);
      } else assert.equal(raw.seen.connections, 2);
    });

    it('destroy() closes every connection; a later call is refused', async () => {
      script = (req, socket) => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na');
      await pool.request(request());
      pool.destroy();
      while (raw.seen.closed < 1) await new Promise((r) => setTimeout(r, 5));
      await assert.rejects(pool.request(request()), { code: 'ERR_CANCELED' });
    });
  });
});
