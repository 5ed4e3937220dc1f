'use strict';
const assert = require('node:assert/strict');
const { start } = require('../../dist/emulator');
const { ThermometryClient } = require('../../dist/client');
const { helper, VERTICES, load, expectOutput, expectError } = require('./support');

async function addAreas(emulator, n) {
  const client = new ThermometryClient({ host: '127.0.0.1', port: emulator.port, username: 'root', password: 'pass' });
  try {
    for (let i = 0; i < n; i++) {
      await client.addArea({ enabled: true, name: `A${i}`, detectionType: 'above', measurement: 'maximum', threshold: 60, delay: 5, vertices: VERTICES });
    }
  } finally {
    client.close();
  }
}

describe('thermometry-group node', function () {
  let emulator;
  beforeEach(async () => {
    emulator = await start({ port: 0 });
    await addAreas(emulator, 3);
  });
  afterEach(async () => {
    await helper.unload();
    await emulator.stop();
  });
  const EDITOR = { operation: 'addGroup', groupId: '1', enabled: true, groupName: 'Line 1', measurement: 'maximum', threshold: '5', delay: '5', areaIds: '0, 1', groupOverlay: true, presetNbr: '' };

  it('adds (payload {id, enabled}), lists, updates and removes groups', async () => {
    const ctx = await load(emulator, 'thermometry-group', EDITOR);
    const added = await expectOutput(ctx, {});
    assert.deepEqual(added.payload, { id: 1, enabled: true });
    assert.equal(added.thermometry.method, 'addGroup');
    let list = (await expectOutput(ctx, { operation: 'list' })).payload;
    assert.equal(list.length, 1);
    assert.equal(list[0].name, 'Line 1');
    assert.deepEqual(list[0].areaIds, [0, 1]);
    const upd = await expectOutput(ctx, { operation: 'updateGroup', payload: { id: 1, name: 'Line 1b', areaIds: [0, 1, 2], threshold: 9 } });
    assert.deepEqual(upd.payload, { id: 1, enabled: true });
    list = (await expectOutput(ctx, { operation: 'listGroups' })).payload;
    assert.equal(list[0].name, 'Line 1b');
    assert.equal(list[0].threshold, 9);
    assert.deepEqual(list[0].areaIds, [0, 1, 2]);
    const rem = await expectOutput(ctx, { operation: 'remove', payload: { id: 1 } });
    assert.deepEqual(rem.payload, { id: 1 });
    assert.deepEqual((await expectOutput(ctx, { operation: 'listGroups' })).payload, []);
  });

  it('reports the real state: a group of one area stays disabled', async () => {
    const ctx = await load(emulator, 'thermometry-group', { ...EDITOR, areaIds: '2' });
    const added = await expectOutput(ctx, {});
    assert.equal(added.payload.enabled, false);
  });

  it('sends 1200 to the Catch node for a name already taken', async () => {
    const ctx = await load(emulator, 'thermometry-group', EDITOR);
    await expectOutput(ctx, {});
    const caught = await expectError(ctx, {});
    assert.equal(caught.error.code, 1200);
    assert.equal(caught.thermometry.method, 'addGroup');
  });

  it('removes every group with id 0 (status "all groups removed")', async () => {
    const ctx = await load(emulator, 'thermometry-group', EDITOR);
    await expectOutput(ctx, {});
    await expectOutput(ctx, { payload: { name: 'Line 2' } });
    const statuses = [];
    ctx.node.on('call:status', (c) => statuses.push(c.args[0]));
    await expectOutput(ctx, { operation: 'removeGroup', payload: { id: 0 } });
    await new Promise((r) => setImmediate(r));
    assert.equal(statuses[statuses.length - 1].text, 'all groups removed');
    assert.deepEqual((await expectOutput(ctx, { operation: 'listGroups' })).payload, []);
  });

  it('refuses groups on an API 1.1 camera setting with a version error naming 1.2', async () => {
    const ctx = await load(emulator, 'thermometry-group', EDITOR, undefined, { apiVersion: '1.1' });
    const caught = await expectError(ctx, {});
    assert.match(caught.error.message, /1\.2/);
  });
});

describe('thermometry-spot node', function () {
  let emulator;
  beforeEach(async () => {
    emulator = await start({ port: 0 });
  });
  afterEach(async () => {
    await helper.unload();
    await emulator.stop();
  });

  it('sets the spot from the editor, reads it (payload {spotTemperature, spotCoordinates}), removes it', async () => {
    const ctx = await load(emulator, 'thermometry-spot', { operation: 'addSpotTemperature', spotCoordinates: '[0.2, -0.4]', coordinateSystem: 'coord_neg1_1' });
    const set = await expectOutput(ctx, {});
    assert.deepEqual(set.payload, { spotCoordinates: [0.2, -0.4], coordinateSystem: 'coord_neg1_1' });
    const read = await expectOutput(ctx, { operation: 'read' });
    assert.equal(typeof read.payload.spotTemperature, 'number');
    assert.deepEqual(read.payload.spotCoordinates, [0.2, -0.4]);
    const read01 = await expectOutput(ctx, { operation: 'getSpotTemperature', payload: { coordinateSystem: 'coord_0_1' } });
    assert.ok(Math.abs(read01.payload.spotCoordinates[0] - 0.6) < 1e-9, 'x converted to 0..1');
    assert.ok(Math.abs(read01.payload.spotCoordinates[1] - 0.7) < 1e-9, 'y converted to 0..1, origin upper left');
    const removed = await expectOutput(ctx, { operation: 'remove' });
    assert.deepEqual(removed.payload, {});
  });

  it('takes the point from msg.payload over the editor field', async () => {
    const ctx = await load(emulator, 'thermometry-spot', { operation: 'addSpotTemperature', spotCoordinates: '[0, 0]', coordinateSystem: 'coord_neg1_1' });
    await expectOutput(ctx, { payload: { spotCoordinates: [-0.5, 0.5] } });
    const read = await expectOutput(ctx, { operation: 'read' });
    assert.deepEqual(read.payload.spotCoordinates, [-0.5, 0.5]);
  });

  it('names the field when the point is outside the coordinate system', async () => {
    const ctx = await load(emulator, 'thermometry-spot', { operation: 'addSpotTemperature', spotCoordinates: '[0, 0]', coordinateSystem: 'coord_0_1' });
    const caught = await expectError(ctx, { payload: { spotCoordinates: [-0.5, 2] } });
    assert.match(caught.error.message, /spotCoordinates/);
  });
});

describe('thermometry-settings node', function () {
  let emulator;
  afterEach(async () => {
    await helper.unload();
    await emulator.stop();
  });
  const EDITOR = { operation: 'getConfigurationCapabilities', unit: 'celsius', high: '100', middle: '60', low: '30', min: '', renderOverlay: true, pauseOnAlarm: true, autoResume: false };

  it('reads versions (an array) and capabilities, sets the scale, gets and sets isotherm levels', async () => {
    emulator = await start({ port: 0 });
    const ctx = await load(emulator, 'thermometry-settings', EDITOR);
    const versions = await expectOutput(ctx, { operation: 'versions' });
    assert.ok(Array.isArray(versions.payload) && versions.payload.includes('1.3'));
    const caps = await expectOutput(ctx, {});
    assert.equal(caps.payload.currentTemperatureScale, 'celsius');
    assert.equal(typeof caps.payload.maxNumberOfAreas, 'number');
    const scale = await expectOutput(ctx, { operation: 'setTemperatureScale', payload: { unit: 'fahrenheit' } });
    assert.deepEqual(scale.payload, { unit: 'fahrenheit' });
    assert.equal((await expectOutput(ctx, {})).payload.currentTemperatureScale, 'fahrenheit');
    const set = await expectOutput(ctx, { operation: 'setIsothermLevels' });
    assert.deepEqual(set.payload, { high: 100, middle: 60, low: 30, renderOverlay: true });
    const got = await expectOutput(ctx, { operation: 'getIsothermLevels' });
    assert.equal(got.payload.high, 100);
    assert.equal(got.payload.middle, 60);
    assert.equal(got.payload.low, 30);
    assert.equal(got.payload.renderOverlay, true);
  });

  it('sends 1202 to the Catch node for the guard tour on a fixed camera', async () => {
    emulator = await start({ port: 0, profile: 'fixed' });
    const ctx = await load(emulator, 'thermometry-settings', { ...EDITOR, operation: 'getTgtConfiguration' });
    const caught = await expectError(ctx, {});
    assert.equal(caught.error.code, 1202);
  });

  it('gets and sets the guard tour on a PTZ camera', async () => {
    emulator = await start({ port: 0, profile: 'ptz' });
    const ctx = await load(emulator, 'thermometry-settings', { ...EDITOR, operation: 'setTgtConfiguration' });
    const set = await expectOutput(ctx, {});
    assert.deepEqual(set.payload, { pauseOnAlarm: true, autoResume: false });
    const got = await expectOutput(ctx, { operation: 'getGuardTour' });
    assert.deepEqual(got.payload, { pauseOnAlarm: true, autoResume: false });
  });

  it('names the rule when isotherm levels do not rise', async () => {
    emulator = await start({ port: 0 });
    const ctx = await load(emulator, 'thermometry-settings', { ...EDITOR, operation: 'setIsothermLevels' });
    const caught = await expectError(ctx, { payload: { low: 70 } });
    assert.match(caught.error.message, /low|middle|rising|unique/i);
  });
});
