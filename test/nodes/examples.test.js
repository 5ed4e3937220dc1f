'use strict';
// The examples as a user imports them: structure checks, then every inject of
// every example run against the emulator (debug nodes replaced by helper nodes).
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { start } = require('../../dist/emulator');
const { NODE_SPECS } = require('../../dist/nodes/shared/node-specs');
const { helper, ALL } = require('./support');
const { reach: reachable } = require('../support/flow-graph');
const { exampleFile, exampleFiles, exampleNodes } = require('../support/examples');

const core = (f) => require(path.join(path.dirname(require.resolve('@node-red/nodes/package.json')), 'core', 'common', f));
const INJECT = core('20-inject.js');
const FUNCTION = path.join(path.dirname(require.resolve('@node-red/nodes/package.json')), 'core', 'function', '10-function.js');
const { ThermometryClient } = require('../../dist/client');
const OURS = ['area', 'group', 'spot', 'status', 'settings'].map((n) => `thermometry-${n}`);
const examples = OURS.map((type) => ({ type, file: exampleFile(type) }));

/** Each node's defaults as the editor registers them (the served editor script and each node's HTML, run in a vm). */
function editorDefaults() {
  const vm = require('vm');
  const root = path.join(__dirname, '..', '..');
  const window = {};
  const registered = {};
  const context = vm.createContext({ window, $: () => ({ length: 0, is: () => false }), RED: { nodes: { registerType: (type, def) => { registered[type] = def; } } } });
  vm.runInContext(fs.readFileSync(path.join(root, 'resources', 'thermometry-editor.js'), 'utf8'), context);
  context.AxisThermometry = window.AxisThermometry;
  for (const f of fs.readdirSync(path.join(root, 'nodes')).filter((x) => x.endsWith('.html'))) {
    const html = fs.readFileSync(path.join(root, 'nodes', f), 'utf8');
    for (const [, code] of html.matchAll(/<script type="text\/javascript">([\s\S]*?)<\/script>/g)) vm.runInContext(code, context);
  }
  return registered;
}

describe('examples', function () {
  it('each on a tab of its own named for what it shows, its file named so for Import > Examples', () => {
    const labels = new Set();
    for (const file of exampleFiles()) {
      const flow = JSON.parse(fs.readFileSync(file, 'utf8'));
      const tabs = flow.filter((n) => n.type === 'tab');
      assert.equal(tabs.length, 1, `${path.basename(file)}: one tab`);
      assert.ok(!/^Flow \d+$/.test(tabs[0].label) && !labels.has(tabs[0].label), `${path.basename(file)}: tab "${tabs[0].label}"`);
      labels.add(tabs[0].label);
      for (const n of flow.filter((x) => 'x' in x)) assert.equal(n.z, tabs[0].id, `${path.basename(file)}: ${n.type} "${n.name}" on the tab`);
      assert.match(path.basename(file), /^[A-Z][A-Za-z]+( [a-z]+){0,2} - [a-z]/, 'a file name in words: "Topic - what it shows"');
    }
  });

  it('every node of every example passes the editor\'s checks as imported (no red triangle, no "not properly configured" on deploy)', () => {
    const defs = editorDefaults();
    const refused = [];
    for (const file of exampleFiles()) {
      for (const n of JSON.parse(fs.readFileSync(file, 'utf8'))) {
        const def = defs[n.type];
        if (!def) continue;
        for (const [prop, d] of Object.entries(def.defaults)) {
          if (d.required && !d.type && (n[prop] === undefined || n[prop] === '')) refused.push(`${path.basename(file)}: ${n.type} "${n.name}" ${prop} required`);
          if (typeof d.validate !== 'function') continue;
          const verdict = d.validate.call(n, n[prop], {});
          if (verdict !== true) refused.push(`${path.basename(file)}: ${n.type} "${n.name}" ${prop} ${JSON.stringify(n[prop])}: ${verdict}`);
        }
      }
    }
    assert.deepEqual(refused, []);
  });

  it('one per node, each opening with a comment, all on the one camera npm start provisions, without credentials', () => {
    for (const { type } of examples) {
      const flow = exampleNodes(type);
      assert.equal(flow[0].type, 'comment', `${type}: opens with a comment`);
      assert.ok(flow[0].info.includes('root') && flow[0].info.includes('pass'), `${type}: the comment says which credentials to enter`);
      assert.ok(flow.some((n) => n.type === type), `${type}: uses the node`);
      const cams = flow.filter((n) => n.type === 'thermometry-camera');
      assert.equal(cams.length, 1);
      // The convention of every example and the starter flow (scripts/start.js provisions this camera).
      assert.equal(cams[0].id, 'emulator-camera');
      assert.equal(cams[0].name, 'Emulator (npm start)');
      for (const n of flow.filter((x) => 'camera' in x)) assert.equal(n.camera, 'emulator-camera', `${type}: ${n.id} uses the one camera`);
      assert.equal(cams[0].host, '127.0.0.1');
      assert.equal(cams[0].port, '8080');
      assert.equal(cams[0].protocol, 'http');
      assert.ok(!JSON.stringify(flow).includes('"credentials"'), `${type}: no credentials in the file`);
      for (const n of flow.filter((x) => NODE_SPECS[x.type])) {
        assert.ok(NODE_SPECS[n.type].operations.methods.includes(n.operation), `${type}: ${n.operation} is an operation of ${n.type}`);
      }
    }
  });

  it('the status example\'s "changes only" poll sends far fewer messages than it polls, on the moving furnace door', async function () {
    this.timeout(60000);
    const { createScene } = require('../../dist/emulator');
    const { statusChanged } = require('../../dist/nodes/thermometry-status/changes');
    const flow = exampleNodes('thermometry-status');
    const poll = flow.find((n) => n.type === 'thermometry-status' && n.onlyChanges);
    const addArea = flow.find((n) => n.type === 'thermometry-area' && n.operation === 'addArea');
    // The scene npm start runs (the furnace door's burner cycles about once a minute), on a stepped clock.
    const scene = createScene({ clock: 'stepped' });
    const emulator = await start({ port: 0, sensor: scene });
    const client = new ThermometryClient({ host: '127.0.0.1', port: emulator.port, username: 'root', password: 'pass' });
    try {
      await client.addArea({ enabled: true, name: addArea.areaName, detectionType: addArea.detectionType, measurement: addArea.measurement, threshold: Number(addArea.threshold), delay: Number(addArea.delay), vertices: JSON.parse(addArea.vertices), areaOverlay: 'none', temperatureOverlay: false });
      let last;
      let sent = 0;
      const polls = 90; // three minutes of the example's 2 s polling
      for (let i = 0; i < polls; i++) {
        scene.step(Number(poll.interval));
        const list = (await client.getAreaStatus()).areaList;
        if (statusChanged(last, list, Number(poll.step))) {
          sent++;
          last = list;
        }
      }
      console.log("SENT", sent); assert.ok(sent <= polls / 4, `"${poll.name}" sent ${sent} of ${polls} polls (step ${poll.step})`);
      assert.ok(sent >= 3, `it still sends the furnace's changes: ${sent}`);
    } finally {
      client.close();
      await emulator.stop();
    }
  });

  describe('run against the emulator', function () {
    let emulator;
    beforeEach(async () => {
      emulator = await start({ port: 0 });
    });
    afterEach(async () => {
      await helper.unload();
      await emulator.stop();
    });
    for (const { type } of examples) {
      it(`${type}: every inject gets a reply or an expected error`, async () => {
        const imported = exampleNodes(type);
        const flow = [{ id: 'tab', type: 'tab' }];
        for (const n of imported) {
          if (n.type === 'comment') continue;
          if (n.type === 'thermometry-camera') flow.push({ ...n, port: String(emulator.port) });
          else if (n.type === 'debug') flow.push({ id: n.id, type: 'helper', z: 'tab', x: n.x, y: n.y });
          else flow.push({ ...n, z: 'tab' });
        }
        const cam = imported.find((n) => n.type === 'thermometry-camera');
        // Someone else's area, which no button may change or remove.
        const other = { name: 'Not mine', threshold: 44, detectionType: 'above', measurement: 'maximum', delay: 3, enabled: true, vertices: [[-1, -1], [-0.8, -1], [-0.8, -0.8]], areaOverlay: 'none', temperatureOverlay: false, imagesource: 0, presetNbr: 0 };
        const client = new ThermometryClient({ host: '127.0.0.1', port: emulator.port, username: 'root', password: 'pass' });
        const { id: otherId } = await client.addArea(other);
        const before = JSON.stringify((await client.listAreas()).areaList);
        await helper.load([...ALL, INJECT, require(FUNCTION)], flow, { [cam.id]: { username: 'root', password: 'pass' } });
        const received = [];
        for (const n of flow.filter((x) => x.type === 'helper')) helper.getNode(n.id).on('input', (m) => received.push({ debug: n.id, msg: m }));
        const injects = flow.filter((n) => n.type === 'inject').sort((a, b) => a.y - b.y);
        // Where an inject's answer may show: the debug nodes its wires reach, or those behind a catch node.
        // (A polling node's debug, fed by a timer, is no answer to a button.)
        const byId = new Map(flow.map((n) => [n.id, n]));
        const reach = (ids) => reachable(flow, ids);
        const errorSide = reach(flow.filter((n) => n.type === 'catch').map((n) => n.id));
        let replies = 0;
        for (const inj of injects) {
          const answers = new Set([...reach([inj.id]), ...errorSide]);
          const answered = () => received.filter((r) => answers.has(r.debug));
          const before = answered().length;
          helper.getNode(inj.id).receive({});
          while (answered().length === before) await new Promise((r) => setTimeout(r, 5));
          const { msg } = answered()[answered().length - 1];
          if (msg.error) {
            // The settings example asks a fixed camera for its guard tour on purpose.
            assert.equal(msg.error.code, 1202, `${inj.name}: ${msg.error.message}`);
          } else {
            replies++;
            assert.ok(msg.thermometry && msg.thermometry.method, `${inj.name}: a reply`);
          }
          // The operation the button asks for (its msg.operation, an alias or a method name) is the one answered.
          const asked = (inj.props || []).find((p) => p.p === 'operation');
          if (asked) {
            // The first of our nodes its wires reach (a function node may pick the ids on the way).
            let target = byId.get(inj.wires[0][0]);
            while (target && !NODE_SPECS[target.type]) target = byId.get(target.wires[0][0]);
            const method = NODE_SPECS[target.type].operations.aliases[asked.v] || asked.v;
            assert.equal(msg.thermometry.method, method, `${inj.name}: answered by ${method}`);
          }
        }
        assert.ok(replies >= injects.length - 1, `${type}: replies to (nearly) every inject`);
        // The emulator holds what it held before plus what the example added and did not remove itself.
        const added = new Set();
        for (const { msg } of received) {
          const m = msg.thermometry && msg.thermometry.method;
          if (m === 'addArea' && !msg.error) added.add(msg.payload.id);
          if (m === 'removeAreas' && !msg.error) for (const id of msg.payload.areas) { assert.ok(added.has(id), `${type}: removed area ${id}, which it did not add`); added.delete(id); }
        }
        const after = (await client.listAreas()).areaList;
        client.close();
        assert.equal(JSON.stringify(after.filter((a) => a.id === otherId)), JSON.stringify(JSON.parse(before).filter((a) => a.id === otherId)), `${type}: someone else's area untouched`);
        assert.deepEqual(after.map((a) => a.id).sort(), [otherId, ...added].sort(), `${type}: areas on the emulator`);
      });
    }
  });

  // Dashboard 2's nodes need its HTTP server and socket.io: the flow runs in the
  // browser test (test/e2e/dashboard.test.js, npm start deploys it); here, what
  // importing it needs.
  it('the dashboard example brings every config node it uses, on the shared emulator camera', () => {
    const flow = exampleNodes('dashboard');
    const byId = new Map(flow.map((n) => [n.id, n]));
    assert.equal(byId.size, flow.length, 'ids are unique');
    assert.equal(flow[0].type, 'comment');
    assert.ok(/\/dashboard/.test(flow[0].info) && flow[0].info.includes('root') && flow[0].info.includes('pass'), 'the comment says where the page is and which credentials to enter');
    const cams = flow.filter((n) => n.type === 'thermometry-camera');
    assert.deepEqual(cams.map((c) => [c.id, c.host, c.port, c.protocol]), [['emulator-camera', '127.0.0.1', '8080', 'http']]);
    assert.ok(!JSON.stringify(flow).includes('"credentials"'), 'no credentials in the file');
    for (const type of ['ui-base', 'ui-page', 'ui-group', 'ui-theme', 'ui-chart', 'ui-template', 'ui-table', 'ui-button', 'ui-form', 'thermometry-status', 'thermometry-event', 'thermometry-spot', 'thermometry-area', 'thermometry-snapshot']) {
      assert.ok(flow.some((n) => n.type === type), `a ${type} node`);
    }
    assert.equal(flow.filter((n) => n.type === 'ui-base').length, 1, 'one ui-base (Node-RED allows one dashboard)');
    const refs = { camera: 'thermometry-camera', group: 'ui-group', page: 'ui-page', ui: 'ui-base', theme: 'ui-theme' };
    for (const n of flow) {
      for (const [key, type] of Object.entries(refs)) {
        if (n[key] === undefined || n[key] === '' || (key === 'page' && n.type === 'ui-template' && n.templateScope === 'local')) continue;
        assert.equal(byId.get(n[key]) && byId.get(n[key]).type, type, `${n.type} "${n.name}": its ${key} ${n[key]} is in the file`);
      }
      for (const out of n.wires || []) for (const target of out) assert.ok(byId.has(target), `${n.type} "${n.name}" wired to ${target}, which is in the file`);
      if (NODE_SPECS[n.type]) assert.ok(NODE_SPECS[n.type].operations.methods.includes(n.operation), `${n.operation} is an operation of ${n.type}`);
      // As Node-RED's Function node wraps it: a syntax error would only show at deploy.
      if (n.type === 'function') assert.doesNotThrow(() => new Function('msg', 'node', 'flow', `return (async () => {${n.func}\n})()`), `function "${n.name}" compiles`);
    }
  });
});
