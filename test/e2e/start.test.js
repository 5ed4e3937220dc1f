'use strict';
// npm start as a user runs it (scripts/start.js, after the build npm test has
// done): the emulator and Node-RED come up, the starter flow is deployed against
// the emulator, its inject buttons reach the camera, the password stays out of
// the flow file, and SIGINT (Ctrl-C) stops both. Free ports and a temporary
// user directory, so that a developer's own npm start (8080/1880, .node-red/) is
// left alone.
const assert = require('node:assert/strict');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { ThermometryClient } = require('../../dist/client');
const { request, waitFor, spawnStart } = require('./support');

/** Whether something listens on the port (a refused connection: nothing does). */
function listening(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('npm start (scripts/start.js)', function () {
  this.timeout(180000);
  let dir;
  let started;
  let client;

  before(async function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thermo-start-'));
    started = await spawnStart(dir);
    assert.match(started.log, /Starter flow deployed\./, started.log);
    client = new ThermometryClient({ host: '127.0.0.1', port: started.emulatorPort, username: 'root', password: 'pass' });
  });

  after(async function () {
    if (client) client.close();
    if (started) await started.kill();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  afterEach(function () {
    if (this.currentTest.state === 'failed') console.log(started.log.slice(-3000));
  });

  it('deploys the starter flow whose inject buttons add an area, read the status and set the spot on the emulator', async function () {
    const { emulatorPort, nodeRedPort, userDir } = started;
    const flows = JSON.parse((await request(nodeRedPort, 'GET', '/flows')).body);
    const nodes = Array.isArray(flows) ? flows : flows.flows;
    const inject = (name) => {
      const n = nodes.find((x) => x.type === 'inject' && x.name === name);
      assert.ok(n, `inject "${name}" in the deployed flow`);
      return n.id;
    };
    for (const type of ['thermometry-area', 'thermometry-status', 'thermometry-spot', 'thermometry-event']) {
      assert.ok(
        nodes.some((n) => n.type === type),
        `${type} in the starter flow`,
      );
    }
    const cam = nodes.find((n) => n.type === 'thermometry-camera');
    assert.equal(cam.port, String(emulatorPort));
    // The one camera every example refers to (examples/*.json).
    assert.equal(cam.id, 'emulator-camera');
    assert.equal(cam.name, 'Emulator (npm start)');
    const tab = nodes.find((n) => n.type === 'tab');
    assert.ok(
      tab.info.includes(`127.0.0.1:${emulatorPort}`) && tab.info.includes(`127.0.0.1:${nodeRedPort}`),
      `the tab's info names the real ports: ${tab.info}`,
    );
    assert.ok(!JSON.stringify(nodes).includes('__EMULATOR__'), 'no placeholder left');

    let injected;
    await waitFor(async () => (injected = await request(nodeRedPort, 'POST', `/inject/${inject('add area')}`)).status === 200);
    assert.equal(injected.status, 200, injected.body);
    // By its name: the dashboard tab adds areas of its own.
    const button = nodes.find((n) => n.id === nodes.find((x) => x.type === 'inject' && x.name === 'add area').wires[0][0]);
    let areas = [];
    await waitFor(async () => (areas = (await client.listAreas()).areaList).some((a) => a.name === button.areaName));
    assert.ok(
      areas.some((a) => a.name === button.areaName),
      `the area "${button.areaName}" was added on the emulator`,
    );

    // The camera always has a spot; one that was set shows its overlay.
    const readSpot = () => client.getSpotTemperature({ coordinateSystem: 'coord_neg1_1' });
    assert.equal((await readSpot()).renderOverlay, false, 'no spot set before the button');
    assert.equal((await request(nodeRedPort, 'POST', `/inject/${inject('set spot')}`)).status, 200);
    let spot;
    await waitFor(async () => (spot = await readSpot()).renderOverlay === true);
    assert.equal(spot && spot.renderOverlay, true, 'the spot was set on the emulator');
    assert.equal(typeof spot.spotTemperature, 'number');
    for (const name of ['list areas', 'read status', 'read spot']) {
      assert.equal((await request(nodeRedPort, 'POST', `/inject/${inject(name)}`)).status, 200, name);
    }

    assert.ok(fs.existsSync(path.join(userDir, 'flows_cred.json')), 'credentials stored apart');
    const flowFile = fs.readFileSync(path.join(userDir, 'flows.json'), 'utf8');
    assert.ok(!/"password"/.test(flowFile) && !/"credentials"/.test(flowFile), 'no credentials in the flow file');
  });

  it('stops Node-RED and the emulator together on SIGINT (Ctrl-C)', async function () {
    const { emulatorPort, nodeRedPort, child, exited } = started;
    assert.ok(await listening(emulatorPort), 'emulator up');
    assert.ok(await listening(nodeRedPort), 'Node-RED up');
    process.kill(child.pid, 'SIGINT');
    const { code, signal } = await exited;
    assert.deepEqual({ code, signal }, { code: 0, signal: null });
    assert.equal(await listening(emulatorPort), false, 'emulator stopped');
    assert.equal(await listening(nodeRedPort), false, 'Node-RED stopped');
  });
  it("a later run on another emulator port points the examples' camera there and keeps its credentials", async function () {
    // The first run has stopped (previous test); the same user directory, new ports.
    const second = await spawnStart(dir);
    try {
      const { emulatorPort, nodeRedPort, log } = second;
      assert.doesNotMatch(log, /Starter flow deployed/, "the user's flows are left as they are");
      assert.match(log, /Camera "Emulator \(npm start\)" \(emulator-camera\) updated for the emulator on 127\.0\.0\.1:\d+/, log);
      const flows = JSON.parse((await request(nodeRedPort, 'GET', '/flows')).body);
      const nodes = Array.isArray(flows) ? flows : flows.flows;
      assert.equal(nodes.find((n) => n.id === 'emulator-camera').port, String(emulatorPort));
      const creds = JSON.parse((await request(nodeRedPort, 'GET', '/credentials/thermometry-camera/emulator-camera')).body);
      assert.deepEqual([creds.username, creds.has_password], ['root', true]);
      // The starter's button reaches the new emulator with the credentials kept.
      const add = nodes.find((n) => n.type === 'inject' && n.name === 'add area');
      const c2 = new ThermometryClient({ host: '127.0.0.1', port: emulatorPort, username: 'root', password: 'pass' });
      try {
        await waitFor(async () => (await request(nodeRedPort, 'POST', `/inject/${add.id}`)).status === 200);
        let areas = [];
        await waitFor(async () => (areas = (await c2.listAreas()).areaList).length === 1);
        assert.equal(areas.length, 1, `the area was added on the new emulator: ${JSON.stringify(areas.map((a) => a.name))}`);
      } finally {
        c2.close();
      }
      process.kill(second.child.pid, 'SIGINT');
      assert.deepEqual(await second.exited, { code: 0, signal: null });
    } finally {
      await second.kill();
    }
  });
});
