'use strict';
// Shared by the events tests: an emulator serving the event stream, curl for the
// token (a Digest client we did not write), the `ws` package as the raw client,
// and a small independent Digest implementation for the upgrade request.
const crypto = require('crypto');
const http = require('http');
const net = require('net');
const { execFile } = require('child_process');
const WebSocket = require('ws');

const emulatorModule = () => require('../../dist/emulator');
const { attachEventStream } = require('../../dist/emulator/events');

async function startCamera(options = {}, streamOptions = {}) {
  const emulator = await emulatorModule().start({ port: 0, ...options });
  const stream = attachEventStream(emulator, streamOptions);
  return { emulator, stream, url: emulator.url, wsBase: emulator.url.replace(/^http/, 'ws') };
}

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
    ws.nextFrame = (predicate = () => true, from = 0) => new Promise((res, rej) => {
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
    ws.on('close', () => { for (const w of [...waiters]) w(); });
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

// Captured before any test fakes timers: waits below run on real time whatever a test fakes.
const realSetTimeout = global.setTimeout;
const realHrtime = process.hrtime.bigint;

/**
 * Yields to I/O until predicate() holds. Gives up naming `what` after `limitMs`
 * of real time: room for a real 1 s reconnect backoff on a loaded machine, and
 * below mocha's 20 s so the failure says what never came.
 */
async function until(predicate, what = 'condition', limitMs = 15000) {
  const deadline = realHrtime() + BigInt(limitMs) * 1000000n;
  for (let i = 0; ; i++) {
    if (await predicate()) return;
    if (realHrtime() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
    if (i % 50 === 49) await new Promise((r) => realSetTimeout(r, 2));
  }
}

// --- an independent Digest client (RFC 7616), for the upgrade request --------
function getChallenge(baseUrl, path) {
  return new Promise((resolve, reject) => {
    http.get(`${baseUrl}${path}`, (res) => {
      res.resume();
      resolve(res.headers['www-authenticate']);
    }).on('error', reject);
  });
}

function parseChallenge(header) {
  const list = Array.isArray(header) ? header : [header];
  const digests = list.flatMap((h) => String(h).split(/,\s*(?=Digest )/)).filter((h) => /^Digest /i.test(h));
  const pick = digests.find((h) => /algorithm="?MD5"?/i.test(h)) || digests[0];
  const params = {};
  for (const m of pick.slice(7).matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) params[m[1]] = m[2] ?? m[3];
  return params;
}

function digestHeader(challenge, method, uri, user, pass) {
  const algorithm = (challenge.algorithm || 'MD5').toUpperCase();
  const hash = (s) => crypto.createHash(algorithm === 'SHA-256' ? 'sha256' : 'md5').update(s).digest('hex');
  const cnonce = crypto.randomBytes(8).toString('hex');
  const nc = '00000001';
  const ha1 = hash(`${user}:${challenge.realm}:${pass}`);
  const ha2 = hash(`${method}:${uri}`);
  const response = hash(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:auth:${ha2}`);
  return `Digest username="${user}", realm="${challenge.realm}", nonce="${challenge.nonce}", uri="${uri}", ` +
    `algorithm=${algorithm}, response="${response}", qop=auth, nc=${nc}, cnonce="${cnonce}"` +
    (challenge.opaque ? `, opaque="${challenge.opaque}"` : '');
}

async function digestFor(baseUrl, uri, user, pass) {
  const challenge = parseChallenge(await getChallenge(baseUrl, '/axis-cgi/wssession.cgi'));
  return digestHeader(challenge, 'GET', uri, user, pass);
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
    client.on('data', (d) => { if (!relay.cut) upstream.write(d); });
    upstream.on('data', (d) => { if (!relay.cut) client.write(d); });
    const end = () => { client.destroy(); upstream.destroy(); sockets.delete(client); sockets.delete(upstream); };
    client.on('error', end); upstream.on('error', end);
    client.on('close', end); upstream.on('close', end);
  });
  relay.server = server;
  relay.start = () => new Promise((resolve) => server.listen(0, '127.0.0.1', () => { relay.port = server.address().port; resolve(relay); }));
  relay.dropAll = () => { for (const s of sockets) s.destroy(); sockets.clear(); };
  relay.stop = () => new Promise((resolve) => { relay.dropAll(); server.close(() => resolve()); });
  return relay;
}

/** A self-signed certificate for 127.0.0.1, made with openssl in a temp dir. */
function selfSignedCert() {
  const fs = require('fs');
  const os = require('os');
  const path = require('path');
  const { execFileSync } = require('child_process');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'events-tls-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=events-test-camera',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
  const out = { key: fs.readFileSync(key, 'utf8'), cert: fs.readFileSync(cert, 'utf8') };
  fs.rmSync(dir, { recursive: true, force: true });
  return out;
}

const TOPIC = {
  area: 'tns1:VideoSource/tns1:RadiometryAlarm/tnsaxis:TemperatureDetection',
  anyArea: 'tns1:VideoSource/tns1:RadiometryAlarm/tnsaxis:TemperatureDetectionAnyArea',
  anyAreaOnPreset: 'tns1:VideoSource/tns1:RadiometryAlarm/tnsaxis:TemperatureDetectionAnyAreaOnPreset',
  information: 'tns1:VideoSource/tns1:Thermometry/tnsaxis:TemperatureDetection',
  deviation: 'tns1:VideoSource/tns1:RadiometryAlarm/tnsaxis:DeviationDetection',
};

/** Camera events as the scene's alarm engine emits them (CameraEvent, src/api/events.ts). */
const EVENTS = {
  areaOn: (id = 0, extra = {}) => ({ topic: 'TemperatureDetection', stateful: true, source: { AreaID: id },
    data: { AlarmActive: true, AreaName: `Area ${id}`, AverageTemp: 61.5, MaximumTemp: 80.25, MinimumTemp: 40,
      TemperatureUnit: 'Celsius', MaxTempPositionX: 0.5, MaxTempPositionY: -0.25, MinTempPositionX: -0.5, MinTempPositionY: 0.75, ...extra } }),
  areaOff: (id = 0) => ({ topic: 'TemperatureDetection', stateful: true, source: { AreaID: id },
    data: { AlarmActive: false, AreaName: `Area ${id}`, AverageTemp: 21.5, MaximumTemp: 22, MinimumTemp: 21,
      TemperatureUnit: 'Celsius', MaxTempPositionX: 0, MaxTempPositionY: 0, MinTempPositionX: 0, MinTempPositionY: 0 } }),
  anyArea: (active) => ({ topic: 'TemperatureDetectionAnyArea', stateful: true, source: {}, data: { AreaName: 'AnyArea', AlarmActive: active } }),
  anyAreaOnPreset: (preset, active) => ({ topic: 'TemperatureDetectionAnyAreaOnPreset', stateful: true,
    source: { PresetNbr: preset }, data: { AreaName: 'AnyAreaOnPreset', AlarmActive: active } }),
  information: (id = 0) => ({ topic: 'ThermometryInformation', stateful: false, source: { AreaID: id },
    data: { AreaName: `Area ${id}`, AverageTemp: 30.5, MaximumTemp: 35, MinimumTemp: 25, TemperatureUnit: 'Celsius',
      MaxTempPositionX: 0.1, MaxTempPositionY: 0.2, MinTempPositionX: -0.1, MinTempPositionY: -0.2 } }),
  deviation: (id = 1, active = true) => ({ topic: 'DeviationDetection', stateful: true, source: { GroupID: id },
    data: { AlarmActive: active, GroupName: `Group ${id}`, DeltaTemp: 12.5, ThresholdTemp: 10 } }),
};

module.exports = {
  startCamera, curl, curlToken, openSocket, configure, closed, until, digestFor, getChallenge,
  startRelay, selfSignedCert, TOPIC, EVENTS, WebSocket,
};
