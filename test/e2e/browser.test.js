'use strict';
// One run through the editor in real Chromium: import an inject -> area ->
// debug flow through the import dialog, configure the area node and a new
// camera config node through their forms, deploy, press the inject button and
// read the reply in the debug sidebar. Also saves a screenshot of each node's
// form under docs/images/ for the README.
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { start } = require('../../dist/emulator');
const {
  CONFIG_NODES,
  IMAGES,
  pkg,
  requireChromium,
  freePort,
  linkedUserDir,
  startNodeRed,
  stopNodeRed,
  openEditorPage,
  importFlow: importInto,
  openNodeForm,
  closeNodeForm,
  wire: wireIn,
  pressInjectUntil,
} = require('./support');

const PASSWORD = 'browser-Pw-4d2e';

// Waits in Chromium with room for a loaded 2-core CI machine (each test has 180 s).
const UI_WAIT_MS = 30000;

describe('the editor in Chromium', function () {
  this.timeout(180000);
  let dir;
  let emulator;
  let child;
  let browser;
  let page;
  let port;
  let log = '';

  before(async function () {
    // CI installs chromium (.ci/run): missing there is a failure, locally a skip.
    const executablePath = requireChromium(this);
    // This checkout, as if installed.
    dir = linkedUserDir('thermo-browser-', 'browser-test');
    emulator = await start({ port: 0, users: [{ username: 'root', password: PASSWORD, role: 'administrator' }] });
    port = await freePort();
    child = await startNodeRed(dir, port, (d) => {
      log += d;
    });
    ({ browser, page } = await openEditorPage(executablePath, port, (line) => {
      log += line;
    }));
    await page.waitForSelector('.red-ui-palette-node[data-palette-type="thermometry-area"]', { state: 'attached', timeout: 60000 });
  });

  afterEach(async function () {
    if (this.currentTest.state === 'failed') {
      console.log(log.slice(-3000));
      if (page) await page.screenshot({ path: path.join(os.tmpdir(), `thermo-browser-failed.png`) }).catch(() => {});
    }
  });

  after(async function () {
    if (browser) await browser.close();
    await stopNodeRed(child);
    if (emulator) await emulator.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const importFlow = (nodes, at) => importInto(page, nodes, at);
  const openEditor = (nodeId) => openNodeForm(page, nodeId);

  async function screenshotTray(name) {
    fs.mkdirSync(IMAGES, { recursive: true });
    await page.waitForTimeout(300); // the tray slides in
    // No pointer tooltip or passing notification in the picture.
    await page.mouse.move(1, 1);
    await page.evaluate(() => document.querySelectorAll('.red-ui-notification, .red-ui-popover').forEach((n) => n.remove()));
    const trays = page.locator('.red-ui-tray');
    await trays.last().screenshot({ path: path.join(IMAGES, `${name}.png`) });
  }

  it('loads the palette with every node of the package in one category', async function () {
    for (const type of Object.keys(pkg['node-red'].nodes).filter((t) => !CONFIG_NODES.includes(t))) {
      await page.waitForSelector(`.red-ui-palette-node[data-palette-type="${type}"]`, { state: 'attached', timeout: 30000 });
    }
    const categories = await page.$$eval('.red-ui-palette-node[data-palette-type^="thermometry-"]', (els) => [
      ...new Set(els.map((e) => e.closest('.red-ui-palette-category').id)),
    ]);
    assert.equal(categories.length, 1, `one category: ${categories}`);
    await page.screenshot({ path: path.join(os.tmpdir(), 'thermo-editor.png') });
  });

  it('adds a camera and an area node through their forms, deploys, and shows the reply in the debug sidebar', async function () {
    await importFlow(
      [
        {
          id: 'b1000000000000a1',
          type: 'inject',
          name: 'go',
          props: [{ p: 'payload' }],
          payload: '',
          payloadType: 'date',
          repeat: '',
          once: false,
          x: 120,
          y: 80,
          wires: [[]],
        },
        {
          id: 'b1000000000000a3',
          type: 'debug',
          name: 'reply',
          active: true,
          tosidebar: true,
          console: false,
          complete: 'payload',
          targetType: 'msg',
          x: 620,
          y: 80,
          wires: [],
        },
      ],
      { x: 370, y: 100 },
    );
    // The area node from the palette (so that it has the editor's defaults), then wired by dragging ports.
    await page.fill('#red-ui-palette-search input', 'thermometry-area');
    const ws = await page.locator('#red-ui-workspace-chart').boundingBox();
    await page.dragAndDrop('.red-ui-palette-node[data-palette-type="thermometry-area"]', '#red-ui-workspace-chart', { targetPosition: { x: 370, y: 240 } });
    const areaId = await page.evaluate(() => RED.nodes.filterNodes({ type: 'thermometry-area' })[0].id);
    const wire = (fromId, toId) => wireIn(page, fromId, toId);
    await wire('b1000000000000a1', areaId);
    await wire(areaId, 'b1000000000000a3');
    const links = await page.evaluate(() => RED.nodes.filterLinks({}).map((l) => [l.source.type, l.target.type]));
    assert.deepEqual(
      links.sort(),
      [
        ['inject', 'thermometry-area'],
        ['thermometry-area', 'debug'],
      ].sort(),
      'wired through the UI',
    );
    void ws;
    await openEditor(areaId);
    // The form shows the fields of the chosen operation only.
    await page.selectOption('#node-input-operation', 'addArea');
    assert.ok(await page.isVisible('#node-input-vertices'));
    assert.ok(!(await page.isVisible('#node-input-areas')), 'removeAreas field hidden for addArea');
    // Ranges are checked in the form: two points are no polygon.
    await page.fill('#node-input-vertices', '[[0,0],[1,1]]');
    await page.press('#node-input-vertices', 'End');
    await page.waitForSelector('#node-input-vertices.input-error', { timeout: UI_WAIT_MS });
    await page.fill('#node-input-vertices', '[[-0.5,-0.5],[0.5,-0.5],[0.5,0.5],[-0.5,0.5]]');
    await page.press('#node-input-vertices', 'End');
    await page.waitForSelector('#node-input-vertices:not(.input-error)', { timeout: UI_WAIT_MS });
    await page.fill('#node-input-areaName', 'Browser area');
    await page.fill('#node-input-threshold', '75');
    assert.equal(await page.inputValue('#node-input-delay'), '5', 'default delay');
    assert.equal(await page.inputValue('#node-input-measurement'), 'maximum');
    assert.equal(await page.inputValue('#node-input-areaOverlay'), 'always');
    // A new camera config node, through its own form.
    await page.click('#node-input-btn-camera-add');
    await page.waitForSelector('#node-config-input-host', { state: 'visible' });
    await page.fill('#node-config-input-name', 'Emulator');
    await page.fill('#node-config-input-host', '127.0.0.1');
    // Out of range: the form says so (a validator Node-RED takes as one giving reasons).
    await page.fill('#node-config-input-port', '70000');
    await page.press('#node-config-input-port', 'End');
    await page.waitForSelector('#node-config-input-port.input-error', { timeout: UI_WAIT_MS });
    await page.fill('#node-config-input-port', String(emulator.port));
    await page.press('#node-config-input-port', 'End');
    await page.waitForSelector('#node-config-input-port:not(.input-error)', { timeout: UI_WAIT_MS });
    await page.fill('#node-config-input-username', 'root');
    await page.fill('#node-config-input-password', PASSWORD);
    assert.equal(await page.inputValue('#node-config-input-httpClient'), 'built-in', 'a new camera uses the built-in HTTP client');
    // https with a CA of its own: the CA field takes PEM text only.
    await page.selectOption('#node-config-input-protocol', 'https');
    await page.selectOption('#node-config-input-tls', 'ca');
    await page.fill('#node-config-input-caPem', 'not a certificate');
    await page.press('#node-config-input-caPem', 'End');
    await page.waitForSelector('#node-config-input-caPem.input-error', { timeout: UI_WAIT_MS });
    await page.fill('#node-config-input-caPem', '');
    await page.selectOption('#node-config-input-protocol', 'http');
    // The picture shows the emulator's usual port, not this run's free one.
    await page.fill('#node-config-input-port', '8080');
    await screenshotTray('thermometry-camera');
    await page.fill('#node-config-input-port', String(emulator.port));
    await page.click('#node-config-dialog-ok');
    await page.waitForSelector('#node-config-input-host', { state: 'detached' });
    await screenshotTray('thermometry-area');
    await page.click('#node-dialog-ok');
    await page.click('#red-ui-header-button-deploy');
    await page.waitForSelector('.red-ui-notification >> text=Successfully deployed', { timeout: UI_WAIT_MS });
    // Press the inject node's button and read the debug sidebar. The button is live only once the
    // editor has taken in the deploy, so press again if no reply shows up.
    await page.click('#red-ui-tab-debug-link-button').catch(() => {});
    const msg = page.locator('.red-ui-debug-msg').filter({ hasText: 'id' }).first();
    await pressInjectUntil(page, 'b1000000000000a1', msg);
    const text = await msg.innerText();
    assert.match(text, /id/);
    assert.match(text, /\b0\b/, `reply: ${text}`);
    const state = await new Promise((resolve, reject) => {
      const { ThermometryClient } = require('../../dist/client');
      const c = new ThermometryClient({ host: '127.0.0.1', port: emulator.port, username: 'root', password: PASSWORD });
      c.listAreas().then(
        (r) => {
          c.close();
          resolve(r);
        },
        (e) => {
          c.close();
          reject(e);
        },
      );
    });
    assert.ok(state.areaList.length >= 1, 'an area was added');
    for (const a of state.areaList) assert.deepEqual([a.name, a.threshold, a.delay, a.measurement], ['Browser area', 75, 5, 'maximum']);
    assert.ok(!fs.readFileSync(path.join(dir, 'flows.json'), 'utf8').includes(PASSWORD), 'password not in the flow file');

    // Now that the camera is deployed, the form checks ranges against its capabilities.
    await openEditor(areaId);
    await page.waitForFunction(() => /^0 to \d+$/.test(document.querySelector('#node-input-delay').placeholder), null, { timeout: UI_WAIT_MS });
    await page.fill('#node-input-delay', '100000');
    await page.press('#node-input-delay', 'End');
    await page.waitForSelector('#node-input-delay.input-error', { timeout: UI_WAIT_MS });
    await closeNodeForm(page);
  });

  it("shows the area node's help in the sidebar, in Node-RED's sections", async function () {
    const areaId = await page.evaluate(() => RED.nodes.filterNodes({ type: 'thermometry-area' })[0].id);
    await page.click(`g.red-ui-flow-node-group[id="${areaId}"] rect.red-ui-flow-node`, { force: true });
    await page.click('#red-ui-tab-help-link-button');
    const help = page.locator('.red-ui-help');
    await help.locator('h3', { hasText: 'References' }).first().waitFor({ timeout: UI_WAIT_MS });
    const headings = await help.locator('h3').allInnerTexts();
    for (const h of ['Inputs', 'Outputs', 'Details', 'References']) assert.ok(headings.includes(h), `${h} in ${headings}`);
    // Parameter lists come from the method table.
    assert.ok((await help.locator('dl.message-properties dt', { hasText: 'detectionType' }).count()) > 0);
    fs.mkdirSync(IMAGES, { recursive: true });
    await page.locator('#red-ui-sidebar').screenshot({ path: path.join(IMAGES, 'thermometry-area-help.png') });
  });

  it("shows each palette node's form with its defaults (screenshots for the README)", async function () {
    const forms = {
      'thermometry-group': async () => page.selectOption('#node-input-operation', 'addGroup'),
      'thermometry-spot': async () => page.selectOption('#node-input-operation', 'addSpotTemperature'),
      'thermometry-status': async () => {
        await page.fill('#node-input-interval', '1e9');
        await page.press('#node-input-interval', 'End');
        await page.waitForSelector('#node-input-interval.input-error', { timeout: UI_WAIT_MS });
        await page.fill('#node-input-interval', '5');
        await page.press('#node-input-interval', 'End');
        await page.waitForSelector('#node-input-interval:not(.input-error)', { timeout: UI_WAIT_MS });
        await page.check('#node-input-onlyChanges');
      },
      'thermometry-settings': async () => page.selectOption('#node-input-operation', 'setIsothermLevels'),
      // The event node (the events part's) has no operation; its form is pictured as it comes.
      'thermometry-event': async () => {},
      // A resolution of the wrong form is marked; the overlay tick box is pictured on.
      'thermometry-snapshot': async () => {
        await page.fill('#node-input-resolution', '640*480');
        await page.press('#node-input-resolution', 'End');
        await page.waitForSelector('#node-input-resolution.input-error', { timeout: UI_WAIT_MS });
        await page.fill('#node-input-resolution', '640x480');
        await page.press('#node-input-resolution', 'End');
        await page.waitForSelector('#node-input-resolution:not(.input-error)', { timeout: UI_WAIT_MS });
        await page.fill('#node-input-compression', '20');
        await page.check('#node-input-overlay');
      },
      // Read has no options; apply shows its two tick boxes (pictured with dry run on).
      'thermometry-setup': async () => {
        assert.equal(await page.inputValue('#node-input-operation'), 'read');
        assert.equal(await page.isVisible('#node-input-dryRun'), false, 'no apply options for read');
        await page.selectOption('#node-input-operation', 'apply');
        await page.waitForSelector('#node-input-dryRun', { state: 'visible', timeout: UI_WAIT_MS });
        assert.equal(await page.isVisible('#node-input-removeMissing'), true);
        await page.check('#node-input-dryRun');
      },
    };
    let y = 380;
    for (const [type, fill] of Object.entries(forms)) {
      await page.fill('#red-ui-palette-search input', type);
      await page.dragAndDrop(`.red-ui-palette-node[data-palette-type="${type}"]`, '#red-ui-workspace-chart', { targetPosition: { x: 300, y } });
      const id = await page.evaluate((t) => RED.nodes.filterNodes({ type: t })[0].id, type);
      await openEditor(id);
      await fill();
      if (await page.locator('#node-input-operation').count()) {
        // Only the chosen operation's fields are shown.
        const op = await page.inputValue('#node-input-operation');
        const shown = await page.$$eval('.thermometry-row', (rows) => rows.filter((r) => r.offsetParent !== null).map((r) => r.getAttribute('data-methods')));
        assert.ok(
          shown.every((m) => m.split(' ').includes(op)),
          `${type}: rows of ${op} only`,
        );
      }
      await screenshotTray(type);
      await closeNodeForm(page);
      y += 60;
    }
  });

  it('a camera saved before the HTTP client setting shows "built-in"; "axios" chosen in its form is deployed', async function () {
    // As a flow from an older version has it: no httpClient.
    const cameraId = 'b1000000000000c1';
    await importFlow([
      {
        id: cameraId,
        type: 'thermometry-camera',
        name: 'Older camera',
        host: '127.0.0.1',
        port: String(emulator.port),
        protocol: 'http',
        tls: 'verify',
        apiVersion: 'auto',
        timeout: '10',
      },
    ]);
    await page.evaluate((id) => RED.editor.editConfig('', 'thermometry-camera', id), cameraId);
    await page.waitForSelector('#node-config-input-httpClient', { state: 'visible', timeout: UI_WAIT_MS });
    assert.equal(await page.inputValue('#node-config-input-httpClient'), 'built-in');
    await page.selectOption('#node-config-input-httpClient', 'axios');
    await page.click('#node-config-dialog-ok');
    await page.waitForSelector('#node-config-input-host', { state: 'detached', timeout: UI_WAIT_MS });
    await page.click('#red-ui-header-button-deploy');
    await page.waitForSelector('.red-ui-notification >> text=Successfully deployed', { timeout: UI_WAIT_MS });
    const deployed = JSON.parse(fs.readFileSync(path.join(dir, 'flows.json'), 'utf8')).find((n) => n.id === cameraId);
    assert.equal(deployed.httpClient, 'axios');
  });
});
