'use strict';
// The editor sees the camera, in real Chromium against the emulator with its
// thermal scene (as npm start runs it): the area form shows the snapshot with
// the camera's areas; four clicks draw an area that, deployed and injected,
// the camera then has (listAreas, within a small tolerance); a corner dragged
// with update moves on the camera; a crossing polygon is refused as it is
// drawn; a group's members are picked from the camera's areas; on the PTZ
// profile the chosen preset decides which areas are drawn. Screenshots of each
// form go to test-results/screenshots (docs/images with UPDATE_DOCS_IMAGES=1).
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { start, createScene, addSceneRoutes } = require('../../dist/emulator');
const { ThermometryClient } = require('../../dist/client');
// Node-RED and the camera; Chromium and the editor.
const { IMAGES, requireChromium, freePort, linkedUserDir, request, startNodeRed, stopNodeRed, waitFor, cameraNode } = require('./support');
const { openEditorPage, openNodeForm, closeNodeForm } = require('./support');

const PASSWORD = 'Editor-Pw-3b9d';
const UI_WAIT_MS = 30000;
/** Clicked points land on a pixel of the form's image: a few thousandths off at most. */
const TOLERANCE = 0.02;

const FIXED = {
  inject: 'e1000000000000a1',
  add: 'e1000000000000a2',
  debug: 'e1000000000000a3',
  injectUpdate: 'e1000000000000b1',
  update: 'e1000000000000b2',
  injectGroup: 'e1000000000000c1',
  group: 'e1000000000000c2',
  ptzArea: 'e1000000000000d2',
  offArea: 'e1000000000000e2',
  spot: 'e1000000000000f2',
};

function flowFor(port, ptzPort, closedPort) {
  const z = 'e1000000000000f0';
  const inject = (id, x, y, to) => ({
    id,
    z,
    type: 'inject',
    name: '',
    props: [{ p: 'payload' }],
    payload: '',
    payloadType: 'date',
    repeat: '',
    once: false,
    x,
    y,
    wires: [[to]],
  });
  const area = {
    camera: 'cam',
    imagesource: '',
    enabled: true,
    detectionType: 'above',
    measurement: 'maximum',
    threshold: '80',
    delay: '0',
    areaOverlay: 'always',
    temperatureOverlay: true,
    presetNbr: '',
    areas: '0',
  };
  return [
    { id: z, type: 'tab', label: 'Editor camera' },
    cameraNode(port, PASSWORD),
    inject(FIXED.inject, 120, 80, FIXED.add),
    {
      id: FIXED.add,
      z,
      type: 'thermometry-area',
      name: 'draw',
      operation: 'addArea',
      areaId: '0',
      areaName: 'Drawn',
      vertices: '[[-0.5,-0.5],[0.5,-0.5],[0.5,0.5],[-0.5,0.5]]',
      ...area,
      x: 330,
      y: 80,
      wires: [[FIXED.debug]],
    },
    inject(FIXED.injectUpdate, 120, 160, FIXED.update),
    {
      id: FIXED.update,
      z,
      type: 'thermometry-area',
      name: 'move',
      operation: 'updateArea',
      areaId: '0',
      areaName: 'Drawn',
      vertices: '[[-0.5,-0.5],[0.5,-0.5],[0.5,0.5],[-0.5,0.5]]',
      ...area,
      x: 330,
      y: 160,
      wires: [[FIXED.debug]],
    },
    inject(FIXED.injectGroup, 120, 240, FIXED.group),
    {
      id: FIXED.group,
      z,
      type: 'thermometry-group',
      name: 'pair',
      camera: 'cam',
      operation: 'addGroup',
      groupId: '1',
      enabled: true,
      groupName: 'Pair',
      measurement: 'maximum',
      threshold: '5',
      delay: '0',
      areaIds: '2, 3',
      groupOverlay: true,
      presetNbr: '',
      x: 330,
      y: 240,
      wires: [[FIXED.debug]],
    },
    cameraNode(ptzPort, PASSWORD, { id: 'ptzcam', name: 'PTZ emulator' }),
    {
      id: FIXED.ptzArea,
      z,
      type: 'thermometry-area',
      name: 'ptz',
      operation: 'listAreas',
      areaId: '0',
      areaName: 'P',
      vertices: '[[-0.5,-0.5],[0.5,-0.5],[0.5,0.5],[-0.5,0.5]]',
      ...area,
      camera: 'ptzcam',
      x: 330,
      y: 320,
      wires: [[FIXED.debug]],
    },
    cameraNode(closedPort, PASSWORD, { id: 'offcam', name: 'Switched off', timeout: '5' }),
    {
      id: FIXED.offArea,
      z,
      type: 'thermometry-area',
      name: 'off',
      operation: 'addArea',
      areaId: '0',
      areaName: 'Off',
      vertices: '[[-0.5,-0.5],[0.5,-0.5],[0.5,0.5],[-0.5,0.5]]',
      ...area,
      camera: 'offcam',
      x: 330,
      y: 400,
      wires: [[FIXED.debug]],
    },
    {
      id: FIXED.spot,
      z,
      type: 'thermometry-spot',
      name: 'spot',
      camera: 'cam',
      operation: 'addSpotTemperature',
      spotCoordinates: '[0.5, 0.5]',
      coordinateSystem: 'coord_0_1',
      x: 330,
      y: 480,
      wires: [[FIXED.debug]],
    },
    {
      id: FIXED.debug,
      z,
      type: 'debug',
      name: 'reply',
      active: true,
      tosidebar: true,
      console: false,
      complete: 'true',
      targetType: 'full',
      x: 560,
      y: 160,
      wires: [],
    },
  ];
}

async function cameraState(emulator, method, params) {
  if (method === 'ptzPresets') return withClient(emulator, (c) => c.ptzPresets());
  return withClient(emulator, (c) => c.call(method, params));
}

async function withClient(emulator, use) {
  const c = new ThermometryClient({ host: '127.0.0.1', port: emulator.port, username: 'root', password: PASSWORD });
  try {
    return await use(c);
  } finally {
    c.close();
  }
}

const near = (a, b) => Math.abs(a[0] - b[0]) <= TOLERANCE && Math.abs(a[1] - b[1]) <= TOLERANCE;

describe('the editor sees the camera (Chromium)', function () {
  this.timeout(180000);
  // Node-RED's user directory and process, the emulator, Chromium and its page.
  let dir, child, port, emulator, ptz, browser, page;
  let log = '';

  before(async function () {
    // CI installs chromium (.ci/run): missing there is a failure, locally a skip.
    const executablePath = requireChromium(this);
    const scene = createScene();
    emulator = await start({ port: 0, sensor: scene, users: [{ username: 'root', password: PASSWORD, role: 'administrator' }] });
    addSceneRoutes(emulator, scene);
    const ptzScene = createScene();
    ptz = await start({ port: 0, profile: 'ptz', sensor: ptzScene, users: [{ username: 'root', password: PASSWORD, role: 'administrator' }] });
    addSceneRoutes(ptz, ptzScene);
    dir = linkedUserDir('thermo-editor-camera-', 'editor-camera-test');
    port = await freePort();
    child = await startNodeRed(dir, port, (d) => {
      log += d;
    });
    const deployed = await request(port, 'POST', '/flows', flowFor(emulator.port, ptz.port, await freePort()));
    assert.equal(deployed.status, 204, deployed.body);
    ({ browser, page } = await openEditorPage(executablePath, port, (line) => (log += line), {
      height: 1000,
      ready: `g.red-ui-flow-node-group[id="${FIXED.add}"]`,
      readyOptions: { timeout: 60000 },
    }));
  });

  afterEach(async function () {
    if (this.currentTest.state === 'failed') {
      console.log(log.slice(-3000));
      if (page) await page.screenshot({ path: path.join(require('os').tmpdir(), 'thermo-editor-camera-failed.png') }).catch(() => {});
    }
  });

  after(async function () {
    if (browser) await browser.close();
    await stopNodeRed(child);
    if (emulator) await emulator.stop();
    if (ptz) await ptz.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    assert.ok(!/\[page error\]/.test(log), `the editor threw: ${log.slice(log.indexOf('[page error]'), log.indexOf('[page error]') + 300)}`);
  });

  /** Close the form with Done or Cancel and wait until it is gone. */
  const closeEditor = (button) => closeNodeForm(page, button, { timeout: UI_WAIT_MS });

  async function openEditor(nodeId) {
    await openNodeForm(page, nodeId, { shown: '.thermometry-view', timeout: UI_WAIT_MS });
    // The camera answered and its snapshot is in the form.
    await page.waitForSelector('.thermometry-view-line:has-text("API")', { timeout: UI_WAIT_MS });
    await page.waitForFunction(
      () => {
        const i = document.querySelector('.thermometry-view-image img');
        return i && i.complete && i.naturalWidth > 0 && i.style.display !== 'none';
      },
      null,
      { timeout: UI_WAIT_MS },
    );
  }

  async function screenshotTray(name) {
    fs.mkdirSync(IMAGES, { recursive: true });
    await page.mouse.move(1, 1);
    // The form from its top (typing in a field lower down scrolls it).
    await page.evaluate(() =>
      document.querySelectorAll('.red-ui-tray *').forEach((el) => {
        if (el.scrollTop) el.scrollTop = 0;
      }),
    );
    // Hidden, not removed: Node-RED removes a notification itself when it fades.
    await page.evaluate(() =>
      document.querySelectorAll('.red-ui-notification, .red-ui-popover').forEach((n) => {
        n.style.visibility = 'hidden';
      }),
    );
    await page
      .locator('.red-ui-tray')
      .last()
      .screenshot({ path: path.join(IMAGES, `${name}.png`) });
    await page.evaluate(() =>
      document.querySelectorAll('.red-ui-notification, .red-ui-popover').forEach((n) => {
        n.style.visibility = '';
      }),
    );
  }

  /** Screen position of an API point on the form's image. */
  async function screenPoint(p) {
    // The tray slides in and the image sets its aspect when it loads: measure once the box stands still.
    const image = page.locator('.thermometry-view-image svg');
    // A field filled further down scrolls the form: bring the picture back into view, as a person would.
    await image.scrollIntoViewIfNeeded();
    let box = await image.boundingBox();
    for (const deadline = Date.now() + UI_WAIT_MS; Date.now() < deadline;) {
      await page.waitForTimeout(100);
      const now = await image.boundingBox();
      if (box && now && ['x', 'y', 'width', 'height'].every((k) => box[k] === now[k])) break;
      box = now;
    }
    return { x: box.x + ((p[0] + 1) / 2) * box.width, y: box.y + ((1 - p[1]) / 2) * box.height };
  }

  async function clickAt(p) {
    const s = await screenPoint(p);
    await page.mouse.click(s.x, s.y);
  }

  async function vertices() {
    const text = await page.inputValue('#node-input-vertices');
    return text ? JSON.parse(text) : [];
  }

  async function deployAndInject(injectId, done) {
    await page.click('#red-ui-header-button-deploy');
    // Node-RED asks first when a node of the flow is not valid (none should be).
    await page.waitForSelector('.red-ui-notification >> text=Successfully deployed', { timeout: UI_WAIT_MS }).catch(async (err) => {
      const confirm = await page
        .locator('#node-dialog-confirm-deploy')
        .innerText()
        .catch(() => '');
      throw confirm ? new Error(`deploy asks for confirmation: ${confirm}`) : err;
    });
    let ok = false;
    // The button is live once the editor has taken in the deploy: press until the camera shows the change.
    for (let attempt = 0; attempt < 5 && !ok; attempt++) {
      const button = await page.locator(`g.red-ui-flow-node-group[id="${injectId}"] .red-ui-flow-node-button`).boundingBox();
      await page.mouse.click(button.x + button.width / 2, button.y + button.height / 2);
      await waitFor(async () => (ok = await done()), 10000);
    }
    return ok;
  }

  it('shows the snapshot; four clicks draw an area that the camera has once deployed and injected', async function () {
    await openEditor(FIXED.add);
    await page.click('.thermometry-polygon-clear');
    assert.deepEqual(await vertices(), []);
    const corners = [
      [-0.6, -0.4],
      [0.4, -0.5],
      [0.5, 0.5],
      [-0.5, 0.3],
    ];
    for (const c of corners) await clickAt(c);
    const drawn = await vertices();
    assert.equal(drawn.length, 4, `the field follows the drawing: ${JSON.stringify(drawn)}`);
    drawn.forEach((p, i) => assert.ok(near(p, corners[i]), `corner ${i}: ${p} for ${corners[i]}`));
    assert.equal(await page.locator('.thermometry-corner').count(), 4);
    await page.waitForSelector('#node-input-vertices:not(.input-error)');
    await screenshotTray('thermometry-area-draw');
    await closeEditor('#node-dialog-ok');
    const ok = await deployAndInject(FIXED.inject, async () => (await cameraState(emulator, 'listAreas', {})).areaList.some((a) => a.name === 'Drawn'));
    assert.ok(ok, 'the camera got the area');
    const area = (await cameraState(emulator, 'listAreas', {})).areaList.find((a) => a.name === 'Drawn');
    assert.equal(area.vertices.length, 4);
    area.vertices.forEach((p, i) => assert.ok(near(p, corners[i]), `camera corner ${i}: ${p} for ${corners[i]}`));
  });

  it('refuses a crossing polygon as it is drawn, and says why', async function () {
    await openEditor(FIXED.add);
    await page.click('.thermometry-polygon-clear');
    const bowTie = [
      [-0.5, -0.5],
      [0.5, 0.5],
      [0.5, -0.5],
      [-0.5, 0.5],
    ];
    for (const c of bowTie) await clickAt(c);
    assert.equal((await vertices()).length, 3, 'the crossing corner was not added');
    assert.match(await page.innerText('.thermometry-view-message'), /Refused: .*cross/);
    await screenshotTray('thermometry-area-refused');
    // Typing moves the drawing: the text and the drawing stay in step.
    await page.fill('#node-input-vertices', '[[-0.2,-0.2],[0.2,-0.2],[0,0.3]]');
    await page.waitForFunction(() => document.querySelectorAll('.thermometry-corner').length === 3);
    // A double-click on an edge adds a corner there; a right-click on a corner removes it.
    const mid = await screenPoint([0, -0.2]);
    await page.mouse.dblclick(mid.x, mid.y);
    await page.waitForFunction(() => document.querySelectorAll('.thermometry-corner').length === 4);
    const inserted = await vertices();
    assert.equal(inserted.length, 4);
    assert.ok(near(inserted[1], [0, -0.2]), `the new corner sits on the edge, second: ${JSON.stringify(inserted)}`);
    const corner = await screenPoint([0.2, -0.2]);
    await page.mouse.click(corner.x, corner.y, { button: 'right' });
    await page.waitForFunction(() => document.querySelectorAll('.thermometry-corner').length === 3);
    assert.ok(!(await vertices()).some((p) => near(p, [0.2, -0.2])), 'the right-clicked corner is gone');
    await closeEditor('#node-dialog-cancel');
  });

  it("update: picks the area from the camera's list, and a dragged corner moves on the camera", async function () {
    const before = (await cameraState(emulator, 'listAreas', {})).areaList.find((a) => a.name === 'Drawn');
    await openEditor(FIXED.update);
    await page.waitForFunction(
      (id) => [...document.querySelectorAll('.thermometry-pick-row select:not([multiple]) option')].some((o) => o.value === String(id)),
      before.id,
      { timeout: UI_WAIT_MS },
    );
    await page.selectOption('.thermometry-pick-row select:not([multiple])', String(before.id));
    assert.equal(await page.inputValue('#node-input-areaId'), String(before.id));
    const filled = await vertices();
    filled.forEach((p, i) => assert.ok(near(p, before.vertices[i]), "the form holds the camera's polygon"));
    // Drag corner 2 to a new place.
    const from = await screenPoint(before.vertices[2]);
    const target = [0.7, 0.6];
    const to = await screenPoint(target);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 8 });
    await page.mouse.up();
    const moved = await vertices();
    assert.ok(near(moved[2], target), `dragged corner in the field: ${moved[2]}`);
    assert.ok(near(moved[0], before.vertices[0]), 'the other corners stay');
    await screenshotTray('thermometry-area-update');
    await closeEditor('#node-dialog-ok');
    const ok = await deployAndInject(FIXED.injectUpdate, async () => {
      const a = (await cameraState(emulator, 'listAreas', {})).areaList.find((x) => x.id === before.id);
      return a && near(a.vertices[2], target);
    });
    assert.ok(ok, 'the camera has the moved corner');
  });

  it('area name: one another area on the camera has is said as it is typed, on every API version', async function () {
    const drawn = (await cameraState(emulator, 'listAreas', {})).areaList.find((a) => a.name === 'Drawn');
    await openEditor(FIXED.add);
    await page.fill('#node-input-areaName', '');
    await page.type('#node-input-areaName', 'Drawn', { delay: 10 });
    await page.waitForSelector('.thermometry-name-warning', { state: 'visible', timeout: UI_WAIT_MS });
    assert.match(await page.innerText('.thermometry-name-warning'), new RegExp(`area of this name already \\(id ${drawn.id}\\)`));
    await page.type('#node-input-areaName', ' again', { delay: 10 });
    await page.waitForSelector('.thermometry-name-warning', { state: 'hidden', timeout: UI_WAIT_MS });
    await closeEditor('#node-dialog-cancel');
  });

  it("group: picks the member areas from the camera's areas", async function () {
    const second = await cameraState(emulator, 'addArea', {
      enabled: true,
      name: 'Second',
      detectionType: 'above',
      measurement: 'maximum',
      threshold: 80,
      delay: 0,
      vertices: [
        [-0.9, 0.6],
        [-0.6, 0.6],
        [-0.6, 0.9],
      ],
    });
    const first = (await cameraState(emulator, 'listAreas', {})).areaList.find((a) => a.name === 'Drawn');
    await openEditor(FIXED.group);
    const members = '.thermometry-pick-row select[multiple]';
    await page.waitForFunction((sel) => document.querySelectorAll(`${sel} option`).length >= 2, members, { timeout: UI_WAIT_MS });
    await page.selectOption(members, [String(first.id), String(second.id)]);
    assert.equal(await page.inputValue('#node-input-areaIds'), `${first.id}, ${second.id}`);
    await screenshotTray('thermometry-group-members');
    await closeEditor('#node-dialog-ok');
    const ok = await deployAndInject(FIXED.injectGroup, async () => {
      const groups = (await cameraState(emulator, 'listGroups', {})).groupList;
      return groups.some((g) => g.name === 'Pair' && g.areaIds.join() === [first.id, second.id].join());
    });
    assert.ok(ok, 'the camera has the group of the picked areas');
  });

  it("remove: picks several areas from the camera's list, and they light up on the image", async function () {
    const ids = (await cameraState(emulator, 'listAreas', {})).areaList.map((a) => a.id).slice(0, 2);
    assert.equal(ids.length, 2, 'two areas on the camera by now');
    await openEditor(FIXED.update);
    await page.selectOption('#node-input-operation', 'removeAreas');
    const many = '.thermometry-pick-row select[multiple]';
    await page.waitForFunction((sel) => document.querySelectorAll(`${sel} option`).length >= 2, many, { timeout: UI_WAIT_MS });
    await page.selectOption(many, ids.map(String));
    assert.equal(await page.inputValue('#node-input-areas'), ids.join(', '));
    const lit = await page.$$eval('.thermometry-view svg .thermometry-area-lit', (els) => els.map((e) => Number(e.getAttribute('data-id'))).sort());
    assert.deepEqual(lit, [...ids].sort(), 'the picked areas are highlighted');
    await closeEditor('#node-dialog-cancel');
  });

  it("PTZ profile: picks the preset from the camera's presets, and the image shows that preset's areas", async function () {
    const presets = await cameraState(ptz, 'ptzPresets');
    assert.ok(presets.length >= 2, 'the PTZ emulator lists its presets');
    const square = (x) => [
      [x - 0.2, -0.2],
      [x + 0.2, -0.2],
      [x + 0.2, 0.2],
      [x - 0.2, 0.2],
    ];
    const byPreset = {};
    for (const [i, p] of presets.slice(0, 2).entries()) {
      const added = await cameraState(ptz, 'addArea', {
        enabled: true,
        name: `On ${p.name}`,
        detectionType: 'above',
        measurement: 'maximum',
        threshold: 80,
        delay: 0,
        vertices: square(i ? 0.4 : -0.4),
        presetNbr: p.nbr,
      });
      byPreset[p.nbr] = added.id;
    }
    await openEditor(FIXED.ptzArea);
    await page.waitForSelector('.thermometry-preset-row', { state: 'visible', timeout: UI_WAIT_MS });
    const drawn = () => page.$$eval('.thermometry-view svg .thermometry-area', (els) => els.map((e) => Number(e.getAttribute('data-id'))).sort());
    for (const p of presets.slice(0, 2)) {
      await page.selectOption('.thermometry-preset-row select', String(p.nbr));
      assert.equal(await page.inputValue('#node-input-presetNbr'), String(p.nbr), 'the pick writes the preset field');
      await page.waitForFunction(
        (id) => [...document.querySelectorAll('.thermometry-view svg .thermometry-area')].map((e) => e.getAttribute('data-id')).join() === String(id),
        byPreset[p.nbr],
        { timeout: UI_WAIT_MS },
      );
      assert.deepEqual(await drawn(), [byPreset[p.nbr]], `preset ${p.nbr} shows its own area only`);
    }
    // API 1.3 on this bispectral PTZ camera: the image sources picked by the names the camera gives its channels.
    const sources = '.thermometry-channel-row select[data-list="imagesources"]';
    await page.selectOption('#node-input-operation', 'addArea');
    await page.waitForSelector(sources, { state: 'visible', timeout: UI_WAIT_MS });
    assert.deepEqual(await page.$$eval(`${sources} option`, (os) => os.map((o) => o.textContent)), ['— pick a channel —', 'thermal (0)', 'visual (1)']);
    await page.selectOption(sources, '1');
    assert.equal(await page.inputValue('#node-input-imagesource'), '1', 'the pick writes the image source field');
    await screenshotTray('thermometry-area-ptz');
    await closeEditor('#node-dialog-cancel');
  });

  it('no camera reachable: one line with Retry, the drawing and the typed fields keep working, nothing throws', async function () {
    await page.dblclick(`g.red-ui-flow-node-group[id="${FIXED.offArea}"] rect.red-ui-flow-node`, { force: true });
    // Line and button read together, once failed: the form may read the camera twice as it opens
    // (Node-RED fills the camera select, a change), and a read under way says "Reading the camera…" / "Refresh".
    const { line, button } = await (
      await page.waitForFunction(
        () => {
          const el = document.querySelector('.thermometry-view-line.thermometry-view-failed');
          const retry = el && el.querySelector('.thermometry-view-retry');
          return el && retry && /cannot read the camera/i.test(el.innerText) ? { line: el.innerText, button: retry.innerText } : false;
        },
        null,
        { timeout: UI_WAIT_MS },
      )
    ).jsonValue();
    assert.match(line, /Cannot read the camera: cannot reach .*\(connection refused\)/);
    assert.equal(line.trim().split('\n').length, 2, `one line and the button: ${line}`);
    assert.match(button, /Retry/);
    await page.click('.thermometry-view-retry');
    await page.waitForSelector('.thermometry-view-line.thermometry-view-failed', { timeout: UI_WAIT_MS });
    // Typed fields as ever: a bad polygon is refused in the field, a good one accepted, and the drawing follows.
    await page.fill('#node-input-vertices', '[[0,0],[1,1]]');
    await page.press('#node-input-vertices', 'End');
    await page.waitForSelector('#node-input-vertices.input-error', { timeout: UI_WAIT_MS });
    await page.fill('#node-input-vertices', '[[-0.3,-0.3],[0.3,-0.3],[0,0.4]]');
    await page.press('#node-input-vertices', 'End');
    await page.waitForSelector('#node-input-vertices:not(.input-error)', { timeout: UI_WAIT_MS });
    await page.waitForFunction(() => document.querySelectorAll('.thermometry-corner').length === 3, null, { timeout: UI_WAIT_MS });
    // Drawing on the blank image works too.
    await clickAt([-0.5, 0.2]);
    assert.equal((await vertices()).length, 4);
    await screenshotTray('thermometry-area-unreachable');
    await closeEditor('#node-dialog-cancel');
  });

  it('choosing a camera that cannot be read clears the picture, the areas drawn and the pick lists of the camera before', async function () {
    await openEditor(FIXED.update);
    const shown = () =>
      page.evaluate(() => {
        const img = document.querySelector('.thermometry-view-image img');
        const picks = [...document.querySelectorAll('.thermometry-pick-row select')].map((s) => [...s.options].filter((o) => o.value !== '').length);
        return {
          picture: !!(img && img.style.display !== 'none' && img.getAttribute('src')),
          areas: document.querySelectorAll('.thermometry-view svg .thermometry-area').length,
          picks: Math.max(0, ...picks),
        };
      });
    await page.waitForFunction(() => [...document.querySelectorAll('.thermometry-pick-row select option')].some((o) => o.value !== ''), null, {
      timeout: UI_WAIT_MS,
    });
    const before = await shown();
    assert.ok(before.picture && before.picks > 0, `the reachable camera's picture and areas first: ${JSON.stringify(before)}`);
    await page.selectOption('#node-input-camera', 'offcam');
    await page.waitForSelector('.thermometry-view-line.thermometry-view-failed', { timeout: UI_WAIT_MS });
    const after = await shown();
    assert.deepEqual(after, { picture: false, areas: 0, picks: 0 }, 'nothing of the camera before is left to draw on or pick from');
    await screenshotTray('thermometry-area-other-camera-unreachable');
    await closeEditor('#node-dialog-cancel');
  });

  it("spot: a click on the image places the spot, in the form's coordinate system", async function () {
    await openEditor(FIXED.spot);
    await clickAt([0.5, 0.5]); // API coordinates: right of centre, up
    const placed = JSON.parse(await page.inputValue('#node-input-spotCoordinates'));
    assert.ok(near(placed, [0.75, 0.25]), `coord_0_1 (origin upper left): ${placed}`);
    await page.waitForSelector('.thermometry-spot-mark');
    await screenshotTray('thermometry-spot-place');
    await closeEditor('#node-dialog-cancel');
  });
});
