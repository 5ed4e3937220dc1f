'use strict';
// The client's Motion JPEG stream (ThermometryClient.video): frames from the
// emulator with real Digest, a wrong password in words, the stream closed at
// the camera by close(), and a camera sending a frame over the bound or a part
// that is no JPEG ending the stream with the reason (a server of our own).
const assert = require('node:assert/strict');
const http = require('http');
const { start, createScene, addSceneRoutes, videoStreams } = require('../../dist/emulator');
const { ThermometryClient, ThermometryError } = require('../../dist/client');
const { MultipartJpegReader } = require('../../dist/api/video');

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9]);

async function until(check, ms, what) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) assert.fail(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('client: the Motion JPEG stream', function () {
  this.timeout(20000);

  describe('against the emulator', () => {
    let emulator;
    before(async () => {
      const scene = createScene();
      emulator = await start({ port: 0, sensor: scene });
      addSceneRoutes(emulator, scene);
    });
    after(() => emulator.stop());

    it('gives frames (JPEGs) with Digest, and close() ends the stream at the camera', async () => {
      const client = new ThermometryClient({ host: '127.0.0.1', port: emulator.port, username: 'root', password: 'pass' });
      const frames = [];
      const stream = await client.video({ fps: 10 }, (jpeg) => frames.push(jpeg));
      await until(() => frames.length >= 3, 5000, '3 frames');
      assert.ok(
        frames.every((f) => f[0] === 0xff && f[1] === 0xd8),
        'each frame a JPEG',
      );
      assert.equal(videoStreams(emulator).open, 1);
      stream.close();
      assert.equal(await stream.ended, undefined, 'closed by us: no reason');
      await until(() => videoStreams(emulator).open === 0, 5000, 'the camera closed its stream');
      client.close();
    });

    it('a wrong password is an authentication error in words, and options are checked before sending', async () => {
      const client = new ThermometryClient({ host: '127.0.0.1', port: emulator.port, username: 'root', password: 'wrong' });
      await assert.rejects(
        client.video({}, () => undefined),
        (err) => err instanceof ThermometryError && err.kind === 'authentication' && /refused the credentials/.test(err.message),
      );
      await assert.rejects(
        client.video({ fps: 99 }, () => undefined),
        /"fps" must be a whole number from 1 to 30/,
      );
      client.close();
    });
  });

  describe('against a camera that sends too much', () => {
    let server;
    let port;
    let mode;
    before(async () => {
      server = http.createServer((req, res) => {
        res.writeHead(200, { 'Content-Type': 'multipart/x-mixed-replace; boundary=b' });
        res.write(`--b\r\nContent-Type: image/jpeg\r\nContent-Length: ${JPEG.length}\r\n\r\n`);
        res.write(JPEG);
        res.write('\r\n');
        if (mode === 'huge') res.write('--b\r\nContent-Type: image/jpeg\r\nContent-Length: 999999999\r\n\r\n');
        else res.write('--b\r\nContent-Type: image/jpeg\r\nContent-Length: 4\r\n\r\nabcd\r\n');
      });
      await new Promise((r) => server.listen(0, '127.0.0.1', r));
      port = server.address().port;
    });
    after(() => {
      server.closeAllConnections();
      return new Promise((r) => server.close(r));
    });

    for (const [name, said] of [
      ['huge', /a frame of 999999999 bytes \(at most 1000\)/],
      ['notJpeg', /a part that is not a JPEG/],
    ]) {
      it(`${name === 'huge' ? 'a frame over the bound' : 'a part that is no JPEG'} ends the stream with the reason, after the good frame`, async () => {
        mode = name;
        const client = new ThermometryClient({ host: '127.0.0.1', port });
        const frames = [];
        const stream = await client.video({ maxFrameBytes: 1000 }, (jpeg) => frames.push(jpeg));
        assert.match(await stream.ended, said);
        assert.equal(frames.length, 1);
        client.close();
      });
    }

    it('the reader takes chunks of any size, and a part without Content-Length is an error', () => {
      const got = [];
      const reader = new MultipartJpegReader('b', (f) => got.push(Buffer.from(f)));
      const whole = Buffer.concat([Buffer.from(`--b\r\nContent-Length: ${JPEG.length}\r\n\r\n`), JPEG, Buffer.from('\r\n')]);
      const twice = Buffer.concat([whole, whole]);
      for (let i = 0; i < twice.length; i += 3) assert.equal(reader.push(twice.subarray(i, i + 3)), undefined);
      assert.equal(got.length, 2);
      assert.deepEqual(got[0], JPEG);
      assert.match(new MultipartJpegReader('b', () => undefined).push(Buffer.from('--b\r\nContent-Type: image/jpeg\r\n\r\n')), /without Content-Length/);
    });
  });
});
