'use strict';
// The camera's HTTP client setting, as a flow uses it: an inject node into an
// area node, the emulator telling which client called (axios names itself in
// User-Agent; the built-in client sends none).
const assert = require('node:assert/strict');
const path = require('path');
const { start } = require('../../../dist/emulator');
const { helper, ALL, cameraNode } = require('../support');

const core = (f) => require(path.join(path.dirname(require.resolve('@node-red/nodes/package.json')), 'core', f));
const NODES = [...ALL, core('common/20-inject.js'), core('common/25-catch.js')];

function flow(emulator, camera) {
  return [
    { id: 'f1', type: 'tab' },
    cameraNode(emulator, camera),
    { id: 'inj', z: 'f1', type: 'inject', props: [{ p: 'payload' }], payload: '', payloadType: 'date', repeat: '', once: false, x: 1, y: 1, wires: [['a']] },
    { id: 'a', z: 'f1', type: 'thermometry-area', camera: 'cam', operation: 'listAreas', x: 1, y: 2, wires: [['out']] },
    { id: 'catch', z: 'f1', type: 'catch', scope: null, uncaught: false, x: 1, y: 3, wires: [['caught']] },
    { id: 'out', z: 'f1', type: 'helper' },
    { id: 'caught', z: 'f1', type: 'helper' },
  ];
}

/** Press the inject node; the area node's output or the caught error. */
function press() {
  return new Promise((resolve) => {
    helper.getNode('out').once('input', (m) => resolve({ out: m }));
    helper.getNode('caught').once('input', (m) => resolve({ caught: m }));
    helper.getNode('inj').receive({});
  });
}

describe('thermometry-camera: the HTTP client setting', function () {
  let emulator;
  let agents;
  beforeEach(async () => {
    emulator = await start({ port: 0 });
    agents = [];
    emulator.server.on('request', (req) => {
      if (req.url.startsWith('/axis-cgi/thermometry.cgi')) agents.push(req.headers['user-agent'] ?? '');
    });
  });
  afterEach(async () => {
    await helper.unload();
    await emulator.stop();
  });

  for (const [setting, axios] of [
    [undefined, false],
    ['built-in', false],
    ['axios', true],
  ]) {
    it(`${setting === undefined ? 'not set (a flow from before the setting)' : `"${setting}"`}: the area node lists the areas through the ${axios ? 'axios' : 'built-in'} client`, async () => {
      await helper.load(NODES, flow(emulator, setting === undefined ? {} : { httpClient: setting }), { cam: { username: 'root', password: 'pass' } });
      const { out, caught } = await press();
      assert.equal(caught, undefined, caught && caught.error.message);
      assert.ok(Array.isArray(out.payload), 'the area list');
      assert.equal(out.thermometry.method, 'listAreas');
      assert.ok(agents.length > 0);
      assert.ok(
        agents.every((a) => /^axios\//.test(a) === axios),
        `User-Agent of each call: ${JSON.stringify([...new Set(agents)])}`,
      );
    });
  }

  it('an unknown setting is a configuration error naming httpClient and the values it takes, caught by a Catch node', async () => {
    await helper.load(NODES, flow(emulator, { httpClient: 'curl' }), { cam: { username: 'root', password: 'pass' } });
    const { out, caught } = await press();
    assert.equal(out, undefined);
    assert.match(caught.error.message, /httpClient must be "built-in" or "axios", got "curl"/);
    assert.equal(agents.length, 0, 'nothing was sent');
  });
});
