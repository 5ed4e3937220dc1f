'use strict';
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { until } = require('../../support/wait');
const { start } = require('../../../dist/emulator');
const { helper, ALL, load, expectOutput, expectError, settleConnections, cameraNode } = require('../support');
const { selfSignedCert } = require('../../support/tls');
const { statusChanged } = require('../../../dist/nodes/thermometry-status/changes');

describe('thermometry-camera config node', function () {
  let emulator;
  afterEach(async () => {
    await helper.unload();
    if (emulator) await emulator.stop();
    emulator = undefined;
  });

  it('shares one client between the nodes using it and exposes the runtime API the event node uses', async () => {
    emulator = await start({ port: 0 });
    const flow = [
      { id: 'f1', type: 'tab' },
      cameraNode(emulator),
      { id: 'a', z: 'f1', x: 1, y: 1, type: 'thermometry-area', camera: 'cam', operation: 'listAreas', wires: [['out']] },
      { id: 's', z: 'f1', x: 1, y: 2, type: 'thermometry-status', camera: 'cam', operation: 'getAreaStatus', interval: '0', wires: [['out']] },
      { id: 'out', z: 'f1', x: 1, y: 3, type: 'helper' },
    ];
    await helper.load(ALL, flow, { cam: { username: 'root', password: 'pass' } });
    const cam = helper.getNode('cam');
    assert.ok(cam.client, 'client created');
    assert.equal(cam.camera, `127.0.0.1:${emulator.port}`);
    assert.equal(cam.apiVersionSetting, 'auto');
    assert.deepEqual(Object.keys(cam.users).sort(), ['a', 's']);
    assert.equal(await cam.apiVersion(), '1.3');
    const probe = { id: 'probe' };
    cam.register(probe);
    assert.equal(cam.users.probe, probe);
    cam.deregister(probe);
    assert.ok(!('probe' in cam.users));
    const out = helper.getNode('out');
    const got = [];
    out.on('input', (m) => got.push(m));
    helper.getNode('a').receive({});
    helper.getNode('s').receive({});
    while (got.length < 2) await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(got.map((m) => m.thermometry.method).sort(), ['getAreaStatus', 'listAreas']);
    await helper.unload();
    assert.equal(await settleConnections(emulator), 0, 'client closed on redeploy/stop');
  });

  it('keeps the credentials out of the flow and out of messages; a wrong password is an authentication error', async () => {
    emulator = await start({ port: 0 });
    const ctx = await load(emulator, 'thermometry-area', { operation: 'listAreas' }, { cam: { username: 'root', password: 'wrong-secret' } });
    const caught = await expectError(ctx, {});
    assert.ok(caught.thermometry.error.kind === 'authentication' || caught.error.code === 2110, caught.error.message);
    assert.ok(!JSON.stringify(caught).includes('wrong-secret'), 'no password in the error');
    const flowCam = helper.getNode('cam');
    assert.equal(flowCam.credentials.password, 'wrong-secret', 'password only in credentials');
  });

  it('reports an unusable configuration on the node and in the error, never crashing', async () => {
    emulator = await start({ port: 0 });
    const ctx = await load(emulator, 'thermometry-area', { operation: 'listAreas' }, undefined, { host: 'http://bad host/' });
    assert.ok(!ctx.camera.client);
    assert.match(ctx.camera.configError, /host/);
    const caught = await expectError(ctx, {});
    assert.match(caught.error.message, /host/);
    assert.equal(caught.thermometry.error.kind, 'configuration');
  });

  it('errors clearly when no camera is chosen', async () => {
    emulator = await start({ port: 0 });
    const ctx = await load(emulator, 'thermometry-area', { operation: 'listAreas', camera: '' });
    const caught = await expectError(ctx, {});
    assert.match(caught.error.message, /no camera configured/);
  });

  describe('over https', function () {
    let dir;
    let tls;
    let certPem;
    before(function () {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thermo-tls-'));
      tls = selfSignedCert(dir);
      certPem = tls.cert;
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    async function httpsEmulator() {
      return start({ port: 0, tls: { key: tls.key, cert: tls.cert } });
    }

    it('refuses a self-signed certificate by default (verify)', async () => {
      emulator = await httpsEmulator();
      const ctx = await load(emulator, 'thermometry-area', { operation: 'listAreas' }, undefined, { protocol: 'https', tls: 'verify' });
      const caught = await expectError(ctx, {});
      assert.match(caught.error.message, /certificate|tls|self.signed/i);
    });

    it('accepts it against the pasted CA certificate, and from a CA file', async () => {
      emulator = await httpsEmulator();
      let ctx = await load(emulator, 'thermometry-area', { operation: 'listAreas' }, undefined, { protocol: 'https', tls: 'ca', caPem: certPem });
      assert.deepEqual((await expectOutput(ctx, {})).payload, []);
      await helper.unload();
      ctx = await load(emulator, 'thermometry-area', { operation: 'listAreas' }, undefined, { protocol: 'https', tls: 'ca', caFile: path.join(dir, 'cert.pem') });
      assert.deepEqual((await expectOutput(ctx, {})).payload, []);
    });

    it('accepts it when told to accept self-signed certificates', async () => {
      emulator = await httpsEmulator();
      const ctx = await load(emulator, 'thermometry-area', { operation: 'listAreas' }, undefined, { protocol: 'https', tls: 'insecure' });
      assert.deepEqual((await expectOutput(ctx, {})).payload, []);
    });

    it('names the CA file that cannot be read, on the camera node and in the error of a call', async () => {
      emulator = await httpsEmulator();
      const ctx = await load(emulator, 'thermometry-area', { operation: 'listAreas' }, undefined, { protocol: 'https', tls: 'ca', caFile: path.join(dir, 'missing.pem') });
      const caught = await expectError(ctx, {});
      assert.match(caught.error.message, /missing\.pem.*ENOENT/);
      await until(() => ctx.camera.configError !== undefined, 'the camera node\'s configError');
      assert.match(ctx.camera.configError, /missing\.pem.*ENOENT/);
    });

    // The file is read at deploy without blocking: a device, a pipe nobody writes to, a huge file are refused by what they are.
    it('refuses a CA "file" that is a device, a named pipe or too large, without blocking Node-RED or reading it whole', async function () {
      if (process.platform === 'win32') this.skip();
      emulator = await httpsEmulator();
      const fifo = path.join(dir, 'pipe.pem');
      execFileSync('mkfifo', [fifo]);
      const big = path.join(dir, 'big.pem');
      fs.writeFileSync(big, `${certPem}\n`.padEnd(1024 * 1024, '#'));
      const cases = [['/dev/zero', /not a regular file/], [fifo, /not a regular file/], [big, /larger than 256 kB/]];
      for (const [file, rule] of cases) {
        const rssBefore = process.memoryUsage().rss;
        // A read that blocked (the pipe) or went on without end (the device) would never get here.
        const ctx = await load(emulator, 'thermometry-area', { operation: 'listAreas' }, undefined, { protocol: 'https', tls: 'ca', caFile: file });
        const caught = await expectError(ctx, {});
        assert.match(caught.error.message, rule, file);
        assert.ok(process.memoryUsage().rss - rssBefore < 64 * 1024 * 1024, `${file}: memory did not grow by the file`);
        await until(() => ctx.camera.configError !== undefined, 'configError');
        assert.match(ctx.camera.configError, rule);
        await helper.unload();
      }
    });
  });
});

describe('status change detection', function () {
  const area = (id, avg, triggered = false) => ({ id, avg, min: avg - 1, max: avg + 1, triggered });
  it('counts the first reading, new or gone entries and flipped flags as changes', () => {
    assert.equal(statusChanged(undefined, [], 1), true);
    assert.equal(statusChanged([area(0, 20)], [area(0, 20), area(1, 20)], 1), true);
    assert.equal(statusChanged([area(0, 20)], [area(1, 20)], 1), true);
    assert.equal(statusChanged([area(0, 20)], [area(0, 20, true)], 1), true);
  });
  it('counts a temperature move only when it exceeds the step', () => {
    assert.equal(statusChanged([area(0, 20)], [area(0, 21)], 1), false);
    assert.equal(statusChanged([area(0, 20)], [area(0, 21.5)], 1), true);
    assert.equal(statusChanged([area(0, 20)], [area(0, 20.1)], 0), true);
    const g = (dev) => ({ id: 1, triggered: false, details: { currentDeviation: dev } });
    assert.equal(statusChanged([g(3)], [g(5)], 1), true);
    assert.equal(statusChanged([g(3)], [g(3.5)], 1), false);
  });
});

describe('admin route GET /axis-thermometry/capabilities/:id', function () {
  let emulator;
  beforeEach(async () => {
    emulator = await start({ port: 0 });
  });
  afterEach(async () => {
    await helper.unload();
    await emulator.stop();
  });

  it('gives the editor the deployed camera\'s capabilities, 404 for an unknown id, 409 for an unusable configuration', async () => {
    await load(emulator, 'thermometry-area', { operation: 'listAreas' });
    const ok = await helper.request().get('/axis-thermometry/capabilities/cam').expect(200);
    assert.equal(typeof ok.body.maxDelayTime, 'number');
    assert.equal(typeof ok.body.minTemperature, 'number');
    assert.ok(!JSON.stringify(ok.body).includes('pass'));
    await helper.request().get('/axis-thermometry/capabilities/nope').expect(404);
    await helper.unload();
    await load(emulator, 'thermometry-area', { operation: 'listAreas' }, undefined, { host: '' });
    const bad = await helper.request().get('/axis-thermometry/capabilities/cam').expect(409);
    assert.match(bad.body.error, /host/);
  });

  it('answers 502 with the reason when the camera refuses', async () => {
    // A password no honest message contains ("wrong user name or password" would contain "wrong").
    const password = 'Pw-502-never-shown';
    await load(emulator, 'thermometry-area', { operation: 'listAreas' }, { cam: { username: 'root', password } });
    const res = await helper.request().get('/axis-thermometry/capabilities/cam').expect(502);
    // The one shape of a failure: the words the nodes' status uses, what failed, the client's reason, the full message.
    assert.equal(res.body.error, 'wrong user name or password');
    assert.equal(res.body.kind, 'authentication');
    assert.equal(res.body.reason, 'wrongPassword');
    assert.match(res.body.detail, /401/);
    assert.ok(!JSON.stringify(res.body).includes(password));
  });
});
