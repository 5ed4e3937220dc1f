'use strict';
// The packed package on Node-RED 5.0.x running on Node 22 (see runtime.js):
// installed from the tarball into a fresh user directory, every node type
// registered, then the starter flow and every example flow deployed in turn
// against a fresh emulator: each inject button is answered by the camera, and
// each event node receives an alarm. Flows are read from the files as they are
// (others may add or change them); a flow needing node types this Node-RED has
// not installed (a dashboard's) is skipped, or for the starter flow deployed
// without those nodes, and the test says so.
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { start } = require('../../dist/emulator');
const { NODE_SPECS } = require('../../dist/nodes/shared/node-specs');
const { EVENTS } = require('../events/helpers');
const { root, pkg, freePort, request, waitFor, packInto, installPacked, startNodeRed, stopNodeRed } = require('../e2e/support');
const { requireNodeRed5, NODE_RED_RANGE } = require('./runtime');
const { missingTypes, without, deployable, openComms } = require('./flows');
const { reach } = require('../support/flow-graph');

const FLOWS = [
  { name: 'starter flow (scripts/starter-flow.json)', file: path.join(root, 'scripts', 'starter-flow.json'), starter: true },
  ...fs.readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.json')).sort()
    .map((f) => ({ name: `example ${f}`, file: path.join(root, 'examples', f) })),
];

/** The method an inject's press asks of the node it is wired to (its msg.operation, else the node's own), if that node is ours. */
function askedMethod(inject, target) {
  const spec = target && NODE_SPECS[target.type];
  if (!spec) return undefined;
  const prop = (inject.props || []).find((p) => p.p === 'operation');
  const op = prop ? prop.v : target.operation;
  return op && (spec.operations.aliases[op] || op);
}

describe(`Node-RED ${NODE_RED_RANGE} on Node 22: the packed package`, function () {
  this.timeout(600000);
  let runtime;
  let dir;
  let userDir;
  let child;
  let port;
  let registered;
  let log = '';

  before(async function () {
    runtime = await requireNodeRed5(this);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thermo-nr5-pack-'));
    userDir = path.join(dir, 'user');
    installPacked(packInto(dir), userDir, { node: runtime.node });
    fs.writeFileSync(path.join(userDir, 'settings.js'), `module.exports = { uiHost: '127.0.0.1', flowFile: 'flows.json',
      credentialSecret: 'nr5-credential-secret', debugMaxLength: 100000, editorTheme: { tours: false },
      diagnostics: { enabled: false }, telemetry: { enabled: false } };\n`);
    port = await freePort();
    child = await startNodeRed(userDir, port, (d) => { log += d; }, { node: runtime.node, redJs: runtime.redJs });
  });

  after(async function () {
    await stopNodeRed(child);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  afterEach(function () {
    if (this.currentTest.state === 'failed') console.log(log.slice(-3000));
  });

  it('is Node-RED 5.0 on Node 22', async function () {
    assert.match(runtime.nodeVersion, /^v22\./);
    const settings = JSON.parse((await request(port, 'GET', '/settings')).body);
    assert.match(settings.version, /^5\.0\./, `Node-RED ${settings.version}`);
    assert.match(log, /Node\.js\s+version:\s+v22\./, 'Node-RED says it runs on Node 22');
    console.log(`      Node-RED ${settings.version} on Node ${runtime.nodeVersion}`);
  });

  it('registers every node type of package.json from the installed tarball (GET /nodes)', async function () {
    assert.ok(!fs.lstatSync(path.join(userDir, 'node_modules', pkg.name)).isSymbolicLink(), 'a real install, not a link');
    const res = await request(port, 'GET', '/nodes');
    assert.strictEqual(res.status, 200);
    const sets = JSON.parse(res.body);
    registered = new Set(sets.filter((s) => s.enabled && !s.err).flatMap((s) => s.types));
    const ours = sets.filter((s) => s.module === pkg.name);
    for (const s of ours) assert.ok(s.enabled && !s.err, `${s.id}: ${s.err}`);
    for (const type of Object.keys(pkg['node-red'].nodes)) assert.ok(registered.has(type), `${type} registered`);
  });

  for (const { name, file, starter } of FLOWS) {
    it(`${name}: deploys, every inject is answered by the emulator, every event node receives an alarm`, async function () {
      assert.ok(registered, 'node types read from GET /nodes');
      let flow = JSON.parse(fs.readFileSync(file, 'utf8'));
      const missing = missingTypes(flow, registered);
      if (missing.length && !starter) {
        console.log(`      skipped ${name}: needs node types not installed here (${missing.join(', ')})`);
        return this.skip();
      }
      if (missing.length) {
        console.log(`      ${name}: deployed without the nodes of types not installed here (${missing.join(', ')})`);
        flow = without(flow, missing);
      }
      assert.ok(flow.some((n) => n.type.startsWith('thermometry-') && n.type !== 'thermometry-camera'), 'a node of ours');
      const emulator = await start({ port: 0, events: true });
      const comms = await openComms(port);
      try {
        const nodes = deployable(flow, emulator.port);
        const deployed = await request(port, 'POST', '/flows', nodes);
        assert.ok(deployed.status === 204 || deployed.status === 200, `deploy: ${deployed.status} ${deployed.body}`);
        const byId = new Map(nodes.map((n) => [n.id, n]));
        const debugs = (ids) => new Set([...ids].filter((id) => byId.get(id).type === 'debug'));
        const errorSide = reach(nodes, nodes.filter((n) => n.type === 'catch').map((n) => n.id));

        // Each button in turn, top to bottom as a person would press them.
        const injects = nodes.filter((n) => n.type === 'inject').sort((a, b) => a.y - b.y);
        let replies = 0;
        let answered = 0;
        for (const inj of injects) {
          const shown = debugs(new Set([...reach(nodes, [inj.id]), ...errorSide]));
          if (!shown.size) continue; // no debug node shows what this button does
          const method = askedMethod(inj, byId.get((inj.wires[0] || [])[0]));
          const from = comms.debug.length;
          const answer = () => comms.debug.slice(from).find((d) => shown.has(d.id) && d.msg && d.msg.thermometry
            && (!method || d.msg.thermometry.method === method));
          let pressed;
          // The flow starts just after the deploy answers: press until the inject node is there.
          await waitFor(async () => (pressed = await request(port, 'POST', `/inject/${inj.id}`)).status === 200);
          assert.strictEqual(pressed.status, 200, `${inj.name}: ${pressed.body}`);
          await waitFor(answer, 30000);
          const got = answer();
          assert.ok(got, `${inj.name}: no answer${method ? ` of ${method}` : ''} in the debug sidebar; saw ${JSON.stringify(comms.debug.slice(from)).slice(0, 1500)}`);
          answered++;
          const error = got.msg.thermometry.error || got.msg.error;
          if (error) {
            // Refused by the camera (it answered, with a VAPIX code), not a failure to reach it.
            assert.strictEqual(typeof error.code, 'number', `${inj.name}: ${JSON.stringify(error)}`);
          } else {
            replies++;
          }
        }
        assert.ok(replies >= injects.length - 1, `${name}: ${replies} replies to ${injects.length} buttons`);
        const events = nodes.filter((n) => n.type === 'thermometry-event');
        console.log(`      ${name}: ${injects.length} buttons, ${replies} replies, ${answered - replies} refused by the camera; ${events.length} event node(s)`);

        for (const ev of events) {
          const shown = debugs(reach(nodes, [ev.id]));
          assert.ok(shown.size, `event node ${ev.id}: a debug node shows its messages`);
          await waitFor(() => (comms.status.get(ev.id) || {}).fill === 'green', 60000);
          assert.strictEqual((comms.status.get(ev.id) || {}).fill, 'green', `event node connected: ${JSON.stringify(comms.status.get(ev.id))}`);
          const from = comms.debug.length;
          const alarm = () => comms.debug.slice(from).find((d) => shown.has(d.id) && d.msg && d.msg.topic === 'thermometry/area-alarm/0');
          emulator.camera.emit('thermometry-event', EVENTS.areaOn(0));
          await waitFor(alarm, 30000);
          assert.ok(alarm(), `event node ${ev.id}: no alarm in the debug sidebar; saw ${JSON.stringify(comms.debug.slice(from)).slice(0, 1500)}`);
          assert.strictEqual(alarm().msg.payload.active, true);
        }
      } finally {
        comms.close();
        await emulator.stop();
      }
    });
  }
});
