'use strict';
// The emulator as a fleet: startFleet() and axis-thermal-emulator --cameras N.
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { startFleet, fleetSerial } = require('../../dist/emulator');
const { ThermometryClient, readDeviceInfo } = require('../../dist/client');

const CLI = path.join(__dirname, '..', '..', 'dist', 'emulator', 'cli.js');
const VERTICES = [
  [-0.5, -0.5],
  [0.5, -0.5],
  [0.5, 0.5],
  [-0.5, 0.5],
];

function clientOf(emulator) {
  return new ThermometryClient({ host: '127.0.0.1', port: emulator.port, username: 'root', password: 'pass' });
}

/** A port with `count` free ones after it (the OS picks one, we check the rest). */
async function freeRun(count) {
  const listenOn = (port) =>
    new Promise((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(undefined));
      server.listen(port, '127.0.0.1', () => resolve(server));
    });
  for (let attempt = 0; attempt < 20; attempt++) {
    const first = await listenOn(0);
    const base = first.address().port;
    const held = [first];
    let ok = base + count - 1 <= 65535;
    for (let p = base + 1; ok && p < base + count; p++) {
      const s = await listenOn(p);
      if (s) held.push(s);
      else ok = false;
    }
    await Promise.all(held.map((s) => new Promise((r) => s.close(r))));
    if (ok) return base;
  }
  throw new Error(`no ${count} free consecutive ports`);
}

describe('emulator fleet', () => {
  let fleet;
  const clients = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    if (fleet) await fleet.stop();
    fleet = undefined;
  });

  it('serves N cameras on consecutive ports, each with its own serial, realm, scene and state', async () => {
    const base = await freeRun(3);
    fleet = await startFleet({ cameras: 3, port: base });
    assert.deepEqual(
      fleet.emulators.map((e) => e.port),
      [base, base + 1, base + 2],
    );
    const serials = [];
    for (const e of fleet.emulators) {
      const client = clientOf(e);
      clients.push(client);
      const info = await readDeviceInfo(client);
      serials.push(info.serialNumber);
    }
    assert.deepEqual(
      serials,
      [1, 2, 3].map((n) => fleetSerial('fixed', n)),
    );
    assert.equal(new Set(fleet.emulators.map((e) => e.realm)).size, 3, 'each camera its own Digest realm');
    assert.equal(new Set(fleet.emulators.map((e) => e.camera.sensor.scenario)).size, 3, 'neighbours look at different scenes');
    await clients[1].addArea({
      enabled: true,
      name: 'Only on camera 2',
      detectionType: 'above',
      measurement: 'maximum',
      threshold: 60,
      delay: 5,
      vertices: VERTICES,
    });
    const counts = [];
    for (const c of clients) counts.push((await c.listAreas()).areaList.length);
    assert.deepEqual(counts, [0, 1, 0]);
  });

  it('scenario null: flat cameras with no scene', async () => {
    fleet = await startFleet({ cameras: 2, port: 0, scenario: null });
    for (const e of fleet.emulators) assert.equal(e.camera.sensor.constructor.name, 'FlatSensor');
  });

  it("keeps each camera's state in its own file of the state folder", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-state-'));
    try {
      fleet = await startFleet({ cameras: 2, port: 0, stateDir: dir, scenario: null });
      const client = clientOf(fleet.emulators[1]);
      clients.push(client);
      await client.addArea({ enabled: true, name: 'Kept', detectionType: 'above', measurement: 'maximum', threshold: 60, delay: 5, vertices: VERTICES });
      await fleet.stop();
      fleet = await startFleet({ cameras: 2, port: 0, stateDir: dir, scenario: null });
      assert.equal(fleet.emulators[0].camera.snapshot().areas.length, 0);
      assert.equal(fleet.emulators[1].camera.snapshot().areas[0].name, 'Kept');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a count out of range, and a port in use stops the cameras already started', async () => {
    await assert.rejects(startFleet({ cameras: 0 }), /cameras must be a whole number from 1/);
    const blocker = net.createServer();
    const base = await freeRun(3);
    await new Promise((r) => blocker.listen(base + 2, '127.0.0.1', r));
    try {
      await assert.rejects(startFleet({ cameras: 3, port: base }), new RegExp(`camera 3: port ${base + 2} is in use`));
      // The first two were stopped again: their ports are free.
      const again = await startFleet({ cameras: 2, port: base, scenario: null });
      await again.stop();
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });

  it('axis-thermal-emulator --cameras 3 prints one line per camera and serves each', async () => {
    const base = await freeRun(3);
    const child = spawn(process.execPath, [CLI, '--cameras', '3', '--port', String(base), '--no-events'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let output = '';
      await new Promise((resolve, reject) => {
        child.stdout.on('data', (d) => {
          output += d;
          if (/camera 3: /.test(output)) resolve();
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
      });
      assert.match(output, /3 cameras/);
      for (let n = 1; n <= 3; n++) assert.match(output, new RegExp(`camera ${n}: http://127\\.0\\.0\\.1:${base + n - 1} serial ${fleetSerial('fixed', n)}`));
      const client = clientOf({ port: base + 2 });
      clients.push(client);
      const versions = await client.getSupportedVersions();
      assert.ok(versions.apiVersions.length > 0);
      const done = new Promise((r) => child.on('exit', (code) => r(code)));
      child.kill('SIGTERM');
      assert.equal(await done, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('refuses --cameras that is not a count', async () => {
    const child = spawn(process.execPath, [CLI, '--cameras', 'many'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
    });
    const code = await new Promise((r) => child.on('exit', r));
    assert.equal(code, 2);
    assert.match(err, /--cameras: "many" is not a number of cameras/);
  });
});
