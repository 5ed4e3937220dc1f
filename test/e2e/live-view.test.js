'use strict';
// The live picture and the table of areas (issue 21), in real Chromium against
// the emulator with its moving scene: each form with a camera view (area,
// group, spot, status, event) shows the camera's Motion JPEG stream through
// the camera node's live route, at least 3 different frames in 2 s, and the
// stream is closed at the emulator (which counts open streams) when the form
// closes; the table beside the picture lists the camera's areas with their
// temperatures and triggered state in words, and a click on a row picks the
// area as each form means it. Then the route itself with adminAuth on: a
// reader gets the deployed camera's stream and nothing else, a few streams per
// user and in all, each closed at the camera when the client goes.
const assert = require('node:assert/strict');
const fs = require('fs');
const http = require('http');
const net = require('net');
const path = require('path');
const bcrypt = require('bcryptjs');
const { start, createScene, addSceneRoutes, videoStreams } = require('../../dist/emulator');
const { ThermometryClient } = require('../../dist/client');
const { LIVE_STREAMS_PER_USER } = require('../../dist/nodes/thermometry-camera/live-routes');
// Node-RED and the camera; Chromium and the editor.
const { requireChromium, freePort, linkedUserDir, request, startNodeRed, stopNodeRed, cameraNode } = require('./support');
const { launchPage, gotoEditor, openEditorPage, openNodeForm, closeNodeForm } = require('./support');

const PASSWORD = 'Live-Pw-61c2';

/** The value of check() once truthy; fails, naming `what`, when it is not within `ms`. */
async function waitFor(check, ms, what = String(check)) {
  const deadline = Date.now() + ms;
  for (;;) {
    let value;
    try {
      value = await check();
    } catch {
      value = undefined;
    }
    if (value) return value;
    if (Date.now() >= deadline) assert.fail(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const UI_WAIT_MS = 30000;
// The editor is ready once the flow's area node is drawn; a form, once its camera view says what the camera answered.
const AREA_NODE_DRAWN = { ready: 'g.red-ui-flow-node-group[id="f100000000000001"]', readyOptions: { timeout: 60000 } };
const CAMERA_ANSWERED = { shown: '.thermometry-view-line:has-text("API")', timeout: UI_WAIT_MS };

function flowFor(port) {
  const z = 'f1000000000000f0';
  const common = { z, camera: 'cam', wires: [[]] };
  return [
    { id: z, type: 'tab', label: 'Live' },
    cameraNode(port, PASSWORD),
    {
      ...common,
      id: 'f100000000000001',
      type: 'thermometry-area',
      name: 'area',
      operation: 'addArea',
      areaId: '',
      imagesource: '',
      enabled: true,
      areaName: 'New',
      detectionType: 'above',
      measurement: 'maximum',
      threshold: '80',
      delay: '0',
      vertices: '[[-0.5,-0.5],[0.5,-0.5],[0.5,0.5],[-0.5,0.5]]',
      areaOverlay: 'always',
      temperatureOverlay: true,
      presetNbr: '',
      areas: '',
      x: 200,
      y: 80,
    },
    {
      ...common,
      id: 'f100000000000002',
      type: 'thermometry-group',
      name: 'group',
      operation: 'addGroup',
      groupId: '1',
      enabled: true,
      groupName: 'G',
      measurement: 'maximum',
      threshold: '5',
      delay: '0',
      areaIds: '',
      groupOverlay: true,
      presetNbr: '',
      x: 200,
      y: 160,
    },
    {
      ...common,
      id: 'f100000000000003',
      type: 'thermometry-spot',
      name: 'spot',
      operation: 'getSpotTemperature',
      spotCoordinates: '[0, 0]',
      coordinateSystem: 'coord_neg1_1',
      x: 200,
      y: 240,
    },
    { ...common, id: 'f100000000000004', type: 'thermometry-status', name: 'status', operation: 'getAreaStatus', interval: '0', x: 200, y: 320 },
    { ...common, id: 'f100000000000005', type: 'thermometry-event', name: 'event', areaIds: '', groupIds: '', x: 200, y: 400 },
  ];
}

describe('live picture and the table of areas in the forms (Chromium)', function () {
  this.timeout(240000);
  let emulator;
  let dir;
  let child;
  let port;
  let browser;
  let page;
  let log = '';

  before(async function () {
    const executablePath = requireChromium(this);
    const scene = createScene();
    emulator = await start({ port: 0, sensor: scene, users: [{ username: 'root', password: PASSWORD, role: 'administrator' }] });
    addSceneRoutes(emulator, scene);
    // Two areas: the furnace door (hot: triggered) and a cool corner.
    const client = new ThermometryClient({ host: '127.0.0.1', port: emulator.port, username: 'root', password: PASSWORD });
    const area = { enabled: true, detectionType: 'above', measurement: 'maximum', delay: 0 };
    await client.call('addArea', {
      ...area,
      name: 'Door',
      threshold: 50,
      vertices: [
        [-0.3, -0.3],
        [0.3, -0.3],
        [0.3, 0.3],
        [-0.3, 0.3],
      ],
    });
    await client.call('addArea', {
      ...area,
      name: 'Corner',
      threshold: 340,
      vertices: [
        [-0.95, 0.6],
        [-0.6, 0.6],
        [-0.6, 0.95],
        [-0.95, 0.95],
      ],
    });
    client.close();
    dir = linkedUserDir('thermo-live-', 'live-test');
    port = await freePort();
    child = await startNodeRed(dir, port, (d) => {
      log += d;
    });
    const deployed = await request(port, 'POST', '/flows', flowFor(emulator.port));
    assert.equal(deployed.status, 204, deployed.body);
    ({ browser, page } = await openEditorPage(executablePath, port, (line) => (log += line), { height: 1000, ...AREA_NODE_DRAWN }));
  });

  after(async function () {
    if (browser) await browser.close();
    await stopNodeRed(child);
    if (emulator) await emulator.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    assert.ok(!/\[page error\]/.test(log), `the editor threw: ${log.slice(log.indexOf('[page error]'), log.indexOf('[page error]') + 300)}`);
  });

  async function openForm(id) {
    await openNodeForm(page, id, CAMERA_ANSWERED);
    // Live: the button turns to "playing" with the first frame.
    await page.waitForSelector('.thermometry-view-live.thermometry-view-on', { timeout: UI_WAIT_MS });
  }

  const closeForm = (button) => closeNodeForm(page, button, { timeout: UI_WAIT_MS });

  /** The picture in the form now, as pixels (the frame is a blob: URL of the page's origin, so a canvas may read it). */
  function picture() {
    return page.evaluate(() => {
      const img = document.querySelector('.thermometry-view-image img');
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      c.getContext('2d').drawImage(img, 0, 0);
      return c.toDataURL('image/png');
    });
  }

  it('the area form shows the live picture (3 different frames or more in 2 s) and closes the stream when it closes', async () => {
    const before = videoStreams(emulator).opened;
    await openForm('f100000000000001');
    assert.equal(videoStreams(emulator).open, 1, 'one stream open at the camera while the form is open');
    const seen = new Set();
    const began = Date.now();
    while (Date.now() - began < 2000) {
      seen.add(await picture());
      await page.waitForTimeout(50);
    }
    assert.ok(seen.size >= 3, `${seen.size} different frames in 2 s`);
    await closeForm();
    await waitFor(() => videoStreams(emulator).open === 0, 5000);
    assert.equal(videoStreams(emulator).opened, before + 1, 'one stream for the form, not one per refresh');
  });

  for (const [name, id, button] of [
    ['group', 'f100000000000002', '#node-dialog-ok'],
    ['spot', 'f100000000000003', '#node-dialog-cancel'],
    ['status', 'f100000000000004', '#node-dialog-ok'],
    ['event', 'f100000000000005', '#node-dialog-cancel'],
  ]) {
    it(`the ${name} form shows it live too, and its stream closes with the form (${button === '#node-dialog-ok' ? 'Done' : 'Cancel'})`, async () => {
      await openForm(id);
      const a = await picture();
      await waitFor(async () => (await picture()) !== a, 5000);
      assert.equal(videoStreams(emulator).open, 1);
      await closeForm(button);
      await waitFor(() => videoStreams(emulator).open === 0, 5000);
    });
  }

  it('"Still" stops the stream and shows a still picture; "Live" starts it again (the choice is kept for the next form)', async () => {
    await openForm('f100000000000004');
    await page.click('.thermometry-view-live');
    await waitFor(() => videoStreams(emulator).open === 0, 5000);
    await page.waitForFunction(() => /Still/.test(document.querySelector('.thermometry-view-live').textContent));
    await closeForm();
    await page.dblclick('g.red-ui-flow-node-group[id="f100000000000003"] rect.red-ui-flow-node', { force: true });
    await page.waitForSelector('.thermometry-view-line:has-text("API")', { timeout: UI_WAIT_MS });
    await page.waitForFunction(() => {
      const i = document.querySelector('.thermometry-view-image img');
      return i && i.complete && i.naturalWidth > 0;
    });
    assert.equal(videoStreams(emulator).open, 0, 'a still picture opens no stream');
    await page.click('.thermometry-view-live');
    await page.waitForSelector('.thermometry-view-live.thermometry-view-on', { timeout: UI_WAIT_MS });
    assert.equal(videoStreams(emulator).open, 1);
    await closeForm();
    await waitFor(() => videoStreams(emulator).open === 0, 5000);
  });

  it("the size the user picks is the picture's width, kept for the next form", async () => {
    await openForm('f100000000000004');
    await page.selectOption('.thermometry-view-size', 'small');
    const small = await page.locator('.thermometry-view-image').boundingBox();
    assert.ok(Math.abs(small.width - 320) <= 2, `small: ${small.width}px`);
    await closeForm();
    await openForm('f100000000000005');
    assert.equal(await page.inputValue('.thermometry-view-size'), 'small');
    const again = await page.locator('.thermometry-view-image').boundingBox();
    assert.ok(Math.abs(again.width - 320) <= 2, `kept: ${again.width}px`);
    await page.selectOption('.thermometry-view-size', 'large');
    await closeForm();
  });

  /** The table's rows as text: [id, name, enabled, measures, min, avg, max, triggered]. */
  function tableRows() {
    return page.$$eval('.thermometry-area-table tbody tr', (rows) => rows.map((r) => [...r.children].map((td) => td.textContent.trim())));
  }

  it("the table lists each area: id, name, enabled, what it measures, min/avg/max in the camera's unit and triggered in words", async () => {
    await openForm('f100000000000004');
    await page.waitForSelector('.thermometry-area-table tbody tr[data-id="1"]', { timeout: UI_WAIT_MS });
    const head = await page.$$eval('.thermometry-area-table thead th', (ths) => ths.map((th) => th.textContent.trim()));
    assert.deepEqual(head, ['id', 'name', 'enabled', 'measures', 'min °C', 'avg °C', 'max °C', 'triggered']);
    await waitFor(async () => (await tableRows()).some((r) => r[0] === '0' && r[7] === 'ALARM'), 20000);
    const rows = await tableRows();
    const door = rows.find((r) => r[0] === '0');
    const corner = rows.find((r) => r[0] === '1');
    assert.deepEqual(door.slice(1, 4), ['Door', 'yes', 'max']);
    assert.deepEqual([corner[1], corner[7]], ['Corner', 'no']);
    for (const r of [door, corner]) {
      const [min, avg, max] = r.slice(4, 7).map(Number);
      assert.ok(min <= avg && avg <= max, `min/avg/max in order: ${r.join(' | ')}`);
    }
    // The camera's own numbers: the same area's status read directly.
    const client = new ThermometryClient({ host: '127.0.0.1', port: emulator.port, username: 'root', password: PASSWORD });
    const status = (await client.call('getAreaStatus')).areaList.find((s) => s.id === 0);
    client.close();
    assert.ok(Math.abs(status.max - Number(door[6])) < 60, `the table's max ${door[6]} is the camera's (${status.max}, a moving scene)`);
    // Status form: a click lights the area up on the picture.
    await page.click('.thermometry-area-table tbody tr[data-id="1"]');
    await page.waitForSelector('.thermometry-area-table tbody tr[data-id="1"].thermometry-row-picked');
    await page.waitForSelector('svg polygon.thermometry-area-lit[data-id="1"]');
    await closeForm();
  });

  it('a click on a row picks the area: the area form loads it to change, the group form takes it in and out, the event form filters on it', async () => {
    await openForm('f100000000000001');
    await page.waitForSelector('.thermometry-area-table tbody tr[data-id="1"]', { timeout: UI_WAIT_MS });
    await page.click('.thermometry-area-table tbody tr[data-id="1"]');
    assert.equal(await page.inputValue('#node-input-operation'), 'updateArea');
    assert.equal(await page.inputValue('#node-input-areaId'), '1');
    assert.equal(await page.inputValue('#node-input-areaName'), 'Corner');
    assert.equal(await page.inputValue('#node-input-threshold'), '340');
    await closeForm();

    await openForm('f100000000000002');
    await page.waitForSelector('.thermometry-area-table tbody tr[data-id="1"]', { timeout: UI_WAIT_MS });
    await page.click('.thermometry-area-table tbody tr[data-id="1"]');
    await page.click('.thermometry-area-table tbody tr[data-id="0"]');
    assert.equal(await page.inputValue('#node-input-areaIds'), '0, 1');
    await page.waitForSelector('svg polygon.thermometry-area-lit[data-id="0"]');
    await page.click('.thermometry-area-table tbody tr[data-id="1"]');
    assert.equal(await page.inputValue('#node-input-areaIds'), '0');
    await closeForm();

    await openForm('f100000000000005');
    // The event types in plain words, not only the camera's names.
    const explained = await page.$$eval('.thermometry-event-explain', (els) =>
      Object.fromEntries(els.map((e) => [e.dataset.event, e.offsetParent !== null ? e.textContent : ''])),
    );
    assert.deepEqual(Object.keys(explained), ['area-alarm', 'any-area', 'any-area-on-preset', 'information', 'group-deviation']);
    assert.match(explained['any-area'], /at least one area of the camera is in alarm/);
    assert.match(explained['any-area-on-preset'], /preset the camera is on/);
    assert.match(explained.information, /every 30 s/);
    await page.waitForSelector('.thermometry-area-table tbody tr[data-id="0"]', { timeout: UI_WAIT_MS });
    await page.click('.thermometry-area-table tbody tr[data-id="0"]');
    assert.equal(await page.inputValue('#node-input-areaIds'), '0');
    await closeForm();
    await waitFor(() => videoStreams(emulator).open === 0, 5000);
  });
});

describe('smaller things of the forms (issue 21, item 9): no PTZ fields on a fixed camera, the spot converted, a removed spot not drawn (Chromium)', function () {
  this.timeout(180000);
  let emulator;
  let dir;
  let child;
  let port;
  let browser;
  let page;
  let client;

  before(async function () {
    const executablePath = requireChromium(this);
    const scene = createScene();
    emulator = await start({ port: 0, profile: 'fixed', sensor: scene, users: [{ username: 'root', password: PASSWORD, role: 'administrator' }] });
    addSceneRoutes(emulator, scene);
    client = new ThermometryClient({ host: '127.0.0.1', port: emulator.port, username: 'root', password: PASSWORD });
    dir = linkedUserDir('thermo-small-', 'small-test');
    port = await freePort();
    child = await startNodeRed(dir, port, () => undefined);
    const deployed = await request(port, 'POST', '/flows', flowFor(emulator.port));
    assert.equal(deployed.status, 204, deployed.body);
    ({ browser, page } = await launchPage(executablePath, { height: 1000 }));
    await gotoEditor(page, port, AREA_NODE_DRAWN.ready, AREA_NODE_DRAWN.readyOptions);
  });

  after(async function () {
    if (browser) await browser.close();
    if (client) client.close();
    await stopNodeRed(child);
    if (emulator) await emulator.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const open = (id) => openNodeForm(page, id, CAMERA_ANSWERED);
  const cancel = () => closeNodeForm(page, '#node-dialog-cancel', { timeout: UI_WAIT_MS });

  it("a fixed camera's area and group forms show no PTZ preset field", async () => {
    for (const id of ['f100000000000001', 'f100000000000002']) {
      await open(id);
      await page.waitForFunction(() => document.querySelector('#node-input-presetNbr').closest('.form-row').classList.contains('thermometry-no-ptz'), null, {
        timeout: UI_WAIT_MS,
      });
      assert.ok(await page.isHidden('#node-input-presetNbr'), `${id}: the preset field is hidden`);
      assert.ok(await page.isHidden('.thermometry-preset-row'), `${id}: no preset pick-list`);
      await cancel();
    }
  });

  it("tooltips give the camera's numbers where the reference names its limits (maxNameLength, maxNumberOfVertices)", async () => {
    const caps = await client.capabilities();
    await open('f100000000000001');
    await page.waitForFunction(() => !/maxNameLength/.test(document.querySelector('#node-input-areaName').title), null, { timeout: UI_WAIT_MS });
    const nameTip = await page.getAttribute('#node-input-areaName', 'title');
    assert.match(nameTip, new RegExp(`at most ${caps.maxNameLength} characters`), nameTip);
    const verticesTip = await page.getAttribute('#node-input-vertices', 'title');
    assert.ok(!/maxNumberOfVertices/.test(verticesTip) && verticesTip.includes(String(caps.maxNumberOfVertices)), verticesTip);
    await cancel();
  });

  it('the spot form converts the typed point when the coordinate system changes (the same place on the image)', async () => {
    await open('f100000000000003');
    await page.selectOption('#node-input-operation', 'addSpotTemperature');
    await page.fill('#node-input-spotCoordinates', '[0.5, 0.5]');
    await page.selectOption('#node-input-coordinateSystem', 'coord_0_1');
    assert.deepEqual(JSON.parse(await page.inputValue('#node-input-spotCoordinates')), [0.75, 0.25]);
    await page.selectOption('#node-input-coordinateSystem', 'coord_neg1_1');
    assert.deepEqual(JSON.parse(await page.inputValue('#node-input-spotCoordinates')), [0.5, 0.5]);
    await cancel();
  });

  it('a removed spot is not drawn (the camera keeps its last place with renderOverlay false)', async () => {
    // An area on the camera, whose label the form draws from the same answer as the spot, in the same redraw: its
    // label on a form opened after the removal says that the answer read after the removal has been drawn (a new
    // form draws nothing of the camera before its first answer), so the spot's absence is looked for only then.
    await client.call('addArea', {
      enabled: true,
      detectionType: 'above',
      measurement: 'maximum',
      delay: 0,
      threshold: 340,
      name: 'Marker',
      vertices: [
        [0.6, -0.95],
        [0.95, -0.95],
        [0.95, -0.6],
        [0.6, -0.6],
      ],
    });
    const drawn = (label) =>
      page.waitForFunction((re) => [...document.querySelectorAll('.thermometry-view svg text')].some((t) => new RegExp(re).test(t.textContent)), label.source, {
        timeout: UI_WAIT_MS,
      });
    const spotDrawn = () => page.$$eval('.thermometry-view svg text', (ts) => ts.some((t) => /^spot/.test(t.textContent)));
    await client.call('addSpotTemperature', { spotCoordinates: [0.2, 0.2], coordinateSystem: 'coord_neg1_1' });
    await open('f100000000000003');
    await drawn(/^spot/);
    await drawn(/^#\d+ Marker/);
    await cancel();
    await client.call('removeSpotTemperature');
    await open('f100000000000003');
    await drawn(/^#\d+ Marker/);
    assert.equal(await spotDrawn(), false, 'no spot drawn after remove spot');
    await cancel();
  });
});

/** POST the live route; resolves { status, json } for an answer, or { status, frames, close } once `frames` JPEG parts came. */
function openLive(port, id, { token, body = {}, frames = 1 } = {}) {
  return new Promise((resolve, reject) => {
    const data = Buffer.from(JSON.stringify(body));
    const headers = { 'Content-Type': 'application/json', 'Content-Length': data.length };
    if (token) headers.Authorization = `Bearer ${token}`;
    const req = http.request({ host: '127.0.0.1', port, path: `/axis-thermometry/camera/${id}/live`, method: 'POST', headers, agent: false }, (res) => {
      if (!/^multipart\/x-mixed-replace/.test(res.headers['content-type'] || '')) {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode, text, json });
        });
        return;
      }
      let seen = 0;
      let text = '';
      res.setEncoding('latin1');
      res.on('data', (d) => {
        text += d;
        seen = (text.match(/Content-Type: image\/jpeg/g) || []).length;
        if (text.length > 1e6) text = text.slice(-1000);
        if (seen >= frames) {
          res.removeAllListeners('data');
          res.resume();
          resolve({ status: res.statusCode, frames: seen, close: () => req.destroy() });
        }
      });
    });
    req.on('error', reject);
    req.end(data);
  });
}

describe('live route: permissions and bounds (adminAuth on, a read user)', function () {
  this.timeout(120000);
  const ADMIN_PW = 'admin-Pw-77d1';
  let emulator;
  let dir;
  let child;
  let port;
  let listener;
  let listenerPort;
  let readerToken;
  let log = '';
  const reached = [];

  async function tokenFor(username, scope) {
    const form = new URLSearchParams({ client_id: 'node-red-admin', grant_type: 'password', scope, username, password: ADMIN_PW }).toString();
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/auth/token',
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': form.length },
        },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve(JSON.parse(text).access_token));
        },
      );
      req.on('error', reject);
      req.end(form);
    });
  }

  before(async function () {
    const scene = createScene();
    emulator = await start({ port: 0, sensor: scene, users: [{ username: 'root', password: PASSWORD, role: 'administrator' }] });
    addSceneRoutes(emulator, scene);
    listener = net.createServer((socket) => {
      reached.push(socket.remoteAddress);
      socket.destroy();
    });
    await new Promise((r) => listener.listen(0, '127.0.0.1', r));
    listenerPort = listener.address().port;
    dir = linkedUserDir('thermo-live-perm-', 'live-perm-test');
    const hash = bcrypt.hashSync(ADMIN_PW, 8);
    fs.writeFileSync(
      path.join(dir, 'settings.js'),
      `module.exports = { uiHost: '127.0.0.1', flowFile: 'flows.json', credentialSecret: 'live-perm-test',
      editorTheme: { tours: false }, diagnostics: { enabled: false }, telemetry: { enabled: false },
      adminAuth: { type: 'credentials', users: [
        { username: 'admin', password: ${JSON.stringify(hash)}, permissions: '*' },
        { username: 'reader', password: ${JSON.stringify(hash)}, permissions: 'read' } ] } };\n`,
    );
    port = await freePort();
    child = await startNodeRed(dir, port, (d) => (log += d), { readyPath: '/auth/login' });
    const adminToken = await tokenFor('admin', '*');
    readerToken = await tokenFor('reader', 'read');
    const flow = flowFor(emulator.port).slice(0, 2);
    const deployed = await new Promise((resolve, reject) => {
      const data = Buffer.from(JSON.stringify(flow));
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/flows',
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': data.length,
            Authorization: `Bearer ${adminToken}`,
            'Node-RED-Deployment-Type': 'full',
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode);
        },
      );
      req.on('error', reject);
      req.end(data);
    });
    assert.equal(deployed, 204);
  });

  after(async function () {
    await stopNodeRed(child);
    if (emulator) await emulator.stop();
    if (listener) await new Promise((r) => listener.close(r));
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    assert.ok(!log.includes(PASSWORD), 'the Node-RED log holds the camera password');
  });

  it('without a token: 401, and nothing reaches the camera', async () => {
    const res = await openLive(port, 'cam');
    assert.equal(res.status, 401);
    assert.equal(videoStreams(emulator).opened, 0);
  });

  it("a reader gets the deployed camera's stream, closed at the camera when the reader goes", async () => {
    const live = await waitFor(async () => {
      const r = await openLive(port, 'cam', { token: readerToken, frames: 3 });
      return r.status === 200 ? r : undefined;
    }, 30000);
    assert.equal(live.frames >= 3, true);
    assert.equal(videoStreams(emulator).open, 1);
    live.close();
    await waitFor(() => videoStreams(emulator).open === 0, 5000);
  });

  it('a reader gets nothing that is not deployed: typed settings need flows.write, an unknown id is 404, and no connection is made', async () => {
    const typed = await openLive(port, 'cam', {
      token: readerToken,
      body: { camera: { host: '127.0.0.1', port: String(listenerPort), username: 'root', password: 'x' } },
    });
    assert.equal(typed.status, 403, typed.text);
    assert.equal(typed.json.permission, 'flows.write');
    const stored = await openLive(port, 'cam', {
      token: readerToken,
      body: { camera: { host: '127.0.0.1', port: String(listenerPort), password: '__PWRD__' } },
    });
    assert.ok([400, 403].includes(stored.status), stored.text);
    const unknown = await openLive(port, 'no-such-camera', { token: readerToken });
    assert.equal(unknown.status, 404, unknown.text);
    assert.equal(reached.length, 0, 'the listener was reached');
  });

  it(`at most ${LIVE_STREAMS_PER_USER} streams per user (429 beyond, in words); one closed frees its place; a bad fps is refused`, async () => {
    const open = [];
    for (let i = 0; i < LIVE_STREAMS_PER_USER; i++) {
      const r = await openLive(port, 'cam', { token: readerToken });
      assert.equal(r.status, 200);
      open.push(r);
    }
    const refused = await openLive(port, 'cam', { token: readerToken });
    assert.equal(refused.status, 429, refused.text);
    assert.match(refused.json.error, /too many live pictures/);
    assert.equal(videoStreams(emulator).open, LIVE_STREAMS_PER_USER, 'the refused one never reached the camera');
    open.pop().close();
    await waitFor(() => videoStreams(emulator).open === LIVE_STREAMS_PER_USER - 1, 5000);
    const again = await waitFor(async () => {
      const r = await openLive(port, 'cam', { token: readerToken });
      return r.status === 200 ? r : undefined;
    }, 5000);
    open.push(again);
    for (const r of open) r.close();
    await waitFor(() => videoStreams(emulator).open === 0, 5000);
    const badFps = await openLive(port, 'cam', { token: readerToken, body: { fps: 100 } });
    assert.equal(badFps.status, 400);
    assert.match(badFps.json.error, /fps/);
  });
});
