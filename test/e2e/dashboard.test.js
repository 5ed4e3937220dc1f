'use strict';
// The dashboard that npm start offers (the dashboard example on
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
const { IMAGES, requireChromium, request, waitFor, spawnStart, launchPage } = require('./support');
const { exampleNodes } = require('../support/examples');

const example = exampleNodes('dashboard');
// npm start deploys the example's flow nodes under ids of its own (so that importing the example asks nothing).
const byName = (type, name) => {
  const n = example.find((x) => x.type === type && x.name === name);
  assert.ok(n, `${type} "${name}" in the dashboard example`);
  return { ...n, id: `start-${n.id}` };
};
const UNIT = { celsius: '°C', fahrenheit: '°F' };

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
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thermo-dashboard-'));
    started = await spawnStart(dir);
    startedAt = process.hrtime.bigint();
    assert.match(started.log, /Dashboard: http:\/\/127\.0\.0\.1:\d+\/dashboard/, started.log);
    client = new ThermometryClient({ host: '127.0.0.1', port: started.emulatorPort, username: 'root', password: 'pass' });
    ({ browser, page } = await launchPage(executablePath, { height: 1100, onLog: (line) => (pageLog += line) }));
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

  /** The series of the chart widget `id` as the page's chart holds them: {name: [y, ...]} (`at: 0` for the x values). */
  function chartSeries(id, { at = 1 } = {}) {
    return page.evaluate(
      ([chartId, i]) => {
        const widget = window.uiCharts && window.uiCharts[chartId];
        if (!widget || !widget.chart) return {};
        const out = {};
        for (const s of widget.chart.getOption().series || [])
          out[s.name] = (s.data || []).map((d) => (Array.isArray(d) ? d[i] : d && d.value ? d.value[i] : i ? d && d.y : d && d.x));
        return out;
      },
      [id, at],
    );
  }

  /** The name on the y axis of chart widget `id` (its unit). */
  function chartAxis(id) {
    return page.evaluate((chartId) => {
      const widget = window.uiCharts && window.uiCharts[chartId];
      const axis = widget && widget.chart && widget.chart.getOption().yAxis;
      return axis && axis[0] ? axis[0].name : undefined;
    }, id);
  }

  /** The camera's areas once its scale is `unit`. */
  async function waitForScale(unit) {
    // A client of its own each time: a client keeps the capabilities it read.
    const read = async () => {
      const fresh = new ThermometryClient({ host: '127.0.0.1', port: started.emulatorPort, username: 'root', password: 'pass' });
      try {
        return { scale: (await fresh.capabilities()).currentTemperatureScale, areas: await fresh.listAreas() };
      } finally {
        fresh.close();
      }
    };
    let now;
    await waitFor(async () => (now = await read()).scale === unit, 20000);
    assert.equal(now.scale, unit);
    return now.areas;
  }

  /** Press an inject node of the running flow (Node-RED's admin API, as its button does). */
  async function press(id) {
    // A node just deployed answers once its flow has started.
    let res;
    await waitFor(async () => (res = await request(started.nodeRedPort, 'POST', `/inject/${id}`)).status === 200, 20000);
    assert.equal(res.status, 200, `inject ${id}: ${res.body}`);
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
    assert.ok(first.colours > 50, `a thermal picture, not a blank: ${first.colours} colours`);
    // Live: the camera's Motion JPEG stream through the camera node's live route, frame after frame.
    await waitFor(async () => (await picture()).src.startsWith('blob:'), 30000);
    const frames = new Set();
    const began = Date.now();
    while (Date.now() - began < 2000) {
      frames.add(
        await img.evaluate((el) => {
          const canvas = document.createElement('canvas');
          canvas.width = el.naturalWidth;
          canvas.height = el.naturalHeight;
          canvas.getContext('2d').drawImage(el, 0, 0);
          return canvas.toDataURL('image/png');
        }),
      );
      await page.waitForTimeout(50);
    }
    assert.ok(frames.size >= 3, `${frames.size} different frames in 2 s`);
    assert.match(await page.innerText('.thermometry-live-state'), /^live$/);
    // Another page showing it: one more stream at the camera, closed when that page closes.
    const streams = async () => JSON.parse((await client.request({ method: 'GET', path: '/emulator/video', responseType: 'text' })).data).open;
    const before = await streams();
    const other = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    await other.goto(`http://127.0.0.1:${started.nodeRedPort}/dashboard`);
    await waitFor(async () => (await streams()) === before + 1, 30000);
    assert.equal(await streams(), before + 1, 'the second page streams too');
    await other.close();
    await waitFor(async () => (await streams()) === before, 10000);
    assert.equal(await streams(), before, 'closed at the camera when the page closed');
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

  it('charts only its own areas, known by id: an area of the same name added by someone else stays off its chart', async function () {
    const chart = byName('ui-chart', 'Furnace door');
    const before = (await client.listAreas()).areaList;
    const door = before.find((a) => a.name === 'Furnace door');
    assert.ok(door, "the dashboard's own furnace door");
    // Someone's area of the same name over the same door, with another threshold (the starter flow once added one),
    // from a tool that speaks API 1.2: the emulator, as a 1.3 camera, refuses a name in use only in a 1.3 request.
    const olderTool = new ThermometryClient({ host: '127.0.0.1', port: started.emulatorPort, username: 'root', password: 'pass', apiVersion: '1.2' });
    const { id: otherId } = await olderTool.addArea({
      enabled: true,
      name: 'Furnace door',
      detectionType: 'above',
      measurement: 'maximum',
      threshold: 60,
      delay: 5,
      vertices: [
        [-0.5, -0.5],
        [0.5, -0.5],
        [0.5, 0.5],
        [-0.5, 0.5],
      ],
      areaOverlay: 'none',
      temperatureOverlay: false,
    });
    try {
      await press(byName('inject', 'on deploy, then every 30 s').id);
      const seen = ((await chartSeries(chart.id)).threshold || []).length;
      let series = {};
      await waitFor(async () => ((series = await chartSeries(chart.id)).threshold || []).length >= seen + 4, 30000);
      const fresh = series.threshold.slice(seen);
      assert.ok(fresh.length >= 4, `new points: ${fresh}`);
      assert.ok(
        fresh.every((v) => v === door.threshold),
        `the threshold line is the dashboard's area's ${door.threshold}, never the other's 60: ${fresh}`,
      );
      const after = (await client.listAreas()).areaList;
      assert.equal(after.filter((a) => a.name === 'Furnace door').length, 2, 'no third furnace door: the dashboard did not add its own again');
    } finally {
      await client.removeAreas({ areas: [otherId] });
    }
  });

  it('a page opened later shows the points sent before it (the trend is no longer empty on each load)', async function () {
    const chart = byName('ui-chart', 'Door frame');
    let before = {};
    await waitFor(async () => ((before = await chartSeries(chart.id)).max || []).length >= 10, 60000);
    assert.ok(before.max.length >= 10, `points before the reload: ${JSON.stringify(before)}`);
    const firstX = (await chartSeries(chart.id, { at: 0 })).max[0];
    await page.reload();
    let after = {};
    await waitFor(async () => ((after = await chartSeries(chart.id)).max || []).length >= before.max.length, 15000);
    assert.ok(after.max.length >= before.max.length, `after the reload the chart holds ${(after.max || []).length} points, before it ${before.max.length}`);
    assert.ok((await chartSeries(chart.id, { at: 0 })).max.includes(firstX), 'the first point from before the reload is there');
  });

  it("after a change of scale every unit on the page is the camera's, and the lines and thresholds are in it", async function () {
    const charts = [byName('ui-chart', 'Furnace door'), byName('ui-chart', 'Door frame')];
    // As the settings example does it: a settings node on the same camera, its button pressed.
    const tab = { id: 'da5bscale0000001', label: 'scale' };
    const setTo = (unit) => ({
      id: `da5bscale-${unit}`,
      type: 'inject',
      z: tab.id,
      name: unit,
      props: [{ p: 'payload' }],
      payload: JSON.stringify({ unit }),
      payloadType: 'json',
      repeat: '',
      once: false,
      x: 100,
      y: unit === 'celsius' ? 60 : 100,
      wires: [['da5bscale-node']],
    });
    const added = await request(started.nodeRedPort, 'POST', '/flow', {
      ...tab,
      nodes: [
        setTo('fahrenheit'),
        setTo('celsius'),
        {
          id: 'da5bscale-node',
          type: 'thermometry-settings',
          z: tab.id,
          name: '',
          camera: 'emulator-camera',
          operation: 'setTemperatureScale',
          unit: 'celsius',
          x: 300,
          y: 80,
          wires: [[]],
        },
      ],
    });
    assert.equal(added.status, 200, added.body);
    const flowId = JSON.parse(added.body).id;
    const units = () => page.evaluate(() => document.body.innerText.match(/°[CF]/g) || []);
    try {
      for (const unit of ['fahrenheit', 'celsius']) {
        await press(`da5bscale-${unit}`);
        const { areaList } = await waitForScale(unit);
        const door = areaList.find((a) => a.name === 'Furnace door');
        let state = {};
        await waitFor(async () => {
          const axes = await Promise.all(charts.map((c) => chartAxis(c.id)));
          const series = await chartSeries(charts[0].id);
          const text = await units();
          state = {
            axes,
            text: [...new Set(text)],
            threshold: (series.threshold || []).slice(-1)[0],
            max: (series.max || []).slice(-1)[0],
            points: (series.max || []).length,
          };
          return (
            axes.every((a) => a === UNIT[unit]) &&
            state.text.length === 1 &&
            state.text[0] === UNIT[unit] &&
            state.threshold === door.threshold &&
            state.points >= 2
          );
        }, 45000);
        assert.deepEqual(state.axes, [UNIT[unit], UNIT[unit]], `the charts' axes after the change to ${unit}`);
        assert.deepEqual(state.text, [UNIT[unit]], `every unit written on the page (spot, alarm table) after the change to ${unit}`);
        assert.equal(state.threshold, door.threshold, `the threshold line is the camera's threshold in ${unit}`);
        // The furnace door runs 200-340 °C: 390-645 °F.
        assert.ok(unit === 'fahrenheit' ? state.max > 380 : state.max < 360, `the max line in ${unit}: ${state.max}`);
      }
    } finally {
      await request(started.nodeRedPort, 'DELETE', `/flow/${flowId}`);
      await waitForScale('celsius').catch(() => {});
    }
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

  it('after a restart of npm start (Node-RED and the camera) the alarm table and the charts still hold what they held', async function () {
    const chart = byName('ui-chart', 'Furnace door');
    const rows = page.locator('.nrdb-ui-table tbody tr');
    const before = await rows.allInnerTexts();
    assert.ok(before.length > 0 && /Furnace door \(id \d+\)/.test(before.join('\n')), `rows before the restart, areas with their ids: ${before}`);
    const xs = (await chartSeries(chart.id, { at: 0 })).max || [];
    assert.ok(xs.length > 5, 'points before the restart');
    // Ctrl-C: Node-RED writes its context store to disk as it stops.
    process.kill(started.child.pid, 'SIGINT');
    await Promise.race([started.exited, new Promise((r) => setTimeout(r, 30000))]);
    await started.kill();
    started = await spawnStart(dir);
    assert.match(started.log, /Node-RED editor: /, started.log);
    client.close();
    client = new ThermometryClient({ host: '127.0.0.1', port: started.emulatorPort, username: 'root', password: 'pass' });
    await page.goto(`http://127.0.0.1:${started.nodeRedPort}/dashboard`);
    let after = [];
    await waitFor(async () => (after = await rows.allInnerTexts()).includes(before[0]), 60000);
    assert.ok(after.includes(before[0]), `the newest row of before the restart: ${before[0]}; rows now: ${after}`);
    let xsAfter = [];
    await waitFor(async () => (xsAfter = (await chartSeries(chart.id, { at: 0 })).max || []).includes(xs[xs.length - 1]), 60000);
    assert.ok(xsAfter.includes(xs[xs.length - 1]), "the chart's last point from before the restart is on it");
  });
});
