'use strict';
// Past one Node-RED, with a real broker: Mosquitto on a free loopback port
// (its own config and database), two edge Node-REDs with two emulator cameras
// each (status and event nodes set to MQTT, through Node-RED's own mqtt out
// and mqtt in), and a control-room Node-RED that subscribes to the tree and
// keeps what it received (a Function node into global context, read over an
// http-in endpoint). Separate processes, as a plant runs them. The test's own
// MQTT client (MQTT.js, Node-RED's) plays the late consumer and the SCADA.
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { freePort, request, waitFor, startNodeRed, stopNodeRed, root, pkg } = require('./support');
const { requireMosquitto, startBroker, connectClient } = require('../support/mosquitto');
const { startCamera, EVENTS } = require('../support/event-camera');
const { FlatSensor } = require('../../dist/emulator');
const { ThermometryClient } = require('../../dist/client');

const VERTICES = [
  [-0.5, -0.5],
  [0.5, -0.5],
  [0.5, 0.5],
  [-0.5, 0.5],
];
/** The brokers' keep-alive in these flows, seconds: the will must reach the control room within it (Mosquitto: 1.5 x). */
const KEEPALIVE_S = 2;

/** A flat 22 °C camera whose areas' alarm state the test sets (getAreaStatus and the event stream agree). */
class SwitchSensor extends FlatSensor {
  constructor() {
    super(22);
    this.triggered = new Set();
  }
  areaTriggered(id) {
    return this.triggered.has(id);
  }
}

function brokerNode(id, port, clientid, extra = {}) {
  return {
    id,
    type: 'mqtt-broker',
    name: clientid,
    broker: '127.0.0.1',
    port: String(port),
    clientid,
    autoConnect: true,
    usetls: false,
    protocolVersion: '4',
    keepalive: String(KEEPALIVE_S),
    cleansession: false,
    autoUnsubscribe: true,
    ...extra,
  };
}

/** An edge: for each camera a config node, a status node (1 s, only changes, Home Assistant, threshold commands) and an event node, all into one mqtt out; its birth topic and the command topic back into the status nodes. */
function edgeFlow(edge, brokerPort, cameras) {
  const edgeTopic = `thermometry/_edge/${edge}/online`;
  const tab = `tab-${edge}`;
  const nodes = [
    { id: tab, type: 'tab', label: `edge ${edge}` },
    brokerNode(`broker-${edge}`, brokerPort, `edge-${edge}`, {
      birthTopic: edgeTopic,
      birthQos: '1',
      birthRetain: 'true',
      birthPayload: '{"online":true}',
      closeTopic: edgeTopic,
      closeQos: '1',
      closeRetain: 'true',
      closePayload: '{"online":false,"reason":"edge Node-RED stopped"}',
      willTopic: edgeTopic,
      willQos: '1',
      willRetain: 'true',
      willPayload: '{"online":false,"reason":"edge Node-RED lost"}',
    }),
    { id: `out-${edge}`, z: tab, type: 'mqtt out', name: 'to broker', topic: '', qos: '', retain: '', broker: `broker-${edge}`, x: 700, y: 100, wires: [] },
  ];
  const statusIds = cameras.map((c) => `status-${c.id}`);
  nodes.push({
    id: `birth-${edge}`,
    z: tab,
    type: 'mqtt in',
    name: 'broker (re)connected: republish',
    topic: edgeTopic,
    qos: '1',
    datatype: 'auto-detect',
    broker: `broker-${edge}`,
    nl: false,
    rap: true,
    rh: 0,
    inputs: 0,
    x: 150,
    y: 40,
    wires: [statusIds],
  });
  nodes.push({
    id: `set-${edge}`,
    z: tab,
    type: 'mqtt in',
    name: 'commands',
    topic: 'thermometry/+/area/+/set',
    qos: '1',
    datatype: 'auto-detect',
    broker: `broker-${edge}`,
    nl: false,
    rap: true,
    rh: 0,
    inputs: 0,
    x: 150,
    y: 80,
    wires: [statusIds],
  });
  cameras.forEach((c, i) => {
    nodes.push({
      id: c.id,
      type: 'thermometry-camera',
      name: c.name,
      host: '127.0.0.1',
      port: String(c.port),
      protocol: 'http',
      tls: 'verify',
      apiVersion: 'auto',
      timeout: '2',
      credentials: { username: 'root', password: 'pass' },
    });
    nodes.push({
      id: `status-${c.id}`,
      z: tab,
      type: 'thermometry-status',
      name: `${c.name} status`,
      camera: c.id,
      operation: 'getAreaStatus',
      interval: '1',
      onlyChanges: true,
      step: '1',
      topic: '',
      mqtt: 'thermometry',
      mqttPrefix: 'thermometry',
      mqttDiscovery: true,
      mqttSetThreshold: true,
      x: 400,
      y: 140 + 80 * i,
      wires: [[`out-${edge}`]],
    });
    nodes.push({
      id: `event-${c.id}`,
      z: tab,
      type: 'thermometry-event',
      name: `${c.name} events`,
      camera: c.id,
      areaAlarm: true,
      anyArea: false,
      anyAreaOnPreset: false,
      information: false,
      groupDeviation: false,
      mode: 'auto',
      output: 'changes',
      mqtt: 'thermometry',
      x: 400,
      y: 180 + 80 * i,
      wires: [[`out-${edge}`]],
    });
  });
  return nodes;
}

/** The control room: everything under thermometry/ kept by topic (last payload, retain flag, count) and in arrival order, read at GET /seen. */
function controlRoomFlow(brokerPort) {
  const keep = `const seen = global.get('seen') || {};
const log = global.get('log') || [];
const before = seen[msg.topic];
seen[msg.topic] = { payload: msg.payload, retain: msg.retain === true, count: (before ? before.count : 0) + 1, at: Date.now() };
log.push({ topic: msg.topic, payload: msg.payload, retain: msg.retain === true, at: Date.now() });
global.set('seen', seen);
global.set('log', log);
return null;`;
  return [
    { id: 'cr', type: 'tab', label: 'control room' },
    brokerNode('cr-broker', brokerPort, 'control-room'),
    {
      id: 'cr-in',
      z: 'cr',
      type: 'mqtt in',
      name: 'every edge',
      topic: 'thermometry/#',
      qos: '1',
      datatype: 'auto-detect',
      broker: 'cr-broker',
      nl: false,
      rap: true,
      rh: 0,
      inputs: 0,
      x: 150,
      y: 60,
      wires: [['cr-keep']],
    },
    { id: 'cr-keep', z: 'cr', type: 'function', name: 'keep', func: keep, outputs: 1, x: 350, y: 60, wires: [[]] },
    { id: 'cr-http', z: 'cr', type: 'http in', name: '', url: '/seen', method: 'get', x: 150, y: 120, wires: [['cr-read']] },
    {
      id: 'cr-read',
      z: 'cr',
      type: 'function',
      name: 'read',
      func: "msg.payload = { seen: global.get('seen') || {}, log: global.get('log') || [] };\nreturn msg;",
      outputs: 1,
      x: 350,
      y: 120,
      wires: [['cr-res']],
    },
    { id: 'cr-res', z: 'cr', type: 'http response', name: '', statusCode: '', headers: {}, x: 550, y: 120, wires: [] },
  ];
}

/** A user directory loading this checkout, with a 0.5 s MQTT reconnect (the default 5 s would only slow the test). */
function userDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(root, path.join(dir, 'node_modules', pkg.name), 'dir');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'node-red-project', private: true }));
  fs.writeFileSync(
    path.join(dir, 'settings.js'),
    `module.exports = { uiHost: '127.0.0.1', flowFile: 'flows.json', credentialSecret: 'mqtt-test',
    mqttReconnectTime: 500, editorTheme: { tours: false }, diagnostics: { enabled: false }, telemetry: { enabled: false } };\n`,
  );
  return dir;
}

describe('MQTT: two edges and a control room through Mosquitto', function () {
  this.timeout(300000);
  let tmp;
  let broker;
  const cams = {};
  const instances = {};
  let consumer;
  const clients = [];

  async function startInstance(name, flow) {
    const inst = instances[name] ?? { name, dir: userDir(`thermo-mqtt-${name}-`), port: await freePort(), log: '' };
    instances[name] = inst;
    inst.child = await startNodeRed(inst.dir, inst.port, (d) => {
      inst.log += d;
    });
    if (flow) {
      const res = await request(inst.port, 'POST', '/flows', flow);
      assert.equal(res.status, 204, `${name} deploy: ${res.body}`);
    }
    return inst;
  }

  async function seen() {
    const res = await request(instances.control.port, 'GET', '/seen');
    return JSON.parse(res.body);
  }

  function setAlarm(cam, id, on) {
    if (on) cam.sensor.triggered.add(id);
    else cam.sensor.triggered.delete(id);
    cam.emulator.camera.emit('thermometry-event', on ? EVENTS.areaOn(id) : EVENTS.areaOff(id));
  }

  before(async function () {
    requireMosquitto(this);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'thermo-mqtt-broker-'));
    broker = await startBroker(tmp, await freePort());
    // Each camera its own serial number, as real ones have (Home Assistant's device and unique ids are made of it).
    for (const [id, name, serial] of [
      ['a1', 'Kiln A1', 'ACCC8E0000A1'],
      ['a2', 'Kiln A2', 'ACCC8E0000A2'],
      ['b1', 'line/B1', 'ACCC8E0000B1'],
      ['b2', 'Dryer B2', 'ACCC8E0000B2'],
    ]) {
      const sensor = new SwitchSensor();
      const cam = await startCamera({ sensor, serial });
      const client = new ThermometryClient({ host: '127.0.0.1', port: cam.emulator.port, username: 'root', password: 'pass' });
      clients.push(client);
      for (const area of ['Door', 'Belt']) {
        await client.addArea({ enabled: true, name: area, detectionType: 'above', measurement: 'maximum', threshold: 60, delay: 0, vertices: VERTICES });
      }
      cams[id] = { ...cam, id, name, serial, level: name.replace('/', '_'), sensor, client, port: cam.emulator.port };
    }
    await startInstance('control', controlRoomFlow(broker.port));
    await startInstance('edgeA', edgeFlow('A', broker.port, [cams.a1, cams.a2]));
    await startInstance('edgeB', edgeFlow('B', broker.port, [cams.b1, cams.b2]));
  });

  after(async () => {
    if (consumer) consumer.end(true);
    for (const inst of Object.values(instances)) await stopNodeRed(inst.child);
    if (broker) await broker.stop();
    for (const c of clients) c.close();
    for (const cam of Object.values(cams)) await cam.emulator.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    for (const inst of Object.values(instances)) fs.rmSync(inst.dir, { recursive: true, force: true });
  });

  it("every area's status and alarm of the four cameras reaches the control room on the documented topics", async () => {
    const statusTopics = Object.values(cams).flatMap((c) => [0, 1].map((id) => `thermometry/${c.level}/area/${id}/status`));
    await waitFor(async () => {
      const { seen: s } = await seen();
      return statusTopics.every((t) => s[t]);
    }, 60000);
    let s = (await seen()).seen;
    for (const c of Object.values(cams)) {
      assert.equal(s[`thermometry/${c.level}/online`].payload.online, true, c.name);
      const status = s[`thermometry/${c.level}/area/0/status`].payload;
      assert.equal(status.name, 'Door');
      assert.equal(status.max, 22);
      assert.equal(status.unit, 'celsius');
      assert.equal(status.triggered, false);
    }
    for (const c of Object.values(cams)) setAlarm(c, 0, true);
    await waitFor(async () => {
      s = (await seen()).seen;
      return Object.values(cams).every(
        (c) => s[`thermometry/${c.level}/area/0/alarm`]?.payload.active === true && s[`thermometry/${c.level}/area/0/status`].payload.triggered === true,
      );
    }, 30000);
    for (const c of Object.values(cams)) {
      const alarm = s[`thermometry/${c.level}/area/0/alarm`].payload;
      assert.equal(alarm.areaId, 0);
      assert.ok(Number.isFinite(Date.parse(alarm.time)));
    }
  });

  it("a consumer connecting afterwards gets every current state from the retained messages, and Home Assistant's configs validate", async () => {
    consumer = await connectClient(broker.port, { clientId: 'late-consumer', clean: true });
    const got = new Map();
    consumer.on('message', (topic, payload, packet) => got.set(topic, { text: payload.toString(), retain: packet.retain }));
    await consumer.subscribeAsync(['thermometry/#', 'homeassistant/#'], { qos: 1 });
    const expected = Object.values(cams).flatMap((c) => [
      `thermometry/${c.level}/online`,
      `thermometry/${c.level}/area/0/status`,
      `thermometry/${c.level}/area/1/status`,
      `thermometry/${c.level}/area/0/alarm`,
    ]);
    // One camera's discovery configs: the keys Home Assistant's MQTT discovery requires.
    const serial = (
      await cams.a1.client.request({ method: 'POST', path: '/axis-cgi/basicdeviceinfo.cgi', body: { apiVersion: '1.1', method: 'getAllProperties' } })
    ).data.data.propertyList.SerialNumber;
    const cameraConfigs = () => [...got].filter(([t]) => t.startsWith(`homeassistant/`) && t.includes(`axis_thermometry_${serial}/`));
    // The broker sends the retained messages of both subscriptions one by one: wait for all of them, not the first few.
    await waitFor(() => expected.every((t) => got.has(t)) && cameraConfigs().length >= 8, 10000);
    for (const t of expected) assert.equal(got.get(t).retain, true, t);
    for (const c of Object.values(cams)) {
      assert.equal(JSON.parse(got.get(`thermometry/${c.level}/area/0/alarm`).text).active, true);
      assert.equal(JSON.parse(got.get(`thermometry/${c.level}/area/0/status`).text).triggered, true);
    }
    const configs = cameraConfigs();
    assert.equal(configs.length, 8, configs.map(([t]) => t).join('\n'));
    for (const [topic, { text, retain }] of configs) {
      assert.equal(retain, true, topic);
      const config = JSON.parse(text);
      assert.match(topic, /^homeassistant\/(sensor|binary_sensor)\/[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+\/config$/);
      for (const key of ['unique_id', 'state_topic', 'device', 'name', 'availability']) assert.ok(config[key], `${topic}: ${key}`);
      assert.ok(Array.isArray(config.device.identifiers) && config.device.identifiers.length, `${topic}: device.identifiers`);
      assert.equal(config.device.serial_number, serial);
      assert.ok(config.device.model && config.device.sw_version, `${topic}: model and firmware`);
      assert.ok(got.has(config.state_topic), `${topic}: its state topic ${config.state_topic} is published`);
      if (topic.includes('/sensor/')) {
        assert.equal(config.device_class, 'temperature');
        assert.equal(config.unit_of_measurement, '°C');
      } else {
        assert.equal(config.device_class, 'heat');
      }
    }
  });

  it('a command on .../set changes the threshold on the camera; one not ticked or with a bad value changes nothing and gets an error reply', async () => {
    const replies = [];
    const replyTopic = `thermometry/${cams.a1.level}/area/1/set/reply`;
    consumer.on('message', (topic, payload) => {
      if (topic === replyTopic) replies.push(JSON.parse(payload.toString()));
    });
    await consumer.subscribeAsync(replyTopic, { qos: 1 });
    const threshold = async () => (await cams.a1.client.listAreas()).areaList.find((a) => a.id === 1);
    await consumer.publishAsync(`thermometry/${cams.a1.level}/area/1/set`, JSON.stringify({ threshold: 75 }), { qos: 1 });
    await waitFor(() => replies.length === 1, 20000);
    assert.equal(replies[0].ok, true, JSON.stringify(replies[0]));
    assert.deepEqual(replies[0].applied, { threshold: 75 });
    assert.equal((await threshold()).threshold, 75);
    for (const [payload, rule] of [
      [{ delay: 9 }, /^delay: not accepted by this node/],
      [{ threshold: 'hot' }, /^threshold: an integer/],
      [{ threshold: 5000 }, /threshold/],
    ]) {
      const before = replies.length;
      await consumer.publishAsync(`thermometry/${cams.a1.level}/area/1/set`, JSON.stringify(payload), { qos: 1 });
      await waitFor(() => replies.length === before + 1, 20000);
      const reply = replies[before];
      assert.equal(reply.ok, false, JSON.stringify(payload));
      assert.match(reply.error, rule);
      const area = await threshold();
      assert.deepEqual([area.threshold, area.delay], [75, 0], `unchanged after ${JSON.stringify(payload)}`);
    }
    assert.match(instances.edgeA.log, /MQTT command on thermometry\/Kiln A1\/area\/1\/set refused: delay: not accepted/, 'the refusal is logged');
  });

  it('a camera stopped: its online goes false with the reason, then true when it is back', async () => {
    const cam = cams.b2;
    const topic = `thermometry/${cam.level}/online`;
    await cam.emulator.stop();
    let s;
    await waitFor(async () => {
      s = (await seen()).seen;
      return s[topic].payload.online === false;
    }, 30000);
    assert.match(
      s[topic].payload.reason,
      new RegExp(`(cannot reach|no answer from) 127\\.0\\.0\\.1:${cam.port}|127\\.0\\.0\\.1:${cam.port} closed the connection`),
    );
    const restarted = await startCamera({ port: cam.port, sensor: cam.sensor, serial: cam.serial });
    Object.assign(cam, restarted);
    await waitFor(async () => {
      s = (await seen()).seen;
      return s[topic].payload.online === true;
    }, 30000);
  });

  it('kill -9 of an edge: the control room sees its will within the keep-alive; restarted, it is online and republishes', async () => {
    const edgeTopic = 'thermometry/_edge/A/online';
    let s = (await seen()).seen;
    assert.equal(s[edgeTopic].payload.online, true);
    const statusCount = s[`thermometry/${cams.a1.level}/area/0/status`].count;
    const killedAt = Date.now();
    instances.edgeA.child.kill('SIGKILL');
    await waitFor(async () => {
      s = (await seen()).seen;
      return s[edgeTopic].payload.online === false;
    }, 15000);
    const after = s[edgeTopic].at - killedAt;
    assert.equal(s[edgeTopic].payload.reason, 'edge Node-RED lost');
    // Mosquitto gives up on a silent client after 1.5 x its keep-alive; a second on top for the machine's load.
    assert.ok(after <= KEEPALIVE_S * 1500 + 1000, `will after ${after} ms`);
    await startInstance('edgeA');
    await waitFor(async () => {
      s = (await seen()).seen;
      return (
        s[edgeTopic].payload.online === true &&
        s[`thermometry/${cams.a1.level}/area/0/status`].count > statusCount &&
        s[`thermometry/${cams.a2.level}/area/1/status`].count > 1
      );
    }, 60000);
    assert.equal(s[`thermometry/${cams.a1.level}/area/0/status`].payload.triggered, true, 'the state republished as it is');
  });

  it('the broker restarted: every instance reconnects and republishes, and no alarm that changed while it was down is lost', async () => {
    const log0 = (await seen()).log.length;
    await broker.stop();
    // While the broker is down: one alarm ends on edge A, one starts on edge B.
    setAlarm(cams.a2, 0, false);
    setAlarm(cams.b1, 1, true);
    await new Promise((r) => setTimeout(r, 2500)); // polls see them meanwhile; mqtt out cannot send
    await broker.start();
    let s;
    await waitFor(async () => {
      s = (await seen()).seen;
      return (
        s[`thermometry/${cams.a2.level}/area/0/alarm`].payload.active === false &&
        s[`thermometry/${cams.b1.level}/area/1/alarm`]?.payload.active === true &&
        s[`thermometry/${cams.a2.level}/area/0/status`].payload.triggered === false &&
        s[`thermometry/${cams.b1.level}/area/1/status`].payload.triggered === true
      );
    }, 60000);
    const log = (await seen()).log.slice(log0);
    // Every camera republished its states after the reconnection (both edges' birth messages came back).
    for (const c of Object.values(cams))
      assert.ok(
        log.some((m) => m.topic === `thermometry/${c.level}/online` && m.payload.online === true),
        `${c.name} online republished`,
      );
    assert.ok(log.some((m) => m.topic === 'thermometry/_edge/A/online' && m.payload.online === true));
    assert.ok(log.some((m) => m.topic === 'thermometry/_edge/B/online' && m.payload.online === true));
  });

  it('an area removed on a camera empties its Home Assistant configs and its retained topics', async () => {
    const emptied = new Set();
    consumer.on('message', (topic, payload) => {
      if (payload.length === 0) emptied.add(topic);
    });
    await cams.b1.client.removeAreas({ areas: [1] });
    const serial = (
      await cams.b1.client.request({ method: 'POST', path: '/axis-cgi/basicdeviceinfo.cgi', body: { apiVersion: '1.1', method: 'getAllProperties' } })
    ).data.data.propertyList.SerialNumber;
    const node = `axis_thermometry_${serial}`;
    const expected = [
      `homeassistant/sensor/${node}/area_1_max/config`,
      `homeassistant/sensor/${node}/area_1_avg/config`,
      `homeassistant/sensor/${node}/area_1_min/config`,
      `homeassistant/binary_sensor/${node}/area_1_alarm/config`,
      `thermometry/${cams.b1.level}/area/1/status`,
      `thermometry/${cams.b1.level}/area/1/alarm`,
    ];
    await waitFor(() => expected.every((t) => emptied.has(t)), 30000);
    // A consumer arriving now finds none of them.
    const fresh = await connectClient(broker.port, { clientId: 'after-removal', clean: true });
    const retainedNow = new Set();
    fresh.on('message', (topic, payload, packet) => {
      if (packet.retain && payload.length) retainedNow.add(topic);
    });
    await fresh.subscribeAsync(['homeassistant/#', 'thermometry/#'], { qos: 1 });
    // Wait on what must be there (the other area, under both subscriptions), not on a fixed time that a busy machine outlasts.
    const stays = [`homeassistant/sensor/${node}/area_0_max/config`, `thermometry/${cams.b1.level}/area/0/status`];
    await waitFor(() => stays.every((t) => retainedNow.has(t)), 30000);
    await new Promise((r) => setTimeout(r, 500));
    fresh.end(true);
    for (const t of stays) assert.ok(retainedNow.has(t), `the other area stays: ${t}`);
    for (const t of expected) assert.ok(!retainedNow.has(t), `${t} still retained`);
  });
});
