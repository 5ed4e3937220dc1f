'use strict';
// A new user's first touch, in the Node-RED that `npm start` runs (scripts/start.js on
// free ports, a temporary user directory):
//  - every example imported through the admin API, each button pressed in order with
//    no edit: each of our nodes ends green, or red with the words its comment announces,
//    and the emulator holds exactly the areas it held before (each example removes
//    what it added, and touches nothing else);
//  - in Chromium: two examples imported through the import dialog ask nothing (the
//    camera they carry is the one npm start provisions); an area node dropped onto an
//    empty workspace takes the one camera, and Done + Deploy with no edit of its form
//    make a working area on the emulator; the camera form's "Test connection" tells
//    the model, firmware, API versions and the user's level, or the reason in words.
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const WebSocket = require('ws');
const { ThermometryClient } = require('../../dist/client');
const { NODE_SPECS } = require('../../dist/nodes/shared/node-specs');
const { IMAGES, freePort, request, waitFor, spawnStart, requireChromium, openEditorPage, importFlow, openNodeForm, closeNodeForm, wire } = require('./support');
const { exampleFile, exampleNodes } = require('../support/examples');

const OURS = new Set([...Object.keys(NODE_SPECS), 'thermometry-event', 'thermometry-snapshot']);
const EXAMPLES = [
  'thermometry-area',
  'thermometry-group',
  'thermometry-spot',
  'thermometry-status',
  'thermometry-settings',
  'thermometry-event',
  'thermometry-snapshot',
];

describe('first touch: npm start, the examples as imported, a node as dropped', function () {
  this.timeout(180000);
  let dir;
  let started;
  let emulatorPort;
  let nodeRedPort;
  let client;
  let comms;
  let log = '';
  // Every status any node showed, in order: { id, fill, text }.
  const statuses = [];

  before(async function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thermo-first-'));
    started = await spawnStart(dir);
    ({ emulatorPort, nodeRedPort } = started);
    log = started.log;
    started.child.stdout.on('data', (d) => {
      log += d;
    });
    started.child.stderr.on('data', (d) => {
      log += d;
    });
    assert.match(log, /Starter flow deployed\./, log);
    client = new ThermometryClient({ host: '127.0.0.1', port: emulatorPort, username: 'root', password: 'pass' });
    // The dashboard tab (when Dashboard 2 is installed) adds areas of its own as it starts: stopped here,
    // so that the areas before and after an example are those of the starter flow and the example.
    await request(nodeRedPort, 'DELETE', '/flow/da5b0000000000f1');
    // Node statuses as the editor receives them (Node-RED's comms socket).
    comms = new WebSocket(`ws://127.0.0.1:${nodeRedPort}/comms`);
    await new Promise((resolve, reject) => {
      comms.once('open', resolve);
      comms.once('error', reject);
    });
    comms.on('message', (data) => {
      for (const m of [].concat(JSON.parse(String(data)))) {
        if (m.topic && m.topic.startsWith('status/')) statuses.push({ id: m.topic.slice(7), fill: m.data && m.data.fill, text: m.data && m.data.text });
      }
    });
    comms.send(JSON.stringify({ subscribe: 'status/#' }));
  });

  after(async function () {
    if (comms) comms.close();
    if (client) client.close();
    if (started) {
      // As Ctrl-C does; the whole group killed if that does not end it.
      if (started.child.exitCode === null && started.child.signalCode === null) process.kill(started.child.pid, 'SIGINT');
      await Promise.race([started.exited, new Promise((r) => setTimeout(r, 20000))]);
      await started.kill();
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  afterEach(function () {
    if (this.currentTest.state === 'failed') console.log(log.slice(-3000));
  });

  const lastStatus = (id) => statuses.filter((s) => s.id === id).slice(-1)[0];
  const areasNow = async () => (await client.listAreas()).areaList;

  async function deployedNodes() {
    const flows = JSON.parse((await request(nodeRedPort, 'GET', '/flows')).body);
    return Array.isArray(flows) ? flows : flows.flows;
  }

  async function pressInject(id) {
    let res;
    await waitFor(async () => (res = await request(nodeRedPort, 'POST', `/inject/${id}`)).status === 200, 30000);
    assert.equal(res && res.status, 200, `inject ${id}: ${res && res.body}`);
  }

  it('npm start\'s camera is "emulator-camera", with the emulator\'s credentials stored by Node-RED', async function () {
    const cam = (await deployedNodes()).find((n) => n.id === 'emulator-camera');
    assert.ok(cam, 'the camera every example refers to');
    assert.equal(cam.name, 'Emulator (npm start)');
    assert.equal(cam.port, String(emulatorPort));
    const creds = JSON.parse((await request(nodeRedPort, 'GET', '/credentials/thermometry-camera/emulator-camera')).body);
    assert.equal(creds.username, 'root');
    assert.equal(creds.has_password, true);
    assert.equal(creds.password, undefined, 'the password never goes to the browser');
  });

  for (const name of EXAMPLES) {
    it(`${name}: imported as it is, every button pressed with no edit, the nodes end green or as the comment says, no area left or lost`, async function () {
      // Someone's area (the starter flow's button) that no example may touch.
      const starter = (await deployedNodes()).find((n) => n.type === 'inject' && n.name === 'add area' && n.z === '5a7e0000000000f1');
      if ((await areasNow()).length === 0) await pressInject(starter.id);
      await waitFor(async () => (await areasNow()).length > 0, 30000);
      const before = await areasNow();
      assert.ok(before.length > 0);

      const example = exampleNodes(name);
      const comment = example.find((n) => n.type === 'comment');
      // The camera it carries exists: an import uses that one (as the editor's import does).
      const nodes = example.filter((n) => n.id !== 'emulator-camera');
      const added = await request(nodeRedPort, 'POST', '/flow', { label: name, nodes });
      assert.equal(added.status, 200, `POST /flow: ${added.status} ${added.body}`);
      const ours = nodes.filter((n) => OURS.has(n.type));
      const byId = new Map(nodes.map((n) => [n.id, n]));
      // The first of our nodes an inject's wires reach (through the example's function nodes).
      const targetOf = (inj) => {
        let n = byId.get(inj.wires[0][0]);
        while (n && !OURS.has(n.type)) n = byId.get(n.wires[0][0]);
        return n;
      };
      for (const inj of nodes.filter((n) => n.type === 'inject').sort((a, b) => a.y - b.y)) {
        const target = targetOf(inj);
        const seen = statuses.length;
        await pressInject(inj.id);
        // The node's answer: its status after the press, once it is no longer busy (blue).
        await waitFor(() => statuses.slice(seen).some((s) => s.id === target.id && (s.fill === 'green' || s.fill === 'red')), 30000);
        const answer = statuses
          .slice(seen)
          .filter((s) => s.id === target.id && (s.fill === 'green' || s.fill === 'red'))
          .pop();
        assert.ok(answer, `${inj.name}: ${target.type} answered`);
        if (answer.fill === 'red') assert.ok(comment.info.includes(answer.text), `${inj.name}: red "${answer.text}", which the comment does not announce`);
      }
      for (const n of ours) {
        // Nodes no button reaches (the event node, a polling status node) answer by themselves.
        await waitFor(() => {
          const s = lastStatus(n.id);
          return s && (s.fill === 'green' || s.fill === 'red');
        }, 30000);
        const s = lastStatus(n.id);
        assert.ok(s, `${n.type} "${n.name}" shows a status`);
        assert.ok(s.fill === 'green' || comment.info.includes(s.text), `${n.type} "${n.name}" ends ${s.fill} "${s.text}"`);
      }
      assert.deepEqual(await areasNow(), before, 'the emulator holds the areas it held before, unchanged');
      // Gone again, so that the browser's imports below meet no node ids but the camera's.
      const tab = JSON.parse(added.body).id;
      assert.equal((await request(nodeRedPort, 'DELETE', `/flow/${tab}`)).status, 204);
    });
  }

  describe('in Chromium', function () {
    let browser;
    let page;

    before(async function () {
      const executablePath = requireChromium(this);
      ({ browser, page } = await openEditorPage(executablePath, nodeRedPort, (line) => (log += line), {
        ready: '.red-ui-palette-node[data-palette-type="thermometry-area"]',
        readyOptions: { state: 'attached', timeout: 60000 },
      }));
      await page.waitForFunction(() => window.RED && RED.nodes.node('emulator-camera'), null, { timeout: 60000 });
    });

    after(async function () {
      if (browser) await browser.close();
    });

    async function screenshotTray(name) {
      fs.mkdirSync(IMAGES, { recursive: true });
      await page.waitForTimeout(300);
      await page.mouse.move(1, 1);
      await page.evaluate(() => document.querySelectorAll('.red-ui-notification, .red-ui-popover').forEach((n) => n.remove()));
      const file = path.join(IMAGES, `${name}.png`);
      await page.locator('.red-ui-tray').last().screenshot({ path: file });
      return file;
    }

    const openEditor = (nodeId) => openNodeForm(page, nodeId);

    async function newTab() {
      await page.evaluate(() => RED.actions.invoke('core:add-flow'));
      await page.waitForFunction(() => RED.nodes.filterNodes({ z: RED.workspaces.active() }).length === 0);
    }

    async function drop(type, x, y) {
      await page.fill('#red-ui-palette-search input', type);
      await page.dragAndDrop(`.red-ui-palette-node[data-palette-type="${type}"]`, '#red-ui-workspace-chart', { targetPosition: { x, y } });
      return page.evaluate((t) => RED.nodes.filterNodes({ type: t, z: RED.workspaces.active() }).slice(-1)[0].id, type);
    }

    it('imports two examples through the import dialog and asks nothing: their nodes use the one camera', async function () {
      await newTab();
      const tabsBefore = await page.evaluate(() => {
        const ids = [];
        RED.nodes.eachWorkspace((w) => ids.push(w.id));
        return ids;
      });
      for (const [i, name] of ['thermometry-spot', 'thermometry-settings'].entries()) {
        const text = fs.readFileSync(exampleFile(name), 'utf8');
        await importFlow(page, text, { x: 200, y: 120 + i * 420 });
        await page.waitForTimeout(500);
        const conflict = await page.locator('.red-ui-notification', { hasText: 'already exist' }).count();
        assert.equal(conflict, 0, `${name}: Node-RED asked about nodes that already exist`);
      }
      const cameras = await page.evaluate(() => {
        const ids = [];
        RED.nodes.eachConfig((c) => {
          if (c.type === 'thermometry-camera') ids.push(c.id);
        });
        return ids;
      });
      assert.deepEqual(cameras, ['emulator-camera'], 'one camera, not one per import');
      // Each example comes on a tab of its own.
      const tabs = await page.evaluate((before) => {
        const ids = [];
        RED.nodes.eachWorkspace((w) => {
          if (!before.includes(w.id)) ids.push(w.id);
        });
        return ids;
      }, tabsBefore);
      assert.ok(tabs.length >= 2, `a tab per example: ${tabs.length}`);
      const users = await page.evaluate(
        (ids) =>
          ids
            .flatMap((z) => RED.nodes.filterNodes({ z }))
            .filter((n) => n.type.startsWith('thermometry-'))
            .map((n) => n.camera),
        tabs,
      );
      assert.ok(users.length >= 2 && users.every((c) => c === 'emulator-camera'), `the imported nodes use the camera: ${users}`);
      // Leave the editor as it was: nothing of these tabs is deployed.
      await page.evaluate((ids) => ids.forEach((id) => RED.workspaces.delete(RED.nodes.workspace(id))), tabs);
    });

    it('an area node dropped onto an empty workspace takes the one camera; Done and Deploy with no edit make a working area', async function () {
      const before = await areasNow();
      await newTab();
      const areaId = await drop('thermometry-area', 420, 200);
      const injectId = await drop('inject', 180, 200);
      assert.equal(await page.evaluate((id) => RED.nodes.node(id).camera, areaId), 'emulator-camera', 'the camera, as dropped');
      // Wire the inject to the area node (the form stays as it came).
      await wire(page, injectId, areaId);
      await openEditor(areaId);
      assert.equal(await page.inputValue('#node-input-camera'), 'emulator-camera');
      assert.equal(await page.inputValue('#node-input-operation'), 'addArea', 'an area node starts on "add area"');
      // The camera's scale beside the temperatures, and labels for people beside the API values.
      await page.waitForFunction(
        () => document.querySelector('#node-input-threshold').parentElement.querySelector('.thermometry-unit').textContent === '°C',
        null,
        { timeout: 30000 },
      );
      const overlay = await page.$eval('#node-input-areaOverlay option[value="if_triggered"]', (o) => o.textContent);
      assert.match(overlay, /when triggered/);
      await screenshotTray('first-touch-area-form');
      await closeNodeForm(page, '#node-dialog-ok');
      const valid = await page.evaluate((id) => RED.nodes.node(id).valid, areaId);
      assert.equal(valid, true, 'the dropped node is valid as it is');
      await page.click('#red-ui-header-button-deploy');
      await page.waitForSelector('.red-ui-notification >> text=Successfully deployed', { timeout: 30000 });
      // The inject's button: live once the editor has taken in the deploy.
      let after = before;
      for (let attempt = 0; attempt < 5 && after.length === before.length; attempt++) {
        const button = await page.locator(`g.red-ui-flow-node-group[id="${injectId}"] .red-ui-flow-node-button`).boundingBox();
        await page.mouse.click(button.x + button.width / 2, button.y + button.height / 2);
        await waitFor(async () => (after = await areasNow()).length > before.length, 10000);
      }
      const added = after.filter((a) => !before.some((b) => b.id === a.id));
      assert.equal(added.length, 1, 'one area added');
      assert.deepEqual([added[0].name, added[0].detectionType, added[0].threshold, added[0].delay], ['Furnace door watch', 'above', 60, 5]);
      // It works: the furnace door heats it past 60 °C, so it triggers.
      let triggered = false;
      await waitFor(async () => (triggered = (await client.getAreaStatus()).areaList.some((s) => s.id === added[0].id && s.triggered)), 60000);
      assert.ok(triggered, 'the default area over the furnace door triggers');
      await waitFor(() => {
        const s = lastStatus(areaId);
        return s && s.fill === 'green';
      }, 10000);
      assert.equal(lastStatus(areaId).text, `area ${added[0].id} added`);
      await client.removeAreas({ areas: [added[0].id] });
    });

    it('reworded forms: spot coordinates, group measure, settings scale (screenshots)', async function () {
      await newTab();
      const forms = {
        'thermometry-spot': async () => {
          assert.equal(await page.inputValue('#node-input-operation'), 'getSpotTemperature', 'a spot node starts on "read spot"');
          assert.match(await page.$eval('#node-input-coordinateSystem option[value="coord_neg1_1"]', (o) => o.textContent), /centre origin, -1\.\.1, y up/);
        },
        'thermometry-group': async () => {
          await page.selectOption('#node-input-operation', 'addGroup');
          assert.match(await page.$eval('#node-input-measurement option[value="inherit"]', (o) => o.textContent), /each area's own measure/);
        },
        'thermometry-status': async () => assert.equal(await page.inputValue('#node-input-operation'), 'getAreaStatus'),
        'thermometry-settings': async () => page.selectOption('#node-input-operation', 'setIsothermLevels'),
      };
      let y = 100;
      for (const [type, check] of Object.entries(forms)) {
        const id = await drop(type, 300, y);
        await openEditor(id);
        assert.equal(await page.inputValue('#node-input-camera'), 'emulator-camera', `${type}: the one camera`);
        await check();
        await screenshotTray(`first-touch-${type.replace('thermometry-', '')}-form`);
        await closeNodeForm(page);
        y += 60;
      }
      await page.evaluate(() => RED.workspaces.delete(RED.nodes.workspace(RED.workspaces.active())));
    });

    it('the camera form\'s "Test connection" names the camera, firmware, API versions and user level, or the reason in words', async function () {
      await page.evaluate(() => RED.editor.editConfig('', 'thermometry-camera', 'emulator-camera'));
      await page.waitForSelector('#node-config-input-host', { state: 'visible' });
      assert.equal(await page.inputValue('#node-config-input-password'), '__PWRD__', 'the stored password stays on the server');
      await page.click('#node-config-thermometry-test');
      const result = page.locator('#node-config-thermometry-test-result');
      await page.waitForFunction(() => /connected to|✗/.test(document.querySelector('#node-config-thermometry-test-result').textContent), null, {
        timeout: 30000,
      });
      const ok = await result.innerText();
      assert.match(ok, /connected to AXIS Q2101-TE Thermal Camera \(emulator\), firmware \d+\.\d+\.\d+/);
      // getSupportedVersions lists the highest minor of each major.
      assert.match(ok, /API 1\.3 \(using 1\.3\)/);
      assert.match(ok, /user level: administrator/);
      assert.match(ok, /scale °C/);
      await screenshotTray('first-touch-camera-test');
      // A viewer, typed: the level and what it lacks.
      await page.fill('#node-config-input-username', 'viewer');
      await page.fill('#node-config-input-password', 'viewer');
      await page.click('#node-config-thermometry-test');
      await page.waitForFunction(() => /✗/.test(document.querySelector('#node-config-thermometry-test-result').textContent), null, { timeout: 30000 });
      assert.equal(await result.innerText(), '✗ this user is a viewer: using thermometry needs an operator');
      // A wrong password.
      await page.fill('#node-config-input-username', 'root');
      await page.fill('#node-config-input-password', 'not-it');
      await page.click('#node-config-thermometry-test');
      await page.waitForFunction(() => /wrong/.test(document.querySelector('#node-config-thermometry-test-result').textContent), null, { timeout: 30000 });
      assert.equal(await result.innerText(), '✗ wrong user name or password');
      // Nothing listening on the port.
      const closed = await freePort();
      await page.fill('#node-config-input-password', 'pass');
      await page.fill('#node-config-input-port', String(closed));
      await page.click('#node-config-thermometry-test');
      await page.waitForFunction(() => /refused|✗/.test(document.querySelector('#node-config-thermometry-test-result').textContent), null, { timeout: 30000 });
      assert.equal(await result.innerText(), `✗ cannot reach 127.0.0.1:${closed} (connection refused)`);
      await screenshotTray('first-touch-camera-test-failed');
      await page.click('#node-config-dialog-cancel');
    });
  });
});
