'use strict';
// The settings node's palette (issue 21): getPalette and setPalette through
// param.cgi against the emulator's scene (which keeps the palette and lists the
// ones it offers in its parameter definitions, as cameras do), fed through a
// real Function node (its objects come from another vm realm); a palette the
// camera lacks, or a viewer's try, reaches the Catch node in words and changes
// nothing.
const assert = require('node:assert/strict');
const path = require('path');
const { start, createScene, addSceneRoutes } = require('../../../dist/emulator');
const { ThermometryClient, readPalette } = require('../../../dist/client');
const { helper, ALL, cameraNode, run } = require('../support');

const FUNCTION = require(path.join(path.dirname(require.resolve('@node-red/nodes/package.json')), 'core', 'function', '10-function.js'));

describe('thermometry-settings: the palette', function () {
  this.timeout(30000);
  let emulator;
  let camera;

  beforeEach(async () => {
    const scene = createScene();
    emulator = await start({ port: 0, sensor: scene });
    addSceneRoutes(emulator, scene);
    camera = new ThermometryClient({ host: '127.0.0.1', port: emulator.port, username: 'root', password: 'pass' });
  });
  afterEach(async () => {
    camera.close();
    await helper.unload();
    await emulator.stop();
  });

  /** camera, a Function node (msg.payload from its code) into settings node n1, out/catch helpers. */
  async function load(config, code = 'return msg;', user = { username: 'root', password: 'pass' }) {
    const flow = [
      { id: 'f1', type: 'tab', label: 'test' },
      cameraNode(emulator),
      { id: 'fn', z: 'f1', type: 'function', func: code, outputs: 1, wires: [['n1']] },
      { id: 'n1', z: 'f1', type: 'thermometry-settings', camera: 'cam', wires: [['out']], ...config },
      { id: 'out', z: 'f1', type: 'helper' },
      { id: 'catch', z: 'f1', type: 'catch', scope: ['n1'], uncaught: false, wires: [['caught']] },
      { id: 'caught', z: 'f1', type: 'helper' },
    ].map((n, i) => (n.z ? { x: 100, y: 40 * i, ...n } : n));
    await helper.load([...ALL, FUNCTION], flow, { cam: user });
    return { node: helper.getNode('n1'), out: helper.getNode('out'), caught: helper.getNode('caught'), fn: helper.getNode('fn') };
  }

  it('getPalette: the palette in use and those the camera offers (its parameter definitions)', async () => {
    const ctx = await load({ operation: 'getPalette', palette: '' });
    const { out } = await run(ctx, { payload: 1 }, undefined, ctx.fn);
    const now = await readPalette(camera);
    assert.equal(out.payload.palette, now.palette);
    assert.ok(out.payload.palettes.includes('Iron') && out.payload.palettes.includes('Rainbow') && out.payload.palettes.includes('White-hot'), out.payload.palettes.join(', '));
    assert.ok(out.payload.palettes.some((p) => /^Iso/.test(p)), 'the isothermal ones too');
    assert.equal(out.thermometry.method, 'getPalette');
    assert.equal(out.thermometry.camera, `127.0.0.1:${emulator.port}`);
  });

  it("setPalette: the form's palette, or msg.payload.palette from a Function node, is the camera's palette after", async () => {
    const ctx = await load({ operation: 'setPalette', palette: 'Rainbow' });
    const first = await run(ctx, { payload: 1 }, undefined, ctx.fn);
    assert.equal(first.out && first.out.payload.palette, 'Rainbow');
    assert.equal((await readPalette(camera)).palette, 'Rainbow');
    await helper.unload();
    const ctx2 = await load({ operation: 'getConfigurationCapabilities', palette: 'Rainbow' }, "msg.operation = 'setPalette'; msg.payload = { palette: 'Iron' }; return msg;");
    const second = await run(ctx2, { payload: 1 }, undefined, ctx2.fn);
    assert.equal(second.out && second.out.payload.palette, 'Iron', JSON.stringify(second.caught && second.caught.error));
    assert.equal((await readPalette(camera)).palette, 'Iron');
  });

  it('a palette the camera lacks reaches the Catch node naming the field and the camera\'s list; nothing changes', async () => {
    const before = (await readPalette(camera)).palette;
    const ctx = await load({ operation: 'setPalette', palette: 'Sepia' });
    const { caught } = await run(ctx, { payload: 1 }, undefined, ctx.fn);
    assert.ok(caught, 'an error for the Catch node');
    assert.match(caught.error.message, /palette "Sepia"/);
    assert.match(caught.error.message, /offers .*Iron/);
    assert.equal((await readPalette(camera)).palette, before);
    await helper.unload();
    const empty = await load({ operation: 'setPalette', palette: '' });
    const none = await run(empty, { payload: 1 }, undefined, empty.fn);
    assert.match(none.caught.error.message, /"palette" is required/);
  });

  it("a viewer cannot change it: refused in words, the camera's palette unchanged", async () => {
    const before = (await readPalette(camera)).palette;
    const ctx = await load({ operation: 'setPalette', palette: 'Rainbow' }, 'return msg;', { username: 'viewer', password: 'viewer' });
    const { caught } = await run(ctx, { payload: 1 }, undefined, ctx.fn);
    assert.ok(caught, 'an error for the Catch node');
    assert.match(caught.error.message, /viewer|refused|403|level/i, caught.error.message);
    assert.doesNotMatch(caught.error.message, /undefined/);
    assert.equal((await readPalette(camera)).palette, before);
  });
});
