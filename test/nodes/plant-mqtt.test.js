'use strict';
// MQTT's topic tree is per camera node: a status or event node set to every
// camera with MQTT on is refused at deploy with the reason (red ring, the log),
// and a message sent into the status node reaches a Catch node with it, never
// plain messages on a tree the user asked for.
const assert = require('node:assert/strict');
const path = require('node:path');
const helper = require('node-red-node-test-helper');
const { until } = require('../support/wait');

helper.init(require.resolve('node-red'));
const root = path.join(__dirname, '..', '..');
const NODES = ['thermometry-camera', 'thermometry-event', 'thermometry-status'].map((t) => require(path.join(root, 'nodes', `${t}.js`)));
const CORE = path.join(path.dirname(require.resolve('@node-red/nodes/package.json')), 'core', 'common');
const CATCH = require(path.join(CORE, '25-catch.js'));
const INJECT = require(path.join(CORE, '20-inject.js'));

function lastStatus(node) {
  const calls = node.status.getCalls().filter((c) => c.thisValue === node);
  return calls.length ? calls[calls.length - 1].args[0] : undefined;
}

describe('plant: every-camera nodes with MQTT set', function () {
  this.timeout(20000);
  afterEach(() => helper.unload());

  it('are refused with the reason, and an input reaches the Catch node naming the mqtt setting', async () => {
    const flow = [
      { id: 'f1', type: 'tab', label: 'plant' },
      { id: 'cam', type: 'thermometry-camera', name: 'Cam', host: '127.0.0.1', port: '9', protocol: 'http', tls: 'verify', apiVersion: 'auto', timeout: '5' },
      { id: 'go', z: 'f1', type: 'inject', props: [{ p: 'payload' }], payload: '', payloadType: 'date', repeat: '', once: false, wires: [['status']] },
      { id: 'status', z: 'f1', type: 'thermometry-status', camera: '', cameraScope: 'all', operation: 'getAreaStatus', interval: '0', mqtt: 'thermometry', wires: [['out']] },
      { id: 'events', z: 'f1', type: 'thermometry-event', camera: '', cameraScope: 'all', areaAlarm: true, mqtt: 'acap', wires: [['out']] },
      { id: 'out', z: 'f1', type: 'helper' },
      { id: 'catcher', z: 'f1', type: 'catch', scope: ['status'], uncaught: false, wires: [['caught']] },
      { id: 'caught', z: 'f1', type: 'helper' },
    ];
    await helper.load([...NODES, CATCH, INJECT], flow, { cam: { username: 'root', password: 'pass' } });
    const status = helper.getNode('status');
    const events = helper.getNode('events');
    for (const node of [status, events]) {
      assert.equal(lastStatus(node)?.fill, 'red');
      assert.match(lastStatus(node).text, /MQTT needs one camera per node/);
      assert.ok(node.error.getCalls().some((c) => /^mqtt: .*one camera per node/.test(String(c.args[0]))));
    }
    const caught = [];
    const sent = [];
    helper.getNode('caught').on('input', (m) => caught.push(m));
    helper.getNode('out').on('input', (m) => sent.push(m));
    helper.getNode('go').receive({});
    await until(() => caught.length === 1, 'the Catch node to get the refusal', 5000);
    assert.match(caught[0].error.message, /mqtt: .*set Cameras to one camera, or MQTT to off/);
    assert.equal(sent.length, 0);
  });
});
