'use strict';
// MQTT figures (issue 18): one edge Node-RED (its own process) polling 100
// emulated cameras every second, each status node set to MQTT and wired to
// mqtt out, through Mosquitto (its own process, loopback) to a subscriber:
//  - messages per second the subscriber receives;
//  - CPU of the edge process per published message (ms, from /proc);
// and the same through the flow a user would build without the MQTT setting
// (status node -> Function node making one message per area with the same
// topic and payload, retained -> mqtt out): the baseline, measured in the same
// run; ratios ours / baseline.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { freePort, request, startNodeRed, stopNodeRed, root, pkg } = require('../test/e2e/support');
const { startBroker, connectClient, requireMosquitto } = require('../test/support/mosquitto');

const dist = path.join(__dirname, '..', 'dist');
const CAMERAS = Number(process.env.BENCH_MQTT_CAMERAS || 100);
const AREAS = 2;
const WARMUP_MS = 8000;
const MEASURE_MS = 15000;
const VERTICES = [
  [-0.5, -0.5],
  [0.5, -0.5],
  [0.5, 0.5],
  [-0.5, 0.5],
];

/** The user's own way: each area's reading as its own retained message, topic and payload as the tree has them. */
const HAND_MADE = `const camera = '__CAMERA__';
const unit = msg.thermometry.unit;
const time = new Date().toISOString();
return [msg.payload.map((a) => ({
    topic: 'thermometry/' + camera + '/area/' + a.id + '/status',
    payload: { id: a.id, max: a.max, avg: a.avg, min: a.min, maxCoordinates: a.maxCoordinates, minCoordinates: a.minCoordinates, triggered: a.triggered, unit, time },
    retain: true, qos: 1
}))];`;

function flow(brokerPort, cameras, ours) {
  const nodes = [
    { id: 'tab', type: 'tab', label: 'bench' },
    {
      id: 'broker',
      type: 'mqtt-broker',
      broker: '127.0.0.1',
      port: String(brokerPort),
      clientid: 'bench-edge',
      autoConnect: true,
      usetls: false,
      protocolVersion: '4',
      keepalive: '60',
      cleansession: true,
    },
    { id: 'out', z: 'tab', type: 'mqtt out', topic: '', qos: '', retain: '', broker: 'broker', x: 600, y: 40, wires: [] },
  ];
  cameras.forEach((c, i) => {
    const name = `cam${i}`;
    nodes.push({
      id: `camera-${i}`,
      type: 'thermometry-camera',
      name,
      host: '127.0.0.1',
      port: String(c.port),
      protocol: 'http',
      tls: 'verify',
      apiVersion: '1.2',
      timeout: '5',
      credentials: { username: 'root', password: 'pass' },
    });
    const status = {
      id: `st${i}`,
      z: 'tab',
      type: 'thermometry-status',
      camera: `camera-${i}`,
      operation: 'getAreaStatus',
      interval: '1',
      onlyChanges: false,
      step: '1',
      x: 200,
      y: 40 + i * 10,
    };
    if (ours) {
      nodes.push({ ...status, mqtt: 'thermometry', wires: [['out']] });
    } else {
      nodes.push({ ...status, wires: [[`fn${i}`]] });
      nodes.push({
        id: `fn${i}`,
        z: 'tab',
        type: 'function',
        func: HAND_MADE.replace('__CAMERA__', name),
        outputs: 1,
        x: 400,
        y: 40 + i * 10,
        wires: [['out']],
      });
    }
  });
  return nodes;
}

/** CPU time (ms) the process has used, from /proc (user + system). */
function cpuMs(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

async function measureOne(brokerPort, cameras, ours) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thermo-bench-mqtt-'));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(root, path.join(dir, 'node_modules', pkg.name), 'dir');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench', private: true }));
  fs.writeFileSync(
    path.join(dir, 'settings.js'),
    `module.exports = { uiHost: '127.0.0.1', flowFile: 'flows.json', credentialSecret: 'bench', logging: { console: { level: 'warn' } }, diagnostics: { enabled: false }, telemetry: { enabled: false } };\n`,
  );
  const port = await freePort();
  let log = '';
  const child = await startNodeRed(dir, port, (d) => {
    log += d;
  });
  const subscriber = await connectClient(brokerPort, { clientId: `bench-sub-${ours ? 'ours' : 'base'}`, clean: true });
  let received = 0;
  subscriber.on('message', (_topic, _payload, packet) => {
    if (!packet.retain) received++; // retained ones replayed on subscribe are not traffic
  });
  await subscriber.subscribeAsync('thermometry/+/area/+/status', { qos: 1 });
  try {
    const res = await request(port, 'POST', '/flows', flow(brokerPort, cameras, ours));
    if (res.status !== 204) throw new Error(`deploy: ${res.status} ${res.body}`);
    await new Promise((r) => setTimeout(r, WARMUP_MS));
    const c0 = cpuMs(child.pid);
    const r0 = received;
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, MEASURE_MS));
    const seconds = (Date.now() - t0) / 1000;
    const messages = received - r0;
    const cpu = cpuMs(child.pid) - c0;
    if (messages === 0) throw new Error(`no message reached the subscriber (${ours ? 'MQTT setting' : 'hand-made flow'}):\n${log.slice(-2000)}`);
    return { perSecond: messages / seconds, cpuPerMessage: cpu / messages };
  } finally {
    subscriber.end(true);
    await stopNodeRed(child);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function run() {
  requireMosquitto({
    skip: () => {
      throw new Error('mosquitto is not installed (Debian package mosquitto)');
    },
  });
  const { start } = require(path.join(dist, 'emulator'));
  const { ThermometryClient } = require(path.join(dist, 'client'));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'thermo-bench-broker-'));
  const broker = await startBroker(tmp, await freePort());
  const cameras = [];
  try {
    for (let i = 0; i < CAMERAS; i++) {
      const emulator = await start({ port: 0 });
      const client = new ThermometryClient({ host: '127.0.0.1', port: emulator.port, username: 'root', password: 'pass' });
      for (let a = 0; a < AREAS; a++)
        await client.addArea({ enabled: true, name: `Area ${a}`, detectionType: 'above', measurement: 'maximum', threshold: 60, delay: 0, vertices: VERTICES });
      client.close();
      cameras.push(emulator);
    }
    const baseline = await measureOne(broker.port, cameras, false);
    const ours = await measureOne(broker.port, cameras, true);
    const r = (x) => Math.round(x * 1000) / 1000;
    return [
      { name: `mqtt_messages_per_s_${CAMERAS}_cameras`, value: r(ours.perSecond) },
      { name: `mqtt_edge_cpu_ms_per_message_${CAMERAS}_cameras`, value: r(ours.cpuPerMessage) },
      { name: 'mqtt_baseline_function_node_messages_per_s', value: r(baseline.perSecond) },
      { name: 'mqtt_baseline_function_node_edge_cpu_ms_per_message', value: r(baseline.cpuPerMessage) },
      { name: 'mqtt_messages_per_s_ratio_to_baseline', value: r(ours.perSecond / baseline.perSecond) },
      { name: 'mqtt_edge_cpu_per_message_ratio_to_baseline', value: r(ours.cpuPerMessage / baseline.cpuPerMessage) },
    ];
  } finally {
    for (const e of cameras) await e.stop();
    await broker.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

module.exports = { run };
