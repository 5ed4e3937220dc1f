'use strict';
// Every thermometry.cgi method's happy path and reply shape, over real HTTP with real Digest.
const assert = require('node:assert/strict');
const { start } = require('../../dist/emulator');
const { METHOD_NAMES } = require('../../dist/api/methods');
const { DigestSession, areaParams, groupParams, SQUARE } = require('./support');
const { useEmulator } = require('../support/emulator');

describe('emulator: every method answers with the reference shape', () => {
  const emu = useEmulator();
  let root;
  before(() => {
    root = new DigestSession(emu.url, 'root', 'pass');
  });

  async function ok(method, params, opts) {
    const res = await root.call(method, params, opts);
    assert.equal(res.status, 200, `${method}: ${res.text}`);
    assert.match(res.headers['content-type'], /^application\/json/);
    assert.equal(res.json.method, method);
    assert.equal(res.json.error, undefined);
    return res.json;
  }

  it('getSupportedVersions (no apiVersion in the request) lists the highest minor', async () => {
    const body = await ok('getSupportedVersions', undefined, { apiVersion: null, context: 'my context' });
    assert.deepEqual(body, { apiVersion: '1.3', context: 'my context', method: 'getSupportedVersions', data: { apiVersions: ['1.3'] } });
  });

  it('getConfigurationCapabilities gives every limit, maxGroups from 1.2 only, the channel lists from 1.3 only', async () => {
    const body = await ok('getConfigurationCapabilities', {});
    assert.deepEqual(body.data, {
      currentTemperatureScale: 'celsius',
      minTemperature: -40,
      maxTemperature: 350,
      maxNumberOfAreas: 10,
      maxNumberOfVertices: 10,
      maxDelayTime: 300,
      defaultDelayTime: 5,
      maxNameLength: 60,
      maxGroups: 5,
      imagesources: [0],
      overlayChannels: [],
    });
    const v12 = await ok('getConfigurationCapabilities', {}, { apiVersion: '1.2' });
    assert.equal(v12.data.maxGroups, 5);
    assert.equal('imagesources' in v12.data || 'overlayChannels' in v12.data, false);
    const old = await ok('getConfigurationCapabilities', {}, { apiVersion: '1.0' });
    assert.equal(old.apiVersion, '1.0');
    assert.equal('maxGroups' in old.data, false);
  });

  it('setTemperatureScale answers {} and the scale changes', async () => {
    assert.deepEqual((await ok('setTemperatureScale', { unit: 'fahrenheit' })).data, {});
    assert.equal((await ok('getConfigurationCapabilities')).data.currentTemperatureScale, 'fahrenheit');
    await ok('setTemperatureScale', { unit: 'celsius' });
  });

  it('setIsothermLevels then getIsothermLevels (min from 1.2 on)', async () => {
    assert.deepEqual((await ok('setIsothermLevels', { high: 100, middle: 50, low: 10, min: 0, renderOverlay: true })).data, {});
    assert.deepEqual((await ok('getIsothermLevels', {})).data, { high: 100, middle: 50, low: 10, min: 0, renderOverlay: true });
    assert.deepEqual((await ok('getIsothermLevels', {}, { apiVersion: '1.1' })).data, { high: 100, middle: 50, low: 10, renderOverlay: true });
  });

  it('addArea numbers from 0; listAreas gives the syntax spelling; updateArea and removeAreas answer {}', async () => {
    const a0 = await ok('addArea', areaParams());
    assert.deepEqual(a0.data, { id: 0 });
    const a1 = await ok('addArea', areaParams({ name: 'Area 2', areaOverlay: 'if_triggered' }));
    assert.deepEqual(a1.data, { id: 1 });
    const list = await ok('listAreas', { presetNbr: 0 });
    assert.deepEqual(list.data.arealist[0], {
      id: 0,
      imagesource: 0,
      enabled: true,
      name: 'Area 1',
      detectionType: 'above',
      measurement: 'average',
      threshold: 100,
      delay: 5,
      position: SQUARE,
      areaOverlay: 'always',
      temperatureOverlay: true,
      presetNbr: 0,
    });
    assert.equal(list.data.arealist[1].areaOverlay, 'if_triggered');
    const upd = await ok('updateArea', { id: 0, ...areaParams({ detectionType: 'below', measurement: 'minimum', threshold: 5 }) });
    assert.deepEqual(upd.data, {});
    const after = (await ok('listAreas', {})).data.arealist[0];
    assert.equal(after.detectionType, 'below');
    assert.equal(after.threshold, 5);
    assert.deepEqual((await ok('removeAreas', { areas: [1] })).data, {});
    assert.deepEqual(
      (await ok('listAreas')).data.arealist.map((a) => a.id),
      [0],
    );
  });

  it('getAreaStatus gives the enabled areas with readings in the current scale', async () => {
    const body = await ok('getAreaStatus', {});
    assert.equal(body.data.arealist.length, 1);
    const s = body.data.arealist[0];
    assert.deepEqual(Object.keys(s).sort(), ['avg', 'id', 'max', 'maxCoordinates', 'min', 'minCoordinates', 'triggered']);
    assert.equal(s.id, 0);
    assert.equal(s.avg, 22);
    assert.equal(s.triggered, false);
    assert.equal(s.minCoordinates.length, 2);
    await ok('setTemperatureScale', { unit: 'fahrenheit' });
    try {
      const f = (await ok('getAreaStatus')).data.arealist[0];
      assert.equal(f.avg, 71.6); // 22 C = 71.6 F: in tenths, as a camera measures
    } finally {
      await ok('setTemperatureScale', { unit: 'celsius' });
    }
  });

  it('every reading is written with a decimal point in the raw JSON text (241.0, never 241)', async () => {
    await ok('addArea', areaParams({ name: 'Area B' }));
    await ok('addGroup', groupParams({ name: 'Readings', areaIds: [0, 1] }));
    await ok('addSpotTemperature', { spotCoordinates: [0, 0], coordinateSystem: 'coord_neg1_1' });
    try {
      const status = await root.call('getAreaStatus', {});
      assert.match(status.text, /"data":\{"arealist":\[\{"id":0,"avg":22\.0,"min":22\.0,"max":22\.0,"minCoordinates":\[/);
      const spot = await root.call('getSpotTemperature', { coordinateSystem: 'coord_neg1_1' });
      assert.match(spot.text, /"spotTemperature":22\.0,/);
      const group = await root.call('getGroupStatus', {});
      assert.match(group.text, /"currentDeviation":0\.0,/);
      assert.match(group.text, /"maxDeviationAreas":\[\{"maxAreaId":0,"maxAreaTemp":22\.0\},\{"minAreaId":0,"minAreaTemp":22\.0\}\]/);
      // Settings stay whole numbers, as the syntax writes them and camera-side code reads them (an integer threshold).
      const list = await root.call('listAreas', {});
      assert.match(list.text, /"threshold":100,/);
      assert.match((await root.call('getConfigurationCapabilities', {})).text, /"minTemperature":-40,"maxTemperature":350,/);
    } finally {
      await ok('removeGroup', { id: 0 });
      await ok('removeAreas', { areas: [1] });
      await ok('removeSpotTemperature', {});
    }
  });

  it('spot: add (either coordinate system), get in the other system, remove', async () => {
    assert.deepEqual((await ok('addSpotTemperature', { spotCoordinates: [0.37, -0.95], coordinateSystem: 'coord_neg1_1' })).data, {});
    const neg = (await ok('getSpotTemperature', { coordinateSystem: 'coord_neg1_1' })).data;
    assert.deepEqual(neg, { spotTemperature: 22, spotCoordinates: [0.37, -0.95], renderOverlay: true });
    const zero = (await ok('getSpotTemperature', { coordinateSystem: 'coord_0_1' })).data;
    assert.deepEqual(zero.spotCoordinates, [0.685, 0.975]);
    await ok('addSpotTemperature', { spotCoordinates: [0.25, 0.25], coordinateSystem: 'coord_0_1' });
    assert.deepEqual((await ok('getSpotTemperature', { coordinateSystem: 'coord_neg1_1' })).data.spotCoordinates, [-0.5, 0.5]);
    assert.deepEqual((await ok('removeSpotTemperature', {})).data, {});
    assert.equal((await ok('getSpotTemperature', { coordinateSystem: 'coord_neg1_1' })).data.renderOverlay, false);
  });

  it('groups: addGroup numbers from 1 and says the real state; list, status, update, remove', async () => {
    await ok('addArea', areaParams({ name: 'Area B' }));
    const add = await ok('addGroup', groupParams({ areaIds: [0, 1] }));
    assert.deepEqual(add.data, { id: 1, enabled: true });
    const list = await ok('listGroups', { presetNbr: 0 });
    assert.deepEqual(list.data, {
      grouplist: [{ id: 1, enabled: true, name: 'Group 1', measurement: 'average', threshold: 5, delay: 5, areaIds: [0, 1], groupOverlay: true, presetNbr: 0 }],
    });
    const status = await ok('getGroupStatus', {});
    assert.deepEqual(status.data.grouplist, [
      {
        id: 1,
        triggered: false,
        details: {
          name: 'Group 1',
          currentDeviation: 0,
          memberAreas: [
            { areaId: 0, areaName: 'Area 1' },
            { areaId: 1, areaName: 'Area B' },
          ],
          maxDeviationAreas: [
            { maxAreaId: 0, maxAreaTemp: 22 },
            { minAreaId: 0, minAreaTemp: 22 },
          ],
        },
      },
    ]);
    const upd = await ok('updateGroup', { id: 1, ...groupParams({ name: 'G', areaIds: [0] }) });
    assert.deepEqual(upd.data, { enabled: false });
    assert.deepEqual((await ok('removeGroup', { id: 1 })).data, {});
    assert.deepEqual((await ok('listGroups')).data, { grouplist: [] });
  });

  it('answers every method of the table (nothing left unserved)', async () => {
    const seen = new Set();
    for (const m of METHOD_NAMES) {
      const res = await root.call(m, {});
      // 2103 (missing params), 1202 (guard tour on a fixed camera) or success, but never 2102.
      assert.notEqual(res.json.error && res.json.error.code, 2102, m);
      seen.add(m);
    }
    assert.equal(seen.size, METHOD_NAMES.length);
  });
});

describe('emulator: PTZ profile', () => {
  const emu = useEmulator({ profile: 'ptz' });
  let root;
  before(() => {
    root = new DigestSession(emu.url, 'root', 'pass', 'MD5');
  });

  it('guard tour configuration round-trips', async () => {
    const get0 = await root.call('getTgtConfiguration', {}, { apiVersion: '1.1' });
    assert.deepEqual(get0.json.data, { pauseOnAlarm: false, autoResume: false });
    const set = await root.call('setTgtConfiguration', { pauseOnAlarm: true, autoResume: true }, { apiVersion: '1.1' });
    assert.deepEqual(set.json.data, {});
    assert.deepEqual((await root.call('getTgtConfiguration', {})).json.data, { pauseOnAlarm: true, autoResume: true });
  });

  it('areas go on presets; listAreas filters by preset, 0 lists all; getAreaStatus gives the current preset', async () => {
    assert.equal((await root.call('addArea', areaParams({ presetNbr: 1 }))).json.data.id, 0);
    assert.equal((await root.call('addArea', areaParams({ presetNbr: 2, name: 'P2' }))).json.data.id, 1);
    assert.equal((await root.call('addArea', areaParams({ name: 'current' }))).json.data.id, 2); // no presetNbr: current preset (1)
    assert.deepEqual(
      (await root.call('listAreas', { presetNbr: 2 })).json.data.arealist.map((a) => a.id),
      [1],
    );
    assert.deepEqual(
      (await root.call('listAreas', { presetNbr: 0 })).json.data.arealist.map((a) => [a.id, a.presetNbr]),
      [
        [0, 1],
        [1, 2],
        [2, 1],
      ],
    );
    assert.deepEqual(
      (await root.call('getAreaStatus')).json.data.arealist.map((a) => a.id),
      [0, 2],
    );
    emu.camera.setCurrentPreset(2);
    assert.deepEqual(
      (await root.call('getAreaStatus')).json.data.arealist.map((a) => a.id),
      [1],
    );
    emu.camera.setCurrentPreset(null);
    assert.deepEqual((await root.call('getAreaStatus')).json.data.arealist, []);
    emu.camera.setCurrentPreset(1);
  });

  it('a missing preset is 1200 for addArea, listAreas, addGroup and listGroups', async () => {
    for (const [m, p] of [
      ['addArea', areaParams({ presetNbr: 9 })],
      ['listAreas', { presetNbr: 9 }],
      ['addGroup', groupParams({ presetNbr: 9 })],
      ['listGroups', { presetNbr: 9 }],
    ]) {
      const res = await root.call(m, p);
      assert.equal(res.status, 400, m);
      assert.equal(res.json.error.code, 1200, m);
      assert.match(res.json.error.message, /Preset does not exist/);
    }
  });

  it('maxNumberOfAreas counts per preset', async () => {
    const fresh = await start({ port: 0, profile: 'ptz' });
    try {
      const s = new DigestSession(fresh.url, 'root', 'pass');
      for (let i = 0; i < 10; i++) assert.equal((await s.call('addArea', areaParams({ presetNbr: 3, name: `a${i}` }))).status, 200);
      const full = await s.call('addArea', areaParams({ presetNbr: 3, name: 'eleventh' }));
      assert.equal(full.json.error.code, 1200);
      assert.match(full.json.error.message, /Maximum amount of areas/);
      assert.equal((await s.call('addArea', areaParams({ presetNbr: 4 }))).status, 200);
    } finally {
      await fresh.stop();
    }
  });

  it('groups belong to a preset; members must be on it', async () => {
    const bad = await root.call('addGroup', groupParams({ areaIds: [0, 1], presetNbr: 1 }));
    assert.equal(bad.json.error.code, 1200); // area 1 is on preset 2
    const good = await root.call('addGroup', groupParams({ areaIds: [0, 2], presetNbr: 1 }));
    assert.deepEqual(good.json.data, { id: 1, enabled: true });
    assert.equal((await root.call('getGroupStatus')).json.data.grouplist.length, 1);
    emu.camera.setCurrentPreset(2);
    assert.deepEqual((await root.call('getGroupStatus')).json.data.grouplist, []);
    emu.camera.setCurrentPreset(1);
    assert.deepEqual((await root.call('listGroups', { presetNbr: 2 })).json.data.grouplist, []);
    assert.equal((await root.call('listGroups', { presetNbr: 1 })).json.data.grouplist[0].presetNbr, 1);
  });
});
