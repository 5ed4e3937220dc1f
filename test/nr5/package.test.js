'use strict';
// The packed package on Node-RED 5.0.x running on Node 22 (see runtime.js):
// installed from the tarball into a fresh user directory, every node type
// registered, then the starter flow and every example flow deployed in turn
// against a fresh emulator: each inject button is answered by the camera, and
// each event node receives an alarm. Flows are read from the files as they are
// (others may add or change them). The Node-RED node modules among the dev
// dependencies (the dashboard) are installed beside the package, as a user adds
// them from the palette; a flow needing node types still missing is skipped, or
// for the starter flow deployed without those nodes, and the test says so.
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { start, createScene, addSceneRoutes } = require('../../dist/emulator');
const { NODE_SPECS } = require('../../dist/nodes/shared/node-specs');
const { EVENTS } = require('../support/event-camera');
const { root, pkg, freePort, request, waitFor, npm, packInto, installPacked, startNodeRed, stopNodeRed } = require('../e2e/support');
const { requireNodeRed5, paletteDevDependencies, NODE_RED_RANGE } = require('./runtime');
const { missingTypes, without, deployable, openComms } = require('./flows');
const { reach } = require('../support/flow-graph');

const FLOWS = [
  { name: 'starter flow (scripts/starter-flow.json)', file: path.join(root, 'scripts', 'starter-flow.json'), starter: true },
  ...fs
    .readdirSync(path.join(root, 'examples'))
    .filter((f) => f.endsWith('.json'))
    .sort()
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
    const extras = paletteDevDependencies();
    if (extras.length) npm(['install', ...extras, '--no-audit', '--no-fund', '--prefer-offline'], userDir, { node: runtime.node });
    console.log(`      user directory: the packed package${extras.map((e) => `, ${e}`).join('')}`);
    fs.writeFileSync(
      path.join(userDir, 'settings.js'),
      `module.exports = { uiHost: '127.0.0.1', flowFile: 'flows.json',
      credentialSecret: 'nr5-credential-secret', debugMaxLength: 100000, editorTheme: { tours: false },
      diagnostics: { enabled: false }, telemetry: { enabled: false } };\n`,
    );
    port = await freePort();
    child = await startNodeRed(
      userDir,
      port,
      (d) => {
        log += d;
      },
      { node: runtime.node, redJs: runtime.redJs },
    );
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
    assert.equal(res.status, 200);
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
      // A node of ours; the MQTT control room has none: it reads the package's topic tree from a broker.
      const readsTree = flow.some((n) => n.type === 'mqtt in' && /^thermometry\//.test(n.topic));
      assert.ok(readsTree || flow.some((n) => n.type.startsWith('thermometry-') && n.type !== 'thermometry-camera'), 'a node of ours');
      // The emulator as npm start runs it, which the flows are made for: a thermal scene
      // (snapshots, readings that move) and the event stream.
      const scene = createScene();
      const emulator = await start({ port: 0, sensor: scene, events: true });
      addSceneRoutes(emulator, scene);
      const comms = await openComms(port);
      try {
        const nodes = deployable(flow, emulator.port);
        const deployed = await request(port, 'POST', '/flows', nodes);
        assert.ok(deployed.status === 204 || deployed.status === 200, `deploy: ${deployed.status} ${deployed.body}`);
        const byId = new Map(nodes.map((n) => [n.id, n]));
        const debugs = (ids) => new Set([...ids].filter((id) => byId.get(id).type === 'debug'));
        const errorSide = reach(
          nodes,
          nodes.filter((n) => n.type === 'catch').map((n) => n.id),
        );

        // Each button in turn, top to bottom as a person would press them. Its answer shows in a
        // debug node its wires (or a catch node) reach; with none, in the status of the node of ours
        // it is wired to (a dashboard flow shows replies on the dashboard, not in the debug sidebar).
        const injects = nodes.filter((n) => n.type === 'inject').sort((a, b) => a.y - b.y);
        let buttons = 0;
        let replies = 0;
        for (const inj of injects) {
          const target = byId.get((inj.wires[0] || [])[0]);
          const shown = debugs(new Set([...reach(nodes, [inj.id]), ...errorSide]));
          const ours = target && NODE_SPECS[target.type] ? target : undefined;
          if (!shown.size && !ours) continue; // nothing a person could see of this button
          buttons++;
          const method = askedMethod(inj, target);
          const fromDebug = comms.debug.length;
          const fromStatus = comms.statusLog.length;
          // A node of the method table answers with msg.thermometry.method; another (the snapshot node) with any message.
          const inDebug = () =>
            comms.debug
              .slice(fromDebug)
              .find((d) => shown.has(d.id) && d.msg && typeof d.msg === 'object' && (!method || (d.msg.thermometry && d.msg.thermometry.method === method)));
          // Our nodes show blue while asking, then green with the reply or red with the reason.
          const inStatus = () => comms.statusLog.slice(fromStatus).find((st) => ours && st.id === ours.id && ['green', 'red'].includes(st.status.fill));
          const answer = () => (shown.size ? inDebug() : inStatus());
          let pressed;
          // The flow starts just after the deploy answers: press until the inject node is there.
          await waitFor(async () => (pressed = await request(port, 'POST', `/inject/${inj.id}`)).status === 200);
          assert.equal(pressed.status, 200, `${inj.name}: ${pressed.body}`);
          await waitFor(answer, 30000);
          const got = answer();
          assert.ok(
            got,
            `${inj.name}: no answer${method ? ` of ${method}` : ''} in the ${shown.size ? 'debug sidebar' : `status of ${ours.id}`}; ` +
              `saw ${JSON.stringify(shown.size ? comms.debug.slice(fromDebug) : comms.statusLog.slice(fromStatus)).slice(0, 1500)}`,
          );
          if (!shown.size) {
            assert.equal(got.status.fill, 'green', `${inj.name}: ${ours.type} status ${JSON.stringify(got.status)}`);
            replies++;
            continue;
          }
          const error = (got.msg.thermometry && got.msg.thermometry.error) || got.msg.error;
          if (error) {
            // Refused by the camera (it answered, with a VAPIX code), not a failure to reach it.
            assert.equal(typeof error.code, 'number', `${inj.name}: ${JSON.stringify(error)}`);
          } else {
            replies++;
          }
        }
        assert.ok(replies >= buttons - 1, `${name}: ${replies} replies to ${buttons} buttons`);

        // Each event node connects to the camera's event stream; an alarm the camera raises
        // reaches the debug nodes behind it (where a dashboard shows it instead: connected only).
        const events = nodes.filter((n) => n.type === 'thermometry-event');
        let alarms = 0;
        for (const ev of events) {
          await waitFor(() => (comms.status.get(ev.id) || {}).fill === 'green', 60000);
          assert.equal((comms.status.get(ev.id) || {}).fill, 'green', `event node connected: ${JSON.stringify(comms.status.get(ev.id))}`);
          const shown = debugs(reach(nodes, [ev.id]));
          if (!shown.size) continue;
          const from = comms.debug.length;
          const alarm = () => comms.debug.slice(from).find((d) => shown.has(d.id) && d.msg && d.msg.topic === 'thermometry/area-alarm/0');
          emulator.camera.emit('thermometry-event', EVENTS.areaOn(0));
          await waitFor(alarm, 30000);
          assert.ok(alarm(), `event node ${ev.id}: no alarm in the debug sidebar; saw ${JSON.stringify(comms.debug.slice(from)).slice(0, 1500)}`);
          // The event itself, or what a node behind it made of it (the snapshot node: the picture).
          const { payload } = alarm().msg;
          if (payload && typeof payload === 'object' && 'active' in payload) assert.equal(payload.active, true);
          alarms++;
        }
        assert.ok(!events.length || alarms > 0 || !nodes.some((n) => n.type === 'debug'), `${name}: no event node's alarm was seen`);

        // A dashboard in the flow: its page is served.
        for (const base of nodes.filter((n) => n.type === 'ui-base')) {
          // Served once Dashboard 2 has started on the deploy (a flow without buttons or events asks at once).
          let page;
          await waitFor(async () => (page = await request(port, 'GET', `${base.path || '/dashboard'}/`)).status === 200, 30000);
          assert.equal(page.status, 200, `dashboard page ${base.path}: ${page.status}`);
        }
        console.log(
          `      ${name}: ${buttons} buttons answered (${replies} replies, ${buttons - replies} refused by the camera); ` +
            `${events.length} event node(s) connected, ${alarms} alarm(s) seen`,
        );
      } finally {
        comms.close();
        await emulator.stop();
      }
    });
  }
});
