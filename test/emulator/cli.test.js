'use strict';
// The axis-thermal-emulator command, and curl --digest against it (a Digest
// client we did not write).
const assert = require('node:assert/strict');
const { spawn, execFile } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { selfSignedCert } = require('../support/tls');

const CLI = path.join(__dirname, '..', '..', 'dist', 'emulator', 'cli.js');

/** Starts the CLI; resolves { child, url, output } once it has printed its URL. */
function launch(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let errors = '';
    child.stdout.on('data', (d) => {
      output += d;
      const m = output.match(/listening on (https?:\/\/\S+)/);
      if (m && output.includes('users:')) resolve({ child, url: m[1], output: () => output, errors: () => errors });
    });
    child.stderr.on('data', (d) => {
      errors += d;
    });
    child.on('exit', (code) => reject(new Error(`exited ${code} before printing its URL: ${errors}`)));
  });
}

function exited(child) {
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
}

function run(args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], (err, stdout, stderr) => resolve({ code: err ? err.code : 0, stdout, stderr }));
  });
}

function curl(args) {
  return new Promise((resolve, reject) => {
    execFile('curl', args, (err, stdout, stderr) => (err ? reject(new Error(`curl: ${stderr || err.message}`)) : resolve(stdout)));
  });
}

let haveCurl = true;
try {
  require('node:child_process').execFileSync('curl', ['--version'], { stdio: 'ignore' });
} catch {
  haveCurl = false;
}

describe('axis-thermal-emulator CLI', () => {
  const children = [];
  after(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  });

  it('--help describes every option and exits 0', async () => {
    const { code, stdout } = await run(['--help']);
    assert.equal(code, 0);
    for (const opt of ['--port', '--host', '--profile', '--state', '--user', '--digest', '--help', 'root/pass']) assert.ok(stdout.includes(opt), opt);
  });

  it('refuses an unknown option or profile with exit code 2 and a message', async () => {
    const bad = await run(['--bogus']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown option "--bogus"/);
    const profile = await run(['--profile', 'dome']);
    assert.equal(profile.code, 2);
    assert.match(profile.stderr, /known: fixed, ptz/);
  });

  it('--port 0 prints its URL and users, serves, and stops on SIGTERM with exit code 0', async () => {
    const { child, url, output } = await launch(['--port', '0', '--profile', 'ptz']);
    children.push(child);
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(output(), /root\/pass \(administrator\)/);
    assert.match(output(), /operator\/operator \(operator\)/);
    assert.match(output(), /viewer\/viewer \(viewer\)/);
    const done = exited(child);
    child.kill('SIGTERM');
    assert.deepEqual(await done, { code: 0, signal: null });
  });

  it('--announce-ports answers discovery by unicast (mDNS and SSDP) as an Axis camera; a bad value is refused', async () => {
    const { discoverCameras } = require('../../dist/client');
    const { child, url, output } = await launch(['--port', '0', '--no-scene', '--no-events', '--announce-ports', '0,0']);
    children.push(child);
    const m = output().match(/discovery: answered by unicast on 127\.0\.0\.1 \(mDNS port (\d+), SSDP port (\d+)\)/);
    assert.ok(m, output());
    const found = await discoverCameras({
      windowMs: 500,
      targets: { mdns: { host: '127.0.0.1', port: Number(m[1]) }, ssdp: { host: '127.0.0.1', port: Number(m[2]) } },
    });
    assert.deepEqual(found.cameras, [
      { name: 'AXIS Q2101-TE - B8A44F000001', host: '127.0.0.1', port: Number(new URL(url).port), serial: 'B8A44F000001', via: ['mdns', 'ssdp'] },
    ]);
    const done = exited(child);
    child.kill('SIGTERM');
    assert.deepEqual(await done, { code: 0, signal: null });
    const bad = await run(['--announce-ports', '5353']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--announce-ports: "5353" must be two ports, mDNS and SSDP/);
  });

  it('stops on SIGINT with exit code 0', async () => {
    const { child } = await launch(['--port=0']);
    children.push(child);
    const done = exited(child);
    child.kill('SIGINT');
    assert.deepEqual(await done, { code: 0, signal: null });
  });

  it('serves a moving thermal scene and the event stream by default, and neither when told not to', async function () {
    if (!haveCurl) this.skip();
    const { child, url, output } = await launch(['--port', '0']);
    children.push(child);
    assert.match(output(), /scene: furnace-door/);
    const image = await curl([
      '-s',
      '--digest',
      '-u',
      'viewer:viewer',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code} %{content_type}',
      `${url}/axis-cgi/jpg/image.cgi`,
    ]);
    assert.equal(image, '200 image/jpeg');
    const token = await curl(['-s', '--digest', '-u', 'viewer:viewer', `${url}/axis-cgi/wssession.cgi`]);
    assert.match(token, /^\d+$/);
    let done = exited(child);
    child.kill('SIGTERM');
    assert.deepEqual(await done, { code: 0, signal: null });

    const plain = await launch(['--port', '0', '--no-scene', '--no-events']);
    children.push(plain.child);
    assert.doesNotMatch(plain.output(), /scene:|events:/);
    const missing = await curl(['-s', '--digest', '-u', 'viewer:viewer', '-o', '/dev/null', '-w', '%{http_code}', `${plain.url}/axis-cgi/wssession.cgi`]);
    assert.equal(missing, '404');
    done = exited(plain.child);
    plain.child.kill('SIGTERM');
    await done;
  });

  it('--user replaces the default users, and their passwords are not printed', async () => {
    const { child, url, output } = await launch(['--port', '0', '--user', 'alice:pw:with:colons:administrator']);
    children.push(child);
    assert.match(output(), /users: alice \(administrator\)/);
    assert.doesNotMatch(output(), /pw:with:colons/);
    assert.doesNotMatch(output(), /root/);
    if (haveCurl) {
      const reply = await curl([
        '-s',
        '--digest',
        '-u',
        'alice:pw:with:colons',
        '-H',
        'Content-Type: application/json',
        '-d',
        '{"method":"getSupportedVersions"}',
        `${url}/axis-cgi/thermometry.cgi`,
      ]);
      assert.match(reply, /apiVersions/, 'the password with colons works');
    }
    const done = exited(child);
    child.kill('SIGTERM');
    await done;
  });

  it('--api-versions, --basic-only and --tls-key/--tls-cert serve https with Basic and the versions asked', async function () {
    if (!haveCurl) this.skip(); // curl is not installed here
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-cli-tls-'));
    try {
      const { keyPath: key, certPath: cert } = selfSignedCert(dir);
      const { child, url, output } = await launch(['--port', '0', '--api-versions', '1.0,1.1', '--basic-only', '--tls-key', key, '--tls-cert', cert]);
      children.push(child);
      assert.match(url, /^https:/);
      assert.match(output(), /API 1\.0, 1\.1, Basic realm/);
      const out = await curl([
        '-s',
        '--cacert',
        cert,
        '--basic',
        '-u',
        'operator:operator',
        '-H',
        'Content-Type: application/json',
        '-d',
        '{"method":"getSupportedVersions"}',
        `${url}/axis-cgi/thermometry.cgi`,
      ]);
      assert.deepEqual(JSON.parse(out).data.apiVersions, ['1.1']);
      const done = exited(child);
      child.kill('SIGTERM');
      assert.equal((await done).code, 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses --tls-key without --tls-cert, and an unknown API version', async () => {
    assert.match((await run(['--tls-key', 'k.pem'])).stderr, /go together/);
    assert.match((await run(['--api-versions', '1.0,2.0'])).stderr, /unknown version "2.0"/);
  });

  it('--digest lists the Digest challenges in the order given (default one MD5 challenge) and refuses an unknown algorithm', async () => {
    const { rawRequest } = require('../support/http');
    const challengesOf = (res) => res.rawHeaders.flatMap((name, i) => (i % 2 === 0 && /^www-authenticate$/i.test(name) ? [res.rawHeaders[i + 1]] : []));
    const plain = await launch(['--port', '0', '--no-scene', '--no-events']);
    children.push(plain.child);
    assert.match(plain.output(), /Digest MD5 realm AXIS_/);
    const one = challengesOf(await rawRequest(plain.url, { body: '{}', headers: { 'Content-Type': 'application/json' } }));
    assert.deepEqual(
      one.map((c) => /algorithm=([\w-]+)/.exec(c)[1]),
      ['MD5'],
    );
    const both = await launch(['--port', '0', '--no-scene', '--no-events', '--digest', 'sha-256,MD5']);
    children.push(both.child);
    assert.match(both.output(), /Digest SHA-256, MD5 realm AXIS_/);
    const two = challengesOf(await rawRequest(both.url, { body: '{}', headers: { 'Content-Type': 'application/json' } }));
    assert.deepEqual(
      two.map((c) => /algorithm=([\w-]+)/.exec(c)[1]),
      ['SHA-256', 'MD5'],
    );
    for (const { child } of [plain, both]) {
      const done = exited(child);
      child.kill('SIGTERM');
      assert.equal((await done).code, 0);
    }
    const bad = await run(['--digest', 'SHA-1']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--digest: unknown algorithm "SHA-1"; known: MD5, SHA-256/);
    assert.match((await run(['--digest', 'MD5,md5'])).stderr, /listed twice/);
  });

  it('a port in use: exits 1 saying so', async () => {
    const net = require('node:net');
    const blocker = net.createServer();
    await new Promise((r) => blocker.listen(0, '127.0.0.1', r));
    try {
      const { code, stderr } = await run(['--port', String(blocker.address().port)]);
      assert.equal(code, 1);
      assert.match(stderr, /is in use; choose another with --port/);
    } finally {
      blocker.close();
    }
  });

  it('--state with a corrupt file: exits 1 naming the file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-cli-'));
    try {
      const file = path.join(dir, 'state.json');
      fs.writeFileSync(file, '{"torn');
      const { code, stderr } = await run(['--port', '0', '--state', file]);
      assert.equal(code, 1);
      assert.ok(stderr.includes(file), stderr);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('curl --digest against it', () => {
    let child;
    let url;
    before(async function () {
      if (!haveCurl) this.skip(); // curl is not installed here
      ({ child, url } = await launch(['--port', '0']));
      children.push(child);
    });
    after(async () => {
      if (child && child.exitCode === null) {
        const done = exited(child);
        child.kill('SIGTERM');
        await done;
      }
    });

    const call = (user, body) =>
      curl(['-s', '--digest', '-u', user, '-H', 'Content-Type: application/json', '-d', JSON.stringify(body), `${url}/axis-cgi/thermometry.cgi`]);

    it('getSupportedVersions, addArea and listAreas as root', async () => {
      assert.deepEqual(JSON.parse(await call('root:pass', { context: 'curl', method: 'getSupportedVersions' })), {
        apiVersion: '1.3',
        context: 'curl',
        method: 'getSupportedVersions',
        data: { apiVersions: ['1.3'] },
      });
      const add = JSON.parse(
        await call('root:pass', {
          apiVersion: '1.2',
          method: 'addArea',
          params: {
            enabled: true,
            name: 'curl',
            detectionType: 'above',
            measurement: 'maximum',
            threshold: 80,
            delay: 0,
            vertices: [
              [-1, -1],
              [1, -1],
              [0, 1],
            ],
          },
        }),
      );
      assert.deepEqual(add.data, { id: 0 });
      const list = JSON.parse(await call('operator:operator', { apiVersion: '1.2', method: 'listAreas', params: { presetNbr: 0 } }));
      assert.equal(list.data.arealist[0].name, 'curl');
    });

    it('a wrong password gets 401, a viewer gets 403', async () => {
      const status = (user) =>
        curl([
          '-s',
          '-o',
          '/dev/null',
          '-w',
          '%{http_code}',
          '--digest',
          '-u',
          user,
          '-H',
          'Content-Type: application/json',
          '-d',
          '{"apiVersion":"1.2","method":"listAreas"}',
          `${url}/axis-cgi/thermometry.cgi`,
        ]);
      assert.equal(await status('root:wrong'), '401');
      assert.equal(await status('viewer:viewer'), '403');
    });
  });

  describe('curl --digest with one algorithm offered', () => {
    const { start } = require('../../dist/emulator');
    for (const alg of ['MD5', 'SHA-256']) {
      it(`${alg} only`, async function () {
        if (!haveCurl) this.skip(); // curl is not installed here
        const emu = await start({ port: 0, digestAlgorithms: [alg] });
        try {
          const out = await curl([
            '-s',
            '--digest',
            '-u',
            'operator:operator',
            '-H',
            'Content-Type: application/json',
            '-d',
            '{"apiVersion":"1.0","method":"getConfigurationCapabilities"}',
            `${emu.url}/axis-cgi/thermometry.cgi`,
          ]);
          assert.equal(JSON.parse(out).data.maxNumberOfAreas, 10);
        } finally {
          await emu.stop();
        }
      });
    }
  });
});
