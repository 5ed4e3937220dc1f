'use strict';
// One deadline per call: a device that answers a byte now and then (every
// 500 ms, below any idle timeout) cannot keep a call open past the timeout,
// whether it drips the headers or the body, over our adapter or axios's, and
// a read sent again after a lost reply counts inside the same deadline.
const assert = require('node:assert/strict');
const net = require('net');
const { ThermometryClient } = require('../../dist/client');
const { realSetTimeout } = require('../support/wait');

/** A device that starts an HTTP answer and then sends one more byte every 500 ms, forever; `connections` counts the sockets. */
async function drippingDevice(stage) {
  const sockets = new Set();
  const device = { connections: 0, bytes: 0 };
  const server = net.createServer((socket) => {
    device.connections++;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('data', () => {
      const head =
        stage === 'headers'
          ? 'HTTP/1.1 200 OK\r\n'
          : 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"apiVersion":"1.2","data":{"x":"';
      socket.write(head);
      const drip = () => {
        if (socket.destroyed) return;
        socket.write(stage === 'headers' ? 'X' : 'a');
        device.bytes++;
        timer = realSetTimeout(drip, 500);
      };
      let timer = realSetTimeout(drip, 500);
      socket.on('close', () => clearTimeout(timer));
    });
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  device.port = server.address().port;
  device.stop = () =>
    new Promise((r) => {
      for (const s of sockets) s.destroy();
      server.close(r);
    });
  return device;
}

describe('client: one deadline per call (a device dripping a byte every 500 ms)', function () {
  this.timeout(30000);
  for (const adapter of ['lean', 'axios']) {
    for (const stage of ['headers', 'body']) {
      it(`fails at the deadline while the ${stage} drip in (${adapter} adapter), and frees the socket`, async () => {
        const device = await drippingDevice(stage);
        const client = new ThermometryClient({ host: '127.0.0.1', port: device.port, apiVersion: '1.2', timeout: 2000, httpAdapter: adapter });
        try {
          const started = process.hrtime.bigint();
          const err = await client.call('listAreas').then(
            () => assert.fail('a dripping answer must not succeed'),
            (e) => e,
          );
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          assert.equal(err.kind, 'timeout', err.message);
          assert.match(err.message, /within 2000 ms/);
          // Generous: the old idle timeout never fired while bytes kept coming (a call ran as long as the device liked).
          assert.ok(ms < 8000, `the call ended after ${ms.toFixed(0)} ms`);
          assert.ok(device.bytes >= 2, 'the device did drip (the idle timeout alone would not have fired)');
          const dripped = device.bytes;
          await new Promise((r) => realSetTimeout(r, 1200));
          assert.ok(device.bytes - dripped <= 1, 'the socket was closed at the deadline');
        } finally {
          client.close();
          await device.stop();
        }
      });
    }
  }

  it("counts a snapshot's whole picture inside the deadline", async () => {
    const device = await drippingDevice('body');
    const client = new ThermometryClient({ host: '127.0.0.1', port: device.port, timeout: 1500 });
    try {
      const err = await client.snapshot().then(
        () => assert.fail('no picture'),
        (e) => e,
      );
      assert.equal(err.kind, 'timeout', err.message);
      assert.equal(device.connections, 1, 'not sent again after the deadline');
    } finally {
      client.close();
      await device.stop();
    }
  });
});
