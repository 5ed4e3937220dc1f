'use strict';
// The MQTT topic tree, its payloads, Home Assistant's discovery configs and the
// commands' rules, as pure functions (src/nodes/shared/mqtt-*.ts).
const assert = require('node:assert/strict');
const t = require('../../../dist/nodes/shared/mqtt-topics');
const { discoveryConfigs, discoveryChanges } = require('../../../dist/nodes/shared/mqtt-discovery');
const { parseCommand, parseAreaId, updatedArea, CommandError } = require('../../../dist/nodes/shared/mqtt-commands');
const { CameraPublisher } = require('../../../dist/nodes/shared/mqtt-publisher');

const TIME = Date.parse('2026-12-03T09:00:00Z');
const AREA = { id: 2, avg: 40.5, min: 20, max: 61.2, minCoordinates: [0.1, 0.2], maxCoordinates: [-0.3, 0.4], triggered: true };

function settings(extra = {}) {
  return t.mqttSettings({ mqtt: 'thermometry', ...extra });
}

describe('MQTT topic tree', () => {
  it('makes a camera name one safe topic level: no /, + or #, no control character, never empty', () => {
    assert.equal(t.topicLevel('Furnace 2'), 'Furnace 2');
    assert.equal(t.topicLevel(' line/3 +#\u0000x '), 'line_3 ___x');
    assert.equal(t.topicLevel('   ', '10.0.0.7:80'), '10.0.0.7:80');
    assert.equal(t.topicLevel('', ''), 'camera');
    assert.equal(t.topicLevel('#', 'x'), '_');
    assert.ok(t.topicLevel('a'.repeat(500)).length <= 100);
  });

  it('lays out the documented topics under the prefix', () => {
    assert.equal(t.topics.online('thermometry', 'cam'), 'thermometry/cam/online');
    assert.equal(t.topics.status('plant/site-a', 'cam', 'area', 2), 'plant/site-a/cam/area/2/status');
    assert.equal(t.topics.alarm('thermometry', 'cam', 'group', 1), 'thermometry/cam/group/1/alarm');
    assert.equal(t.topics.spot('thermometry', 'cam'), 'thermometry/cam/spot/status');
    assert.equal(t.topics.reply('thermometry', 'cam', 'area', 3), 'thermometry/cam/area/3/set/reply');
    assert.equal(t.topics.acapAreas('ACCC8E000001'), 'temperature/areas/ACCC8E000001');
    assert.equal(t.topics.acapConnect('ACCC8E000001'), 'connect/ACCC8E000001');
  });

  it('reads the settings with their defaults (off, thermometry, homeassistant, no commands) and refuses a bad prefix naming the field', () => {
    assert.deepEqual(t.mqttSettings({}), { format: 'off', prefix: 'thermometry', discovery: false, discoveryPrefix: 'homeassistant', spot: false, commands: [] });
    assert.deepEqual(settings({ mqttSetThreshold: true, mqttSetEnabled: 'true' }).commands, ['threshold', 'enabled']);
    // Commands and discovery belong to the tree: the application's format has neither.
    assert.deepEqual(t.mqttSettings({ mqtt: 'acap', mqttSetThreshold: true, mqttDiscovery: true }).commands, []);
    assert.equal(t.mqttSettings({ mqtt: 'acap', mqttDiscovery: true }).discovery, false);
    assert.throws(() => t.mqttSettings({ mqtt: 'mqtt5' }), /^mqtt: one of off, thermometry, acap$/);
    assert.throws(() => settings({ mqttPrefix: 'plant/+' }), /mqttPrefix: a topic without \+ or #/);
    assert.throws(() => settings({ mqttPrefix: 'plant//a' }), /mqttPrefix: topic levels separated by single \//);
    assert.throws(() => settings({ mqttPrefix: '/plant' }), /mqttPrefix: topic levels/);
    assert.throws(() => settings({ mqttPrefix: '$SYS' }), /mqttPrefix: must not start with \$/);
    assert.throws(() => settings({ mqttDiscoveryPrefix: 'ha/#' }), /mqttDiscoveryPrefix:/);
    assert.equal(settings({ mqttPrefix: ' plant/site-a ' }).prefix, 'plant/site-a');
  });

  it('reads a set topic back, and nothing else', () => {
    assert.deepEqual(t.parseSetTopic('thermometry', 'thermometry/cam 1/area/3/set'), { camera: 'cam 1', kind: 'area', id: '3' });
    assert.equal(t.parseSetTopic('thermometry', 'thermometry/cam/area/3/set/reply'), undefined);
    assert.equal(t.parseSetTopic('thermometry', 'thermometry/cam/area/3/status'), undefined);
    assert.equal(t.parseSetTopic('thermometry', 'other/cam/area/3/set'), undefined);
    assert.equal(t.parseSetTopic('thermometry', undefined), undefined);
  });

  it('an area status payload: readings, positions, triggered, name, unit and time', () => {
    assert.deepEqual(t.areaStatusPayload(AREA, TIME, 'celsius', 'Door'), {
      id: 2, name: 'Door', max: 61.2, avg: 40.5, min: 20, maxCoordinates: [-0.3, 0.4], minCoordinates: [0.1, 0.2], triggered: true, unit: 'celsius', time: '2026-12-03T09:00:00.000Z',
    });
  });

  it('events: alarms retained on their subject\'s alarm topic, the information event not retained', () => {
    const ev = (event, payload, stateful = true) => ({ event, stateful, payload, timestamp: TIME });
    const alarm = t.eventMessage('thermometry', 'cam', ev('area-alarm', { areaId: 2, active: true, areaName: 'Door', maximumTemp: 70 }));
    assert.deepEqual(alarm, { topic: 'thermometry/cam/area/2/alarm', retain: true, qos: 1, payload: { areaId: 2, active: true, areaName: 'Door', maximumTemp: 70, time: '2026-12-03T09:00:00.000Z' } });
    assert.equal(t.eventMessage('thermometry', 'cam', ev('group-deviation', { groupId: 1, active: false })).topic, 'thermometry/cam/group/1/alarm');
    assert.equal(t.eventMessage('thermometry', 'cam', ev('any-area', { active: true })).topic, 'thermometry/cam/alarm');
    assert.equal(t.eventMessage('thermometry', 'cam', ev('any-area-on-preset', { presetNbr: 4, active: true })).topic, 'thermometry/cam/preset/4/alarm');
    const info = t.eventMessage('thermometry', 'cam', ev('information', { areaId: 2, maximumTemp: 50 }, false));
    assert.equal(info.topic, 'thermometry/cam/area/2/information');
    assert.equal(info.retain, false);
    // An alarm that names no area has no topic to go to.
    assert.equal(t.eventMessage('thermometry', 'cam', ev('area-alarm', { active: true })), undefined);
  });

  it('the Thermometry MQTT application\'s shapes: areas, spot and event not retained, connect retained', () => {
    const areas = t.acapAreasMessage('ACCC8E000001', [AREA], TIME);
    assert.deepEqual(areas, { topic: 'temperature/areas/ACCC8E000001', retain: false, qos: 1, payload: { timestamp: '2026-12-03T09:00:00.000Z', serial: 'ACCC8E000001', areas: [AREA] } });
    const spot = t.acapSpotMessage('S1', { spotTemperature: 31.2, spotCoordinates: [0.1, -0.3] }, TIME);
    assert.deepEqual(spot.payload, { timestamp: '2026-12-03T09:00:00.000Z', serial: 'S1', temperature: 31.2, coordinates: [0.1, -0.3] });
    const raw = { message: { source: { AreaID: '2' }, data: { AlarmActive: '1', MaximumTemp: '70.5' } } };
    const event = t.acapEventMessage('S1', { event: 'area-alarm', stateful: true, payload: {}, timestamp: TIME, raw });
    assert.deepEqual(event, { topic: 'temperature/event/S1', retain: false, qos: 1, payload: { timestamp: '2026-12-03T09:00:00.000Z', serial: 'S1', event: { AreaID: '2', AlarmActive: '1', MaximumTemp: '70.5' } } });
    assert.deepEqual(t.acapConnectMessage('S1', false, '10.0.0.7:80'), { topic: 'connect/S1', retain: true, qos: 1, payload: { connected: false, address: '10.0.0.7:80', app: 'thermal' } });
  });
});

describe('Home Assistant discovery configs', () => {
  const input = {
    discoveryPrefix: 'homeassistant', prefix: 'thermometry', camera: 'Furnace', unit: 'fahrenheit',
    device: { label: 'Furnace', model: 'AXIS Q2101-TE Thermal Camera', serialNumber: 'ACCC8E000001', firmware: '11.11.73', address: '10.0.0.7:80' },
    areas: [{ id: 2, name: 'Door' }],
  };

  it('gives an area three temperature sensors and a heat binary sensor under one device, in the camera\'s unit', () => {
    const configs = discoveryConfigs(input);
    assert.deepEqual([...configs.keys()], [
      'homeassistant/sensor/axis_thermometry_ACCC8E000001/area_2_max/config',
      'homeassistant/sensor/axis_thermometry_ACCC8E000001/area_2_avg/config',
      'homeassistant/sensor/axis_thermometry_ACCC8E000001/area_2_min/config',
      'homeassistant/binary_sensor/axis_thermometry_ACCC8E000001/area_2_alarm/config',
    ]);
    const max = configs.get('homeassistant/sensor/axis_thermometry_ACCC8E000001/area_2_max/config');
    assert.equal(max.unit_of_measurement, '°F');
    assert.equal(max.device_class, 'temperature');
    assert.equal(max.state_topic, 'thermometry/Furnace/area/2/status');
    assert.equal(max.value_template, '{{ value_json.max }}');
    assert.equal(max.name, 'Door maximum');
    assert.deepEqual(max.device, { identifiers: ['axis_thermometry_ACCC8E000001'], name: 'Furnace', manufacturer: 'Axis Communications', model: 'AXIS Q2101-TE Thermal Camera', serial_number: 'ACCC8E000001', sw_version: '11.11.73', configuration_url: 'http://10.0.0.7:80/' });
    assert.equal(max.availability[0].topic, 'thermometry/Furnace/online');
    const alarm = configs.get('homeassistant/binary_sensor/axis_thermometry_ACCC8E000001/area_2_alarm/config');
    assert.equal(alarm.device_class, 'heat');
    assert.equal(alarm.unique_id, 'axis_thermometry_ACCC8E000001_area_2_alarm');
    const ids = [...configs.values()].map((c) => c.unique_id);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(discoveryConfigs({ ...input, unit: 'kelvin' }), undefined);
  });

  it('publishes only what changed, and empties the configs of an area that went', () => {
    const first = discoveryChanges(new Map(), discoveryConfigs(input));
    assert.equal(first.messages.length, 4);
    assert.ok(first.messages.every((m) => m.retain && typeof m.payload === 'object'));
    const same = discoveryChanges(first.published, discoveryConfigs(input));
    assert.equal(same.messages.length, 0);
    const gone = discoveryChanges(first.published, discoveryConfigs({ ...input, areas: [] }));
    assert.deepEqual(gone.messages.map((m) => [m.topic.split('/').slice(-2)[0], m.payload, m.retain]), [
      ['area_2_max', '', true], ['area_2_avg', '', true], ['area_2_min', '', true], ['area_2_alarm', '', true],
    ]);
  });
});

describe('MQTT commands', () => {
  const ALL = ['threshold', 'delay', 'enabled'];
  it('accepts the ticked fields as parsed JSON, a JSON string or a Buffer', () => {
    assert.deepEqual(parseCommand({ threshold: 80 }, ALL), { threshold: 80 });
    assert.deepEqual(parseCommand('{"delay": 5, "enabled": false}', ALL), { delay: 5, enabled: false });
    assert.deepEqual(parseCommand(Buffer.from('{"threshold": -10}'), ALL), { threshold: -10 });
  });

  it('refuses a field not ticked, an unknown field, a bad value or payload, naming the field and rule', () => {
    const refused = (payload, allowed, re) => assert.throws(() => parseCommand(payload, allowed), (err) => err instanceof CommandError && re.test(err.message));
    refused({ delay: 5 }, ['threshold'], /^delay: not accepted by this node \(tick it/);
    refused({ name: 'x' }, ALL, /^name: not a command field/);
    refused({ threshold: 'hot' }, ALL, /^threshold: an integer$/);
    refused({ threshold: 80.5 }, ALL, /^threshold: an integer$/);
    refused({ enabled: 'yes' }, ALL, /^enabled: true or false$/);
    refused({ delay: -1 }, ALL, /^delay: seconds, 0 or more$/);
    refused('not json', ALL, /^payload: a JSON object/);
    refused([1], ALL, /^payload: a JSON object/);
    refused({}, ALL, /^payload: name at least one of threshold, delay, enabled$/);
    refused('x'.repeat(5000), ALL, /^payload: at most 4096 bytes$/);
    assert.throws(() => parseAreaId('x1'), /^area id: a whole number/);
    assert.equal(parseAreaId('12'), 12);
  });

  it('builds updateArea\'s parameters from the listed area and the changes', () => {
    const area = { id: 3, imagesource: 0, enabled: true, name: 'Door', detectionType: 'above', measurement: 'maximum', threshold: 60, delay: 5, vertices: [[0, 0]], areaOverlay: 'none', temperatureOverlay: false, presetNbr: 0, extra: 1 };
    const params = updatedArea(area, { threshold: 80 });
    assert.equal(params.threshold, 80);
    assert.equal(params.name, 'Door');
    assert.equal(params.extra, undefined);
  });
});

describe('CameraPublisher', () => {
  it('publishes online only when it changes, with the reason; all of them when asked to republish', () => {
    const p = new CameraPublisher(settings(), 'cam', 'cam', '127.0.0.1:80');
    assert.equal(p.onlineMessages(true, TIME).length, 1);
    assert.equal(p.onlineMessages(true, TIME).length, 0);
    const off = p.onlineMessages(false, TIME, 'no answer from 127.0.0.1:80 (timed out)');
    assert.deepEqual(off, [{ topic: 'thermometry/cam/online', retain: true, qos: 1, payload: { online: false, reason: 'no answer from 127.0.0.1:80 (timed out)', time: '2026-12-03T09:00:00.000Z' } }]);
    assert.equal(p.onlineMessages(false, TIME, 'no answer from 127.0.0.1:80 (timed out)').length, 0);
    assert.equal(p.onlineMessages(false, TIME, 'no answer from 127.0.0.1:80 (timed out)', true).length, 1);
  });

  it('sends status each poll (or only changes), an alarm where triggered flipped, and empties an area removed', () => {
    const p = new CameraPublisher(settings(), 'cam', 'cam', '127.0.0.1:80');
    p.areasListed([{ id: 2, name: 'Door' }]);
    const first = p.pollMessages({ kind: 'area', list: [AREA], unit: 'celsius', time: TIME }, { onlyChanges: true, step: 1 });
    assert.deepEqual(first.map((m) => m.topic), ['thermometry/cam/area/2/status']);
    assert.equal(first[0].payload.name, 'Door');
    assert.equal(p.pollMessages({ kind: 'area', list: [{ ...AREA, max: 61.5 }], time: TIME }, { onlyChanges: true, step: 1 }).length, 0);
    const flipped = p.pollMessages({ kind: 'area', list: [{ ...AREA, triggered: false }], time: TIME }, { onlyChanges: true, step: 1 });
    assert.deepEqual(flipped.map((m) => [m.topic, m.payload.active ?? m.payload.triggered]), [['thermometry/cam/area/2/status', false], ['thermometry/cam/area/2/alarm', false]]);
    const all = p.pollMessages({ kind: 'area', list: [AREA], time: TIME }, { onlyChanges: true, step: 1, all: true });
    assert.deepEqual(all.map((m) => m.topic), ['thermometry/cam/area/2/status', 'thermometry/cam/area/2/alarm']);
    const removed = p.areasListed([]);
    assert.deepEqual(removed.map((m) => [m.topic, m.payload, m.retain]), [['thermometry/cam/area/2/status', '', true], ['thermometry/cam/area/2/alarm', '', true]]);
  });

  it('a status read before an area was removed, and listed after it, does not publish the emptied area again; an id listed again is published', () => {
    const p = new CameraPublisher(settings(), 'cam', 'cam', '127.0.0.1:80');
    p.areasListed([{ id: 2, name: 'Door' }]);
    p.pollMessages({ kind: 'area', list: [AREA], unit: 'celsius', time: TIME }, { onlyChanges: true, step: 1 });
    // The poll's getAreaStatus still had area 2; its listAreas (after the removal) has not.
    assert.equal(p.areasListed([]).length, 2, 'status and alarm emptied');
    const stale = p.pollMessages({ kind: 'area', list: [{ ...AREA, max: 90 }], unit: 'celsius', time: TIME }, { onlyChanges: true, step: 1, all: true });
    assert.deepEqual(stale, [], 'nothing retained again for the area removed');
    // A new area given the same id.
    p.areasListed([{ id: 2, name: 'Hatch' }]);
    const again = p.pollMessages({ kind: 'area', list: [AREA], unit: 'celsius', time: TIME }, { onlyChanges: true, step: 1 });
    assert.deepEqual(again.map((m) => [m.topic, m.payload.name]), [['thermometry/cam/area/2/status', 'Hatch']]);
  });

  it('in the application format: one temperature/areas/<serial> per poll and connect/<serial>', () => {
    const p = new CameraPublisher(t.mqttSettings({ mqtt: 'acap' }), 'cam', 'cam', '127.0.0.1:80');
    p.device = { label: 'cam', serialNumber: 'ACCC8E000001' };
    assert.deepEqual(p.onlineMessages(true, TIME).map((m) => m.topic), ['connect/ACCC8E000001']);
    const msgs = p.pollMessages({ kind: 'area', list: [AREA], time: TIME }, { onlyChanges: false, step: 1 });
    assert.deepEqual(msgs.map((m) => [m.topic, m.retain]), [['temperature/areas/ACCC8E000001', false]]);
  });
});
