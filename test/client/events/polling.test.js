'use strict';
// The polling fallback: a camera without event streaming (no entry in API
// discovery) is polled with getAreaStatus/getGroupStatus, and alarm changes come
// out as the same normalized messages. Alarm states come from a sensor given to
// the emulator (its documented injection point), the poll interval from a
// stepped clock.
const assert = require('node:assert/strict');
const path = require('path');
const h = require('../../emulator/events/support');
const FakeTimers = require(require.resolve('@sinonjs/fake-timers', { paths: [path.dirname(require.resolve('sinon'))] }));
const { ThermometryClient } = require('../../../dist/client');
const { EventStream } = require('../../../dist/client/events');
const { start, FlatSensor } = require('../../../dist/emulator');

/** A flat 22 °C sensor whose alarms the test sets. */
class SwitchSensor extends FlatSensor {
  constructor() {
    super(22);
    this.triggered = new Set();
    this.groups = new Map();
  }
  areaTriggered(id) {
    return this.triggered.has(id);
  }
  groupStatus(id) {
    return this.groups.get(id);
  }
}

const VERTICES = [
  [-0.5, -0.5],
  [0.5, -0.5],
  [0.5, 0.5],
  [-0.5, 0.5],
];
const AREA = { enabled: true, detectionType: 'above', measurement: 'maximum', threshold: 60, delay: 0, vertices: VERTICES };

describe('events: polling fallback', function () {
  let emulator;
  let sensor;
  let client;
  let stream;
  beforeEach(async () => {
    sensor = new SwitchSensor();
    emulator = await start({ port: 0, sensor }); // no attachEventStream: discovery lists no event stream
    client = new ThermometryClient({ host: '127.0.0.1', port: emulator.port, username: 'root', password: 'pass' });
    await client.addArea({ ...AREA, name: 'Oven' });
    await client.addArea({ ...AREA, name: 'Door' });
    const g = await client.addGroup({ enabled: true, name: 'Line', measurement: 'maximum', threshold: 5, delay: 0, areaIds: [0, 1] });
    assert.equal(g.id, 1);
  });
  afterEach(async () => {
    if (stream) await stream.close();
    client.close();
    await emulator.stop();
  });

  it('says so in its status and turns alarm changes into the same messages', async () => {
    const clock = FakeTimers.createClock(Date.now());
    const events = [];
    const statuses = [];
    stream = new EventStream({
      client,
      onEvent: (e) => events.push(e),
      onStatus: (s) => statuses.push(s),
      clock: { setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout, now: () => clock.now },
      pollIntervalMs: 1000,
      events: ['area-alarm', 'any-area', 'group-deviation'],
    });
    // One poll: wait until the next one is armed, step to it, wait until it has finished (re-armed).
    const poll = async () => {
      await h.until(() => clock.countTimers() === 1, 'poll armed');
      await clock.tickAsync(1000);
      await h.until(() => clock.countTimers() === 1, 'poll done');
    };
    await h.until(() => statuses.some((s) => s.state === 'polling'), 'polling');
    assert.equal(statuses.find((s) => s.state === 'polling').failure.reason, 'noEventStream');
    // First poll: the current state, as after subscribing.
    await h.until(() => events.length === 4, 'initial state');
    assert.deepEqual(
      events.map((e) => [e.topic, e.payload.active, e.initial, e.via]),
      [
        ['thermometry/area-alarm/0', false, true, 'polling'],
        ['thermometry/area-alarm/1', false, true, 'polling'],
        ['thermometry/any-area', false, true, 'polling'],
        ['thermometry/group-deviation/1', false, true, 'polling'],
      ],
    );
    // Nothing changes: polls send nothing.
    await poll();
    await poll();
    assert.equal(events.length, 4);
    // Area 1 fires and the group deviates.
    sensor.triggered.add(1);
    sensor.groups.set(1, { triggered: true, currentDeviation: 9.5, maxAreaId: 1, maxAreaTemp: 40, minAreaId: 0, minAreaTemp: 30.5 });
    await poll();
    assert.equal(events.length, 7);
    const changes = Object.fromEntries(events.slice(4).map((e) => [e.topic, e]));
    assert.deepEqual(changes['thermometry/area-alarm/1'].payload, {
      areaId: 1,
      active: true,
      areaName: 'Door',
      averageTemp: 22,
      maximumTemp: 22,
      minimumTemp: 22,
      unit: 'celsius',
      maxTempPositionX: 0,
      maxTempPositionY: 0,
      minTempPositionX: 0,
      minTempPositionY: 0,
    });
    assert.deepEqual(changes['thermometry/any-area'].payload, { areaName: 'AnyArea', active: true });
    assert.deepEqual(changes['thermometry/group-deviation/1'].payload, {
      groupId: 1,
      active: true,
      groupName: 'Line',
      deltaTemp: 9.5,
      thresholdTemp: 5,
    });
    assert.equal(changes['thermometry/area-alarm/1'].initial, undefined);
    // And back.
    sensor.triggered.clear();
    await poll();
    assert.equal(events.length, 9);
    assert.deepEqual(
      events.slice(7).map((e) => [e.topic, e.payload.active]),
      [
        ['thermometry/area-alarm/1', false],
        ['thermometry/any-area', false],
      ],
    );
    await stream.close();
    stream = undefined;
    assert.equal(clock.countTimers(), 0, 'no poll timer left');
  });

  it("mode 'polling' polls even a camera that streams events", async () => {
    const { attachEventStream } = require('../../../dist/emulator/events');
    const server = attachEventStream(emulator);
    const clock = FakeTimers.createClock(Date.now());
    const events = [];
    stream = new EventStream({
      client,
      mode: 'polling',
      onEvent: (e) => events.push(e),
      events: ['any-area'],
      clock: { setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout, now: () => clock.now },
    });
    await h.until(() => events.length === 1, 'first poll');
    assert.equal(events[0].via, 'polling');
    assert.equal(server.connections.size, 0);
  });
});
