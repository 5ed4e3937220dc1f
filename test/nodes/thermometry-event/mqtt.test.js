'use strict';
// The event node set to MQTT, against the emulator's event stream: each event as
// `mqtt out` receives it (topic on the tree, retain, qos). The broker itself:
// test/e2e/mqtt.test.js.
const assert = require('node:assert/strict');
const path = require('path');
const { EVENTS } = require('../../support/event-camera');
const { until, realSetTimeout } = require('../../support/wait');
const { helper, ALL, ROOT, cameraNode, collect, eventCameraEachTest } = require('../support');
const { ThermometryClient } = require('../../../dist/client');

const eventNode = require(path.join(__dirname, '..', '..', '..', 'nodes', 'thermometry-event.js'));

/**
 * The event node `config` on camera "Kiln", loaded and subscribed to the
 * camera's events, settled: { msgs (what its output receives), from (how many before now) }.
 */
async function subscribed(cam, config) {
  await helper.load([...ALL, eventNode], [
    cameraNode(cam.emulator, { name: 'Kiln' }),
    { id: 'ev', type: 'thermometry-event', camera: 'cam', wires: [['out']], ...config },
    { id: 'out', type: 'helper' },
  ], ROOT);
  const msgs = collect(helper.getNode('out'));
  await until(() => cam.stream && helper.getNode('ev') && cam.emulator.camera.listenerCount('thermometry-event') > 0, 'subscribed');
  await new Promise((r) => realSetTimeout(r, 300));
  return { msgs, from: msgs.length };
}

describe('thermometry-event node set to MQTT', function () {
  let cam;
  eventCameraEachTest((c) => (cam = c));

  it('sends alarms retained on the tree and the information event not retained', async () => {
    const { msgs, from } = await subscribed(cam, { information: true, mqtt: 'thermometry', mqttPrefix: 'plant' });
    const camera = cam.emulator.camera;
    camera.emit('thermometry-event', EVENTS.areaOn(2));
    camera.emit('thermometry-event', EVENTS.information(2));
    camera.emit('thermometry-event', EVENTS.deviation(1, true));
    await until(() => msgs.length - from === 3, 'three messages');
    const got = msgs.slice(from);
    assert.deepEqual(got.map((m) => [m.topic, m.retain, m.qos]), [
      ['plant/Kiln/area/2/alarm', true, 1], ['plant/Kiln/area/2/information', false, 1], ['plant/Kiln/group/1/alarm', true, 1],
    ]);
    assert.equal(got[0].payload.active, true);
    assert.equal(got[0].payload.maximumTemp, 80.25);
  });
});

describe('thermometry-event node in the Thermometry MQTT application\'s format', function () {
  let cam;
  eventCameraEachTest((c) => (cam = c));

  it('sends temperature/event/<serial> with the camera\'s own field names, not retained', async () => {
    const { msgs, from } = await subscribed(cam, { mqtt: 'acap' });
    const camera = cam.emulator.camera;
    camera.emit('thermometry-event', EVENTS.areaOn(3));
    await until(() => msgs.length - from === 1, 'the event');
    // The serial number the camera tells (basicdeviceinfo.cgi).
    const client = new ThermometryClient({ host: '127.0.0.1', port: cam.emulator.port, username: 'root', password: 'pass' });
    const serial = (await client.request({ method: 'POST', path: '/axis-cgi/basicdeviceinfo.cgi', body: { apiVersion: '1.1', method: 'getAllProperties' } })).data.data.propertyList.SerialNumber;
    client.close();
    const [m] = msgs.slice(from);
    assert.equal(m.topic, `temperature/event/${serial}`);
    assert.equal(m.retain, false);
    assert.equal(m.payload.serial, m.topic.split('/')[2]);
    assert.equal(m.payload.event.AreaID, '3');
    assert.equal(m.payload.event.AlarmActive, '1');
    assert.ok(!Number.isNaN(Date.parse(m.payload.timestamp)));
  });
});
