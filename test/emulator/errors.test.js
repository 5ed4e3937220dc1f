'use strict';
// Every documented error code with its HTTP status, context echo and version gating.
const assert = require('node:assert/strict');
const net = require('node:net');
const sinon = require('sinon');
const { start } = require('../../dist/emulator');
const { ERROR_CODES } = require('../../dist/api/errors');
const { DigestSession, areaParams, groupParams, THERMO } = require('./support');
const { useEmulator } = require('../support/emulator');

describe('emulator: documented errors', () => {
  const emu = useEmulator({ bodyTimeoutMs: 200 });
  let root;
  before(() => {
    root = new DigestSession(emu.url, 'root', 'pass');
  });

  function assertError(res, code, method) {
    assert.equal(res.status, ERROR_CODES[code].http, `status for ${code}: ${res.text}`);
    assert.ok(res.json, `JSON body for ${code}`);
    assert.equal(res.json.error.code, code, res.text);
    assert.equal(typeof res.json.error.message, 'string');
    assert.equal(res.json.data, undefined);
    if (method) assert.equal(res.json.method, method);
  }

  it('2100: an API version the camera does not serve', async () => {
    for (const v of ['2.0', '1.4', '1', 'x']) assertError(await root.call('listAreas', {}, { apiVersion: v }), 2100, 'listAreas');
  });

  it('2100: a camera serving only 1.0-1.1 refuses 1.2 and lists 1.1', async () => {
    const old = await start({ port: 0, apiVersions: ['1.0', '1.1'] });
    try {
      const s = new DigestSession(old.url, 'root', 'pass');
      assert.deepEqual((await s.call('getSupportedVersions', undefined, { apiVersion: null })).json.data.apiVersions, ['1.1']);
      assertError(await s.call('listAreas', {}, { apiVersion: '1.2' }), 2100);
      assert.equal((await s.call('getTgtConfiguration', {}, { apiVersion: '1.1' })).json.error.code, 1202);
    } finally {
      await old.stop();
    }
  });

  it('2101: invalid JSON, and JSON that is not an object', async () => {
    for (const body of ['{"apiVersion": "1.2", "method": ', '[1,2]', '']) {
      assertError(await root.request({ body, headers: { 'Content-Type': 'application/json' } }), 2101);
    }
  });

  it('2102: an unknown method', async () => {
    assertError(await root.call('makeCoffee', {}), 2102, 'makeCoffee');
  });

  it('2102: a method newer than the requested version (version gating)', async () => {
    for (const [m, since] of [
      ['addGroup', '1.2'],
      ['listGroups', '1.2'],
      ['getGroupStatus', '1.2'],
      ['getTgtConfiguration', '1.1'],
    ]) {
      const older = since === '1.2' ? '1.1' : '1.0';
      const res = await root.call(m, {}, { apiVersion: older });
      assertError(res, 2102, m);
      assert.match(res.json.error.message, new RegExp(since.replace('.', '\\.')));
    }
  });

  it('2103: a missing required parameter, a missing method or apiVersion', async () => {
    const p = areaParams();
    delete p.name;
    const res = await root.call('addArea', p);
    assertError(res, 2103, 'addArea');
    assert.match(res.json.error.message, /name/);
    assertError(await root.call('listAreas', {}, { apiVersion: null }), 2103, 'listAreas');
    assertError(await root.request({ body: { apiVersion: '1.2' }, headers: { 'Content-Type': 'application/json' } }), 2103);
    assertError(await root.call('setTemperatureScale', {}), 2103);
    assertError(await root.call('removeAreas'), 2103);
  });

  it('2104: invalid values of every kind', async () => {
    const cases = [
      ['setTemperatureScale', { unit: 'kelvin' }],
      ['addArea', areaParams({ detectionType: 'sideways' })],
      ['addArea', areaParams({ threshold: 10.5 })],
      ['addArea', areaParams({ threshold: 351 })],
      ['addArea', areaParams({ delay: 301 })],
      ['addArea', areaParams({ delay: -1 })],
      ['addArea', areaParams({ enabled: 'yes' })],
      ['addArea', areaParams({ name: 'x'.repeat(61) })],
      ['addArea', areaParams({ areaOverlay: 'sometimes' })],
      [
        'addArea',
        areaParams({
          vertices: [
            [0, 0],
            [0.5, 0],
          ],
        }),
      ],
      ['addArea', areaParams({ vertices: Array.from({ length: 11 }, (_, i) => [Math.cos(i), Math.sin(i)].map((v) => v * 0.9)) })],
      [
        'addArea',
        areaParams({
          vertices: [
            [0, 0],
            [1.2, 0],
            [0, 1],
          ],
        }),
      ],
      [
        'addArea',
        areaParams({
          vertices: [
            [0, 0],
            [0.5, 0],
            [0, 0],
            [0, 0.5],
          ],
        }),
      ],
      [
        'addArea',
        areaParams({
          vertices: [
            [-0.5, -0.5],
            [0.5, 0.5],
            [0.5, -0.5],
            [-0.5, 0.5],
          ],
        }),
      ], // bow tie: edges cross
      ['addArea', areaParams({ detectionType: 'increase', threshold: -3 })],
      ['addArea', areaParams({ detectionType: 'decrease', threshold: 0 })],
      ['addSpotTemperature', { spotCoordinates: [0.5, -0.2], coordinateSystem: 'coord_0_1' }],
      ['addSpotTemperature', { spotCoordinates: [1.5, 0], coordinateSystem: 'coord_neg1_1' }],
      ['addSpotTemperature', { spotCoordinates: [0.5], coordinateSystem: 'coord_neg1_1' }],
      ['getSpotTemperature', { coordinateSystem: 'polar' }],
      ['addGroup', groupParams({ threshold: 0 })],
      ['addGroup', groupParams({ measurement: 'median' })],
      ['addGroup', groupParams({ areaIds: 'all' })],
      ['setIsothermLevels', { high: 10, middle: 50, low: 100, renderOverlay: true }],
      ['removeAreas', { areas: [0.5] }],
    ];
    for (const [m, p] of cases) {
      const res = await root.call(m, p);
      assert.equal(res.json.error && res.json.error.code, 2104, `${m} ${JSON.stringify(p)}: ${res.text}`);
      assert.equal(res.status, 400);
    }
  });

  it('2105: params that are not an object', async () => {
    assertError(await root.call('listAreas', [1, 2]), 2105, 'listAreas');
  });

  it('2106: a request method other than POST', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      assertError(await root.request({ method, headers: {} }), 2106);
    }
  });

  it('2107: Content-Length missing (chunked), too big, or not met by the body', async () => {
    // Chunked: a body without Content-Length.
    const chunked = await root.request({
      body: { apiVersion: '1.2', method: 'listAreas' },
      headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Content-Length': undefined },
    });
    assertError(chunked, 2107);
    const big = JSON.stringify({ apiVersion: '1.2', method: 'listAreas', context: 'x'.repeat(70 * 1024) });
    assertError(await root.request({ body: big, headers: { 'Content-Type': 'application/json' } }), 2107);
    // Declared 100 bytes, sent 20 and waited: answered 2107 after bodyTimeoutMs.
    const s = new DigestSession(emu.url, 'root', 'pass');
    await s.fetchChallenge();
    const { digestAuthorization } = require('./support');
    const auth = digestAuthorization({ username: 'root', password: 'pass', method: 'POST', uri: THERMO, challenge: s.challenge, nc: 1 });
    const reply = await new Promise((resolve, reject) => {
      const sock = net.connect(emu.port, '127.0.0.1', () => {
        sock.write(
          `POST ${THERMO} HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"apiVersion":"1.2"`,
        );
      });
      let text = '';
      sock.on('data', (d) => {
        text += d;
      });
      sock.on('end', () => resolve(text));
      sock.on('error', reject);
    });
    assert.match(reply, /^HTTP\/1\.1 400/);
    assert.match(reply, /"code":2107/);
  });

  it('2108: a content type other than application/json (a charset is fine)', async () => {
    const body = { apiVersion: '1.2', method: 'listAreas' };
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', undefined]) {
      assertError(await root.request({ body, headers: type ? { 'Content-Type': type } : {} }), 2108);
    }
    const ok = await root.request({ body, headers: { 'Content-Type': 'application/json; charset=utf-8' } });
    assert.equal(ok.status, 200);
  });

  it('2109 / 403: a user whose level is too low for the method', async () => {
    const viewer = new DigestSession(emu.url, 'viewer', 'viewer');
    const res = await viewer.call('listAreas', {});
    assertError(res, 2109, 'listAreas');
    assert.equal(res.status, 403);
  });

  it('403 with an HTML body when the web server guards thermometry.cgi above the user (thermometryPathLevel)', async () => {
    const guarded = await start({ port: 0, thermometryPathLevel: 'operator' });
    try {
      const viewer = await new DigestSession(guarded.url, 'viewer', 'viewer').call('listAreas', {});
      assert.equal(viewer.status, 403);
      assert.equal(viewer.json, undefined);
      assert.match(viewer.headers['content-type'], /text\/html/);
      assert.match(viewer.text, /403 Forbidden/);
      // An operator passes the web server; the CGI refuses an administrator method in JSON.
      const op = await new DigestSession(guarded.url, 'operator', 'operator').call('addArea', areaParams());
      assert.equal(op.status, 403);
      assert.equal(op.json.error.code, 2109);
    } finally {
      await guarded.stop();
    }
  });

  it('401: no or wrong credentials, with a challenge and a body that is not JSON', async () => {
    const { rawRequest } = require('./support');
    const res = await rawRequest(emu.url, { body: { apiVersion: '1.2', method: 'listAreas' }, headers: { 'Content-Type': 'application/json' } });
    assert.equal(res.status, 401);
    assert.ok(res.headers['www-authenticate']);
    assert.equal(res.json, undefined);
    assert.match(res.headers['content-type'], /text\/html/);
    const wrong = new DigestSession(emu.url, 'root', 'not-the-password');
    assert.equal((await wrong.call('listAreas', {})).status, 401);
  });

  it('1200: limits, uniqueness and things that do not exist', async () => {
    const fresh = await start({ port: 0 });
    try {
      const s = new DigestSession(fresh.url, 'root', 'pass');
      for (let i = 0; i < 10; i++) await s.call('addArea', areaParams({ name: `a${i}` }));
      const cases = [
        ['addArea', areaParams({ name: 'eleventh' }), /Maximum amount of areas/],
        ['updateArea', { id: 42, ...areaParams() }, /Area 42 could not be found/],
        ['removeAreas', { areas: [1, 42] }, /Area 42 could not be found/],
        ['updateGroup', { id: 7, ...groupParams() }, /Group ID is invalid/],
        ['removeGroup', { id: 7 }, /Group does not exist/],
        ['addGroup', groupParams({ areaIds: [0, 99] }), /area 99 does not exist/],
      ];
      for (const [m, p, re] of cases) {
        const res = await s.call(m, p);
        assert.equal(res.status, 400, m);
        assert.equal(res.json.error.code, 1200, `${m}: ${res.text}`);
        assert.match(res.json.error.message, re);
      }
      // removeAreas is all or nothing: area 1 is still there.
      assert.equal((await s.call('listAreas')).json.data.arealist.length, 10);
      assert.equal((await s.call('addGroup', groupParams({ name: 'same' }))).status, 200);
      const dup = await s.call('addGroup', groupParams({ name: 'same' }));
      assert.equal(dup.json.error.code, 1200);
      assert.match(dup.json.error.message, /not unique/);
      for (let i = 1; i < 5; i++) await s.call('addGroup', groupParams({ name: `g${i}` }));
      const many = await s.call('addGroup', groupParams({ name: 'sixth' }));
      assert.equal(many.json.error.code, 1200);
      assert.match(many.json.error.message, /Maximum number of groups/);
    } finally {
      await fresh.stop();
    }
  });

  it('1202: guard tour methods on a fixed camera', async () => {
    const get = await root.call('getTgtConfiguration', {});
    assertError(get, 1202, 'getTgtConfiguration');
    assert.match(get.json.error.message, /fixed/);
    assertError(await root.call('setTgtConfiguration', { pauseOnAlarm: true, autoResume: false }), 1202, 'setTgtConfiguration');
  });

  it('1100 / 500: its own faults are answered, and the server goes on', async () => {
    const stub = sinon.stub(emu.camera, 'listAreas').throws(new Error('injected fault'));
    try {
      const res = await root.call('listAreas', {});
      assertError(res, 1100, 'listAreas');
      assert.equal(res.status, 500);
      assert.doesNotMatch(res.text, /injected/);
    } finally {
      stub.restore();
    }
    assert.equal((await root.call('listAreas', {})).status, 200);
  });

  it('echoes context on success and on every kind of error', async () => {
    assert.equal((await root.call('listAreas', {}, { context: 'ctx-ok' })).json.context, 'ctx-ok');
    assert.equal((await root.call('nope', {}, { context: 'ctx-2102' })).json.context, 'ctx-2102');
    assert.equal((await root.call('addArea', {}, { context: 'ctx-2103' })).json.context, 'ctx-2103');
    assert.equal((await root.call('listAreas', {}, { context: 'ctx-2100', apiVersion: '9.9' })).json.context, 'ctx-2100');
    assert.equal((await root.call('getSupportedVersions', undefined, { context: 'ctx-v', apiVersion: null })).json.context, 'ctx-v');
    const none = await root.call('listAreas', {});
    assert.equal('context' in none.json, false);
  });

  it('answers with the requested apiVersion', async () => {
    for (const v of ['1.0', '1.1', '1.2']) assert.equal((await root.call('listAreas', {}, { apiVersion: v })).json.apiVersion, v);
  });
});
