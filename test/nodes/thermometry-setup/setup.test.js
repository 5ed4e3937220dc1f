'use strict';
// The setup node in a real Node-RED (issue 17, item 5): inject, change and
// Function nodes read one emulated camera's setup and apply it to another
// (msg.camera), over HTTP with Digest; a dry run and a matching camera write
// nothing; a document the camera cannot hold, a bad msg property and a reply
// cut half-way (the fault proxy) end at a Catch node saying why.
const assert = require('node:assert/strict');
const path = require('node:path');
const { start } = require('../../../dist/emulator');
const { ThermometryClient, readSetup } = require('../../../dist/client');
const { FaultProxy } = require('../../client/fault-proxy');
const { comparable } = require('../../support/setup-document');
const { helper, ALL, next } = require('../support');
const { realSetTimeout, realClearTimeout, until } = require('../../support/wait');

const CORE = path.dirname(require.resolve('@node-red/nodes/package.json'));
const INJECT = require(path.join(CORE, 'core', 'common', '20-inject.js'));
const CHANGE = require(path.join(CORE, 'core', 'function', '15-change.js'));
const FUNCTION = require(path.join(CORE, 'core', 'function', '10-function.js'));
const SETUP = require(path.join(__dirname, '..', '..', '..', 'nodes', 'thermometry-setup.js'));

const square = (cx, cy, r = 0.08) => [
  [cx - r, cy - r],
  [cx + r, cy - r],
  [cx + r, cy + r],
  [cx - r, cy + r],
];

function inject(id, target) {
  return { id, z: 'f1', type: 'inject', props: [{ p: 'payload' }], repeat: '', crontab: '', once: false, topic: '', payload: '', payloadType: 'date', wires: [[target]] };
}
const setTo = (p, to, tot = 'str') => ({ t: 'set', p, pt: 'msg', to, tot });

// Twelve areas, each its own name and place, made in a Function node from the document read.
const TWELVE = `
const doc = msg.payload;
doc.areas = [];
for (let i = 0; i < 12; i++) {
  const x = -0.9 + 0.15 * i;
  doc.areas.push({ name: 'Area ' + (i + 1), enabled: true, detectionType: 'above', measurement: 'maximum', threshold: 60, delay: 0,
    vertices: [[x, 0], [x + 0.1, 0], [x + 0.1, 0.1], [x, 0.1]] });
}
doc.groups = [];
msg.camera = 'Target';
return msg;`;

function plantFlow(source, target, gone) {
  const camera = (id, name, port) => ({ id, type: 'thermometry-camera', name, host: '127.0.0.1', port: String(port), protocol: 'http', tls: 'verify', apiVersion: 'auto', timeout: '5' });
  const read = (id, wires) => ({ id, z: 'f1', type: 'thermometry-setup', camera: 'cam-a', operation: 'read', dryRun: false, removeMissing: false, wires: [wires] });
  return [
    { id: 'f1', type: 'tab', label: 'setup' },
    camera('cam-a', 'Source', source),
    camera('cam-b', 'Target', target),
    camera('cam-c', 'Gone', gone),
    // Copy: read the source, point the message at the target, apply.
    inject('injCopy', 'readCopy'),
    read('readCopy', ['readOut', 'toTarget']),
    { id: 'toTarget', z: 'f1', type: 'change', rules: [setTo('camera', 'Target')], wires: [['apply']] },
    // Dry run asked by the message.
    inject('injDry', 'readDry'),
    read('readDry', ['dry']),
    { id: 'dry', z: 'f1', type: 'change', rules: [setTo('camera', 'Target'), setTo('dryRun', 'true', 'bool')], wires: [['apply']] },
    // Twelve areas for a camera of ten.
    inject('injTwelve', 'readTwelve'),
    read('readTwelve', ['twelve']),
    { id: 'twelve', z: 'f1', type: 'function', func: TWELVE, outputs: 1, noerr: 0, initialize: '', finalize: '', libs: [], wires: [['apply']] },
    // A tick box's msg property of the wrong kind.
    inject('injBad', 'bad'),
    { id: 'bad', z: 'f1', type: 'change', rules: [setTo('camera', 'Target'), setTo('removeMissing', 'yes')], wires: [['apply']] },
    // Read the target through the node (msg.camera).
    inject('injReadTarget', 'targetName'),
    { id: 'targetName', z: 'f1', type: 'change', rules: [setTo('camera', 'Target')], wires: [['readTarget']] },
    read('readTarget', ['readOut']),
    // A camera no config node is.
    inject('injNowhere', 'nowhere'),
    { id: 'nowhere', z: 'f1', type: 'change', rules: [setTo('camera', 'Nowhere')], wires: [['readTarget']] },
    // A camera that is off.
    inject('injGone', 'gone'),
    { id: 'gone', z: 'f1', type: 'change', rules: [setTo('camera', 'Gone')], wires: [['readTarget']] },
    { id: 'apply', z: 'f1', type: 'thermometry-setup', name: 'Copy to target', camera: 'cam-a', operation: 'apply', dryRun: false, removeMissing: false, wires: [['applyOut']] },
    { id: 'readOut', z: 'f1', type: 'helper' },
    { id: 'applyOut', z: 'f1', type: 'helper' },
    { id: 'catch', z: 'f1', type: 'catch', scope: ['apply', 'readCopy', 'readTarget'], uncaught: false, wires: [['caught']] },
    { id: 'caught', z: 'f1', type: 'helper' },
  ].map((n, i) => (n.z ? { x: 100, y: 40 * i, ...n } : n));
}

const credentials = Object.fromEntries(['cam-a', 'cam-b', 'cam-c'].map((id) => [id, { username: 'root', password: 'pass' }]));

/** A loopback port nothing listens on (taken and given back). */
async function closedPort() {
  const net = require('node:net');
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Every status node `node` shows from now on, in order (it still shows them). */
function recordStatuses(node) {
  const statuses = [];
  const status = node.status.bind(node);
  node.status = (st) => {
    statuses.push(st);
    return status(st);
  };
  return statuses;
}

/** The next message at `ok` or at the Catch node, whichever comes: { out } or { caught }. */
function outcome(ok) {
  return outcomeAt(ok, helper.getNode('caught'));
}

describe('thermometry-setup node: a camera\'s setup read, copied and applied through a flow', function () {
  this.timeout(30000);
  let source;
  let target;
  let proxy;
  const clients = [];
  const open = (port) => {
    const c = new ThermometryClient({ host: '127.0.0.1', port, username: 'root', password: 'pass' });
    clients.push(c);
    return c;
  };

  beforeEach(async () => {
    source = await start({ port: 0 });
    target = await start({ port: 0 });
    proxy = await new FaultProxy(target.port).start();
    const c = open(source.port);
    await c.setIsothermLevels({ high: 150, middle: 90, low: 40, min: 0, renderOverlay: true });
    const ids = [];
    for (const [i, name] of ['Kiln door', 'Conveyor', 'Motor'].entries()) {
      ids.push((await c.addArea({ enabled: true, name, detectionType: 'above', measurement: 'maximum', threshold: 70 + i, delay: i, vertices: square(-0.6 + 0.3 * i, 0) })).id);
    }
    await c.addGroup({ enabled: true, name: 'Line 1', measurement: 'maximum', threshold: 6, delay: 2, areaIds: [ids[0], ids[1]] });
    await c.addSpotTemperature({ spotCoordinates: [0.3, 0.4], coordinateSystem: 'coord_neg1_1' });
    // The target is reached through the fault proxy, which counts what the camera ran.
    await helper.load([...ALL, SETUP, INJECT, CHANGE, FUNCTION], plantFlow(source.port, proxy.port, await closedPort()), credentials);
  });
  afterEach(async () => {
    await helper.unload();
    for (const c of clients.splice(0)) c.close();
    await proxy.stop();
    await source.stop();
    await target.stop();
  });

  const writes = () => Object.entries(proxy.ran).filter(([m]) => /^(set|add|update|remove)/.test(m));

  it('reads the source, copies it to the target with msg.camera, and the target reads back the same document', async () => {
    const read = next(helper.getNode('readOut'));
    const applied = outcome(helper.getNode('applyOut'));
    helper.getNode('injCopy').receive({});
    const doc = (await read).payload;
    assert.equal(doc.format, 'axis-thermometry-setup');
    assert.equal(doc.source.cameraName, 'Source');
    const r = await applied;
    assert.ok(r.out, r.caught && r.caught.error.message);
    const msg = r.out;
    assert.equal(msg.thermometry.method, 'applySetup');
    assert.equal(msg.thermometry.cameraName, 'Target');
    assert.equal(msg.payload.dryRun, false);
    assert.deepEqual(
      msg.payload.applied.map((c) => `${c.action} ${c.kind} ${c.name}`),
      ['set isotherms isotherm levels', 'add area Kiln door', 'add area Conveyor', 'add area Motor', 'add group Line 1', 'set spot spot on image source 0'],
    );
    assert.deepEqual(msg.payload.notApplied, []);

    const back = next(helper.getNode('readOut'));
    helper.getNode('injReadTarget').receive({});
    const copy = (await back).payload;
    assert.equal(copy.source.cameraName, 'Target');
    assert.deepEqual(comparable(copy), comparable(doc));

    // Again: the target matches, nothing is written.
    const before = writes();
    const again = outcome(helper.getNode('applyOut'));
    helper.getNode('injCopy').receive({});
    const second = await again;
    assert.deepEqual(second.out.payload.changes, []);
    assert.deepEqual(writes(), before, 'zero writes to a camera that matches');
  });

  it('two copies pressed at once run one after the other on the camera: the second finds it matching, nothing is written twice', async () => {
    // Each press ends at the output or at the Catch node (a second add of the same name: 2104 on a 1.3 camera).
    const reports = [];
    const got = new Promise((resolve) => {
      const take = (m) => {
        reports.push(m.error ? { error: m.error.message } : m.payload);
        if (reports.length === 2) resolve();
      };
      helper.getNode('applyOut').on('input', take);
      helper.getNode('caught').on('input', take);
    });
    helper.getNode('injCopy').receive({});
    helper.getNode('injCopy').receive({});
    await got;
    assert.deepEqual(
      reports.map((r) => r.error ?? r.applied.length),
      [6, 0],
    );
    assert.equal(proxy.ran.addArea, 3);
    assert.equal(proxy.ran.addGroup, 1);
  });

  it('a dry run set by a change node lists the changes and writes nothing: the target is as it was', async () => {
    const before = target.camera.snapshot();
    const statuses = recordStatuses(helper.getNode('apply'));
    const applied = outcome(helper.getNode('applyOut'));
    helper.getNode('injDry').receive({});
    const r = await applied;
    assert.ok(r.out, r.caught && r.caught.error.message);
    assert.equal(r.out.payload.dryRun, true);
    assert.equal(r.out.payload.changes.length, 6);
    assert.deepEqual(r.out.payload.applied, []);
    assert.deepEqual(writes(), []);
    assert.deepEqual(target.camera.snapshot(), before);
    assert.deepEqual(
      statuses.map((st) => `${st.fill} ${st.text.replace(/\d\d:\d\d:\d\d/, 'T')}`),
      ['blue applying setup…', 'yellow dry run: 6 changes to make (T)'],
    );
  });

  it('a 12-area document (made in a Function node) for a camera of 10: to the Catch node before any write, naming the field and the rule', async () => {
    const r = await (async () => {
      const p = outcome(helper.getNode('applyOut'));
      helper.getNode('injTwelve').receive({});
      return p;
    })();
    assert.ok(r.caught, 'refused');
    assert.match(r.caught.error.message, /^applySetup: camera 127\.0\.0\.1:\d+ cannot hold this setup document, nothing was written: camera 127\.0\.0\.1:\d+ would hold 12 areas; it holds at most 10/);
    assert.equal(r.caught.thermometry.error.field, 'areas');
    assert.deepEqual(writes(), []);
    assert.deepEqual(target.camera.listAreas(), []);
  });

  it('msg.removeMissing that is no true or false: to the Catch node naming it', async () => {
    const p = outcome(helper.getNode('applyOut'));
    helper.getNode('injBad').receive({});
    const r = await p;
    assert.ok(r.caught);
    assert.equal(r.caught.error.message, 'applySetup: msg.removeMissing must be true or false (got "yes")');
    assert.equal(r.caught.thermometry.error.field, 'removeMissing');
  });

  it('msg.camera that names no camera: to the Catch node naming msg.camera, and no camera asked', async () => {
    const p = outcome(helper.getNode('readOut'));
    helper.getNode('injNowhere').receive({});
    const r = await p;
    assert.ok(r.caught);
    assert.match(r.caught.error.message, /^readSetup: msg\.camera "Nowhere" is no deployed camera: .*deployed: Source, Target/);
    assert.equal(r.caught.thermometry.error.field, 'camera');
    assert.deepEqual(proxy.forwarded, {});
  });

  it('a camera that is off: the Catch node and the red status say so in plain words', async () => {
    const statuses = recordStatuses(helper.getNode('readTarget'));
    const p = outcome(helper.getNode('readOut'));
    helper.getNode('injGone').receive({});
    const r = await p;
    assert.ok(r.caught);
    assert.match(r.caught.error.message, /^readSetup: .*cannot connect to camera 127\.0\.0\.1:\d+: connection refused/);
    assert.equal(r.caught.thermometry.error.reason, 'refused');
    assert.match(statuses[statuses.length - 1].text, /^cannot reach 127\.0\.0\.1:\d+ \(connection refused\)$/);
    assert.equal(statuses[statuses.length - 1].fill, 'red');
  });

  it('a reply cut half-way: the Catch node hears which change may have been applied and which were not; nothing is sent twice', async () => {
    proxy.cutReply('addArea', 40);
    const p = outcome(helper.getNode('applyOut'));
    helper.getNode('injCopy').receive({});
    const r = await p;
    assert.ok(r.caught, 'the apply stopped');
    const report = r.caught.payload;
    assert.deepEqual(report.applied.map((c) => c.name), ['isotherm levels']);
    assert.deepEqual(report.mayHaveApplied, [{ action: 'add', kind: 'area', name: 'Kiln door' }]);
    assert.deepEqual(report.notApplied.map((c) => c.name), ['Conveyor', 'Motor', 'Line 1', 'spot on image source 0']);
    assert.match(
      r.caught.error.message,
      /^applySetup: stopped at add area "Kiln door" \(1 of 6 changes applied; applied: set isotherms "isotherm levels"; may have been applied \(its reply was lost; read the camera before applying again\): add area "Kiln door"; not applied: add area "Conveyor", .*\): addArea: camera 127\.0\.0\.1:\d+ closed the connection before a complete reply/,
    );
    assert.equal(r.caught.thermometry.error.method, 'applySetup');
    assert.equal(proxy.ran.addArea, 1);
    assert.equal(proxy.forwarded.addArea, 1, 'the add was not sent again');
    // The camera made the area: applying again adds only the rest.
    const again = outcome(helper.getNode('applyOut'));
    helper.getNode('injCopy').receive({});
    const second = await again;
    assert.ok(second.out, second.caught && second.caught.error.message);
    assert.deepEqual(second.out.payload.applied.map((c) => c.name), ['Conveyor', 'Motor', 'Line 1', 'spot on image source 0']);
    assert.deepEqual(comparable(await readSetup(open(target.port))), comparable(await readSetup(open(source.port))));
  });
});

describe('the setup example as imported: back up to a file, restore from it, copy with msg.camera', function () {
  this.timeout(30000);
  const fs = require('node:fs');
  const os = require('node:os');
  const { exampleNodes } = require('../../support/examples');
  const FILE_NODES = [require(path.join(CORE, 'core', 'storage', '10-file.js')), require(path.join(CORE, 'core', 'parsers', '70-JSON.js'))];
  let emulator;
  let dir;
  let client;
  beforeEach(async () => {
    emulator = await start({ port: 0 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thermo-setup-'));
    client = new ThermometryClient({ host: '127.0.0.1', port: emulator.port, username: 'root', password: 'pass' });
  });
  afterEach(async () => {
    await helper.unload();
    client.close();
    await emulator.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('each button in turn: the backup file is the document, a dry run after a change lists it, the restore puts it back, the copy finds nothing to do', async () => {
    for (const [i, name] of ['Furnace door', 'Stack'].entries()) {
      await client.addArea({ enabled: true, name, detectionType: 'above', measurement: 'maximum', threshold: 80, delay: 2, vertices: square(-0.5 + 0.5 * i, 0.2) });
    }
    const imported = exampleNodes('thermometry-setup');
    const file = path.join(dir, 'backup.json');
    const flow = [{ id: 'tab', type: 'tab' }];
    for (const n of imported) {
      if (n.type === 'comment') continue;
      if (n.type === 'thermometry-camera') flow.push({ ...n, port: String(emulator.port) });
      else if (n.type === 'debug') flow.push({ id: n.id, type: 'helper', z: 'tab', x: n.x, y: n.y });
      else if (n.type === 'file' || n.type === 'file in') flow.push({ ...n, filename: file, z: 'tab' });
      else flow.push({ ...n, z: 'tab' });
    }
    const cam = imported.find((n) => n.type === 'thermometry-camera');
    await helper.load([...ALL, SETUP, INJECT, CHANGE, ...FILE_NODES], flow, { [cam.id]: { username: 'root', password: 'pass' } });
    const byName = (type, name) => flow.find((n) => n.type === type && n.name === name);
    const debugAt = (name) => helper.getNode(imported.find((n) => n.type === 'debug' && n.name === name).id);
    const errors = debugAt('error');
    const press = async (injectName, debugName) => {
      const got = outcomeAt(debugAt(debugName), errors);
      helper.getNode(byName('inject', injectName).id).receive({});
      const r = await got;
      assert.ok(r.out, `${injectName}: ${r.caught && JSON.stringify(r.caught.error)}`);
      return r.out;
    };

    const doc = (await press('back up', 'document')).payload;
    await until(() => fs.existsSync(file) && fs.readFileSync(file, 'utf8').endsWith('}'));
    const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.deepEqual(saved, JSON.parse(JSON.stringify(doc)), 'the file holds the document');
    assert.ok(fs.readFileSync(file, 'utf8').includes('\n    "areas": ['), 'as readable text');

    // Someone changes the camera: a threshold, and an area removed.
    await client.updateArea({ id: 0, enabled: true, name: 'Furnace door', detectionType: 'above', measurement: 'maximum', threshold: 95, delay: 2, vertices: square(-0.5, 0.2) });
    await client.removeAreas({ areas: [1] });
    const dry = await press('restore: dry run', 'would change');
    assert.deepEqual(dry.payload.changes.map((c) => `${c.action} ${c.name} ${c.fields || ''}`), ['update Furnace door threshold', 'add Stack ']);
    assert.equal((await client.listAreas()).areaList.length, 1, 'the dry run wrote nothing');

    const restored = await press('restore', 'report');
    assert.equal(restored.payload.applied.length, 2);
    const after = await readSetup(client);
    assert.deepEqual(
      after.areas.map((a) => [a.name, a.threshold]),
      [['Furnace door', 80], ['Stack', 80]],
    );

    const copy = await press('copy', 'copy report');
    assert.equal(copy.thermometry.cameraName, 'Emulator (npm start)');
    assert.deepEqual(copy.payload.changes, [], 'the same camera already matches');
  });
});

/** The next message at `ok` or at `caught` (a Catch node's helper), whichever comes: { out } or { caught }. */
function outcomeAt(ok, caught, ms = 20000) {
  return new Promise((resolve, reject) => {
    const onOut = (m) => finish({ out: m });
    const onCaught = (m) => finish({ caught: m });
    const timer = realSetTimeout(() => finish(null, new Error(`nothing at ${ok.id} or ${caught.id}`)), ms);
    function finish(result, err) {
      realClearTimeout(timer);
      ok.removeListener('input', onOut);
      caught.removeListener('input', onCaught);
      if (err) reject(err);
      else resolve(result);
    }
    ok.on('input', onOut);
    caught.on('input', onCaught);
  });
}
