'use strict';
// Payloads as flows build them: a real Node-RED Function node (its own vm
// realm, so its objects have another Object.prototype) feeds each node, for
// every operation the node offers, against the emulator over real HTTP.
const assert = require('node:assert/strict');
const path = require('path');
const { start } = require('../../dist/emulator');
const { NODE_SPECS } = require('../../dist/nodes/shared/node-specs');
const { helper, ALL, VERTICES, flow, run } = require('./support');

const FUNCTION_NODE = require(path.join(path.dirname(require.resolve('@node-red/nodes/package.json')), 'core', 'function', '10-function.js'));

/**
 * A flow of support.flow() with a Function node `fn` wired into n1. Its code
 * builds msg.operation and msg.payload from an object literal of its own
 * realm: steps[msg.step], or the code given as msg.make's key in `extra`.
 */
async function loadFed(emulator, type, steps, extra = {}) {
  const makers = Object.entries(extra).map(([k, code]) => `if (msg.make === ${JSON.stringify(k)}) return { operation: msg.operation, payload: ${code} };`).join('\n');
  const func = `${makers}\nconst steps = ${JSON.stringify(steps)};\nconst s = steps[msg.step];\nreturn { operation: s.operation, payload: s.payload };`;
  const nodes = flow(emulator, type, { operation: '' });
  nodes.push({ id: 'fn', z: 'f1', type: 'function', name: 'build payload', func, outputs: 1, noerr: 0, initialize: '', finalize: '', libs: [], x: 50, y: 400, wires: [['n1']] });
  await helper.load([...ALL, FUNCTION_NODE], nodes, { cam: { username: 'root', password: 'pass' } });
  const ctx = { node: helper.getNode('n1'), out: helper.getNode('out'), caught: helper.getNode('caught'), fn: helper.getNode('fn') };
  // The payload n1 received (before the reply replaces it), to prove it came from the Function node's realm.
  ctx.received = [];
  ctx.node.on('input', (msg) => ctx.received.push(msg.payload));
  // run() sends into n1; here the msg goes into the Function node instead.
  ctx.feed = (msg) => run({ ...ctx, node: ctx.fn }, msg);
  return ctx;
}

async function fedOutput(ctx, msg) {
  const r = await ctx.feed(msg);
  if (r.caught) throw new Error(`expected output for ${JSON.stringify(msg)}, got error: ${r.caught.error.message}`);
  const got = ctx.received[ctx.received.length - 1];
  assert.ok(got && typeof got === 'object', 'an object payload from the Function node');
  assert.notEqual(Object.getPrototypeOf(got), Object.prototype, 'the payload came from the Function node realm');
  return r.out;
}

async function fedError(ctx, msg) {
  const r = await ctx.feed(msg);
  if (r.out) throw new Error(`expected an error for ${JSON.stringify(msg)}, got output ${JSON.stringify(r.out.payload)}`);
  return r.caught;
}

const AREA = { enabled: true, name: 'Fn area', detectionType: 'above', measurement: 'maximum', threshold: 70, delay: 0, vertices: VERTICES };
const GROUP = { enabled: true, name: 'Fn group', measurement: 'maximum', threshold: 5, delay: 0, areaIds: [0, 1] };

/** For each node: steps run in order (state carries over); every operation of the node appears. */
const PLANS = {
  'thermometry-area': [
    { operation: 'addArea', payload: AREA, expect: { id: 0, name: 'Fn area' } },
    { operation: 'addArea', payload: { ...AREA, name: 'Fn area 2' }, expect: { id: 1, name: 'Fn area 2' } },
    { operation: 'updateArea', payload: { ...AREA, id: 1, name: 'Fn renamed', threshold: 80 }, expect: { id: 1 } },
    { operation: 'listAreas', payload: { presetNbr: 0 }, check: (p) => assert.deepEqual(p.map((a) => [a.id, a.name, a.threshold]), [[0, 'Fn area', 70], [1, 'Fn renamed', 80]]) },
    { operation: 'removeAreas', payload: { areas: [0] }, expect: { areas: [0] } },
    { operation: 'listAreas', payload: {}, check: (p) => assert.deepEqual(p.map((a) => a.id), [1]) },
  ],
  'thermometry-group': [
    { operation: 'addGroup', payload: GROUP, expect: { id: 1, enabled: true } },
    { operation: 'updateGroup', payload: { ...GROUP, id: 1, name: 'Fn group b', threshold: 9 }, expect: { id: 1, enabled: true } },
    { operation: 'listGroups', payload: { presetNbr: 0 }, check: (p) => assert.deepEqual(p.map((g) => [g.id, g.name, g.threshold]), [[1, 'Fn group b', 9]]) },
    { operation: 'removeGroup', payload: { id: 1 }, expect: { id: 1 } },
    { operation: 'listGroups', payload: {}, check: (p) => assert.deepEqual(p, []) },
  ],
  'thermometry-spot': [
    { operation: 'addSpotTemperature', payload: { spotCoordinates: [0.25, 0.5], coordinateSystem: 'coord_0_1' } },
    // API 1.3: a second spot meter on the visual image source (the PTZ profile is bispectral).
    { operation: 'addSpotTemperature', payload: { spotCoordinates: [0.75, 0.5], coordinateSystem: 'coord_0_1', imagesource: 1 } },
    { operation: 'getSpotTemperature', payload: { coordinateSystem: 'coord_0_1' }, check: (p) => assert.deepEqual(p.spotCoordinates, [0.25, 0.5]) },
    { operation: 'getSpotTemperature', payload: { coordinateSystem: 'coord_0_1', imagesource: 1 }, check: (p) => assert.deepEqual(p.spotCoordinates, [0.75, 0.5]) },
    { operation: 'removeSpotTemperature', payload: { imagesource: 1 }, expect: { imagesource: 1 } },
  ],
  'thermometry-status': [
    { operation: 'getAreaStatus', payload: { any: 'trigger' }, check: (p) => assert.ok(Array.isArray(p)) },
    { operation: 'getGroupStatus', payload: { any: 'trigger' }, check: (p) => assert.ok(Array.isArray(p)) },
  ],
  'thermometry-settings': [
    { operation: 'getSupportedVersions', payload: {} },
    { operation: 'getConfigurationCapabilities', payload: {}, check: (p) => assert.equal(p.currentTemperatureScale, 'celsius') },
    { operation: 'setIsothermLevels', payload: { high: 90, middle: 50, low: 20, renderOverlay: false } },
    { operation: 'getIsothermLevels', payload: {}, check: (p) => assert.deepEqual([p.high, p.middle, p.low, p.renderOverlay], [90, 50, 20, false]) },
    { operation: 'setTgtConfiguration', payload: { pauseOnAlarm: true, autoResume: false } },
    { operation: 'getTgtConfiguration', payload: {}, check: (p) => assert.deepEqual(p, { pauseOnAlarm: true, autoResume: false }) },
    { operation: 'setTemperatureScale', payload: { unit: 'fahrenheit' } },
    { operation: 'getConfigurationCapabilities', payload: {}, check: (p) => assert.equal(p.currentTemperatureScale, 'fahrenheit') },
    { operation: 'addOverlayChannel', payload: { imagesource: 0, overlayChannel: 1 }, expect: { imagesource: 0, overlayChannel: 1 } },
    { operation: 'listOverlayChannels', payload: {}, check: (p) => assert.deepEqual(JSON.parse(JSON.stringify(p)), [{ imagesource: 0, overlayChannels: [1] }]) },
    { operation: 'removeOverlayChannel', payload: { imagesource: 0, overlayChannel: 1 } },
    { operation: 'listSpotMeters', payload: {}, check: (p) => assert.deepEqual(JSON.parse(JSON.stringify(p)), [{ imagesource: 0, active: false }, { imagesource: 1, active: false }]) },
  ],
};

/** A Function-built payload with one bad field per node: the field's own rule answers, not the payload-shape refusal. */
const BAD_FIELD = {
  'thermometry-area': { operation: 'addArea', payload: { ...AREA, threshold: 'hot' }, field: 'threshold', rule: /"threshold" must be a whole number/ },
  'thermometry-group': { operation: 'addGroup', payload: { ...GROUP, threshold: 'hot' }, field: 'threshold', rule: /"threshold" must be a whole number/ },
  'thermometry-spot': { operation: 'addSpotTemperature', payload: { spotCoordinates: [2, 0], coordinateSystem: 'coord_0_1' }, field: 'spotCoordinates', rule: /from 0 to 1/ },
  'thermometry-settings': { operation: 'setTemperatureScale', payload: { unit: 'kelvin' }, field: 'unit', rule: /"unit" must be one of celsius, fahrenheit/ },
};

describe('nodes fed by a real Function node (objects of another realm)', function () {
  let emulator;
  beforeEach(async () => {
    // PTZ: the guard tour methods answer; areas go to every preset.
    emulator = await start({ port: 0, profile: 'ptz' });
  });
  afterEach(async () => {
    await helper.unload();
    await emulator.stop();
  });

  it('the plans cover every operation of every operation node', function () {
    for (const [type, spec] of Object.entries(NODE_SPECS)) {
      const planned = new Set(PLANS[type].map((s) => s.operation));
      assert.deepEqual([...spec.operations.methods].filter((m) => !planned.has(m)), [], type);
    }
  });

  for (const type of Object.keys(PLANS)) {
    it(`${type}: every operation runs with a Function-built payload`, async function () {
      if (type === 'thermometry-group' || type === 'thermometry-status') {
        const areas = await loadFed(emulator, 'thermometry-area', PLANS['thermometry-area']);
        await fedOutput(areas, { step: 0 });
        await fedOutput(areas, { step: 1 });
        await helper.unload();
        if (type === 'thermometry-status') {
          // A group too, so both status reads have something to report.
          const groups = await loadFed(emulator, 'thermometry-group', PLANS['thermometry-group']);
          await fedOutput(groups, { step: 0 });
          await helper.unload();
        }
      }
      const ctx = await loadFed(emulator, type, PLANS[type]);
      for (const [i, step] of PLANS[type].entries()) {
        const out = await fedOutput(ctx, { step: i });
        assert.equal(out.thermometry.method, step.operation, `step ${i}`);
        // Through JSON: a reply that echoes the request holds the Function node's arrays (another prototype).
        if (step.expect) assert.deepEqual(JSON.parse(JSON.stringify(out.payload)), step.expect, `step ${i} ${step.operation}`);
        if (step.check) step.check(out.payload);
      }
      if (type === 'thermometry-status') {
        const out = await fedOutput(ctx, { step: 0 });
        assert.deepEqual(out.payload.map((a) => a.id), [0, 1], 'status of the two areas');
      }
    });
  }

  for (const [type, bad] of Object.entries(BAD_FIELD)) {
    it(`${type}: a Function-built payload with a bad ${bad.field} gets the ${bad.field} rule`, async function () {
      const ctx = await loadFed(emulator, type, [bad]);
      const caught = await fedError(ctx, { step: 0 });
      assert.notEqual(Object.getPrototypeOf(ctx.received[0]), Object.prototype, 'payload of the Function node realm');
      assert.match(caught.error.message, bad.rule);
      assert.doesNotMatch(caught.error.message, /msg\.payload must be an object/);
      assert.equal(caught.thermometry.error.field, bad.field);
      assert.equal(caught.thermometry.error.kind, 'validation');
    });
  }

  it('Function-built arrays, Buffers, Dates, Maps and class instances are refused naming what they are', async function () {
    const ctx = await loadFed(emulator, 'thermometry-area', [], {
      array: '[1, 2]',
      buffer: 'Buffer.from("x")',
      date: 'new Date(0)',
      map: 'new Map([["threshold", 70]])',
      instance: 'new (class Reading { constructor() { this.threshold = 70; } })()',
      nullProto: 'Object.assign(Object.create(null), { presetNbr: 0 })',
    });
    for (const [make, words] of [['array', 'an array'], ['buffer', 'a Buffer'], ['date', 'a Date'], ['map', 'a Map'], ['instance', 'an instance of Reading']]) {
      const caught = await fedError(ctx, { make, operation: 'addArea' });
      assert.match(caught.error.message, /msg\.payload must be an object of parameters/, make);
      assert.ok(caught.error.message.endsWith(`got ${words}`), `${make}: ${caught.error.message}`);
      assert.equal(caught.thermometry.error.field, 'payload');
    }
    // A null-prototype object is a plain object: its keys are the parameters.
    const listed = await ctx.feed({ make: 'nullProto', operation: 'listAreas' });
    assert.ok(listed.out, `null-prototype payload answered: ${listed.caught && listed.caught.error.message}`);
    assert.deepEqual(listed.out.payload, []);
  });

  it('a msg.operation that is not a string is refused as "an object"', async function () {
    const ctx = await loadFed(emulator, 'thermometry-area', [{ operation: { name: 'add' }, payload: AREA }]);
    const caught = await fedError(ctx, { step: 0 });
    assert.match(caught.error.message, /msg\.operation must be a string .*got an object$/);
    assert.equal(caught.thermometry.error.field, 'operation');
  });
});
