'use strict';
// Digest and Basic: the WWW-Authenticate parser, RFC 7616 test vectors, and
// the client against http-auth (a server implementation we did not write).
const assert = require('node:assert/strict');
const { ThermometryClient, parseChallenges, chooseChallenge, DigestAuthorizer, isStale } = require('../../dist/client');
const { PASSWORD, REALM, digestGuard, basicGuard, startFakeCamera, rejection, assertNoSecrets } = require('./support');

describe('client: WWW-Authenticate parser', () => {
  it('reads several challenges in one header, with quoted commas and "=" in values', () => {
    const ch = parseChallenges('Digest realm="a, b=c", nonce="n1", qop="auth,auth-int", algorithm=SHA-256, Basic realm="x=y, z"');
    assert.equal(ch.length, 2);
    assert.equal(ch[0].scheme, 'digest');
    assert.deepEqual(ch[0].params, { realm: 'a, b=c', nonce: 'n1', qop: 'auth,auth-int', algorithm: 'SHA-256' });
    assert.equal(ch[1].scheme, 'basic');
    assert.deepEqual(ch[1].params, { realm: 'x=y, z' });
  });

  it('reads the RFC 7235 example with escaped quotes and an unknown scheme first', () => {
    const ch = parseChallenges('Newauth realm="apps", type=1, title="Login to \\"apps\\"", Basic realm="simple"');
    assert.deepEqual(
      ch.map((c) => c.scheme),
      ['newauth', 'basic'],
    );
    assert.equal(ch[0].params.title, 'Login to "apps"');
    assert.equal(ch[0].params.type, '1');
    assert.equal(ch[1].params.realm, 'simple');
  });

  it('reads a token68 challenge, odd letter case, spaces around "=" and empty list elements', () => {
    const ch = parseChallenges('Negotiate abc123==, , DIGEST Realm = "r" ,NONCE= "n" , Algorithm=md5,');
    assert.deepEqual(
      ch.map((c) => c.scheme),
      ['negotiate', 'digest'],
    );
    assert.equal(ch[0].token68, 'abc123==');
    assert.deepEqual(ch[1].params, { realm: 'r', nonce: 'n', algorithm: 'md5' });
  });

  it('reads challenges split over several header lines', () => {
    const ch = parseChallenges(['Basic realm="b"', 'Digest realm="d", nonce="x", stale=TRUE']);
    assert.deepEqual(
      ch.map((c) => c.scheme),
      ['basic', 'digest'],
    );
    assert.equal(isStale(['Basic realm="b"', 'Digest realm="d", nonce="x", stale=TRUE']), true);
    assert.equal(isStale('Digest realm="d", nonce="x", stale="false"'), false);
  });

  it('prefers SHA-256 over MD5, Digest over Basic, and takes Basic only when nothing else is offered', () => {
    const both = parseChallenges(
      'Digest realm="r", nonce="1", qop="auth", algorithm=MD5, Digest realm="r", nonce="2", qop="auth", algorithm=SHA-256, Basic realm="r"',
    );
    assert.equal(chooseChallenge(both).params.algorithm, 'SHA-256');
    const md5 = parseChallenges('Basic realm="r", Digest realm="r", nonce="1", qop="auth"');
    assert.equal(chooseChallenge(md5).scheme, 'digest');
    const unknownAlg = parseChallenges('Digest realm="r", nonce="1", algorithm=SHA3-999, Basic realm="r"');
    assert.equal(chooseChallenge(unknownAlg).scheme, 'basic');
    assert.equal(chooseChallenge(parseChallenges('Negotiate abc')), undefined);
  });
});

describe('client: Digest computation (RFC 7616 section 3.9.1 vectors)', () => {
  const credentials = { username: 'Mufasa', password: 'Circle of Life' };
  const challengeFor = (algorithm) =>
    parseChallenges(
      `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=${algorithm}, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`,
    )[0];
  const cnonce = 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ';

  it('gives the RFC response for MD5', () => {
    const header = new DigestAuthorizer(challengeFor('MD5'), credentials, { cnonce }).authorize('GET', '/dir/index.html');
    assert.match(header, /response="8ca523f5e9506fed4657c9700eebdbec"/);
    assert.match(header, /nc=00000001/);
    assert.match(header, /qop=auth,/);
    assert.match(header, /opaque="FQhe\/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"/);
  });

  it('gives the RFC response for SHA-256', () => {
    const header = new DigestAuthorizer(challengeFor('SHA-256'), credentials, { cnonce }).authorize('GET', '/dir/index.html');
    assert.match(header, /response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"/);
    assert.match(header, /algorithm=SHA-256/);
  });

  it('counts nc up with each header on the same nonce', () => {
    const a = new DigestAuthorizer(challengeFor('SHA-256'), credentials);
    const ncs = [1, 2, 3].map(() => /nc=([0-9a-f]{8})/.exec(a.authorize('POST', '/x'))[1]);
    assert.deepEqual(ncs, ['00000001', '00000002', '00000003']);
  });
});

describe('client: Digest against http-auth (MD5 and MD5-sess; http-auth has no SHA-256)', () => {
  let cam;
  let client;
  afterEach(async () => {
    if (client) client.close();
    client = undefined;
    if (cam) await cam.stop();
    cam = undefined;
  });

  for (const algorithm of ['MD5', 'MD5-sess']) {
    it(`${algorithm}: authenticates, then reuses the nonce: one HTTP exchange per call`, async () => {
      cam = await startFakeCamera({ guard: digestGuard(undefined, algorithm) });
      client = new ThermometryClient({ host: '127.0.0.1', port: cam.port, username: 'root', password: PASSWORD });
      await client.listAreas();
      // probe (401) + getSupportedVersions + listAreas
      assert.equal(cam.stats.exchanges, 3);
      const before = cam.stats.exchanges;
      for (let i = 0; i < 20; i++) await client.getAreaStatus();
      assert.equal(cam.stats.exchanges - before, 20);
      const sent = cam.stats.authorizations.filter(Boolean);
      assert.ok(sent.every((h) => h.startsWith('Digest ') && h.includes(`algorithm=${algorithm}`)));
      const ncs = sent.map((h) => parseInt(/nc=([0-9a-f]{8})/.exec(h)[1], 16));
      assert.deepEqual(
        ncs,
        ncs.map((_, i) => i + 1),
      );
      assert.equal(new Set(sent.map((h) => /nonce="([^"]+)"/.exec(h)[1])).size, 1);
    });
  }

  it('answers stale=true with exactly one retry, then goes back to one exchange per call', async () => {
    cam = await startFakeCamera({ guard: digestGuard() });
    client = new ThermometryClient({ host: '127.0.0.1', port: cam.port, username: 'root', password: PASSWORD, apiVersion: '1.2' });
    await client.getAreaStatus();
    // Fault: the server forgets its nonces, as when they expire; it answers stale=true.
    cam.guard.nonces.length = 0;
    const before = cam.stats.exchanges;
    await client.getAreaStatus();
    assert.equal(cam.stats.exchanges - before, 2);
    await client.getAreaStatus();
    assert.equal(cam.stats.exchanges - before, 3);
  });

  it('sends one unauthenticated probe when the first calls run at once', async () => {
    cam = await startFakeCamera({ guard: digestGuard() });
    client = new ThermometryClient({ host: '127.0.0.1', port: cam.port, username: 'root', password: PASSWORD, apiVersion: '1.2' });
    await Promise.all([1, 2, 3, 4, 5].map(() => client.getAreaStatus()));
    assert.equal(cam.stats.authorizations.filter((h) => !h).length, 1);
  });

  it('picks Digest when the header offers Basic first and Digest after it', async () => {
    cam = await startFakeCamera({
      guard: digestGuard(),
      onRequest: (req, res) => {
        const setHeader = res.setHeader.bind(res);
        res.setHeader = (name, value) => setHeader(name, /^www-authenticate$/i.test(name) ? `Basic realm="${REALM}", ${value}` : value);
      },
    });
    client = new ThermometryClient({ host: '127.0.0.1', port: cam.port, username: 'root', password: PASSWORD, apiVersion: '1.2' });
    await client.getAreaStatus();
    await client.getAreaStatus();
    assert.ok(cam.stats.authorizations.filter(Boolean).every((h) => h.startsWith('Digest ')));
    assert.equal(cam.stats.exchanges, 3);
  });

  it('wrong password gives kind "authentication" naming the user and what to check, without secrets', async () => {
    cam = await startFakeCamera({ guard: digestGuard() });
    client = new ThermometryClient({ host: '127.0.0.1', port: cam.port, username: 'root', password: `${PASSWORD}x`, apiVersion: '1.2' });
    const err = await rejection(client.listAreas());
    assert.equal(err.name, 'ThermometryError');
    assert.equal(err.kind, 'authentication');
    assert.equal(err.status, 401);
    assert.equal(err.method, 'listAreas');
    assert.match(err.message, /user "root"/);
    assert.match(err.message, /check the username and password/);
    assert.match(err.message, new RegExp(`127\\.0\\.0\\.1:${cam.port}`));
    assertNoSecrets(assert, err, `${PASSWORD}x`);
    // probe + one authenticated try: no retry storm
    assert.equal(cam.stats.exchanges, 2);
    const again = await rejection(client.listAreas());
    assert.equal(again.kind, 'authentication');
    assert.ok(cam.stats.exchanges <= 4);
  });

  it('no credentials against a camera that asks for them gives kind "authentication"', async () => {
    cam = await startFakeCamera({ guard: digestGuard() });
    client = new ThermometryClient({ host: '127.0.0.1', port: cam.port, apiVersion: '1.2' });
    const err = await rejection(client.getAreaStatus());
    assert.equal(err.kind, 'authentication');
    assert.match(err.message, /asks for a username and password/);
    assert.equal(cam.stats.exchanges, 1);
  });

  it('a challenge it cannot answer gives kind "authentication" naming the offered scheme', async () => {
    cam = await startFakeCamera({
      handler: (rpc, req, res) => {
        res.writeHead(401, { 'WWW-Authenticate': 'Negotiate', 'Content-Type': 'text/html' });
        res.end('<html><body>401 Unauthorized</body></html>');
      },
    });
    client = new ThermometryClient({ host: '127.0.0.1', port: cam.port, username: 'root', password: PASSWORD, apiVersion: '1.2' });
    const err = await rejection(client.getAreaStatus());
    assert.equal(err.kind, 'authentication');
    assert.match(err.message, /Negotiate/);
  });
});

describe('client: Basic only where the server offers nothing else (http-auth Basic)', () => {
  let cam;
  let client;
  after(async () => {
    if (client) client.close();
    if (cam) await cam.stop();
  });

  it('follows a Basic-only challenge and then sends it with every call: one exchange per call', async () => {
    cam = await startFakeCamera({ guard: basicGuard() });
    client = new ThermometryClient({ host: '127.0.0.1', port: cam.port, username: 'root', password: PASSWORD });
    await client.listAreas();
    assert.equal(cam.stats.exchanges, 3);
    for (let i = 0; i < 5; i++) await client.listAreas();
    assert.equal(cam.stats.exchanges, 8);
    assert.ok(cam.stats.authorizations.filter(Boolean).every((h) => h.startsWith('Basic ')));
  });

  it('wrong Basic password: kind "authentication" with no password or header in the error', async () => {
    const bad = new ThermometryClient({ host: '127.0.0.1', port: cam.port, username: 'root', password: 'nope-Pa55', apiVersion: '1.0' });
    const err = await rejection(bad.listAreas());
    bad.close();
    assert.equal(err.kind, 'authentication');
    assertNoSecrets(assert, err, 'nope-Pa55');
    assert.ok(!JSON.stringify(err).includes(Buffer.from('root:nope-Pa55').toString('base64')));
  });
});
