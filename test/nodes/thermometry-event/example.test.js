'use strict';
// The events example flow (examples/, test/support/examples.js) runs as shipped (camera port
// pointed at the emulator, debug nodes swapped for test helpers): an alarm
// reaches "alarm on", its end "alarm off", and the status node reports the
// connection.
const assert = require('node:assert/strict');
const path = require('path');
const helper = require('node-red-node-test-helper');
const { EVENTS, startCamera } = require('../../support/event-camera');
const { until } = require('../../support/wait');
const { exampleNodes } = require('../../support/examples');

helper.init(require.resolve('node-red'));
const root = path.join(__dirname, '..', '..', '..');
const core = (file) => require(path.join(root, 'node_modules', '@node-red', 'nodes', 'core', file));
const NODES = [
  require(path.join(root, 'nodes', 'thermometry-camera.js')),
  require(path.join(root, 'nodes', 'thermometry-event.js')),
  core('common/90-comment.js'),
  core('common/25-status.js'),
  core('function/10-switch.js'),
];

describe('thermometry-event example flow', function () {
  let cam;
  before(async () => {
    cam = await startCamera();
  });
  after(async () => {
    await helper.unload();
    await cam.emulator.stop();
  });

  it('loads as shipped and shows alarms and the connection status', async () => {
    const flow = exampleNodes('thermometry-event');
    assert.equal(flow[0].type, 'comment', 'a comment node first');
    // Imported into a tab, as the editor does with an example.
    const nodes = [{ id: 'tab1', type: 'tab' }, ...flow.map((n) => {
      if (n.type === 'debug') return { id: n.id, z: 'tab1', type: 'helper', name: n.name };
      if (n.type === 'thermometry-camera') return { ...n, port: String(cam.emulator.port) };
      return { ...n, z: 'tab1' };
    })];
    const camera = flow.find((n) => n.type === 'thermometry-camera');
    await helper.load(NODES, nodes, { [camera.id]: { username: 'root', password: 'pass' } });
    const byName = (name) => helper.getNode(flow.find((n) => n.name === name).id);
    const received = { on: [], off: [], status: [], all: [] };
    byName('alarm on').on('input', (m) => received.on.push(m));
    byName('alarm off').on('input', (m) => received.off.push(m));
    byName('connection status').on('input', (m) => received.status.push(m));
    byName('every event').on('input', (m) => received.all.push(m));
    await until(() => received.status.some((m) => m.status.text === 'connected'), 'connected');
    cam.emulator.camera.emit('thermometry-event', EVENTS.areaOn(0));
    cam.emulator.camera.emit('thermometry-event', EVENTS.areaOff(0));
    await until(() => received.on.length === 1 && received.off.length === 1, 'on and off');
    assert.equal(received.on[0].topic, 'thermometry/area-alarm/0');
    assert.equal(received.off[0].payload.active, false);
    assert.equal(received.all.length, 2);
    assert.equal(received.status.find((m) => m.status.text === 'connected').status.fill, 'green');
  });
});
