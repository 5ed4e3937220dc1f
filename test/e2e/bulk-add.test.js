'use strict';
// "Add many cameras" in real Chromium, as a person does it (issue 17, item 2):
// the camera form's button, 5 lines pasted for 5 emulated cameras, the shared
// sign-in chosen, each line tested (model and API version shown beside it),
// Add, Deploy: 5 camera config nodes in the deployed flow on that sign-in, each
// answering through it, and no password in flows.json. Then "Find cameras on the
// network" offers the same cameras (announced by the emulator by unicast on
// loopback, settings.js axisThermometry.discovery.targets), flagged as cameras
// already there. The screenshot goes to test-results/screenshots, or to
// docs/images with UPDATE_DOCS_IMAGES=1.
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { startFleet, startAnnouncer } = require('../../dist/emulator');
const { IMAGES, requireChromium, freePort, linkedUserDir, startNodeRed, stopNodeRed, request, waitFor, openEditorPage } = require('./support');

const PASSWORD = 'Fleet-Pw-41c9';
const UI_WAIT_MS = 30000;

describe('"Add many cameras" in the editor (Chromium)', function () {
  this.timeout(240000);
  let fleet;
  let announcer;
  let dir;
  let child;
  let port;
  let browser;
  let page;
  let log = '';

  before(async function () {
    const executablePath = requireChromium(this);
    fleet = await startFleet({ cameras: 5, port: 0, scenario: null, events: false, users: [{ username: 'svc', password: PASSWORD, role: 'administrator' }] });
    announcer = await startAnnouncer(fleet.emulators, { ports: { mdns: 0, ssdp: 0 } });
    dir = linkedUserDir('thermo-bulk-add-', 'bulk-add-test');
    fs.writeFileSync(
      path.join(dir, 'settings.js'),
      `module.exports = { uiHost: '127.0.0.1', flowFile: 'flows.json', credentialSecret: 'bulk-add-test', editorTheme: { tours: false },
      diagnostics: { enabled: false }, telemetry: { enabled: false },
      axisThermometry: { discovery: { windowMs: 700, targets: { mdns: { host: '127.0.0.1', port: ${announcer.mdnsPort} }, ssdp: { host: '127.0.0.1', port: ${announcer.ssdpPort} } } } } };\n`,
    );
    port = await freePort();
    child = await startNodeRed(dir, port, (d) => (log += d));
    // The plant's service account, deployed: the form offers it and the route uses its stored password.
    const deployed = await request(port, 'POST', '/flows', [
      {
        id: 'plant-account',
        type: 'thermometry-sign-in',
        name: 'Plant service account',
        tls: '',
        caPem: '',
        credentials: { username: 'svc', password: PASSWORD },
      },
    ]);
    assert.equal(deployed.status, 204, deployed.body);
    ({ browser, page } = await openEditorPage(executablePath, port, (line) => (log += line)));
    await page.waitForFunction(() => window.RED && RED.nodes && RED.nodes.node('plant-account'), null, { timeout: 60000 });
  });

  after(async function () {
    if (browser) await browser.close();
    await stopNodeRed(child);
    if (announcer) await announcer.stop();
    if (fleet) await fleet.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  afterEach(function () {
    if (this.currentTest.state === 'failed') console.log(log.slice(-4000));
  });

  async function openDialog() {
    await page.evaluate(() => RED.editor.editConfig('', 'thermometry-camera', '_ADD_'));
    await page.click('#node-config-thermometry-add-many');
    await page.waitForSelector('#thermometry-bulk-lines', { state: 'visible' });
  }

  it('5 lines pasted are tested one by one, added on the chosen sign-in and deployed: 5 cameras, no password in flows.json', async function () {
    await openDialog();
    const lines = fleet.emulators.map((e, i) => (i === 2 ? `127.0.0.1:${e.port}` : `Kiln ${i + 1},127.0.0.1,${e.port}`)).join('\n');
    await page.fill('#thermometry-bulk-lines', lines);
    await page.waitForFunction(() => document.querySelectorAll('#thermometry-bulk-table tbody tr').length === 5);
    assert.equal(await page.inputValue('#thermometry-bulk-signin'), 'plant-account', 'the one sign-in is chosen');
    assert.equal(await page.isDisabled('#thermometry-bulk-add'), true, 'nothing to add before the test');
    await page.click('#thermometry-bulk-test');
    await page.waitForFunction(() => [...document.querySelectorAll('.thermometry-bulk-result')].every((c) => /^[✓✗]/.test(c.textContent)), null, {
      timeout: UI_WAIT_MS,
    });
    const results = await page.locator('.thermometry-bulk-result').allInnerTexts();
    for (const r of results) assert.match(r, /^✓ AXIS Q2101-TE Thermal Camera \(emulator\) · firmware [\d.]+ · API [\d., ]*1\.3 \(using 1\.3\)/, r);
    assert.match(await page.innerText('#thermometry-bulk-progress'), /5 of 5 cameras answered/);
    await page.screenshot({ path: path.join(IMAGES, 'bulk-add.png') });
    assert.equal(await page.locator('.thermometry-bulk-tick:checked').count(), 5, 'each camera that answered is ticked');
    await page.click('#thermometry-bulk-add');
    await page.waitForSelector('#thermometry-bulk-lines', { state: 'detached' });
    // The camera form the dialog was opened from is left as it was (its own camera not added).
    await page.click('#node-config-dialog-cancel');
    await page.click('#red-ui-header-button-deploy');
    await page.waitForSelector('.red-ui-notification >> text=Successfully deployed', { timeout: UI_WAIT_MS });

    const flows = JSON.parse((await request(port, 'GET', '/flows')).body);
    const cameras = flows.filter((n) => n.type === 'thermometry-camera');
    assert.deepEqual(
      cameras.map((c) => [c.name, c.host, c.port, c.protocol, c.signIn]).sort(),
      fleet.emulators.map((e, i) => [i === 2 ? `127.0.0.1:${e.port}` : `Kiln ${i + 1}`, '127.0.0.1', String(e.port), 'http', 'plant-account']).sort(),
    );
    // Each deployed camera signs in through the sign-in: its capabilities answer.
    for (const c of cameras) {
      let res;
      await waitFor(async () => (res = await request(port, 'GET', `/axis-thermometry/capabilities/${c.id}`)).status === 200, 20000);
      assert.equal(res.status, 200, `${c.name}: ${res.body}`);
    }
    const flowFile = fs.readFileSync(path.join(dir, 'flows.json'), 'utf8');
    assert.ok(!flowFile.includes(PASSWORD), 'no password in flows.json');
    assert.ok(!/"credentials"/.test(flowFile), 'no credentials in flows.json');
    assert.ok(!fs.readFileSync(path.join(dir, 'flows_cred.json'), 'utf8').includes(PASSWORD), 'credentials encrypted');
  });

  it('"Find cameras on the network" offers the announced cameras in the list, those already added flagged', async function () {
    await openDialog();
    await page.click('#thermometry-bulk-discover');
    await page.waitForFunction(() => /found/.test(document.querySelector('#thermometry-bulk-found').textContent), null, { timeout: UI_WAIT_MS });
    assert.match(await page.innerText('#thermometry-bulk-found'), /^5 found \(5 added to the list\)/);
    const text = await page.inputValue('#thermometry-bulk-lines');
    for (const e of fleet.emulators) assert.ok(text.includes(`AXIS Q2101-TE - ${e.camera.profile.serial},127.0.0.1,${e.port}`), text);
    const rows = await page.locator('.thermometry-bulk-result').allInnerTexts();
    assert.equal(rows.length, 5);
    for (const r of rows) assert.match(r, /already a camera: /, r);
    await page.click('#thermometry-bulk-cancel');
    await page.click('#node-config-dialog-cancel');
  });
});
