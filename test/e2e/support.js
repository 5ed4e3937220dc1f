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
const { spawn, execFileSync } = require('child_process');

const root = path.join(__dirname, '..', '..');
// Where the browser suites save their screenshots: docs/images (committed, for the README) with UPDATE_DOCS_IMAGES=1, else test-results/.
const IMAGES = process.env.UPDATE_DOCS_IMAGES === '1' ? path.join(root, 'docs', 'images') : path.join(root, 'test-results', 'screenshots');
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
  if (process.env.CI === 'true')
    throw new Error(`Chromium not found at ${CHROMIUM}: under CI=true the browser tests must run (Debian's chromium package, see README)`);
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

/** Whether `port` can be listened on at 127.0.0.1 now. */
function portIsFree(port) {
  return new Promise((resolve) => {
    if (port > 65535) return resolve(false);
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** A request to Node-RED's admin API; a body is sent as JSON, as a full deploy. */
function request(port, method, urlPath, body) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: urlPath,
        method,
        headers: {
          Accept: 'application/json',
          ...(data ? { 'Content-Type': 'application/json', 'Content-Length': data.length, 'Node-RED-Deployment-Type': 'full' } : {}),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
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
  fs.writeFileSync(
    path.join(dir, 'settings.js'),
    `module.exports = { uiHost: '127.0.0.1', flowFile: 'flows.json',
      credentialSecret: '${credentialSecret}', editorTheme: { tours: false }, diagnostics: { enabled: false }, telemetry: { enabled: false } };\n`,
  );
  return dir;
}

/** npm's own script: the one running this test (npm test), else the npm beside this Node, else the one on PATH. */
function npmCli() {
  if (process.env.npm_execpath && /npm-cli\.js$/.test(process.env.npm_execpath)) return process.env.npm_execpath;
  const beside = path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
  if (fs.existsSync(beside)) return beside;
  return fs.realpathSync(execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim());
}

// What the npm running the tests (npm test) hands down that is about the registry and its cache: kept.
const NPM_KEEP = /^npm_config_(registry|cache|cafile|userconfig|globalconfig|proxy|https_proxy|noproxy|strict_ssl|prefer_offline|offline)$/i;

/**
 * npm `args` in `cwd`, run by `node` (this Node by default; Node 22 for the
 * Node-RED 5 suite), as a user would run it: without the rest of the settings
 * of the npm running the tests (its project, prefix, Node's headers dir...).
 */
function npm(args, cwd, { node = process.execPath } = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) || NPM_KEEP.test(k)));
  return execFileSync(node, [npmCli(), ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...env, npm_config_loglevel: 'error' } });
}

/** npm pack into `dir` (npm test has built dist/ and nodes/; prepack would rebuild them under the running tests); the tarball's path. */
function packInto(dir) {
  const packed = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], root));
  return path.join(dir, packed[0].filename);
}

/** A fresh Node-RED user directory at `userDir` with the tarball installed as a user installs it, by npm on `node`. */
function installPacked(tgz, userDir, options = {}) {
  fs.mkdirSync(userDir, { recursive: true });
  fs.writeFileSync(path.join(userDir, 'package.json'), JSON.stringify({ name: 'node-red-project', private: true }));
  try {
    npm(['install', tgz, '--no-audit', '--no-fund', '--offline'], userDir, options);
  } catch {
    // The cache may lack a dependency: let npm fetch what it must.
    npm(['install', tgz, '--no-audit', '--no-fund', '--prefer-offline'], userDir, options);
  }
}

/**
 * Node-RED on `port` with `userDir`, its output handed to `onOutput`; resolves
 * with the child process once the admin API answers `readyPath` with 200 (up to
 * 120 s of real time; with adminAuth on, /settings needs a token: use /auth/login).
 * `node` and `redJs` choose another Node and Node-RED than this checkout's.
 */
async function startNodeRed(userDir, port, onOutput, { readyPath = '/settings', node = process.execPath, redJs = require.resolve('node-red/red.js') } = {}) {
  const child = spawn(node, [redJs, '--userDir', userDir, '--port', String(port)], { cwd: userDir, stdio: ['ignore', 'pipe', 'pipe'] });
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
 * done; `args` such as ['--plant', '3'] for npm run start:plant) on free ports with a user directory under `dir`; resolves once it
 * printed the editor's address (up to 120 s of real time). Detached: its own
 * process group, so that `kill()` cleans up a failed run whole (Node-RED is its child).
 */
async function spawnStart(dir, args = []) {
  // --plant N: the plant's cameras take the N ports after the emulator's, so those must be free too.
  const at = args.indexOf('--plant');
  const plant = at < 0 ? 0 : Number(args[at + 1]) || 20;
  let emulatorPort;
  for (let tries = 0; ; tries++) {
    emulatorPort = await freePort();
    const following = Array.from({ length: plant }, (_, i) => emulatorPort + 1 + i);
    if ((await Promise.all(following.map(portIsFree))).every(Boolean) || tries === 20) break;
  }
  let nodeRedPort;
  do nodeRedPort = await freePort();
  while (nodeRedPort >= emulatorPort && nodeRedPort <= emulatorPort + plant);
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.js'), ...args], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, EMULATOR_PORT: String(emulatorPort), NODE_RED_PORT: String(nodeRedPort), NODE_RED_USER_DIR: path.join(dir, 'user') },
  });
  const started = { child, emulatorPort, nodeRedPort, userDir: path.join(dir, 'user'), log: '' };
  started.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  child.stdout.on('data', (d) => {
    started.log += d;
  });
  child.stderr.on('data', (d) => {
    started.log += d;
  });
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

// --- the editor in Chromium (a playwright page) -----------------------------

/**
 * Chromium (CHROMIUM_ARGS) with one page, 1400 wide and `height` tall; with
 * `onLog`, the page's errors and console errors go to it (for the log a failed
 * test prints, and for suites that assert the editor threw nothing).
 */
async function launchPage(executablePath, { height = 900, onLog } = {}) {
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1400, height } });
  if (onLog) {
    page.on('pageerror', (err) => onLog(`\n[page error] ${err.stack || err.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') onLog(`\n[console] ${m.text()}`);
    });
  }
  return { browser, page };
}

/** The Node-RED editor on `port` in `page`; with `ready` (a selector), waits for it as `readyOptions` say (e.g. a node of the deployed flow drawn). */
async function gotoEditor(page, port, ready, readyOptions) {
  await page.goto(`http://127.0.0.1:${port}/`);
  if (ready) await page.waitForSelector(ready, readyOptions);
}

/** Chromium showing the Node-RED editor on `port` (launchPage, then gotoEditor with `ready`); page errors and console errors go to `onLog`. */
async function openEditorPage(executablePath, port, onLog, { height, ready, readyOptions } = {}) {
  const opened = await launchPage(executablePath, { height, onLog });
  await gotoEditor(opened.page, port, ready, readyOptions);
  return opened;
}

/**
 * Import `nodes` (or a flow's JSON text as it stands) through the editor's
 * import dialog, opened from the menu or, with `shortcut`, by Ctrl+I, and drop
 * them at `at` on the workspace.
 */
async function importFlow(page, nodes, at = { x: 200, y: 150 }, { shortcut = false } = {}) {
  const text = '#red-ui-clipboard-dialog-import-text';
  if (shortcut) {
    await page.waitForSelector('#red-ui-workspace-chart', { state: 'visible' });
    await page.keyboard.press('Control+i');
  } else {
    await page.click('#red-ui-header-button-sidemenu');
    await page.click('#menu-item-import');
  }
  await page.waitForSelector(text, { state: 'visible' });
  await page.fill(text, typeof nodes === 'string' ? nodes : JSON.stringify(nodes));
  // The dialog validates the text on keyup.
  if (shortcut) await page.dispatchEvent(text, 'keyup');
  else await page.press(text, 'End');
  await page.click('#red-ui-clipboard-dialog-ok');
  // Imported nodes follow the pointer until a click drops them on the workspace.
  const ws = await page.locator('#red-ui-workspace-chart').boundingBox();
  await page.mouse.move(ws.x + at.x, ws.y + at.y);
  await page.mouse.click(ws.x + at.x, ws.y + at.y);
}

/**
 * Open a node's edit form (double click) and wait for it; then, with `shown`
 * (a part of the form that comes later, such as the camera's answer), until
 * that is visible too, within `timeout` ms (playwright's default without). On
 * a loaded machine the editor may take the two clicks as single ones (a
 * fresh-clone CI run waited 30 s on a form that never opened): while no form
 * is being built, double click again, three times at most.
 */
async function openNodeForm(page, nodeId, { shown, timeout } = {}) {
  for (let attempt = 1; ; attempt++) {
    await page.dblclick(`g.red-ui-flow-node-group[id="${nodeId}"] rect.red-ui-flow-node`, { force: true });
    try {
      await page.waitForSelector('#node-dialog-ok', { state: 'visible', timeout: 10000 });
      break;
    } catch (err) {
      if ((await page.locator('#node-dialog-ok').count()) > 0) {
        // The form is being built: give it the time it needs.
        await page.waitForSelector('#node-dialog-ok', { state: 'visible' });
        break;
      }
      if (attempt === 3) throw err;
    }
  }
  if (shown) await page.waitForSelector(shown, timeout === undefined ? { state: 'visible' } : { state: 'visible', timeout });
}

/** Close the open form with `button` (Done or Cancel) and wait until it is gone, within `timeout` ms (playwright's default without). */
async function closeNodeForm(page, button = '#node-dialog-cancel', { timeout } = {}) {
  await page.click(button);
  await page.waitForSelector('#node-dialog-ok', timeout === undefined ? { state: 'detached' } : { state: 'detached', timeout });
}

/** Wire two nodes by dragging from the output port to the input port, as a person does. */
async function wire(page, fromId, toId) {
  const from = await page.locator(`g.red-ui-flow-node-group[id="${fromId}"] .red-ui-flow-port-output`).boundingBox();
  const to = await page.locator(`g.red-ui-flow-node-group[id="${toId}"] .red-ui-flow-port-input`).boundingBox();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 10 });
  await page.mouse.up();
}

/**
 * Press an inject node's button until `shown` (a locator, e.g. a debug message)
 * appears: the button is live only once the editor has taken in the deploy.
 */
async function pressInjectUntil(page, injectId, shown) {
  for (let attempt = 0; ; attempt++) {
    const button = await page.locator(`g.red-ui-flow-node-group[id="${injectId}"] .red-ui-flow-node-button`).boundingBox();
    await page.mouse.click(button.x + button.width / 2, button.y + button.height / 2);
    try {
      await shown.waitFor({ timeout: 10000 });
      return;
    } catch (err) {
      if (attempt === 4) throw err;
    }
  }
}

/**
 * A camera config node, as a flow deployed through the admin API holds it: the
 * emulator on `port` over HTTP, signed in as root with `password`; `fields`
 * name it otherwise (id, name, timeout...).
 */
function cameraNode(port, password, fields = {}) {
  return {
    id: 'cam',
    type: 'thermometry-camera',
    name: 'Emulator',
    host: '127.0.0.1',
    port: String(port),
    protocol: 'http',
    tls: 'verify',
    caPem: '',
    caFile: '',
    apiVersion: 'auto',
    timeout: '10',
    credentials: { username: 'root', password },
    ...fields,
  };
}

/** The package's config nodes: in no palette and in no example of their own (other nodes use them). */
const CONFIG_NODES = ['thermometry-camera', 'thermometry-sign-in'];

module.exports = {
  CONFIG_NODES,
  IMAGES,
  root,
  pkg,
  CHROMIUM_ARGS,
  requireChromium,
  freePort,
  request,
  waitFor,
  npm,
  packInto,
  installPacked,
  linkedUserDir,
  cameraNode,
  startNodeRed,
  stopNodeRed,
  spawnStart,
  launchPage,
  gotoEditor,
  openEditorPage,
  importFlow,
  openNodeForm,
  closeNodeForm,
  wire,
  pressInjectUntil,
};
