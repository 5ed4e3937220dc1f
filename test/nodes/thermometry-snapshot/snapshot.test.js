'use strict';
// The thermometry-snapshot node in a real Node-RED (test helper) against the
// emulator with its thermal scene, over real HTTP and Digest, fed the way
// flows feed it: an inject node through a Function node. Checks the JPEG by
// decoding it, and the overlays by the pixels where an area's outline is.
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const jpeg = require('jpeg-js');
const { start } = require('../../../dist/emulator');
const { createScene, addSceneRoutes } = require('../../../dist/emulator/scene');
const { ThermometryClient } = require('../../../dist/client');
const { encodePng, decodeJpeg } = require('../../../dist/imaging');
const { helper, ALL } = require('../support');
const { exampleNodes } = require('../../support/examples');

const root = path.join(__dirname, '..', '..', '..');
const core = (f) => require(path.join(path.dirname(require.resolve('@node-red/nodes/package.json')), 'core', f));
const SNAPSHOT = require(path.join(root, 'nodes', 'thermometry-snapshot.js'));
const EVENT = require(path.join(root, 'nodes', 'thermometry-event.js'));
const NODES = [...ALL, SNAPSHOT, EVENT, core('common/20-inject.js'), core('function/10-function.js'), core('function/10-switch.js'), core('function/15-change.js'), core('common/90-comment.js')];

// Real-time bound for one message (the machine is loaded); a missing message fails instead of hanging.
const WAIT_MS = 20000;
const LEFT = [[-0.9, -0.5], [-0.1, -0.5], [-0.1, 0.5], [-0.9, 0.5]];
// Where the pictures are saved to look at.
const LOOK_DIR = path.join(os.tmpdir(), 'thermometry-snapshot-node');

/** A flow: inject -> Function (`func`) -> snapshot (`config`) -> out; catch (scope snapshot) -> caught. */
function snapshotFlow(emulator, config, func = 'return msg;') {
  return [
    { id: 'f1', type: 'tab', label: 'snapshot' },
    { id: 'cam', type: 'thermometry-camera', name: 'Furnace cam', host: '127.0.0.1', port: String(emulator.port), protocol: 'http', tls: 'verify', apiVersion: 'auto', timeout: '5' },
    { id: 'inj', z: 'f1', type: 'inject', props: [{ p: 'payload' }, { p: 'topic', vt: 'str' }], payload: '', payloadType: 'date', topic: 'furnace', repeat: '', once: false, wires: [['fn']] },
    { id: 'fn', z: 'f1', type: 'function', func, outputs: 1, wires: [['snap']] },
    { id: 'snap', z: 'f1', type: 'thermometry-snapshot', camera: 'cam', wires: [['out']], ...config },
    { id: 'out', z: 'f1', type: 'helper' },
    { id: 'catch', z: 'f1', type: 'catch', scope: ['snap'], uncaught: false, wires: [['caught']] },
    { id: 'caught', z: 'f1', type: 'helper' },
  ].map((n, i) => (n.z ? { x: 100, y: 40 * i, ...n } : n));
}

const ROOT = { cam: { username: 'root', password: 'pass' } };

async function load(emulator, config, func, credentials = ROOT) {
  await helper.load(NODES, snapshotFlow(emulator, config, func), credentials);
  const snap = helper.getNode('snap');
  // Record the statuses the node shows (Node-RED's own status() still runs).
  const shown = [];
  const status = snap.status.bind(snap);
  snap.status = (s) => { shown.push(s); status(s); };
  return { inject: helper.getNode('inj'), out: helper.getNode('out'), caught: helper.getNode('caught'), snap, shown };
}
const statuses = (ctx) => ctx.shown.slice();

/** Press the inject button; collect what reaches out and caught until `until` says enough (or the deadline). */
function press(ctx, until = (r) => r.out.length + r.caught.length > 0) {
  return new Promise((resolve, reject) => {
    const r = { out: [], caught: [] };
    const onOut = (m) => { r.out.push(m); check(); };
    const onCaught = (m) => { r.caught.push(m); check(); };
    const timer = setTimeout(() => finish(new Error(`no answer in time: ${JSON.stringify({ out: r.out.length, caught: r.caught.length })}`)), WAIT_MS);
    function check() {
      if (until(r)) finish();
    }
    function finish(err) {
      clearTimeout(timer);
      ctx.out.removeListener('input', onOut);
      ctx.caught.removeListener('input', onCaught);
      if (err) reject(err);
      else resolve(r);
    }
    ctx.out.on('input', onOut);
    ctx.caught.on('input', onCaught);
    ctx.inject.receive({});
  });
}

async function picture(ctx) {
  const r = await press(ctx);
  if (r.caught.length) throw new Error(`expected a picture, got error: ${r.caught[0].error.message}`);
  return r.out[0];
}

async function failure(ctx) {
  const r = await press(ctx);
  if (r.out.length) throw new Error('expected an error, got a picture');
  return r.caught[0];
}

const rgbAt = (img, x, y) => {
  const i = (y * img.width + x) * 4;
  return [img.data[i], img.data[i + 1], img.data[i + 2]];
};
const isGreen = ([r, g, b]) => g > 180 && r < 120 && b < 120;
const isRed = ([r, g, b]) => r > 180 && g < 120 && b < 120;

/** Pixels on the left edge of the LEFT area at 320x240 (x = 16, rows 70..170) where `test` holds. */
function leftEdge(img, test) {
  let n = 0;
  for (let y = 70; y <= 170; y += 5) if (test(rgbAt(img, 16, y))) n++;
  return n;
}
const EDGE_SAMPLES = 21;

describe('thermometry-snapshot node', function () {
  let emulator;
  let scene;
  let admin;
  before(async () => {
    fs.mkdirSync(LOOK_DIR, { recursive: true });
    scene = createScene({ clock: 'stepped', noise: 0, scenario: 'none', ambient: 20, width: 96, height: 72, palette: 'Iron' });
    emulator = await start({ port: 0, sensor: scene, events: true });
    addSceneRoutes(emulator, scene);
    admin = new ThermometryClient({ host: '127.0.0.1', port: emulator.port, username: 'root', password: 'pass' });
  });
  afterEach(async () => {
    await helper.unload();
  });
  after(async () => {
    admin.close();
    await emulator.stop();
  });

  it('sends the JPEG of the asked size in msg.payload and keeps the rest of the message', async () => {
    const ctx = await load(emulator, {}, `
      msg.payload = { areaId: 3, active: true, areaName: 'Door', maximumTemp: 412.5 };
      msg.thermometry = { camera: 'elsewhere', event: 'area-alarm' };
      msg.custom = { keep: [1, 2] };
      msg.resolution = '320x240';
      msg.compression = '20';
      return msg;`);
    const before = Date.now();
    const msg = await picture(ctx);
    const after = Date.now();
    assert.ok(Buffer.isBuffer(msg.payload), 'payload is a Buffer');
    const img = jpeg.decode(msg.payload);
    assert.deepEqual([img.width, img.height], [320, 240]);
    assert.equal(msg.contentType, 'image/jpeg');
    assert.match(msg.filename, /^Furnace-cam_\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z\.jpg$/);
    const stamp = Date.parse(msg.filename.slice('Furnace-cam_'.length, -4).replace(/T(\d\d)-(\d\d)-/, 'T$1:$2:'));
    assert.ok(stamp >= before && stamp <= after, 'the file name carries the time of the picture');
    // Objects made in the Function node come from another realm: compare as JSON.
    assert.deepEqual(JSON.parse(JSON.stringify(msg.trigger)), { areaId: 3, active: true, areaName: 'Door', maximumTemp: 412.5 });
    assert.deepEqual(JSON.parse(JSON.stringify(msg.custom)), { keep: [1, 2] });
    assert.deepEqual(JSON.parse(JSON.stringify(msg.thermometry)), { camera: 'elsewhere', event: 'area-alarm' });
    assert.equal(msg.topic, 'furnace');
    assert.equal(msg.snapshot.camera, `127.0.0.1:${emulator.port}`);
    assert.deepEqual([msg.snapshot.width, msg.snapshot.height, msg.snapshot.resolution, msg.snapshot.compression, msg.snapshot.overlay], [320, 240, '320x240', 20, false]);
    assert.equal(statuses(ctx).pop().fill, 'green');
  });

  it('takes the editor options, the camera default when empty, and msg properties over both', async () => {
    let ctx = await load(emulator, {});
    let img = jpeg.decode((await picture(ctx)).payload);
    assert.deepEqual([img.width, img.height], [96, 72], 'the sensor size by default');
    await helper.unload();
    ctx = await load(emulator, { resolution: '640x480', compression: '0', channel: '1' });
    img = jpeg.decode((await picture(ctx)).payload);
    assert.deepEqual([img.width, img.height], [640, 480]);
    await helper.unload();
    ctx = await load(emulator, { resolution: '640x480', compression: '0' }, 'msg.resolution = "160x120"; msg.channel = 1; return msg;');
    img = jpeg.decode((await picture(ctx)).payload);
    assert.deepEqual([img.width, img.height], [160, 120]);
    await helper.unload();
    // What reaches the camera: msg properties win over the editor's.
    const urls = [];
    const record = (req) => urls.push(req.url);
    emulator.server.on('request', record);
    try {
      ctx = await load(emulator, { resolution: '640x480', compression: '0' }, 'msg.compression = 100; msg.resolution = "320x240"; return msg;');
      const worst = await picture(ctx);
      assert.equal(worst.snapshot.compression, 100);
    } finally {
      emulator.server.off('request', record);
    }
    assert.ok(urls.includes('/axis-cgi/jpg/image.cgi?resolution=320x240&compression=100'), urls.join(' '));
  });

  it('draws the areas (green, red when triggered, name and max/avg) and the spot when overlay is on', async () => {
    const { id } = await admin.addArea({
      enabled: true, name: 'Left door', detectionType: 'above', measurement: 'maximum', threshold: 60, delay: 0,
      vertices: LEFT, areaOverlay: 'none', temperatureOverlay: false,
    });
    await admin.addSpotTemperature({ spotCoordinates: [0.5, 0], coordinateSystem: 'coord_neg1_1' });
    try {
      let ctx = await load(emulator, { resolution: '320x240', compression: '0' });
      const plainMsg = await picture(ctx);
      const plain = jpeg.decode(plainMsg.payload);
      await helper.unload();
      ctx = await load(emulator, { resolution: '320x240', compression: '0', overlay: true });
      const drawnMsg = await picture(ctx);
      const drawn = jpeg.decode(drawnMsg.payload);
      assert.equal(drawnMsg.snapshot.overlay, true);
      assert.deepEqual([drawn.width, drawn.height], [320, 240]);
      assert.equal(leftEdge(plain, isGreen), 0, 'the camera drew no outline (areaOverlay none)');
      assert.ok(leftEdge(drawn, isGreen) >= EDGE_SAMPLES - 1, `green outline: ${leftEdge(drawn, isGreen)} of ${EDGE_SAMPLES}`);
      // The label above the area (name, then max/avg) changes pixels there; far from any overlay nothing changes.
      const changed = (x0, y0, x1, y1) => {
        let n = 0;
        for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) {
          const a = rgbAt(plain, x, y);
          const b = rgbAt(drawn, x, y);
          if (Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]) > 60) n++;
        }
        return n;
      };
      assert.ok(changed(20, 30, 140, 58) > 200, `label pixels: ${changed(20, 30, 140, 58)}`);
      assert.equal(changed(60, 190, 140, 235), 0, 'nothing drawn below the area');
      fs.writeFileSync(path.join(LOOK_DIR, 'green.png'), encodePng(decodeJpeg(drawnMsg.payload)));

      // Heat the area and run the scene: the alarm triggers and the outline turns red.
      scene.control({ action: 'setRegion', id: 'hot', vertices: [[-0.95, -0.55], [-0.05, -0.55], [-0.05, 0.55], [-0.95, 0.55]], temperature: 90 });
      scene.control({ action: 'step', seconds: 2 });
      const status = await admin.getAreaStatus();
      assert.equal(status.areaList.find((a) => a.id === id).triggered, true);
      const hotMsg = await picture(ctx);
      const hot = jpeg.decode(hotMsg.payload);
      assert.ok(leftEdge(hot, isRed) >= EDGE_SAMPLES - 1, `red outline: ${leftEdge(hot, isRed)} of ${EDGE_SAMPLES}`);
      fs.writeFileSync(path.join(LOOK_DIR, 'red.png'), encodePng(decodeJpeg(hotMsg.payload)));
    } finally {
      scene.control({ action: 'removeSource', id: 'hot' });
      await admin.removeAreas({ areas: [id] });
      await admin.removeSpotTemperature();
    }
  });

  it('on a PTZ camera draws the areas of the preset the head is on', async () => {
    const plant = createScene({ clock: 'stepped', noise: 0, scenario: 'plant' });
    const ptz = await start({ port: 0, profile: 'ptz', sensor: plant });
    addSceneRoutes(ptz, plant);
    const c = new ThermometryClient({ host: '127.0.0.1', port: ptz.port, username: 'root', password: 'pass' });
    try {
      const square = [[-0.5, -0.5], [0.5, -0.5], [0.5, 0.5], [-0.5, 0.5]];
      for (const presetNbr of [1, 2]) {
        await c.addArea({ enabled: true, name: `On preset ${presetNbr}`, detectionType: 'above', measurement: 'maximum', threshold: 300, delay: 0, vertices: square, areaOverlay: 'none', presetNbr });
      }
      const ctx = await load(ptz, { overlay: true });
      for (const presetNbr of [1, 2]) {
        plant.control({ action: 'preset', presetNbr });
        const msg = await picture(ctx);
        assert.deepEqual(msg.snapshot.areas.map((a) => a.name), [`On preset ${presetNbr}`]);
        assert.equal(typeof msg.snapshot.areas[0].max, 'number');
      }
    } finally {
      c.close();
      await helper.unload();
      await ptz.stop();
    }
  });

  it('a resolution the camera lacks, or an option of the wrong form, is an error naming it, and nothing is sent', async () => {
    let ctx = await load(emulator, {}, 'msg.resolution = "1000x1000"; return msg;');
    let caught = await failure(ctx);
    assert.match(caught.error.message, /^snapshot: camera 127\.0\.0\.1:\d+ refused the image for resolution=1000x1000 with HTTP 400 \("Error: resolution "1000x1000" not supported; supported: 1024x768,/);
    assert.equal(caught.error.source.id, 'snap');
    assert.equal(caught.thermometry.error.status, 400);
    assert.deepEqual(statuses(ctx).map((x) => x.fill), ['blue', 'red']);
    assert.equal(statuses(ctx)[1].text, 'camera refused the picture options (HTTP 400)');
    await helper.unload();
    const cases = [
      ['msg.compression = 101; return msg;', {}, /^snapshot: msg\.compression must be a whole number from 0 \(best quality\) to 100 \(got 101\)/],
      ['msg.channel = "two"; return msg;', {}, /^snapshot: msg\.channel must be the video source number, a whole number from 1 to 99 \(got "two"\)/],
      ['msg.resolution = ["640", "480"]; return msg;', {}, /^snapshot: msg\.resolution must be width x height in pixels, e\.g\. "640x480"/],
      ['msg.overlay = "yes"; return msg;', {}, /^snapshot: msg\.overlay must be true or false \(got "yes"\)/],
      ['return msg;', { resolution: 'big' }, /^snapshot: resolution must be width x height in pixels, e\.g\. "640x480" \(got "big"\)/],
      ['msg.channel = 2; return msg;', {}, /camera "2" not available/],
    ];
    for (const [func, config, message] of cases) {
      ctx = await load(emulator, config, func);
      caught = await failure(ctx);
      assert.match(caught.error.message, message);
      await helper.unload();
    }
  });

  it('a wrong password is an error through the Catch node, without the password; a viewer gets the plain picture and the reason overlays failed', async () => {
    const password = 'N0t-the-Pa55word';
    let ctx = await load(emulator, {}, 'return msg;', { cam: { username: 'root', password } });
    const caught = await failure(ctx);
    assert.match(caught.error.message, /^snapshot: wrong user name or password; /);
    assert.match(caught.error.message, /camera 127\.0\.0\.1:\d+ refused the credentials of user "root" \(HTTP 401\)/);
    assert.ok(!JSON.stringify(caught).includes(password), 'no password in the caught message');
    await helper.unload();
    // Every level may fetch pictures; drawing the areas needs operator.
    ctx = await load(emulator, { overlay: true }, 'return msg;', { cam: { username: 'viewer', password: 'viewer' } });
    const r = await press(ctx, (x) => x.out.length > 0 && x.caught.length > 0);
    const img = jpeg.decode(r.out[0].payload);
    assert.deepEqual([img.width, img.height], [96, 72]);
    assert.equal(r.out[0].snapshot.overlay, false);
    assert.match(r.out[0].snapshot.overlayError, /without overlays: .*user "viewer".*HTTP 403/);
    assert.match(r.caught[0].error.message, /^snapshot: the picture was sent without overlays: listAreas: this user may not: listing areas needs an operator/);
    assert.deepEqual(ctx.shown.map((x) => x.fill), ['blue', 'yellow']);
  });

  it('saves a picture of the furnace scene with overlays to look at', async () => {
    const furnace = createScene({ clock: 'stepped', noise: 0.05, scenario: 'furnace-door', palette: 'Iron' });
    const emu = await start({ port: 0, sensor: furnace });
    addSceneRoutes(emu, furnace);
    const c = new ThermometryClient({ host: '127.0.0.1', port: emu.port, username: 'root', password: 'pass' });
    try {
      await c.addArea({ enabled: true, name: 'Furnace door', detectionType: 'above', measurement: 'maximum', threshold: 150, delay: 0, vertices: [[-0.4, -0.55], [0.3, -0.55], [0.3, 0.45], [-0.4, 0.45]], areaOverlay: 'none', temperatureOverlay: false });
      await c.addArea({ enabled: true, name: 'Wall (Süd)', detectionType: 'above', measurement: 'average', threshold: 80, delay: 0, vertices: [[0.55, -0.9], [0.95, -0.9], [0.95, -0.3], [0.55, -0.3]], areaOverlay: 'none', temperatureOverlay: false });
      await c.addSpotTemperature({ spotCoordinates: [-0.7, 0.6], coordinateSystem: 'coord_neg1_1' });
      furnace.control({ action: 'step', seconds: 3 });
      const ctx = await load(emu, { resolution: '640x480', compression: '10', overlay: true });
      const msg = await picture(ctx);
      assert.equal(msg.snapshot.overlay, true);
      fs.writeFileSync(path.join(LOOK_DIR, 'furnace-overlay.jpg'), msg.payload);
      fs.writeFileSync(path.join(LOOK_DIR, 'furnace-overlay.png'), encodePng(decodeJpeg(msg.payload)));
    } finally {
      c.close();
      await emu.stop();
    }
  });

  it('the example flow: an alarm from the event node arrives with its picture, and the button takes one', async () => {
    const flow = exampleNodes('thermometry-snapshot');
    assert.equal(flow[0].type, 'comment');
    assert.ok(!JSON.stringify(flow).includes('"credentials"'), 'no credentials in the file');
    const cam = flow.find((n) => n.type === 'thermometry-camera');
    assert.equal(cam.id, 'emulator-camera');
    assert.equal(cam.name, 'Emulator (npm start)');
    assert.deepEqual([cam.host, cam.port, cam.protocol], ['127.0.0.1', '8080', 'http']);
    // As imported into a tab, the camera pointed at this emulator; debug and file nodes become test helpers.
    const nodes = [{ id: 'tab', type: 'tab' }, ...flow.map((n) => {
      if (n.type === 'thermometry-camera') return { ...n, port: String(emulator.port) };
      if (n.type === 'debug' || n.type === 'file') return { id: n.id, z: 'tab', type: 'helper', name: n.name, x: n.x, y: n.y };
      return { ...n, z: 'tab' };
    })];
    await helper.load(NODES, nodes, { [cam.id]: { username: 'root', password: 'pass' } });
    const byName = (name) => {
      const n = flow.find((x) => x.name === name);
      assert.ok(n, `a node named "${name}"`);
      return helper.getNode(n.id);
    };
    const alarms = [];
    const files = [];
    const taken = [];
    byName('alarm picture').on('input', (m) => alarms.push(m));
    byName('save picture').on('input', (m) => files.push(m));
    byName('picture').on('input', (m) => taken.push(m));
    // The button.
    byName('take a picture').receive({});
    await until(() => taken.length > 0, 'a picture from the button');
    assert.deepEqual(jpegDims(taken[0].payload), [640, 480]);
    // An area over a hot region, and the scene run: the camera's alarm comes through the event stream.
    const { id } = await admin.addArea({
      enabled: true, name: 'Example', detectionType: 'above', measurement: 'maximum', threshold: 60, delay: 0,
      vertices: LEFT, areaOverlay: 'none', temperatureOverlay: false,
    });
    try {
      scene.control({ action: 'setRegion', id: 'hot', vertices: [[-0.95, -0.55], [-0.05, -0.55], [-0.05, 0.55], [-0.95, 0.55]], temperature: 90 });
      scene.control({ action: 'step', seconds: 2 });
      await until(() => alarms.some((m) => m.trigger && m.trigger.active === true && m.trigger.areaId === id) && files.length > 0, 'the alarm with its picture');
      const alarm = alarms.find((m) => m.trigger.active === true && m.trigger.areaId === id);
      assert.equal(alarm.topic, `thermometry/area-alarm/${id}`);
      assert.equal(alarm.event, 'area-alarm');
      assert.equal(alarm.contentType, 'image/jpeg');
      assert.deepEqual(jpegDims(alarm.payload), [640, 480]);
      assert.equal(alarm.snapshot.overlay, false, 'the camera draws its own overlays: the example does not draw them again');
      const saved = files.find((m) => m.trigger && m.trigger.areaId === id);
      assert.match(saved.filename, /^thermal-alarms\/Emulator-npm-start_.*\.jpg$/);
      assert.ok(Buffer.isBuffer(saved.payload));
    } finally {
      scene.control({ action: 'removeSource', id: 'hot' });
      await admin.removeAreas({ areas: [id] });
    }
  });
});

function jpegDims(buf) {
  const img = jpeg.decode(buf);
  return [img.width, img.height];
}

/** Polls up to a real-time deadline. */
async function until(predicate, what, limitMs = WAIT_MS) {
  const deadline = Date.now() + limitMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
