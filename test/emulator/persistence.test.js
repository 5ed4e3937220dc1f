'use strict';
// The configuration survives a restart through the state file; a torn or corrupt
// file is refused at start with an error naming it and is left untouched.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { start, StateFileError } = require('../../dist/emulator');
const { DigestSession, areaParams, groupParams } = require('./support');

describe('emulator persistence', () => {
  let dir;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-state-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a restart keeps areas, groups, spot, isotherms, scale and guard tour', async () => {
    const file = path.join(dir, 'camera.json');
    let emu = await start({ port: 0, profile: 'ptz', statePath: file });
    let root = new DigestSession(emu.url, 'root', 'pass');
    await root.call('addArea', areaParams({ name: 'A', presetNbr: 2 }));
    await root.call('addArea', areaParams({ name: 'B', presetNbr: 2 }));
    await root.call('addGroup', groupParams({ name: 'G', areaIds: [0, 1], presetNbr: 2 }));
    await root.call('setIsothermLevels', { high: 90, middle: 60, low: 30, min: 0, renderOverlay: true });
    await root.call('addSpotTemperature', { spotCoordinates: [0.25, 0.75], coordinateSystem: 'coord_0_1' });
    await root.call('setTgtConfiguration', { pauseOnAlarm: true, autoResume: true });
    await root.call('setTemperatureScale', { unit: 'fahrenheit' });
    const before = await Promise.all(
      ['listAreas', 'listGroups', 'getIsothermLevels', 'getTgtConfiguration', 'getConfigurationCapabilities'].map(
        async (m) => (await root.call(m, {})).json.data,
      ),
    );
    const spotBefore = (await root.call('getSpotTemperature', { coordinateSystem: 'coord_0_1' })).json.data;
    await emu.stop();
    assert.equal(fs.readdirSync(dir).length, 1, 'no temp file left behind');

    emu = await start({ port: 0, profile: 'ptz', statePath: file });
    try {
      root = new DigestSession(emu.url, 'root', 'pass');
      const after = await Promise.all(
        ['listAreas', 'listGroups', 'getIsothermLevels', 'getTgtConfiguration', 'getConfigurationCapabilities'].map(
          async (m) => (await root.call(m, {})).json.data,
        ),
      );
      assert.deepEqual(after, before);
      assert.equal(after[1].grouplist[0].enabled, true);
      assert.deepEqual((await root.call('getSpotTemperature', { coordinateSystem: 'coord_0_1' })).json.data, spotBefore);
      // ids go on from where they were.
      assert.equal((await root.call('addArea', areaParams({ presetNbr: 1 }))).json.data.id, 2);
    } finally {
      await emu.stop();
    }
  });

  it('no file yet: starts empty and creates it on the first change', async () => {
    const file = path.join(dir, 'new.json');
    const emu = await start({ port: 0, statePath: file });
    try {
      assert.equal(fs.existsSync(file), false);
      await new DigestSession(emu.url, 'root', 'pass').call('addArea', areaParams());
      const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
      assert.equal(doc.format, 'axis-thermal-emulator-state');
      assert.equal(doc.areas.length, 1);
    } finally {
      await emu.stop();
    }
  });

  it('refuses a file saved by a PTZ profile when started fixed (its areas sit on presets)', async () => {
    const file = path.join(dir, 'camera.json');
    const ptz = await start({ port: 0, profile: 'ptz', statePath: file });
    await new DigestSession(ptz.url, 'root', 'pass').call('addArea', areaParams({ presetNbr: 2 }));
    await ptz.stop();
    await assert.rejects(start({ port: 0, profile: 'fixed', statePath: file }), /saved by a PTZ camera profile/);
    const again = await start({ port: 0, profile: 'ptz-reference-spelling', statePath: file });
    try {
      assert.equal((await new DigestSession(again.url, 'root', 'pass').call('listAreas', {})).json.data.areaList[0].presetNbr, 2);
    } finally {
      await again.stop();
    }
  });

  const corrupt = {
    'empty (torn write)': '',
    'half a document': '{"format":"axis-thermal-emulator-state","version":1,"scale":"celsius","areas":[{"id":0,',
    'not JSON': 'areas: none',
    'another format': JSON.stringify({ hello: 'world' }),
    'a malformed area': JSON.stringify({
      format: 'axis-thermal-emulator-state',
      version: 1,
      ptz: false,
      scale: 'celsius',
      areas: [{ id: 0, name: 5 }],
      groups: [],
      spot: { point: [0, 0], renderOverlay: false },
      isotherms: { high: 3, middle: 2, low: 1, min: 0, renderOverlay: false },
      tgt: { pauseOnAlarm: false, autoResume: false },
    }),
  };
  for (const [what, text] of Object.entries(corrupt)) {
    it(`refuses a state file that is ${what}, naming it, and leaves it as it was`, async () => {
      const file = path.join(dir, 'camera.json');
      fs.writeFileSync(file, text);
      await assert.rejects(start({ port: 0, statePath: file }), (err) => {
        assert.ok(err instanceof StateFileError);
        assert.ok(err.message.includes(file), err.message);
        return true;
      });
      assert.equal(fs.readFileSync(file, 'utf8'), text);
    });
  }
});
