'use strict';
// The client against answers written as a real Axis camera writes them (issue
// 20), from a server that is not the emulator: the 401 of VAPIX's own example
// (one MD5 challenge, a nonce with '/' and '='), `arealist` with reals and
// integers mixed, both coordinate spellings, the PTZ list's header line.
const assert = require('node:assert/strict');
const http = require('node:http');
const crypto = require('node:crypto');
const { ThermometryClient } = require('../../dist/client');

const REALM = 'AXIS_ACCC8EC43707';
const NONCE = 'rMSij/TBQA=646b1c2c4c0a80a7feb4e34ef9e3422180924c37';
const PASSWORD = 'pass';
const md5 = (s) => crypto.createHash('md5').update(s).digest('hex');

/** The reply texts, byte for byte as sent. */
const ANSWERS = {
  getSupportedVersions: '{"apiVersion":"1.2","method":"getSupportedVersions","data":{"apiVersions":["1.2"]}}',
  getAreaStatus:
    '{"apiVersion":"1.2","method":"getAreaStatus","data":{"arealist":[' +
    '{"id":0,"avg":241.3,"min":20,"max":300.0,"minCoordinates":[0.1,0.2],"maxCoordinates":[-0.3,0.4],"triggered":true},' +
    '{"id":1,"avg":5,"min":0,"max":10,"minPos":[-0.63,-0.31],"maxPos":[0.91,0.12],"triggered":false}]}}',
  listAreas:
    '{"apiVersion":"1.2","method":"listAreas","data":{"arealist":[{"id":0,"imagesource":0,"enabled":true,"name":"Kiln",' +
    '"detectionType":"above","measurement":"maximum","threshold":250,"delay":5,"position":[[-0.5,-0.5],[0.5,-0.5],[0.5,0.5]],' +
    '"areaOverlay":"if_triggered","temperatureOverlay":true,"presetNbr":0}]}}',
  getSpotTemperature: '{"apiVersion":"1.2","method":"getSpotTemperature","data":{"spotTemperature":36.6,"spotCoordinates":[0,0],"renderOverlay":true}}',
};

/** Checks an Authorization header as the camera would: MD5, qop=auth, our realm and nonce. */
function authorized(req) {
  const header = req.headers.authorization || '';
  if (!header.startsWith('Digest ')) return false;
  const p = {};
  for (const m of header.slice(7).matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) p[m[1]] = m[2] ?? m[3];
  if (p.realm !== REALM || p.nonce !== NONCE || p.username !== 'root' || p.qop !== 'auth' || p.uri !== req.url) return false;
  if (p.algorithm && p.algorithm.toUpperCase() !== 'MD5') return false;
  const ha1 = md5(`root:${REALM}:${PASSWORD}`);
  const ha2 = md5(`${req.method}:${p.uri}`);
  return p.response === md5(`${ha1}:${NONCE}:${p.nc}:${p.cnonce}:auth:${ha2}`);
}

describe('client against answers as an Axis camera writes them', () => {
  let server;
  let port;
  const seen = [];
  before(async () => {
    server = http.createServer((req, res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        seen.push(req.headers.authorization || '');
        if (!authorized(req)) {
          res.writeHead(401, { 'WWW-Authenticate': `Digest realm="${REALM}", nonce="${NONCE}", algorithm=MD5, qop="auth"`, 'Content-Type': 'text/html' });
          return res.end('<HTML><HEAD><TITLE>401 Unauthorized</TITLE></HEAD><BODY>401</BODY></HTML>\n');
        }
        if (req.url.startsWith('/axis-cgi/com/ptz.cgi')) {
          res.writeHead(200, { 'Content-Type': 'text/plain' });
          return res.end('Preset Positions for camera 1\npresetposno1=Home\npresetposno2=Gate');
        }
        const method = JSON.parse(Buffer.concat(chunks).toString('utf8')).method;
        const text = ANSWERS[method] ?? `{"apiVersion":"1.2","method":"${method}","error":{"code":2102,"message":"Method not supported"}}`;
        res.writeHead(ANSWERS[method] ? 200 : 400, { 'Content-Type': 'application/json' });
        res.end(text);
      });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = server.address().port;
  });
  after(() => new Promise((resolve) => server.close(resolve)));

  it('answers the one MD5 challenge (a nonce with "/" and "="), reads arealist with reals and integers and both coordinate spellings', async () => {
    const client = new ThermometryClient({ host: '127.0.0.1', port, username: 'root', password: PASSWORD });
    try {
      const status = await client.getAreaStatus();
      assert.deepEqual(status.areaList, [
        { id: 0, avg: 241.3, min: 20, max: 300, minCoordinates: [0.1, 0.2], maxCoordinates: [-0.3, 0.4], triggered: true },
        { id: 1, avg: 5, min: 0, max: 10, minCoordinates: [-0.63, -0.31], maxCoordinates: [0.91, 0.12], triggered: false },
      ]);
      const areas = await client.listAreas();
      assert.equal(areas.areaList[0].name, 'Kiln');
      assert.equal(areas.areaList[0].threshold, 250);
      assert.equal((await client.getSpotTemperature({ coordinateSystem: 'coord_neg1_1' })).spotTemperature, 36.6);
      assert.deepEqual(await client.ptzPresets(), [
        { nbr: 1, name: 'Home' },
        { nbr: 2, name: 'Gate' },
      ]);
    } finally {
      client.close();
    }
    const answered = seen.filter(Boolean);
    assert.ok(answered.length >= 4);
    assert.ok(
      answered.every((h) => /algorithm="?MD5"?/.test(h) && h.includes(`nonce="${NONCE}"`)),
      answered[0],
    );
  });
});
