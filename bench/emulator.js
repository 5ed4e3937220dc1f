'use strict';
// Emulator alone: how close its thermometry.cgi (Digest check, JSON parse, method
// table, state) comes to a bare node:http server answering a fixed JSON reply,
// both driven by the same keep-alive client in the same run. Ratios only.
const http = require('node:http');
const crypto = require('node:crypto');
const { start } = require('../dist/emulator');

const CALLS = 1000;
const ROUNDS = 5;
const CONCURRENCY = 4;
const PATH = '/axis-cgi/thermometry.cgi';
const BODY = JSON.stringify({ apiVersion: '1.2', method: 'getAreaStatus', params: {} });

function post(agent, port, headers) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: PATH,
        method: 'POST',
        agent,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(BODY), ...headers },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(BODY);
  });
}

/** Authorization values for nc 1..n on one nonce, computed before timing starts. */
function authorizations(challengeHeader, n) {
  const value = [].concat(challengeHeader).find((v) => /algorithm=MD5/.test(v));
  const get = (k) => (value.match(new RegExp(`${k}="?([^",]+)"?`)) || [])[1];
  const realm = get('realm');
  const nonce = get('nonce');
  const opaque = get('opaque');
  const md5 = (s) => crypto.createHash('md5').update(s).digest('hex');
  const ha1 = md5(`root:${realm}:pass`);
  const ha2 = md5(`POST:${PATH}`);
  const out = [];
  for (let i = 1; i <= n; i++) {
    const nc = i.toString(16).padStart(8, '0');
    const cnonce = crypto.randomBytes(8).toString('hex');
    const response = md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`);
    out.push(
      `Digest username="root", realm="${realm}", nonce="${nonce}", uri="${PATH}", algorithm=MD5, response="${response}", qop=auth, nc=${nc}, cnonce="${cnonce}", opaque="${opaque}"`,
    );
  }
  return out;
}

async function drive(port, headersFor) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let next = 0;
  let bad = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < CALLS) {
        const i = next++;
        const res = await post(agent, port, headersFor(i));
        if (res.status !== 200) bad++;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  agent.destroy();
  if (bad) throw new Error(`${bad} requests were not answered 200`);
  return CALLS / seconds;
}

async function run() {
  const reply = JSON.stringify({ apiVersion: '1.2', method: 'getAreaStatus', data: { areaList: [] } });
  const bare = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(reply) });
      res.end(reply);
    });
  });
  await new Promise((r) => bare.listen(0, '127.0.0.1', r));
  const emu = await start({ port: 0, digestAlgorithms: ['MD5'] });
  try {
    const first = await post(false, emu.port, {});
    const auths = authorizations(first.headers['www-authenticate'], CALLS * (ROUNDS + 1));
    const before = emu.stats.exchanges;
    let k = 0;
    // Warm both up, then alternate rounds so load from elsewhere hits both alike; median ratio.
    await drive(bare.address().port, () => ({}));
    await drive(emu.port, () => ({ Authorization: auths[k++] }));
    const ratios = [];
    for (let r = 0; r < ROUNDS; r++) {
      const bareRate = await drive(bare.address().port, () => ({}));
      const emuRate = await drive(emu.port, () => ({ Authorization: auths[k++] }));
      ratios.push(emuRate / bareRate);
    }
    if (process.env.BENCH_DEBUG) console.error(ratios.map((x) => x.toFixed(2)).join(' '));
    ratios.sort((a, b) => a - b);
    const exchanges = emu.stats.exchanges - before;
    return [
      { name: 'emulator/bare-server throughput', value: ratios[Math.floor(ROUNDS / 2)].toFixed(2) },
      { name: 'emulator exchanges per pre-authorized call', value: (exchanges / (CALLS * (ROUNDS + 1))).toFixed(2) },
    ];
  } finally {
    await emu.stop();
    await new Promise((r) => bare.close(r));
  }
}

module.exports = { run };
