'use strict';
// The settings form and the picture's settings (issue 21), in real Chromium
// against the emulator: set palette lists the palettes the camera offers; the
// form says what the camera uses now (palette, scale, isotherm levels); a
// colour strip shows the isotherm levels as typed, with the camera's marked;
// after a change of scale made elsewhere, every unit on the form is the
// camera's. Screenshots go to test-results/screenshots (docs/images with
// UPDATE_DOCS_IMAGES=1).
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { start, createScene, addSceneRoutes } = require('../../dist/emulator');
const { ThermometryClient, readPalette } = require('../../dist/client');
// Node-RED and the camera; Chromium and the editor.
const { IMAGES, requireChromium, freePort, linkedUserDir, request, startNodeRed, stopNodeRed, cameraNode } = require('./support');
const { openEditorPage, openNodeForm, closeNodeForm } = require('./support');

const PASSWORD = 'Settings-Pw-0c5e';
const UI_WAIT_MS = 30000;

describe("the settings form: palette, the camera now, the isotherm strip, units in the camera's scale (Chromium)", function () {
  this.timeout(180000);
  let emulator;
  let camera;
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
    camera = new ThermometryClient({ host: '127.0.0.1', port: emulator.port, username: 'root', password: PASSWORD });
    await camera.call('setIsothermLevels', { high: 300, middle: 200, low: 100, renderOverlay: true });
    dir = linkedUserDir('thermo-settings-form-', 'settings-form-test');
    port = await freePort();
    child = await startNodeRed(dir, port, (d) => (log += d));
    const z = 'a5e0000000000f00';
    const flow = [
      { id: z, type: 'tab', label: 'Settings' },
      cameraNode(emulator.port, PASSWORD),
      {
        id: 'a5e0000000000001',
        z,
        type: 'thermometry-settings',
        name: 'levels',
        camera: 'cam',
        operation: 'setIsothermLevels',
        unit: 'celsius',
        high: '250',
        middle: '150',
        low: '80',
        min: '',
        renderOverlay: true,
        pauseOnAlarm: true,
        autoResume: true,
        palette: 'Iron',
        x: 200,
        y: 80,
        wires: [[]],
      },
      {
        id: 'a5e0000000000002',
        z,
        type: 'thermometry-area',
        name: 'threshold in °C',
        camera: 'cam',
        operation: 'addArea',
        thresholdScale: 'celsius',
        areaId: '',
        imagesource: '',
        enabled: true,
        areaName: 'Kiln',
        detectionType: 'above',
        measurement: 'maximum',
        threshold: '60',
        delay: '5',
        vertices: '[[-0.5,-0.5],[0.5,-0.5],[0.5,0.5],[-0.5,0.5]]',
        areaOverlay: 'always',
        temperatureOverlay: true,
        presetNbr: '',
        areas: '',
        x: 200,
        y: 160,
        wires: [[]],
      },
    ];
    const deployed = await request(port, 'POST', '/flows', flow);
    assert.equal(deployed.status, 204, deployed.body);
    ({ browser, page } = await openEditorPage(executablePath, port, (line) => (log += line), {
      height: 1000,
      ready: 'g.red-ui-flow-node-group[id="a5e0000000000001"]',
      readyOptions: { timeout: 60000 },
    }));
  });

  after(async function () {
    if (browser) await browser.close();
    if (camera) camera.close();
    await stopNodeRed(child);
    if (emulator) await emulator.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    assert.ok(!/\[page error\]/.test(log), `the editor threw: ${log.slice(log.indexOf('[page error]'), log.indexOf('[page error]') + 300)}`);
  });

  const openForm = () => openNodeForm(page, 'a5e0000000000001', { shown: '.thermometry-palette-now:has-text("The camera now")', timeout: UI_WAIT_MS });

  async function screenshot(name) {
    fs.mkdirSync(IMAGES, { recursive: true });
    await page
      .locator('.red-ui-tray')
      .first()
      .screenshot({ path: path.join(IMAGES, `${name}.png`) });
  }

  it("says what the camera uses now, and draws the isotherm levels as typed with the camera's marked", async () => {
    await openForm();
    const now = await page.innerText('.thermometry-palette-now');
    const palette = (await readPalette(camera)).palette;
    assert.match(now, new RegExp(`palette ${palette}`));
    assert.match(now, /scale celsius/);
    assert.match(now, /isotherms 100 \/ 200 \/ 300 °C/);
    const levels = await page.$$eval('.thermometry-isotherm-strip .thermometry-strip-level', (els) => els.map((e) => e.textContent));
    assert.deepEqual(levels, ['80 °C', '150 °C', '250 °C']);
    assert.equal(await page.locator('.thermometry-isotherm-strip .thermometry-strip-camera').count(), 3, "the camera's three levels marked");
    // Typed: the strip follows.
    await page.fill('#node-input-high', '270');
    await page.waitForFunction(() => [...document.querySelectorAll('.thermometry-strip-level')].some((e) => e.textContent === '270 °C'));
    await screenshot('thermometry-settings-isotherms');
    await closeNodeForm(page);
  });

  it('set palette: the list is the palettes the camera offers, the saved one chosen', async () => {
    await openForm();
    await page.selectOption('#node-input-operation', 'setPalette');
    const options = await page.$$eval('#node-input-palette option', (os) => os.map((o) => o.value));
    const offered = (await readPalette(camera)).palettes;
    assert.deepEqual(options, offered);
    assert.equal(await page.inputValue('#node-input-palette'), 'Iron');
    assert.ok(await page.isHidden('.thermometry-isotherm-strip'), 'the strip belongs to set isotherm levels');
    await screenshot('thermometry-settings-palette');
    await closeNodeForm(page);
  });

  it("after the scale changed elsewhere, every unit on the form is the camera's (°F)", async () => {
    await openForm();
    await closeNodeForm(page);
    await camera.call('setTemperatureScale', { unit: 'fahrenheit' });
    try {
      await openForm();
      await page.waitForSelector('.thermometry-palette-now:has-text("scale fahrenheit")', { timeout: UI_WAIT_MS });
      const units = await page.$$eval('.thermometry-unit', (els) => els.map((e) => e.textContent));
      assert.ok(units.length >= 3 && units.every((u) => u === '°F'), `units: ${units.join(' ')}`);
      const levels = await page.$$eval('.thermometry-isotherm-strip .thermometry-strip-level', (els) => els.map((e) => e.textContent));
      assert.ok(
        levels.every((l) => / °F$/.test(l)),
        levels.join(' '),
      );
      await closeNodeForm(page);
      // An area's threshold typed while the camera measured in °C: its form says the number now means °F.
      await page.dblclick('g.red-ui-flow-node-group[id="a5e0000000000002"] rect.red-ui-flow-node', { force: true });
      await page.waitForSelector('.thermometry-scale-warning', { state: 'visible', timeout: UI_WAIT_MS });
      assert.match(await page.innerText('.thermometry-scale-warning'), /typed when the camera measured in °C; it measures in °F now.*60 as 60 °F/);
      assert.equal(await page.innerText('#node-input-threshold + .thermometry-unit'), '°F');
      assert.match(await page.getAttribute('#node-input-threshold', 'title'), /^Temperature .*\. In the camera's scale: °F$/);
      await page.locator('.thermometry-scale-warning').scrollIntoViewIfNeeded();
      await screenshot('thermometry-area-scale-changed');
      // Saved (the user checked the number): the threshold is in °F from now on, and the warning goes.
      await closeNodeForm(page, '#node-dialog-ok');
      await page.dblclick('g.red-ui-flow-node-group[id="a5e0000000000002"] rect.red-ui-flow-node', { force: true });
      await page.waitForSelector('.thermometry-view-line:has-text("API")', { timeout: UI_WAIT_MS });
      assert.ok(await page.isHidden('.thermometry-scale-warning'));
      await closeNodeForm(page);
    } finally {
      await camera.call('setTemperatureScale', { unit: 'celsius' });
    }
  });
});
