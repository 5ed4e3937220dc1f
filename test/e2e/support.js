'use strict';
// What the tests that run Node-RED as a separate process share (the e2e tests
// and the event node's editor test): a free port, a request to the admin API,
// a user directory that loads this checkout, Node-RED started and waited for,
// and polling with a real-time bound.
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');

const root = path.join(__dirname, '..', '..');
const pkg = require(path.join(root, 'package.json'));
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking'];
let chromiumSkipSaid = false;

/**
 * For a browser suite's before hook: Chromium's path, or, without one, a
 * failure under CI=true (CI must never pass without the browser tests) and
 * locally the suite skipped, said once for the whole run.
 */
function requireChromium(ctx) {
  if (fs.existsSync(CHROMIUM)) return CHROMIUM;
  if (process.env.CI === 'true') throw new Error(`Chromium not found at ${CHROMIUM}: under CI=true the browser tests must run (Debian's chromium package, see README)`);
  if (!chromiumSkipSaid) console.log('browser tests skipped: install chromium, see README');
  chromiumSkipSaid = true;
  return ctx.skip();
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** A request to Node-RED's admin API; a body is sent as JSON, as a full deploy. */
function request(port, method, urlPath, body) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, method,
      headers: { Accept: 'application/json', ...(data ? { 'Content-Type': 'application/json', 'Content-Length': data.length, 'Node-RED-Deployment-Type': 'full' } : {}) } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

/** Poll `check` (sync or async; a throw counts as not yet) until it is true or `ms` of real time has passed; the caller asserts after. */
async function waitFor(check, ms = 60000) {
  const deadline = process.hrtime.bigint() + BigInt(ms) * 1000000n;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not there yet
    }
    if (process.hrtime.bigint() >= deadline) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A fresh user directory (under the OS temp folder) whose node_modules links to this checkout, as if installed. */
function linkedUserDir(prefix, credentialSecret) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(root, path.join(dir, 'node_modules', pkg.name), 'dir');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'node-red-project', private: true, dependencies: { [pkg.name]: 'file:' + root } }));
  fs.writeFileSync(path.join(dir, 'settings.js'), `module.exports = { uiHost: '127.0.0.1', flowFile: 'flows.json',
      credentialSecret: '${credentialSecret}', editorTheme: { tours: false }, diagnostics: { enabled: false }, telemetry: { enabled: false } };\n`);
  return dir;
}

/**
 * Node-RED on `port` with `userDir`, its output handed to `onOutput`; resolves
 * with the child process once the admin API answers `readyPath` with 200 (up to
 * 120 s of real time; with adminAuth on, /settings needs a token: use /auth/login).
 */
async function startNodeRed(userDir, port, onOutput, readyPath = '/settings') {
  const child = spawn(process.execPath, [require.resolve('node-red/red.js'), '--userDir', userDir, '--port', String(port)], { cwd: userDir, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const output = (d) => {
    log += d;
    onOutput(d);
  };
  child.stdout.on('data', output);
  child.stderr.on('data', output);
  let up = false;
  await waitFor(async () => child.exitCode !== null || (up = (await request(port, 'GET', readyPath)).status === 200), 120000);
  if (!up) {
    if (child.exitCode === null) await stopNodeRed(child);
    throw new Error(`Node-RED ${child.exitCode !== null ? 'exited' : 'did not start'}:\n${log}`);
  }
  return child;
}

/** Stop a Node-RED child as Ctrl-C does and wait until it is gone. */
async function stopNodeRed(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGINT');
  await gone;
}

/**
 * npm start as a user runs it (scripts/start.js, after the build npm test has
 * done) on free ports with a user directory under `dir`; resolves once it
 * printed the editor's address (up to 120 s of real time). Detached: its own
 * process group, so that `kill()` cleans up a failed run whole (Node-RED is its child).
 */
async function spawnStart(dir) {
  const emulatorPort = await freePort();
  const nodeRedPort = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.js')], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, EMULATOR_PORT: String(emulatorPort), NODE_RED_PORT: String(nodeRedPort), NODE_RED_USER_DIR: path.join(dir, 'user') },
  });
  const started = { child, emulatorPort, nodeRedPort, userDir: path.join(dir, 'user'), log: '' };
  started.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  child.stdout.on('data', (d) => { started.log += d; });
  child.stderr.on('data', (d) => { started.log += d; });
  /** SIGKILL to the whole group, when still running (a test that passed has stopped it already). */
  started.kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await started.exited;
  };
  await waitFor(() => /Node-RED editor: /.test(started.log) || child.exitCode !== null, 120000);
  return started;
}

module.exports = { root, pkg, CHROMIUM_ARGS, requireChromium, freePort, request, waitFor, linkedUserDir, startNodeRed, stopNodeRed, spawnStart };
