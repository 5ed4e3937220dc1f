'use strict';
// Whatever a client sends, the emulator answers with a documented status and a
// JSON error (never a crash, never a hang), and the camera state stays valid.
const assert = require('node:assert/strict');
const net = require('node:net');
const { METHOD_NAMES } = require('../../dist/api/methods');
const { ERROR_CODES } = require('../../dist/api/errors');
const { DigestSession, areaParams, groupParams, digestAuthorization } = require('./support');
const { useEmulator } = require('../support/emulator');

/** Deterministic PRNG (mulberry32) so a failure can be replayed. */
function rng(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('emulator robustness', () => {
  const emu = useEmulator({ profile: 'ptz' });
  let root;
  before(() => {
    root = new DigestSession(emu.url, 'root', 'pass');
  });

  it('answers 600 random requests (random methods, values of every type) with documented codes', async () => {
    const random = rng(20261126);
    const pick = (xs) => xs[Math.floor(random() * xs.length)];
    const values = () =>
      pick([
        undefined,
        null,
        true,
        false,
        0,
        -1,
        1,
        2,
        3,
        1.5,
        1e9,
        -1e9,
        'x',
        '',
        'if triggered',
        'celsius',
        'coord_0_1',
        [],
        [0],
        [0, 1],
        [
          [0, 0],
          [0.5, 0],
          [0, 0.5],
        ],
        [[2, 2]],
        { a: 1 },
        'average',
        'above',
        'increase',
        'inherit',
      ]);
    const names = [
      'id',
      'areas',
      'presetNbr',
      'unit',
      'high',
      'middle',
      'low',
      'min',
      'renderOverlay',
      'enabled',
      'name',
      'detectionType',
      'measurement',
      'threshold',
      'delay',
      'vertices',
      'areaOverlay',
      'temperatureOverlay',
      'imagesource',
      'spotCoordinates',
      'coordinateSystem',
      'pauseOnAlarm',
      'autoResume',
      'areaIds',
      'groupOverlay',
    ];
    const allowed = new Set(Object.keys(ERROR_CODES).map(Number));
    const seen = new Set();
    for (let i = 0; i < 600; i++) {
      const method = pick([...METHOD_NAMES, ...METHOD_NAMES, 'bogus']);
      let params;
      if (random() < 0.5) {
        params = method.includes('Group') ? groupParams() : areaParams();
        for (let k = 0; k < 1 + Math.floor(random() * 3); k++) params[pick(names)] = values();
        if (random() < 0.5) params.id = Math.floor(random() * 4);
      } else {
        params = {};
        for (let k = 0; k < Math.floor(random() * 6); k++) params[pick(names)] = values();
      }
      const res = await root.call(method, params, { apiVersion: pick(['1.0', '1.1', '1.2', '1.2', '1.2']) });
      assert.ok(res.json, `JSON for ${method} ${JSON.stringify(params)}: ${res.text}`);
      if (res.status !== 200) {
        const code = res.json.error.code;
        assert.ok(allowed.has(code), `code ${code}`);
        assert.notEqual(code, 1100, `an internal error for ${method} ${JSON.stringify(params)}: ${res.json.error.message}`);
        assert.equal(res.status, ERROR_CODES[code].http);
        seen.add(code);
      } else {
        seen.add(200);
      }
    }
    assert.ok(seen.has(200) && seen.has(2104) && seen.has(1200), [...seen].join(','));
    // The state is still one the camera can list and report on.
    for (const m of ['listAreas', 'listGroups', 'getAreaStatus', 'getGroupStatus', 'getIsothermLevels']) {
      assert.equal((await root.call(m, {})).status, 200, m);
    }
    const iso = (await root.call('getIsothermLevels', {})).json.data;
    assert.ok(iso.min < iso.low && iso.low < iso.middle && iso.middle < iso.high);
  });

  it('survives garbage on the socket and answers the next request', async () => {
    for (const garbage of ['NOT HTTP AT ALL\r\n\r\n', 'POST /axis-cgi/thermometry.cgi HTTP/1.1\r\nContent-Length: x\r\n\r\n', '\u0000\u0001\u0002']) {
      await new Promise((resolve) => {
        const sock = net.connect(emu.port, '127.0.0.1', () => sock.end(garbage));
        sock.on('data', () => undefined);
        sock.on('close', resolve);
        sock.on('error', resolve);
      });
    }
    assert.equal((await root.call('listAreas', {})).status, 200);
  });

  it('survives a client that hangs up mid-body', async () => {
    // Authenticated, so the CGI is reading the body when the client goes (without credentials it would stop at 401).
    const session = new DigestSession(emu.url, 'root', 'pass');
    await session.fetchChallenge();
    const uri = '/axis-cgi/thermometry.cgi';
    const auth = digestAuthorization({ username: 'root', password: 'pass', method: 'POST', uri, challenge: session.challenge, nc: 1 });
    const callsBefore = emu.stats.thermometryCalls;
    await new Promise((resolve) => {
      const sock = net.connect(emu.port, '127.0.0.1', () => {
        sock.write(`POST ${uri} HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth}\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"api`);
      });
      // Hang up once the CGI has taken the request (it counts it before reading the body).
      const poll = () => (emu.stats.thermometryCalls > callsBefore ? sock.destroy() : setImmediate(poll));
      sock.on('connect', poll);
      sock.on('close', resolve);
      sock.on('error', () => undefined);
    });
    assert.equal(emu.stats.thermometryCalls, callsBefore + 1, 'the CGI was reading the body');
    assert.equal((await root.call('listAreas', {})).status, 200);
  });
});
