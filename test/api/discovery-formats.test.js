'use strict';
// The wire formats of discovery (src/api/dns-sd.ts, src/api/ssdp.ts) and the
// bulk list's lines (src/nodes/thermometry-camera/bulk-lines.ts): what a
// camera's answer says, read back; what the network may send that is not an
// answer, refused without a hang or a crash.
const assert = require('node:assert/strict');
const dns = require('../../dist/api/dns-sd');
const ssdp = require('../../dist/api/ssdp');
const { parseBulkLines, MAX_BULK_LINES } = require('../../dist/nodes/thermometry-camera/bulk-lines');

const camera = { name: 'AXIS Q2101-TE - B8A44F000007', host: 'axis-b8a44f000007.local', address: '10.0.0.7', port: 8080, serial: 'B8A44F000007' };

describe('DNS-SD (_axis-video._tcp over mDNS)', function () {
  it("a camera's answer reads back as the camera: name, address, port, serial", function () {
    const { answers, additional } = dns.cameraRecords(camera);
    const message = dns.decodeMessage(dns.encodeResponse(42, dns.AXIS_SERVICE, answers, additional));
    assert.equal(message.id, 42);
    assert.equal(message.response, true);
    assert.deepEqual(dns.camerasOf(message), [{ name: camera.name, host: camera.host, port: 8080, address: '10.0.0.7', serial: 'B8A44F000007' }]);
  });

  it('the question asks for the service PTR', function () {
    const q = dns.decodeMessage(dns.encodeQuery(dns.AXIS_SERVICE, 7));
    assert.equal(q.response, false);
    assert.deepEqual(q.questions, [{ name: dns.AXIS_SERVICE, type: dns.TYPE_PTR, unicastResponse: false }]);
  });

  it('compressed names are followed; a pointer loop, a cut message, too many records or an oversized datagram are refused', function () {
    // A PTR whose target points back at the record's own name: compression, as responders write it.
    const header = Buffer.from([0, 1, 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
    const owner = Buffer.from('\x0b_axis-video\x04_tcp\x05local\x00', 'latin1');
    const rdata = Buffer.concat([Buffer.from('\x03cam', 'latin1'), Buffer.from([0xc0, 12])]);
    const rr = Buffer.concat([Buffer.from([0, 12, 0, 1, 0, 0, 0, 120, 0, rdata.length]), rdata]);
    const ok = dns.decodeMessage(Buffer.concat([header, owner, rr]));
    assert.equal(ok.records[0].ptr, `cam.${dns.AXIS_SERVICE}`);

    const loop = Buffer.concat([header, Buffer.from([0xc0, 12])]);
    assert.throws(() => dns.decodeMessage(loop), /pointers|past the message|cut short/);
    const selfLoop = Buffer.concat([Buffer.from([0, 1, 0x84, 0, 0, 1, 0, 0, 0, 0, 0, 0]), Buffer.from([0xc0, 12]), Buffer.from([0, 12, 0, 1])]);
    assert.throws(() => dns.decodeMessage(selfLoop), /too many pointers/);
    assert.throws(() => dns.decodeMessage(Buffer.concat([header, owner])), /cut short|past the message/);
    const many = Buffer.from([0, 1, 0x84, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0]);
    assert.throws(() => dns.decodeMessage(many), /more than 64 records/);
    assert.throws(() => dns.decodeMessage(Buffer.alloc(dns.MAX_DATAGRAM + 1)), /larger than/);
  });

  it('random bytes never hang or crash the reader: each datagram is read or refused', function () {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < 2000; i++) {
      const buf = Buffer.from(Array.from({ length: 12 + Math.floor(rand() * 200) }, () => Math.floor(rand() * 256)));
      try {
        dns.camerasOf(dns.decodeMessage(buf));
      } catch (err) {
        assert.ok(err instanceof Error && err.message.length > 0);
      }
    }
  });
});

describe('SSDP (M-SEARCH for urn:axis-com:service:BasicService:1)', function () {
  it("asks for Axis's search target and reads a camera's answer: address from LOCATION, serial from USN", function () {
    const search = ssdp.parseSsdp(ssdp.mSearch(1));
    assert.equal(search.startLine, 'M-SEARCH * HTTP/1.1');
    assert.equal(search.headers.st, ssdp.AXIS_SEARCH_TARGET);
    assert.equal(search.headers.man, '"ssdp:discover"');
    const answer = ssdp.parseSsdp(ssdp.searchAnswer({ address: '10.0.0.7', serial: 'B8A44F000007', descriptionPort: 45895 }));
    assert.deepEqual(ssdp.cameraOfAnswer(answer, '10.0.0.99'), {
      address: '10.0.0.7',
      serial: 'B8A44F000007',
      location: 'http://10.0.0.7:45895/rootdesc1.xml',
      server: 'Linux, UPnP/1.0, Portable SDK for UPnP devices/1.8.7',
    });
  });

  it('another device, a NOTIFY, a non-SSDP datagram or an oversized one is no camera', function () {
    const other = Buffer.from('HTTP/1.1 200 OK\r\nST: upnp:rootdevice\r\nUSN: uuid:x::upnp:rootdevice\r\n\r\n');
    assert.equal(ssdp.cameraOfAnswer(ssdp.parseSsdp(other), '10.0.0.1'), undefined);
    const notify = Buffer.from(`NOTIFY * HTTP/1.1\r\nNT: ${ssdp.AXIS_SEARCH_TARGET}\r\n\r\n`);
    assert.equal(ssdp.cameraOfAnswer(ssdp.parseSsdp(notify), '10.0.0.1'), undefined);
    assert.throws(() => ssdp.parseSsdp(Buffer.from('GET / HTTP/1.1\r\n\r\n')), /not an SSDP message/);
    assert.throws(() => ssdp.parseSsdp(Buffer.alloc(ssdp.MAX_SSDP_DATAGRAM + 1, 65)), /larger than/);
  });
});

describe('the bulk list: one camera a line', function () {
  it('reads addresses, host:port, [v6]:port, http(s)://, name,host[,port]; skips comments and empty lines', function () {
    const { entries, problems } = parseBulkLines(
      [
        '10.0.0.21',
        '10.0.0.22:8080',
        '# a comment',
        '',
        '[fd00::7]:8443',
        'fd00::8',
        'https://cam-7.plant.local/',
        'Line 3,10.0.0.23',
        'Line 4; 10.0.0.24 ;8080',
        'Kiln\t10.0.0.25',
      ].join('\n'),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(
      entries.map((e) => [e.line, e.name, e.host, e.port, e.protocol]),
      [
        [1, '', '10.0.0.21', '', undefined],
        [2, '', '10.0.0.22', '8080', undefined],
        [5, '', 'fd00::7', '8443', undefined],
        [6, '', 'fd00::8', '', undefined],
        [7, '', 'cam-7.plant.local', '', 'https'],
        [8, 'Line 3', '10.0.0.23', '', undefined],
        [9, 'Line 4', '10.0.0.24', '8080', undefined],
        [10, 'Kiln', '10.0.0.25', '', undefined],
      ],
    );
  });

  it("says which line breaks which rule, by the camera node's own host and port rules", function () {
    const { entries, problems } = parseBulkLines('ok.local\nhttp://x/y/z\nA,10.0.0.1,99999\nA,10.0.0.1:80,81\na,b,c,d');
    assert.equal(entries.length, 1);
    assert.deepEqual(
      problems.map((p) => p.error),
      [
        'line 2: host "x/y/z" must be a bare host name or IP address (no scheme, path or spaces)',
        'line 3: port must be a whole number from 1 to 65535 (decimal digits), got "99999"',
        'line 4: two ports (80 and 81)',
        'line 5: one camera a line, as address, or name,host[,port]',
      ],
    );
  });

  it(`takes at most ${MAX_BULK_LINES} cameras and says where it stopped`, function () {
    const text = Array.from({ length: MAX_BULK_LINES + 5 }, (_, i) => `10.0.${i >> 8}.${i & 255}`).join('\n');
    const { entries, problems } = parseBulkLines(text);
    assert.equal(entries.length, MAX_BULK_LINES);
    assert.equal(problems.length, 1);
    assert.match(problems[0].error, new RegExp(`at most ${MAX_BULK_LINES} cameras a list: line ${MAX_BULK_LINES + 1}`));
  });
});
