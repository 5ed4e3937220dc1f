'use strict';
// Fleet figures (issue 17), through a real Node-RED (this checkout's nodes,
// linked as installed) in one run:
//  - ours: N cameras, each with a status node polling every second and an
//    event node;
//  - baseline: the same polling through Node-RED's core `http request` node
//    with Digest (an inject node every second per camera, spread as ours are);
// both against N emulated cameras (flat, no scene) in processes of their own
// (one per 1000 cameras: a single process serving 3000 cameras answers
// fewer than 3000 calls a second on this kind of machine, and the figure
// would be the emulator's).
// Figures: CPU of the Node-RED process per poll (ours, baseline, the ratio),
// RSS and heap per camera (the flow's over an empty Node-RED's, each after a
// full collection), event-loop lag p99, polls per camera per second, HTTP
// exchanges per poll.
// BENCH_FLEET_CAMERAS=1000 npm run bench -- fleet for the 1000-camera run (default 100).
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const { fork } = require('child_process');

const root = path.join(__dirname, '..');
const pkg = require(path.join(root, 'package.json'));
const CAMERAS = Number(process.env.BENCH_FLEET_CAMERAS || 100);
// Longer for a bigger fleet: every camera's first call negotiates and meets its Digest challenge.
const WARMUP_MS = Number(process.env.BENCH_FLEET_WARMUP_MS || Math.max(8000, CAMERAS * 5));
const CAMERAS_PER_PROCESS = 1000;
const WINDOW_MS = Number(process.env.BENCH_FLEET_WINDOW_MS || 15000);

// Runs in the cameras' process: the fleet, then its counters on request.
const FLEET_CHILD = `
const { startFleet } = require(${JSON.stringify(path.join(root, 'dist', 'emulator'))});
startFleet({ cameras: Number(process.argv[2]), port: 0, scenario: null, events: true }).then((fleet) => {
  process.send({ ports: fleet.emulators.map((e) => e.port) });
  process.on('message', (m) => {
    if (m === 'stats') {
      let calls = 0, exchanges = 0;
      for (const e of fleet.emulators) { calls += e.stats.thermometryCalls; exchanges += e.stats.exchanges; }
      process.send({ calls, exchanges });
    }
    if (m === 'stop') fleet.stop().then(() => process.exit(0));
  });
});
`;

// Loaded by Node-RED as its settings: event-loop delay, CPU and RSS of the Node-RED process on request.
const SETTINGS = `
const { monitorEventLoopDelay } = require('perf_hooks');
const lag = monitorEventLoopDelay({ resolution: 10 });
lag.enable();
if (process.send) {
  process.on('message', (m) => {
    if (m === 'reset') lag.reset();
    if (m === 'read') process.send({ lagP99: lag.percentile(99) / 1e6, cpu: process.cpuUsage() });
    // Memory after a full collection (asked outside the CPU window: the collection costs CPU).
    if (m === 'memory') {
      global.gc();
      global.gc();
      const { rss, heapUsed, external } = process.memoryUsage();
      process.send({ rss, heap: heapUsed + external });
    }
  });
}
module.exports = { uiHost: '127.0.0.1', flowFile: 'flows.json', credentialSecret: 'bench-fleet',
  logging: { console: { level: 'warn' } }, editorTheme: { tours: false }, diagnostics: { enabled: false }, telemetry: { enabled: false } };
`;

function ask(child, message, key) {
  return new Promise((resolve) => {
    const on = (m) => {
      if (m && typeof m === 'object' && key in m) {
        child.off('message', on);
        resolve(m);
      }
    };
    child.on('message', on);
    child.send(message);
  });
}

function request(port, method, urlPath, body) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers = { Accept: 'application/json', 'Node-RED-API-Version': 'v2' };
    if (data) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': data.length, 'Node-RED-Deployment-Type': 'full' });
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve) => {
    const s = http.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function startNodeRed(dir) {
  const port = await freePort();
  const child = fork(require.resolve('node-red/red.js'), ['--userDir', dir, '--port', String(port), '--settings', path.join(dir, 'settings.js')], {
    // For the memory figures: a full collection before each reading.
    execArgv: ['--expose-gc'],
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let errors = '';
  child.stderr.on('data', (d) => {
    errors += d;
  });
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`Node-RED exited: ${errors}`);
    try {
      if ((await request(port, 'GET', '/settings')).status === 200) return { child, port };
    } catch {
      // not yet
    }
    await sleep(200);
  }
  throw new Error('Node-RED did not start');
}

function oursFlow(ports) {
  const nodes = [
    { id: 'bench-tab', type: 'tab', label: 'fleet' },
    { id: 'bench-sign-in', type: 'thermometry-sign-in', name: 'bench', tls: '', caPem: '', credentials: { username: 'root', password: 'pass' } },
  ];
  ports.forEach((port, i) => {
    nodes.push({
      id: `cam${i}`,
      type: 'thermometry-camera',
      name: `Camera ${i + 1}`,
      host: '127.0.0.1',
      port: String(port),
      protocol: 'http',
      tls: 'verify',
      caPem: '',
      caFile: '',
      apiVersion: '1.2',
      timeout: '10',
      signIn: 'bench-sign-in',
    });
    nodes.push({
      id: `st${i}`,
      z: 'bench-tab',
      type: 'thermometry-status',
      camera: `cam${i}`,
      cameraScope: 'camera',
      operation: 'getAreaStatus',
      interval: '1',
      onlyChanges: false,
      step: '1',
      topic: '',
      x: 100,
      y: 20 + i,
      wires: [[]],
    });
    nodes.push({
      id: `ev${i}`,
      z: 'bench-tab',
      type: 'thermometry-event',
      camera: `cam${i}`,
      cameraScope: 'camera',
      areaAlarm: true,
      anyArea: true,
      anyAreaOnPreset: true,
      information: false,
      groupDeviation: true,
      output: 'changes',
      mode: 'auto',
      pollInterval: '2',
      x: 300,
      y: 20 + i,
      wires: [[]],
    });
  });
  return nodes;
}

function baselineFlow(ports) {
  const nodes = [{ id: 'bench-tab', type: 'tab', label: 'fleet' }];
  ports.forEach((port, i) => {
    // Spread over the second as ours are: inject i fires first at i/N s.
    nodes.push({
      id: `in${i}`,
      z: 'bench-tab',
      type: 'inject',
      props: [{ p: 'payload' }],
      repeat: '1',
      crontab: '',
      once: true,
      onceDelay: String(0.1 + i / ports.length),
      topic: '',
      payload: '{"apiVersion":"1.2","method":"getAreaStatus"}',
      payloadType: 'json',
      x: 100,
      y: 20 + i,
      wires: [[`req${i}`]],
    });
    nodes.push({
      id: `req${i}`,
      z: 'bench-tab',
      type: 'http request',
      name: '',
      method: 'POST',
      ret: 'obj',
      paytoqs: 'ignore',
      url: `http://127.0.0.1:${port}/axis-cgi/thermometry.cgi`,
      tls: '',
      persist: true,
      proxy: '',
      insecureHTTPParser: false,
      authType: 'digest',
      senderr: false,
      headers: [{ keyType: 'other', keyValue: 'Content-Type', valueType: 'other', valueValue: 'application/json' }],
      credentials: { user: 'root', password: 'pass' },
      x: 300,
      y: 20 + i,
      wires: [[]],
    });
  });
  return nodes;
}

/** Calls and HTTP exchanges answered so far by all the cameras' processes. */
async function fleetStats(fleets) {
  const all = await Promise.all(fleets.map((f) => ask(f, 'stats', 'calls')));
  return { calls: all.reduce((n, s) => n + s.calls, 0), exchanges: all.reduce((n, s) => n + s.exchanges, 0) };
}

/** Deploys `nodes`, lets them settle, then measures one window: CPU, polls, exchanges, lag, RSS. */
async function measure(nodeRed, fleet, nodes) {
  const res = await request(nodeRed.port, 'POST', '/flows', { flows: nodes });
  if (res.status !== 200) throw new Error(`deploy: HTTP ${res.status} ${res.text}`);
  await sleep(WARMUP_MS);
  nodeRed.child.send('reset');
  const before = await ask(nodeRed.child, 'read', 'lagP99');
  const statsBefore = await fleetStats(fleet);
  const t0 = process.hrtime.bigint();
  await sleep(WINDOW_MS);
  const after = await ask(nodeRed.child, 'read', 'lagP99');
  const memory = await ask(nodeRed.child, 'memory', 'rss');
  const statsAfter = await fleetStats(fleet);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpuMs = (after.cpu.user - before.cpu.user + after.cpu.system - before.cpu.system) / 1000;
  const polls = statsAfter.calls - statsBefore.calls;
  return {
    cpuPerPollMs: cpuMs / polls,
    polls,
    seconds,
    lagP99: after.lagP99,
    rss: memory.rss,
    heap: memory.heap,
    exchangesPerPoll: (statsAfter.exchanges - statsBefore.exchanges) / polls,
    cores: cpuMs / 1000 / seconds,
  };
}

async function run() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-fleet-'));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(root, path.join(dir, 'node_modules', pkg.name), 'dir');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench-fleet', private: true, dependencies: { [pkg.name]: 'file:' + root } }));
  fs.writeFileSync(path.join(dir, 'settings.js'), SETTINGS);
  fs.writeFileSync(path.join(dir, 'fleet-child.js'), FLEET_CHILD);
  const sizes = [];
  for (let left = CAMERAS; left > 0; left -= CAMERAS_PER_PROCESS) sizes.push(Math.min(left, CAMERAS_PER_PROCESS));
  const fleet = sizes.map((size) => fork(path.join(dir, 'fleet-child.js'), [String(size)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }));
  let nodeRed;
  try {
    const started = await Promise.all(
      fleet.map(
        (child) =>
          new Promise((resolve, reject) => {
            child.once('message', resolve);
            child.once('exit', (code) => reject(new Error(`the cameras' process exited (${code})`)));
          }),
      ),
    );
    const ports = started.flatMap((m) => m.ports);
    nodeRed = await startNodeRed(dir);
    await sleep(2000);
    const empty = await ask(nodeRed.child, 'memory', 'rss');
    const ours = await measure(nodeRed, fleet, oursFlow(ports));
    const base = await measure(nodeRed, fleet, baselineFlow(ports));
    const n = CAMERAS;
    return [
      { name: `fleet ${n} cameras: CPU per poll, ours (ms)`, value: ours.cpuPerPollMs.toFixed(3) },
      { name: `fleet ${n} cameras: CPU per poll, core http request with Digest (ms)`, value: base.cpuPerPollMs.toFixed(3) },
      { name: `fleet ${n} cameras: CPU per poll, ours / http request`, value: (ours.cpuPerPollMs / base.cpuPerPollMs).toFixed(2) },
      { name: `fleet ${n} cameras: CPU, ours (cores)`, value: ours.cores.toFixed(3) },
      { name: `fleet ${n} cameras: polls per camera per second, ours`, value: (ours.polls / ours.seconds / n).toFixed(3) },
      { name: `fleet ${n} cameras: polls per camera per second, http request`, value: (base.polls / base.seconds / n).toFixed(3) },
      { name: `fleet ${n} cameras: HTTP exchanges per poll, ours`, value: ours.exchangesPerPoll.toFixed(2) },
      { name: `fleet ${n} cameras: HTTP exchanges per poll, http request`, value: base.exchangesPerPoll.toFixed(2) },
      { name: `fleet ${n} cameras: RSS per camera, ours (MB)`, value: ((ours.rss - empty.rss) / n / 1048576).toFixed(3) },
      { name: `fleet ${n} cameras: heap and buffers per camera after a collection, ours (MB)`, value: ((ours.heap - empty.heap) / n / 1048576).toFixed(3) },
      { name: `fleet ${n} cameras: event-loop lag p99, ours (ms)`, value: ours.lagP99.toFixed(1) },
      { name: `fleet ${n} cameras: event-loop lag p99, http request (ms)`, value: base.lagP99.toFixed(1) },
    ];
  } finally {
    if (nodeRed) {
      nodeRed.child.kill('SIGINT');
      await new Promise((r) => (nodeRed.child.exitCode !== null ? r() : nodeRed.child.once('exit', r)));
    }
    for (const child of fleet) if (child.connected) child.send('stop');
    await Promise.all(fleet.map((child) => new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)))));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { run };
