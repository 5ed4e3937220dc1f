'use strict';
// The dashboard that npm start offers (examples/thermometry-dashboard.json on
// its own tab), in real Chromium against the emulator's moving scene: the
// furnace door's chart fills with readings that move, its alarm arrives in the
// table and is acknowledged, the spot form moves the camera's spot and shows its
// temperature. The scene runs in real time, so every wait polls up to a
// real-time deadline. The screenshot goes to test-results/screenshots, or to
// docs/images for the README with UPDATE_DOCS_IMAGES=1 (then taken after a
// minute of the scene).
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ThermometryClient } = require('../../dist/client');
const { root, CHROMIUM_ARGS, requireChromium, request, waitFor, spawnStart } = require('./support');

const IMAGES = process.env.UPDATE_DOCS_IMAGES === '1' ? path.join(root, 'docs', 'images') : path.join(root, 'test-results', 'screenshots');
const example = JSON.parse(fs.readFileSync(path.join(root, 'examples', 'thermometry-dashboard.json'), 'utf8'));
const byName = (type, name) => {
  const n = example.find((x) => x.type === type && x.name === name);
  assert.ok(n, `${type} "${name}" in the dashboard example`);
  return n;
};

describe('the dashboard of npm start in Chromium', function () {
  this.timeout(300000);
  let dir;
  let started;
  let browser;
  let page;
  let client;
  let pageLog = '';
  let pointsSeen = 0;
  let startedAt;

  before(async function () {
    // CI installs chromium (.ci/run): missing there is a failure, locally a skip.
    const executablePath = requireChromium(this);
    const { chromium } = require('playwright-core');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thermo-dashboard-'));
    started = await spawnStart(dir);
    startedAt = process.hrtime.bigint();
    assert.match(started.log, /Dashboard: http:\/\/127\.0\.0\.1:\d+\/dashboard/, started.log);
    client = new ThermometryClient({ host: '127.0.0.1', port: started.emulatorPort, username: 'root', password: 'pass' });
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
    page.on('pageerror', (err) => {
      pageLog += `\n[page error] ${err.message}`;
    });
    page.on('console', (m) => {
      if (m.type() === 'error') pageLog += `\n[console] ${m.text()}`;
    });
    // Dashboard 2's own test hook: with window.Cypress set, each chart widget
    // registers itself in window.uiCharts[id], so the page can read what the chart holds.
    await page.addInitScript(() => {
      window.Cypress = {};
    });
  });

  after(async function () {
    if (browser) await browser.close();
    if (client) client.close();
    if (started) await started.kill();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  afterEach(async function () {
    if (this.currentTest.state === 'failed') {
      console.log(started ? started.log.slice(-3000) : '', pageLog);
      if (page) await page.screenshot({ path: path.join(os.tmpdir(), 'thermo-dashboard-failed.png'), fullPage: true }).catch(() => {});
    }
  });

  /** The series of the chart widget `id` as the page's chart holds them: {name: [y, ...]}. */
  function chartSeries(id) {
    return page.evaluate((chartId) => {
      const widget = window.uiCharts && window.uiCharts[chartId];
      if (!widget || !widget.chart) return {};
      const out = {};
      for (const s of widget.chart.getOption().series || [])
        out[s.name] = (s.data || []).map((d) => (Array.isArray(d) ? d[1] : d && d.value ? d.value[1] : d && d.y));
      return out;
    }, id);
  }

  it('serves the page at /dashboard (the starter flow deployed the dashboard tab)', async function () {
    const flows = JSON.parse((await request(started.nodeRedPort, 'GET', '/flows')).body);
    const nodes = Array.isArray(flows) ? flows : flows.flows;
    assert.ok(
      nodes.some((n) => n.type === 'tab' && n.label === 'Dashboard'),
      'a Dashboard tab',
    );
    assert.ok(
      nodes.some((n) => n.type === 'ui-base' && n.path === '/dashboard'),
      'its ui-base at /dashboard',
    );
    const cameras = nodes.filter((n) => n.type === 'thermometry-camera');
    assert.equal(cameras.length, 1, 'one camera node, shared by both tabs');
    for (const n of nodes.filter((x) => x.camera)) assert.equal(n.camera, cameras[0].id, `${n.type} "${n.name}" on the shared camera`);
    await page.goto(`http://127.0.0.1:${started.nodeRedPort}/dashboard`);
    await page.getByText('Furnace door').first().waitFor({ timeout: 60000 });
  });

  it('charts the furnace door as it heats and cools, and its alarm arrives in the table', async function () {
    const chart = byName('ui-chart', 'Furnace door');
    let series = {};
    // The burner's cycle is about a minute; the area's alarm (average above its threshold for 3 s) comes within it.
    const alarmRow = page.locator('.nrdb-ui-table tbody tr', { hasText: 'Furnace door' }).filter({ hasText: 'yes' });
    await waitFor(async () => {
      series = await chartSeries(chart.id);
      return (series.average || []).length >= 5 && new Set(series.average).size > 1 && (await alarmRow.count()) > 0;
    }, 180000);
    assert.deepEqual(Object.keys(series).sort(), ['average', 'max', 'threshold'], `the chart's lines: ${JSON.stringify(series)}`);
    assert.ok(series.average.length >= 5, `points on the chart: ${JSON.stringify(series)}`);
    for (const v of [...series.average, ...series.max]) assert.ok(Number.isFinite(v) && v > 100 && v < 400, `a furnace door temperature: ${v}`);
    assert.ok(new Set(series.average).size > 1, `the average moves with the scene: ${series.average}`);
    const { areaList } = await client.listAreas();
    const door = areaList.find((a) => a.name === 'Furnace door');
    assert.ok(door, 'the flow added the furnace door area to the camera');
    assert.ok(
      series.threshold.every((v) => v === door.threshold),
      `the threshold line is the area's ${door.threshold}: ${series.threshold}`,
    );
    assert.ok((await alarmRow.count()) > 0, 'an active alarm row for the furnace door');
    pointsSeen = series.average.length;
  });

  it("shows the camera's picture, decoded, and refreshes it", async function () {
    const img = page.locator('img.thermometry-snapshot');
    const picture = () =>
      img.evaluate((el) => {
        if (!el.complete || !el.naturalWidth) return { width: 0 };
        // Decoded pixels: a thermal scene has many colours, a broken or blank picture one or none.
        const canvas = document.createElement('canvas');
        canvas.width = el.naturalWidth;
        canvas.height = el.naturalHeight;
        const ctx = canvas.getContext('2d');
        ctx.drawImage(el, 0, 0);
        const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        const colours = new Set();
        for (let i = 0; i < data.length; i += 4 * 7) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
        return { width: el.naturalWidth, height: el.naturalHeight, colours: colours.size, src: el.src };
      });
    let first = { width: 0 };
    await waitFor(async () => (first = await picture()).width > 0, 60000);
    assert.deepEqual([first.width, first.height], [384, 288], "the emulator's picture, decoded by the browser");
    assert.ok(first.src.startsWith('data:image/jpeg;base64,'), 'a JPEG data URL');
    assert.ok(first.colours > 50, `a thermal picture, not a blank: ${first.colours} colours`);
    let next = first;
    await waitFor(async () => (next = await picture()).src !== first.src, 30000);
    assert.notEqual(next.src, first.src, 'a new picture within seconds');
    assert.ok(next.width > 0, 'the new picture decoded too');
  });

  it('acknowledges the alarms with the button', async function () {
    const row = page.locator('.nrdb-ui-table tbody tr', { hasText: 'Furnace door' }).first();
    const cells = () => row.locator('td').allInnerTexts();
    assert.equal((await cells())[4].trim(), '', 'not acknowledged before the button');
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    let texts = [];
    await waitFor(async () => /\d/.test((texts = await cells())[4]), 30000);
    assert.match(texts[4], /\d/, `the acknowledged time in the row: ${texts}`);
  });

  it('moves the spot from the form and shows its temperature', async function () {
    const group = page.locator('.v-card, .nrdb-ui-group', { hasText: 'Spot meter' }).last();
    const fill = async (label, value) => {
      const input = group.getByLabel(label);
      await input.fill(value);
      assert.equal(await input.inputValue(), value, `${label} filled`);
    };
    await fill(/x \(/, '0.2');
    await fill(/y \(/, '-0.1');
    await group.getByRole('button', { name: 'Move the spot' }).click();
    let spot;
    await waitFor(async () => (spot = await client.getSpotTemperature({ coordinateSystem: 'coord_neg1_1' })).renderOverlay === true, 30000);
    assert.deepEqual(
      spot.spotCoordinates.map((v) => Math.round(v * 100) / 100),
      [0.2, -0.1],
      "the camera's spot moved",
    );
    const text = group.getByText(/°C at \(0\.20, -0\.10\)/);
    await waitFor(async () => (await text.count()) > 0, 30000);
    assert.equal(await text.count(), 1, "the spot's temperature on the page");
  });

  it('keeps charting, and is screenshotted (for the README after a minute of the scene)', async function () {
    const chart = byName('ui-chart', 'Furnace door');
    if (process.env.UPDATE_DOCS_IMAGES === '1') await waitFor(() => process.hrtime.bigint() - startedAt > 60000000000n, 70000);
    let series = {};
    await waitFor(async () => ((series = await chartSeries(chart.id)).average || []).length > pointsSeen, 30000);
    assert.ok(series.average.length > pointsSeen, `new points after the first ${pointsSeen}`);
    fs.mkdirSync(IMAGES, { recursive: true });
    await page.screenshot({ path: path.join(IMAGES, 'dashboard.png'), fullPage: true });
  });
});
