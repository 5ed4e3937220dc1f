'use strict';
// Digest (MD5, SHA-256) and Basic as the emulator's web server does them, the
// level of every method for every role, extra routes and API discovery.
const assert = require('node:assert/strict');
const sinon = require('sinon');
const { start } = require('../../dist/emulator');
const { API_VERSIONS, METHODS, METHOD_NAMES, ROLES, roleAllows } = require('../../dist/api/methods');
const { DigestSession, rawRequest, challengesOf, digestAuthorization, THERMO } = require('./support');
const { useEmulator } = require('../support/emulator');
const { selfSignedCert } = require('../support/tls');

const JSON_HEADERS = { 'Content-Type': 'application/json' };
const LIST = { apiVersion: '1.2', method: 'listAreas', params: {} };

describe('emulator: Digest authentication', () => {
  const emu = useEmulator({ nonceTtlMs: 60_000 });

  it('challenges as an Axis camera: one Digest challenge, MD5, qop="auth", opaque and the camera realm; HTML body', async () => {
    const res = await rawRequest(emu.url, { body: LIST, headers: JSON_HEADERS });
    assert.equal(res.status, 401);
    // The raw header: exactly one value, the scheme first, the algorithm MD5 and qop quoted "auth".
    const raw = res.rawHeaders.flatMap((name, i) => (i % 2 === 0 && /^www-authenticate$/i.test(name) ? [res.rawHeaders[i + 1]] : []));
    assert.equal(raw.length, 1, raw.join(' | '));
    assert.match(raw[0], /^Digest realm="AXIS_B8A44F000001", nonce="[0-9a-f]{16,}", algorithm=MD5, qop="auth", opaque="[0-9a-f]+"$/);
    const ch = challengesOf(res);
    assert.deepEqual(
      ch.map((c) => [c.scheme, c.params.algorithm, c.params.qop, c.params.stale]),
      [['Digest', 'MD5', 'auth', undefined]],
    );
    assert.match(res.text, /401 Unauthorized/);
  });

  it('with digestAlgorithms SHA-256,MD5: one challenge each, SHA-256 first, one nonce', async () => {
    const both = await start({ port: 0, digestAlgorithms: ['SHA-256', 'MD5'] });
    try {
      const res = await rawRequest(both.url, { body: LIST, headers: JSON_HEADERS });
      const ch = challengesOf(res);
      assert.deepEqual(
        ch.map((c) => [c.scheme, c.params.algorithm, c.params.qop]),
        [
          ['Digest', 'SHA-256', 'auth'],
          ['Digest', 'MD5', 'auth'],
        ],
      );
      assert.equal(ch[0].params.nonce, ch[1].params.nonce);
      for (const algorithm of ['MD5', 'SHA-256']) {
        const s = new DigestSession(both.url, 'operator', 'operator', algorithm);
        await s.fetchChallenge();
        const before = both.stats.exchanges;
        // RFC 7616: reusing the nonce with a rising nc, one exchange per call.
        for (let i = 0; i < 5; i++) assert.equal((await s.call('listAreas', {})).status, 200);
        assert.equal(both.stats.exchanges - before, 5);
      }
    } finally {
      await both.stop();
    }
  });

  it('takes only the offered algorithm: SHA-256 is refused by default', async () => {
    const res = await rawRequest(emu.url, { body: LIST, headers: JSON_HEADERS });
    const sha = new DigestSession(emu.url, 'root', 'pass', 'SHA-256');
    sha.challenge = { ...challengesOf(res)[0].params };
    assert.equal((await sha.call('listAreas', {})).status, 401);
    assert.equal((await new DigestSession(emu.url, 'root', 'pass').call('listAreas', {})).status, 200);
  });

  it('offers only the configured algorithms', async () => {
    const sha = await start({ port: 0, digestAlgorithms: ['SHA-256'] });
    try {
      const res = await rawRequest(sha.url, { body: LIST, headers: JSON_HEADERS });
      assert.deepEqual(
        challengesOf(res).map((c) => c.params.algorithm),
        ['SHA-256'],
      );
      const md5 = new DigestSession(sha.url, 'root', 'pass', 'MD5');
      md5.challenge = { ...challengesOf(res)[0].params, algorithm: 'MD5' };
      assert.equal((await md5.call('listAreas', {})).status, 401);
      assert.equal((await new DigestSession(sha.url, 'root', 'pass', 'SHA-256').call('listAreas', {})).status, 200);
    } finally {
      await sha.stop();
    }
  });

  it('refuses a replayed nonce count', async () => {
    const s = new DigestSession(emu.url, 'root', 'pass');
    await s.fetchChallenge();
    const authorization = digestAuthorization({ username: 'root', password: 'pass', method: 'POST', uri: THERMO, challenge: s.challenge, nc: 1 });
    const send = () => rawRequest(emu.url, { body: LIST, headers: { ...JSON_HEADERS, Authorization: authorization } });
    assert.equal((await send()).status, 200);
    const replay = await send();
    assert.equal(replay.status, 401);
    assert.ok(
      challengesOf(replay).every((c) => c.params.stale === undefined),
      'a replay is not stale',
    );
  });

  it('takes nonce counts out of order (parallel requests), each once', async () => {
    const s = new DigestSession(emu.url, 'root', 'pass');
    await s.fetchChallenge();
    const send = (nc) =>
      rawRequest(emu.url, {
        body: LIST,
        headers: {
          ...JSON_HEADERS,
          Authorization: digestAuthorization({ username: 'root', password: 'pass', method: 'POST', uri: THERMO, challenge: s.challenge, nc }),
        },
      });
    assert.deepEqual(await Promise.all([3, 1, 2].map(send)).then((r) => r.map((x) => x.status)), [200, 200, 200]);
    assert.equal((await send(2)).status, 401);
    assert.equal((await send(4)).status, 200);
  });

  it('refuses a digest for another uri, a wrong realm, an unknown user, a wrong password', async () => {
    const s = new DigestSession(emu.url, 'root', 'pass');
    await s.fetchChallenge();
    const variants = [{ uri: '/axis-cgi/other.cgi' }, { challenge: { ...s.challenge, realm: 'elsewhere' } }, { username: 'mallory' }, { password: 'guess' }];
    let nc = 1;
    for (const v of variants) {
      const authorization = digestAuthorization({ username: 'root', password: 'pass', method: 'POST', uri: THERMO, challenge: s.challenge, nc: nc++, ...v });
      const res = await rawRequest(emu.url, { body: LIST, headers: { ...JSON_HEADERS, Authorization: authorization } });
      assert.equal(res.status, 401, JSON.stringify(v));
      assert.doesNotMatch(res.text + JSON.stringify(res.headers), /pass|guess/);
    }
  });

  it('answers an expired nonce with stale=true, and the retry with the new nonce succeeds', async () => {
    const clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['Date'] });
    try {
      const s = new DigestSession(emu.url, 'root', 'pass');
      assert.equal((await s.call('listAreas', {})).status, 200);
      const oldNonce = s.challenge.nonce;
      clock.tick(60_001);
      const authorization = digestAuthorization({ username: 'root', password: 'pass', method: 'POST', uri: THERMO, challenge: s.challenge, nc: 99 });
      const stale = await rawRequest(emu.url, { body: LIST, headers: { ...JSON_HEADERS, Authorization: authorization } });
      assert.equal(stale.status, 401);
      assert.ok(challengesOf(stale).every((c) => c.params.stale === 'true'));
      const retried = await s.call('listAreas', {});
      assert.equal(retried.status, 200);
      assert.notEqual(s.challenge.nonce, oldNonce);
    } finally {
      clock.restore();
    }
  });

  it('a wrong password on an expired nonce is not called stale', async () => {
    const clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['Date'] });
    try {
      const s = new DigestSession(emu.url, 'root', 'pass');
      await s.fetchChallenge();
      clock.tick(60_001);
      const authorization = digestAuthorization({ username: 'root', password: 'wrong', method: 'POST', uri: THERMO, challenge: s.challenge, nc: 1 });
      const res = await rawRequest(emu.url, { body: LIST, headers: { ...JSON_HEADERS, Authorization: authorization } });
      assert.equal(res.status, 401);
      assert.ok(challengesOf(res).every((c) => c.params.stale === undefined));
    } finally {
      clock.restore();
    }
  });

  it('does not take Basic when it offers Digest', async () => {
    const basic = 'Basic ' + Buffer.from('root:pass').toString('base64');
    assert.equal((await rawRequest(emu.url, { body: LIST, headers: { ...JSON_HEADERS, Authorization: basic } })).status, 401);
  });
});

describe('emulator: 401 and 403 for every method and role', () => {
  const emu = useEmulator({ profile: 'ptz' });

  const passwords = { viewer: 'viewer', operator: 'operator', administrator: 'pass' };
  const userOf = { viewer: 'viewer', operator: 'operator', administrator: 'root' };

  for (const method of METHOD_NAMES) {
    it(`${method} (${METHODS[method].level}): 401 without credentials, 403 below the level, served at or above it`, async () => {
      const body = { apiVersion: API_VERSIONS[API_VERSIONS.length - 1], method, params: {} };
      const anon = await rawRequest(emu.url, { body, headers: JSON_HEADERS });
      assert.equal(anon.status, 401);
      for (const role of ROLES) {
        const s = new DigestSession(emu.url, userOf[role], passwords[role]);
        const res = await s.call(method, {});
        if (roleAllows(role, METHODS[method].level)) {
          assert.notEqual(res.status, 403, `${role} may call ${method}`);
          assert.notEqual(res.status, 401);
        } else {
          assert.equal(res.status, 403, `${role} may not call ${method}`);
          assert.equal(res.json.error.code, 2109);
        }
      }
    });
  }
});

describe('emulator: users, Basic over https, routes and API discovery', () => {
  it('custom users replace the defaults', async () => {
    const emu = await start({ port: 0, users: [{ username: 'alice', password: 's3cret', role: 'operator' }] });
    try {
      assert.equal((await new DigestSession(emu.url, 'alice', 's3cret').call('listAreas', {})).status, 200);
      assert.equal((await new DigestSession(emu.url, 'root', 'pass').call('listAreas', {})).status, 401);
    } finally {
      await emu.stop();
    }
  });

  it('basicOnly over https: a Basic challenge only, Basic credentials accepted, Digest refused', async function () {
    const { key, cert } = selfSignedCert();
    const emu = await start({ port: 0, basicOnly: true, tls: { key, cert } });
    const send = (authorization) =>
      rawRequest(emu.url, { body: LIST, ca: cert, headers: { ...JSON_HEADERS, ...(authorization ? { Authorization: authorization } : {}) } });
    try {
      assert.match(emu.url, /^https:/);
      const anon = await send();
      assert.equal(anon.status, 401);
      assert.match(anon.headers['www-authenticate'], /^Basic realm="AXIS_B8A44F000001"$/);
      const ok = await send('Basic ' + Buffer.from('operator:operator').toString('base64'));
      assert.equal(ok.status, 200);
      assert.deepEqual(JSON.parse(ok.text).data, { arealist: [] });
      assert.equal((await send('Basic ' + Buffer.from('operator:nope').toString('base64'))).status, 401);
    } finally {
      await emu.stop();
    }
  });

  it('addRoute: guarded at its level, handler gets role, body and url; other paths 404', async () => {
    const emu = await start({ port: 0 });
    try {
      emu.addRoute('GET', '/axis-cgi/param.cgi', 'viewer', (req, res, ctx) => {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end(`role=${ctx.role} action=${ctx.url.searchParams.get('action')}`);
      });
      emu.addRoute('POST', '/local/control', 'administrator', (req, res, ctx) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ got: JSON.parse(ctx.body.toString()) }));
      });
      const viewer = new DigestSession(emu.url, 'viewer', 'viewer');
      const param = await viewer.request({ method: 'GET', path: '/axis-cgi/param.cgi?action=list' });
      assert.equal(param.status, 200);
      assert.equal(param.text, 'role=viewer action=list');
      assert.equal((await rawRequest(emu.url, { method: 'GET', path: '/axis-cgi/param.cgi' })).status, 401);
      const denied = await viewer.request({ path: '/local/control', body: { a: 1 }, headers: JSON_HEADERS });
      assert.equal(denied.status, 403);
      assert.equal(denied.json, undefined);
      const root = new DigestSession(emu.url, 'root', 'pass');
      const control = await root.request({ path: '/local/control', body: { a: 1 }, headers: JSON_HEADERS });
      assert.deepEqual(control.json, { got: { a: 1 } });
      const huge = await root.request({ path: '/local/control', body: { a: 'x'.repeat(2 * 1024 * 1024) }, headers: JSON_HEADERS });
      assert.equal(huge.status, 400, "a body too large is the client's fault, not an internal error");
      assert.match(huge.text, /too large/);
      assert.equal((await rawRequest(emu.url, { method: 'GET', path: '/nothing/here' })).status, 404);
    } finally {
      await emu.stop();
    }
  });

  it('authenticate() tells the role of a raw request (as for a WebSocket upgrade), or null', async () => {
    const emu = await start({ port: 0 });
    try {
      const s = new DigestSession(emu.url, 'operator', 'operator');
      await s.fetchChallenge();
      const uri = '/vapix/ws-data-stream?sources=events';
      const authorization = digestAuthorization({ username: 'operator', password: 'operator', method: 'GET', uri, challenge: s.challenge, nc: 1 });
      const req = { method: 'GET', url: uri, headers: { authorization } };
      assert.equal(emu.authenticate(req), 'operator');
      assert.equal(emu.authenticate(req), null, 'the same nc twice is a replay');
      assert.equal(emu.authenticate({ method: 'GET', url: uri, headers: {} }), null);
    } finally {
      await emu.stop();
    }
  });

  it('apidiscovery.cgi getApiList lists thermometry with the version served, and what others add', async () => {
    const emu = await start({ port: 0, apiVersions: ['1.0', '1.1'] });
    try {
      emu.apiList.push({ id: 'event-streaming-over-websocket', version: '1.0', name: 'Event streaming over WebSocket', docLink: 'https://example' });
      const viewer = new DigestSession(emu.url, 'viewer', 'viewer');
      const res = await viewer.request({
        path: '/axis-cgi/apidiscovery.cgi',
        body: { apiVersion: '1.0', context: 'c', method: 'getApiList' },
        headers: JSON_HEADERS,
      });
      assert.equal(res.status, 200);
      assert.equal(res.json.method, 'getApiList');
      assert.equal(res.json.context, 'c');
      const thermo = res.json.data.apiList.find((a) => a.id === 'thermometry');
      assert.deepEqual(thermo, { id: 'thermometry', version: '1.1', name: 'Thermometry', docLink: thermo.docLink });
      assert.match(thermo.docLink, /^https:\/\//);
      assert.ok(res.json.data.apiList.some((a) => a.id === 'event-streaming-over-websocket'));
      const get = await viewer.request({ method: 'GET', path: '/axis-cgi/apidiscovery.cgi' });
      assert.deepEqual([get.status, get.json.error.code], [400, 2106]);
      const unknown = await viewer.request({ path: '/axis-cgi/apidiscovery.cgi', body: { apiVersion: '1.0', method: 'nope' }, headers: JSON_HEADERS });
      assert.deepEqual([unknown.status, unknown.json.error.code], [400, 2102]);
    } finally {
      await emu.stop();
    }
  });

  it('counts every HTTP exchange, 401s included', async () => {
    const emu = await start({ port: 0 });
    try {
      const s = new DigestSession(emu.url, 'root', 'pass');
      await s.call('listAreas', {});
      await s.call('listAreas', {});
      assert.equal(emu.stats.exchanges, s.exchanges);
      assert.equal(emu.stats.exchanges, 3);
      assert.equal(emu.stats.thermometryCalls, 2);
    } finally {
      await emu.stop();
    }
  });
});
