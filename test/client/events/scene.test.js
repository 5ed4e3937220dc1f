'use strict';
// End to end with the real thermal scene: alarms raised through the scene's
// control endpoint (a hot region, a clock step) come out of the EventStream as
// the five events, PTZ fields included. Scene clock stepped, no wall-clock waits.
const assert = require('node:assert/strict');
const h = require('../../emulator/events/support');
const { ThermometryClient } = require('../../../dist/client');
const { EventStream } = require('../../../dist/client/events');
const { attachEventStream } = require('../../../dist/emulator/events');
const { start } = require('../../../dist/emulator');
const { createScene, addSceneRoutes } = require('../../../dist/emulator/scene');

const LEFT = [
  [-0.9, -0.5],
  [-0.1, -0.5],
  [-0.1, 0.5],
  [-0.9, 0.5],
];
const RIGHT = [
  [0.1, -0.5],
  [0.9, -0.5],
  [0.9, 0.5],
  [0.1, 0.5],
];

describe('events: the scene raises them, the EventStream delivers them (PTZ)', function () {
  let emulator;
  let client;
  let stream;
  const events = [];
  before(async () => {
    const scene = createScene({ clock: 'stepped', scenario: 'none', ambient: 20, seed: 1, noise: 0, informationPeriod: 30 });
    emulator = await start({ port: 0, profile: 'ptz', sensor: scene });
    addSceneRoutes(emulator, scene);
    attachEventStream(emulator);
    client = new ThermometryClient({ host: '127.0.0.1', port: emulator.port, username: 'root', password: 'pass' });
    const area = { enabled: true, detectionType: 'above', measurement: 'maximum', threshold: 60, delay: 0, presetNbr: 1 };
    await client.addArea({ ...area, name: 'Left', vertices: LEFT });
    await client.addArea({ ...area, name: 'Right', vertices: RIGHT });
    await client.addGroup({ enabled: true, name: 'Pair', measurement: 'maximum', threshold: 10, delay: 0, areaIds: [0, 1], presetNbr: 1 });
    stream = new EventStream({ client, onEvent: (e) => events.push(e) });
    await h.until(() => stream.status.state === 'connected', 'connected');
  });
  after(async () => {
    await stream.close();
    client.close();
    await emulator.stop();
  });

  async function control(command) {
    const r = await client.request({ method: 'POST', path: '/emulator/control', body: command });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    return r.data;
  }

  it('starts from the initial state: nothing active', async () => {
    await h.until(() => events.some((e) => e.topic === 'thermometry/group-deviation/1'), 'initial state');
    for (const e of events) assert.equal(e.payload.active, false, e.topic);
    assert.ok(events.every((e) => e.initial === true));
  });

  it('a hot region over the left area: area alarm, any area, any area on preset 1, group deviation', async () => {
    const from = events.length;
    await control({
      action: 'setRegion',
      vertices: [
        [-0.8, -0.4],
        [-0.2, -0.4],
        [-0.2, 0.4],
        [-0.8, 0.4],
      ],
      temperature: 90,
      id: 'hot',
    });
    await h.until(
      () =>
        ['thermometry/area-alarm/0', 'thermometry/any-area', 'thermometry/any-area-on-preset/1', 'thermometry/group-deviation/1'].every((topic) =>
          events.slice(from).some((e) => e.topic === topic && e.payload.active === true),
        ),
      'four alarms',
    );
    const got = Object.fromEntries(events.slice(from).map((e) => [e.topic, e]));
    const area = got['thermometry/area-alarm/0'].payload;
    assert.equal(area.areaId, 0);
    assert.equal(area.presetNbr, 1);
    assert.equal(area.areaName, 'Left');
    assert.ok(area.maximumTemp >= 89 && area.maximumTemp <= 91, `max ${area.maximumTemp}`);
    assert.equal(area.unit, 'celsius');
    assert.ok(area.maxTempPositionX >= -0.8 && area.maxTempPositionX <= -0.2);
    assert.deepEqual(got['thermometry/area-alarm/0'].raw.message.source, { AreaID: '0', PresetNbr: '1' });
    const group = got['thermometry/group-deviation/1'].payload;
    assert.equal(group.groupId, 1);
    assert.equal(group.groupName, 'Pair');
    assert.equal(group.thresholdTemp, 10);
    assert.ok(group.deltaTemp >= 60, `delta ${group.deltaTemp}`);
    assert.equal(group.presetNbr, 1);
    assert.equal(typeof group.presetName, 'string');
    assert.deepEqual(got['thermometry/any-area-on-preset/1'].payload, { presetNbr: 1, areaName: 'AnyAreaOnPreset', active: true });
  });

  it('the information event for every area after 30 s of scene time', async () => {
    const from = events.length;
    await control({ action: 'step', seconds: 30 });
    await h.until(() => events.slice(from).filter((e) => e.event === 'information').length === 2, 'two information events');
    const info = events
      .slice(from)
      .filter((e) => e.event === 'information')
      .map((e) => e.payload);
    assert.deepEqual(
      info.map((p) => [p.areaId, p.areaName, p.presetNbr]),
      [
        [0, 'Left', 1],
        [1, 'Right', 1],
      ],
    );
    assert.ok(info[1].maximumTemp < 25);
  });

  it('removing the region clears the alarms', async () => {
    const from = events.length;
    await control({ action: 'removeSource', id: 'hot' });
    await h.until(
      () =>
        ['thermometry/area-alarm/0', 'thermometry/any-area', 'thermometry/group-deviation/1'].every((topic) =>
          events.slice(from).some((e) => e.topic === topic && e.payload.active === false),
        ),
      'cleared',
    );
  });
});

describe('events: a camera restart with the real scene and persisted areas', function () {
  const path = require('path');
  const os = require('os');
  const fs = require('fs');
  const FakeTimers = require(require.resolve('@sinonjs/fake-timers', { paths: [path.dirname(require.resolve('sinon'))] }));
  const cleanups = [];
  after(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  async function camera(port, statePath) {
    const scene = createScene({ clock: 'stepped', scenario: 'none', ambient: 20, seed: 1, noise: 0 });
    const emulator = await start({ port, statePath, sensor: scene });
    addSceneRoutes(emulator, scene);
    attachEventStream(emulator);
    return emulator;
  }

  it('no alarm change is lost while the camera is away, and nothing unchanged is sent again', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'events-restart-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const statePath = path.join(dir, 'camera.json');
    const first = await camera(0, statePath);
    const port = first.port;
    const client = new ThermometryClient({ host: '127.0.0.1', port, username: 'root', password: 'pass' });
    cleanups.push(() => client.close());
    const area = { enabled: true, detectionType: 'above', measurement: 'maximum', threshold: 60, delay: 0 };
    await client.addArea({ ...area, name: 'Left', vertices: LEFT });
    await client.addArea({ ...area, name: 'Right', vertices: RIGHT });
    const hotLeft = {
      action: 'setRegion',
      vertices: [
        [-0.8, -0.4],
        [-0.2, -0.4],
        [-0.2, 0.4],
        [-0.8, 0.4],
      ],
      temperature: 90,
    };
    const hotRight = {
      action: 'setRegion',
      vertices: [
        [0.2, -0.4],
        [0.8, -0.4],
        [0.8, 0.4],
        [0.2, 0.4],
      ],
      temperature: 95,
    };
    await client.request({ method: 'POST', path: '/emulator/control', body: hotLeft });

    const clock = FakeTimers.createClock(Date.now());
    const events = [];
    const stream = new EventStream({
      client,
      events: ['area-alarm'],
      onEvent: (e) => events.push(e),
      random: () => 0.5,
      clock: { setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout, now: () => clock.now },
    });
    cleanups.push(() => stream.close());
    await h.until(() => events.length === 2, 'initial state');
    assert.deepEqual(
      events.map((e) => [e.topic, e.payload.active]),
      [
        ['thermometry/area-alarm/0', true],
        ['thermometry/area-alarm/1', false],
      ],
    );

    await first.stop();
    await h.until(() => stream.status.state === 'reconnecting', 'reconnecting');
    // The camera comes back with its areas (persisted) and a scene where both areas are hot now.
    const second = await camera(port, statePath);
    cleanups.push(() => second.stop());
    const admin = new ThermometryClient({ host: '127.0.0.1', port, username: 'root', password: 'pass' });
    await admin.request({ method: 'POST', path: '/emulator/control', body: hotLeft });
    await admin.request({ method: 'POST', path: '/emulator/control', body: hotRight });
    admin.close();
    await clock.tickAsync(stream.status.retryInMs);
    await h.until(() => stream.status.state === 'connected', 'reconnected');
    await h.until(() => events.length === 3, 'the missed change');
    assert.deepEqual([events[2].topic, events[2].payload.active, events[2].initial], ['thermometry/area-alarm/1', true, true]);
    await new Promise((r) => setImmediate(r));
    assert.equal(events.length, 3, 'area 0, still hot, is not sent again');
  });
});
