'use strict';
// Shared set-up for the node tests: Node-RED's test helper, the emulator on a
// free port, and flows of one camera config node + the node under test + a
// helper node (output), a catch node and a complete node scoped to it.
const helper = require('node-red-node-test-helper');
const path = require('path');

helper.init(require.resolve('node-red'));

// Tests may fake setTimeout (sinon); the waits below keep real time.
const { until, realSetTimeout, realClearTimeout } = require('../support/wait');
const { startCamera } = require('../support/event-camera');

const root = path.join(__dirname, '..', '..');
const nodeModule = (type) => require(path.join(root, 'nodes', `${type}.js`));
const NODES = {
  camera: nodeModule('thermometry-camera'),
  area: nodeModule('thermometry-area'),
  group: nodeModule('thermometry-group'),
  spot: nodeModule('thermometry-spot'),
  status: nodeModule('thermometry-status'),
  settings: nodeModule('thermometry-settings'),
};
// Node-RED's own Catch and Complete nodes (the helper finds them only when node-red nests @node-red/nodes).
const CORE = ['25-catch.js', '24-complete.js'].map((f) => require(path.join(path.dirname(require.resolve('@node-red/nodes/package.json')), 'core', 'common', f)));
const ALL = [...Object.values(NODES), ...CORE];

const VERTICES = [[-0.5, -0.5], [0.5, -0.5], [0.5, 0.5], [-0.5, 0.5]];

function cameraNode(emulator, extra = {}) {
  return { id: 'cam', type: 'thermometry-camera', host: '127.0.0.1', port: String(emulator.port), protocol: 'http', tls: 'verify', apiVersion: 'auto', timeout: '5', ...extra };
}

/** Every message `node` (a helper node) receives from now on, in order. */
function collect(node) {
  const msgs = [];
  node.on('input', (m) => msgs.push(m));
  return msgs;
}

/**
 * For a describe of event-node tests: an emulator with its event stream
 * (test/support/event-camera.js) started before each test and handed to `set`;
 * after each, the flow unloaded and that camera stopped.
 */
function eventCameraEachTest(set) {
  let cam;
  beforeEach(async () => {
    cam = await startCamera();
    set(cam);
  });
  afterEach(async () => {
    await helper.unload();
    await cam.emulator.stop();
  });
}

/** A flow: camera, node `n1` of `type` with `config`, output to `out`, catch and complete for n1. */
function flow(emulator, type, config, cameraExtra) {
  // Catch and Complete nodes work within a flow (tab): z on every node, x/y so that
  // Node-RED takes them for flow nodes rather than config nodes.
  return [
    { id: 'f1', type: 'tab', label: 'test' },
    cameraNode(emulator, cameraExtra),
    { id: 'n1', z: 'f1', type, camera: 'cam', wires: [['out']], ...config },
    { id: 'out', z: 'f1', type: 'helper' },
    { id: 'catch', z: 'f1', type: 'catch', scope: ['n1'], uncaught: false, wires: [['caught']] },
    { id: 'caught', z: 'f1', type: 'helper' },
    { id: 'complete', z: 'f1', type: 'complete', scope: ['n1'], wires: [['completed']] },
    { id: 'completed', z: 'f1', type: 'helper' },
  ].map((n, i) => (n.z ? { x: 100, y: 40 * i, ...n } : n));
}

const ROOT = { cam: { username: 'root', password: 'pass' } };
const OPERATOR = { cam: { username: 'operator', password: 'operator' } };

async function load(emulator, type, config, credentials = ROOT, cameraExtra) {
  await helper.load(ALL, flow(emulator, type, config, cameraExtra), credentials);
  return {
    node: helper.getNode('n1'),
    out: helper.getNode('out'),
    caught: helper.getNode('caught'),
    completed: helper.getNode('completed'),
    camera: helper.getNode('cam'),
  };
}

// Real-time bounds: a missing message fails the test instead of hanging it, with room
// for a loaded 2-core CI machine (mocha's timeout is 30 s).
const WAIT_MS = 20000;

/** The next message a helper node receives (rejects after `ms` so that a missing message fails the test, not hangs it). */
function next(helperNode, ms = WAIT_MS) {
  return new Promise((resolve, reject) => {
    const timer = realSetTimeout(() => reject(new Error(`no message at ${helperNode.id}`)), ms);
    helperNode.once('input', (msg) => {
      realClearTimeout(timer);
      resolve(msg);
    });
  });
}

/** Send msg into n1 (or `into`, e.g. an inject node before it) and wait for n1's output or its caught error, whichever comes first. */
function run(ctx, msg, ms = WAIT_MS, into = ctx.node) {
  return new Promise((resolve, reject) => {
    const onOut = (m) => finish({ out: m });
    const onCaught = (m) => finish({ caught: m });
    const timer = realSetTimeout(() => finish(null, new Error('neither output nor error from n1')), ms);
    function finish(result, err) {
      realClearTimeout(timer);
      ctx.out.removeListener('input', onOut);
      ctx.caught.removeListener('input', onCaught);
      if (err) reject(err);
      else resolve(result);
    }
    ctx.out.on('input', onOut);
    ctx.caught.on('input', onCaught);
    into.receive(msg);
  });
}

async function expectOutput(ctx, msg) {
  const r = await run(ctx, msg);
  if (r.caught) throw new Error(`expected output, got error: ${r.caught.error.message}`);
  return r.out;
}

async function expectError(ctx, msg) {
  const r = await run(ctx, msg);
  if (r.out) throw new Error(`expected an error, got output ${JSON.stringify(r.out.payload)}`);
  return r.caught;
}

/** Number of TCP connections open on the emulator's server now. */
function openConnections(emulator) {
  return new Promise((resolve, reject) => emulator.server.getConnections((err, n) => (err ? reject(err) : resolve(n))));
}

/** Wait until the emulator has no open connection (the server sees client closes a moment later); up to `ms` of real time. */
async function settleConnections(emulator, ms = 10000) {
  try {
    await until(async () => (await openConnections(emulator)) === 0, 'no open connection', ms);
  } catch {
    // the caller asserts on the count
  }
  return openConnections(emulator);
}

module.exports = {
  helper,
  NODES,
  ALL,
  VERTICES,
  ROOT,
  OPERATOR,
  cameraNode,
  collect,
  eventCameraEachTest,
  flow,
  load,
  next,
  run,
  expectOutput,
  expectError,
  openConnections,
  settleConnections,
};
