'use strict';
const assert = require('node:assert/strict');
const sinon = require('sinon');
const { start } = require('../../../dist/emulator');
const { ThermometryClient } = require('../../../dist/client');
const { helper, VERTICES, load, next, expectOutput, settleConnections } = require('../support');

function adminClient(emulator) {
  return new ThermometryClient({ host: '127.0.0.1', port: emulator.port, username: 'root', password: 'pass' });
}

async function addArea(client, name) {
  return client.addArea({ enabled: true, name, detectionType: 'above', measurement: 'maximum', threshold: 60, delay: 5, vertices: VERTICES });
}

/** Let pending I/O (the HTTP exchange with the emulator) run while the fake clock stands still. */
async function flushIo(rounds = 20) {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}

describe('thermometry-status node', function () {
  let emulator;
  let client;
  let clock;
  beforeEach(async () => {
    emulator = await start({ port: 0 });
    client = adminClient(emulator);
    await addArea(client, 'Oven');
  });
  afterEach(async () => {
    if (clock) clock.restore();
    clock = undefined;
    await helper.unload();
    client.close();
    await emulator.stop();
  });

  it('reads the area status on input: an array with temperatures and the triggered flag', async () => {
    const ctx = await load(emulator, 'thermometry-status', { operation: 'getAreaStatus', interval: '0', onlyChanges: false, step: '1' });
    const msg = await expectOutput(ctx, { payload: 'go', topic: 't' });
    assert.equal(msg.topic, 't');
    assert.equal(msg.payload.length, 1);
    const [a] = msg.payload;
    assert.equal(a.id, 0);
    assert.equal(typeof a.avg, 'number');
    assert.equal(typeof a.max, 'number');
    assert.equal(a.triggered, false);
    // The scale of the temperatures, from the camera's capabilities.
    assert.deepEqual(msg.thermometry, { method: 'getAreaStatus', apiVersion: '1.3', camera: `127.0.0.1:${emulator.port}`, cameraName: `127.0.0.1:${emulator.port}`, unit: 'celsius' });
  });

  it('reads the group status (msg.operation "group")', async () => {
    await addArea(client, 'Second');
    await client.addGroup({ enabled: true, name: 'G', measurement: 'maximum', threshold: 5, delay: 0, areaIds: [0, 1] });
    const ctx = await load(emulator, 'thermometry-status', { operation: 'getAreaStatus', interval: '0' });
    const msg = await expectOutput(ctx, { operation: 'group' });
    assert.equal(msg.thermometry.method, 'getGroupStatus');
    assert.equal(msg.payload.length, 1);
    assert.equal(msg.payload[0].id, 1);
    assert.equal(typeof msg.payload[0].details.currentDeviation, 'number');
  });

  it('with "only when changed", drops an unchanged reading and sends one after an area is added', async () => {
    const ctx = await load(emulator, 'thermometry-status', { operation: 'getAreaStatus', interval: '0', onlyChanges: true, step: '1' });
    const completes = [];
    ctx.completed.on('input', (m) => completes.push(m._msgid));
    const first = await expectOutput(ctx, { _msgid: 'a' });
    assert.equal(first.payload.length, 1);
    const outputs = [];
    ctx.out.on('input', (m) => outputs.push(m._msgid));
    ctx.node.receive({ _msgid: 'b' });
    while (!completes.includes('b')) await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(outputs, [], 'same reading: not sent');
    await addArea(client, 'New');
    ctx.node.receive({ _msgid: 'c' });
    while (!completes.includes('c')) await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(outputs, ['c']);
  });

  it('with "only when changed", a flow changing the reading it was sent does not count as a change', async () => {
    const ctx = await load(emulator, 'thermometry-status', { operation: 'getAreaStatus', interval: '0', onlyChanges: true, step: '1' });
    const completes = [];
    ctx.completed.on('input', (m) => completes.push(m._msgid));
    const first = await expectOutput(ctx, { _msgid: 'a' });
    // What a function node downstream may do to the msg it gets (one wire: the same objects).
    first.payload[0].avg = 9999;
    first.payload[0].triggered = true;
    const outputs = [];
    ctx.out.on('input', (m) => outputs.push(m._msgid));
    ctx.node.receive({ _msgid: 'b' });
    while (!completes.includes('b')) await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(outputs, [], 'same reading at the camera: not sent');
  });

  it('polls at the editor interval and stops on close, leaving no timer', async () => {
    clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const ctx = await load(emulator, 'thermometry-status', { operation: 'getAreaStatus', interval: '5', onlyChanges: false, topic: 'poll' });
    const before = emulator.stats.thermometryCalls;
    await clock.tickAsync(4999);
    await flushIo();
    assert.equal(emulator.stats.thermometryCalls, before, 'nothing before the interval');
    const first = next(ctx.out);
    await clock.tickAsync(1);
    const msg = await first;
    assert.equal(msg.topic, 'poll');
    assert.equal(msg.payload.length, 1);
    const second = next(ctx.out);
    await flushIo();
    await clock.tickAsync(5000);
    await second;
    await helper.unload();
    const afterClose = emulator.stats.thermometryCalls;
    await clock.tickAsync(60000);
    await flushIo();
    assert.equal(emulator.stats.thermometryCalls, afterClose, 'no poll after close');
    assert.equal(clock.countTimers(), 0, 'no timer left');
  });

  it('caps an interval beyond the editor\'s 86400 s (setTimeout would make it 1 ms)', async () => {
    clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const ctx = await load(emulator, 'thermometry-status', { operation: 'getAreaStatus', interval: '1e10', onlyChanges: false });
    const before = emulator.stats.thermometryCalls;
    await clock.tickAsync(1000);
    await flushIo();
    assert.equal(emulator.stats.thermometryCalls, before, 'no poll within a second');
    const first = next(ctx.out);
    await clock.tickAsync(86400 * 1000 - 1000);
    await first;
  });

  it('reports a failing poll to the Catch node once, not at every tick', async () => {
    clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const ctx = await load(emulator, 'thermometry-status', { operation: 'getGroupStatus', interval: '1' }, undefined, { apiVersion: '1.1' });
    const errors = [];
    ctx.caught.on('input', (m) => errors.push(m));
    // Each failed poll turns the status red: count them, so that the check below follows
    // three finished polls however slowly the machine runs them.
    let failedPolls = 0;
    ctx.node.on('call:status', (call) => { if (call.args[0].fill === 'red') failedPolls++; });
    while (failedPolls < 3 || errors.length === 0) {
      const before = failedPolls;
      await clock.tickAsync(1000);
      while (failedPolls === before) await new Promise((r) => setImmediate(r));
    }
    await flushIo();
    assert.equal(errors.length, 1, 'the same error is reported once');
    assert.match(errors[0].error.message, /getGroupStatus/);
  });

  it('shows a red ring at deploy when the camera configuration is unusable, as the other nodes do', async () => {
    const ctx = await load(emulator, 'thermometry-status', { operation: 'getAreaStatus', interval: '0' }, undefined, { host: 'http://bad host/' });
    const red = ctx.node.status.getCalls().filter((c) => c.thisValue === ctx.node).map((c) => c.args[0]).find((st) => st.fill === 'red');
    assert.deepEqual(red, { fill: 'red', shape: 'ring', text: 'camera configuration error' });
  });

  it('leaves no connection open after unload', async () => {
    const ctx = await load(emulator, 'thermometry-status', { operation: 'getAreaStatus', interval: '0' });
    await expectOutput(ctx, {});
    await helper.unload();
    client.close();
    assert.equal(await settleConnections(emulator), 0);
  });
});
