'use strict';
// The Node-RED 5.0 editor (on Node 22, see runtime.js) in real Chromium, with
// the packed package installed: the palette shows our nodes, an area node is
// dragged from the palette and a new camera config node is made through the
// camera form, both deployed, and the inject button's reply shows in the debug
// sidebar. A screenshot of the editor is left in the temp dir to look at.
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { start } = require('../../dist/emulator');
const { ThermometryClient } = require('../../dist/client');
const {
  pkg,
  requireChromium,
  freePort,
  request,
  packInto,
  installPacked,
  startNodeRed,
  stopNodeRed,
  openEditorPage,
  importFlow,
  openNodeForm,
  wire,
  pressInjectUntil,
} = require('../e2e/support');
const { requireNodeRed5, NODE_RED_RANGE } = require('./runtime');

const PASSWORD = 'nr5-browser-Pw-91c3';
const UI_WAIT_MS = 30000;

describe(`Node-RED ${NODE_RED_RANGE} on Node 22: the editor in Chromium`, function () {
  this.timeout(300000);
  let dir;
  let userDir;
  let emulator;
  let child;
  let browser;
  let page;
  let port;
  let log = '';

  before(async function () {
    const executablePath = requireChromium(this);
    const runtime = await requireNodeRed5(this);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thermo-nr5-browser-'));
    userDir = path.join(dir, 'user');
    installPacked(packInto(dir), userDir, { node: runtime.node });
    fs.writeFileSync(
      path.join(userDir, 'settings.js'),
      `module.exports = { uiHost: '127.0.0.1', flowFile: 'flows.json',
      credentialSecret: 'nr5-browser-test', editorTheme: { tours: false }, diagnostics: { enabled: false }, telemetry: { enabled: false } };\n`,
    );
    emulator = await start({ port: 0, users: [{ username: 'root', password: PASSWORD, role: 'administrator' }] });
    port = await freePort();
    child = await startNodeRed(
      userDir,
      port,
      (d) => {
        log += d;
      },
      { node: runtime.node, redJs: runtime.redJs },
    );
    ({ browser, page } = await openEditorPage(executablePath, port, (line) => {
      log += line;
    }));
  });

  afterEach(async function () {
    if (this.currentTest.state === 'failed') {
      console.log(log.slice(-3000));
      if (page) await page.screenshot({ path: path.join(os.tmpdir(), 'thermo-nr5-browser-failed.png') }).catch(() => {});
    }
  });

  after(async function () {
    if (browser) await browser.close();
    await stopNodeRed(child);
    if (emulator) await emulator.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows every node of the package in the 5.0 palette', async function () {
    const { version } = JSON.parse((await request(port, 'GET', '/settings')).body);
    assert.match(version, /^5\.0\./);
    for (const type of Object.keys(pkg['node-red'].nodes).filter((t) => t !== 'thermometry-camera')) {
      await page.waitForSelector(`.red-ui-palette-node[data-palette-type="${type}"]`, { state: 'attached', timeout: 60000 });
    }
  });

  it('deploys an area node and a new camera made through their forms, and shows the reply in the debug sidebar', async function () {
    await importFlow(
      page,
      [
        {
          id: 'f5b0000000000001',
          type: 'inject',
          name: 'go',
          props: [{ p: 'payload' }],
          payload: '',
          payloadType: 'date',
          repeat: '',
          once: false,
          x: 100,
          y: 80,
          wires: [[]],
        },
        {
          id: 'f5b0000000000002',
          type: 'debug',
          name: 'reply',
          active: true,
          tosidebar: true,
          console: false,
          complete: 'payload',
          targetType: 'msg',
          x: 400,
          y: 80,
          wires: [],
        },
      ],
      { x: 250, y: 100 },
    );
    await page.fill('#red-ui-palette-search input', 'thermometry-area');
    await page.dragAndDrop('.red-ui-palette-node[data-palette-type="thermometry-area"]', '#red-ui-workspace-chart', { targetPosition: { x: 250, y: 240 } });
    const areaId = await page.evaluate(() => RED.nodes.filterNodes({ type: 'thermometry-area' })[0].id);
    await wire(page, 'f5b0000000000001', areaId);
    await wire(page, areaId, 'f5b0000000000002');
    await openNodeForm(page, areaId);
    await page.selectOption('#node-input-operation', 'addArea');
    await page.fill('#node-input-vertices', '[[-0.5,-0.5],[0.5,-0.5],[0.5,0.5],[-0.5,0.5]]');
    await page.fill('#node-input-areaName', 'NR5 area');
    await page.click('#node-input-btn-camera-add');
    await page.waitForSelector('#node-config-input-host', { state: 'visible' });
    await page.fill('#node-config-input-host', '127.0.0.1');
    await page.fill('#node-config-input-port', String(emulator.port));
    await page.fill('#node-config-input-username', 'root');
    await page.fill('#node-config-input-password', PASSWORD);
    await page.click('#node-config-dialog-ok');
    await page.waitForSelector('#node-config-input-host', { state: 'detached' });
    await page.click('#node-dialog-ok');
    await page.click('#red-ui-header-button-deploy');
    await page.waitForSelector('.red-ui-notification >> text=Successfully deployed', { timeout: UI_WAIT_MS });
    // 5.0 shows the debug sidebar beside the info one; where it is a tab, open it.
    if (await page.locator('#red-ui-tab-debug-link-button').isVisible()) await page.click('#red-ui-tab-debug-link-button');
    const msg = page.locator('.red-ui-debug-msg').filter({ hasText: 'id' }).first();
    await pressInjectUntil(page, 'f5b0000000000001', msg);
    assert.match(await msg.innerText(), /\b0\b/);
    await page.screenshot({ path: path.join(os.tmpdir(), 'thermo-nr5-editor.png') });
    const client = new ThermometryClient({ host: '127.0.0.1', port: emulator.port, username: 'root', password: PASSWORD });
    try {
      const { areaList } = await client.listAreas();
      assert.deepEqual(
        areaList.map((a) => a.name),
        ['NR5 area'],
        'the area was added on the emulator',
      );
    } finally {
      client.close();
    }
    assert.ok(!fs.readFileSync(path.join(userDir, 'flows.json'), 'utf8').includes(PASSWORD), 'password not in the flow file');
  });
});
