'use strict';
// Any camera from a message: msg.camera (a camera config node's name or id)
// in place of the form's camera, set by real inject, change and Function
// nodes, against three emulators; an unknown camera ends at a Catch node.
const assert = require('node:assert/strict');
const path = require('node:path');
const { start } = require('../../dist/emulator');
const { ThermometryClient } = require('../../dist/client');
const { helper, ALL, VERTICES, next } = require('./support');

const CORE = path.dirname(require.resolve('@node-red/nodes/package.json'));
const INJECT = require(path.join(CORE, 'core', 'common', '20-inject.js'));
const CHANGE = require(path.join(CORE, 'core', 'function', '15-change.js'));
const FUNCTION = require(path.join(CORE, 'core', 'function', '10-function.js'));

const AREA = {
  operation: 'addArea', areaId: '0', imagesource: '', enabled: true, areaName: 'Copied', detectionType: 'above',
  measurement: 'maximum', threshold: '60', delay: '5', vertices: JSON.stringify(VERTICES), areaOverlay: 'always',
  temperatureOverlay: true, presetNbr: '', areas: '0',
};

const NAMES = ['Line 1', 'Line 2', 'Line 3'];
const IDS = ['cam-a', 'cam-b', 'cam-c'];

function inject(id, payload, target) {
  return { id, z: 'f1', type: 'inject', props: [{ p: 'payload' }], repeat: '', crontab: '', once: false, topic: '', payload, payloadType: 'str', wires: [[target]] };
}

function plantFlow(emulators) {
  const cameras = emulators.map((e, i) => ({ id: IDS[i], type: 'thermometry-camera', name: NAMES[i], host: '127.0.0.1', port: String(e.port), protocol: 'http', tls: 'verify', apiVersion: 'auto', timeout: '5' }));
  return [
    { id: 'f1', type: 'tab', label: 'plant' },
    ...cameras,
    inject('inj1', 'Line 1', 'set'),
    inject('inj2', 'Line 2', 'set'),
    // By id, through a Function node (its msg comes from another vm realm).
    inject('inj3', 'cam-c', 'fn'),
    inject('injBad', 'Nowhere', 'set'),
    inject('injNone', '', 'plain'),
    { id: 'set', z: 'f1', type: 'change', rules: [{ t: 'set', p: 'camera', pt: 'msg', to: 'payload', tot: 'msg' }], wires: [['n1']] },
    { id: 'fn', z: 'f1', type: 'function', func: 'msg.camera = msg.payload; return msg;', outputs: 1, noerr: 0, initialize: '', finalize: '', libs: [], wires: [['n1']] },
    { id: 'plain', z: 'f1', type: 'change', rules: [{ t: 'delete', p: 'payload', pt: 'msg' }], wires: [['n1']] },
    // The form's camera is Line 1: a message without msg.camera goes there.
    { id: 'n1', z: 'f1', type: 'thermometry-area', camera: 'cam-a', ...AREA, wires: [['out']] },
    { id: 'out', z: 'f1', type: 'helper' },
    { id: 'catch', z: 'f1', type: 'catch', scope: ['n1'], uncaught: false, wires: [['caught']] },
    { id: 'caught', z: 'f1', type: 'helper' },
  ].map((n, i) => (n.z ? { x: 100, y: 40 * i, ...n } : n));
}

const credentials = Object.fromEntries(IDS.map((id) => [id, { username: 'root', password: 'pass' }]));

describe('msg.camera: any camera from a message', function () {
  let emulators = [];
  const clients = [];
  beforeEach(async () => {
    emulators = await Promise.all([0, 1, 2].map(() => start({ port: 0 })));
    for (const e of emulators) clients.push(new ThermometryClient({ host: '127.0.0.1', port: e.port, username: 'root', password: 'pass' }));
    await helper.load([...ALL, INJECT, CHANGE, FUNCTION], plantFlow(emulators), credentials);
  });
  afterEach(async () => {
    await helper.unload();
    for (const c of clients.splice(0)) c.close();
    await Promise.all(emulators.map((e) => e.stop()));
  });

  async function areaNames() {
    const names = [];
    for (const c of clients) names.push((await c.listAreas()).areaList.map((a) => a.name));
    return names;
  }

  it('one area node adds an area on three emulators in turn; msg.thermometry says which camera answered', async () => {
    const out = helper.getNode('out');
    const answered = [];
    for (const id of ['inj1', 'inj2', 'inj3']) {
      const got = next(out);
      helper.getNode(id).receive({});
      const msg = await got;
      answered.push([msg.camera, msg.thermometry.cameraName, msg.thermometry.camera]);
    }
    assert.deepEqual(answered, [
      ['Line 1', 'Line 1', `127.0.0.1:${emulators[0].port}`],
      ['Line 2', 'Line 2', `127.0.0.1:${emulators[1].port}`],
      ['cam-c', 'Line 3', `127.0.0.1:${emulators[2].port}`],
    ]);
    assert.deepEqual(await areaNames(), [['Copied'], ['Copied'], ['Copied']]);
  });

  it('without msg.camera the form\'s camera answers', async () => {
    const got = next(helper.getNode('out'));
    helper.getNode('injNone').receive({});
    const msg = await got;
    assert.equal(msg.thermometry.cameraName, 'Line 1');
    assert.deepEqual(await areaNames(), [['Copied'], [], []]);
  });

  it('an unknown camera goes to the Catch node with the field named, and nothing is written anywhere', async () => {
    const caught = next(helper.getNode('caught'));
    helper.getNode('injBad').receive({});
    const msg = await caught;
    assert.match(msg.error.message, /msg\.camera "Nowhere" is no deployed camera: it must be a camera config node's name or id; deployed: Line 1, Line 2, Line 3/);
    assert.equal(msg.thermometry.error.field, 'camera');
    assert.equal(msg.thermometry.error.method, 'addArea');
    assert.deepEqual(await areaNames(), [[], [], []]);
  });

  it('a msg.camera that is no string is refused with the rule', async () => {
    const caught = next(helper.getNode('caught'));
    helper.getNode('n1').receive({ camera: 42 });
    const msg = await caught;
    assert.match(msg.error.message, /msg\.camera must be a camera config node's name or id \(a non-empty string\), got number/);
  });
});
