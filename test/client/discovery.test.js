'use strict';
// Finding cameras (src/client/discovery.ts) over real UDP sockets on loopback
// (unicast targets: this machine's loopback has no multicast, and tests send
// only to loopback): what answers is offered once per camera; what is not an
// answer (junk, a hostile DNS message, an oversized datagram, another device)
// is dropped without ending the search; a host that cannot ask says why.
const assert = require('node:assert/strict');
const dgram = require('node:dgram');
const sinon = require('sinon');
const dns = require('../../dist/api/dns-sd');
const ssdp = require('../../dist/api/ssdp');
const { discoverCameras, multicastProblem } = require('../../dist/client');

/** A UDP responder on loopback that answers every datagram with `replies(msg)` (datagrams, sent in turn). */
async function responder(replies) {
  const socket = dgram.createSocket('udp4');
  let asked = 0;
  socket.on('message', (msg, rinfo) => {
    asked++;
    for (const r of replies(msg)) socket.send(r, rinfo.port, rinfo.address);
  });
  await new Promise((r) => socket.bind(0, '127.0.0.1', r));
  return { port: socket.address().port, asked: () => asked, close: () => new Promise((r) => socket.close(r)) };
}

const camera = { name: 'AXIS Q1961-TE - ACCC8E012345', host: 'axis-accc8e012345.local', address: '127.0.0.1', port: 8081, serial: 'ACCC8E012345' };

describe('discovery of cameras (mDNS and SSDP, unicast on loopback)', function () {
  this.timeout(20000);
  const open = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((r) => r.close()));
  });

  it('offers each camera once, with what both ways told, and drops every datagram that is not an answer', async function () {
    const { answers, additional } = dns.cameraRecords(camera);
    const mdns = await responder((q) => {
      const question = dns.decodeMessage(q);
      const loop = Buffer.concat([Buffer.from([0, 0, 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 0]), Buffer.from([0xc0, 12])]);
      return [
        Buffer.from('not DNS at all'),
        loop,
        Buffer.alloc(dns.MAX_DATAGRAM + 10, 0xff),
        ...Array.from({ length: 50 }, (_, i) => Buffer.from([i, i, 0x84, 0, 0, 0, 0xff, 0xff])),
        dns.encodeResponse(question.id, dns.AXIS_SERVICE, answers, additional),
        // The same camera again (responders repeat): still one camera.
        dns.encodeResponse(question.id, dns.AXIS_SERVICE, answers, additional),
      ];
    });
    const ssdpResponder = await responder(() => [
      Buffer.from('HTTP/1.1 200 OK\r\nST: upnp:rootdevice\r\nUSN: uuid:other::upnp:rootdevice\r\n\r\n'),
      Buffer.alloc(ssdp.MAX_SSDP_DATAGRAM + 1, 65),
      ssdp.searchAnswer({ address: '127.0.0.1', serial: 'ACCC8E012345', descriptionPort: 49152 }),
      // A camera only SSDP knows of: offered on port 80 (SSDP does not tell the HTTP port).
      ssdp.searchAnswer({ address: '127.0.0.2', serial: 'ACCC8E0ABCDE', descriptionPort: 49152 }),
    ]);
    open.push(mdns, ssdpResponder);
    const result = await discoverCameras({
      windowMs: 600,
      targets: { mdns: { host: '127.0.0.1', port: mdns.port }, ssdp: { host: '127.0.0.1', port: ssdpResponder.port } },
    });
    assert.deepEqual(result.problems, []);
    assert.equal(result.windowMs, 600);
    assert.deepEqual(result.cameras, [
      { name: camera.name, host: '127.0.0.1', port: 8081, serial: 'ACCC8E012345', via: ['mdns', 'ssdp'] },
      { name: 'AXIS ACCC8E0ABCDE', host: '127.0.0.2', port: 80, serial: 'ACCC8E0ABCDE', via: ['ssdp'] },
    ]);
    assert.equal(mdns.asked(), 1, 'one mDNS question');
    assert.equal(ssdpResponder.asked(), 1, 'one M-SEARCH');
  });

  it('no answer: no camera and no problem, after the window (bounded to 5 s however long is asked)', async function () {
    const silent = await responder(() => []);
    open.push(silent);
    // The window on sinon's clock: the search ends when 5 s of it have passed, not 60.
    const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let result;
      discoverCameras({ windowMs: 60000, targets: { mdns: { host: '127.0.0.1', port: silent.port } } }).then((r) => (result = r));
      let waited = 0;
      while (!result && waited < 60000) {
        await new Promise((r) => setImmediate(r));
        clock.tick(250);
        waited += 250;
      }
      assert.deepEqual(result, { cameras: [], problems: [], windowMs: 5000 });
      assert.ok(waited >= 5000 && waited < 10000, `ended after ${waited} ms of the clock`);
    } finally {
      clock.restore();
    }
  });

  it('a host with no network interface but loopback cannot see cameras, and says so', function () {
    const lo = { lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }] };
    assert.match(multicastProblem(lo), /no network interface but loopback/);
    assert.equal(multicastProblem({ ...lo, eth0: [{ address: '10.0.0.2', family: 'IPv4', internal: false }] }), undefined);
  });
});
