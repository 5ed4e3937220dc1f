'use strict';
// The emulator's Motion JPEG stream (axis-cgi/mjpg/video.cgi) as a viewer of the
// camera's page gets it: multipart JPEG frames at the scene's frame rate that
// change as the scene moves, options refused as image.cgi refuses them, and the
// streams counted (open now, opened so far) so that a test can hold that a
// viewer closed its stream.
const assert = require('node:assert/strict');
const http = require('http');
const { start, createScene, addSceneRoutes } = require('../../../dist/emulator');
const { videoStreams } = require('../../../dist/emulator/scene');
const { challengesOf, digestAuthorization } = require('../../support/digest');
const { rawRequest } = require('../../support/http');
const { until } = require('../../support/wait');

/** A signed GET of `path` with the scene's viewer user, its response streaming (not read here). */
async function openStream(emulator, path) {
  const challenge = challengesOf(await rawRequest(emulator.url, { method: 'GET', path })).find((c) => c.scheme === 'Digest').params;
  const authorization = digestAuthorization({ username: 'viewer', password: 'viewer', method: 'GET', uri: path, challenge });
  return new Promise((resolve, reject) => {
    const req = http.get(`${emulator.url}${path}`, { headers: { Authorization: authorization } }, resolve);
    req.on('error', reject);
  });
}

/** The JPEG parts of a multipart stream as they come: calls onFrame(buffer) for each. */
function readParts(res, boundary, onFrame) {
  let buf = Buffer.alloc(0);
  res.on('data', (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      const head = buf.indexOf('\r\n\r\n');
      if (head < 0) return;
      const headers = buf.subarray(0, head).toString('latin1');
      assert.ok(headers.startsWith(`--${boundary}`), `a part starts with the boundary: ${JSON.stringify(headers.slice(0, 40))}`);
      const length = Number(/Content-Length: (\d+)/i.exec(headers)[1]);
      if (buf.length < head + 4 + length + 2) return;
      onFrame(buf.subarray(head + 4, head + 4 + length));
      buf = buf.subarray(head + 4 + length + 2);
    }
  });
}

describe('emulator: Motion JPEG stream (axis-cgi/mjpg/video.cgi)', function () {
  this.timeout(20000);
  let emulator;
  let scene;
  beforeEach(async () => {
    scene = createScene({ frameRate: 8 });
    emulator = await start({ port: 0, sensor: scene });
    addSceneRoutes(emulator, scene);
  });
  afterEach(async () => {
    await emulator.stop();
  });

  it("sends JPEG frames at the scene's frame rate that change as the scene moves, and counts the stream until it is closed", async () => {
    assert.deepEqual(videoStreams(emulator), { open: 0, opened: 0 });
    const res = await openStream(emulator, '/axis-cgi/mjpg/video.cgi?resolution=320x240');
    assert.equal(res.statusCode, 200);
    const boundary = /boundary=(\S+)/.exec(res.headers['content-type'])[1];
    assert.match(res.headers['content-type'], /^multipart\/x-mixed-replace/);
    const frames = [];
    const startedAt = process.hrtime.bigint();
    readParts(res, boundary, (jpeg) => frames.push({ jpeg, at: process.hrtime.bigint() }));
    await until(() => frames.length >= 9, 'nine frames');
    assert.deepEqual(videoStreams(emulator), { open: 1, opened: 1 });
    for (const { jpeg } of frames) assert.deepEqual([jpeg[0], jpeg[1]], [0xff, 0xd8], 'a JPEG');
    // 320x240 in the JPEG's SOF0 header.
    const sof = frames[0].jpeg.indexOf(Buffer.from([0xff, 0xc0]));
    assert.deepEqual([frames[0].jpeg.readUInt16BE(sof + 7), frames[0].jpeg.readUInt16BE(sof + 5)], [320, 240]);
    assert.ok(new Set(frames.map((f) => f.jpeg.toString('base64'))).size >= 3, 'the frames differ as the scene moves');
    // Eight frames after the first take about a second at 8 frames per second (generous bounds: no faster than 16/s).
    const seconds = Number(frames[8].at - startedAt) / 1e9;
    assert.ok(seconds >= 0.5, `nine frames came in ${seconds.toFixed(2)} s: no faster than the frame rate allows`);
    res.destroy();
    await until(() => videoStreams(emulator).open === 0, 'the stream counted closed');
    assert.deepEqual(videoStreams(emulator), { open: 0, opened: 1 });
  });

  it('refuses what image.cgi refuses, and an fps out of range, with HTTP 400 and a reason; asks a viewer at least', async () => {
    for (const [query, said] of [
      ['resolution=123x45', /resolution "123x45" not supported/],
      ['compression=101', /compression/],
      ['fps=500', /fps "500" not supported/],
    ]) {
      const res = await openStream(emulator, `/axis-cgi/mjpg/video.cgi?${query}`);
      const body = await new Promise((resolve) => {
        let t = '';
        res.on('data', (d) => {
          t += d;
        });
        res.on('end', () => resolve(t));
      });
      assert.equal(res.statusCode, 400, query);
      assert.match(body, said);
    }
    const anonymous = await rawRequest(emulator.url, { method: 'GET', path: '/axis-cgi/mjpg/video.cgi' });
    assert.equal(anonymous.status, 401);
    assert.equal(videoStreams(emulator).opened, 0, 'no stream opened for a refusal');
  });

  it('the count is on the camera too, for a test in another process: GET /emulator/video', async () => {
    const res = await openStream(emulator, '/axis-cgi/mjpg/video.cgi?fps=2');
    res.resume();
    const stats = await openStream(emulator, '/emulator/video');
    const body = await new Promise((resolve) => {
      let t = '';
      stats.on('data', (d) => {
        t += d;
      });
      stats.on('end', () => resolve(t));
    });
    assert.deepEqual(JSON.parse(body), { open: 1, opened: 1 });
    res.destroy();
  });
});
