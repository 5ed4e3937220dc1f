'use strict';
// One node for the whole plant: the event and status nodes set to "every
// camera" over a fleet of 20 emulators in a real Node-RED (test helper), with
// Catch nodes; a camera stopped and started again, a camera added and deployed.
const assert = require('node:assert/strict');
const path = require('node:path');
const helper = require('node-red-node-test-helper');
const { EVENTS } = require('../support/event-camera');
const { until, sleep } = require('../support/wait');
const { startFleet, start, fleetSerial } = require('../../dist/emulator');

helper.init(require.resolve('node-red'));
const root = path.join(__dirname, '..', '..');
const NODES = ['thermometry-camera', 'thermometry-event', 'thermometry-status'].map((t) => require(path.join(root, 'nodes', `${t}.js`)));
const CATCH = require(path.join(path.dirname(require.resolve('@node-red/nodes/package.json')), 'core', 'common', '25-catch.js'));

const COUNT = 20;
const name = (i) => `Cam ${String(i + 1).padStart(2, '0')}`;
const camId = (i) => `cam${i}`;

function cameraNode(i, port) {
  return { id: camId(i), type: 'thermometry-camera', name: name(i), host: '127.0.0.1', port: String(port), protocol: 'http', tls: 'verify', apiVersion: 'auto', timeout: '5' };
}

function plantFlow(ports) {
  return [
    { id: 'f1', type: 'tab', label: 'plant' },
    ...ports.map((p, i) => cameraNode(i, p)),
    { id: 'events', z: 'f1', type: 'thermometry-event', camera: '', cameraScope: 'all', areaAlarm: true, anyArea: false, anyAreaOnPreset: false, groupDeviation: true, information: false, wires: [['evOut']] },
    { id: 'evOut', z: 'f1', type: 'helper' },
    { id: 'status', z: 'f1', type: 'thermometry-status', camera: '', cameraScope: 'all', operation: 'getAreaStatus', interval: '1', onlyChanges: false, wires: [['stOut']] },
    { id: 'stOut', z: 'f1', type: 'helper' },
    { id: 'catch', z: 'f1', type: 'catch', scope: ['events', 'status'], uncaught: false, wires: [['caught']] },
    { id: 'caught', z: 'f1', type: 'helper' },
  ].map((n, i) => (n.z ? { x: 100, y: 40 * i, ...n } : n));
}

function credentialsFor(count) {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [camId(i), { username: 'root', password: 'pass' }]));
}

function lastStatus(node) {
  const calls = node.status.getCalls().filter((c) => c.thisValue === node);
  return calls.length ? calls[calls.length - 1].args[0] : undefined;
}

function collect(id) {
  const msgs = [];
  helper.getNode(id).on('input', (m) => msgs.push(m));
  return msgs;
}

describe('plant: every-camera event and status nodes over 20 emulators', function () {
  this.timeout(60000);
  let fleet;
  let extra = [];
  beforeEach(async () => {
    fleet = await startFleet({ cameras: COUNT, port: 0, scenario: null, events: true });
    await helper.load([...NODES, CATCH], plantFlow(fleet.emulators.map((e) => e.port)), credentialsFor(COUNT));
  });
  afterEach(async () => {
    await helper.unload();
    await fleet.stop();
    await Promise.all(extra.map((e) => e.stop()));
    extra = [];
  });

  it('every alarm from every camera arrives once, its camera named in msg.camera and the topic; the status sums up', async () => {
    const events = helper.getNode('events');
    await until(() => lastStatus(events)?.text === `${COUNT}/${COUNT} connected, 0 alarms`, 'all cameras connected', 30000);
    const msgs = collect('evOut');
    fleet.emulators.forEach((e, i) => e.camera.emit('thermometry-event', EVENTS.areaOn(i % 4)));
    await until(() => msgs.length >= COUNT, `${COUNT} alarms`, 20000);
    // Time for a duplicate to show up, were one sent.
    await sleep(500);
    assert.equal(msgs.length, COUNT, 'each alarm once');
    const seen = msgs.map((m) => [m.camera, m.topic, m.payload.active, m.thermometry.cameraName, m.thermometry.camera]).sort();
    const expected = fleet.emulators.map((e, i) => [name(i), `thermometry/${name(i)}/area-alarm/${i % 4}`, true, name(i), `127.0.0.1:${e.port}`]).sort();
    assert.deepEqual(seen, expected);
    await until(() => lastStatus(events)?.text === `${COUNT}/${COUNT} connected, ${COUNT} alarms`, 'the alarms counted');
    // An alarm that ends is no longer counted.
    fleet.emulators[0].camera.emit('thermometry-event', EVENTS.areaOff(0));
    await until(() => lastStatus(events)?.text === `${COUNT}/${COUNT} connected, ${COUNT - 1} alarms`, 'one alarm fewer');
  });

  it('the status node polls every camera, one message per camera with msg.camera and its topic', async () => {
    const status = helper.getNode('status');
    const msgs = collect('stOut');
    await until(() => new Set(msgs.map((m) => m.camera)).size === COUNT, 'a reading from every camera', 20000);
    for (const m of msgs) {
      assert.equal(m.topic, `thermometry/${m.camera}/area-status`);
      assert.equal(m.thermometry.cameraName, m.camera);
      assert.ok(Array.isArray(m.payload));
      // What a plant page lists: model, firmware and serial (basicdeviceinfo.cgi, asked once per camera).
      const serial = fleet.emulators.find((e) => m.thermometry.camera === `127.0.0.1:${e.port}`).camera.profile.serial;
      assert.deepEqual(
        { ...m.thermometry.device, firmware: typeof m.thermometry.device.firmware },
        { model: 'AXIS Q2101-TE Thermal Camera (emulator)', productNumber: 'Q2101-TE', firmware: 'string', serialNumber: serial },
      );
    }
    await until(() => lastStatus(status)?.text === `${COUNT}/${COUNT} connected, 0 alarms`, 'summary');
  });

  it('a camera stopped and started again reconnects, and its alarm arrives named; the Catch node hears of it once', async () => {
    const events = helper.getNode('events');
    await until(() => lastStatus(events)?.text === `${COUNT}/${COUNT} connected, 0 alarms`, 'all cameras connected', 30000);
    const caught = collect('caught');
    const msgs = collect('evOut');
    const port = fleet.emulators[4].port;
    await fleet.emulators[4].stop();
    await until(() => /^19\/20 connected/.test(lastStatus(events)?.text ?? ''), 'one camera down', 20000);
    // Both nodes tell the Catch node which camera they lost.
    await until(() => ['events', 'status'].every((id) => caught.some((m) => m.camera === name(4) && m.error.source.id === id)), 'the loss reported by both nodes', 20000);
    const again = await start({ port, serial: fleetSerial('fixed', 5), events: true });
    extra.push(again);
    await until(() => lastStatus(events)?.text === `${COUNT}/${COUNT} connected, 0 alarms`, 'reconnected', 40000);
    again.camera.emit('thermometry-event', EVENTS.areaOn(2));
    await until(() => msgs.some((m) => m.camera === name(4) && m.topic === `thermometry/${name(4)}/area-alarm/2`), 'its alarm', 20000);
    // Each failure once per node (the status node polls every second: not one error a poll).
    const aboutIt = caught.filter((m) => m.camera === name(4));
    assert.equal(new Set(aboutIt.map((m) => `${m.error.source.id} ${m.error.message}`)).size, aboutIt.length, 'each failure once per node');
    assert.equal(caught.filter((m) => m.camera !== name(4)).length, 0, 'no other camera reported');
  });

  it('a camera added and deployed is picked up by both nodes', async () => {
    const events = helper.getNode('events');
    await until(() => lastStatus(events)?.text === `${COUNT}/${COUNT} connected, 0 alarms`, 'all cameras connected', 30000);
    const added = await start({ port: 0, serial: fleetSerial('fixed', COUNT + 1), events: true });
    extra.push(added);
    const ports = [...fleet.emulators.map((e) => e.port), added.port];
    // A 'nodes' deploy, as the editor's default: only the new camera starts; the plant nodes keep running.
    await helper.setFlows(plantFlow(ports), 'nodes', credentialsFor(COUNT + 1));
    const msgs = collect('evOut');
    const readings = collect('stOut');
    await until(() => lastStatus(helper.getNode('events'))?.text === `${COUNT + 1}/${COUNT + 1} connected, 0 alarms`, 'the new camera connected', 30000);
    added.camera.emit('thermometry-event', EVENTS.areaOn(1));
    await until(() => msgs.some((m) => m.camera === name(COUNT)), 'the new camera\'s alarm', 20000);
    await until(() => readings.some((m) => m.camera === name(COUNT)), 'the new camera polled', 20000);
    assert.equal(helper.getNode('events'), events, 'the event node was not restarted');
  });
});
