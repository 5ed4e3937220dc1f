'use strict';
// When a request may be sent again: a fault proxy (test/client/fault-proxy.js)
// between the client and the emulator cuts replies after N bytes and closes
// idle kept-alive connections. A write (addArea) must run on the camera
// exactly once and fail as "network" saying the camera may have applied it; a
// read (listAreas) runs at most twice; a kept-alive socket the camera closed
// while idle is replaced without an error; a resend never reuses a nonce count.
const assert = require('node:assert/strict');
const { start } = require('../../dist/emulator');
const { ThermometryClient } = require('../../dist/client');
const { FaultProxy } = require('./fault-proxy');

const TIMEOUT_MS = 5000;
const VERTICES = [
  [-0.5, -0.5],
  [0.5, -0.5],
  [0.5, 0.5],
  [-0.5, 0.5],
];
const area = (name) => ({ enabled: true, name, detectionType: 'above', measurement: 'maximum', threshold: 70, delay: 0, vertices: VERTICES });
const CUTS = [0, 1, 40, 'all-but-one'];

// Tests may fake timers elsewhere; the deadline here keeps real time.
const { realSetTimeout, realClearTimeout } = require('../support/wait');

/** The call's outcome, { value } or { error }; rejects when it has not settled within its timeout (plus room for a loaded machine). */
function settle(promise, ms = TIMEOUT_MS + 5000) {
  return new Promise((resolve, reject) => {
    const timer = realSetTimeout(() => reject(new Error(`the call did not settle within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        realClearTimeout(timer);
        resolve({ value });
      },
      (error) => {
        realClearTimeout(timer);
        resolve({ error });
      },
    );
  });
}

describe('client: what is sent again when a reply is lost (fault proxy)', function () {
  let emulator;
  let proxy;
  let client;
  const transport = () => client.transport; // private in TypeScript; read here to count resends
  const ran = (method) => proxy.ran[method] || 0;
  const areasNamed = (name) => emulator.camera.listAreas().filter((a) => a.name === name).length;

  beforeEach(async () => {
    emulator = await start({ port: 0 });
    proxy = await new FaultProxy(emulator.port).start();
    client = new ThermometryClient({ host: '127.0.0.1', port: proxy.port, username: 'root', password: 'pass', timeout: TIMEOUT_MS });
  });
  afterEach(async () => {
    client.close();
    await proxy.stop();
    await emulator.stop();
  });

  /** A kept-alive connection in the client's pool, version and capabilities known: the next call goes out at once on a reused socket. */
  async function warm() {
    await client.capabilities();
    await client.listAreas();
  }

  for (const cut of CUTS) {
    it(`addArea whose reply is cut after ${cut} bytes runs once and fails as "network", saying the camera may have applied it`, async function () {
      await warm();
      const before = { ran: ran('addArea'), resends: transport().resends };
      proxy.cutReply('addArea', cut);
      const { value, error } = await settle(client.addArea(area(`cut ${cut}`)));
      assert.ok(error, `expected an error, got ${JSON.stringify(value)}`);
      assert.equal(proxy.cuts.length, 1, 'the reply was cut');
      assert.equal(error.kind, 'network', error.message);
      assert.equal(error.method, 'addArea');
      assert.match(
        error.message,
        /^addArea: camera 127\.0\.0\.1:\d+ closed the connection before a complete reply .*the camera may have applied the request.*list/,
      );
      assert.equal(ran('addArea') - before.ran, 1, 'the camera ran addArea exactly once');
      assert.equal(areasNamed(`cut ${cut}`), 1, 'one area, not two');
      assert.equal(transport().resends, before.resends, 'nothing sent again');
      // The flow can list and check: the next call works on a new connection.
      const listed = await client.listAreas();
      assert.equal(listed.areaList.filter((a) => a.name === `cut ${cut}`).length, 1);
    });

    it(`listAreas whose reply is cut after ${cut} bytes is asked again once, with a fresh nonce count, and answers`, async function () {
      await warm();
      await client.addArea(area('listed'));
      const before = { ran: ran('listAreas'), resends: transport().resends };
      proxy.cutReply('listAreas', cut);
      const { value, error } = await settle(client.listAreas());
      assert.ok(!error, error && error.message);
      assert.deepEqual(
        value.areaList.map((a) => a.name),
        ['listed'],
      );
      assert.equal(ran('listAreas') - before.ran, 2, 'ran twice: the lost one and the resend');
      assert.equal(transport().resends - before.resends, 1);
    });

    it(`listAreas whose reply is cut after ${cut} bytes twice fails as "network" after two runs, not more`, async function () {
      await warm();
      const before = ran('listAreas');
      proxy.cutReply('listAreas', cut, 2);
      const { error } = await settle(client.listAreas());
      assert.ok(error, 'an error');
      assert.equal(error.kind, 'network', error.message);
      assert.doesNotMatch(error.message, /may have applied/, 'a read changes nothing');
      assert.equal(ran('listAreas') - before, 2, 'at most twice');
    });
  }

  it('a camera that stops answering: addArea times out once, saying it may have applied it; listAreas times out without that', async function () {
    const quick = new ThermometryClient({ host: '127.0.0.1', port: proxy.port, username: 'root', password: 'pass', timeout: 300 });
    try {
      await quick.capabilities();
      const before = { add: ran('addArea'), list: ran('listAreas') };
      proxy.cutReply('addArea', 'hold');
      const add = await settle(quick.addArea(area('held')), 5300);
      assert.ok(add.error);
      assert.equal(add.error.kind, 'timeout');
      assert.match(add.error.message, /^addArea: camera 127\.0\.0\.1:\d+ did not answer within 300 ms.*the camera may have applied the request/);
      assert.equal(ran('addArea') - before.add, 1);
      assert.equal(areasNamed('held'), 1);
      proxy.cutReply('listAreas', 'hold');
      const list = await settle(quick.listAreas(), 5300);
      assert.ok(list.error);
      assert.equal(list.error.kind, 'timeout');
      assert.doesNotMatch(list.error.message, /may have applied/);
      assert.equal(ran('listAreas') - before.list, 1, 'a timeout is not sent again');
    } finally {
      quick.close();
    }
  });

  it('addArea on a new connection whose reply is lost is not sent again either', async function () {
    // No warm-up beyond the version: the add goes on the connection its 401 challenge opened.
    const before = ran('addArea');
    proxy.cutReply('addArea', 40);
    const { error } = await settle(client.addArea(area('fresh')));
    assert.ok(error);
    assert.equal(error.kind, 'network');
    assert.match(error.message, /may have applied/);
    assert.equal(ran('addArea') - before, 1);
    assert.equal(areasNamed('fresh'), 1);
  });

  it('a stale kept-alive socket (the camera closed it while idle): addArea succeeds with one resend, run once', async function () {
    await warm();
    const before = { ran: ran('addArea'), resends: transport().resends, connections: proxy.connections };
    assert.ok(proxy.closeIdle() >= 1, 'an idle kept-alive connection was closed');
    // Called in the same turn: the client has not read the close yet and takes the dead socket.
    const { value, error } = await settle(client.addArea(area('after idle')));
    assert.ok(!error, error && error.message);
    assert.equal(typeof value.id, 'number');
    assert.equal(transport().resends - before.resends, 1, 'one resend');
    assert.equal(ran('addArea') - before.ran, 1, 'the camera ran it once');
    assert.equal(areasNamed('after idle'), 1);
    assert.equal(proxy.connections - before.connections, 1, 'on one new connection');
  });

  it('a stale kept-alive socket: listAreas succeeds with one resend, run once', async function () {
    await warm();
    const before = { ran: ran('listAreas'), resends: transport().resends };
    assert.ok(proxy.closeIdle() >= 1);
    const { value, error } = await settle(client.listAreas());
    assert.ok(!error, error && error.message);
    assert.deepEqual(value.areaList, []);
    assert.equal(transport().resends - before.resends, 1);
    assert.equal(ran('listAreas') - before.ran, 1);
  });

  it('stale sockets over many calls: every call succeeds, every write runs once, no nonce count is sent twice', async function () {
    await warm();
    for (let i = 0; i < 5; i++) {
      proxy.closeIdle();
      const { error } = await settle(client.addArea(area(`round ${i}`)));
      assert.ok(!error, error && error.message);
      assert.equal(areasNamed(`round ${i}`), 1);
    }
    const seen = new Set();
    for (const key of proxy.nonceCounts) {
      assert.ok(!seen.has(key), `nonce count ${key} sent twice`);
      seen.add(key);
    }
    assert.ok(seen.size >= 7, 'the proxy saw the authorized requests');
  });

  it('the first call of a client whose reply is lost: the resend gets a fresh nonce count and is not taken for a wrong password', async function () {
    // No warm-up: the challenge is this call's own (the case where a replayed count used to read as a refused password).
    const pinned = new ThermometryClient({ host: '127.0.0.1', port: proxy.port, username: 'root', password: 'pass', timeout: TIMEOUT_MS, apiVersion: '1.2' });
    try {
      proxy.cutReply('listAreas', 40);
      const { value, error } = await settle(pinned.listAreas());
      assert.ok(!error, error && error.message);
      assert.deepEqual(value.areaList, []);
      assert.equal(ran('listAreas'), 2);
    } finally {
      pinned.close();
    }
  });

  it('a 401 after a resend (the camera restarted under the call) is answered with the new challenge, not reported as a wrong password', async function () {
    const restarted = await start({ port: 0 });
    const pinned = new ThermometryClient({ host: '127.0.0.1', port: proxy.port, username: 'root', password: 'pass', timeout: TIMEOUT_MS, apiVersion: '1.2' });
    try {
      proxy.cutReply('listAreas', 0);
      // The reply is lost and the camera comes back as a new instance (new nonces, new opaque).
      proxy.onCut = () => {
        proxy.upstreamPort = restarted.port;
      };
      const { value, error } = await settle(pinned.listAreas());
      assert.ok(!error, error && error.message);
      assert.deepEqual(value.areaList, []);
      assert.ok(proxy.statuses.includes(401), 'the restarted camera refused the old challenge once');
    } finally {
      pinned.close();
      await restarted.stop();
    }
  });

  it('wrong credentials are still reported as such after a resend', async function () {
    const wrong = new ThermometryClient({
      host: '127.0.0.1',
      port: proxy.port,
      username: 'root',
      password: 'not-the-password',
      timeout: TIMEOUT_MS,
      apiVersion: '1.2',
    });
    try {
      proxy.cutReply('listAreas', 40);
      const { error } = await settle(wrong.listAreas());
      assert.equal(proxy.cuts.length, 1, 'the refusal was cut and the request sent again');
      assert.ok(error);
      assert.equal(error.kind, 'authentication');
      assert.match(error.message, /refused the credentials of user "root"/);
    } finally {
      wrong.close();
    }
  });
});
