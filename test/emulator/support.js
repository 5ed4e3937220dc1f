'use strict';
// A raw HTTP client of the tests' own (node:http + node:crypto, RFC 7616), so the
// emulator is checked without the package's client: a bug shared by both would
// otherwise go unseen.
const http = require('node:http');
const crypto = require('node:crypto');

const THERMO = '/axis-cgi/thermometry.cgi';

/** One HTTP exchange; resolves { status, headers, rawHeaders, text, json }. */
function rawRequest(baseUrl, { method = 'POST', path = THERMO, headers = {}, body, agent } = {}) {
  return new Promise((resolve, reject) => {
    const url = new URL(path, baseUrl);
    const data = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const h = { ...headers };
    // A Content-Length given as undefined means: send none (chunked).
    if ('Content-Length' in h && h['Content-Length'] === undefined) delete h['Content-Length'];
    else if (data !== undefined && h['Content-Length'] === undefined) h['Content-Length'] = data.length;
    const req = http.request(url, { method, headers: h, agent: agent || false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try { json = JSON.parse(text); } catch { json = undefined; }
        resolve({ status: res.statusCode, headers: res.headers, rawHeaders: res.rawHeaders, text, json });
      });
    });
    req.on('error', reject);
    if (data !== undefined) req.write(data);
    req.end();
  });
}

/** Every WWW-Authenticate value of a response, parsed: [{ scheme, params }]. */
function challengesOf(res) {
  const values = [];
  for (let i = 0; i < res.rawHeaders.length; i += 2) {
    if (res.rawHeaders[i].toLowerCase() === 'www-authenticate') values.push(res.rawHeaders[i + 1]);
  }
  return values.map((v) => {
    const sp = v.indexOf(' ');
    const params = {};
    const re = /([a-zA-Z0-9_-]+)=(?:"([^"]*)"|([^,\s]*))/g;
    let m;
    while ((m = re.exec(v.slice(sp + 1)))) params[m[1].toLowerCase()] = m[2] !== undefined ? m[2] : m[3];
    return { scheme: v.slice(0, sp), params };
  });
}

const ALGS = { MD5: 'md5', 'SHA-256': 'sha256' };
const H = (alg, s) => crypto.createHash(ALGS[alg]).update(s).digest('hex');

/** The Authorization header value for one request (RFC 7616 section 3.4.1, qop=auth). */
function digestAuthorization({ username, password, method, uri, challenge, nc, cnonce = crypto.randomBytes(8).toString('hex'), algorithm }) {
  const alg = algorithm || challenge.algorithm || 'MD5';
  const ncHex = nc.toString(16).padStart(8, '0');
  const ha1 = H(alg, `${username}:${challenge.realm}:${password}`);
  const ha2 = H(alg, `${method}:${uri}`);
  const response = H(alg, `${ha1}:${challenge.nonce}:${ncHex}:${cnonce}:auth:${ha2}`);
  return `Digest username="${username}", realm="${challenge.realm}", nonce="${challenge.nonce}", uri="${uri}", ` +
    `algorithm=${alg}, response="${response}", qop=auth, nc=${ncHex}, cnonce="${cnonce}", opaque="${challenge.opaque}"`;
}

/** A Digest session: gets a challenge once, then reuses the nonce with nc 1, 2, 3... */
class DigestSession {
  constructor(baseUrl, username, password, algorithm = 'SHA-256') {
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
        username: this.username, password: this.password, method, uri: path, challenge: this.challenge, nc: ++this.nc, algorithm: this.algorithm,
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
  call(method, params, { apiVersion = '1.2', context } = {}) {
    const body = { method };
    if (apiVersion !== null) body.apiVersion = apiVersion;
    if (context !== undefined) body.context = context;
    if (params !== undefined) body.params = params;
    return this.request({ body, headers: { 'Content-Type': 'application/json' } });
  }
}

const SQUARE = [[-0.5, -0.5], [0.5, -0.5], [0.5, 0.5], [-0.5, 0.5]];

function areaParams(over = {}) {
  return {
    imagesource: 0, enabled: true, name: 'Area 1', detectionType: 'above', measurement: 'average', threshold: 100, delay: 5,
    vertices: SQUARE, areaOverlay: 'always', temperatureOverlay: true, ...over,
  };
}

function groupParams(over = {}) {
  return { enabled: true, name: 'Group 1', measurement: 'average', threshold: 5, delay: 5, areaIds: [], groupOverlay: true, ...over };
}

module.exports = { THERMO, rawRequest, challengesOf, digestAuthorization, DigestSession, SQUARE, areaParams, groupParams };
