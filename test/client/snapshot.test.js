'use strict';
// client.snapshot(): image.cgi through the same transport, Digest and TLS as
// the thermometry calls, against the emulator with its thermal scene.
const assert = require('node:assert/strict');
const jpeg = require('jpeg-js');
const { start } = require('../../dist/emulator');
const { createScene, addSceneRoutes } = require('../../dist/emulator/scene');
const { ThermometryClient } = require('../../dist/client');
const { rejection, assertNoSecrets } = require('./support');
const { selfSignedCert } = require('../support/tls');

const USERS = { administrator: ['root', 'pass'], operator: ['operator', 'operator'], viewer: ['viewer', 'viewer'] };

async function sceneEmulator(options = {}) {
  const scene = createScene({ clock: 'stepped', noise: 0, scenario: 'furnace-door', width: 96, height: 72 });
  const emulator = await start({ port: 0, sensor: scene, ...options });
  addSceneRoutes(emulator, scene);
  return emulator;
}

describe('client snapshot (image.cgi) against the emulator', () => {
  let emulator;
  const clients = [];
  const clientFor = (role, extra = {}) => {
    const [username, password] = USERS[role] || [role, 'whatever'];
    const c = new ThermometryClient({ host: '127.0.0.1', port: emulator.port, username, password, ...extra });
    clients.push(c);
    return c;
  };
  before(async () => {
    emulator = await sceneEmulator();
  });
  after(async () => {
    for (const c of clients) c.close();
    await emulator.stop();
  });

  it('every user level may fetch the JPEG, at the sensor size by default, with Digest', async () => {
    const seen = [];
    const listener = (req) => seen.push(req.headers.authorization || '');
    emulator.server.on('request', listener);
    try {
      for (const role of ['viewer', 'operator', 'administrator']) {
        const shot = await clientFor(role).snapshot();
        assert.equal(shot.contentType, 'image/jpeg');
        assert.ok(Buffer.isBuffer(shot.image));
        const img = jpeg.decode(shot.image);
        assert.deepEqual([img.width, img.height], [96, 72], role);
      }
    } finally {
      emulator.server.off('request', listener);
    }
    assert.ok(
      seen.some((h) => /^Digest /.test(h)),
      'answered with Digest',
    );
  });

  it('asks for the resolution and compression given, and a smaller file at higher compression', async () => {
    const client = clientFor('viewer');
    const best = await client.snapshot({ resolution: '640x480', compression: 0 });
    const worst = await client.snapshot({ resolution: '640x480', compression: 100, camera: 1 });
    for (const shot of [best, worst]) {
      const img = jpeg.decode(shot.image);
      assert.deepEqual([img.width, img.height], [640, 480]);
    }
    assert.ok(worst.image.length < best.image.length / 2, `compression 100 (${worst.image.length} B) vs 0 (${best.image.length} B)`);
    const small = jpeg.decode((await client.snapshot({ resolution: ' 160x120 ' })).image);
    assert.deepEqual([small.width, small.height], [160, 120]);
  });

  it('a resolution or channel the camera lacks is an error quoting the camera', async () => {
    const client = clientFor('viewer');
    let err = await rejection(client.snapshot({ resolution: '1000x1000' }));
    assert.equal(err.kind, 'protocol');
    assert.equal(err.status, 400);
    assert.match(err.message, /snapshot: camera 127\.0\.0\.1:\d+ refused the image for resolution=1000x1000 with HTTP 400/);
    assert.match(err.message, /not supported; supported: 1024x768,.*96x72/);
    err = await rejection(client.snapshot({ camera: 2 }));
    assert.equal(err.status, 400);
    assert.match(err.message, /camera "2" not available/);
    // The camera lists what it supports, as Axis cameras do.
    const listed = await client.request({ method: 'GET', path: '/axis-cgi/param.cgi?action=list&group=Properties.Image.Resolution', responseType: 'text' });
    assert.equal(listed.data, 'root.Properties.Image.Resolution=1024x768,800x600,768x576,640x480,480x360,384x288,320x240,240x180,160x120,96x72\n');
  });

  it('options of the wrong form are refused before anything is sent, naming the field and the rule', async () => {
    const client = clientFor('viewer');
    await client.snapshot();
    const before = emulator.stats.exchanges;
    const cases = [
      [{ resolution: '640*480' }, 'resolution', /"resolution" must be width x height in pixels, e\.g\. "640x480" \(got "640\*480"\)/],
      [{ resolution: 640 }, 'resolution', /"resolution" must be width x height/],
      [{ resolution: '0x480' }, 'resolution', /"resolution" must be width x height/],
      [{ compression: 101 }, 'compression', /"compression" must be a whole number from 0 \(best quality\) to 100 \(got 101\)/],
      [{ compression: '30' }, 'compression', /"compression" must be a whole number/],
      [{ compression: 2.5 }, 'compression', /"compression" must be a whole number/],
      [{ camera: 0 }, 'camera', /"camera" must be the video source number, a whole number from 1 to 99 \(got 0\)/],
      [{ quality: 50 }, 'quality', /"quality" is not an image option \(known: resolution, compression, camera\)/],
    ];
    for (const [options, field, message] of cases) {
      const err = await rejection(client.snapshot(options));
      assert.equal(err.kind, 'validation', JSON.stringify(options));
      assert.equal(err.field, field);
      assert.match(err.message, /^snapshot: /);
      assert.match(err.message, message);
    }
    const notObject = await rejection(client.snapshot('640x480'));
    assert.equal(notObject.kind, 'validation');
    assert.equal(emulator.stats.exchanges, before, 'no request for a refused option');
  });

  it('a wrong password or no credentials is an authentication error that shows no secret', async () => {
    const password = 'Wr0ng-Pa55,word=';
    const wrong = new ThermometryClient({ host: '127.0.0.1', port: emulator.port, username: 'viewer', password });
    clients.push(wrong);
    let err = await rejection(wrong.snapshot());
    assert.equal(err.kind, 'authentication');
    assert.equal(err.status, 401);
    assert.match(err.message, /snapshot: camera 127\.0\.0\.1:\d+ refused the credentials of user "viewer"/);
    assertNoSecrets(assert, err, password);
    const anonymous = new ThermometryClient({ host: '127.0.0.1', port: emulator.port });
    clients.push(anonymous);
    err = await rejection(anonymous.snapshot());
    assert.equal(err.kind, 'authentication');
    assert.match(err.message, /asks for a username and password/);
  });

  it('a camera without image.cgi (no scene) is a 404 that says what to check', async () => {
    const plain = await start({ port: 0 });
    const c = new ThermometryClient({ host: '127.0.0.1', port: plain.port, username: 'root', password: 'pass' });
    try {
      const err = await rejection(c.snapshot());
      assert.equal(err.status, 404);
      assert.match(err.message, /HTTP 404.*check that the camera serves JPEG snapshots/);
    } finally {
      c.close();
      await plain.stop();
    }
  });

  it('over https: refuses a self-signed certificate unless allowed, then fetches with the same TLS settings', async () => {
    const { key, cert } = selfSignedCert();
    const secure = await sceneEmulator({ tls: { key, cert } });
    const strict = new ThermometryClient({ host: '127.0.0.1', port: secure.port, protocol: 'https', username: 'viewer', password: 'viewer' });
    const trusting = new ThermometryClient({
      host: '127.0.0.1',
      port: secure.port,
      protocol: 'https',
      username: 'viewer',
      password: 'viewer',
      tls: { ca: cert },
    });
    try {
      const err = await rejection(strict.snapshot());
      assert.equal(err.kind, 'network');
      assert.match(err.message, /snapshot: camera 127\.0\.0\.1:\d+ presented a self-signed certificate/);
      const img = jpeg.decode((await trusting.snapshot({ resolution: '320x240' })).image);
      assert.deepEqual([img.width, img.height], [320, 240]);
    } finally {
      strict.close();
      trusting.close();
      await secure.stop();
    }
  });
});
