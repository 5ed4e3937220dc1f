'use strict';
// Raw HTTP requests of the tests' own (node:http/https), so the emulator is
// checked without the package's client: a bug shared by both would otherwise go unseen.
const http = require('node:http');
const https = require('node:https');

const THERMO = '/axis-cgi/thermometry.cgi';

/**
 * One HTTP(S) exchange; resolves { status, headers, rawHeaders, text, json, buffer } (buffer: the body's bytes).
 * An object body is sent as JSON; a Content-Length given as undefined means
 * none (chunked). `ca`: the certificate to trust over https.
 */
function rawRequest(baseUrl, { method = 'POST', path = THERMO, headers = {}, body, agent, ca } = {}) {
  return new Promise((resolve, reject) => {
    const url = new URL(path, baseUrl);
    const data = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const h = { ...headers };
    if ('Content-Length' in h && h['Content-Length'] === undefined) delete h['Content-Length'];
    else if (data !== undefined && h['Content-Length'] === undefined) h['Content-Length'] = data.length;
    const transport = url.protocol === 'https:' ? https : http;
    const options = { method, headers: h, agent: agent || false };
    if (ca) options.ca = ca;
    const req = transport.request(url, options, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const buffer = Buffer.concat(chunks);
        const text = buffer.toString('utf8');
        let json;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode, headers: res.headers, rawHeaders: res.rawHeaders, text, json, buffer });
      });
    });
    req.on('error', reject);
    if (data !== undefined) req.write(data);
    req.end();
  });
}

module.exports = { THERMO, rawRequest };
