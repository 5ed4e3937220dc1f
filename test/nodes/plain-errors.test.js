'use strict';
// The failure reasons a plant engineer reads: on the node's status ring and at
// the start of the error a Catch node gets, for each way a camera call fails
// (real Node-RED, the emulator over real HTTP with Digest).
const assert = require('node:assert/strict');
const net = require('net');
const { start } = require('../../dist/emulator');
const { plainReason } = require('../../dist/nodes/shared/errors');
const { helper, load, expectError } = require('./support');

const ADD = {
  operation: 'addArea', areaId: '', imagesource: '', enabled: true, areaName: 'Furnace door', detectionType: 'above',
  measurement: 'maximum', threshold: '60', delay: '5', vertices: '[[-0.5,-0.5],[0.5,-0.5],[0.5,0.5],[-0.5,0.5]]',
  areaOverlay: 'always', temperatureOverlay: true, presetNbr: '', areas: '',
};

/** A port nothing listens on (taken, then freed). */
function closedPort() {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

describe('plain failure reasons', function () {
  let emulator;
  beforeEach(async () => {
    emulator = await start({ port: 0 });
  });
  afterEach(async () => {
    await helper.unload();
    await emulator.stop();
  });

  async function failing(credentials, cameraExtra) {
    const ctx = await load(emulator, 'thermometry-area', ADD, credentials, cameraExtra);
    const statuses = [];
    ctx.node.on('call:status', (call) => statuses.push(call.args[0]));
    const caught = await expectError(ctx, { payload: '' });
    return { ctx, caught, status: statuses[statuses.length - 1] };
  }

  it('a camera without user name and password (an imported flow) says so at deploy and on the first call, and asks nothing of the camera', async () => {
    const ctx = await load(emulator, 'thermometry-area', ADD, {});
    // The status the node shows as soon as it is deployed.
    assert.deepEqual(ctx.node.status.lastCall && ctx.node.status.lastCall.args[0], { fill: 'red', shape: 'ring', text: 'the camera needs a user name and password' });
    const before = emulator.stats.exchanges;
    const caught = await expectError(ctx, { payload: '' });
    assert.match(caught.error.message, /^addArea: the camera needs a user name and password; open the camera configuration node and enter them/);
    assert.equal(caught.error.code, 'credentials');
    assert.equal(emulator.stats.exchanges, before, 'no request without credentials');
  });

  it('an event node on a camera without user name and password says so at deploy, and does not connect', async () => {
    const path = require('path');
    const eventNode = require(path.join(__dirname, '..', '..', 'nodes', 'thermometry-event.js'));
    const { cameraNode, ALL } = require('./support');
    const before = emulator.stats.exchanges;
    await helper.load([...ALL, eventNode], [
      { id: 'f1', type: 'tab' },
      cameraNode(emulator),
      { id: 'ev', z: 'f1', type: 'thermometry-event', camera: 'cam', areaAlarm: true, mode: 'auto', pollInterval: '2', output: 'changes', x: 100, y: 100, wires: [[]] },
    ], {});
    const ev = helper.getNode('ev');
    assert.deepEqual(ev.status.lastCall && ev.status.lastCall.args[0], { fill: 'red', shape: 'ring', text: 'the camera needs a user name and password' });
    assert.match(String(ev.error.lastCall && ev.error.lastCall.args[0]), /the camera needs a user name and password/);
    assert.equal(emulator.stats.exchanges, before, 'nothing asked of the camera');
  });

  it('a snapshot node on a camera without user name and password says so, and asks nothing of the camera', async () => {
    const snapshotNode = require(require('path').join(__dirname, '..', '..', 'nodes', 'thermometry-snapshot.js'));
    const { ALL } = require('./support');
    await helper.load([...ALL, snapshotNode], require('./support').flow(emulator, 'thermometry-snapshot', { resolution: '', compression: '', channel: '', overlay: false }), {});
    const ctx = { node: helper.getNode('n1'), out: helper.getNode('out'), caught: helper.getNode('caught') };
    assert.deepEqual(ctx.node.status.lastCall && ctx.node.status.lastCall.args[0], { fill: 'red', shape: 'ring', text: 'the camera needs a user name and password' });
    const before = emulator.stats.exchanges;
    const caught = await expectError(ctx, { payload: '' });
    assert.match(caught.error.message, /the camera needs a user name and password/);
    assert.equal(emulator.stats.exchanges, before);
  });

  it('wrong password: "wrong user name or password", never the password itself', async () => {
    const { caught, status } = await failing({ cam: { username: 'root', password: 'Secret-9f3e' } });
    assert.deepEqual(status, { fill: 'red', shape: 'ring', text: 'wrong user name or password' });
    assert.match(caught.error.message, /^addArea: wrong user name or password; check the user name and password/);
    assert.ok(!JSON.stringify(caught).includes('Secret-9f3e'));
  });

  it('a viewer adding an area: "this user is a viewer: adding areas needs an administrator"', async () => {
    const { caught, status } = await failing({ cam: { username: 'viewer', password: 'viewer' } });
    assert.deepEqual(status, { fill: 'red', shape: 'ring', text: 'this user is a viewer: adding areas needs an administrator' });
    assert.match(caught.error.message, /^addArea: this user is a viewer: adding areas needs an administrator; /);
    assert.equal(caught.thermometry.error.userLevel, 'viewer');
  });

  it('an operator adding an area: "this user is an operator: adding areas needs an administrator"', async () => {
    const { status } = await failing({ cam: { username: 'operator', password: 'operator' } });
    assert.deepEqual(status, { fill: 'red', shape: 'ring', text: 'this user is an operator: adding areas needs an administrator' });
  });

  it('nothing listening: "cannot reach 127.0.0.1:<port> (connection refused)"', async () => {
    const port = await closedPort();
    const { caught, status } = await failing(undefined, { port: String(port) });
    assert.deepEqual(status, { fill: 'red', shape: 'ring', text: `cannot reach 127.0.0.1:${port} (connection refused)` });
    assert.match(caught.error.message, /connection refused/);
  });

  it('words for the other kinds of failure', () => {
    assert.equal(plainReason({ kind: 'timeout', camera: '10.0.0.9:80' }), 'no answer from 10.0.0.9:80 (timed out)');
    assert.equal(plainReason({ kind: 'network', camera: 'cam.local:80', cause: 'ENOTFOUND' }), 'cannot find the host of cam.local:80');
    assert.equal(plainReason({ kind: 'network', camera: '10.0.0.9:443', cause: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), '10.0.0.9:443: self-signed certificate');
    assert.equal(plainReason({ kind: 'vapix', code: 1202, method: 'getTgtConfiguration' }), 'no guard tour on this camera: it needs a PTZ camera (1202)');
    assert.equal(plainReason({ kind: 'vapix', code: 1200, method: 'addArea', said: 'Maximum amount of areas in preset reached.' }), 'the camera holds no more areas here: its limit is reached (1200)');
    assert.equal(plainReason({ kind: 'vapix', code: 1200, method: 'addGroup', said: 'Group name is not unique.' }), 'the name is in use on the camera: choose another (1200)');
    assert.equal(plainReason({ kind: 'vapix', code: 1200, method: 'listAreas', subject: 'preset 7', said: 'Preset does not exist.' }), 'no preset 7 on the camera (1200)');
    assert.equal(plainReason({ kind: 'vapix', code: 1200, method: 'updateArea', subject: 'area 4', said: 'Error' }), 'no area 4 on the camera (1200)');
    assert.equal(plainReason({ kind: 'vapix', code: 2104, field: 'threshold' }), 'invalid parameter value: threshold (2104)');
    assert.equal(plainReason({ kind: 'protocol', status: 404, camera: '10.0.0.9:80' }), '10.0.0.9:80 has no thermometry API (HTTP 404)');
    assert.equal(plainReason({ kind: 'authorization', method: 'removeGroup' }), 'this user may not: removing groups needs an administrator');
  });

  it('a missing area: "no area 2 on the camera", not "api-specific error (1200)"', async () => {
    const ctx = await load(emulator, 'thermometry-area', { ...ADD, operation: 'updateArea', areaId: '2' });
    const statuses = [];
    ctx.node.on('call:status', (call) => statuses.push(call.args[0]));
    const caught = await expectError(ctx, { payload: '' });
    assert.deepEqual(statuses[statuses.length - 1], { fill: 'red', shape: 'ring', text: 'no area 2 on the camera (1200)' });
    assert.equal(caught.error.code, 1200);
  });

  it('the guard tour on a fixed camera: "no guard tour on this camera: it needs a PTZ camera"', async () => {
    const ctx = await load(emulator, 'thermometry-settings', { operation: 'getTgtConfiguration' });
    const statuses = [];
    ctx.node.on('call:status', (call) => statuses.push(call.args[0]));
    const caught = await expectError(ctx, { payload: '' });
    assert.deepEqual(statuses[statuses.length - 1], { fill: 'red', shape: 'ring', text: 'no guard tour on this camera: it needs a PTZ camera (1202)' });
    assert.equal(caught.error.code, 1202);
  });

  it('a spot off the picture and a polygon that crosses itself are refused in words: where the picture is, which corners', async () => {
    const spot = await load(emulator, 'thermometry-spot', { operation: 'addSpotTemperature', spotCoordinates: '[0, 0]', coordinateSystem: 'coord_neg1_1' });
    const off = await expectError(spot, { payload: { spotCoordinates: [1.5, 0] } });
    assert.equal(off.error.message, 'addSpotTemperature: "spotCoordinates" must be a point on the picture: x and y from -1 to 1, the centre at 0, 0, y up (coordinateSystem coord_neg1_1; got [1.5,0])');
    await helper.unload();
    const area = await load(emulator, 'thermometry-area', ADD);
    const bowTie = await expectError(area, { payload: { vertices: [[-0.5, -0.5], [0.5, 0.5], [0.5, -0.5], [-0.5, 0.5]] } });
    assert.equal(bowTie.error.message, 'addArea: "vertices": the outline crosses itself: the side from corner 1 to 2 crosses the side from corner 3 to 4; list the corners in order around the area');
  });
});

describe('one table of words for failures', () => {
  const { FAILURE_REASONS } = require('../../dist/client');
  const common = require('../../src/nodes/shared/locales/en-US/common.json');

  it('has words for every reason the client decides', () => {
    const words = common.thermometry.failure;
    for (const reason of FAILURE_REASONS) {
      const text = plainReason({ kind: 'network', reason, camera: '10.0.0.9:443', method: 'addArea', status: 500, code: 2104, cause: 'EX' });
      assert.ok(text && !text.startsWith('thermometry.'), `${reason}: ${text}`);
      assert.ok(Object.keys(words).some((key) => key.startsWith(reason)), `${reason} has no thermometry.failure entry`);
    }
  });

  it('a TLS failure reads the same on an operation node and an event node (the reason, not the kind, picks the words)', () => {
    const call = plainReason({ kind: 'network', reason: 'tlsExpired', camera: '10.0.0.9:443', cause: 'CERT_HAS_EXPIRED' });
    const stream = plainReason({ kind: 'network', reason: 'tlsExpired', camera: '10.0.0.9:443' });
    assert.equal(call, '10.0.0.9:443: certificate expired');
    assert.equal(stream, call);
  });
});
