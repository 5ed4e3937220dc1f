'use strict';
// What a camera or a message sends is decoded under bounds, and a failure ends
// in done(err) (or the log), never in an exit: a JPEG claiming 6000x6600 pixels
// is refused before decoding; a msg Node-RED cannot copy for the Catch node;
// a msg whose payload is read-only.
const assert = require('node:assert/strict');
const path = require('path');
const { start } = require('../../dist/emulator');
const { encodeJpeg, decodeJpeg } = require('../../dist/imaging');
const { helper, ALL } = require('./support');
const { realSetTimeout } = require('../support/wait');

const root = path.join(__dirname, '..', '..');
const core = (f) => require(path.join(path.dirname(require.resolve('@node-red/nodes/package.json')), 'core', f));
const SNAPSHOT = require(path.join(root, 'nodes', 'thermometry-snapshot.js'));
const NODES = [...ALL, SNAPSHOT, core('common/20-inject.js'), core('function/10-function.js')];
const ROOT = { cam: { username: 'root', password: 'pass' } };

/** A small real JPEG whose frame header claims `width` x `height` (the 695-byte kind of picture of the issue). */
function jpegClaiming(width, height) {
  const small = encodeJpeg({ width: 8, height: 8, data: Buffer.alloc(8 * 8 * 3, 128) }, 50);
  for (let i = 2; i + 9 < small.length;) {
    const marker = small[i + 1];
    if (marker === 0xc0 || marker === 0xc2) {
      small.writeUInt16BE(height, i + 5);
      small.writeUInt16BE(width, i + 7);
      return small;
    }
    i += 2 + small.readUInt16BE(i + 2);
  }
  throw new Error('no frame header');
}

/** Collect what reaches the helper nodes `names` for `ms` of real time, or until `enough`. */
function collect(names, enough, ms = 20000) {
  const got = Object.fromEntries(names.map((n) => [n, []]));
  return new Promise((resolve) => {
    const timer = realSetTimeout(() => resolve(got), ms);
    for (const n of names) {
      helper.getNode(n).on('input', (m) => {
        got[n].push(m);
        if (enough(got)) {
          clearTimeout(timer);
          resolve(got);
        }
      });
    }
  });
}

describe('bounds on what is decoded, and errors that cannot end the process', function () {
  this.timeout(60000);

  it('refuses a JPEG claiming 6000x6600 pixels before decoding it (in under 50 ms), and decodes a camera-sized one', () => {
    const bomb = jpegClaiming(6000, 6600);
    assert.ok(bomb.length < 1000, 'a few hundred bytes');
    const started = process.hrtime.bigint();
    assert.throws(() => decodeJpeg(bomb), /6000x6600 pixels.*1920x1080/);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.ok(ms < 50, `refused after ${ms.toFixed(1)} ms`);
    const fine = decodeJpeg(encodeJpeg({ width: 384, height: 288, data: Buffer.alloc(384 * 288 * 3, 60) }, 80));
    assert.equal(fine.width, 384);
  });

  describe('in a flow', () => {
    let emulator;
    let bomb = false;
    before(async () => {
      emulator = await start({ port: 0 });
      // image.cgi of our own: a camera-sized picture, or the bomb.
      emulator.addRoute('GET', '/axis-cgi/jpg/image.cgi', 'viewer', (_req, res) => {
        const body = bomb ? jpegClaiming(6000, 6600) : encodeJpeg({ width: 384, height: 288, data: Buffer.alloc(384 * 288 * 3, 90) }, 80);
        res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': body.length });
        res.end(body);
      });
    });
    afterEach(async () => {
      bomb = false;
      await helper.unload();
    });
    after(async () => emulator && emulator.stop());

    it('the snapshot node sends the bomb plain and tells the Catch node why, quickly and without decoding it', async () => {
      await helper.load(NODES, [
        { id: 'f1', type: 'tab' },
        { id: 'cam', type: 'thermometry-camera', host: '127.0.0.1', port: String(emulator.port), protocol: 'http', tls: 'verify', apiVersion: 'auto', timeout: '5' },
        { id: 'snap', z: 'f1', type: 'thermometry-snapshot', camera: 'cam', overlay: true, x: 1, y: 1, wires: [['out']] },
        { id: 'out', z: 'f1', type: 'helper', x: 1, y: 2 },
        { id: 'catch', z: 'f1', type: 'catch', scope: ['snap'], uncaught: false, x: 1, y: 3, wires: [['caught']] },
        { id: 'caught', z: 'f1', type: 'helper', x: 1, y: 4 },
      ], ROOT);
      bomb = true;
      const rssBefore = process.memoryUsage().rss;
      const waiting = collect(['out', 'caught'], (g) => g.out.length > 0 && g.caught.length > 0);
      helper.getNode('snap').receive({});
      const got = await waiting;
      assert.equal(got.caught.length, 1, 'the Catch node heard why');
      assert.match(got.caught[0].error.message, /6000x6600 pixels/);
      assert.equal(got.out.length, 1, 'the picture still goes out, plain');
      assert.equal(got.out[0].snapshot.overlay, false);
      assert.ok(process.memoryUsage().rss - rssBefore < 200 * 1024 * 1024, 'not decoded (884 MB before)');
    });

    // A msg holding an array nested 2000 deep (4 KB of JSON): Node-RED cannot copy it for the Catch node.
    for (const type of ['thermometry-status', 'thermometry-area', 'thermometry-snapshot']) {
      it(`${type}: a 2000-deep msg from a Function node, camera refusing the connection, reaches the Catch node and Node-RED goes on`, async () => {
        const closed = await new Promise((resolve) => {
          const srv = require('net').createServer();
          srv.listen(0, '127.0.0.1', () => {
            const { port } = srv.address();
            srv.close(() => resolve(port));
          });
        });
        const unhandled = [];
        const onUnhandled = (reason) => unhandled.push(reason);
        process.on('unhandledRejection', onUnhandled);
        const config = type === 'thermometry-status' ? { operation: 'getAreaStatus', interval: '0' } : type === 'thermometry-area' ? { operation: 'listAreas' } : {};
        try {
          await helper.load(NODES, [
            { id: 'f1', type: 'tab' },
            { id: 'cam', type: 'thermometry-camera', host: '127.0.0.1', port: String(closed), protocol: 'http', tls: 'verify', apiVersion: 'auto', timeout: '5' },
            { id: 'inj', z: 'f1', type: 'inject', props: [{ p: 'payload' }], payload: '', payloadType: 'date', repeat: '', once: false, x: 1, y: 1, wires: [['fn']] },
            { id: 'fn', z: 'f1', type: 'function', x: 1, y: 2, outputs: 1, wires: [['n1']],
              func: 'let a = []; msg.deep = a; for (let i = 0; i < 2000; i++) { const b = []; a.push(b); a = b; } msg.topic = "deep"; return msg;' },
            { id: 'n1', z: 'f1', type, camera: 'cam', x: 1, y: 3, wires: [['out']], ...config },
            { id: 'out', z: 'f1', type: 'helper', x: 1, y: 4 },
            { id: 'catch', z: 'f1', type: 'catch', scope: ['n1'], uncaught: false, x: 1, y: 5, wires: [['caught']] },
            { id: 'caught', z: 'f1', type: 'helper', x: 1, y: 6 },
          ], ROOT);
          const waiting = collect(['caught'], (g) => g.caught.length > 0);
          helper.getNode('inj').receive({});
          const got = await waiting;
          await new Promise((r) => realSetTimeout(r, 50)); // a rejection would surface by now
          assert.deepEqual(unhandled.map(String), [], 'no unhandled rejection (Node-RED exits on one)');
          assert.equal(got.caught.length, 1, 'the Catch node heard it');
          assert.match(got.caught[0].error.message, /refused|cannot reach/);
          assert.match(got.caught[0].error.message, /could not be copied/);
          assert.equal(got.caught[0].topic, 'deep');
        } finally {
          process.removeListener('unhandledRejection', onUnhandled);
        }
      });
    }

    it('a msg whose payload is read-only gets an error naming msg.payload, not a bare TypeError', async () => {
      await helper.load(NODES, [
        { id: 'f1', type: 'tab' },
        { id: 'cam', type: 'thermometry-camera', host: '127.0.0.1', port: String(emulator.port), protocol: 'http', tls: 'verify', apiVersion: 'auto', timeout: '5' },
        { id: 'inj', z: 'f1', type: 'inject', props: [{ p: 'payload' }], payload: '', payloadType: 'date', repeat: '', once: false, x: 1, y: 1, wires: [['fn']] },
        { id: 'fn', z: 'f1', type: 'function', x: 1, y: 2, outputs: 1, wires: [['n1']],
          func: 'Object.defineProperty(msg, "payload", { value: {}, writable: false, enumerable: true }); return msg;' },
        { id: 'n1', z: 'f1', type: 'thermometry-area', camera: 'cam', operation: 'listAreas', x: 1, y: 3, wires: [['out']] },
        { id: 'out', z: 'f1', type: 'helper', x: 1, y: 4 },
        { id: 'catch', z: 'f1', type: 'catch', scope: ['n1'], uncaught: false, x: 1, y: 5, wires: [['caught']] },
        { id: 'caught', z: 'f1', type: 'helper', x: 1, y: 6 },
      ], ROOT);
      const waiting = collect(['caught', 'out'], (g) => g.caught.length + g.out.length > 0);
      helper.getNode('inj').receive({});
      const got = await waiting;
      assert.equal(got.out.length, 0);
      assert.equal(got.caught.length, 1);
      assert.match(got.caught[0].error.message, /msg\.payload cannot be written: the message is frozen or msg\.payload is read-only/);
      assert.doesNotMatch(got.caught[0].error.message, /Cannot assign to read only property/);
    });
  });
});
