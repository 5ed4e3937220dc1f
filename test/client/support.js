'use strict';
// Servers the client tests talk to. Authentication here is the http-auth
// package (a Digest/Basic implementation we did not write), so client and
// emulator cannot be wrong the same way.
const http = require('http');
const https = require('https');
const crypto = require('crypto');
const auth = require('http-auth');

const REALM = 'AXIS_ACCC8E000000';
// A password with characters a careless message would show.
const PASSWORD = 'S3cret-Pa55,word=';

const md5 = (s) => crypto.createHash('md5').update(s).digest('hex');

/** http-auth Digest guard: users name -> password. */
function digestGuard(users = { root: PASSWORD }, algorithm = 'MD5') {
  return auth.digest({ realm: REALM, algorithm }, (username, callback) => {
    if (Object.prototype.hasOwnProperty.call(users, username)) callback(md5(`${username}:${REALM}:${users[username]}`));
    else callback(new Error('no such user'));
  });
}

function basicGuard(users = { root: PASSWORD }) {
  return auth.basic({ realm: REALM }, (username, password, callback) => callback(users[username] === password));
}

function readBody(req) {
  return new Promise((resolve) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function sendJson(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * A fake thermometry.cgi behind `guard` (or none). `handler(rpc, req, res)`
 * answers; by default getSupportedVersions gives ["1.2"] and everything else
 * gives `{}` data. Counts every HTTP exchange in `stats.exchanges` and keeps
 * the parsed requests in `stats.requests`.
 */
async function startFakeCamera({ guard, handler, tls, onRequest } = {}) {
  const stats = { exchanges: 0, requests: [], authorizations: [] };
  const app = async (req, res) => {
    const text = await readBody(req);
    let rpc;
    try {
      rpc = JSON.parse(text);
    } catch {
      rpc = { raw: text };
    }
    stats.requests.push(rpc);
    const answered = handler ? await handler(rpc, req, res) : false;
    if (answered !== false && res.writableEnded) return;
    if (rpc.method === 'getSupportedVersions')
      return sendJson(res, 200, { apiVersion: '1.2', method: rpc.method, context: rpc.context, data: { apiVersions: ['1.2'] } });
    sendJson(res, 200, { apiVersion: rpc.apiVersion, method: rpc.method, context: rpc.context, data: {} });
  };
  const guarded = guard ? guard.check(app) : app;
  const listener = (req, res) => {
    stats.exchanges++;
    stats.authorizations.push(req.headers.authorization);
    if (onRequest) onRequest(req, res);
    guarded(req, res);
  };
  const server = tls ? https.createServer(tls, listener) : http.createServer(listener);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  return {
    server,
    port,
    stats,
    guard,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Resolves with the rejection of `promise` (fails when it resolves). */
async function rejection(promise) {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** The error carries no password, hash input or Authorization header, in any form. */
function assertNoSecrets(assert, err, password = PASSWORD) {
  const forms = [String(err && err.message), JSON.stringify(err), require('util').inspect(err, { depth: 5 }), String(err && err.stack)];
  for (const text of forms) {
    assert.ok(!text.includes(password), `password leaked: ${text}`);
    assert.ok(!/Digest username|response="|Basic [A-Za-z0-9+/]{12,}/.test(text), `Authorization header leaked: ${text}`);
  }
}

/** What a 1.2 camera's getConfigurationCapabilities gives (the emulator's default profile's numbers). */
const CAPABILITIES = Object.freeze({
  currentTemperatureScale: 'celsius',
  minTemperature: -40,
  maxTemperature: 350,
  maxNumberOfAreas: 10,
  maxNumberOfVertices: 10,
  maxDelayTime: 300,
  defaultDelayTime: 5,
  maxNameLength: 60,
  maxGroups: 5,
});

module.exports = {
  CAPABILITIES,
  REALM,
  PASSWORD,
  md5,
  digestGuard,
  basicGuard,
  readBody,
  sendJson,
  startFakeCamera,
  rejection,
  assertNoSecrets,
};
