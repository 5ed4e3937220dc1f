'use strict';
// A real MQTT broker for the tests: Mosquitto (Debian's package, which .ci/run
// installs as it installs Chromium), started on a free loopback port with a
// config file of the test's own (persistence in a temp folder, so a restart
// keeps retained messages and persistent sessions, as a plant's broker does).
// And an MQTT client for the test itself: MQTT.js, the one Node-RED's own
// mqtt nodes use (a dependency of node-red), not one of the package's.
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');
const { sleep } = require('./wait');

const MOSQUITTO = process.env.MOSQUITTO_PATH || '/usr/sbin/mosquitto';
let skipSaid = false;

/** For a suite's before hook: Mosquitto's path; without it a failure under CI=true, locally a skip said once. */
function requireMosquitto(ctx) {
  if (fs.existsSync(MOSQUITTO)) return MOSQUITTO;
  if (process.env.CI === 'true')
    throw new Error(`Mosquitto not found at ${MOSQUITTO}: under CI=true the MQTT tests must run (Debian's mosquitto package, see README)`);
  if (!skipSaid) console.log('MQTT broker tests skipped: install mosquitto, see README');
  skipSaid = true;
  return ctx.skip();
}

function portOpen(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/**
 * A broker on 127.0.0.1:`port` with its config and persistence in `dir`;
 * start() again after stop() is the same broker (same port, same database).
 */
class Broker {
  constructor(dir, port) {
    this.dir = dir;
    this.port = port;
    this.log = '';
    this.config = path.join(dir, 'mosquitto.conf');
    fs.writeFileSync(
      this.config,
      [
        `listener ${port} 127.0.0.1`,
        'allow_anonymous true',
        'persistence true',
        `persistence_location ${dir}/`,
        // Run as root (a container), Mosquitto would switch to its own user, which cannot write the temp folder.
        `user ${os.userInfo().username}`,
        'log_dest stdout',
        'log_type error',
        'log_type warning',
        'log_type notice',
        '',
      ].join('\n'),
    );
  }

  async start() {
    this.child = spawn(MOSQUITTO, ['-c', this.config], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = (d) => {
      this.log += d;
    };
    this.child.stdout.on('data', out);
    this.child.stderr.on('data', out);
    this.exited = new Promise((r) => this.child.once('exit', r));
    const deadline = Date.now() + 20000;
    while (this.child.exitCode === null && !(await portOpen(this.port)) && Date.now() < deadline) await sleep(50);
    if (this.child.exitCode !== null) throw new Error(`mosquitto exited:\n${this.log}`);
    if (!(await portOpen(this.port))) throw new Error(`mosquitto not listening on ${this.port} after 20 s:\n${this.log}`);
  }

  /** Stop as a service manager does (SIGTERM: Mosquitto saves its database), and wait until it is gone. */
  async stop() {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    await this.exited;
  }
}

async function startBroker(dir, port) {
  const broker = new Broker(dir, port);
  await broker.start();
  return broker;
}

/** MQTT.js as Node-RED's mqtt nodes load it. */
function mqttJs() {
  const nodes = path.dirname(require.resolve('@node-red/nodes/package.json'));
  return require(require.resolve('mqtt', { paths: [nodes] }));
}

/** A client connected to the broker; resolves once connected. */
function connectClient(port, options = {}) {
  const mqtt = mqttJs();
  const client = mqtt.connect({ host: '127.0.0.1', port, protocolVersion: 4, reconnectPeriod: 500, connectTimeout: 5000, ...options });
  return new Promise((resolve, reject) => {
    client.once('connect', () => resolve(client));
    client.once('error', reject);
  });
}

module.exports = { MOSQUITTO, requireMosquitto, startBroker, connectClient, mqttJs };
