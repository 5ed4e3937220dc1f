'use strict';
// The camera form's "Test connection" (POST /axis-thermometry/camera/:id/test)
// against a camera that takes the connection and never answers: it waits for
// the camera's timeout once and says so, rather than asking the silent camera a
// second thing (its user level) and waiting the timeout again.
const assert = require('node:assert/strict');
const net = require('net');
const { helper, ALL } = require('../support');

/** A TCP server that reads each request and never answers: the first line of every request it got. */
async function silentCamera() {
  const requests = [];
  const sockets = new Set();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('data', (d) => {
      const line = d.toString('latin1').split('\r\n')[0];
      if (/^[A-Z]+ \//.test(line)) requests.push(line);
    });
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    requests,
    close: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(resolve);
    }),
  };
}

describe('admin route POST /axis-thermometry/camera/:id/test (Test connection)', function () {
  this.timeout(20000);
  let camera;
  afterEach(async () => {
    await helper.unload();
    if (camera) await camera.close();
  });

  it('waits for a camera that never answers once, its timeout, not twice', async () => {
    camera = await silentCamera();
    const timeout = 1.5;
    const flow = [{ id: 'cam', type: 'thermometry-camera', host: '127.0.0.1', port: String(camera.port), protocol: 'http', apiVersion: 'auto', timeout: String(timeout) }];
    await helper.load(ALL, flow, { cam: { username: 'root', password: 'pass' } });
    const started = process.hrtime.bigint();
    const res = await helper.request().post('/axis-thermometry/camera/cam/test').send({}).set('Content-Type', 'application/json');
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    // The admin routes' one shape: the plain words in error, the client's decision in reason.
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.ok, false);
    assert.match(res.body.error, /no answer from 127\.0\.0\.1:\d+ \(timed out\)/);
    assert.equal(res.body.reason, 'timedOut');
    // The silent camera was asked one thing: the thermometry call that timed out.
    assert.equal(camera.requests.length, 1, `requests to the silent camera: ${camera.requests}`);
    assert.match(camera.requests[0], /^POST \/axis-cgi\/thermometry\.cgi/);
    // Generous: one timeout plus room for a busy machine, well short of two (the issue asks for this bound).
    assert.ok(seconds < timeout * 1.8, `answered after ${seconds.toFixed(2)} s with a ${timeout} s timeout`);
  });
});
