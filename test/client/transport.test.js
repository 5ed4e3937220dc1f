'use strict';
// HTTP behaviour of the client: statuses and bodies, network failures,
// timeouts, https certificates, redirects, version gating and caching.
const assert = require('node:assert/strict');
const http = require('http');
const { ThermometryClient, pickVersion } = require('../../dist/client');
const { CAPABILITIES, PASSWORD, digestGuard, sendJson, startFakeCamera, rejection, assertNoSecrets } = require('./support');
const { selfSignedCert } = require('../support/tls');

const CAPS = CAPABILITIES;
const AREA = {
  enabled: true,
  name: 'Area 1',
  detectionType: 'above',
  measurement: 'average',
  threshold: 100,
  delay: 5,
  vertices: [
    [-0.5, -0.5],
    [0.5, -0.5],
    [0.5, 0.5],
    [-0.5, 0.5],
  ],
};

function opts(cam, extra = {}) {
  return { host: '127.0.0.1', port: cam.port, username: 'root', password: PASSWORD, ...extra };
}

describe('client: replies and statuses (fake camera behind http-auth Digest)', () => {
  let cam;
  let client;
  let reply; // (rpc, req, res) => answered?
  before(async () => {
    cam = await startFakeCamera({
      guard: digestGuard(),
      handler: (rpc, req, res) => (reply ? reply(rpc, req, res) : false),
    });
  });
  after(async () => {
    await cam.stop();
  });
  beforeEach(() => {
    reply = undefined;
    client = new ThermometryClient(opts(cam, { apiVersion: '1.2' }));
  });
  afterEach(() => client.close());

  it('403 with an HTML body is kind "authorization", naming the method and the level it needs', async () => {
    reply = (rpc, req, res) => {
      res.writeHead(403, { 'Content-Type': 'text/html' });
      res.end('<HTML><HEAD><TITLE>403 Forbidden</TITLE></HEAD><BODY>Access forbidden</BODY></HTML>');
    };
    const err = await rejection(client.addArea(AREA));
    assert.equal(err.kind, 'authorization');
    assert.equal(err.status, 403);
    assert.equal(err.method, 'addArea');
    assert.match(err.message, /addArea needs the administrator level/);
    assert.match(err.message, /user "root"/);
    assertNoSecrets(assert, err);
  });

  it('403 with a plain-text body is "authorization" too', async () => {
    reply = (rpc, req, res) => {
      res.writeHead(403, { 'Content-Type': 'text/plain' });
      res.end('Forbidden');
    };
    assert.equal((await rejection(client.listAreas())).kind, 'authorization');
  });

  it('a JSON error in a 200 reply is an error of kind "vapix" with its code', async () => {
    reply = (rpc, req, res) => sendJson(res, 200, { apiVersion: '1.2', method: rpc.method, error: { code: 2104, message: 'Invalid parameter value.' } });
    const err = await rejection(client.listAreas());
    assert.equal(err.kind, 'vapix');
    assert.equal(err.code, 2104);
    assert.equal(err.status, 200);
    assert.equal(err.method, 'listAreas');
    assert.match(
      err.message,
      /listAreas failed on camera 127\.0\.0\.1:\d+: error 2104 Invalid parameter value \("Invalid parameter value\."\); check the parameters/,
    );
  });

  it('a JSON error in a 400 reply carries code and status; 1200 names what to check', async () => {
    reply = (rpc, req, res) =>
      sendJson(res, 400, { apiVersion: '1.2', method: rpc.method, error: { code: 1200, message: 'Cannot remove group: Group does not exist' } });
    const err = await rejection(client.removeGroup({ id: 7 }));
    assert.equal(err.kind, 'vapix');
    assert.equal(err.code, 1200);
    assert.equal(err.status, 400);
    assert.match(err.message, /Group does not exist/);
    assert.match(err.message, /preset, area or group exists/);
  });

  it('an HTML 404 is kind "protocol" naming thermometry.cgi', async () => {
    reply = (rpc, req, res) => {
      res.writeHead(404, { 'Content-Type': 'text/html' });
      res.end('<html>Not found</html>');
    };
    const err = await rejection(client.listAreas());
    assert.equal(err.kind, 'protocol');
    assert.equal(err.status, 404);
    assert.match(err.message, /thermometry\.cgi/);
  });

  it('a 200 that is not JSON is kind "protocol"', async () => {
    reply = (rpc, req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html>login page</html>');
    };
    const err = await rejection(client.listAreas());
    assert.equal(err.kind, 'protocol');
    assert.match(err.message, /not a JSON object/);
  });

  it('does not follow a redirect, to another host or anywhere', async () => {
    let elsewhere = 0;
    const other = http.createServer((req, res) => {
      elsewhere++;
      res.end('{}');
    });
    await new Promise((r) => other.listen(0, '127.0.0.1', r));
    reply = (rpc, req, res) => {
      res.writeHead(302, { Location: `http://localhost:${other.address().port}/axis-cgi/thermometry.cgi` });
      res.end();
    };
    const err = await rejection(client.listAreas());
    await new Promise((r) => other.close(r));
    assert.equal(err.kind, 'protocol');
    assert.equal(err.status, 302);
    assert.match(err.message, /not followed/);
    assert.equal(elsewhere, 0);
  });

  it('context passes through; getSupportedVersions goes without apiVersion and params, others with both', async () => {
    const auto = new ThermometryClient(opts(cam));
    await auto.listAreas({ presetNbr: 0 }, { context: 'ctx-42' });
    auto.close();
    const sent = cam.stats.requests.slice(-2);
    assert.deepEqual(sent[0], { method: 'getSupportedVersions' });
    assert.deepEqual(sent[1], { apiVersion: '1.2', context: 'ctx-42', method: 'listAreas', params: { presetNbr: 0 } });
  });

  it('close() leaves no socket or timer of the client behind', async () => {
    // Only what the calls below create (sockets at both ends, timers) is watched, so a
    // timer or socket of the process that comes or goes meanwhile cannot tip the count.
    // As getActiveResourcesInfo() would, a timer counts while it keeps the process alive
    // (node's unref'd 1 s Date-header cache timer does not).
    const live = new Map();
    const hook = require('async_hooks').createHook({
      init(id, type, _trigger, resource) {
        if (type === 'TCPWRAP' || type === 'Timeout') live.set(id, { type, resource });
      },
      destroy(id) {
        live.delete(id);
      },
    });
    const holding = () =>
      [...live.values()]
        .filter(({ type, resource }) => type === 'TCPWRAP' || (typeof resource.hasRef === 'function' && resource.hasRef()))
        .map(({ type }) => type);
    await new Promise((r) => setImmediate(r)); // mocha arms its test timer after the test starts
    hook.enable();
    try {
      const c = new ThermometryClient(opts(cam, { apiVersion: '1.2', timeout: 60000 }));
      await Promise.all([c.listAreas(), c.listAreas(), c.getAreaStatus()]);
      assert.ok(holding().includes('TCPWRAP'), 'the calls opened sockets');
      c.close();
      for (let i = 0; i < 200 && holding().length > 0; i++) await new Promise((r) => setImmediate(r));
      assert.deepEqual(holding(), []);
    } finally {
      hook.disable();
    }
  });

  it('close() frees the keep-alive sockets', async () => {
    await client.listAreas();
    const count = () => new Promise((r) => cam.server.getConnections((e, n) => r(n)));
    assert.ok((await count()) >= 1);
    client.close();
    for (let i = 0; i < 100 && (await count()) > 0; i++) await new Promise((r) => setImmediate(r));
    assert.equal(await count(), 0);
    const err = await rejection(client.listAreas());
    assert.match(err.message, /closed/);
  });
});

describe('client: network failures name host:port and what to check', () => {
  it('a server that never answers gives kind "timeout"', async () => {
    const silent = http.createServer(() => {});
    await new Promise((r) => silent.listen(0, '127.0.0.1', r));
    const port = silent.address().port;
    const client = new ThermometryClient({ host: '127.0.0.1', port, timeout: 100, username: 'root', password: PASSWORD, apiVersion: '1.2' });
    const err = await rejection(client.getAreaStatus());
    client.close();
    silent.closeAllConnections();
    await new Promise((r) => silent.close(r));
    assert.equal(err.kind, 'timeout');
    assert.match(err.message, new RegExp(`camera 127\\.0\\.0\\.1:${port} did not answer within 100 ms`));
    assertNoSecrets(assert, err);
  });

  it('a refused port gives kind "network" naming host:port and the check', async () => {
    const s = http.createServer();
    await new Promise((r) => s.listen(0, '127.0.0.1', r));
    const port = s.address().port;
    await new Promise((r) => s.close(r));
    const client = new ThermometryClient({ host: '127.0.0.1', port, username: 'root', password: PASSWORD });
    const err = await rejection(client.listAreas());
    client.close();
    assert.equal(err.kind, 'network');
    assert.equal(err.causeCode, 'ECONNREFUSED');
    assert.match(err.message, new RegExp(`127\\.0\\.0\\.1:${port}: connection refused; check the host, the port`));
    assertNoSecrets(assert, err);
  });

  it('an unknown host gives kind "network" naming the host', async () => {
    const client = new ThermometryClient({ host: 'no-such-camera.invalid', username: 'root', password: PASSWORD, timeout: 5000 });
    const err = await rejection(client.listAreas());
    client.close();
    assert.ok(['network', 'timeout'].includes(err.kind));
    assert.match(err.message, /no-such-camera\.invalid/);
    if (err.kind === 'network') assert.match(err.message, /check the host name/);
    assertNoSecrets(assert, err);
  });

  it('a kept-alive socket the camera dropped is retried once on a new socket; a fresh one is not', async () => {
    let requests = 0;
    let dropSecond = true;
    const perSocket = new WeakMap();
    const server = http.createServer((req, res) => {
      requests++;
      const n = (perSocket.get(req.socket) || 0) + 1;
      perSocket.set(req.socket, n);
      // The camera closed this kept-alive connection: the request dies unanswered.
      if ((dropSecond && n === 2) || !dropSecond) return req.socket.destroy();
      req.resume();
      req.on('end', () => sendJson(res, 200, { apiVersion: '1.2', method: 'getAreaStatus', data: { areaList: [] } }));
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    const client = new ThermometryClient({ host: '127.0.0.1', port: server.address().port, apiVersion: '1.2' });
    await client.getAreaStatus();
    const res = await client.getAreaStatus();
    assert.deepEqual(res, { areaList: [] });
    assert.equal(requests, 3);
    client.close();
    dropSecond = false;
    const fresh = new ThermometryClient({ host: '127.0.0.1', port: server.address().port, apiVersion: '1.2' });
    const err = await rejection(fresh.getAreaStatus());
    fresh.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    assert.equal(requests, 4);
    assert.equal(err.kind, 'network');
    assert.match(err.message, /closed the connection/);
  });

  it('refuses bad options before anything is sent', () => {
    assert.throws(
      () => new ThermometryClient({ host: 'http://cam/x' }),
      (e) => e.kind === 'validation' && e.field === 'host',
    );
    assert.throws(
      () => new ThermometryClient({ host: 'cam', port: 70000 }),
      (e) => e.kind === 'validation' && /port/.test(e.message),
    );
    assert.throws(
      () => new ThermometryClient({ host: 'cam', apiVersion: '2.0' }),
      (e) => e.field === 'apiVersion',
    );
    const c = new ThermometryClient({ host: '127.0.0.1', port: 8080 });
    assert.equal(c.baseUrl, 'http://127.0.0.1:8080');
    c.close();
  });
});

describe('client: https certificates', () => {
  let cert;
  let other;
  let cam;
  before(async function () {
    this.timeout(20000);
    cert = selfSignedCert();
    other = selfSignedCert();
    cam = await startFakeCamera({ guard: digestGuard(), tls: cert });
  });
  after(async () => {
    await cam.stop();
  });
  const clientWith = (tls) =>
    new ThermometryClient({ host: '127.0.0.1', port: cam.port, protocol: 'https', username: 'root', password: PASSWORD, apiVersion: '1.2', tls });

  it('refuses a self-signed certificate by default, saying what to set', async () => {
    const client = clientWith(undefined);
    const err = await rejection(client.listAreas());
    client.close();
    assert.equal(err.kind, 'network');
    assert.match(err.message, /self-signed/);
    assert.match(err.message, /tls\.ca/);
    assert.match(err.message, /tls\.allowSelfSigned/);
    assert.match(err.message, new RegExp(`127\\.0\\.0\\.1:${cam.port}`));
    assert.equal(cam.stats.exchanges, 0);
    assertNoSecrets(assert, err);
  });

  it('accepts it with tls.allowSelfSigned', async () => {
    const client = clientWith({ allowSelfSigned: true });
    const res = await client.listAreas();
    client.close();
    assert.ok(Array.isArray(res.areaList));
    assert.ok(cam.stats.exchanges >= 2);
  });

  it('accepts it when given as the CA (tls.ca), and refuses it with another CA', async () => {
    const good = clientWith({ ca: cert.cert });
    assert.ok(Array.isArray((await good.listAreas()).areaList));
    good.close();
    const bad = clientWith({ ca: other.cert });
    const err = await rejection(bad.listAreas());
    bad.close();
    assert.equal(err.kind, 'network');
    assert.match(err.message, /tls\.ca/);
  });

  it('http to an https port fails naming the protocol to check', async () => {
    const client = new ThermometryClient({
      host: '127.0.0.1',
      port: cam.port,
      protocol: 'http',
      username: 'root',
      password: PASSWORD,
      apiVersion: '1.2',
      timeout: 3000,
    });
    const err = await rejection(client.listAreas());
    client.close();
    assert.ok(['network', 'protocol', 'timeout'].includes(err.kind));
    assert.match(err.message, new RegExp(`127\\.0\\.0\\.1:${cam.port}`));
  });
});

describe('client: API version and capabilities', () => {
  let cam;
  let versions;
  before(async () => {
    cam = await startFakeCamera({
      guard: digestGuard(),
      handler: (rpc, req, res) => {
        if (rpc.method === 'getSupportedVersions') return sendJson(res, 200, { apiVersion: '1.0', method: rpc.method, data: { apiVersions: versions } });
        if (rpc.method === 'getConfigurationCapabilities') return sendJson(res, 200, { apiVersion: rpc.apiVersion, method: rpc.method, data: CAPS });
        if (rpc.method === 'addArea') return sendJson(res, 200, { apiVersion: rpc.apiVersion, method: rpc.method, data: { id: 0 } });
        return false;
      },
    });
  });
  after(async () => {
    await cam.stop();
  });
  beforeEach(() => {
    versions = ['1.2'];
    cam.stats.requests.length = 0;
  });
  const methodsSent = () => cam.stats.requests.map((r) => r.method);

  it("picks the highest version it knows among the camera's", () => {
    assert.equal(pickVersion(['1.2']), '1.2');
    assert.equal(pickVersion(['1.1']), '1.1');
    assert.equal(pickVersion(['1.0', '2.3']), '1.0');
    assert.equal(pickVersion(['1.5']), '1.3');
    assert.equal(pickVersion(['1.3']), '1.3');
    assert.equal(pickVersion(['2.0']), undefined);
  });

  it('auto: negotiates once per client, then sends the picked version', async () => {
    versions = ['1.1'];
    const client = new ThermometryClient(opts(cam));
    await client.listAreas();
    await client.getTgtConfiguration();
    await client.getAreaStatus();
    assert.equal(await client.negotiatedVersion(), '1.1');
    client.close();
    assert.deepEqual(methodsSent(), ['getSupportedVersions', 'listAreas', 'getTgtConfiguration', 'getAreaStatus']);
    assert.ok(cam.stats.requests.slice(1).every((r) => r.apiVersion === '1.1'));
  });

  it('auto: a method newer than the camera fails before any request of it, naming the version it needs', async () => {
    versions = ['1.1'];
    const client = new ThermometryClient(opts(cam));
    const err = await rejection(client.listGroups());
    client.close();
    assert.equal(err.kind, 'version');
    assert.equal(err.method, 'listGroups');
    assert.match(err.message, /listGroups needs API version 1\.2 or later, but camera 127\.0\.0\.1:\d+ speaks at most API version 1\.1/);
    assert.deepEqual(methodsSent(), ['getSupportedVersions']);
  });

  it('pinned: no negotiation; a newer method fails with no request at all', async () => {
    const client = new ThermometryClient(opts(cam, { apiVersion: '1.0' }));
    const before = cam.stats.exchanges;
    const err = await rejection(client.getTgtConfiguration());
    const err2 = await rejection(client.addGroup({ enabled: true, name: 'g', measurement: 'average', threshold: 2, delay: 0, areaIds: [0, 1] }));
    client.close();
    assert.equal(err.kind, 'version');
    assert.match(err.message, /getTgtConfiguration needs API version 1\.1 or later, but the client is pinned to API version 1\.0/);
    assert.match(err2.message, /addGroup needs API version 1\.2/);
    assert.equal(cam.stats.exchanges, before);
  });

  it('a camera with only versions the client does not speak gives kind "version"', async () => {
    versions = ['2.0'];
    const client = new ThermometryClient(opts(cam));
    const err = await rejection(client.listAreas());
    client.close();
    assert.equal(err.kind, 'version');
    assert.match(err.message, /supports API versions 2\.0/);
  });

  it('a parameter newer than the version is refused before sending', async () => {
    const client = new ThermometryClient(opts(cam, { apiVersion: '1.1' }));
    const err = await rejection(client.setIsothermLevels({ high: 100, middle: 50, low: 10, min: 0, renderOverlay: true }));
    client.close();
    assert.equal(err.kind, 'validation');
    assert.equal(err.field, 'min');
    assert.match(err.message, /setIsothermLevels: "min" needs API version 1\.2 or later/);
    assert.ok(!methodsSent().includes('setIsothermLevels'));
  });

  it('caches capabilities per client and reads them again after setTemperatureScale', async () => {
    const client = new ThermometryClient(opts(cam, { apiVersion: '1.2' }));
    await client.addArea(AREA);
    await client.addArea(AREA);
    await client.setTemperatureScale({ unit: 'fahrenheit' });
    await client.addArea(AREA);
    assert.deepEqual(await client.capabilities(), CAPS);
    client.close();
    assert.deepEqual(methodsSent(), ['getConfigurationCapabilities', 'addArea', 'addArea', 'setTemperatureScale', 'getConfigurationCapabilities', 'addArea']);
  });

  it('validation fails before any request, with limits from the capabilities', async () => {
    const client = new ThermometryClient(opts(cam, { apiVersion: '1.2' }));
    await client.capabilities();
    const before = cam.stats.exchanges;
    const err = await rejection(client.addArea({ ...AREA, delay: 301 }));
    client.close();
    assert.equal(err.kind, 'validation');
    assert.equal(err.field, 'delay');
    assert.equal(err.message, 'addArea: "delay" must be a whole number from 0 to 300 (got 301)');
    assert.equal(cam.stats.exchanges, before);
  });
});

describe('client: with axios\'s own http adapter (httpAdapter: "axios") the behaviour is the same', () => {
  let cam;
  let tlsCam;
  before(async () => {
    cam = await startFakeCamera({ guard: digestGuard() });
    tlsCam = await startFakeCamera({ guard: digestGuard(), tls: selfSignedCert() });
  });
  after(async () => {
    await cam.stop();
    await tlsCam.stop();
  });

  it('Digest with nonce reuse: one exchange per call', async () => {
    const client = new ThermometryClient(opts(cam, { httpAdapter: 'axios' }));
    await client.listAreas();
    const before = cam.stats.exchanges;
    for (let i = 0; i < 5; i++) await client.getAreaStatus();
    client.close();
    assert.equal(cam.stats.exchanges - before, 5);
  });

  it('timeout, refused port and self-signed certificate give the same kinds and messages', async () => {
    const silent = http.createServer(() => {});
    await new Promise((r) => silent.listen(0, '127.0.0.1', r));
    const slow = new ThermometryClient({ host: '127.0.0.1', port: silent.address().port, timeout: 100, apiVersion: '1.2', httpAdapter: 'axios' });
    const timeout = await rejection(slow.listAreas());
    slow.close();
    silent.closeAllConnections();
    await new Promise((r) => silent.close(r));
    assert.equal(timeout.kind, 'timeout');
    assert.match(timeout.message, /did not answer within 100 ms/);

    const refused = new ThermometryClient({ host: '127.0.0.1', port: 1, httpAdapter: 'axios' });
    const err = await rejection(refused.listAreas());
    refused.close();
    assert.equal(err.kind, 'network');
    assert.match(err.message, /127\.0\.0\.1:1: connection refused/);

    const strict = new ThermometryClient({
      host: '127.0.0.1',
      port: tlsCam.port,
      protocol: 'https',
      username: 'root',
      password: PASSWORD,
      httpAdapter: 'axios',
    });
    const tlsErr = await rejection(strict.listAreas());
    strict.close();
    assert.match(tlsErr.message, /self-signed/);
    assertNoSecrets(assert, tlsErr);
    const lax = new ThermometryClient({
      host: '127.0.0.1',
      port: tlsCam.port,
      protocol: 'https',
      username: 'root',
      password: PASSWORD,
      httpAdapter: 'axios',
      tls: { allowSelfSigned: true },
    });
    assert.ok(Array.isArray((await lax.listAreas()).areaList));
    lax.close();
  });
});
