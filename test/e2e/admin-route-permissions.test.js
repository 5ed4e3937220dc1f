'use strict';
// The editor's camera routes against a reader (adminAuth on, a user with only
// the `read` permission) and against stored credentials that are not the
// camera's own: a listener of this test's own stands where a reader would
// point Node-RED, and must see no connection; no answer may hold a stored
// password; a file path in a body is refused at once; typed-settings clients
// stay few (descriptors bounded over 3000 requests).
const assert = require('node:assert/strict');
const fs = require('fs');
const net = require('net');
const path = require('path');
const bcrypt = require('bcryptjs');
const { start, createScene, addSceneRoutes } = require('../../dist/emulator');
const { call } = require('../support/admin-call');
const { freePort, linkedUserDir, startNodeRed, stopNodeRed, waitFor, requireChromium, openEditorPage } = require('./support');

const CAMERA_PW = 'Cam-Pw-5d21';
const DISABLED_PW = 'Disabled-Pw-81aa';
const TAB_PW = 'Tab-Pw-3c9e';
const MQTT_PW = 'Mqtt-Pw-77f0';
const HTTP_PW = 'Http-Pw-2b64';
const SECRETS = [CAMERA_PW, DISABLED_PW, TAB_PW, MQTT_PW, HTTP_PW];
const ADMIN_PW = 'admin-Pw-40e1';

/** Resident memory and open descriptors of a process (Linux /proc). */
function rssOf(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m[1]) * 1024;
}
function descriptorsOf(pid) {
  return fs.readdirSync(`/proc/${pid}/fd`).length;
}

describe('editor camera routes: permissions and stored credentials (adminAuth on, a read user)', function () {
  this.timeout(240000);
  let dir;
  let child;
  let port;
  let emulator;
  let other;
  let listener;
  let listenerPort;
  let closedPort;
  const seen = []; // what reached the listener: one entry per connection, with its bytes
  let log = '';
  let adminToken;
  let readerToken;
  const answers = [];

  async function post(what, id, body, token) {
    const res = await call(port, 'POST', `/axis-thermometry/camera/${encodeURIComponent(id)}/${what}`, { token, body });
    answers.push(res.text);
    return res;
  }

  async function tokenFor(username, scope) {
    const res = await call(port, 'POST', '/auth/token', { form: { client_id: 'node-red-admin', grant_type: 'password', scope, username, password: ADMIN_PW } });
    assert.equal(res.status, 200, `no token for ${username}: ${res.text}`);
    return res.json.access_token;
  }

  before(async function () {
    const camera = async () => {
      const scene = createScene();
      const emu = await start({
        port: 0,
        sensor: scene,
        users: [
          { username: 'root', password: CAMERA_PW, role: 'administrator' },
          { username: 'dis', password: DISABLED_PW, role: 'operator' },
        ],
      });
      addSceneRoutes(emu, scene);
      return emu;
    };
    emulator = await camera();
    other = await camera();
    // The reader's host: answers 401 Basic, as one that wants the password in clear would.
    listener = net.createServer((socket) => {
      const entry = { data: '' };
      seen.push(entry);
      socket.on('data', (d) => {
        entry.data += d.toString('latin1');
        socket.end('HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="x"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      });
      socket.on('error', () => undefined);
    });
    await new Promise((r) => listener.listen(0, '127.0.0.1', r));
    listenerPort = listener.address().port;
    closedPort = await freePort();
    dir = linkedUserDir('thermo-perm-', 'perm-test');
    const hash = bcrypt.hashSync(ADMIN_PW, 8);
    fs.writeFileSync(
      path.join(dir, 'settings.js'),
      `module.exports = { uiHost: '127.0.0.1', flowFile: 'flows.json', credentialSecret: 'perm-test',
      editorTheme: { tours: false }, diagnostics: { enabled: false }, telemetry: { enabled: false }, logging: { console: { level: 'debug' } },
      adminAuth: { type: 'credentials', users: [
        { username: 'admin', password: ${JSON.stringify(hash)}, permissions: '*' },
        { username: 'reader', password: ${JSON.stringify(hash)}, permissions: 'read' } ] } };\n`,
    );
    port = await freePort();
    child = await startNodeRed(
      dir,
      port,
      (d) => {
        log += d;
      },
      { readyPath: '/auth/login' },
    );
    adminToken = await tokenFor('admin', '*');
    readerToken = await tokenFor('reader', 'read');
    const cam = (id, extra, password, username = 'root') => ({
      id,
      type: 'thermometry-camera',
      name: `Camera ${id}`,
      host: '127.0.0.1',
      port: String(other.port),
      protocol: 'http',
      tls: 'verify',
      apiVersion: 'auto',
      timeout: '5',
      ...extra,
      credentials: { username, password },
    });
    const deployed = await call(port, 'POST', '/flows', {
      token: adminToken,
      body: [
        { id: 'tab1', type: 'tab', label: 'Main' },
        { id: 'tab2', type: 'tab', label: 'Off', disabled: true },
        cam('cam', { port: String(emulator.port) }, CAMERA_PW),
        cam('discam', { d: true }, DISABLED_PW, 'dis'),
        cam('tabcam', { z: 'tab2' }, TAB_PW),
        {
          id: 'broker',
          type: 'mqtt-broker',
          name: 'Broker',
          broker: '127.0.0.1',
          port: String(closedPort),
          clientid: '',
          autoConnect: true,
          usetls: false,
          protocolVersion: '4',
          keepalive: '60',
          cleansession: true,
          credentials: { user: 'root', password: MQTT_PW },
        },
        {
          id: 'httpreq',
          type: 'http request',
          z: 'tab1',
          name: '',
          method: 'GET',
          ret: 'txt',
          paytoqs: 'ignore',
          url: `http://127.0.0.1:${closedPort}/`,
          authType: 'basic',
          x: 100,
          y: 100,
          wires: [[]],
          credentials: { user: 'root', password: HTTP_PW },
        },
      ],
    });
    assert.equal(deployed.status, 204, deployed.text);
    await waitFor(async () => (await post('view', 'cam', {}, adminToken)).status === 200, 30000);
  });

  after(async function () {
    await stopNodeRed(child);
    if (emulator) await emulator.stop();
    if (other) await other.stop();
    if (listener) await new Promise((r) => listener.close(r));
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    if (process.env.SHOW_LOG) console.log(log);
    for (const text of answers) for (const secret of SECRETS) assert.ok(!text.includes(secret), `an answer holds a stored password: ${text.slice(0, 200)}`);
    for (const secret of SECRETS) assert.ok(!log.includes(secret), 'the Node-RED log holds a stored password');
  });

  const IDS = ['cam', 'discam', 'tabcam', 'broker', 'httpreq', 'nothing-here'];
  const ROUTES = ['view', 'snapshot', 'test'];

  it("a reader makes no connection to an address of its choosing, with any node id's credentials or typed ones", async () => {
    const bodies = [
      { camera: { host: '127.0.0.1', port: String(listenerPort), protocol: 'http', username: 'root', password: '__PWRD__' } },
      { camera: { host: '127.0.0.1', port: String(listenerPort), password: '__PWRD__' } },
      { camera: { host: '127.0.0.1', port: String(listenerPort) } },
      { camera: { host: '127.0.0.1', port: String(listenerPort), username: 'root', password: 'typed-by-reader' } },
      // The deployed camera's own address but another user name: not the deployed camera any more.
      { camera: { host: '127.0.0.1', port: String(emulator.port), protocol: 'http', username: 'someone', password: '__PWRD__' } },
    ];
    for (const id of IDS) {
      for (const what of ROUTES) {
        for (const body of bodies) {
          const res = await post(what, id, body, readerToken);
          assert.ok([400, 403, 404].includes(res.status), `${what} ${id} ${JSON.stringify(body.camera)}: ${res.status} ${res.text.slice(0, 200)}`);
        }
      }
    }
    // The refusal says what is missing, for the form to show.
    const refused = await post('test', 'cam', bodies[0], readerToken);
    assert.equal(refused.status, 403);
    assert.equal(refused.json.permission, 'flows.write');
    assert.match(refused.json.error, /change the flows/);
    assert.equal(seen.length, 0, `the listener was reached ${seen.length} times: ${seen.map((s) => s.data.slice(0, 120)).join(' | ')}`);
  });

  it('a reader reads the deployed camera (no settings, or its deployed settings with the stored password), and nothing not deployed', async () => {
    for (const what of ROUTES) {
      const res = await post(what, 'cam', {}, readerToken);
      assert.equal(res.status, 200, `${what}: ${res.text.slice(0, 200)}`);
    }
    // What the editor sends while the form is unchanged: the deployed settings, no password.
    const asDeployed = {
      host: '127.0.0.1',
      port: String(emulator.port),
      protocol: 'http',
      tls: 'verify',
      caPem: '',
      apiVersion: 'auto',
      timeout: '5',
      username: 'root',
    };
    const view = await post('view', 'cam', { camera: asDeployed }, readerToken);
    assert.equal(view.status, 200, view.text.slice(0, 200));
    assert.equal(view.json.camera, `127.0.0.1:${emulator.port}`);
    // Not running (disabled, on a disabled tab) or not a camera: nothing to read.
    for (const id of ['discam', 'tabcam', 'broker', 'httpreq']) {
      const res = await post('view', id, {}, readerToken);
      assert.equal(res.status, 404, `${id}: ${res.text}`);
    }
    assert.equal((await call(port, 'GET', '/axis-thermometry/capabilities/cam', { token: readerToken })).status, 200);
    assert.equal(seen.length, 0);
  });

  it('stored credentials serve only their own camera node, address, port, protocol and user name, even for a user who may deploy', async () => {
    const at = (extra) => ({ camera: { host: '127.0.0.1', port: String(listenerPort), protocol: 'http', username: 'root', password: '__PWRD__', ...extra } });
    for (const id of IDS) {
      for (const what of ROUTES) {
        const res = await post(what, id, at({}), adminToken);
        assert.equal(res.status, 400, `${what} ${id}: ${res.status} ${res.text.slice(0, 200)}`);
        assert.match(res.json.error, /stored password is used only with/);
        assert.ok(!res.text.includes(String(other.port)) && !res.text.includes(String(emulator.port)), 'the refusal tells nothing of what is stored');
      }
    }
    // Same host and port, another protocol; the camera's address with another user name.
    assert.equal(
      (
        await post(
          'test',
          'cam',
          { camera: { host: '127.0.0.1', port: String(emulator.port), protocol: 'https', tls: 'insecure', username: 'root', password: '__PWRD__' } },
          adminToken,
        )
      ).status,
      400,
    );
    assert.equal(
      (
        await post(
          'test',
          'cam',
          { camera: { host: '127.0.0.1', port: String(emulator.port), protocol: 'http', username: 'admin2', password: '__PWRD__' } },
          adminToken,
        )
      ).status,
      400,
    );
    // Its own node at its own address: used (a disabled camera too, for a user who could enable and deploy it).
    const own = await post(
      'test',
      'discam',
      { camera: { host: '127.0.0.1', port: String(other.port), protocol: 'http', username: 'dis', password: '__PWRD__' } },
      adminToken,
    );
    assert.equal(own.status, 200, own.text);
    assert.equal(own.json.ok, true, own.text);
    assert.equal(own.json.userLevel, 'operator', "signed in as the disabled camera's own user");
    // A hex port is not a port.
    const hex = await post(
      'test',
      'new-cam',
      { camera: { host: '127.0.0.1', port: `0x${emulator.port.toString(16)}`, username: 'root', password: 'x' } },
      adminToken,
    );
    assert.equal(hex.status, 400);
    assert.match(hex.json.error, /port/);
    assert.equal(seen.length, 0, 'nothing reached the listener');
    // The control: a password typed by a user who may deploy does go where it is told (so the listener would have seen the others).
    await post('test', 'new-cam', { camera: { host: '127.0.0.1', port: String(listenerPort), username: 'root', password: 'typed-by-admin' } }, adminToken);
    assert.ok(seen.length >= 1, 'the listener sees a connection when one is allowed');
    seen.length = 0;
  });

  it('refuses a file path in a body at once, whoever asks, and Node-RED does not grow', async () => {
    const before = rssOf(child.pid);
    for (const token of [readerToken, adminToken]) {
      for (const what of ROUTES) {
        for (const file of ['/dev/zero', '/dev/urandom', '/etc/hostname', '/nonexistent.pem']) {
          const body = {
            camera: { host: '127.0.0.1', port: String(emulator.port), protocol: 'https', tls: 'ca', caFile: file, username: 'root', password: '__PWRD__' },
          };
          const res = await post(what, 'cam', body, token);
          assert.equal(res.status, 400, `${what} ${file}: ${res.text}`);
          assert.match(res.json.error, /caFile: a file path is not accepted/);
        }
      }
    }
    assert.ok(rssOf(child.pid) - before < 64 * 1024 * 1024, `Node-RED grew by ${((rssOf(child.pid) - before) / 1048576).toFixed(0)} MB`);
    // Alive and answering.
    assert.equal((await post('view', 'cam', {}, readerToken)).status, 200);
  });

  it('keeps typed-settings clients few: 3000 requests with distinct settings leave the descriptor count bounded', async () => {
    const baseline = descriptorsOf(child.pid);
    let most = baseline;
    const sampler = setInterval(() => {
      try {
        most = Math.max(most, descriptorsOf(child.pid));
      } catch {
        // the process is gone: the test fails below
      }
    }, 50);
    const statuses = {};
    let next = 0;
    const worker = async () => {
      while (next < 3000) {
        const i = next++;
        const res = await post(
          'snapshot',
          'new-cam',
          { camera: { host: '127.0.0.1', port: String(other.port), username: `user${i}`, password: `pw${i}`, timeout: String(5 + (i % 50) / 10) } },
          adminToken,
        );
        statuses[res.status] = (statuses[res.status] || 0) + 1;
      }
    };
    try {
      await Promise.all(Array.from({ length: 12 }, worker));
    } finally {
      clearInterval(sampler);
    }
    most = Math.max(most, descriptorsOf(child.pid));
    assert.ok(statuses[502] > 0, `some reached the camera: ${JSON.stringify(statuses)}`);
    assert.ok(most - baseline < 150, `descriptors grew from ${baseline} to ${most} (${JSON.stringify(statuses)})`);
    // Closed when done: back near the baseline once the requests are over.
    await waitFor(() => descriptorsOf(child.pid) - baseline < 20, 10000);
    assert.ok(descriptorsOf(child.pid) - baseline < 20, `descriptors left open: ${descriptorsOf(child.pid) - baseline}`);
    assert.equal(child.exitCode, null, 'Node-RED still running');
  });

  it("in Chromium, the reader's camera form: Test connection reads the deployed camera, and a changed port says it needs flows.write", async function () {
    const executablePath = requireChromium(this);
    let browserLog = '';
    const { browser, page } = await openEditorPage(executablePath, port, (l) => {
      browserLog += l;
    });
    try {
      await page.waitForSelector('#node-dialog-login-username', { timeout: 60000 });
      await page.fill('#node-dialog-login-username', 'reader');
      await page.fill('#node-dialog-login-password', ADMIN_PW);
      await page.click('#node-dialog-login-submit');
      await page.waitForFunction(() => window.RED && RED.nodes && RED.nodes.node('cam'), null, { timeout: 60000 });
      await page.evaluate(() => RED.editor.editConfig('', 'thermometry-camera', 'cam'));
      await page.waitForSelector('#node-config-input-host', { state: 'visible' });
      const test = async () => {
        await page.click('#node-config-thermometry-test');
        await page.waitForFunction(() => /connected to|✗/.test(document.querySelector('#node-config-thermometry-test-result').textContent), null, {
          timeout: 30000,
        });
        return page.textContent('#node-config-thermometry-test-result');
      };
      assert.match(await test(), /connected to/, 'the deployed camera, as deployed');
      await page.fill('#node-config-input-port', String(listenerPort));
      const refused = await test();
      assert.match(refused, /✗ settings that are not deployed can be tried only by a user who may change the flows \(permission flows\.write\)/);
      fs.mkdirSync(path.join(__dirname, '..', '..', 'test-results', 'screenshots'), { recursive: true });
      await page.screenshot({ path: path.join(__dirname, '..', '..', 'test-results', 'screenshots', 'camera-form-reader.png') });
      assert.equal(seen.length, 0, 'nothing reached the listener');
      assert.doesNotMatch(browserLog, /page error/);
    } finally {
      await browser.close();
    }
  });
});
