'use strict';
// The MQTT fields of the status and event forms in the real editor (Chromium):
// the MQTT edge example imported through the import dialog keeps its settings
// (the forms know the properties), the rows follow the format chosen, a bad
// prefix is refused by the runtime's own rule, and what the form sets is what
// Node-RED deploys. Saves a screenshot of the status form to the temp dir.
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { MQTT_FILES } = require('../support/examples');
// Node-RED and the camera; Chromium and the editor.
const { root, requireChromium, freePort, linkedUserDir, startNodeRed, stopNodeRed, request, waitFor } = require('./support');
const { launchPage, gotoEditor, importFlow, openNodeForm, closeNodeForm } = require('./support');

describe('the MQTT fields in the editor (Chromium)', function () {
  this.timeout(180000);
  let dir;
  let child;
  let browser;
  let page;
  let port;
  let log = '';

  before(async function () {
    const executablePath = requireChromium(this);
    dir = linkedUserDir('mqtt-editor-', 'mqtt-editor-test');
    port = await freePort();
    child = await startNodeRed(dir, port, (d) => {
      log += d;
    });
    ({ browser, page } = await launchPage(executablePath, { height: 1000, onLog: (line) => (log += line) }));
  });

  after(async function () {
    if (browser) await browser.close();
    await stopNodeRed(child);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  afterEach(function () {
    if (this.currentTest.state === 'failed') console.log(log.slice(-3000));
  });

  const openForm = (id) => openNodeForm(page, id);

  it('imports the edge example with its MQTT settings, shows the rows of the format chosen, and deploys what the form says', async function () {
    await gotoEditor(page, port, '.red-ui-palette-node[data-palette-type="thermometry-status"]', { timeout: 30000 });
    const flow = JSON.parse(fs.readFileSync(path.join(root, 'examples', MQTT_FILES.edge), 'utf8'));
    const statusId = flow.find((n) => n.type === 'thermometry-status').id;
    const eventId = flow.find((n) => n.type === 'thermometry-event').id;
    await importFlow(page, flow, { x: 300, y: 150 }, { shortcut: true });
    // The example comes on a tab of its own: look at it.
    await page.evaluate((tab) => RED.workspaces.show(tab), flow.find((n) => n.type === 'tab').id);

    // The status node's form as the example set it.
    await openForm(statusId);
    assert.equal(await page.inputValue('#node-input-mqtt'), 'thermometry');
    assert.equal(await page.inputValue('#node-input-mqttPrefix'), 'thermometry');
    assert.equal(await page.isChecked('#node-input-mqttDiscovery'), true);
    assert.equal(await page.isChecked('#node-input-mqttSetThreshold'), true);
    assert.equal(await page.isChecked('#node-input-mqttSetDelay'), false);
    assert.ok(await page.isVisible('#node-input-mqttDiscoveryPrefix'));
    await page.waitForTimeout(300);
    await page
      .locator('.red-ui-tray')
      .last()
      .screenshot({ path: path.join(os.tmpdir(), 'thermometry-status-mqtt-form.png') });
    // The application's format has neither prefix, discovery nor commands; off shows nothing of MQTT.
    await page.selectOption('#node-input-mqtt', 'acap');
    assert.ok(!(await page.isVisible('#node-input-mqttPrefix')));
    assert.ok(!(await page.isVisible('#node-input-mqttSetThreshold')));
    assert.ok(await page.isVisible('#node-input-mqttSpot'));
    await page.selectOption('#node-input-mqtt', 'off');
    assert.ok(!(await page.isVisible('#node-input-mqttSpot')));
    await page.selectOption('#node-input-mqtt', 'thermometry');
    // A prefix with a wildcard: the runtime's rule marks the field.
    await page.fill('#node-input-mqttPrefix', 'plant/#');
    await page.dispatchEvent('#node-input-mqttPrefix', 'change');
    await waitFor(async () => ((await page.getAttribute('#node-input-mqttPrefix', 'class')) || '').includes('input-error'), 5000);
    assert.match((await page.getAttribute('#node-input-mqttPrefix', 'class')) || '', /input-error/);
    await page.fill('#node-input-mqttPrefix', 'plant/site-a');
    await page.check('#node-input-mqttSetEnabled');
    await page.uncheck('#node-input-mqttDiscovery');
    assert.ok(!(await page.isVisible('#node-input-mqttDiscoveryPrefix')), 'discovery prefix hidden with discovery off');
    await closeNodeForm(page, '#node-dialog-ok');

    await openForm(eventId);
    assert.equal(await page.inputValue('#node-input-mqtt'), 'thermometry');
    await page.fill('#node-input-mqttPrefix', 'plant/site-a');
    await closeNodeForm(page, '#node-dialog-ok');

    await page.click('#red-ui-header-button-deploy');
    let deployed;
    await waitFor(async () => {
      const flows = JSON.parse((await request(port, 'GET', '/flows')).body);
      deployed = (Array.isArray(flows) ? flows : flows.flows).find((n) => n.id === statusId);
      return deployed && deployed.mqttPrefix === 'plant/site-a';
    }, 30000);
    assert.deepEqual(
      ['mqtt', 'mqttPrefix', 'mqttDiscovery', 'mqttSetThreshold', 'mqttSetDelay', 'mqttSetEnabled'].map((k) => deployed[k]),
      ['thermometry', 'plant/site-a', false, true, false, true],
    );
    const flows = JSON.parse((await request(port, 'GET', '/flows')).body);
    const ev = (Array.isArray(flows) ? flows : flows.flows).find((n) => n.id === eventId);
    assert.deepEqual([ev.mqtt, ev.mqttPrefix], ['thermometry', 'plant/site-a']);
    assert.ok(!/\[page error\]/.test(log), log);
  });
});
