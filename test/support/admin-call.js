'use strict';
// A request to Node-RED's admin API as the editor makes it, with an optional
// bearer token (adminAuth on): JSON or form body; the answer as status, type,
// raw bytes, text and JSON (when it is).
const http = require('http');

/** A request to Node-RED with an optional bearer token; the answer's body as a Buffer. */
function call(port, method, urlPath, { token, body, form } = {}) {
  return new Promise((resolve, reject) => {
    const data = body !== undefined ? Buffer.from(JSON.stringify(body)) : form !== undefined ? Buffer.from(new URLSearchParams(form).toString()) : undefined;
    const headers = { Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (data) {
      headers['Content-Type'] = body !== undefined ? 'application/json' : 'application/x-www-form-urlencoded';
      headers['Content-Length'] = data.length;
    }
    if (method === 'POST' && urlPath === '/flows') headers['Node-RED-Deployment-Type'] = 'full';
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        let json;
        try {
          json = JSON.parse(raw.toString('utf8'));
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode, type: res.headers['content-type'] || '', raw, json, text: raw.toString('utf8') });
      });
    });
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

module.exports = { call };
