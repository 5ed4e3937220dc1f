'use strict';
// The editor's camera routes (POST /axis-thermometry/camera/:id/view and
// /snapshot) in a real Node-RED with adminAuth on: 401 without a token, 403
// with a token lacking read, the deployed camera and a camera typed in the
// editor (stored password only for its own address), unreachable and wrong
// password as short reasons, and no password in any answer or in the log.
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const bcrypt = require('bcryptjs');
const { start, createScene, addSceneRoutes } = require('../../dist/emulator');
const { freePort, linkedUserDir, startNodeRed, stopNodeRed, waitFor } = require('./support');
const { call } = require('../support/admin-call');

const PASSWORD = 'Routes-Pw-7f3a'; // the camera's: no honest message contains it
const ADMIN_PASSWORD = 'admin-Pw-91c2';

describe('editor camera routes (adminAuth on)', function () {
  this.timeout(180000);
  let dir;
  let child;
  let port;
  let emulator;
  let other; // a second camera, at another address
  let log = '';
  let adminToken;
  let flowsOnlyToken;
  const answers = [];

  async function post(what, id, body, token = adminToken) {
    const res = await call(port, 'POST', `/axis-thermometry/camera/${id}/${what}`, { token, body });
    answers.push(res.text);
    return res;
  }

  async function tokenFor(username, password, scope) {
    const res = await call(port, 'POST', '/auth/token', { form: { client_id: 'node-red-admin', grant_type: 'password', scope, username, password } });
    assert.equal(res.status, 200, `no token for ${username}: ${res.text}`);
    return res.json.access_token;
  }

  before(async function () {
    // Cameras with a thermal scene, so that image.cgi answers.
    const camera = async () => {
      const scene = createScene();
      const emu = await start({ port: 0, sensor: scene, users: [{ username: 'root', password: PASSWORD, role: 'administrator' }] });
      addSceneRoutes(emu, scene);
      return emu;
    };
    emulator = await camera();
    other = await camera();
    dir = linkedUserDir('thermo-routes-', 'routes-test');
    const hash = (p) => bcrypt.hashSync(p, 8);
    fs.writeFileSync(
      path.join(dir, 'settings.js'),
      `module.exports = { uiHost: '127.0.0.1', flowFile: 'flows.json', credentialSecret: 'routes-test',
      editorTheme: { tours: false }, diagnostics: { enabled: false }, telemetry: { enabled: false }, logging: { console: { level: 'debug' } },
      adminAuth: { type: 'credentials', users: [
        { username: 'admin', password: ${JSON.stringify(hash(ADMIN_PASSWORD))}, permissions: '*' },
        { username: 'flows', password: ${JSON.stringify(hash(ADMIN_PASSWORD))}, permissions: 'flows.read' } ] } };\n`,
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
    adminToken = await tokenFor('admin', ADMIN_PASSWORD, '*');
    flowsOnlyToken = await tokenFor('flows', ADMIN_PASSWORD, 'flows.read');
    const deployed = await call(port, 'POST', '/flows', {
      token: adminToken,
      body: [
        {
          id: 'cam',
          type: 'thermometry-camera',
          name: 'Emulator',
          host: '127.0.0.1',
          port: String(emulator.port),
          protocol: 'http',
          tls: 'verify',
          apiVersion: 'auto',
          timeout: '5',
          credentials: { username: 'root', password: PASSWORD },
        },
      ],
    });
    assert.equal(deployed.status, 204, deployed.text);
    // The deploy answers before the nodes have started.
    await waitFor(async () => (await call(port, 'POST', '/axis-thermometry/camera/cam/view', { token: adminToken, body: {} })).status !== 404, 30000);
  });

  after(async function () {
    await stopNodeRed(child);
    if (emulator) await emulator.stop();
    if (other) await other.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    // No answer and no log line ever holds the camera's password.
    for (const text of answers) assert.ok(!text.includes(PASSWORD), `an answer holds the password: ${text.slice(0, 200)}`);
    assert.ok(!log.includes(PASSWORD), 'the Node-RED log holds the password');
  });

  it('answer 401 without a token and 403 to a token lacking thermometry-camera.read (capabilities too)', async () => {
    for (const what of ['view', 'snapshot']) {
      assert.equal((await post(what, 'cam', {}, null)).status, 401, what);
      const refused = await post(what, 'cam', {}, flowsOnlyToken);
      assert.equal(refused.status, 403, `${what}: ${refused.text}`);
    }
    assert.equal((await call(port, 'GET', '/axis-thermometry/capabilities/cam', {})).status, 401);
    assert.equal((await call(port, 'GET', '/axis-thermometry/capabilities/cam', { token: flowsOnlyToken })).status, 403);
    const caps = await call(port, 'GET', '/axis-thermometry/capabilities/cam', { token: adminToken });
    assert.equal(caps.status, 200, caps.text);
  });

  it("give the deployed camera's view (capabilities, areas, area status, groups, spot) and its JPEG snapshot", async () => {
    const res = await post('view', 'cam', {});
    assert.equal(res.status, 200, res.text);
    const view = res.json;
    assert.equal(view.camera, `127.0.0.1:${emulator.port}`);
    assert.equal(typeof view.capabilities.maxNumberOfVertices, 'number');
    assert.ok(Array.isArray(view.areas.areaList));
    assert.ok(Array.isArray(view.areaStatus.areaList));
    assert.ok(Array.isArray(view.groups.groupList));
    assert.deepEqual(view.presets, [], 'a fixed camera has no PTZ presets');
    assert.equal(view.currentPreset, null);
    const shot = await post('snapshot', 'cam', {});
    assert.equal(shot.status, 200, shot.text);
    assert.match(shot.type, /^image\/jpeg/);
    assert.deepEqual([...shot.raw.subarray(0, 2)], [0xff, 0xd8]);
  });

  it('use the settings typed in the editor: the stored password only for the address it was stored with', async () => {
    const typed = { host: '127.0.0.1', port: String(emulator.port), protocol: 'http', username: 'root', password: '__PWRD__' };
    const same = await post('view', 'cam', { camera: typed });
    assert.equal(same.status, 200, same.text);
    assert.equal(same.json.camera, `127.0.0.1:${emulator.port}`);
    // Another address keeps the stored password to itself.
    const moved = await post('view', 'cam', { camera: { ...typed, port: String(other.port) } });
    assert.equal(moved.status, 400, moved.text);
    assert.match(moved.json.error, /stored password/);
    // A camera not deployed, its password typed in the editor.
    const fresh = await post('view', 'new-cam', { camera: { ...typed, port: String(other.port), password: PASSWORD } });
    assert.equal(fresh.status, 200, fresh.text);
    assert.equal(fresh.json.camera, `127.0.0.1:${other.port}`);
    const shot = await post('snapshot', 'new-cam', { camera: { ...typed, port: String(other.port), password: PASSWORD } });
    assert.equal(shot.status, 200, shot.text);
    // Neither deployed nor typed.
    assert.equal((await post('view', 'nothing-here', {})).status, 404);
    // Settings the camera node would refuse.
    const bad = await post('view', 'new-cam', { camera: { host: 'http://x/y', password: 'p' } });
    assert.equal(bad.status, 400);
    assert.match(bad.json.error, /host/);
  });

  it('say in a few words when the camera is unreachable or the password wrong', async () => {
    const closed = await freePort();
    const unreachable = await post('view', 'new-cam', { camera: { host: '127.0.0.1', port: String(closed), username: 'root', password: PASSWORD } });
    assert.equal(unreachable.status, 502, unreachable.text);
    assert.equal(unreachable.json.kind, 'network');
    assert.match(unreachable.json.error, /refused|reach/i);
    const wrongPassword = 'Not-The-Password-55';
    const wrong = await post('view', 'new-cam', { camera: { host: '127.0.0.1', port: String(emulator.port), username: 'root', password: wrongPassword } });
    assert.equal(wrong.status, 502, wrong.text);
    assert.equal(wrong.json.kind, 'authentication');
    assert.ok(!wrong.text.includes(wrongPassword));
    assert.ok(!/\n\s+at /.test(wrong.text), 'no stack');
    const wrongShot = await post('snapshot', 'new-cam', {
      camera: { host: '127.0.0.1', port: String(emulator.port), username: 'root', password: wrongPassword },
    });
    assert.equal(wrongShot.status, 502, wrongShot.text);
    assert.ok(!log.includes(wrongPassword), 'the log holds a typed password');
  });
});
