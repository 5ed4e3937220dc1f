'use strict';
// The status node set to MQTT, against the emulator over real HTTP and Digest:
// the topic tree's messages as `mqtt out` receives them (topic, payload, retain,
// qos), online with its reason, Home Assistant's configs, and commands on
// .../set with their replies. The broker itself: test/e2e/mqtt.test.js.
const assert = require('node:assert/strict');
const { start } = require('../../../dist/emulator');
const { ThermometryClient } = require('../../../dist/client');
const { until, realSetTimeout } = require('../../support/wait');
const { helper, ALL, VERTICES, ROOT, cameraNode, collect } = require('../support');

const DAY = 86400;

function adminClient(emulator) {
  return new ThermometryClient({ host: '127.0.0.1', port: emulator.port, username: 'root', password: 'pass' });
}

async function addArea(client, name, threshold = 60) {
  return (await client.addArea({ enabled: true, name, detectionType: 'above', measurement: 'maximum', threshold, delay: 5, vertices: VERTICES })).id;
}

/** A flow: camera named `Line 1/A` (a / in the name), a status node set to MQTT, its output, a Catch for it. */
function mqttFlow(emulator, config) {
  return [
    { id: 'f1', type: 'tab', label: 'mqtt' },
    cameraNode(emulator, { name: 'Line 1/A' }),
    { id: 'n1', z: 'f1', type: 'thermometry-status', camera: 'cam', operation: 'getAreaStatus', interval: String(DAY), onlyChanges: false, step: '1', mqtt: 'thermometry', wires: [['out']], ...config },
    { id: 'out', z: 'f1', type: 'helper' },
    { id: 'catch', z: 'f1', type: 'catch', scope: ['n1'], uncaught: false, wires: [['caught']] },
    { id: 'caught', z: 'f1', type: 'helper' },
  ].map((n, i) => (n.z ? { x: 100, y: 40 * i, ...n } : n));
}

/** Messages that arrive within `ms` after `action`. */
async function during(msgs, action, ms = 600) {
  const from = msgs.length;
  await action();
  await new Promise((r) => realSetTimeout(r, ms));
  return msgs.slice(from);
}

const byTopic = (msgs, topic) => msgs.filter((m) => m.topic === topic);
const PREFIX = 'thermometry/Line 1_A';

describe('thermometry-status node set to MQTT', function () {
  let emulator;
  let client;
  let areaId;
  beforeEach(async () => {
    emulator = await start({ port: 0 });
    client = adminClient(emulator);
    areaId = await addArea(client, 'Door');
  });
  afterEach(async () => {
    await helper.unload();
    client.close();
    await emulator.stop();
  });

  it('an input publishes every state: online, each area\'s status retained at QoS 1 with name and unit, and its alarm', async () => {
    await helper.load(ALL, mqttFlow(emulator, {}), ROOT);
    const msgs = collect(helper.getNode('out'));
    helper.getNode('n1').receive({ payload: 'republish' });
    await until(() => byTopic(msgs, `${PREFIX}/area/${areaId}/alarm`).length === 1, 'the alarm topic');
    const [online] = byTopic(msgs, `${PREFIX}/online`);
    assert.equal(online.payload.online, true);
    assert.equal(online.retain, true);
    const [status] = byTopic(msgs, `${PREFIX}/area/${areaId}/status`);
    assert.equal(status.retain, true);
    assert.equal(status.qos, 1);
    assert.equal(status.payload.name, 'Door');
    assert.equal(status.payload.unit, 'celsius');
    for (const key of ['max', 'avg', 'min']) assert.equal(typeof status.payload[key], 'number', key);
    assert.equal(status.payload.maxCoordinates.length, 2);
    assert.equal(typeof status.payload.triggered, 'boolean');
    assert.ok(!Number.isNaN(Date.parse(status.payload.time)));
    assert.ok(!JSON.stringify(msgs).includes('pass'), 'no password in a message');
  });

  it('group status and the spot: .../group/<id>/status with deviation and members, .../spot/status with the reading, retained', async () => {
    const second = await addArea(client, 'Belt');
    const { id: groupId } = await client.addGroup({ enabled: true, name: 'Line', measurement: 'maximum', threshold: 5, delay: 0, areaIds: [areaId, second] });
    await client.addSpotTemperature({ spotCoordinates: [0.25, 0.5], coordinateSystem: 'coord_neg1_1' });
    await helper.load(ALL, mqttFlow(emulator, { operation: 'getGroupStatus', mqttSpot: true }), ROOT);
    const msgs = collect(helper.getNode('out'));
    helper.getNode('n1').receive({});
    await until(() => byTopic(msgs, `${PREFIX}/spot/status`).length === 1, 'the spot');
    const [group] = byTopic(msgs, `${PREFIX}/group/${groupId}/status`);
    assert.equal(group.retain, true);
    assert.equal(group.payload.name, 'Line');
    assert.equal(typeof group.payload.deviation, 'number');
    assert.deepEqual(group.payload.members.map((m) => m.areaId).sort(), [areaId, second].sort());
    assert.equal(byTopic(msgs, `${PREFIX}/group/${groupId}/alarm`)[0].payload.active, group.payload.triggered);
    const [spot] = byTopic(msgs, `${PREFIX}/spot/status`);
    assert.equal(spot.retain, true);
    assert.equal(spot.payload.temperature, 22);
    assert.deepEqual(spot.payload.coordinates, [0.25, 0.5]);
    assert.equal(spot.payload.unit, 'celsius');
  });

  it('publishes online false with the reason when the camera stops answering, and true when it answers again', async () => {
    await helper.load(ALL, mqttFlow(emulator, { interval: '0.5', onlyChanges: true }), ROOT);
    const msgs = collect(helper.getNode('out'));
    const caught = collect(helper.getNode('caught'));
    await until(() => byTopic(msgs, `${PREFIX}/online`).length === 1, 'online true');
    const port = emulator.port;
    await emulator.stop();
    await until(() => byTopic(msgs, `${PREFIX}/online`).length === 2, 'online false');
    const off = byTopic(msgs, `${PREFIX}/online`)[1];
    assert.equal(off.payload.online, false);
    assert.match(off.payload.reason, new RegExp(`cannot reach 127\\.0\\.0\\.1:${port} \\(connection refused\\)|127\\.0\\.0\\.1:${port} closed the connection`));
    assert.equal(off.retain, true);
    assert.equal(caught.length, 1, 'the failing poll reported once');
    emulator = await start({ port });
    client.close();
    client = adminClient(emulator);
    await until(() => byTopic(msgs, `${PREFIX}/online`).length === 3, 'online true again');
    assert.equal(byTopic(msgs, `${PREFIX}/online`)[2].payload.online, true);
  });

  it('Home Assistant discovery: retained configs with the device\'s model, serial and firmware; an area removed empties its configs and topics', async () => {
    await helper.load(ALL, mqttFlow(emulator, { mqttDiscovery: true }), ROOT);
    const msgs = collect(helper.getNode('out'));
    helper.getNode('n1').receive({});
    await until(() => msgs.filter((m) => m.topic.startsWith('homeassistant/')).length === 4, 'four configs');
    const configs = msgs.filter((m) => m.topic.startsWith('homeassistant/'));
    const info = await client.request({ method: 'POST', path: '/axis-cgi/basicdeviceinfo.cgi', body: { apiVersion: '1.1', method: 'getAllProperties' } });
    const props = info.data.data.propertyList;
    for (const c of configs) {
      assert.equal(c.retain, true);
      assert.match(c.topic, new RegExp(`^homeassistant/(sensor|binary_sensor)/axis_thermometry_${props.SerialNumber}/area_${areaId}_(max|avg|min|alarm)/config$`));
      assert.equal(c.payload.state_topic, `${PREFIX}/area/${areaId}/status`);
      assert.equal(c.payload.device.serial_number, props.SerialNumber);
      assert.equal(c.payload.device.sw_version, props.Version);
      assert.ok(c.payload.device.model.includes(props.ProdShortName ?? props.ProdNbr), c.payload.device.model);
      assert.ok(c.payload.unique_id);
    }
    assert.equal(configs.find((c) => c.topic.endsWith('_max/config')).payload.unit_of_measurement, '°C');
    await client.removeAreas({ areas: [areaId] });
    const after = await during(msgs, () => helper.getNode('n1').receive({}));
    const emptied = after.filter((m) => m.payload === '' && m.retain).map((m) => m.topic).sort();
    assert.deepEqual(emptied, [...configs.map((c) => c.topic), `${PREFIX}/area/${areaId}/alarm`, `${PREFIX}/area/${areaId}/status`].sort());
  });

  it('a ticked command on .../set changes the threshold on the camera and is answered on .../set/reply', async () => {
    await helper.load(ALL, mqttFlow(emulator, { mqttSetThreshold: true }), ROOT);
    const msgs = collect(helper.getNode('out'));
    const caught = collect(helper.getNode('caught'));
    helper.getNode('n1').receive({ topic: `${PREFIX}/area/${areaId}/set`, payload: '{"threshold": 85}' });
    await until(() => byTopic(msgs, `${PREFIX}/area/${areaId}/set/reply`).length === 1, 'the reply');
    const [reply] = byTopic(msgs, `${PREFIX}/area/${areaId}/set/reply`);
    assert.deepEqual({ ...reply.payload, time: undefined }, { ok: true, area: areaId, applied: { threshold: 85 }, time: undefined });
    assert.equal(reply.retain, false);
    const { areaList } = await client.listAreas();
    assert.equal(areaList.find((a) => a.id === areaId).threshold, 85);
    assert.equal(areaList.find((a) => a.id === areaId).name, 'Door', 'the other fields kept');
    assert.equal(caught.length, 0);
  });

  it('refuses a command not ticked, a bad value, and any command while commands are off: nothing changes, an error reply, the Catch node told', async () => {
    for (const [config, payload, rule] of [
      [{ mqttSetThreshold: true }, { delay: 9 }, /delay: not accepted by this node/],
      [{ mqttSetThreshold: true }, { threshold: 'hot' }, /threshold: an integer/],
      [{ mqttSetThreshold: true }, { threshold: 100000 }, /threshold/],
      [{}, { threshold: 70 }, /commands are off on this node/],
    ]) {
      await helper.load(ALL, mqttFlow(emulator, config), ROOT);
      const msgs = collect(helper.getNode('out'));
      const caught = collect(helper.getNode('caught'));
      helper.getNode('n1').receive({ topic: `${PREFIX}/area/${areaId}/set`, payload });
      await until(() => caught.length === 1, `caught for ${JSON.stringify(payload)}`);
      const [reply] = byTopic(msgs, `${PREFIX}/area/${areaId}/set/reply`);
      assert.equal(reply.payload.ok, false);
      assert.match(reply.payload.error, rule);
      assert.match(caught[0].error.message, rule);
      const area = (await client.listAreas()).areaList.find((a) => a.id === areaId);
      assert.deepEqual([area.threshold, area.delay], [60, 5], `unchanged after ${JSON.stringify(payload)}`);
      await helper.unload();
    }
  });

  it('a command for another camera is left to that camera\'s node; the application format makes temperature/areas/<serial> and connect/<serial>', async () => {
    await helper.load(ALL, mqttFlow(emulator, { mqttSetThreshold: true }), ROOT);
    const msgs = collect(helper.getNode('out'));
    const none = await during(msgs, () => helper.getNode('n1').receive({ topic: 'thermometry/other/area/1/set', payload: { threshold: 70 } }), 400);
    assert.deepEqual(none, []);
    await helper.unload();
    await helper.load(ALL, mqttFlow(emulator, { mqtt: 'acap' }), ROOT);
    const acap = collect(helper.getNode('out'));
    helper.getNode('n1').receive({});
    await until(() => acap.length === 2, 'connect and areas');
    const serial = (await client.request({ method: 'POST', path: '/axis-cgi/basicdeviceinfo.cgi', body: { apiVersion: '1.1', method: 'getAllProperties' } })).data.data.propertyList.SerialNumber;
    assert.deepEqual(acap.map((m) => [m.topic, m.retain]), [[`connect/${serial}`, true], [`temperature/areas/${serial}`, false]]);
    assert.equal(acap[1].payload.serial, serial);
    assert.equal(acap[1].payload.areas[0].id, areaId);
  });

  it('a camera without credentials: online false saying so, nothing sent as a plain message', async () => {
    await helper.load(ALL, mqttFlow(emulator, {}), {});
    const msgs = collect(helper.getNode('out'));
    helper.getNode('n1').receive({});
    await until(() => msgs.length === 1, 'online');
    assert.equal(msgs[0].topic, `${PREFIX}/online`);
    assert.deepEqual([msgs[0].payload.online, msgs[0].payload.reason], [false, 'the camera needs a user name and password']);
  });

  it('refuses a bad prefix at deploy, naming the property', async () => {
    await helper.load(ALL, mqttFlow(emulator, { mqttPrefix: 'plant/#' }), ROOT);
    const caught = collect(helper.getNode('caught'));
    helper.getNode('n1').receive({});
    await until(() => caught.length === 1, 'caught');
    assert.match(caught[0].error.message, /^mqttPrefix: a topic without \+ or #/);
  });
});
