'use strict';
// "Add many cameras" (issue 17, item 2): the bulk test and discovery routes in
// a real Node-RED with adminAuth on. A reader is refused before anything is
// sent; a writer's list is tested camera by camera (streamed), with a deployed
// sign-in's stored account, and never with another node's credentials; the
// list, the concurrency and each camera's deadline are bounded; no answer or
// log line holds a password. Discovery runs against the emulator's announcer
// by unicast on loopback (settings.js axisThermometry.discovery.targets): this
// machine's loopback has no multicast, and tests send only to loopback.
const assert = require('node:assert/strict');
const fs = require('fs');
const net = require('net');
const path = require('path');
const bcrypt = require('bcryptjs');
const { startFleet, startAnnouncer } = require('../../dist/emulator');
const { BULK_CONCURRENCY } = require('../../dist/nodes/thermometry-camera/bulk-routes');
const { MAX_BULK_LINES } = require('../../dist/nodes/thermometry-camera/bulk-lines');
const { freePort, linkedUserDir, startNodeRed, stopNodeRed } = require('./support');
const { call } = require('../support/admin-call');

const PASSWORD = 'Bulk-Pw-5d1e'; // the cameras' (and the sign-in's): no honest answer contains it
const CAMERA_PASSWORD = 'Cam-Own-Pw-88aa'; // a camera node's own stored password, for another address
const ADMIN_PASSWORD = 'admin-Pw-3b7c';

/** A TCP listener that accepts and never answers, counting connections (and the most open at once). */
async function silentListener() {
  const sockets = new Set();
  const stats = { connections: 0, mostAtOnce: 0 };
  const server = net.createServer((s) => {
    stats.connections++;
    sockets.add(s);
    stats.mostAtOnce = Math.max(stats.mostAtOnce, sockets.size);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    // Read (and drop) what comes, so that the client's closing is seen at once.
    s.resume();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: server.address().port,
    stats,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(r);
      }),
  };
}

/** The streamed answer: one JSON object a line. */
function lines(text) {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

describe('"Add many cameras" routes (adminAuth on)', function () {
  this.timeout(180000);
  let dir;
  let child;
  let port;
  let fleet;
  let announcer;
  let silent;
  let log = '';
  let adminToken;
  let readerToken;
  const answers = [];

  async function post(what, body, token = adminToken) {
    const res = await call(port, 'POST', `/axis-thermometry/bulk/${what}`, { token, body });
    answers.push(res.text);
    return res;
  }

  async function tokenFor(username, scope) {
    const res = await call(port, 'POST', '/auth/token', {
      form: { client_id: 'node-red-admin', grant_type: 'password', scope, username, password: ADMIN_PASSWORD },
    });
    assert.equal(res.status, 200, `no token for ${username}: ${res.text}`);
    return res.json.access_token;
  }

  before(async function () {
    fleet = await startFleet({ cameras: 5, port: 0, scenario: null, events: false, users: [{ username: 'svc', password: PASSWORD, role: 'administrator' }] });
    announcer = await startAnnouncer(fleet.emulators, { ports: { mdns: 0, ssdp: 0 } });
    silent = await silentListener();
    dir = linkedUserDir('thermo-bulk-', 'bulk-test');
    const hash = (p) => bcrypt.hashSync(p, 8);
    fs.writeFileSync(
      path.join(dir, 'settings.js'),
      `module.exports = { uiHost: '127.0.0.1', flowFile: 'flows.json', credentialSecret: 'bulk-test',
      editorTheme: { tours: false }, diagnostics: { enabled: false }, telemetry: { enabled: false }, logging: { console: { level: 'debug' } },
      axisThermometry: { discovery: { windowMs: 700, targets: { mdns: { host: '127.0.0.1', port: ${announcer.mdnsPort} }, ssdp: { host: '127.0.0.1', port: ${announcer.ssdpPort} } } } },
      adminAuth: { type: 'credentials', users: [
        { username: 'admin', password: ${JSON.stringify(hash(ADMIN_PASSWORD))}, permissions: '*' },
        { username: 'reader', password: ${JSON.stringify(hash(ADMIN_PASSWORD))}, permissions: 'read' } ] } };\n`,
    );
    port = await freePort();
    child = await startNodeRed(dir, port, (d) => (log += d), { readyPath: '/auth/login' });
    adminToken = await tokenFor('admin', '*');
    readerToken = await tokenFor('reader', 'read');
    const deployed = await call(port, 'POST', '/flows', {
      token: adminToken,
      body: [
        { id: 'si', type: 'thermometry-sign-in', name: 'Service account', tls: '', caPem: '', credentials: { username: 'svc', password: PASSWORD } },
        // A camera with a password of its own, at the silent listener: its credentials must never serve the bulk test.
        {
          id: 'cam',
          type: 'thermometry-camera',
          name: 'Own',
          host: '127.0.0.1',
          port: String(silent.port),
          protocol: 'http',
          tls: 'verify',
          apiVersion: 'auto',
          timeout: '5',
          signIn: '',
          credentials: { username: 'svc', password: CAMERA_PASSWORD },
        },
      ],
    });
    assert.equal(deployed.status, 204, deployed.text);
  });

  after(async function () {
    await stopNodeRed(child);
    if (announcer) await announcer.stop();
    if (fleet) await fleet.stop();
    if (silent) await silent.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const listOf = (extra = []) => [...fleet.emulators.map((e, i) => ({ name: `Line ${i + 1}`, host: '127.0.0.1', port: String(e.port) })), ...extra];

  it('a reader is refused both routes with the permission named, before anything is sent', async function () {
    const before = silent.stats.connections;
    const test = await post('test', { cameras: [{ host: '127.0.0.1', port: String(silent.port) }], signIn: 'si' }, readerToken);
    assert.equal(test.status, 403, test.text);
    assert.match(test.json.error, /flows\.write/);
    const discover = await post('discover', {}, readerToken);
    assert.equal(discover.status, 403, discover.text);
    const none = await call(port, 'POST', '/axis-thermometry/bulk/test', { body: { cameras: [{ host: '127.0.0.1' }] } });
    assert.equal(none.status, 401);
    assert.equal(silent.stats.connections, before, 'nothing reached the address');
  });

  it("tests each camera of the list with the chosen sign-in's stored account: model, firmware, API versions; an unreachable one says why", async function () {
    const refused = await freePort();
    const res = await post('test', {
      cameras: listOf([{ name: 'Gone', host: '127.0.0.1', port: String(refused) }]),
      signIn: 'si',
      protocol: 'http',
      timeout: 5,
    });
    assert.equal(res.status, 200, res.text);
    assert.match(res.type, /application\/x-ndjson/);
    const got = lines(res.text);
    assert.deepEqual(got[got.length - 1], { done: true, tested: 6 });
    const byIndex = Object.fromEntries(got.filter((l) => typeof l.index === 'number').map((l) => [l.index, l]));
    for (let i = 0; i < 5; i++) {
      const r = byIndex[i];
      assert.equal(r.ok, true, JSON.stringify(r));
      assert.equal(r.camera, `127.0.0.1:${fleet.emulators[i].port}`);
      assert.match(r.model, /AXIS/);
      assert.ok(r.firmware, 'firmware');
      assert.equal(r.serial, fleet.emulators[i].camera.profile.serial);
      assert.ok(r.apiVersions.includes('1.3') && r.version === '1.3', JSON.stringify(r));
      assert.equal(r.userLevel, 'administrator');
    }
    assert.equal(byIndex[5].ok, false);
    assert.equal(byIndex[5].reason, 'refused');
    assert.match(byIndex[5].error, /cannot reach 127\.0\.0\.1:\d+ \(connection refused\)/);
  });

  it('a password typed in the form is used as typed; a wrong one says so, per camera', async function () {
    const res = await post('test', { cameras: listOf().slice(0, 2), signIn: 'si', account: { username: 'svc', password: 'not-it' } });
    const got = lines(res.text).filter((l) => typeof l.index === 'number');
    assert.equal(got.length, 2);
    for (const r of got) assert.equal(r.reason, 'wrongPassword', JSON.stringify(r));
  });

  it("never lends another node's stored credentials: a camera node's id as sign-in, another user name, a stored password without a sign-in", async function () {
    const before = silent.stats.connections;
    const target = [{ host: '127.0.0.1', port: String(silent.port) }];
    for (const body of [
      { cameras: target, signIn: 'cam' },
      { cameras: target, signIn: 'cam', account: { password: '__PWRD__' } },
      { cameras: target, signIn: 'si', account: { username: 'root', password: '__PWRD__' } },
      { cameras: target, signIn: 'no-such-node' },
      { cameras: target, account: { username: 'svc', password: '__PWRD__' } },
    ]) {
      const res = await post('test', body);
      assert.equal(res.status, 400, `${JSON.stringify(body)}: ${res.text}`);
      assert.match(res.json.error, /stored password/);
    }
    assert.equal(silent.stats.connections, before, 'nothing reached the address');
  });

  it("bounds the list and reads every line by the camera node's rules, before anything is sent", async function () {
    const before = silent.stats.connections;
    const many = Array.from({ length: MAX_BULK_LINES + 1 }, () => ({ host: '127.0.0.1', port: String(silent.port) }));
    const tooMany = await post('test', { cameras: many, signIn: 'si' });
    assert.equal(tooMany.status, 400);
    assert.match(tooMany.json.error, new RegExp(`at most ${MAX_BULK_LINES} cameras`));
    const badHost = await post('test', { cameras: [{ host: '127.0.0.1', port: String(silent.port) }, { host: 'http://x/y' }], signIn: 'si' });
    assert.equal(badHost.status, 400);
    assert.match(badHost.json.error, /^cameras\[1\]: host "http:\/\/x\/y" must be a bare host name/);
    const badPort = await post('test', { cameras: [{ host: '127.0.0.1', port: '70000' }], signIn: 'si' });
    assert.match(badPort.json.error, /^cameras\[0\]: port must be a whole number from 1 to 65535/);
    const file = await post('test', { cameras: [{ host: '127.0.0.1' }], caFile: '/etc/passwd' });
    assert.equal(file.status, 400);
    assert.equal(silent.stats.connections, before, 'nothing reached the address');
  });

  it('tests at most BULK_CONCURRENCY cameras at once, each under its own deadline; a second list of the same user waits its turn (429)', async function () {
    const before = silent.stats.connections;
    const cameras = Array.from({ length: 40 }, () => ({ host: '127.0.0.1', port: String(silent.port) }));
    const first = post('test', { cameras, signIn: 'si', timeout: 0.3 });
    // The first list is under way (its first cameras are connected) when the second comes.
    for (let i = 0; i < 200 && silent.stats.connections === before; i++) await new Promise((r) => setTimeout(r, 25));
    const second = await post('test', { cameras: cameras.slice(0, 1), signIn: 'si' });
    assert.equal(second.status, 429, second.text);
    const res = await first;
    const got = lines(res.text).filter((l) => typeof l.index === 'number');
    assert.equal(got.length, 40, 'every camera answered for');
    for (const r of got) {
      assert.equal(r.ok, false);
      assert.equal(r.reason, 'timedOut', JSON.stringify(r));
    }
    // The listener may see a camera's connection before the close of the one whose deadline made room for it (the
    // two reach it in either order), so up to a round more than BULK_CONCURRENCY; all 40 at once would pass it.
    assert.ok(silent.stats.mostAtOnce <= 2 * BULK_CONCURRENCY, `at most ${BULK_CONCURRENCY} at once (and a round closing), saw ${silent.stats.mostAtOnce}`);
    assert.ok(silent.stats.mostAtOnce >= 2, `cameras tested side by side: ${silent.stats.mostAtOnce}`);
  });

  it('discovery offers the cameras that announce themselves (mDNS and SSDP), with names, addresses, ports and serials', async function () {
    const res = await post('discover', {});
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.problems, []);
    const found = res.json.cameras.map((c) => [c.host, c.port, c.serial, c.name, c.via.sort().join('+')]).sort();
    const expected = fleet.emulators
      .map((e) => ['127.0.0.1', e.port, e.camera.profile.serial, `AXIS Q2101-TE - ${e.camera.profile.serial}`, 'mdns+ssdp'])
      .sort();
    assert.deepEqual(found, expected);
  });

  it('no answer and no log line holds a password', function () {
    for (const text of [...answers, log]) {
      assert.ok(!text.includes(PASSWORD), 'the sign-in password leaked');
      assert.ok(!text.includes(CAMERA_PASSWORD), "a camera's password leaked");
    }
  });
});
