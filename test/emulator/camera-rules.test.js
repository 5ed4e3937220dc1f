'use strict';
// State that behaves like a camera's: group enabled rule, groups updated when areas
// go, scale conversion, isotherm rules, ids, and the two spellings of the reference.
const assert = require('node:assert/strict');
const { start } = require('../../dist/emulator');
const { DigestSession, areaParams, groupParams } = require('./support');
const { useEmulator } = require('../support/emulator');

describe('emulator camera rules', () => {
  const emu = useEmulator({}, { each: true });
  let root;
  beforeEach(() => {
    root = new DigestSession(emu.url, 'root', 'pass');
  });

  const data = async (method, params) => {
    const res = await root.call(method, params);
    assert.equal(res.status, 200, `${method}: ${res.text}`);
    return res.json.data;
  };
  const errorCode = async (method, params) => (await root.call(method, params)).json.error?.code;

  it('area ids start at 0 and reuse the lowest free id; group ids start at 1', async () => {
    // Names differ: from API 1.3 an area's name is unique.
    assert.equal((await data('addArea', areaParams({ name: 'A' }))).id, 0);
    assert.equal((await data('addArea', areaParams({ name: 'B' }))).id, 1);
    assert.equal((await data('addArea', areaParams({ name: 'C' }))).id, 2);
    await data('removeAreas', { areas: [1] });
    assert.equal((await data('addArea', areaParams({ name: 'D' }))).id, 1);
    assert.equal((await data('addGroup', groupParams({ name: 'a' }))).id, 1);
    assert.equal((await data('addGroup', groupParams({ name: 'b' }))).id, 2);
  });

  it('a group stays disabled with fewer than two areas, or a disabled member, and the reply says so', async () => {
    await data('addArea', areaParams({ name: 'A' }));
    await data('addArea', areaParams({ name: 'B' }));
    await data('addArea', areaParams({ name: 'C', enabled: false }));
    assert.deepEqual(await data('addGroup', groupParams({ name: 'none', areaIds: [] })), { id: 1, enabled: false });
    assert.deepEqual(await data('addGroup', groupParams({ name: 'one', areaIds: [0] })), { id: 2, enabled: false });
    assert.deepEqual(await data('addGroup', groupParams({ name: 'with-disabled', areaIds: [0, 2] })), { id: 3, enabled: false });
    assert.deepEqual(await data('addGroup', groupParams({ name: 'asked-off', enabled: false, areaIds: [0, 1] })), { id: 4, enabled: false });
    assert.deepEqual(await data('addGroup', groupParams({ name: 'two', areaIds: [0, 1] })), { id: 5, enabled: true });
    const listed = (await data('listGroups', {})).grouplist.map((g) => [g.id, g.enabled]);
    assert.deepEqual(listed, [
      [1, false],
      [2, false],
      [3, false],
      [4, false],
      [5, true],
    ]);
    // Enabling the disabled member enables the group that asked to be enabled.
    await data('updateArea', { id: 2, ...areaParams({ name: 'C', enabled: true }) });
    assert.equal((await data('listGroups', {})).grouplist.find((g) => g.id === 3).enabled, true);
    // Only enabled groups are reported by getGroupStatus.
    assert.deepEqual(
      (await data('getGroupStatus', {})).grouplist.map((g) => g.id),
      [3, 5],
    );
    // updateGroup to one area: the reply says disabled.
    assert.deepEqual(await data('updateGroup', { id: 5, ...groupParams({ name: 'two', areaIds: [1] }) }), { enabled: false });
  });

  it('removing areas takes them out of their groups, which then say their real state', async () => {
    await data('addArea', areaParams({ name: 'A' }));
    await data('addArea', areaParams({ name: 'B' }));
    await data('addArea', areaParams({ name: 'C' }));
    await data('addGroup', groupParams({ name: 'abc', areaIds: [0, 1, 2] }));
    await data('addGroup', groupParams({ name: 'ab', areaIds: [0, 1] }));
    await data('removeAreas', { areas: [1] });
    const groups = (await data('listGroups', {})).grouplist;
    assert.deepEqual(
      groups.map((g) => [g.id, g.areaIds, g.enabled]),
      [
        [1, [0, 2], true],
        [2, [0], false],
      ],
    );
    const status = (await data('getGroupStatus', {})).grouplist;
    assert.deepEqual(status[0].details.memberAreas, [
      { areaId: 0, areaName: 'A' },
      { areaId: 2, areaName: 'C' },
    ]);
  });

  it('removeGroup 0 removes every group', async () => {
    await data('addGroup', groupParams({ name: 'a' }));
    await data('addGroup', groupParams({ name: 'b' }));
    await data('removeGroup', { id: 0 });
    assert.deepEqual((await data('listGroups', {})).grouplist, []);
  });

  it('group names are unique (1200) but may be kept by the same group on update', async () => {
    await data('addGroup', groupParams({ name: 'a' }));
    await data('addGroup', groupParams({ name: 'b' }));
    assert.equal(await errorCode('updateGroup', { id: 2, ...groupParams({ name: 'a' }) }), 1200);
    assert.deepEqual(await data('updateGroup', { id: 2, ...groupParams({ name: 'b', threshold: 9 }) }), { enabled: false });
    assert.equal(await errorCode('addGroup', groupParams({ name: 'c', areaIds: [0, 0] })), 1200);
  });

  it('changing the scale converts limits, thresholds (absolute and change), group thresholds and isotherms', async () => {
    await data('addArea', areaParams({ name: 'abs', threshold: 100 }));
    await data('addArea', areaParams({ name: 'rate', detectionType: 'increase', threshold: 10 }));
    await data('addArea', areaParams({ name: 'cold', detectionType: 'below', threshold: -40 }));
    await data('addGroup', groupParams({ name: 'g', threshold: 5, areaIds: [0, 1] }));
    await data('setIsothermLevels', { high: 100, middle: 50, low: 10, min: 0, renderOverlay: true });
    await data('addSpotTemperature', { spotCoordinates: [0, 0], coordinateSystem: 'coord_neg1_1' });
    await data('setTemperatureScale', { unit: 'fahrenheit' });
    const caps = await data('getConfigurationCapabilities', {});
    assert.deepEqual([caps.currentTemperatureScale, caps.minTemperature, caps.maxTemperature], ['fahrenheit', -40, 662]);
    const areas = (await data('listAreas', {})).arealist;
    assert.deepEqual(
      areas.map((a) => a.threshold),
      [212, 18, -40],
    );
    assert.equal((await data('listGroups', {})).grouplist[0].threshold, 9);
    assert.deepEqual(await data('getIsothermLevels', {}), { high: 212, middle: 122, low: 50, min: 32, renderOverlay: true });
    assert.equal((await data('getSpotTemperature', { coordinateSystem: 'coord_neg1_1' })).spotTemperature, 71.6);
    // Values are now taken in fahrenheit: 500 F is fine, it would not be in celsius.
    assert.equal((await root.call('addArea', areaParams({ threshold: 500 }))).status, 200);
    // And back: the original celsius values return.
    await data('setTemperatureScale', { unit: 'celsius' });
    assert.deepEqual(
      (await data('listAreas', {})).arealist.slice(0, 3).map((a) => a.threshold),
      [100, 10, -40],
    );
    assert.equal((await data('listGroups', {})).grouplist[0].threshold, 5);
    assert.deepEqual(await data('getIsothermLevels', {}), { high: 100, middle: 50, low: 10, min: 0, renderOverlay: true });
    const changes = [];
    emu.camera.on('change', (c) => changes.push(c.what));
    await data('setTemperatureScale', { unit: 'celsius' }); // no change, no event
    assert.deepEqual(changes, []);
  });

  it('isotherm levels: unique and rising, each within its range, min omitted = the lowest possible', async () => {
    const bad = [
      { high: 100, middle: 50, low: 50, renderOverlay: true }, // not unique
      { high: 40, middle: 50, low: 10, renderOverlay: true }, // not rising
      { high: 351, middle: 50, low: 10, renderOverlay: true }, // high above max
      { high: 100, middle: 50, low: -40, renderOverlay: true }, // low below min+1
      { high: 350, middle: 350, low: 10, renderOverlay: true }, // middle above max-1
      { high: 100, middle: 50, low: 10, min: 348, renderOverlay: true }, // min above max-3
      { high: 100, middle: 50, low: 10, min: 20, renderOverlay: true }, // min above low
    ];
    for (const levels of bad) assert.equal(await errorCode('setIsothermLevels', levels), 2104, JSON.stringify(levels));
    await data('setIsothermLevels', { high: 350, middle: 349, low: 348, min: 347, renderOverlay: false });
    await data('setIsothermLevels', { high: -37, middle: -38, low: -39, renderOverlay: false });
    assert.deepEqual(await data('getIsothermLevels', {}), { high: -37, middle: -38, low: -39, min: -40, renderOverlay: false });
  });

  it('a parameter newer than the requested version is ignored (isotherm min before 1.2)', async () => {
    const res = await root.call('setIsothermLevels', { high: 100, middle: 50, low: 10, min: 20, renderOverlay: false }, { apiVersion: '1.0' });
    assert.equal(res.status, 200, res.text);
    assert.equal((await data('getIsothermLevels', {})).min, -40);
  });

  it('updateArea keeps optional fields it is not given', async () => {
    await data('addArea', areaParams({ areaOverlay: 'if_triggered', temperatureOverlay: true, imagesource: 1 }));
    const p = areaParams({ name: 'renamed' });
    delete p.areaOverlay;
    delete p.temperatureOverlay;
    delete p.imagesource;
    await data('updateArea', { id: 0, ...p });
    const a = (await data('listAreas', {})).arealist[0];
    assert.deepEqual([a.name, a.areaOverlay, a.temperatureOverlay, a.imagesource], ['renamed', 'if_triggered', true, 1]);
  });

  it('presetNbr is ignored on a fixed camera (0 in lists)', async () => {
    await data('addArea', areaParams({ presetNbr: 7 }));
    assert.equal((await data('listAreas', { presetNbr: 7 })).arealist[0].presetNbr, 0);
  });

  it("emits 'change' for every configuration change", async () => {
    const changes = [];
    emu.camera.on('change', (c) => changes.push(c.what + (c.action ? `:${c.action}` : '')));
    await data('addArea', areaParams());
    await data('updateArea', { id: 0, ...areaParams() });
    await data('addArea', areaParams({ name: 'Area 2' }));
    await data('addGroup', groupParams({ areaIds: [0, 1] }));
    await data('removeAreas', { areas: [1] });
    await data('setIsothermLevels', { high: 100, middle: 50, low: 10, renderOverlay: true });
    await data('addSpotTemperature', { spotCoordinates: [0, 0], coordinateSystem: 'coord_neg1_1' });
    await data('setTemperatureScale', { unit: 'fahrenheit' });
    await data('removeGroup', { id: 1 });
    assert.deepEqual(changes, [
      'area:add',
      'area:update',
      'area:add',
      'group:add',
      'area:remove',
      'group:update',
      'isotherms',
      'spot',
      'scale',
      'group:remove',
    ]);
    assert.deepEqual(emu.camera.eventStates(), []);
  });

  it('readings come from the sensor in celsius and are answered in the current scale', async () => {
    emu.camera.sensor = {
      readArea: () => ({ avg: 100, min: 0, max: 200, minCoordinates: [0.1, 0.2], maxCoordinates: [-0.3, 0.4] }),
      readSpot: () => 37,
      areaTriggered: (id) => id === 0,
      groupStatus: () => ({ triggered: true, currentDeviation: 10, maxAreaId: 1, maxAreaTemp: 30, minAreaId: 0, minAreaTemp: 20 }),
    };
    await data('addArea', areaParams());
    await data('addArea', areaParams({ name: 'Area 2' }));
    await data('addGroup', groupParams({ areaIds: [0, 1] }));
    await data('setTemperatureScale', { unit: 'fahrenheit' });
    const s = (await data('getAreaStatus', {})).arealist[0];
    assert.deepEqual(s, { id: 0, avg: 212, min: 32, max: 392, minCoordinates: [0.1, 0.2], maxCoordinates: [-0.3, 0.4], triggered: true });
    assert.equal((await data('getSpotTemperature', { coordinateSystem: 'coord_neg1_1' })).spotTemperature, 98.6);
    const g = (await data('getGroupStatus', {})).grouplist[0];
    assert.equal(g.triggered, true);
    assert.equal(g.details.currentDeviation, 18);
    assert.deepEqual(g.details.maxDeviationAreas, [
      { maxAreaId: 1, maxAreaTemp: 86 },
      { minAreaId: 0, minAreaTemp: 68 },
    ]);
  });
});

describe('emulator spellings where the reference contradicts itself', () => {
  for (const profile of ['fixed-reference-spelling', 'ptz-reference-spelling']) {
    it(`${profile}: as the page's examples: areaList, imageSource, "if triggered", minPos/maxPos, whole degrees`, async () => {
      const emu = await start({ port: 0, profile });
      try {
        const root = new DigestSession(emu.url, 'root', 'pass');
        // Both spellings are taken on input.
        assert.equal((await root.call('addArea', areaParams({ areaOverlay: 'if triggered', presetNbr: 1 }))).status, 200);
        const p = areaParams({ name: 'Area 2', areaOverlay: 'if_triggered', presetNbr: 1 });
        delete p.imagesource;
        p.imageSource = 0;
        assert.equal((await root.call('addArea', p)).status, 200);
        const list = (await root.call('listAreas', {})).json.data;
        assert.deepEqual(Object.keys(list), ['areaList']);
        const a = list.areaList[0];
        assert.equal(a.imageSource, 0);
        assert.equal('imagesource' in a, false);
        assert.equal(a.areaOverlay, 'if triggered');
        assert.equal(list.areaList[1].areaOverlay, 'if triggered');
        const status = await root.call('getAreaStatus', {});
        assert.deepEqual(Object.keys(status.json.data), ['areaList']);
        assert.deepEqual(Object.keys(status.json.data.areaList[0]).sort(), ['avg', 'id', 'max', 'maxPos', 'min', 'minPos', 'triggered']);
        // The page's example writes "avg": 5: whole degrees, no decimal point in the text.
        assert.match(status.text, /"avg":-?\d+,"min":-?\d+,"max":-?\d+,/);
      } finally {
        await emu.stop();
      }
    });
  }

  it('fixed and ptz answer as devices: arealist, and the syntax elsewhere (imagesource, if_triggered, minCoordinates)', async () => {
    for (const profile of ['fixed', 'ptz']) {
      const emu = await start({ port: 0, profile });
      try {
        const root = new DigestSession(emu.url, 'root', 'pass');
        await root.call('addArea', areaParams({ areaOverlay: 'if_triggered' }));
        const list = (await root.call('listAreas', {})).json.data;
        assert.deepEqual(Object.keys(list), ['arealist']);
        const a = list.arealist[0];
        assert.equal(a.imagesource, 0);
        assert.equal(a.areaOverlay, 'if_triggered');
        const status = (await root.call('getAreaStatus', {})).json.data;
        assert.deepEqual(Object.keys(status), ['arealist']);
        assert.deepEqual(Object.keys(status.arealist[0]).sort(), ['avg', 'id', 'max', 'maxCoordinates', 'min', 'minCoordinates', 'triggered']);
      } finally {
        await emu.stop();
      }
    }
  });
});
