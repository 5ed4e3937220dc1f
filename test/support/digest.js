'use strict';
// A Digest client of the tests' own (RFC 7616, node:crypto), independent of the
// package's, for checking the emulator and signing WebSocket upgrades.
const crypto = require('node:crypto');
const { rawRequest, THERMO } = require('./http');
const { API_VERSIONS } = require('../../dist/api/methods');

/** The version the tests' calls speak unless told: the newest the package knows. */
const NEWEST = API_VERSIONS[API_VERSIONS.length - 1];

/**
 * Challenges in WWW-Authenticate values: [{ scheme, params }]. One value may
 * hold several joined with ', ' (as a 401 on a WebSocket upgrade carries them).
 */
function parseChallenges(values) {
  const list = (Array.isArray(values) ? values : [values]).filter((v) => v !== undefined);
  return list
    .flatMap((v) => String(v).split(/,\s*(?=(?:Digest|Basic) )/i))
    .map((v) => {
      const sp = v.indexOf(' ');
      const params = {};
      const re = /([a-zA-Z0-9_-]+)=(?:"([^"]*)"|([^,\s]*))/g;
      let m;
      while ((m = re.exec(v.slice(sp + 1)))) params[m[1].toLowerCase()] = m[2] !== undefined ? m[2] : m[3];
      return { scheme: v.slice(0, sp), params };
    });
}

/** Every WWW-Authenticate challenge of a rawRequest response. */
function challengesOf(res) {
  const values = [];
  for (let i = 0; i < res.rawHeaders.length; i += 2) {
    if (res.rawHeaders[i].toLowerCase() === 'www-authenticate') values.push(res.rawHeaders[i + 1]);
  }
  return parseChallenges(values);
}

const ALGS = { MD5: 'md5', 'SHA-256': 'sha256' };
const H = (alg, s) => crypto.createHash(ALGS[alg]).update(s).digest('hex');

/** The Authorization header value for one request (RFC 7616 section 3.4.1, qop=auth). */
function digestAuthorization({ username, password, method, uri, challenge, nc = 1, cnonce = crypto.randomBytes(8).toString('hex'), algorithm }) {
  const alg = (algorithm || challenge.algorithm || 'MD5').toUpperCase();
  const ncHex = nc.toString(16).padStart(8, '0');
  const ha1 = H(alg, `${username}:${challenge.realm}:${password}`);
  const ha2 = H(alg, `${method}:${uri}`);
  const response = H(alg, `${ha1}:${challenge.nonce}:${ncHex}:${cnonce}:auth:${ha2}`);
  return (
    `Digest username="${username}", realm="${challenge.realm}", nonce="${challenge.nonce}", uri="${uri}", ` +
    `algorithm=${alg}, response="${response}", qop=auth, nc=${ncHex}, cnonce="${cnonce}"` +
    (challenge.opaque !== undefined ? `, opaque="${challenge.opaque}"` : '')
  );
}

/** A Digest session: gets a challenge once, then reuses the nonce with nc 1, 2, 3... */
class DigestSession {
  constructor(baseUrl, username, password, algorithm = 'MD5') {
    Object.assign(this, { baseUrl, username, password, algorithm });
    this.challenge = undefined;
    this.nc = 0;
    this.exchanges = 0;
  }

  async fetchChallenge(path = THERMO) {
    const res = await rawRequest(this.baseUrl, { method: 'POST', path, body: '{}', headers: { 'Content-Type': 'application/json' } });
    this.exchanges++;
    const ch = challengesOf(res).find((c) => c.scheme === 'Digest' && c.params.algorithm === this.algorithm);
    if (!ch) throw new Error(`no ${this.algorithm} challenge (status ${res.status})`);
    this.challenge = ch.params;
    this.nc = 0;
    return res;
  }

  /** Sends with credentials; one retry on a 401 that says stale=true. */
  async request(opts = {}) {
    const method = opts.method || 'POST';
    const path = opts.path || THERMO;
    if (!this.challenge) await this.fetchChallenge(path);
    for (let attempt = 0; ; attempt++) {
      const authorization = digestAuthorization({
        username: this.username,
        password: this.password,
        method,
        uri: path,
        challenge: this.challenge,
        nc: ++this.nc,
        algorithm: this.algorithm,
      });
      const res = await rawRequest(this.baseUrl, { ...opts, method, path, headers: { ...(opts.headers || {}), Authorization: authorization } });
      this.exchanges++;
      const stale = res.status === 401 && challengesOf(res).some((c) => c.params.stale === 'true');
      if (!stale || attempt > 0) return res;
      this.challenge = challengesOf(res).find((c) => c.params.algorithm === this.algorithm).params;
      this.nc = 0;
    }
  }

  /** A thermometry.cgi call; resolves the raw response (status, json...). */
  call(method, params, { apiVersion = NEWEST, context } = {}) {
    const body = { method };
    if (apiVersion !== null) body.apiVersion = apiVersion;
    if (context !== undefined) body.context = context;
    if (params !== undefined) body.params = params;
    return this.request({ body, headers: { 'Content-Type': 'application/json' } });
  }
}

module.exports = { parseChallenges, challengesOf, digestAuthorization, DigestSession };
