'use strict';
// The thermometry-event node in the real editor (Chromium): its form with the
// editor defaults, the help in the sidebar, then deploy against the emulator's
// event stream and see the status ring turn green and an alarm reach the debug
// sidebar. Saves a screenshot of the form to the temp dir for a person to look at.
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { EVENTS, startCamera } = require('../support/event-camera');
const { requireChromium, freePort, linkedUserDir, startNodeRed, stopNodeRed, launchPage, gotoEditor, importFlow, openNodeForm } = require('./support');
const { exampleFlow } = require('../support/examples');

const PASSWORD = 'events-Pw-7f3a';

describe('the thermometry-event node in the editor (Chromium)', function () {
  this.timeout(180000);
  let dir;
  let cam;
  let child;
  let browser;
  let page;
  let port;
  let log = '';

  before(async function () {
    const executablePath = requireChromium(this);
    dir = linkedUserDir('events-editor-', 'events-editor-test');
    cam = await startCamera({ users: [{ username: 'root', password: PASSWORD, role: 'administrator' }] });
    port = await freePort();
    child = await startNodeRed(dir, port, (d) => {
      log += d;
    });
    ({ browser, page } = await launchPage(executablePath, { onLog: (line) => (log += line) }));
  });

  after(async function () {
    if (browser) await browser.close();
    await stopNodeRed(child);
    if (cam) await cam.emulator.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows the form with its defaults and the help, deploys, turns green and shows an alarm', async function () {
    await gotoEditor(page, port, '.red-ui-palette-node[data-palette-type="thermometry-event"]', { timeout: 30000 });
    // Import the example flow, pointed at the emulator.
    const flow = exampleFlow('thermometry-event').map((n) => (n.type === 'thermometry-camera' ? { ...n, port: String(cam.emulator.port) } : n));
    const eventId = flow.find((n) => n.type === 'thermometry-event').id;
    await importFlow(page, flow, { x: 200, y: 150 }, { shortcut: true });
    // The example comes on a tab of its own.
    await page.evaluate((id) => RED.workspaces.show(id), flow.find((n) => n.type === 'tab').id);

    await openNodeForm(page, eventId);
    for (const [id, checked] of [
      ['areaAlarm', true],
      ['anyArea', true],
      ['anyAreaOnPreset', true],
      ['information', false],
      ['groupDeviation', true],
    ]) {
      assert.equal(await page.isChecked(`#node-input-${id}`), checked, id);
    }
    assert.equal(await page.inputValue('#node-input-output'), 'changes');
    assert.equal(await page.inputValue('#node-input-mode'), 'auto');
    assert.ok(await page.isVisible('#node-input-pollInterval'));
    await page.selectOption('#node-input-mode', 'websocket');
    assert.ok(!(await page.isVisible('#node-input-pollInterval')), 'poll interval hidden when polling is off');
    await page.selectOption('#node-input-mode', 'auto');
    assert.match(await page.locator('label[for="node-input-areaAlarm"]').innerText(), /Area alarm/);
    await page.waitForTimeout(300);
    const shot = path.join(os.tmpdir(), 'thermometry-event-form.png');
    await page.locator('.red-ui-tray').last().screenshot({ path: shot });

    // Credentials go into the camera config node's form.
    await page.click('.form-row:has(#node-input-camera) a:has(i.fa-pencil)');
    await page.waitForSelector('#node-config-input-host', { state: 'visible' });
    await page.fill('#node-config-input-username', 'root');
    await page.fill('#node-config-input-password', PASSWORD);
    await page.click('#node-config-dialog-ok');
    await page.waitForSelector('#node-config-input-host', { state: 'detached' });
    await page.click('#node-dialog-ok');

    // Help in the sidebar.
    await page.click(`g.red-ui-flow-node-group[id="${eventId}"] rect.red-ui-flow-node`, { force: true });
    // The help tab as the node's "help" action opens it (a click on the sidebar's tab can miss when the tab is in its overflow menu).
    await page.evaluate(() => RED.sidebar.help.show('thermometry-event'));
    const helpPane = page.locator('.red-ui-help').filter({ hasText: 'Sends a message for each thermometry event' }).last();
    await helpPane.waitFor({ timeout: 30000 });
    const help = await helpPane.innerText();
    assert.match(help, /thermometry\/area-alarm/);
    assert.match(help, /reconnects on its own/);

    await page.click('#red-ui-header-button-deploy');
    const status = page.locator(`g.red-ui-flow-node-group[id="${eventId}"] .red-ui-flow-node-status-label`);
    // Up to 60 s of real time (a count of 100 ms turns was about 20 s, short on a loaded CI machine); asserted below either way.
    await page
      .waitForFunction(
        (id) => {
          const label = document.querySelector(`g.red-ui-flow-node-group[id="${id}"] .red-ui-flow-node-status-label`);
          return label !== null && label.textContent === 'connected';
        },
        eventId,
        { timeout: 60000 },
      )
      .catch(() => {});
    assert.equal(await status.textContent(), 'connected', log.slice(-2000));

    cam.emulator.camera.emit('thermometry-event', EVENTS.areaOn(0));
    await page.click('#red-ui-tab-debug-link-button').catch(() => {});
    const msg = page.locator('.red-ui-debug-msg').filter({ hasText: 'thermometry/area-alarm/0' }).first();
    await msg.waitFor({ timeout: 30000 });
    assert.ok(!fs.readFileSync(path.join(dir, 'flows.json'), 'utf8').includes(PASSWORD), 'password not in the flow file');
    const pageErrors = log.split('\n').filter((line) => line.startsWith('[page error]'));
    assert.deepEqual(pageErrors, []);
  });
});
