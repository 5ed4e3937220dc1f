'use strict';
// Client figures, measured in one run against one emulator:
// - exchanges per call: HTTP exchanges the emulator counts for 1000 calls made
//   through a fresh client (its first challenge and version negotiation
//   included), divided by 1000. Goal 1.00: Digest nonce reuse.
// - client/bare throughput: calls/s through ThermometryClient divided by calls/s
//   of a bare keep-alive node:http client sending already-authorized requests
//   (Digest headers computed with the client's digest module, nc counting up).
//   Both run sequentially (one call in flight), alternating in short rounds so
//   that load from other processes hits both alike; the figure is the median of
//   the per-round ratios.
const http = require('http');
const path = require('path');

const dist = path.join(__dirname, '..', 'dist');
const CALLS = 1000;
const ROUNDS = 15;
const PER_ROUND = 400;
const METHOD = 'getAreaStatus';
const CGI = '/axis-cgi/thermometry.cgi';

function bareClient(port, credentials, authorizerFor) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const body = JSON.stringify({ apiVersion: '1.2', method: METHOD, params: {} });
  const length = String(Buffer.byteLength(body));
  let authorizer;
  const send = (authorization) =>
    new Promise((resolve, reject) => {
      const headers = { 'Content-Type': 'application/json', 'Content-Length': length };
      if (authorization) headers.Authorization = authorization;
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: CGI, agent, headers }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end(body);
    });
  return {
    async authorize() {
      const challenge = await send(undefined);
      authorizer = authorizerFor(challenge.headers['www-authenticate'], credentials);
    },
    async call() {
      const res = await send(authorizer.authorize('POST', CGI));
      if (res.status !== 200) throw new Error(`bare client: HTTP ${res.status}`);
    },
    close: () => agent.destroy(),
  };
}

async function timed(n, fn) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function run() {
  const { start } = require(path.join(dist, 'emulator'));
  const { ThermometryClient, authorizerFor } = require(path.join(dist, 'client'));
  const emulator = await start({ port: 0 });
  const credentials = { username: 'root', password: 'pass' };
  try {
    // Exchanges per call, from a fresh client.
    const counted = new ThermometryClient({ host: '127.0.0.1', port: emulator.port, ...credentials });
    const before = emulator.stats.exchanges;
    for (let i = 0; i < CALLS; i++) await counted.getAreaStatus();
    const exchangesPerCall = (emulator.stats.exchanges - before) / CALLS;
    counted.close();

    // Throughput, client against bare, alternating rounds after a warm-up.
    const client = new ThermometryClient({ host: '127.0.0.1', port: emulator.port, ...credentials });
    const bare = bareClient(emulator.port, credentials, authorizerFor);
    await bare.authorize();
    await timed(200, () => client.getAreaStatus());
    await timed(200, () => bare.call());
    const ratios = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which goes first, so neither always runs on a warmer cache.
      let bareSeconds;
      let clientSeconds;
      if (round % 2 === 0) {
        bareSeconds = await timed(PER_ROUND, () => bare.call());
        clientSeconds = await timed(PER_ROUND, () => client.getAreaStatus());
      } else {
        clientSeconds = await timed(PER_ROUND, () => client.getAreaStatus());
        bareSeconds = await timed(PER_ROUND, () => bare.call());
      }
      // (calls/s through the client) / (calls/s bare) = bare time / client time
      ratios.push(bareSeconds / clientSeconds);
    }
    client.close();
    bare.close();
    ratios.sort((a, b) => a - b);
    const ratio = ratios[Math.floor(ratios.length / 2)];
    return [
      { name: 'exchanges per call', value: exchangesPerCall.toFixed(2) },
      { name: 'client/bare throughput', value: ratio.toFixed(2) },
    ];
  } finally {
    await emulator.stop();
  }
}

module.exports = { run };

if (require.main === module) {
  run().then(
    (figures) => figures.forEach(({ name, value }) => console.log(`${name}: ${value}`)),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
