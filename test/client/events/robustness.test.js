'use strict';
// The event stream under a camera that misbehaves: a 90 MB frame closes the
// socket before it is kept; a frame nested 100000 deep (under the size bound) is dropped; a camera
// that accepts the subscription and drops it at once is reconnected with a
// growing backoff; `initial` marks the state sent after each subscribe however
// the frames are cut into reads (20 of 20, through a proxy that splits them).
const assert = require('node:assert/strict');
const net = require('net');
const path = require('path');
const h = require('../../emulator/events/support');
const FakeTimers = require(require.resolve('@sinonjs/fake-timers', { paths: [path.dirname(require.resolve('sinon'))] }));
const { ThermometryClient } = require('../../../dist/client');
const { EventStream } = require('../../../dist/client/events');

function recorder() {
  const rec = { events: [], statuses: [] };
  rec.onEvent = (ev) => rec.events.push(ev);
  rec.onStatus = (st) => rec.statuses.push(st);
  return rec;
}

/** The camera's stateful events, as its alarm engine keeps them (sent after each subscribe). */
function alarmStates(camera) {
  const states = new Map();
  camera.eventStateProvider = () => [...states.values()];
  return {
    set(ev, { emit = true } = {}) {
      states.set(`${ev.topic}/${JSON.stringify(ev.source)}`, ev);
      if (emit) camera.emit('thermometry-event', ev);
    },
  };
}

/**
 * A TCP proxy to `port` that hands the camera's bytes on in pieces of `piece`
 * bytes, a millisecond apart: the frames of a burst then come in many reads,
 * as through a real proxy or a slow link.
 */
async function splittingProxy(port, piece = 9) {
  const sockets = new Set();
  const server = net.createServer((downstream) => {
    const upstream = net.connect(port, '127.0.0.1');
    sockets.add(downstream);
    sockets.add(upstream);
    const queue = [];
    let pumping = false;
    const pump = () => {
      if (!queue.length || downstream.destroyed) {
        pumping = false;
        return;
      }
      downstream.write(queue.shift());
      setTimeout(pump, 1);
    };
    upstream.on('data', (data) => {
      for (let i = 0; i < data.length; i += piece) queue.push(data.subarray(i, i + piece));
      if (!pumping) {
        pumping = true;
        setTimeout(pump, 1);
      }
    });
    downstream.on('data', (d) => upstream.write(d));
    const end = () => {
      downstream.destroy();
      upstream.destroy();
    };
    upstream.on('close', end);
    downstream.on('close', end);
    upstream.on('error', end);
    downstream.on('error', end);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: server.address().port,
    cut() {
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(r);
      }),
  };
}

describe('events: a camera that misbehaves', function () {
  this.timeout(120000);
  const cleanups = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  async function camera(streamOptions) {
    const cam = await h.startCamera({}, streamOptions);
    cleanups.push(() => cam.emulator.stop());
    return cam;
  }
  function stream(port, extra = {}) {
    const client = new ThermometryClient({ host: '127.0.0.1', port, username: 'root', password: 'pass' });
    const rec = recorder();
    const s = new EventStream({ client, onEvent: rec.onEvent, onStatus: rec.onStatus, shared: false, ...extra });
    cleanups.push(async () => {
      await s.close();
      client.close();
    });
    return { s, rec, client };
  }

  it('a 90 MB frame closes the stream (it is not kept), which then reconnects and delivers', async () => {
    const cam = await camera();
    const { s, rec } = stream(cam.emulator.port, { backoffInitialMs: 20 });
    await h.until(() => s.status.state === 'connected', 'connected');
    const rssBefore = process.memoryUsage().rss;
    const huge = `{"apiVersion":"1.0","method":"events:notify","params":{"notification":{"topic":"x","message":{"data":{"pad":"${'x'.repeat(90 * 1024 * 1024)}"}}}}}`;
    for (const ws of cam.stream.connections) ws.send(huge);
    const closed = await (async () => {
      let found;
      await h.until(() => (found = rec.statuses.find((st) => st.state === 'reconnecting')), 'the stream closed', 60000);
      return found;
    })();
    assert.deepEqual(closed.failure, { reason: 'frameTooLarge', fatal: false, cause: 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' });
    await h.until(() => s.status.state === 'connected', 'reconnected', 30000);
    cam.emulator.camera.emit('thermometry-event', h.EVENTS.anyArea(true));
    await h.until(() => rec.events.some((e) => e.topic === 'thermometry/any-area'), 'an event after the reconnect');
    assert.ok(process.memoryUsage().rss - rssBefore < 400 * 1024 * 1024, 'the frame was not buffered whole on the client side as well');
  });

  it('a frame nested 100000 deep (under the size bound) is dropped; the socket stays and the next event arrives', async () => {
    const cam = await camera();
    const { s, rec } = stream(cam.emulator.port);
    await h.until(() => s.status.state === 'connected', 'connected');
    const deep = `${'['.repeat(100000)}${']'.repeat(100000)}`;
    const frame = `{"apiVersion":"1.0","method":"events:notify","params":{"notification":{"topic":"${h.TOPIC.anyArea}","message":{"source":{},"key":{},"data":{"AlarmActive":"1","AreaName":"AnyArea","Deep":${deep}}}}}}`;
    for (const ws of cam.stream.connections) ws.send(frame);
    cam.emulator.camera.emit('thermometry-event', h.EVENTS.areaOn(3));
    await h.until(() => rec.events.some((e) => e.topic === 'thermometry/area-alarm/3'), 'the next event');
    assert.equal(rec.events.filter((e) => e.topic === 'thermometry/any-area').length, 0, 'the deep frame was dropped');
    assert.equal(s.status.state, 'connected');
  });

  it('a camera that accepts the subscription and drops it at once is reconnected with a growing backoff; a connection that holds resets it', async () => {
    const cam = await camera();
    const clock = FakeTimers.createClock(Date.now());
    const { s, rec } = stream(cam.emulator.port, {
      clock: { setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout, now: () => clock.now },
      random: () => 0.5,
    });
    const delays = [];
    for (let drop = 1; drop <= 5; drop++) {
      await h.until(() => s.status.state === 'connected', `connected (${drop})`);
      const seen = rec.statuses.length;
      for (const ws of cam.stream.connections) ws.close(1011, 'flap');
      let st;
      await h.until(() => (st = rec.statuses.slice(seen).find((x) => x.state === 'reconnecting')), `reconnecting (${drop})`);
      delays.push(st.retryInMs);
      await clock.tickAsync(st.retryInMs);
    }
    assert.deepEqual(delays, [1000, 2000, 4000, 8000, 16000], 'the backoff grew while connections kept failing');
    // Up and holding for 30 s: a good connection; the next drop starts from 1 s again.
    await h.until(() => s.status.state === 'connected', 'connected');
    await clock.tickAsync(30000);
    const seen = rec.statuses.length;
    for (const ws of cam.stream.connections) ws.close(1011, 'after a while');
    let st;
    await h.until(() => (st = rec.statuses.slice(seen).find((x) => x.state === 'reconnecting')), 'reconnecting');
    assert.equal(st.retryInMs, 1000);
  });

  it('`initial` is true for the state sent after each subscribe, in 20 of 20 runs, through a proxy that splits the frames', async () => {
    const cam = await camera();
    const alarms = alarmStates(cam.emulator.camera);
    for (let id = 0; id < 4; id++) alarms.set(h.EVENTS.areaOn(id), { emit: false });
    alarms.set(h.EVENTS.anyArea(true), { emit: false });
    alarms.set(h.EVENTS.deviation(1, true), { emit: false });
    const proxy = await splittingProxy(cam.emulator.port);
    cleanups.push(() => proxy.close());
    let right = 0;
    const wrong = [];
    // Ten fresh subscribes, then ten reconnects of one stream with a state changed while away.
    for (let run = 0; run < 10; run++) {
      const { s, rec } = stream(proxy.port);
      await h.until(() => rec.events.length >= 6, `run ${run}: the current state`);
      const flags = rec.events.map((e) => e.initial === true);
      if (flags.every(Boolean)) right++;
      else wrong.push(`fresh ${run}: ${flags}`);
      await s.close();
    }
    const { s, rec } = stream(proxy.port, { backoffInitialMs: 10, backoffMaxMs: 50 });
    await h.until(() => rec.events.length >= 6, 'the current state');
    for (let run = 0; run < 10; run++) {
      const id = run % 4;
      const active = run % 8 < 4 ? false : true;
      alarms.set(active ? h.EVENTS.areaOn(id) : h.EVENTS.areaOff(id), { emit: false });
      const from = rec.events.length;
      proxy.cut();
      await h.until(() => rec.events.length > from && s.status.state === 'connected', `reconnect ${run}: the change missed while away`);
      const got = rec.events.slice(from);
      if (got.length === 1 && got[0].topic === `thermometry/area-alarm/${id}` && got[0].payload.active === active && got[0].initial === true) right++;
      else wrong.push(`reconnect ${run}: ${JSON.stringify(got.map((e) => [e.topic, e.payload.active, e.initial]))}`);
    }
    assert.deepEqual(wrong, []);
    assert.equal(right, 20);
  });
});
