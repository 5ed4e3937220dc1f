'use strict';
// Shared sign-in in a real Node-RED: two cameras use one thermometry-sign-in
// node; the password changes at the cameras, the sign-in is changed and
// deployed (a 'nodes' deploy, as the editor's default), and both cameras sign
// in with the new one. No password in flows.json, the log, or an admin answer.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { start } = require('../../dist/emulator');
const { freePort, linkedUserDir, startNodeRed, stopNodeRed, waitFor } = require('./support');

const FIRST = 'First-Secret-4d1e';
const SECOND = 'Second-Secret-8b2f';

function call(port, method, urlPath, body, deploymentType = 'full') {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers = { Accept: 'application/json', 'Node-RED-API-Version': 'v2' };
    if (data) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': data.length, 'Node-RED-Deployment-Type': deploymentType });
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

function camera(id, name, port) {
  return {
    id,
    type: 'thermometry-camera',
    name,
    host: '127.0.0.1',
    port: String(port),
    protocol: 'http',
    tls: 'verify',
    caPem: '',
    caFile: '',
    apiVersion: 'auto',
    timeout: '5',
    signIn: 'plant-sign-in',
  };
}

describe('shared sign-in (thermometry-sign-in) in a real Node-RED', function () {
  this.timeout(180000);
  let dir;
  let child;
  let port;
  let emulators = [];
  let log = '';

  before(async () => {
    emulators = await Promise.all([0, 1].map(() => start({ port: 0, users: [{ username: 'svc', password: FIRST, role: 'administrator' }] })));
    dir = linkedUserDir('thermo-sign-in-', 'sign-in-test-secret');
    port = await freePort();
    child = await startNodeRed(dir, port, (d) => {
      log += d;
    });
  });
  after(async () => {
    await stopNodeRed(child);
    await Promise.all(emulators.map((e) => e.stop()));
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Whether every camera answers signed-in calls from now on (the status node polls each every second). */
  async function bothAnswer() {
    const before = emulators.map((e) => e.stats.thermometryCalls);
    await waitFor(() => emulators.every((e, i) => e.stats.thermometryCalls >= before[i] + 2), 20000);
    return emulators.every((e, i) => e.stats.thermometryCalls >= before[i] + 2);
  }

  it('two cameras sign in with one sign-in node; a new password deployed there reaches both; it is never shown', async () => {
    const flow = [
      { id: 'tab1', type: 'tab', label: 'Plant' },
      {
        id: 'plant-sign-in',
        type: 'thermometry-sign-in',
        name: 'Plant service account',
        tls: '',
        caPem: '',
        credentials: { username: 'svc', password: FIRST },
      },
      camera('cam-a', 'Line A', emulators[0].port),
      camera('cam-b', 'Line B', emulators[1].port),
      {
        id: 'poll',
        type: 'thermometry-status',
        z: 'tab1',
        name: 'both',
        camera: '',
        cameraScope: 'all',
        cameraSet: '',
        operation: 'getAreaStatus',
        interval: '1',
        onlyChanges: false,
        step: '1',
        topic: '',
        x: 150,
        y: 60,
        wires: [[]],
      },
    ];
    const deployed = await call(port, 'POST', '/flows', { flows: flow });
    assert.equal(deployed.status, 200, deployed.text);
    assert.ok(await bothAnswer(), 'both cameras answer with the shared password');

    // The service account's password is changed at the cameras: the old one is refused.
    for (const e of emulators) e.users[0].password = SECOND;
    await waitFor(() => /wrong user name or password/.test(log), 20000);
    assert.match(log, /wrong user name or password/, 'the old password is refused');

    // Changed once, in the sign-in node, and deployed with the editor's default ('nodes': only what changed restarts).
    const current = JSON.parse((await call(port, 'GET', '/flows')).text);
    const nodes = current.flows.map((n) => (n.id === 'plant-sign-in' ? { ...n, credentials: { username: 'svc', password: SECOND } } : n));
    const redeployed = await call(port, 'POST', '/flows', { flows: nodes, rev: current.rev }, 'nodes');
    assert.equal(redeployed.status, 200, redeployed.text);
    assert.ok(await bothAnswer(), 'both cameras answer with the new password');

    // Never shown: not in the flow file, the log, the flows or credentials admin answers, nor the camera's test route.
    const flowFile = fs.readFileSync(path.join(dir, 'flows.json'), 'utf8');
    assert.match(flowFile, /thermometry-sign-in/);
    const answers = [
      (await call(port, 'GET', '/flows')).text,
      (await call(port, 'GET', '/credentials/thermometry-sign-in/plant-sign-in')).text,
      (await call(port, 'GET', '/credentials/thermometry-camera/cam-a')).text,
      (await call(port, 'POST', '/axis-thermometry/camera/cam-a/test', {})).text,
    ];
    assert.deepEqual(JSON.parse(answers[1]), { username: 'svc', has_password: true });
    assert.match(answers[3], /"ok":true/, 'the deployed camera tests with the shared sign-in');
    for (const [what, text] of [['flows.json', flowFile], ['the log', log], ...answers.map((a, i) => [`admin answer ${i}`, a])]) {
      assert.ok(!text.includes(FIRST) && !text.includes(SECOND), `no password in ${what}`);
    }
  });

  it('a camera whose sign-in is not deployed says so, naming it', async () => {
    const current = JSON.parse((await call(port, 'GET', '/flows')).text);
    const nodes = current.flows.map((n) => (n.id === 'cam-b' ? { ...n, signIn: 'gone' } : n));
    await call(port, 'POST', '/flows', { flows: nodes, rev: current.rev }, 'nodes');
    await waitFor(() => /sign-in "gone" is not deployed/.test(log), 20000);
    assert.match(log, /sign-in "gone" is not deployed/);
  });
});
