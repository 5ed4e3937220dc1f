#!/usr/bin/env node
'use strict';
/*
 * npm start: the camera emulator on 127.0.0.1:8080 and Node-RED on
 * http://127.0.0.1:1880 with this checkout's nodes, a user directory in
 * .node-red/ (git-ignored), and on first run a starter flow deployed through
 * Node-RED's admin API (which encrypts the camera credentials itself), with
 * the dashboard example on a tab of its own when Dashboard 2 (a development
 * dependency) is installed: http://127.0.0.1:1880/dashboard. Every run makes
 * sure the camera node "emulator-camera" that the examples use exists with the
 * emulator's port and credentials, so an imported example runs as is.
 *
 * MQTT (the MQTT examples, on tabs of their own on first run): the broker named
 * by MQTT_BROKER, else an embedded one (aedes, ./mqtt-broker.js) on
 * 127.0.0.1:MQTT_PORT; every run points the examples' broker nodes
 * ("mqtt-edge-broker", "mqtt-control-broker") at it.
 * Ctrl-C stops them all.
 *
 * --plant [N] (npm run start:plant): also a fleet of N emulated cameras (20 by
 * default) on the ports after EMULATOR_PORT, a "Plant" tab with a camera
 * node for each and the nodes that follow every camera (scripts/plant-flow.js),
 * and with Dashboard 2 the plant page example on a "Plant page" tab
 * (/dashboard/plant).
 *
 * Environment (optional): EMULATOR_PORT (8080), NODE_RED_PORT (1880),
 * NODE_RED_USER_DIR (.node-red), MQTT_BROKER (host[:port]; none: embedded),
 * MQTT_PORT (1883, the embedded broker's), ANNOUNCE=1 (the emulated cameras
 * answer discovery, mDNS and SSDP over multicast, so the camera form's "Add
 * many cameras" finds them).
 */
const fs = require('fs');
const http = require('http');
const path = require('path');
const { spawn } = require('child_process');
const { configuredBroker, startEmbeddedBroker } = require('./mqtt-broker');

const root = path.join(__dirname, '..');
const emulatorPort = Number(process.env.EMULATOR_PORT || 8080);
const nodeRedPort = Number(process.env.NODE_RED_PORT || 1880);
const userDir = path.resolve(root, process.env.NODE_RED_USER_DIR || '.node-red');
const pkg = require(path.join(root, 'package.json'));
const plant = require('./plant-flow');

/** --plant [N]: how many plant cameras (0 = no plant). */
function plantCount(argv) {
  const at = argv.indexOf('--plant');
  if (at < 0) return 0;
  const value = argv[at + 1];
  if (value === undefined || value.startsWith('--')) return 20;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) {
    console.error(`--plant: "${value}" is not a number of cameras (1-1000)`);
    process.exit(2);
  }
  return n;
}
const plantCameras = plantCount(process.argv.slice(2));

/** A user directory whose node_modules links to this checkout, so Node-RED loads the package as installed. */
function prepareUserDir() {
  fs.mkdirSync(path.join(userDir, 'node_modules'), { recursive: true });
  const link = path.join(userDir, 'node_modules', pkg.name);
  let current;
  try {
    current = fs.realpathSync(link);
  } catch {
    current = undefined;
  }
  if (current !== fs.realpathSync(root)) {
    fs.rmSync(link, { recursive: true, force: true });
    fs.symlinkSync(path.relative(path.dirname(link), root), link, 'dir');
  }
  const userPkg = path.join(userDir, 'package.json');
  if (!fs.existsSync(userPkg)) {
    fs.writeFileSync(
      userPkg,
      JSON.stringify(
        { name: 'node-red-project', private: true, description: 'Local Node-RED user directory of npm start', dependencies: { [pkg.name]: 'file:..' } },
        null,
        2,
      ) + '\n',
    );
  }
  const settings = path.join(userDir, 'settings.js');
  if (!fs.existsSync(settings)) {
    fs.writeFileSync(
      settings,
      `// Written by scripts/start.js for local development; edit freely.
module.exports = {
    uiHost: process.env.NODE_RED_HOST || '127.0.0.1',
    flowFile: 'flows.json',
    flowFilePretty: true,
    // 'file': what the dashboard example keeps across restarts (its alarm log, the charts' last minutes).
    contextStorage: { default: { module: 'memory' }, file: { module: 'localfilesystem' } },
    logging: { console: { level: 'info', metrics: false, audit: false } },
    editorTheme: { tours: false, projects: { enabled: false } },
    diagnostics: { enabled: false },
    telemetry: { enabled: false }
};
`,
    );
  }
}

function request(method, urlPath, body, deploymentType = 'full') {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(
      {
        host: '127.0.0.1',
        port: nodeRedPort,
        path: urlPath,
        method,
        headers: {
          Accept: 'application/json',
          ...(data ? { 'Content-Type': 'application/json', 'Content-Length': data.length, 'Node-RED-Deployment-Type': deploymentType } : {}),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
    if (data) req.write(data);
    req.end();
  });
}

async function waitForNodeRed(child) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`Node-RED exited (${child.signalCode || `code ${child.exitCode}`})`);
    try {
      const res = await request('GET', '/settings');
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('Node-RED did not start within 2 minutes');
}

/** Whether Dashboard 2 (a development dependency) is installed, so that Node-RED has its nodes. */
function hasDashboard() {
  try {
    require.resolve('@flowfuse/node-red-dashboard/package.json', { paths: [root] });
    return true;
  } catch {
    return false;
  }
}

/** The example file `name` (examples/*.json), or undefined when it is missing. */
function exampleNamed(name) {
  const file = path.join(root, 'examples', name);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined;
}

/** The dashboard example (the files are named for people, for Import > Examples). */
const DASHBOARD_EXAMPLE = 'Dashboard - charts, alarm log and the camera picture.json';
/** The plant page example (issue 17), deployed by --plant. */
const PLANT_PAGE_EXAMPLE = 'Plant - every camera, its alarms and its picture.json';

/** A node id of npm start's copy of the dashboard, other than the example's, so that importing the example later asks nothing. */
const copyId = (id) => `start-${id}`;

/**
 * A dashboard example on a tab of its own (one file for both: what npm start
 * shows is what a user imports), its camera the starter flow's, its comment
 * with this run's address. Its flow nodes get ids of their own; its config
 * nodes (ui-base, page, groups, theme) keep the example's, which the camera
 * editor's import treats as the same nodes (Node-RED has one dashboard).
 * Nothing without Dashboard 2: Node-RED would stop the whole flow for unknown node types.
 */
function exampleTab(file, tab, camera, pagePath) {
  const example = hasDashboard() ? exampleNamed(file) : undefined;
  if (!example) return [];
  const flowIds = new Set(example.filter((n) => 'x' in n).map((n) => n.id));
  const id = (ref) => (flowIds.has(ref) ? copyId(ref) : ref);
  const nodes = example
    .filter((n) => n.type !== 'thermometry-camera' && n.type !== 'tab')
    .map((n) => {
      const node = { ...n, ...(n.camera ? { camera: camera.id } : {}) };
      if ('x' in n) Object.assign(node, { id: id(n.id), z: tab.id });
      if (n.wires) node.wires = n.wires.map((out) => out.map(id));
      if (Array.isArray(n.scope)) node.scope = n.scope.map(id);
      if (n.type === 'comment' && n.info)
        node.info = n.info.replace(/\*\*(\/dashboard[^*]*)\*\* on this Node-RED's address \([^)]*\)/, `**http://127.0.0.1:${nodeRedPort}$1**`);
      return node;
    });
  return [{ ...tab, info: `${tab.info}: open http://127.0.0.1:${nodeRedPort}${pagePath}` }, ...nodes];
}

/** The dashboard example on its tab. */
function dashboardTab(camera) {
  return exampleTab(
    DASHBOARD_EXAMPLE,
    { id: 'da5b0000000000f1', type: 'tab', label: 'Dashboard', disabled: false, info: 'The dashboard example of this package' },
    camera,
    '/dashboard',
  );
}

/** The plant page's tab id in npm start's flow. */
const PLANT_PAGE_TAB = '91a70000000000f1';

/** The plant page example on its tab (npm run start:plant). */
function plantPageTab(camera) {
  return exampleTab(
    PLANT_PAGE_EXAMPLE,
    { id: PLANT_PAGE_TAB, type: 'tab', label: 'Plant page', disabled: false, info: 'The plant page example of this package' },
    camera,
    '/dashboard/plant',
  );
}

/** The MQTT examples' files (examples/), as Import > Examples lists them. */
const MQTT_EDGE_FILE = 'MQTT edge - the cameras on the broker, for Home Assistant and SCADA.json';
const MQTT_CONTROL_ROOM_FILE = 'MQTT control room - every camera of every edge on one page.json';
/** The broker nodes of npm start's copies of the MQTT examples (ids of their own), pointed at npm start's broker on every run; also the examples' own, once imported. */
const BROKER_IDS = [copyId('mqtt-edge-broker'), copyId('mqtt-control-broker'), 'mqtt-edge-broker', 'mqtt-control-broker'];

/**
 * The MQTT examples on tabs of their own, as a user imports them: the edge
 * (the camera to the broker) and, with Dashboard 2, the control room (the
 * broker to a page of every camera). Their flow nodes and broker nodes get ids
 * of their own (the examples can be imported later without Node-RED asking
 * about nodes that exist); the dashboard's config nodes keep the example's, and
 * those the dashboard tab has already (ui-base, ui-theme) are not added twice.
 */
function mqttTabs(camera, broker, have) {
  const tabs = [
    {
      file: MQTT_EDGE_FILE,
      id: 'e0d6e000000000f1',
      label: 'MQTT edge',
      info: `The MQTT edge example: this camera on the broker at ${broker.host}:${broker.port} (README, MQTT).`,
    },
    {
      file: MQTT_CONTROL_ROOM_FILE,
      id: 'c0e70000000000f1',
      label: 'MQTT control room',
      info: `The MQTT control room example: every camera from the broker at ${broker.host}:${broker.port}, on http://127.0.0.1:${nodeRedPort}/dashboard/plant-mqtt`,
      dashboard: true,
    },
  ];
  const seen = new Set(have.map((n) => n.id));
  const out = [];
  for (const t of tabs) {
    if (t.dashboard && !hasDashboard()) continue;
    const example = JSON.parse(fs.readFileSync(path.join(root, 'examples', t.file), 'utf8'));
    const own = new Set(example.filter((n) => 'x' in n || n.type === 'mqtt-broker').map((n) => n.id));
    const id = (ref) => (own.has(ref) ? copyId(ref) : ref);
    out.push({ id: t.id, type: 'tab', label: t.label, disabled: false, info: t.info });
    for (const n of example) {
      if (n.type === 'thermometry-camera' || n.type === 'tab' || seen.has(id(n.id))) continue;
      seen.add(id(n.id));
      const node = { ...n, id: id(n.id), ...(n.camera ? { camera: camera.id } : {}), ...('x' in n ? { z: t.id } : {}) };
      if (n.broker && own.has(n.broker)) node.broker = id(n.broker);
      if (n.wires) node.wires = n.wires.map((wire) => wire.map(id));
      if (Array.isArray(n.scope)) node.scope = n.scope.map(id);
      if (n.type === 'mqtt-broker') Object.assign(node, { broker: broker.host, port: String(broker.port) });
      out.push(node);
    }
  }
  return out;
}

/** The camera node every example and the starter flow use (examples/*.json refer to this id). */
const CAMERA_ID = 'emulator-camera';
const CAMERA_NAME = 'Emulator (npm start)';
// The emulator's administrator (DEFAULT_USERS of src/emulator/digest-auth.ts).
const EMULATOR_CREDENTIALS = { username: 'root', password: 'pass' };

function cameraNode() {
  return {
    id: CAMERA_ID,
    type: 'thermometry-camera',
    name: CAMERA_NAME,
    host: '127.0.0.1',
    port: String(emulatorPort),
    protocol: 'http',
    tls: 'verify',
    caPem: '',
    caFile: '',
    apiVersion: 'auto',
    timeout: '10',
  };
}

function deploy(nodes, type) {
  return request('POST', '/flows', nodes, type);
}

/**
 * The starter flow on first run (Node-RED has no flow of its own yet); on later
 * runs only the camera node: added when missing, pointed at this run's emulator
 * port, and given the emulator's credentials when it has none. The credentials go
 * in as the editor sends them, so Node-RED encrypts them into flows_cred.json.
 */
async function provision(broker) {
  const flows = JSON.parse((await request('GET', '/flows')).body);
  const nodes = Array.isArray(flows) ? flows : flows.flows || [];
  if (!nodes.some((n) => n.type !== 'tab' || nodes.length > 1)) {
    const text = fs
      .readFileSync(path.join(__dirname, 'starter-flow.json'), 'utf8')
      .replace(/__EMULATOR__/g, `127.0.0.1:${emulatorPort}`)
      .replace(/__EDITOR__/g, `127.0.0.1:${nodeRedPort}`);
    const starter = JSON.parse(text).map((n) => (n.id === CAMERA_ID ? { ...cameraNode(), credentials: EMULATOR_CREDENTIALS } : n));
    const camera = starter.find((n) => n.id === CAMERA_ID);
    const first = [...starter, ...dashboardTab(camera)];
    const res = await deploy([...first, ...mqttTabs(camera, broker, first)], 'full');
    if (res.status !== 204 && res.status !== 200) throw new Error(`deploying the starter flow: HTTP ${res.status} ${res.body}`);
    return 'Starter flow deployed.';
  }
  const brokerNote = await pointBrokers(nodes, broker);
  const camera = nodes.find((n) => n.id === CAMERA_ID);
  let stored = {};
  if (camera) stored = JSON.parse((await request('GET', `/credentials/thermometry-camera/${CAMERA_ID}`)).body || '{}');
  const hasCredentials = Boolean(stored.username && stored.has_password);
  if (camera && camera.type === 'thermometry-camera' && camera.port === String(emulatorPort) && hasCredentials) return brokerNote;
  if (camera && camera.type !== 'thermometry-camera') return `A node with id ${CAMERA_ID} that is no camera exists: the examples will not find their camera.`;
  const updated = camera ? { ...camera, host: '127.0.0.1', port: String(emulatorPort) } : cameraNode();
  if (!hasCredentials) updated.credentials = EMULATOR_CREDENTIALS;
  const rest = nodes.filter((n) => n.id !== CAMERA_ID);
  // 'nodes': only the changed camera (and its users) restart; the other nodes' stored credentials stay as they are.
  const res = await deploy([...rest, updated], 'nodes');
  if (res.status !== 204 && res.status !== 200) throw new Error(`provisioning camera ${CAMERA_ID}: HTTP ${res.status} ${res.body}`);
  return `Camera "${CAMERA_NAME}" (${CAMERA_ID}) ${camera ? 'updated' : 'added'} for the emulator on 127.0.0.1:${emulatorPort}.`;
}

/**
 * The plant tab when it is missing; on later runs its cameras pointed at this
 * run's fleet (a camera of the tab that is missing is added, with credentials),
 * the rest of the tab left as the user made it.
 */
async function provisionPlant(count, firstPort) {
  const flows = JSON.parse((await request('GET', '/flows')).body);
  const nodes = Array.isArray(flows) ? flows : flows.flows || [];
  const hasTab = nodes.some((n) => n.id === plant.PLANT_TAB);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  let changed = !hasTab;
  // The cameras sign in with one shared sign-in node (credentials given as the editor sends them: Node-RED encrypts them).
  const signIn = byId.get(plant.PLANT_SIGN_IN) ?? ((changed = true), { ...plant.plantSignIn(), credentials: plant.PLANT_CREDENTIALS });
  const cameras = [];
  for (let n = 1; n <= count; n++) {
    const camera = plant.plantCamera(n, firstPort + n - 1);
    const existing = byId.get(camera.id);
    if (!existing) {
      changed = true;
      cameras.push(camera);
    } else if (existing.port !== camera.port || existing.host !== camera.host) {
      changed = true;
      cameras.push({ ...existing, host: camera.host, port: camera.port });
    } else {
      cameras.push(existing);
    }
  }
  // The plant page (a Dashboard 2 example) on a tab of its own, once; config nodes the flow has already are not added twice.
  const pageTab = byId.has(PLANT_PAGE_TAB) ? [] : plantPageTab(byId.get(CAMERA_ID) ?? cameraNode()).filter((n) => !byId.has(n.id));
  if (!changed && !pageTab.length) return undefined;
  const ids = new Set([...cameras.map((c) => c.id), signIn.id]);
  const rest = nodes.filter((n) => !ids.has(n.id));
  const tab = hasTab ? [] : plant.plantFlow({ count, firstPort, editorPort: nodeRedPort });
  const res = await deploy([...rest, signIn, ...cameras, ...tab, ...pageTab], 'nodes');
  if (res.status !== 204 && res.status !== 200) throw new Error(`deploying the plant tab: HTTP ${res.status} ${res.body}`);
  const said = hasTab
    ? `Plant cameras pointed at the fleet on 127.0.0.1:${firstPort}-${firstPort + count - 1}.`
    : `Plant tab deployed: ${count} cameras, one sign-in ("Plant service account").`;
  return pageTab.length ? `${said} Plant page: http://127.0.0.1:${nodeRedPort}/dashboard/plant` : said;
}

/** One area on each plant camera (over the middle of its scene, maximum above 60 °C), so the plant has alarms to show. */
async function seedPlant(emulators) {
  const { ThermometryClient } = require(path.join(root, 'dist', 'client'));
  await Promise.all(
    emulators.map(async (e) => {
      const client = new ThermometryClient({ host: '127.0.0.1', port: e.port, username: 'root', password: 'pass' });
      try {
        await client.addArea({
          enabled: true,
          name: 'Hot spot',
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
        });
      } finally {
        client.close();
      }
    }),
  );
}

/** The examples' broker nodes that point elsewhere than this run's broker, pointed at it (deployed as 'nodes': only they and their users restart). */
async function pointBrokers(nodes, broker) {
  const stale = nodes.filter(
    (n) => BROKER_IDS.includes(n.id) && n.type === 'mqtt-broker' && (n.broker !== broker.host || String(n.port) !== String(broker.port)),
  );
  if (!stale.length) return undefined;
  const res = await deploy(
    nodes.map((n) => (stale.includes(n) ? { ...n, broker: broker.host, port: String(broker.port) } : n)),
    'nodes',
  );
  if (res.status !== 204 && res.status !== 200) throw new Error(`pointing the MQTT examples at ${broker.host}:${broker.port}: HTTP ${res.status} ${res.body}`);
  // The camera's provisioning below reads the flows again.
  const again = JSON.parse((await request('GET', '/flows')).body);
  nodes.splice(0, nodes.length, ...(Array.isArray(again) ? again : again.flows || []));
  return `MQTT examples' broker nodes pointed at ${broker.host}:${broker.port}.`;
}

async function main() {
  const { start, createScene, addSceneRoutes, startFleet, startAnnouncer } = require(path.join(root, 'dist', 'emulator'));
  prepareUserDir();
  let emulator;
  // As the CLI does: a moving thermal scene (alarms that fire, a snapshot) and the event stream.
  const scene = createScene();
  try {
    emulator = await start({ port: emulatorPort, host: '127.0.0.1', sensor: scene, events: true });
    addSceneRoutes(emulator, scene);
  } catch (err) {
    console.error(`Cannot start the emulator on 127.0.0.1:${emulatorPort}: ${err.message} (set EMULATOR_PORT to use another port)`);
    process.exit(1);
  }
  console.log(
    `Camera emulator: ${emulator.url} (users root/pass, operator/operator, viewer/viewer; scene ${scene.scenario}, snapshot ${emulator.url}/axis-cgi/jpg/image.cgi)`,
  );
  let fleet;
  if (plantCameras) {
    try {
      fleet = await startFleet({ cameras: plantCameras, port: emulatorPort + 1, host: '127.0.0.1', events: true });
    } catch (err) {
      console.error(
        `Cannot start the plant's cameras on 127.0.0.1:${emulatorPort + 1}-${emulatorPort + plantCameras}: ${err.message} (set EMULATOR_PORT to use other ports)`,
      );
      await emulator.stop();
      process.exit(1);
    }
    await seedPlant(fleet.emulators);
    console.log(
      `Plant: ${plantCameras} emulated cameras on 127.0.0.1:${emulatorPort + 1}-${emulatorPort + plantCameras} (same users; an area "Hot spot" each)`,
    );
  }

  let announcer;
  if (process.env.ANNOUNCE === '1') {
    try {
      announcer = await startAnnouncer([emulator, ...(fleet ? fleet.emulators : [])]);
      console.log('Discovery: the emulated cameras answer mDNS (_axis-video._tcp) and SSDP (ANNOUNCE=1)');
    } catch (err) {
      console.log(`Discovery: not announced (${err.message})`);
    }
  }

  let broker;
  try {
    broker = configuredBroker() ?? (await startEmbeddedBroker());
  } catch (err) {
    console.error(`MQTT broker: ${err.message}`);
    await emulator.stop();
    process.exit(1);
  }
  console.log(
    broker.embedded
      ? `MQTT broker (embedded, aedes): mqtt://${broker.host}:${broker.port}${broker.note ? ` (${broker.note})` : ''}; set MQTT_BROKER=host:port to use Mosquitto or a cluster instead`
      : `MQTT broker: mqtt://${broker.host}:${broker.port} (MQTT_BROKER)`,
  );

  const redJs = require.resolve('node-red/red.js');
  const child = spawn(process.execPath, [redJs, '--userDir', userDir, '--port', String(nodeRedPort)], { stdio: 'inherit', cwd: root });

  // A child ended by a signal has exitCode null and signalCode set: both mean it is gone
  // (waiting for another 'exit' then would hang with the emulator still running).
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  let stopping = false;
  async function stop(code) {
    if (stopping) return;
    stopping = true;
    if (!exited()) child.kill('SIGINT');
    await new Promise((r) => (exited() ? r() : child.once('exit', r)));
    await emulator.stop().catch((err) => console.error(`Stopping the emulator: ${err.message}`));
    if (fleet) await fleet.stop().catch((err) => console.error(`Stopping the plant's cameras: ${err.message}`));
    if (announcer) await announcer.stop().catch(() => undefined);
    if (broker.close) await broker.close().catch((err) => console.error(`Stopping the MQTT broker: ${err.message}`));
    process.exit(code);
  }
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`Node-RED stopped (${signal ? `signal ${signal}` : `code ${code}`}); stopping the emulator.`);
      stop(signal ? 1 : code || 0);
    }
  });

  try {
    await waitForNodeRed(child);
    const done = await provision(broker);
    if (done) console.log(done);
    if (plantCameras) {
      const planted = await provisionPlant(plantCameras, emulatorPort + 1);
      if (planted) console.log(planted);
    }
    console.log(`Node-RED editor: http://127.0.0.1:${nodeRedPort}  (Ctrl-C stops Node-RED and the emulator)`);
    if (hasDashboard()) console.log(`Dashboard: http://127.0.0.1:${nodeRedPort}/dashboard`);
    if (hasDashboard() && plantCameras) console.log(`Plant page: http://127.0.0.1:${nodeRedPort}/dashboard/plant`);
  } catch (err) {
    console.error(err.message);
    stop(1);
  }
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
