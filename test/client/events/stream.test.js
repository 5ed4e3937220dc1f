'use strict';
// The client's EventStream against the emulator over real HTTP, real Digest and
// a real WebSocket. Time (backoff, heartbeat) runs on an injected sinon clock
// that the tests step; everything else is real I/O.
const assert = require('node:assert/strict');
const path = require('path');
const h = require('../../emulator/events/support');
const FakeTimers = require(require.resolve('@sinonjs/fake-timers', { paths: [path.dirname(require.resolve('sinon'))] }));
const { ThermometryClient } = require('../../../dist/client');
const { EventStream, parseNotification } = require('../../../dist/client/events');
const { attachEventStream } = require('../../../dist/emulator/events');
const { start } = require('../../../dist/emulator');

/** The camera's alarm states as the scene's engine keeps them: set() updates and emits. */
function alarmStates(camera) {
  const states = new Map();
  const key = (ev) => `${ev.topic}/${JSON.stringify(ev.source)}`;
  camera.eventStateProvider = () => [...states.values()];
  return {
    set(ev, { emit = true } = {}) {
      if (ev.stateful) states.set(key(ev), ev);
      if (emit) camera.emit('thermometry-event', ev);
    },
    attach(newCamera) {
      newCamera.eventStateProvider = () => [...states.values()];
    },
  };
}

function recorder() {
  const events = [];
  const statuses = [];
  const rec = {
    events,
    statuses,
    onEvent: (ev) => events.push(ev),
    onStatus: (st) => statuses.push(st),
    async event(predicate, what = 'event') {
      let found;
      await h.until(() => (found = events.find(predicate)) !== undefined, what);
      return found;
    },
    async status(predicate, what = 'status', from = 0) {
      let found;
      await h.until(() => (found = statuses.slice(from).find(predicate)) !== undefined, what);
      return found;
    },
  };
  return rec;
}

function clientFor(emulatorOrPort, user = 'root', password = 'pass', host = '127.0.0.1') {
  const port = typeof emulatorOrPort === 'number' ? emulatorOrPort : emulatorOrPort.port;
  return new ThermometryClient({ host, port, username: user, password });
}

function newClock() {
  return FakeTimers.createClock(Date.now());
}
function clockHooks(clock) {
  return { setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout, now: () => clock.now };
}

describe('events: EventStream against the emulator', function () {
  let cam;
  let alarms;
  let client;
  const streams = [];
  beforeEach(async () => {
    cam = await h.startCamera();
    alarms = alarmStates(cam.emulator.camera);
    client = clientFor(cam.emulator);
  });
  afterEach(async () => {
    for (const s of streams.splice(0)) await s.close();
    client.close();
    await cam.emulator.stop();
  });
  function open(options) {
    const s = new EventStream({ client, ...options });
    streams.push(s);
    return s;
  }

  it('connects (status connecting -> connected) and delivers each of the five events normalized', async () => {
    const rec = recorder();
    open({ onEvent: rec.onEvent, onStatus: rec.onStatus });
    await rec.status((s) => s.state === 'connected', 'connected');
    assert.equal(rec.statuses[0].state, 'connecting');
    alarms.set(h.EVENTS.areaOn(2));
    alarms.set(h.EVENTS.anyArea(true));
    alarms.set(h.EVENTS.anyAreaOnPreset(3, true));
    alarms.set(h.EVENTS.information(2));
    alarms.set(h.EVENTS.deviation(1, true));
    await h.until(() => rec.events.length >= 5, 'five events');
    const byTopic = Object.fromEntries(rec.events.map((e) => [e.topic, e]));
    assert.deepEqual(Object.keys(byTopic).sort(), [
      'thermometry/any-area',
      'thermometry/any-area-on-preset/3',
      'thermometry/area-alarm/2',
      'thermometry/group-deviation/1',
      'thermometry/information/2',
    ]);
    const area = byTopic['thermometry/area-alarm/2'];
    assert.equal(area.event, 'area-alarm');
    assert.equal(area.stateful, true);
    assert.equal(area.via, 'websocket');
    assert.deepEqual(area.payload, {
      areaId: 2,
      active: true,
      areaName: 'Area 2',
      averageTemp: 61.5,
      maximumTemp: 80.25,
      minimumTemp: 40,
      unit: 'celsius',
      maxTempPositionX: 0.5,
      maxTempPositionY: -0.25,
      minTempPositionX: -0.5,
      minTempPositionY: 0.75,
    });
    assert.equal(typeof area.timestamp, 'number');
    assert.equal(area.timestamp, area.raw.timestamp);
    assert.equal(area.raw.topic, h.TOPIC.area);
    assert.deepEqual(area.raw.message.source, { AreaID: '2' });
    assert.deepEqual(byTopic['thermometry/any-area'].payload, { areaName: 'AnyArea', active: true });
    assert.deepEqual(byTopic['thermometry/any-area-on-preset/3'].payload, { presetNbr: 3, areaName: 'AnyAreaOnPreset', active: true });
    assert.equal(byTopic['thermometry/information/2'].stateful, false);
    assert.deepEqual(byTopic['thermometry/information/2'].payload, {
      areaId: 2,
      areaName: 'Area 2',
      averageTemp: 30.5,
      maximumTemp: 35,
      minimumTemp: 25,
      unit: 'celsius',
      maxTempPositionX: 0.1,
      maxTempPositionY: 0.2,
      minTempPositionX: -0.1,
      minTempPositionY: -0.2,
    });
    assert.deepEqual(byTopic['thermometry/group-deviation/1'].payload, {
      groupId: 1,
      active: true,
      groupName: 'Group 1',
      deltaTemp: 12.5,
      thresholdTemp: 10,
    });
  });

  it('delivers the current state first (initial: true), then changes', async () => {
    alarms.set(h.EVENTS.areaOn(0), { emit: false });
    alarms.set(h.EVENTS.areaOff(1), { emit: false });
    const rec = recorder();
    open({ onEvent: rec.onEvent, events: ['area-alarm'] });
    await h.until(() => rec.events.length === 2, 'initial state');
    assert.deepEqual(
      rec.events.map((e) => [e.topic, e.payload.active, e.initial]),
      [
        ['thermometry/area-alarm/0', true, true],
        ['thermometry/area-alarm/1', false, true],
      ],
    );
    alarms.set(h.EVENTS.areaOn(1));
    const change = await rec.event((e) => e.topic === 'thermometry/area-alarm/1' && e.payload.active === true);
    assert.equal(change.initial, undefined);
  });

  it('a notification frame it cannot read is dropped; the socket stays and later events arrive', async () => {
    const rec = recorder();
    open({ onEvent: rec.onEvent, onStatus: rec.onStatus, events: ['area-alarm'] });
    await rec.status((s) => s.state === 'connected', 'connected');
    const hostile =
      `{"apiVersion":"1.0","method":"events:notify","params":{"notification":{"topic":"${h.TOPIC.area}",` +
      '"message":{"source":{"AreaID":"4"},"data":{"AreaName":{"toString":1},"AlarmActive":"1"}}}}}';
    for (const ws of cam.stream.connections) ws.send(hostile);
    alarms.set(h.EVENTS.areaOn(2));
    await rec.event((e) => e.topic === 'thermometry/area-alarm/2', 'the event after the hostile frame');
    assert.equal(cam.stream.connections.size, 1);
    assert.ok(
      rec.statuses.every((s) => s.state !== 'reconnecting'),
      'no reconnect',
    );
  });

  it('what a subscriber does to an event does not change what counts as a change', async () => {
    const rec = recorder();
    open({
      onEvent: (ev) => {
        rec.onEvent(ev);
        ev.payload.active = 'mutated downstream';
      },
      onStatus: rec.onStatus,
      events: ['area-alarm', 'any-area'],
    });
    await rec.status((s) => s.state === 'connected', 'connected');
    alarms.set(h.EVENTS.areaOn(2));
    alarms.set(h.EVENTS.areaOn(2)); // the same state again: not a change
    alarms.set(h.EVENTS.anyArea(true)); // a marker: everything before it has been handled
    await rec.event((e) => e.topic === 'thermometry/any-area', 'the marker');
    assert.deepEqual(
      rec.events.map((e) => e.topic),
      ['thermometry/area-alarm/2', 'thermometry/any-area'],
    );
  });

  it('filters by event and by area/group ids', async () => {
    const areas = recorder();
    const groups = recorder();
    open({ onEvent: areas.onEvent, events: ['area-alarm', 'information'], areaIds: [1] });
    open({ onEvent: groups.onEvent, events: ['group-deviation'], groupIds: [2] });
    await h.until(() => streams.every((s) => s.status.state === 'connected'), 'connected');
    assert.equal(cam.stream.connections.size, 1);
    for (const ev of [
      h.EVENTS.areaOn(0),
      h.EVENTS.areaOn(1),
      h.EVENTS.information(0),
      h.EVENTS.information(1),
      h.EVENTS.anyArea(true),
      h.EVENTS.deviation(1),
      h.EVENTS.deviation(2),
    ])
      alarms.set(ev);
    alarms.set(h.EVENTS.areaOff(1)); // marker: the last one the area stream wants
    await areas.event((e) => e.topic === 'thermometry/area-alarm/1' && e.payload.active === false, 'marker');
    await groups.event((e) => e.topic === 'thermometry/group-deviation/2');
    assert.deepEqual(
      areas.events.map((e) => `${e.topic}:${e.payload.active}`),
      ['thermometry/area-alarm/1:true', 'thermometry/information/1:undefined', 'thermometry/area-alarm/1:false'],
    );
    assert.deepEqual(
      groups.events.map((e) => e.topic),
      ['thermometry/group-deviation/2'],
    );
  });

  it('changes only drops a repeated state; every notification keeps it', async () => {
    const changes = recorder();
    const every = recorder();
    open({ onEvent: changes.onEvent, events: ['area-alarm'], changesOnly: true });
    open({ onEvent: every.onEvent, events: ['area-alarm'], changesOnly: false });
    await h.until(() => streams.every((s) => s.status.state === 'connected'), 'connected');
    alarms.set(h.EVENTS.areaOn(0));
    alarms.set(h.EVENTS.areaOn(0, { AverageTemp: 70 })); // same state, new reading
    alarms.set(h.EVENTS.areaOff(0));
    await every.event((e) => e.payload.active === false, 'off (every)');
    await changes.event((e) => e.payload.active === false, 'off (changes)');
    assert.deepEqual(
      every.events.map((e) => e.payload.active),
      [true, true, false],
    );
    assert.deepEqual(
      changes.events.map((e) => e.payload.active),
      [true, false],
    );
  });

  it('many streams on one camera share one socket; the last close ends it and leaves no timer', async () => {
    const clock = newClock();
    const a = recorder();
    const b = recorder();
    const s1 = new EventStream({ client, onEvent: a.onEvent, clock: clockHooks(clock) });
    const s2 = new EventStream({ client, onEvent: b.onEvent });
    await h.until(() => s1.status.state === 'connected' && s2.status.state === 'connected', 'connected');
    assert.equal(cam.stream.connections.size, 1);
    alarms.set(h.EVENTS.anyArea(true));
    await a.event((e) => e.topic === 'thermometry/any-area');
    await b.event((e) => e.topic === 'thermometry/any-area');
    assert.ok(clock.countTimers() > 0, 'heartbeat armed');
    await s1.close();
    assert.equal(cam.stream.connections.size, 1);
    alarms.set(h.EVENTS.anyArea(false));
    await b.event((e) => e.payload.active === false);
    assert.equal(a.events.length, 1, 'a closed stream gets nothing');
    await s2.close();
    await h.until(() => cam.stream.connections.size === 0, 'socket closed at the camera');
    assert.equal(clock.countTimers(), 0);
  });

  it('a stream joining a live connection gets the current state', async () => {
    alarms.set(h.EVENTS.deviation(3, true), { emit: false });
    const first = recorder();
    open({ onEvent: first.onEvent });
    await first.event((e) => e.topic === 'thermometry/group-deviation/3');
    const late = recorder();
    open({ onEvent: late.onEvent, events: ['group-deviation'] });
    const ev = await late.event((e) => e.topic === 'thermometry/group-deviation/3');
    assert.equal(ev.initial, true);
    assert.equal(ev.payload.active, true);
  });
});

describe('events: both topic spellings', function () {
  it("the 'tnsaxis' profile lands on the same messages", async () => {
    const results = [];
    for (const namespace of ['tns1', 'tnsaxis']) {
      const cam = await h.startCamera({}, { namespace });
      const client = clientFor(cam.emulator);
      const rec = recorder();
      const s = new EventStream({ client, onEvent: rec.onEvent });
      try {
        await h.until(() => s.status.state === 'connected', 'connected');
        cam.emulator.camera.emit('thermometry-event', h.EVENTS.areaOn(4));
        cam.emulator.camera.emit('thermometry-event', h.EVENTS.information(4));
        await h.until(() => rec.events.length === 2, 'two events');
        results.push(rec.events.map((e) => ({ topic: e.topic, payload: e.payload, raw: e.raw.topic })));
      } finally {
        await s.close();
        client.close();
        await cam.emulator.stop();
      }
    }
    assert.match(results[1][0].raw, /^tnsaxis:VideoSource\/tnsaxis:RadiometryAlarm/);
    assert.deepEqual(
      results[1].map(({ topic, payload }) => ({ topic, payload })),
      results[0].map(({ topic, payload }) => ({ topic, payload })),
    );
  });

  it('parseNotification recognizes any namespace prefix', () => {
    const spellings = [
      'tns1:VideoSource/tns1:RadiometryAlarm/tnsaxis:DeviationDetection',
      'tnsaxis:VideoSource/tnsaxis:RadiometryAlarm/tnsaxis:DeviationDetection',
      'tns1:VideoSource/tnsaxis:RadiometryAlarm/DeviationDetection',
    ];
    for (const topic of spellings) {
      const ev = parseNotification({ topic, timestamp: 5, message: { source: { GroupID: '7' }, data: { AlarmActive: 'true', DeltaTemp: '3.25' } } });
      assert.equal(ev.topic, 'thermometry/group-deviation/7', topic);
      assert.deepEqual(ev.payload, { groupId: 7, active: true, deltaTemp: 3.25 });
      assert.equal(ev.timestamp, 5);
    }
    assert.equal(parseNotification({ topic: 'tns1:Device/tnsaxis:IO/Port', message: {} }), undefined);
  });

  it('parseNotification reads hostile names and values without throwing or touching prototypes', () => {
    // As JSON.parse gives them: "__proto__" an own key, values whose toString is not a function.
    const raw = JSON.parse(
      `{"topic":"${h.TOPIC.area}","message":{"source":{"AreaID":"1"},` +
        '"data":{"__proto__":{"active":false},"constructor":"c","AreaName":{"toString":1},"AlarmActive":"1"}}}',
    );
    const ev = parseNotification(raw);
    assert.equal(Object.getPrototypeOf(ev.payload), Object.prototype);
    assert.deepEqual(ev.payload, { areaId: 1, constructor: 'c', areaName: { toString: 1 }, active: true });
  });
});

describe('events: faults, recovering on their own (stepped clock)', function () {
  const streams = [];
  const cleanups = [];
  afterEach(async () => {
    for (const s of streams.splice(0)) await s.close();
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(streamServerOptions = {}, emulatorOptions = {}) {
    const cam = await h.startCamera(emulatorOptions, streamServerOptions);
    cleanups.push(() => cam.emulator.stop());
    const client = clientFor(cam.emulator);
    cleanups.push(() => client.close());
    return { cam, client };
  }
  function openStream(client, clock, extra = {}) {
    const rec = recorder();
    const s = new EventStream({ client, onEvent: rec.onEvent, onStatus: rec.onStatus, clock: clockHooks(clock), random: () => 0.5, ...extra });
    streams.push(s);
    return { s, rec };
  }

  it('the camera closes the socket: reconnecting (attempt 1), back after the 1 s backoff', async () => {
    const { cam, client } = await setup();
    const clock = newClock();
    const { s, rec } = openStream(client, clock);
    await h.until(() => s.status.state === 'connected', 'connected');
    for (const ws of cam.stream.connections) ws.close(1011, 'bye');
    const st = await rec.status((x) => x.state === 'reconnecting', 'reconnecting');
    assert.equal(st.attempt, 1);
    assert.equal(st.retryInMs, 1000);
    await clock.tickAsync(999);
    assert.equal(s.status.state, 'reconnecting');
    await clock.tickAsync(1);
    await h.until(() => s.status.state === 'connected', 'reconnected');
    assert.equal(cam.stream.connections.size, 1);
  });

  it('backoff grows 1 s, 2 s, 4 s ... up to 30 s, with jitter around it', async () => {
    // Nothing listens on this port: every attempt is refused.
    const net = require('net');
    const blocker = net.createServer();
    await new Promise((r) => blocker.listen(0, '127.0.0.1', r));
    const port = blocker.address().port;
    await new Promise((r) => blocker.close(r));
    const client = clientFor(port);
    cleanups.push(() => client.close());
    const clock = newClock();
    const { rec } = openStream(client, clock);
    const delays = [];
    for (let attempt = 1; attempt <= 7; attempt++) {
      const st = await rec.status((x) => x.attempt === attempt, `attempt ${attempt}`);
      assert.equal(st.state, 'reconnecting');
      assert.equal(st.failure.reason, 'refused');
      delays.push(st.retryInMs);
      await clock.tickAsync(st.retryInMs);
    }
    assert.deepEqual(delays, [1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  it('jitter spreads the delays (+-20 %)', async () => {
    const client = clientFor(1); // port 1: refused at once
    cleanups.push(() => client.close());
    const lows = [];
    for (const r of [0, 1]) {
      const clock = newClock();
      const { rec } = openStream(client, clock, { random: () => r, shared: false });
      const st = await rec.status((x) => x.attempt === 1);
      lows.push(st.retryInMs);
    }
    assert.deepEqual(lows, [800, 1200]);
  });

  it('the emulator restarts on the same port: reconnects and delivers the changes missed while away, nothing else', async () => {
    const { cam, client } = await setup();
    const port = cam.emulator.port;
    const alarms = alarmStates(cam.emulator.camera);
    alarms.set(h.EVENTS.areaOn(0), { emit: false });
    alarms.set(h.EVENTS.areaOff(1), { emit: false });
    alarms.set(h.EVENTS.deviation(1, false), { emit: false });
    const clock = newClock();
    const { s, rec } = openStream(client, clock, { changesOnly: false });
    await h.until(() => rec.events.length === 3, 'initial state');
    await cam.emulator.stop();
    const st = await rec.status((x) => x.state === 'reconnecting', 'reconnecting');
    assert.equal(st.attempt, 1);
    // While the camera is away: area 0 clears, area 1 fires; the group stays as it was.
    alarms.set(h.EVENTS.areaOff(0), { emit: false });
    alarms.set(h.EVENTS.areaOn(1), { emit: false });
    const emulator2 = await start({ port });
    cleanups.push(() => emulator2.stop());
    alarms.attach(emulator2.camera);
    attachEventStream(emulator2);
    await clock.tickAsync(st.retryInMs);
    await h.until(() => s.status.state === 'connected', 'reconnected');
    await h.until(() => rec.events.length === 5, 'missed changes');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(
      rec.events
        .slice(3)
        .map((e) => [e.topic, e.payload.active])
        .sort(),
      [
        ['thermometry/area-alarm/0', false],
        ['thermometry/area-alarm/1', true],
      ],
    );
    assert.equal(rec.events.length, 5, 'the unchanged group state is not sent again');
    // And it keeps going.
    emulator2.camera.emit('thermometry-event', h.EVENTS.deviation(1, true));
    await rec.event((e) => e.topic === 'thermometry/group-deviation/1' && e.payload.active === true);
  });

  it('a refused token: the next attempt signs the upgrade with Digest and connects', async () => {
    const { cam, client } = await setup({ tokenTtlMs: 0 }); // every token has expired when used
    const clock = newClock();
    const { s, rec } = openStream(client, clock);
    const st = await rec.status((x) => x.state === 'reconnecting', 'refused');
    assert.equal(st.failure.reason, 'tokenRefused');
    await clock.tickAsync(st.retryInMs);
    await h.until(() => s.status.state === 'connected', 'connected with Digest');
    cam.emulator.camera.emit('thermometry-event', h.EVENTS.anyArea(true));
    await rec.event((e) => e.topic === 'thermometry/any-area');
  });

  it('no wssession.cgi: Digest on the upgrade from the start', async () => {
    // An emulator whose stream accepts Digest but has no token CGI: the stream is
    // attached, then the route is shadowed by a 404 as on firmware without it.
    const { cam, client } = await setup();
    cam.emulator.addRoute('GET', '/axis-cgi/wssession.cgi', 'viewer', (_req, res) => {
      res.writeHead(404);
      res.end();
    });
    const clock = newClock();
    const { s, rec } = openStream(client, clock);
    await h.until(() => s.status.state === 'connected', 'connected');
    assert.ok(!rec.statuses.some((x) => x.state === 'reconnecting'));
  });

  it('a pong that never comes (network cut, half-open): detected within 30 s, reconnects when the network is back', async () => {
    const { cam } = await setup();
    const relay = h.startRelay(cam.emulator.port);
    await relay.start();
    cleanups.push(() => relay.stop());
    const client = clientFor(relay.port);
    cleanups.push(() => client.close());
    const clock = newClock();
    const { s, rec } = openStream(client, clock);
    await h.until(() => s.status.state === 'connected', 'connected');
    // Pings are answered while the network is fine.
    await clock.tickAsync(10000);
    // Pong received: only the next ping armed, besides the 30 s timer after which the connection counts as good.
    await h.until(() => clock.countTimers() === 2, 'pong received, only the next ping (and the stable timer) armed');
    await clock.tickAsync(10000);
    relay.cut = true; // packets vanish; neither side sees a close
    let waited = 0;
    while (s.status.state === 'connected' && waited < 30000) {
      await clock.tickAsync(1000);
      waited += 1000;
      await new Promise((r) => setImmediate(r));
    }
    assert.equal(s.status.state, 'reconnecting');
    assert.ok(waited <= 30000, `detected after ${waited} ms`);
    relay.cut = false;
    relay.dropAll();
    const st = s.status;
    await clock.tickAsync(st.retryInMs);
    await h.until(() => s.status.state === 'connected', 'reconnected');
    assert.equal(rec.statuses.filter((x) => x.state === 'connected').length, 2);
  });

  it('wrong password: cannot connect, reason says so (and it keeps trying)', async () => {
    const { cam } = await setup();
    const client = clientFor(cam.emulator, 'root', 'not-the-password');
    cleanups.push(() => client.close());
    const clock = newClock();
    const { rec } = openStream(client, clock);
    const st = await rec.status((x) => x.state === 'error', 'error');
    assert.equal(st.failure.reason, 'wrongPassword');
    assert.equal(st.attempt, 1);
    await clock.tickAsync(st.retryInMs);
    const again = await rec.status((x) => x.state === 'error' && x.attempt === 2, 'second attempt');
    assert.equal(again.retryInMs, 2000);
    assert.ok(!JSON.stringify(rec.statuses).includes('not-the-password'));
  });

  it('no such host: cannot connect, and the failure says so', async () => {
    const client = new ThermometryClient({ host: 'no-such-camera.invalid', port: 80, username: 'root', password: 'pass', timeout: 5000 });
    cleanups.push(() => client.close());
    const clock = newClock();
    const { rec } = openStream(client, clock);
    const st = await rec.status((x) => x.state === 'error', 'error');
    assert.equal(st.failure.reason, 'noSuchHost');
    assert.equal(st.failure.fatal, true);
  });
});

describe('events: over https (wss)', function () {
  let cam;
  let tls;
  before(async () => {
    tls = h.selfSignedCert();
    cam = await h.startCamera({ tls });
  });
  after(async () => {
    await cam.emulator.stop();
  });

  async function attempt(tlsOptions) {
    const client = new ThermometryClient({
      host: '127.0.0.1',
      port: cam.emulator.port,
      protocol: 'https',
      username: 'root',
      password: 'pass',
      tls: tlsOptions,
    });
    const rec = recorder();
    const s = new EventStream({ client, onEvent: rec.onEvent, onStatus: rec.onStatus, clock: clockHooks(newClock()) });
    try {
      await h.until(() => ['connected', 'error'].includes(s.status.state), 'an outcome');
      const outcome = s.status;
      if (outcome.state === 'connected') {
        cam.emulator.camera.emit('thermometry-event', h.EVENTS.anyArea(true));
        await rec.event((e) => e.topic === 'thermometry/any-area');
      }
      return outcome;
    } finally {
      await s.close();
      client.close();
    }
  }

  it('trusts the camera the way its client does: its CA, or self-signed when allowed', async () => {
    assert.equal((await attempt({ ca: tls.cert })).state, 'connected');
    assert.equal((await attempt({ allowSelfSigned: true })).state, 'connected');
  });

  it('an untrusted certificate: cannot connect, and says why', async () => {
    const st = await attempt(undefined);
    assert.equal(st.state, 'error');
    assert.deepEqual(st.failure, { reason: 'tlsSelfSigned', fatal: true, cause: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  });
});
