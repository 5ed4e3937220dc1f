'use strict';
// The emulator's event stream, driven with curl (token) and the `ws` package
// (raw frames): token rules, configure, filters, initial state, every error,
// heartbeat and discovery. Events are raised on the camera model exactly as the
// scene's alarm engine raises them (CameraEvent, src/api/events.ts).
const assert = require('node:assert/strict');
const sinon = require('sinon');
const h = require('./support');

describe('events: emulator event stream (ws + curl)', function () {
  let cam;
  before(async () => {
    cam = await h.startCamera();
  });
  after(async () => {
    await cam.emulator.stop();
  });

  async function connect(filters) {
    const token = await h.curlToken(cam.url);
    const ws = await h.openSocket(`${cam.wsBase}/vapix/ws-data-stream?wssession=${token}&sources=events`);
    if (filters) {
      const reply = await h.configure(ws, filters);
      assert.deepEqual(reply, { apiVersion: '1.0', method: 'events:configure', data: {} });
    }
    return ws;
  }

  describe('wssession.cgi token (curl --digest)', () => {
    it('answers a token of digits as text/plain to a viewer', async () => {
      const r = await h.curl(['--digest', '-u', 'viewer:viewer', `${cam.url}/axis-cgi/wssession.cgi`]);
      assert.equal(r.status, 200);
      assert.match(r.contentType, /^text\/plain/);
      assert.match(r.body, /^\d+$/);
    });
    it('refuses a request without credentials or with a wrong password (401)', async () => {
      assert.equal((await h.curl([`${cam.url}/axis-cgi/wssession.cgi`])).status, 401);
      assert.equal((await h.curl(['--digest', '-u', 'root:wrong', `${cam.url}/axis-cgi/wssession.cgi`])).status, 401);
    });
    it('gives a different token each time', async () => {
      const a = await h.curlToken(cam.url);
      const b = await h.curlToken(cam.url);
      assert.notEqual(a, b);
    });
  });

  describe('upgrade', () => {
    it('accepts a fresh token once, refuses it the second time (401)', async () => {
      const token = await h.curlToken(cam.url);
      const url = `${cam.wsBase}/vapix/ws-data-stream?wssession=${token}&sources=events`;
      const ws = await h.openSocket(url);
      await assert.rejects(h.openSocket(url), (err) => err.status === 401);
      ws.close();
      await h.closed(ws);
    });
    it('refuses an unknown token (401)', async () => {
      await assert.rejects(h.openSocket(`${cam.wsBase}/vapix/ws-data-stream?wssession=123456789&sources=events`), (err) => err.status === 401);
    });
    it('refuses an upgrade with neither token nor credentials (401)', async () => {
      await assert.rejects(h.openSocket(`${cam.wsBase}/vapix/ws-data-stream?sources=events`), (err) => err.status === 401);
    });
    it('accepts Digest on the upgrade request itself, refuses a wrong password', async () => {
      const uri = '/vapix/ws-data-stream?sources=events';
      const good = await h.digestFor(cam.url, uri, 'viewer', 'viewer');
      const ws = await h.openSocket(`${cam.wsBase}${uri}`, { headers: { Authorization: good } });
      const reply = await h.configure(ws, [{ topicFilter: h.TOPIC.area }]);
      assert.deepEqual(reply.data, {});
      ws.close();
      const bad = await h.digestFor(cam.url, uri, 'viewer', 'not-the-password');
      await assert.rejects(h.openSocket(`${cam.wsBase}${uri}`, { headers: { Authorization: bad } }), (err) => err.status === 401);
    });
    it('answers an upgrade whose target cannot parse as a URL (400) and keeps serving', async () => {
      const net = require('net');
      const status = await new Promise((resolve, reject) => {
        const socket = net.connect(cam.emulator.port, '127.0.0.1', () => {
          socket.write(
            'GET // HTTP/1.1\r\nHost: camera\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
              'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
          );
        });
        let text = '';
        socket.on('data', (chunk) => {
          text += chunk;
        });
        socket.on('end', () => resolve(text.split('\r\n')[0]));
        socket.on('error', reject);
      });
      assert.equal(status, 'HTTP/1.1 400 Bad Request');
      // The process and the server are still there.
      assert.match(await h.curlToken(cam.url), /^\d+$/);
    });
    it('refuses a source other than events (400)', async () => {
      const token = await h.curlToken(cam.url);
      await assert.rejects(h.openSocket(`${cam.wsBase}/vapix/ws-data-stream?wssession=${token}&sources=video`), (err) => err.status === 400);
    });
  });

  describe('token expiry (sinon fake Date)', () => {
    let clock;
    afterEach(() => clock && clock.restore());
    it('a token is valid for 15 s and refused after', async () => {
      clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['Date'] });
      const early = await h.curlToken(cam.url);
      const late = await h.curlToken(cam.url);
      clock.tick(14900);
      const ws = await h.openSocket(`${cam.wsBase}/vapix/ws-data-stream?wssession=${early}&sources=events`);
      ws.close();
      clock.tick(200);
      await assert.rejects(h.openSocket(`${cam.wsBase}/vapix/ws-data-stream?wssession=${late}&sources=events`), (err) => err.status === 401);
    });
  });

  describe('events:configure', () => {
    it('answers {"apiVersion":"1.0","method":"events:configure","data":{}} and echoes context', async () => {
      const ws = await connect();
      const reply = await h.configure(ws, [{ topicFilter: h.TOPIC.area }], 'ctx-42');
      assert.deepEqual(reply, { apiVersion: '1.0', context: 'ctx-42', method: 'events:configure', data: {} });
      ws.close();
    });

    const errors = [
      ['malformed JSON', '{"apiVersion":"1.0", method', 2101],
      ['a JSON array', '[1,2]', 2101],
      ['an unknown method', JSON.stringify({ apiVersion: '1.0', method: 'events:subscribe', params: {} }), 2102],
      ['no method', JSON.stringify({ apiVersion: '1.0', params: {} }), 2103],
      // String() of {"toString": 1} throws: it once escaped the message handler and ended the process.
      ['an apiVersion that is an object', '{"apiVersion":{"toString":1},"method":"events:configure","params":{}}', 2100],
      [
        'an unsupported apiVersion',
        JSON.stringify({ apiVersion: '2.0', method: 'events:configure', params: { eventFilterList: [{ topicFilter: h.TOPIC.area }] } }),
        2100,
      ],
      ['no eventFilterList', JSON.stringify({ apiVersion: '1.0', method: 'events:configure', params: {} }), 2103],
      ['an empty eventFilterList', JSON.stringify({ apiVersion: '1.0', method: 'events:configure', params: { eventFilterList: [] } }), 2104],
      [
        'a topicFilter that is not a topic',
        JSON.stringify({ apiVersion: '1.0', method: 'events:configure', params: { eventFilterList: [{ topicFilter: 'tns1:Video Source//x' }] } }),
        2104,
      ],
      [
        'a contentFilter we cannot read',
        JSON.stringify({
          apiVersion: '1.0',
          method: 'events:configure',
          params: { eventFilterList: [{ topicFilter: h.TOPIC.area, contentFilter: 'count(//x) > 2' }] },
        }),
        2104,
      ],
    ];
    for (const [what, text, code] of errors) {
      it(`answers ${what} with error ${code} and keeps the socket open`, async () => {
        const ws = await connect();
        ws.send(text);
        const frame = await ws.nextFrame();
        assert.equal(frame.error.code, code);
        assert.equal(typeof frame.error.message, 'string');
        assert.equal(frame.apiVersion, '1.0');
        // Still open and usable.
        const reply = await h.configure(ws, [{ topicFilter: h.TOPIC.area }]);
        assert.deepEqual(reply.data, {});
        ws.close();
      });
    }

    it('echoes context in an error reply', async () => {
      const ws = await connect();
      ws.send(JSON.stringify({ apiVersion: '1.0', context: 'c1', method: 'events:nope' }));
      const frame = await ws.nextFrame();
      assert.equal(frame.context, 'c1');
      assert.equal(frame.error.code, 2102);
      ws.close();
    });
  });

  describe('notifications and filters', () => {
    it('sends a notification with every value a string, ids under source', async () => {
      const ws = await connect([{ topicFilter: h.TOPIC.area }]);
      const from = ws.frames.length;
      // The camera's clock at the moment it raises the event, pinned (not compared with the wall clock).
      const clock = sinon.useFakeTimers({ now: 1700000000123, toFake: ['Date'] });
      try {
        cam.emulator.camera.emit('thermometry-event', h.EVENTS.areaOn(3));
      } finally {
        clock.restore();
      }
      const frame = await ws.nextFrame((f) => f.method === 'events:notify', from);
      assert.equal(frame.apiVersion, '1.0');
      const n = frame.params.notification;
      assert.equal(n.topic, h.TOPIC.area);
      assert.equal(n.timestamp, 1700000000123);
      assert.deepEqual(n.message.source, { AreaID: '3' });
      assert.deepEqual(n.message.key, {});
      assert.deepEqual(n.message.data, {
        AlarmActive: '1',
        AreaName: 'Area 3',
        AverageTemp: '61.5',
        MaximumTemp: '80.25',
        MinimumTemp: '40',
        TemperatureUnit: 'Celsius',
        MaxTempPositionX: '0.5',
        MaxTempPositionY: '-0.25',
        MinTempPositionX: '-0.5',
        MinTempPositionY: '0.75',
      });
      for (const part of ['source', 'data']) for (const v of Object.values(n.message[part])) assert.equal(typeof v, 'string');
      ws.close();
    });

    it('puts PresetNbr and GroupID under source', async () => {
      const ws = await connect([{ topicFilter: 'tns1:VideoSource/tns1:RadiometryAlarm' }]);
      const from = ws.frames.length;
      cam.emulator.camera.emit('thermometry-event', h.EVENTS.anyAreaOnPreset(2, true));
      cam.emulator.camera.emit('thermometry-event', h.EVENTS.deviation(4, false));
      const a = await ws.nextFrame((f) => f.method === 'events:notify', from);
      const b = await ws.nextFrame((f) => f.method === 'events:notify' && f !== a, from);
      assert.deepEqual(a.params.notification.message.source, { PresetNbr: '2' });
      assert.deepEqual(a.params.notification.message.data, { AreaName: 'AnyAreaOnPreset', AlarmActive: '1' });
      assert.deepEqual(b.params.notification.message.source, { GroupID: '4' });
      assert.deepEqual(b.params.notification.message.data, { AlarmActive: '0', GroupName: 'Group 4', DeltaTemp: '12.5', ThresholdTemp: '10' });
      ws.close();
    });

    it('a full topic matches only that topic; a prefix matches what is below it', async () => {
      const full = await connect([{ topicFilter: h.TOPIC.area }]);
      const prefix = await connect([{ topicFilter: 'tns1:VideoSource/tns1:RadiometryAlarm' }]);
      const all = await connect([{ topicFilter: 'tns1:VideoSource' }]);
      const froms = [full, prefix, all].map((ws) => ws.frames.length);
      const events = [h.EVENTS.areaOn(0), h.EVENTS.anyArea(true), h.EVENTS.anyAreaOnPreset(1, true), h.EVENTS.deviation(1), h.EVENTS.information(0)];
      for (const ev of events) cam.emulator.camera.emit('thermometry-event', ev);
      // `all` gets the five, in order; once it has the last, the others have had their chance too.
      await all.nextFrame((f) => f.params && f.params.notification.topic === h.TOPIC.information, froms[2]);
      await new Promise((r) => setImmediate(r));
      const topics = (ws, from) =>
        ws.frames
          .slice(from)
          .filter((f) => f.method === 'events:notify')
          .map((f) => f.params.notification.topic);
      await h.until(() => topics(prefix, froms[1]).length >= 4, 'prefix frames');
      assert.deepEqual(topics(full, froms[0]), [h.TOPIC.area]);
      assert.deepEqual(topics(prefix, froms[1]), [h.TOPIC.area, h.TOPIC.anyArea, h.TOPIC.anyAreaOnPreset, h.TOPIC.deviation]);
      assert.deepEqual(topics(all, froms[2]), [h.TOPIC.area, h.TOPIC.anyArea, h.TOPIC.anyAreaOnPreset, h.TOPIC.deviation, h.TOPIC.information]);
      for (const ws of [full, prefix, all]) ws.close();
    });

    it('several filters in one list; a new configure replaces the filters', async () => {
      const ws = await connect([{ topicFilter: h.TOPIC.anyArea }, { topicFilter: h.TOPIC.deviation }]);
      let from = ws.frames.length;
      cam.emulator.camera.emit('thermometry-event', h.EVENTS.areaOn(0));
      cam.emulator.camera.emit('thermometry-event', h.EVENTS.anyArea(true));
      cam.emulator.camera.emit('thermometry-event', h.EVENTS.deviation(2));
      await ws.nextFrame((f) => f.params && f.params.notification.topic === h.TOPIC.deviation, from);
      assert.deepEqual(
        ws.frames.slice(from).map((f) => f.params.notification.topic),
        [h.TOPIC.anyArea, h.TOPIC.deviation],
      );

      await h.configure(ws, [{ topicFilter: h.TOPIC.information }]);
      from = ws.frames.length;
      cam.emulator.camera.emit('thermometry-event', h.EVENTS.anyArea(false));
      cam.emulator.camera.emit('thermometry-event', h.EVENTS.information(5));
      const frame = await ws.nextFrame((f) => f.method === 'events:notify', from);
      assert.equal(frame.params.notification.topic, h.TOPIC.information);
      assert.equal(ws.frames.length - from, 1);
      ws.close();
    });

    const contentFilters = [
      ['boolean(//SimpleItem[@Name="AlarmActive" and @Value="1"])', '1'],
      ["boolean(//SimpleItem[@Name='AlarmActive' and @Value='1'])", '1'],
      ['//SimpleItem[@Name="AlarmActive" and @Value="true"]', '1'],
      ['boolean( //tt:SimpleItem[ @Value="0" and @Name="AlarmActive" ] )', '0'],
      ['boolean(//SimpleItem[@Name="AlarmActive" and @Value="false"])', '0'],
    ];
    for (const [filter, value] of contentFilters) {
      it(`content filter ${filter} passes only AlarmActive=${value}`, async () => {
        const ws = await connect([{ topicFilter: 'tns1:VideoSource', contentFilter: filter }]);
        const from = ws.frames.length;
        cam.emulator.camera.emit('thermometry-event', h.EVENTS.areaOn(1));
        cam.emulator.camera.emit('thermometry-event', h.EVENTS.areaOff(1));
        cam.emulator.camera.emit('thermometry-event', h.EVENTS.information(1)); // no AlarmActive: never passes
        cam.emulator.camera.emit('thermometry-event', h.EVENTS.anyArea(value === '1'));
        await ws.nextFrame((f) => f.params && f.params.notification.topic === h.TOPIC.anyArea, from);
        const got = ws.frames.slice(from).map((f) => [f.params.notification.topic, f.params.notification.message.data.AlarmActive]);
        assert.deepEqual(got, [
          [h.TOPIC.area, value],
          [h.TOPIC.anyArea, value],
        ]);
        ws.close();
      });
    }

    it('a content filter on a field no event has ("constructor") passes nothing and the camera goes on', async () => {
      // fields.constructor is Object's own function: read as a value it once threw out of the camera's emit.
      const ws = await connect([
        { topicFilter: h.TOPIC.area, contentFilter: 'boolean(//SimpleItem[@Name="constructor" and @Value="1"])' },
        { topicFilter: h.TOPIC.anyArea },
      ]);
      const from = ws.frames.length;
      cam.emulator.camera.emit('thermometry-event', h.EVENTS.areaOn(1));
      cam.emulator.camera.emit('thermometry-event', h.EVENTS.anyArea(true));
      await ws.nextFrame((f) => f.params && f.params.notification.topic === h.TOPIC.anyArea, from);
      assert.deepEqual(
        ws.frames.slice(from).map((f) => f.params.notification.topic),
        [h.TOPIC.anyArea],
      );
      ws.close();
    });

    it('sends nothing before the first configure', async () => {
      const ws = await connect();
      cam.emulator.camera.emit('thermometry-event', h.EVENTS.areaOn(0));
      const reply = await h.configure(ws, [{ topicFilter: h.TOPIC.anyArea }]);
      assert.ok(reply.data);
      assert.equal(ws.frames.length, 1);
      ws.close();
    });
  });

  describe('initial state', () => {
    let saved;
    beforeEach(() => {
      // The scene's alarm engine normally fills this; here a fixed state so the test knows the answer.
      saved = cam.emulator.camera.eventStateProvider;
      cam.emulator.camera.eventStateProvider = () => [h.EVENTS.areaOn(0), h.EVENTS.areaOff(1), h.EVENTS.anyArea(true), h.EVENTS.deviation(1, false)];
    });
    afterEach(() => {
      cam.emulator.camera.eventStateProvider = saved;
    });

    it('sends the current state of every matching stateful event once, right after the configure reply', async () => {
      const ws = await connect();
      const reply = await h.configure(ws, [{ topicFilter: h.TOPIC.area }, { topicFilter: h.TOPIC.deviation }]);
      assert.deepEqual(reply.data, {});
      await h.until(() => ws.frames.length >= 4, 'initial frames');
      const replyIndex = ws.frames.indexOf(reply);
      const got = ws.frames
        .slice(replyIndex + 1)
        .map((f) => [f.params.notification.topic, f.params.notification.message.source, f.params.notification.message.data.AlarmActive]);
      assert.deepEqual(got, [
        [h.TOPIC.area, { AreaID: '0' }, '1'],
        [h.TOPIC.area, { AreaID: '1' }, '0'],
        [h.TOPIC.deviation, { GroupID: '1' }, '0'],
      ]);
      ws.close();
    });

    it('applies the content filter to the initial state too', async () => {
      const ws = await connect();
      await h.configure(ws, [{ topicFilter: 'tns1:VideoSource', contentFilter: 'boolean(//SimpleItem[@Name="AlarmActive" and @Value="1"])' }]);
      await h.until(() => ws.frames.length >= 3, 'initial frames');
      const got = ws.frames.slice(1).map((f) => f.params.notification.topic);
      assert.deepEqual(got, [h.TOPIC.area, h.TOPIC.anyArea]);
      ws.close();
    });
  });

  describe('discovery', () => {
    it('lists event streaming over WebSocket in getApiList', async () => {
      const r = await h.curl([
        '--digest',
        '-u',
        'viewer:viewer',
        '-H',
        'Content-Type: application/json',
        '--data',
        '{"apiVersion":"1.0","method":"getApiList"}',
        `${cam.url}/axis-cgi/apidiscovery.cgi`,
      ]);
      assert.equal(r.status, 200);
      const ids = JSON.parse(r.body).data.apiList.map((a) => a.id);
      assert.ok(ids.includes('event-streaming-over-websocket'), `apiList: ${ids.join(', ')}`);
      assert.ok(ids.includes('thermometry'));
    });
  });
});

describe('events: emulator stream profiles, heartbeat and stop', function () {
  it("profile namespace 'tnsaxis' spells the topics tnsaxis: and matches filters in that spelling", async () => {
    const cam = await h.startCamera({}, { namespace: 'tnsaxis' });
    try {
      const token = await h.curlToken(cam.url);
      const ws = await h.openSocket(`${cam.wsBase}/vapix/ws-data-stream?wssession=${token}&sources=events`);
      await h.configure(ws, [{ topicFilter: 'tns1:VideoSource' }, { topicFilter: 'tnsaxis:VideoSource/tnsaxis:RadiometryAlarm' }]);
      const from = ws.frames.length;
      cam.emulator.camera.emit('thermometry-event', h.EVENTS.information(0)); // not under the tnsaxis filter
      cam.emulator.camera.emit('thermometry-event', h.EVENTS.areaOn(0));
      const frame = await ws.nextFrame((f) => f.method === 'events:notify', from);
      assert.equal(frame.params.notification.topic, 'tnsaxis:VideoSource/tnsaxis:RadiometryAlarm/tnsaxis:TemperatureDetection');
      assert.equal(ws.frames.length - from, 1);
      ws.close();
    } finally {
      await cam.emulator.stop();
    }
  });

  it('booleans: \'true\' sends "true"/"false"', async () => {
    const cam = await h.startCamera({}, { booleans: 'true' });
    try {
      const token = await h.curlToken(cam.url);
      const ws = await h.openSocket(`${cam.wsBase}/vapix/ws-data-stream?wssession=${token}&sources=events`);
      await h.configure(ws, [{ topicFilter: 'tns1:VideoSource', contentFilter: 'boolean(//SimpleItem[@Name="AlarmActive" and @Value="1"])' }]);
      const from = ws.frames.length;
      cam.emulator.camera.emit('thermometry-event', h.EVENTS.areaOff(0));
      cam.emulator.camera.emit('thermometry-event', h.EVENTS.anyArea(true));
      const frame = await ws.nextFrame((f) => f.method === 'events:notify', from);
      assert.equal(frame.params.notification.message.data.AlarmActive, 'true');
      assert.equal(frame.params.notification.topic, h.TOPIC.anyArea);
      ws.close();
    } finally {
      await cam.emulator.stop();
    }
  });

  describe('heartbeat (sinon fake timers)', () => {
    let clock;
    let cam;
    beforeEach(async () => {
      clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['setInterval', 'clearInterval'] });
      cam = await h.startCamera({}, { heartbeatMs: 10000 });
    });
    afterEach(async () => {
      await cam.emulator.stop();
      clock.restore();
    });

    it('pings; a client that answers stays, one that stops answering is dropped', async () => {
      const token1 = await h.curlToken(cam.url);
      const token2 = await h.curlToken(cam.url);
      const answering = await h.openSocket(`${cam.wsBase}/vapix/ws-data-stream?wssession=${token1}&sources=events`);
      const silent = await h.openSocket(`${cam.wsBase}/vapix/ws-data-stream?wssession=${token2}&sources=events`, { autoPong: false });
      let pings = 0;
      silent.on('ping', () => pings++);
      await h.until(() => cam.stream.connections.size === 2, 'two connections');
      let pongs = 0;
      for (const serverSide of cam.stream.connections) serverSide.on('pong', () => pongs++);
      clock.tick(10000);
      await h.until(() => pings === 1 && pongs === 1, 'first ping, one pong');
      assert.equal(silent.readyState, h.WebSocket.OPEN);
      clock.tick(10000);
      await h.closed(silent);
      assert.equal(answering.readyState, h.WebSocket.OPEN);
      await h.until(() => cam.stream.connections.size === 1, 'one connection left');
      answering.close();
    });
  });

  it('emulator.stop() ends open event sockets and resolves', async () => {
    const cam = await h.startCamera();
    const token = await h.curlToken(cam.url);
    const ws = await h.openSocket(`${cam.wsBase}/vapix/ws-data-stream?wssession=${token}&sources=events`);
    await cam.emulator.stop();
    await h.closed(ws);
    assert.equal(ws.readyState, h.WebSocket.CLOSED);
    assert.equal(cam.stream.connections.size, 0);
  });
});
