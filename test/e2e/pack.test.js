'use strict';
// The package as a user gets it: npm pack, install the tarball into a fresh
// Node-RED user directory, start Node-RED (a child process), check through the
// admin API that every node type is registered, deploy an example flow with
// credentials as the editor sends them, see its output, and find the password
// in neither the flow files nor the log.
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { start } = require('../../dist/emulator');
const { pkg, freePort, request, waitFor, packInto, installPacked, startNodeRed, stopNodeRed } = require('./support');
const { exampleFile, exampleNodes } = require('../support/examples');

const PASSWORD = 'e2e-Pw-7c1f9a-never-logged';

describe('the packed package in a fresh Node-RED', function () {
  this.timeout(240000);
  let dir;
  let userDir;
  let emulator;
  let child;
  let port;
  let log = '';

  before(async function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thermo-pack-'));
    userDir = path.join(dir, 'user');
    installPacked(packInto(dir), userDir);
    fs.writeFileSync(
      path.join(userDir, 'settings.js'),
      `module.exports = {
      uiHost: '127.0.0.1', flowFile: 'flows.json', credentialSecret: 'e2e-credential-secret',
      logging: { console: { level: 'info' } }, editorTheme: { tours: false }, diagnostics: { enabled: false }, telemetry: { enabled: false } };\n`,
    );
    emulator = await start({ port: 0, users: [{ username: 'root', password: PASSWORD, role: 'administrator' }] });
    port = await freePort();
    child = await startNodeRed(userDir, port, (d) => {
      log += d;
    });
  });

  after(async function () {
    await stopNodeRed(child);
    if (emulator) await emulator.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('installs from the tarball with the nodes, editor, help, icons and examples, and nothing of the sources', function () {
    const installed = path.join(userDir, 'node_modules', pkg.name);
    assert.ok(!fs.lstatSync(installed).isSymbolicLink(), 'a real install, not a link');
    for (const type of Object.keys(pkg['node-red'].nodes)) {
      assert.ok(fs.existsSync(path.join(installed, 'nodes', `${type}.js`)), `${type}.js`);
      assert.ok(fs.existsSync(path.join(installed, 'nodes', `${type}.html`)), `${type}.html`);
      assert.ok(fs.existsSync(path.join(installed, 'nodes', 'locales', 'en-US', `${type}.json`)), `${type} labels`);
    }
    assert.ok(fs.readdirSync(path.join(installed, 'nodes', 'icons')).length >= 5, 'icons');
    assert.ok(fs.existsSync(path.join(installed, 'examples', path.basename(exampleFile('thermometry-area')))));
    assert.ok(!fs.existsSync(path.join(installed, 'src')), 'no TypeScript sources');
    assert.ok(!fs.existsSync(path.join(installed, 'test')), 'no tests');
  });

  it('registers every node type of package.json (GET /nodes)', async function () {
    const res = await request(port, 'GET', '/nodes');
    assert.equal(res.status, 200);
    const { version } = JSON.parse((await request(port, 'GET', '/settings')).body);
    console.log(`      Node-RED ${version} on Node ${process.version}`);
    const sets = JSON.parse(res.body).filter((s) => s.module === pkg.name);
    const types = sets.flatMap((s) => s.types);
    for (const type of Object.keys(pkg['node-red'].nodes)) assert.ok(types.includes(type), `${type} registered`);
    for (const s of sets) {
      assert.equal(s.enabled, true, s.id);
      assert.ok(!s.err, `${s.id}: ${s.err}`);
    }
  });

  it('runs the area example deployed like the editor does, and keeps the password out of files and logs', async function () {
    const example = exampleNodes('thermometry-area');
    const tab = { id: 'e2e0000000000001', type: 'tab', label: 'e2e' };
    const flow = [tab];
    for (const n of example) {
      const node = { ...n };
      if (node.type === 'thermometry-camera') {
        node.port = String(emulator.port);
        node.credentials = { username: 'root', password: PASSWORD };
      } else {
        node.z = tab.id;
      }
      if (node.type === 'debug') Object.assign(node, { console: true, tosidebar: false });
      flow.push(node);
    }
    const deployed = await request(port, 'POST', '/flows', flow);
    assert.ok(deployed.status === 204 || deployed.status === 200, `deploy: ${deployed.status} ${deployed.body}`);
    const add = example.find((n) => n.type === 'inject' && n.name === 'add area (editor fields)');
    const list = example.find((n) => n.type === 'inject' && n.name === 'list areas');
    // The flow starts just after the deploy answers: retry until the inject node exists.
    let injected;
    await waitFor(async () => (injected = await request(port, 'POST', `/inject/${add.id}`)).status === 200);
    assert.equal(injected && injected.status, 200, `inject: ${injected && injected.body}\n${log}`);
    // The example's debug nodes show msg.payload: addArea's is the id and the name.
    await waitFor(() => /\[debug:reply\][\s\S]*\{ id: 0, name: 'Furnace door \(area example\)' \}/.test(log));
    assert.match(log, /\[debug:reply\][\s\S]*\{ id: 0, name: 'Furnace door \(area example\)' \}/, `add area output in the log:\n${log}`);
    assert.equal((await request(port, 'POST', `/inject/${list.id}`)).status, 200);
    // Only the list holds the threshold.
    await waitFor(() => /name: 'Furnace door \(area example\)'[\s\S]*threshold: 60/.test(log));
    assert.match(log, /name: 'Furnace door \(area example\)'[\s\S]*threshold: 60/, 'list areas output in the log');

    const files = ['flows.json', 'flows_cred.json'].map((f) => path.join(userDir, f));
    assert.ok(fs.existsSync(files[1]), 'credentials stored apart');
    for (const f of files) assert.ok(!fs.readFileSync(f, 'utf8').includes(PASSWORD), `no password in ${path.basename(f)}`);
    assert.ok(!log.includes(PASSWORD), 'no password in the log');
    const exported = await request(port, 'GET', '/flows');
    assert.ok(!exported.body.includes(PASSWORD), 'no password in GET /flows');
  });

  it('takes a payload built in a Function node (another vm realm) and reaches the field rules with it', async function () {
    // inject -> Function (builds msg.payload as a user writes it) -> area node -> debug; a catch node for the area node.
    const id = (n) => `e2efn00000000${String(n).padStart(3, '0')}`;
    const tab = { id: id(0), type: 'tab', label: 'function payloads' };
    const func = (payload) => `return { payload: ${payload} };`;
    const debug = (n, name) => ({
      id: id(n),
      z: tab.id,
      type: 'debug',
      name,
      active: true,
      tosidebar: false,
      console: true,
      tostatus: false,
      complete: 'true',
      targetType: 'full',
      x: 600,
      y: 40 * n,
      wires: [],
    });
    const flow = [
      tab,
      {
        id: id(1),
        type: 'thermometry-camera',
        name: 'Emulator',
        host: '127.0.0.1',
        port: String(emulator.port),
        protocol: 'http',
        tls: 'verify',
        apiVersion: 'auto',
        timeout: '10',
        credentials: { username: 'root', password: PASSWORD },
      },
      { id: id(2), z: tab.id, type: 'inject', name: 'fn good', props: [], repeat: '', once: false, x: 100, y: 40, wires: [[id(3)]] },
      {
        id: id(3),
        z: tab.id,
        type: 'function',
        name: 'build area',
        func: func(
          "{ enabled: true, name: 'Fn door', detectionType: 'above', measurement: 'maximum', threshold: 70, delay: 0, vertices: [[-0.5, -0.5], [0.5, -0.5], [0.5, 0.5], [-0.5, 0.5]] }",
        ),
        outputs: 1,
        x: 250,
        y: 40,
        wires: [[id(6)]],
      },
      { id: id(4), z: tab.id, type: 'inject', name: 'fn bad', props: [], repeat: '', once: false, x: 100, y: 80, wires: [[id(5)]] },
      {
        id: id(5),
        z: tab.id,
        type: 'function',
        name: 'build bad area',
        func: func("{ name: 'Fn hot', threshold: 'hot' }"),
        outputs: 1,
        x: 250,
        y: 80,
        wires: [[id(6)]],
      },
      {
        id: id(6),
        z: tab.id,
        type: 'thermometry-area',
        name: '',
        camera: id(1),
        operation: 'addArea',
        enabled: true,
        areaName: 'Editor',
        detectionType: 'above',
        measurement: 'maximum',
        threshold: '60',
        delay: '5',
        vertices: '[[-0.9,-0.9],[0.9,-0.9],[0.9,0.9],[-0.9,0.9]]',
        x: 420,
        y: 60,
        wires: [[id(7)]],
      },
      debug(7, 'fn-reply'),
      { id: id(8), z: tab.id, type: 'catch', name: '', scope: [id(6)], uncaught: false, x: 420, y: 160, wires: [[id(9)]] },
      debug(9, 'fn-error'),
    ];
    const deployed = await request(port, 'POST', '/flows', flow);
    assert.ok(deployed.status === 204 || deployed.status === 200, `deploy: ${deployed.status} ${deployed.body}`);
    let injected;
    await waitFor(async () => (injected = await request(port, 'POST', `/inject/${id(2)}`)).status === 200);
    assert.equal(injected && injected.status, 200, `inject: ${injected && injected.body}\n${log}`);
    await waitFor(() => /\[debug:fn-reply\][\s\S]*payload: \{ id: \d+, name: 'Fn door' \}/.test(log));
    assert.match(log, /\[debug:fn-reply\][\s\S]*payload: \{ id: \d+, name: 'Fn door' \}/, `the Function-built payload added an area:\n${log}`);
    assert.doesNotMatch(log, /got a object|msg\.payload must be an object/, 'no payload-shape refusal');
    const added = emulator.camera.listAreas().find((a) => a.name === 'Fn door');
    assert.ok(added, 'the camera holds the area the Function node described');
    assert.equal(added.threshold, 70);
    assert.equal((await request(port, 'POST', `/inject/${id(4)}`)).status, 200);
    await waitFor(() => /\[debug:fn-error\][\s\S]*threshold/.test(log));
    assert.match(log, /\[debug:fn-error\][\s\S]*"threshold" must be a whole number/, `the threshold rule answered:\n${log}`);
    assert.doesNotMatch(log, /msg\.payload must be an object/, 'the field rule, not the payload-shape refusal');
  });
});
