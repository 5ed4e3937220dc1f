'use strict';
// A flow's view of a lost reply: the area node behind the fault proxy
// (test/client/fault-proxy.js). An add whose reply is cut is not sent again;
// the Catch node gets kind "network" saying the camera may have applied it,
// and the same node's list shows the one area the camera made.
const assert = require('node:assert/strict');
const { start } = require('../../dist/emulator');
const { FaultProxy } = require('../client/fault-proxy');
const { helper, VERTICES, load, expectOutput, expectError } = require('./support');

const EDITOR = {
  operation: 'addArea', areaId: '0', imagesource: '', enabled: true, areaName: 'Kiln', detectionType: 'above',
  measurement: 'maximum', threshold: '60', delay: '5', vertices: JSON.stringify(VERTICES), areaOverlay: 'always',
  temperatureOverlay: true, presetNbr: '', areas: '0',
};

describe('thermometry-area node when the reply of an add is lost', function () {
  let emulator;
  let proxy;
  beforeEach(async () => {
    emulator = await start({ port: 0 });
    proxy = await new FaultProxy(emulator.port).start();
  });
  afterEach(async () => {
    await helper.unload();
    await proxy.stop();
    await emulator.stop();
  });

  it('sends the add once and tells the Catch node the camera may have applied it; list shows one area', async () => {
    // The camera node points at the proxy.
    const ctx = await load({ port: proxy.port }, 'thermometry-area', EDITOR);
    assert.deepEqual((await expectOutput(ctx, { operation: 'list' })).payload, []);
    proxy.cutReply('addArea', 40);
    const caught = await expectError(ctx, { payload: 1700000000000 });
    assert.equal(caught.thermometry.error.kind, 'network');
    assert.equal(caught.thermometry.error.method, 'addArea');
    assert.match(caught.error.message, /the camera may have applied the request.*list/);
    assert.equal(proxy.ran.addArea, 1, 'the camera ran addArea once');
    const list = await expectOutput(ctx, { operation: 'list' });
    assert.deepEqual(list.payload.map((a) => a.name), ['Kiln']);
  });
});
