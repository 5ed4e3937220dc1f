'use strict';
// API 1.3 through the nodes, fed as flows feed them: an inject node's button,
// a Function node building msg.operation and msg.payload (its own vm realm),
// then the settings or spot node against the bispectral emulator over real
// HTTP and Digest. Overlay channels listed, added and removed; spot meters
// listed; a spot per image source; a 1.2 camera refusing all of it before
// sending, through done(err) to a Catch node.
const assert = require('node:assert/strict');
const path = require('path');
const { start } = require('../../dist/emulator');
const { helper, ALL, run } = require('./support');

const core = (f) => require(path.join(path.dirname(require.resolve('@node-red/nodes/package.json')), 'core', f));
const NODES = [...ALL, core('common/20-inject.js'), core('function/10-function.js')];

/** inject -> Function (msg.step picks steps[i], built in the Function's realm) -> `type` node -> out; catch -> caught. */
function fedFlow(emulator, type, config, steps) {
  const func = `const steps = ${JSON.stringify(steps)};\nconst s = steps[flow.get('step') || 0];\nflow.set('step', (flow.get('step') || 0) + 1);\nif (s.operation) msg.operation = s.operation;\nif (s.payload) msg.payload = s.payload;\nreturn msg;`;
  return [
    { id: 'f1', type: 'tab', label: 'api 1.3' },
    { id: 'cam', type: 'thermometry-camera', host: '127.0.0.1', port: String(emulator.port), protocol: 'http', tls: 'verify', apiVersion: 'auto', timeout: '5' },
    { id: 'inj', z: 'f1', type: 'inject', props: [{ p: 'payload' }], payload: '', payloadType: 'date', repeat: '', once: false, wires: [['fn']] },
    { id: 'fn', z: 'f1', type: 'function', func, outputs: 1, noerr: 0, initialize: '', finalize: '', libs: [], wires: [['n1']] },
    { id: 'n1', z: 'f1', type, camera: 'cam', wires: [['out']], ...config },
    { id: 'out', z: 'f1', type: 'helper' },
    { id: 'catch', z: 'f1', type: 'catch', scope: ['n1'], uncaught: false, wires: [['caught']] },
    { id: 'caught', z: 'f1', type: 'helper' },
  ].map((n, i) => (n.z ? { x: 100, y: 40 * i, ...n } : n));
}

async function load(emulator, type, config, steps) {
  await helper.load(NODES, fedFlow(emulator, type, config, steps), { cam: { username: 'root', password: 'pass' } });
  const node = helper.getNode('n1');
  const shown = [];
  const status = node.status.bind(node);
  node.status = (s) => { shown.push(s); status(s); };
  return { inject: helper.getNode('inj'), out: helper.getNode('out'), caught: helper.getNode('caught'), node, shown };
}

/** Press the inject button once: the node's output or the error its Catch node got. */
const press = (ctx) => run(ctx, {}, undefined, ctx.inject);
async function output(ctx) {
  const r = await press(ctx);
  if (r.caught) throw new Error(`expected output, got error: ${r.caught.error.message}`);
  return r.out;
}
async function caughtError(ctx) {
  const r = await press(ctx);
  if (r.out) throw new Error(`expected an error, got ${JSON.stringify(r.out.payload)}`);
  return r.caught;
}
const plain = (v) => JSON.parse(JSON.stringify(v));
const lastStatus = (ctx) => ctx.shown[ctx.shown.length - 1];

describe('API 1.3 through the nodes (inject -> Function -> node)', () => {
  let emulator;
  afterEach(async () => {
    await helper.unload();
    if (emulator) await emulator.stop();
    emulator = undefined;
  });

  it('settings: adds (editor fields), lists, removes (msg.operation and payload) overlay channels and lists spot meters', async () => {
    emulator = await start({ port: 0, profile: 'bispectral' });
    const ctx = await load(emulator, 'thermometry-settings', { operation: 'addOverlayChannel', imagesource: '0', overlayChannel: '1' }, [
      {},
      { operation: 'addOverlay', payload: { imagesource: 0, overlayChannel: 2 } },
      { operation: 'listOverlayChannels' },
      { operation: 'removeOverlayChannel', payload: { overlayChannel: 2 } },
      { operation: 'overlays' },
      { operation: 'spotMeters' },
    ]);
    const added = await output(ctx);
    assert.deepEqual(plain(added.payload), { imagesource: 0, overlayChannel: 1 });
    assert.deepEqual(added.thermometry, { method: 'addOverlayChannel', apiVersion: '1.3', camera: `127.0.0.1:${emulator.port}`, cameraName: `127.0.0.1:${emulator.port}` });
    assert.equal(lastStatus(ctx).text, 'channel 1 shows source 0');
    await output(ctx);
    const listed = await output(ctx);
    assert.deepEqual(plain(listed.payload), [{ imagesource: 0, overlayChannels: [1, 2] }]);
    assert.equal(lastStatus(ctx).text, 'overlay channels: 2');
    const removed = await output(ctx);
    assert.deepEqual(plain(removed.payload), { imagesource: 0, overlayChannel: 2 });
    assert.deepEqual(plain((await output(ctx)).payload), [{ imagesource: 0, overlayChannels: [1] }]);
    const meters = await output(ctx);
    assert.deepEqual(plain(meters.payload), [{ imagesource: 0, active: false }, { imagesource: 1, active: false }]);
    assert.equal(lastStatus(ctx).text, 'spot meters: 2, active: 0');
    assert.deepEqual(emulator.camera.channels.overlayList(), [{ imagesource: 0, overlayChannels: [1] }]);
  });

  it('settings: a channel the camera lacks goes to the Catch node naming the field and the camera\'s list', async () => {
    emulator = await start({ port: 0, profile: 'bispectral' });
    const ctx = await load(emulator, 'thermometry-settings', { operation: 'addOverlayChannel', imagesource: '0', overlayChannel: '7' }, [{}]);
    const caught = await caughtError(ctx);
    assert.match(caught.error.message, /"overlayChannel" must be one of the camera's overlay channels \(getConfigurationCapabilities\.overlayChannels: 0, 1, 2\) \(got 7\)/);
    assert.equal(caught.thermometry.error.field, 'overlayChannel');
    assert.equal(lastStatus(ctx).fill, 'red');
  });

  it('spot: the image source from the editor field and from msg.payload keeps two spots apart', async () => {
    emulator = await start({ port: 0, profile: 'bispectral' });
    const ctx = await load(emulator, 'thermometry-spot', { operation: 'addSpotTemperature', spotCoordinates: '[0.5, 0]', coordinateSystem: 'coord_neg1_1', imagesource: '1' }, [
      {},
      { payload: { spotCoordinates: [-0.5, 0.5], imagesource: 0 } },
      { operation: 'read', payload: { imagesource: 1 } },
      { operation: 'read', payload: { imagesource: 0 } },
      { operation: 'remove', payload: { imagesource: 1 } },
    ]);
    assert.equal((await output(ctx)).payload.imagesource, 1);
    await output(ctx);
    const visual = await output(ctx);
    assert.deepEqual(plain(visual.payload.spotCoordinates), [0.5, 0]);
    const thermal = await output(ctx);
    assert.deepEqual(plain(thermal.payload.spotCoordinates), [-0.5, 0.5]);
    assert.deepEqual(plain((await output(ctx)).payload), { imagesource: 1 });
    assert.deepEqual(emulator.camera.channels.spotMeters(), [{ imagesource: 0, active: true }, { imagesource: 1, active: false }]);
  });

  it('area: a name another area has is refused by a 1.3 camera, in plain words on the status and to the Catch node', async () => {
    emulator = await start({ port: 0 });
    const ctx = await load(emulator, 'thermometry-area', { operation: 'addArea', areaName: 'Twin', enabled: true, detectionType: 'above', measurement: 'maximum', threshold: '60', delay: '0', vertices: '[[-0.5,-0.5],[0.5,-0.5],[0.5,0.5],[-0.5,0.5]]' }, [{}, {}]);
    assert.deepEqual(plain((await output(ctx)).payload), { id: 0, name: 'Twin' });
    const caught = await caughtError(ctx);
    assert.equal(caught.error.code, 2104);
    assert.equal(caught.thermometry.error.field, 'name');
    assert.match(caught.error.message, /The specified name is already in use/);
    assert.deepEqual(lastStatus(ctx), { fill: 'red', shape: 'ring', text: 'area name already used (2104)' });
  });

  it('a camera that speaks 1.2: the 1.3 operations and the spot\'s image source fail before any request, naming 1.3, through done(err)', async () => {
    emulator = await start({ port: 0, profile: 'bispectral', apiVersions: ['1.0', '1.1', '1.2'] });
    const settings = await load(emulator, 'thermometry-settings', { operation: 'listSpotMeters' }, [{}, { operation: 'addOverlayChannel', payload: { imagesource: 0, overlayChannel: 1 } }]);
    let caught = await caughtError(settings);
    assert.match(caught.error.message, /listSpotMeters needs API version 1\.3 or later, but camera 127\.0\.0\.1:\d+ speaks at most API version 1\.2/);
    assert.equal(lastStatus(settings).fill, 'red');
    caught = await caughtError(settings);
    assert.match(caught.error.message, /addOverlayChannel needs API version 1\.3/);
    const calls = emulator.stats.thermometryCalls;
    assert.equal(calls, 1, 'only getSupportedVersions reached the camera');
    await helper.unload();

    const spot = await load(emulator, 'thermometry-spot', { operation: 'getSpotTemperature', coordinateSystem: 'coord_neg1_1', imagesource: '1' }, [{}, { payload: { imagesource: null } }]);
    caught = await caughtError(spot);
    assert.match(caught.error.message, /"imagesource" needs API version 1\.3 or later \(the camera speaks 1\.2\)/);
    assert.equal(caught.thermometry.error.field, 'imagesource');
    // null in msg.payload clears the editor's image source: the 1.2 call then works.
    const read = await output(spot);
    assert.equal(read.thermometry.apiVersion, '1.2');
    assert.deepEqual(plain(read.payload.spotCoordinates), [0, 0]);
  });
});
