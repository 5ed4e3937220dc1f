'use strict';
const assert = require('node:assert/strict');
const { start } = require('../../../dist/emulator');
const { helper, VERTICES, OPERATOR, load, run, expectOutput, expectError, settleConnections } = require('../support');

const EDITOR = {
  operation: 'addArea', areaId: '0', imagesource: '', enabled: true, areaName: 'Oven door', detectionType: 'above',
  measurement: 'maximum', threshold: '60', delay: '5', vertices: JSON.stringify(VERTICES), areaOverlay: 'always',
  temperatureOverlay: true, presetNbr: '', areas: '0',
};

describe('thermometry-area node', function () {
  let emulator;
  beforeEach(async () => {
    emulator = await start({ port: 0 });
  });
  afterEach(async () => {
    await helper.unload();
    await emulator.stop();
  });

  it('adds an area from the editor fields: payload {id, name}, msg reused, msg.thermometry without credentials, green status', async () => {
    const ctx = await load(emulator, 'thermometry-area', EDITOR);
    const statuses = [];
    ctx.node.on('call:status', (call) => statuses.push(call.args[0]));
    const msg = await expectOutput(ctx, { payload: 1700000000000, topic: 'keep me', _msgid: 'abc' });
    assert.deepEqual(msg.payload, { id: 0, name: 'Oven door' });
    assert.equal(msg.topic, 'keep me');
    assert.equal(msg._msgid, 'abc');
    assert.deepEqual(msg.thermometry, { method: 'addArea', apiVersion: '1.3', camera: `127.0.0.1:${emulator.port}`, cameraName: `127.0.0.1:${emulator.port}` });
    assert.ok(!JSON.stringify(msg).includes('pass'), 'no password in the message');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(statuses[statuses.length - 1], { fill: 'green', shape: 'dot', text: 'area 0 added' });
  });

  it('warns when a 1.2 camera has another area of the name it added (the dashboard once charted the starter flow\'s "Furnace door"; a 1.3 camera refuses it, test/nodes/api13.test.js)', async () => {
    // A camera on firmware before API 1.3, which takes a name in use.
    await emulator.stop();
    emulator = await start({ port: 0, apiVersions: ['1.0', '1.1', '1.2'] });
    const ctx = await load(emulator, 'thermometry-area', EDITOR);
    const warnings = [];
    ctx.node.on('call:warn', (call) => warnings.push(String(call.args[0])));
    const first = await expectOutput(ctx, { payload: '' });
    assert.equal(first.thermometry.warning, undefined, 'a name of its own: no warning');
    const second = await expectOutput(ctx, { payload: '' });
    assert.equal(second.thermometry.warning, `the camera has another area named "Oven door" (id ${first.payload.id}): flows and people that find areas by name cannot tell them apart; give this one another name`);
    assert.deepEqual(warnings, [`area ${second.payload.id}: ${second.thermometry.warning}`]);
  });

  it('lists areas as an array, with the editor values the area was added with', async () => {
    const ctx = await load(emulator, 'thermometry-area', EDITOR);
    await expectOutput(ctx, { payload: '' });
    const statuses = [];
    ctx.node.on('call:status', (call) => statuses.push(call.args[0]));
    const msg = await expectOutput(ctx, { operation: 'listAreas' });
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(statuses[statuses.length - 1], { fill: 'green', shape: 'dot', text: 'areas: 1' });
    assert.ok(Array.isArray(msg.payload));
    assert.equal(msg.payload.length, 1);
    const [a] = msg.payload;
    assert.equal(a.name, 'Oven door');
    assert.equal(a.threshold, 60);
    assert.equal(a.delay, 5);
    assert.equal(a.measurement, 'maximum');
    assert.equal(a.areaOverlay, 'always');
    assert.deepEqual(a.vertices, VERTICES);
    assert.equal(msg.thermometry.method, 'listAreas');
  });

  it('takes msg.payload keys over the editor fields, and null clears an optional one', async () => {
    const ctx = await load(emulator, 'thermometry-area', EDITOR);
    const added = await expectOutput(ctx, { payload: { name: 'From payload', threshold: 80, measurement: 'average', areaOverlay: null } });
    const list = await expectOutput(ctx, { operation: 'list' });
    const a = list.payload.find((x) => x.id === added.payload.id);
    assert.equal(a.name, 'From payload');
    assert.equal(a.threshold, 80);
    assert.equal(a.measurement, 'average');
    assert.equal(a.detectionType, 'above', 'editor value kept where the payload is silent');
  });

  it('updates and removes areas (operation aliases update/remove), ids from payload', async () => {
    const ctx = await load(emulator, 'thermometry-area', EDITOR);
    await expectOutput(ctx, {});
    await expectOutput(ctx, { payload: { name: 'Second' } }); // from API 1.3 names are unique
    const upd = await expectOutput(ctx, { operation: 'update', payload: { id: 1, name: 'Renamed', detectionType: 'below', threshold: 10 } });
    assert.deepEqual(upd.payload, { id: 1 });
    let list = (await expectOutput(ctx, { operation: 'listAreas' })).payload;
    assert.equal(list.find((a) => a.id === 1).name, 'Renamed');
    assert.equal(list.find((a) => a.id === 1).detectionType, 'below');
    const rem = await expectOutput(ctx, { operation: 'remove', payload: { areas: [0, 1] } });
    assert.deepEqual(rem.payload, { areas: [0, 1] });
    list = (await expectOutput(ctx, { operation: 'listAreas' })).payload;
    assert.deepEqual(list, []);
  });

  it('removes the areas typed in the editor as "0, 1"', async () => {
    const ctx = await load(emulator, 'thermometry-area', { ...EDITOR, areas: '0, 1' });
    await expectOutput(ctx, {});
    await expectOutput(ctx, { payload: { name: 'Second' } });
    await expectOutput(ctx, { operation: 'removeAreas' });
    assert.deepEqual((await expectOutput(ctx, { operation: 'listAreas' })).payload, []);
  });

  it('sends a VAPIX error to the Catch node with its code (unknown area id: 1200) and a red status', async () => {
    const ctx = await load(emulator, 'thermometry-area', { ...EDITOR, operation: 'updateArea', areaId: '7' });
    const statuses = [];
    ctx.node.on('call:status', (call) => statuses.push(call.args[0]));
    const caught = await expectError(ctx, { payload: 1 });
    assert.equal(caught.error.code, 1200);
    assert.match(caught.error.message, /^updateArea\b.*1200/);
    assert.match(caught.error.message, /Area 7/);
    assert.equal(caught.error.source.id, 'n1');
    assert.equal(caught.thermometry.error.code, 1200);
    await new Promise((r) => setImmediate(r));
    const last = statuses[statuses.length - 1];
    assert.equal(last.fill, 'red');
    assert.equal(last.shape, 'ring');
    assert.match(last.text, /1200/);
  });

  it('names the field and the rule when a value is out of range (checked before sending)', async () => {
    const ctx = await load(emulator, 'thermometry-area', EDITOR);
    const caught = await expectError(ctx, { payload: { threshold: 60000 } });
    assert.match(caught.error.message, /threshold/);
    assert.match(caught.error.message, /-40|350/);
    assert.equal(caught.thermometry.error.field, 'threshold');
    assert.equal(caught.thermometry.error.kind, 'validation');
    assert.deepEqual((await expectOutput(ctx, { operation: 'listAreas' })).payload, [], 'nothing was added');
  });

  it('refuses an administrator method to an operator with the camera\'s authorization error', async () => {
    const ctx = await load(emulator, 'thermometry-area', EDITOR, OPERATOR);
    const caught = await expectError(ctx, {});
    assert.ok(caught.error.code === 2109 || caught.thermometry.error.kind === 'authorization', caught.error.message);
    assert.ok(!caught.error.message.includes('operator:operator'));
    const list = await expectOutput(ctx, { operation: 'listAreas' });
    assert.deepEqual(list.payload, [], 'an operator may still list');
  });

  it('rejects a bad msg.operation and a bad payload type with the field and the rule, then keeps working', async () => {
    const ctx = await load(emulator, 'thermometry-area', EDITOR);
    let caught = await expectError(ctx, { operation: 'getGroupStatus' });
    assert.match(caught.error.message, /msg\.operation "getGroupStatus" is not an operation of this node: use one of addArea, updateArea, removeAreas, listAreas/);
    assert.equal(caught.error.code, 'validation');
    caught = await expectError(ctx, { operation: 42 });
    assert.match(caught.error.message, /msg\.operation must be a string/);
    caught = await expectError(ctx, { payload: [1, 2] });
    assert.match(caught.error.message, /msg\.payload must be an object/);
    caught = await expectError(ctx, { payload: { treshold: 3 } });
    assert.match(caught.error.message, /msg\.payload\.treshold is not a parameter of addArea/);
    caught = await expectError(ctx, { payload: { vertices: 'not a polygon' } });
    assert.match(caught.error.message, /vertices/);
    caught = await expectError(ctx, { context: { not: 'a string' } });
    assert.match(caught.error.message, /msg\.context must be a string/);
    const ok = await expectOutput(ctx, { operation: 'listAreas' });
    assert.deepEqual(ok.payload, []);
  });

  it('survives hostile messages (odd prototypes, wrong types, huge strings, Dates, Buffers)', async () => {
    const ctx = await load(emulator, 'thermometry-area', EDITOR);
    // Each with what it must give: a reply (a null-prototype payload is a plain object of no keys), or the rule broken.
    const hostile = [
      [{ payload: Object.create(null) }, 'out'],
      [{ payload: { name: 'x'.repeat(100000) } }, /"name" must be a string of at most/],
      [{ payload: { threshold: '80' } }, /"threshold" must be a whole number/],
      [{ payload: { vertices: [[0, 0], [0, 0], [0, 0]] } }, /vertices.*unique/],
      [{ payload: { enabled: 'yes' } }, /"enabled" must be true or false/],
      [{ operation: 'constructor' }, /msg\.operation "constructor" is not an operation/],
      [{ operation: '__proto__' }, /msg\.operation "__proto__" is not an operation/],
      [{ payload: new Date() }, /msg\.payload must be an object/],
      [{ payload: Buffer.from('x') }, /msg\.payload must be an object/],
    ];
    for (const [msg, expected] of hostile) {
      const r = await run(ctx, msg);
      assert.ok(r.caught || r.out);
      if (expected === 'out') assert.ok(r.out, `a reply for ${JSON.stringify(msg)}, got ${r.caught && r.caught.error.message}`);
      else assert.match(r.caught ? r.caught.error.message : 'a reply', expected);
    }
    const ok = await expectOutput(ctx, { operation: 'listAreas' });
    assert.ok(Array.isArray(ok.payload));
  });

  it('a message frozen upstream (Object.freeze in a function node) ends at the Catch node, not in an unhandled rejection', async () => {
    const rejections = [];
    const onRejection = (reason) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      for (const [type, config] of [['thermometry-area', { operation: 'listAreas' }], ['thermometry-status', { operation: 'getAreaStatus', interval: '0' }]]) {
        await helper.unload();
        const ctx = await load(emulator, type, config);
        const caught = await expectError(ctx, Object.freeze({ _msgid: `frozen-${type}`, payload: 1 }));
        assert.match(caught.error.message, /(listAreas|getAreaStatus): msg\.payload cannot be written: the message is frozen/, `${type}: ${caught.error.message}`);
        assert.equal(caught._msgid, `frozen-${type}`);
      }
      // Rejections are reported after the microtasks of the turn that made them.
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(rejections.map(String), []);
    } finally {
      process.removeListener('unhandledRejection', onRejection);
    }
  });

  it('calls done() once per message, on success and on failure (a Complete node sees both)', async () => {
    const ctx = await load(emulator, 'thermometry-area', EDITOR);
    const completes = [];
    ctx.completed.on('input', (m) => completes.push(m));
    await expectOutput(ctx, { operation: 'listAreas', _msgid: 'm1' });
    await expectError(ctx, { operation: 'nope', _msgid: 'm2' });
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(completes.map((m) => m._msgid), ['m1']);
  });

  it('leaves no connection open on the emulator after unload', async () => {
    const ctx = await load(emulator, 'thermometry-area', EDITOR);
    await expectOutput(ctx, { operation: 'listAreas' });
    await helper.unload();
    assert.equal(await settleConnections(emulator), 0);
  });
});
