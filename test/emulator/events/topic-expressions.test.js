'use strict';
// events:configure takes ONVIF topic expressions as devices do (issue 20):
// `//.` alone for every topic (the default filter of the Python library axis),
// `<topic>//.` for a topic and everything below, `|` between alternatives, `*`
// for one level; and filters by them. Raw frames over the `ws` package.
const assert = require('node:assert/strict');
const h = require('./support');
const { SUBSCRIPTION_FILTERS } = require('../../../dist/client/events/session');

describe('events: emulator takes ONVIF topic expressions', function () {
  let cam;
  before(async () => {
    cam = await h.startCamera();
  });
  after(async () => {
    await cam.emulator.stop();
  });

  async function subscribe(topicFilter) {
    const token = await h.curlToken(cam.url);
    const ws = await h.openSocket(`${cam.wsBase}/vapix/ws-data-stream?wssession=${token}&sources=events`);
    const reply = await h.configure(ws, [{ topicFilter }]);
    assert.deepEqual(reply, { apiVersion: '1.0', method: 'events:configure', data: {} }, topicFilter);
    return ws;
  }

  const EVENTS = () => [h.EVENTS.areaOn(0), h.EVENTS.anyArea(true), h.EVENTS.anyAreaOnPreset(1, true), h.EVENTS.deviation(1), h.EVENTS.information(0)];
  const topicsOf = (ws, from) =>
    ws.frames
      .slice(from)
      .filter((f) => f.method === 'events:notify')
      .map((f) => f.params.notification.topic);

  it('accepts `//.`, `tns1:VideoSource//.`, alternatives with `|` and `*`, and sends what each selects', async () => {
    const cases = [
      ['//.', [h.TOPIC.area, h.TOPIC.anyArea, h.TOPIC.anyAreaOnPreset, h.TOPIC.deviation, h.TOPIC.information]],
      ['tns1:VideoSource//.', [h.TOPIC.area, h.TOPIC.anyArea, h.TOPIC.anyAreaOnPreset, h.TOPIC.deviation, h.TOPIC.information]],
      ['tns1:VideoSource/tns1:Thermometry//.', [h.TOPIC.information]],
      [`${h.TOPIC.anyArea}|${h.TOPIC.deviation}`, [h.TOPIC.anyArea, h.TOPIC.deviation]],
      ['tns1:Device//.|tns1:VideoSource/tns1:RadiometryAlarm//.', [h.TOPIC.area, h.TOPIC.anyArea, h.TOPIC.anyAreaOnPreset, h.TOPIC.deviation]],
      ['tns1:VideoSource/*/tnsaxis:TemperatureDetection', [h.TOPIC.area, h.TOPIC.information]],
      ['tns1:Device//.', []],
    ];
    const sockets = [];
    for (const [filter] of cases) sockets.push(await subscribe(filter));
    // The control subscription sees every event; once it has the last, the others have had theirs.
    const control = await subscribe('//.');
    const froms = sockets.map((ws) => ws.frames.length);
    const controlFrom = control.frames.length;
    for (const ev of EVENTS()) cam.emulator.camera.emit('thermometry-event', ev);
    await control.nextFrame((f) => f.params && f.params.notification.topic === h.TOPIC.information, controlFrom);
    await new Promise((r) => setImmediate(r));
    cases.forEach(([filter, expected], i) => {
      assert.deepEqual(topicsOf(sockets[i], froms[i]), expected, filter);
    });
    for (const ws of [...sockets, control]) ws.close();
  });

  it('still refuses what is no topic expression (2104)', async () => {
    for (const bad of ['', '|', 'tns1:VideoSource|', 'tns1:Video Source//.', '//x', 'tns1:VideoSource///.']) {
      const token = await h.curlToken(cam.url);
      const ws = await h.openSocket(`${cam.wsBase}/vapix/ws-data-stream?wssession=${token}&sources=events`);
      const reply = await h.configure(ws, [{ topicFilter: bad }]);
      assert.equal(reply.error && reply.error.code, 2104, JSON.stringify(bad));
      ws.close();
    }
  });

  it("our client's subscription is `//.` expressions, which the camera takes and which select every thermometry event", async () => {
    assert.ok(
      SUBSCRIPTION_FILTERS.every((f) => f.topicFilter.endsWith('//.')),
      JSON.stringify(SUBSCRIPTION_FILTERS),
    );
    const token = await h.curlToken(cam.url);
    const ws = await h.openSocket(`${cam.wsBase}/vapix/ws-data-stream?wssession=${token}&sources=events`);
    const reply = await h.configure(ws, SUBSCRIPTION_FILTERS);
    assert.deepEqual(reply, { apiVersion: '1.0', method: 'events:configure', data: {} });
    const from = ws.frames.length;
    for (const ev of EVENTS()) cam.emulator.camera.emit('thermometry-event', ev);
    await h.until(() => topicsOf(ws, from).length >= 5, 'five notifications');
    assert.deepEqual(topicsOf(ws, from), [h.TOPIC.area, h.TOPIC.anyArea, h.TOPIC.anyAreaOnPreset, h.TOPIC.deviation, h.TOPIC.information]);
    ws.close();
  });
});
