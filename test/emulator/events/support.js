'use strict';
// Shared by the events tests: an emulator serving the event stream, curl for the
// token (a Digest client we did not write), the `ws` package as the raw client,
// and the tests' own Digest client (test/support/digest.js) for the upgrade request.
const net = require('net');
const { execFile } = require('child_process');
const WebSocket = require('ws');
const { parseChallenges, digestAuthorization } = require('../../support/digest');
const { rawRequest } = require('../../support/http');
const { selfSignedCert } = require('../../support/tls');
const { until } = require('../../support/wait');
const { startCamera, TOPIC, EVENTS } = require('../../support/event-camera');

function curl(args) {
  return new Promise((resolve, reject) => {
    execFile('curl', ['-s', '-S', '-w', '\n%{http_code} %{content_type}', ...args], (err, stdout, stderr) => {
      if (err) return reject(new Error(`curl failed: ${stderr}`));
      const cut = stdout.lastIndexOf('\n');
      const [status, ...type] = stdout.slice(cut + 1).split(' ');
      resolve({ body: stdout.slice(0, cut), status: Number(status), contentType: type.join(' ') });
    });
  });
}

async function curlToken(baseUrl, user = 'root:pass') {
  const r = await curl(['--digest', '-u', user, `${baseUrl}/axis-cgi/wssession.cgi`]);
  if (r.status !== 200) throw new Error(`wssession.cgi answered ${r.status}`);
  return r.body;
}

/** Opens a socket; resolves the ws when open, rejects with err.status on an HTTP refusal. */
function openSocket(url, options = {}) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false, ...options });
    const frames = [];
    const waiters = [];
    ws.frames = frames;
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      frames.push(frame);
      for (const w of [...waiters]) w();
    });
    ws.nextFrame = (predicate = () => true, from = 0) =>
      new Promise((res, rej) => {
        let index = from;
        const check = () => {
          while (index < frames.length) {
            const f = frames[index++];
            if (predicate(f)) {
              waiters.splice(waiters.indexOf(check), 1);
              return res(f);
            }
          }
          if (ws.readyState === WebSocket.CLOSED) {
            waiters.splice(waiters.indexOf(check), 1);
            rej(new Error('socket closed'));
          }
        };
        waiters.push(check);
        check();
      });
    ws.on('close', () => {
      for (const w of [...waiters]) w();
    });
    ws.on('unexpected-response', (_req, res) => {
      res.resume();
      const err = new Error(`upgrade refused: ${res.statusCode}`);
      err.status = res.statusCode;
      err.headers = res.headers;
      ws.terminate();
      reject(err);
    });
    ws.on('error', (err) => reject(err));
    ws.on('open', () => resolve(ws));
  });
}

async function configure(ws, filters, context) {
  const from = ws.frames.length;
  const request = { apiVersion: '1.0', method: 'events:configure', params: { eventFilterList: filters } };
  if (context !== undefined) request.context = context;
  ws.send(JSON.stringify(request));
  return ws.nextFrame((f) => f.method === 'events:configure' || f.error, from);
}

/** Resolves when the socket has closed. */
function closed(ws) {
  return new Promise((resolve) => (ws.readyState === WebSocket.CLOSED ? resolve() : ws.once('close', resolve)));
}

/** A Digest Authorization for a GET of `uri` (the upgrade), from the challenge wssession.cgi gives (MD5 preferred). */
async function digestFor(baseUrl, uri, user, pass) {
  const digests = parseChallenges(await getChallenge(baseUrl, '/axis-cgi/wssession.cgi')).filter((c) => /^Digest$/i.test(c.scheme));
  const challenge = (digests.find((c) => /^MD5$/i.test(c.params.algorithm || '')) || digests[0]).params;
  return digestAuthorization({ username: user, password: pass, method: 'GET', uri, challenge });
}

/** The WWW-Authenticate header of an unauthenticated GET. */
async function getChallenge(baseUrl, path) {
  return (await rawRequest(baseUrl, { method: 'GET', path })).headers['www-authenticate'];
}

/**
 * A TCP relay between a client and the emulator that can black-hole traffic
 * (a network cut / half-open connection) or be pointed at a new port.
 */
function startRelay(targetPort) {
  const sockets = new Set();
  const relay = { port: 0, cut: false, targetPort, connections: 0 };
  const server = net.createServer((client) => {
    relay.connections++;
    const upstream = net.connect(relay.targetPort, '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    client.on('data', (d) => {
      if (!relay.cut) upstream.write(d);
    });
    upstream.on('data', (d) => {
      if (!relay.cut) client.write(d);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
  });
  relay.server = server;
  relay.start = () =>
    new Promise((resolve) =>
      server.listen(0, '127.0.0.1', () => {
        relay.port = server.address().port;
        resolve(relay);
      }),
    );
  relay.dropAll = () => {
    for (const s of sockets) s.destroy();
    sockets.clear();
  };
  relay.stop = () =>
    new Promise((resolve) => {
      relay.dropAll();
      server.close(() => resolve());
    });
  return relay;
}

module.exports = {
  startCamera,
  curl,
  curlToken,
  openSocket,
  configure,
  closed,
  until,
  digestFor,
  getChallenge,
  startRelay,
  selfSignedCert,
  TOPIC,
  EVENTS,
  WebSocket,
};
