'use strict';
// A Digest client nobody on this project wrote (digest-fetch from npm: MD5
// only, answering the first challenge of the 401 as most camera clients do)
// against every emulator path the README lists. The paths are read from the
// README's emulator section, so a path added there without a request here fails.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { start } = require('../../dist/emulator');
const { createScene, addSceneRoutes } = require('../../dist/emulator/scene');

/** The paths under /axis-cgi and /emulator that the README's emulator section names. */
function readmePaths() {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## The camera emulator'), readme.indexOf('## Pointing the nodes at a real camera'));
  assert.ok(section.length > 100, 'the README has its emulator section');
  return [...new Set(section.match(/(?<![\w.-])\/(?:axis-cgi|emulator)\/[A-Za-z0-9_/.-]*[A-Za-z0-9]/g))].sort();
}

const JSON_POST = (body) => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

/** A request for each path and what a good answer holds. */
const REQUESTS = {
  '/axis-cgi/thermometry.cgi': [
    { init: JSON_POST({ method: 'getSupportedVersions' }), check: (t) => assert.match(t, /"apiVersions":\["1\.2"\]/) },
    { init: JSON_POST({ apiVersion: '1.2', method: 'getAreaStatus' }), check: (t) => assert.match(t, /"data":\{"arealist":\[/) },
  ],
  '/axis-cgi/apidiscovery.cgi': [{ init: JSON_POST({ apiVersion: '1.0', method: 'getApiList' }), check: (t) => assert.match(t, /"id":"thermometry"/) }],
  '/axis-cgi/basicdeviceinfo.cgi': [
    { init: JSON_POST({ apiVersion: '1.1', method: 'getAllProperties' }), check: (t) => assert.match(t, /"SerialNumber":"B8A44F000002"/) },
  ],
  '/axis-cgi/usergroup.cgi': [{ query: '', check: (t) => assert.equal(t, 'root\nadmin operator viewer ptz\n') }],
  '/axis-cgi/jpg/image.cgi': [{ query: '?resolution=320x240', check: (_t, res) => assert.equal(res.headers.get('content-type'), 'image/jpeg') }],
  '/axis-cgi/com/ptz.cgi': [
    { query: '?query=presetposall', check: (t) => assert.match(t, /^Preset Positions for camera 1\r\npresetposno1=Home\r\n/) },
    {
      init: { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'query=presetposcam&camera=1' },
      check: (t) => assert.match(t, /^Preset Positions for camera 1\r\n/),
    },
  ],
  '/axis-cgi/param.cgi': [
    { query: '?action=list&group=Image.I0.Appearance.Palette', check: (t) => assert.match(t, /^root\.Image\.I0\.Appearance\.Palette=/) },
    {
      query: '?action=list&group=root.Brand,Properties.System',
      check: (t) => assert.match(t, /^root\.Brand\.Brand=AXIS\n[^]*root\.Properties\.System\.SerialNumber=B8A44F000002\n/),
    },
    {
      init: { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'action=list&group=root.Properties' },
      check: (t) => assert.match(t, /^root\.Properties\.API\.HTTP\.Version=3$/m),
    },
  ],
  '/axis-cgi/wssession.cgi': [{ query: '', check: (t) => assert.ok(t.trim().length > 0) }],
  '/emulator/control': [{ query: '', check: (t) => assert.ok(JSON.parse(t)) }],
};

describe('emulator: a Digest client of another project (digest-fetch, MD5, first challenge) on every README path', () => {
  let emulator;
  let DigestFetch;
  before(async () => {
    ({ default: DigestFetch } = await import('digest-fetch'));
    const scene = createScene({ clock: 'stepped', noise: 0, width: 96, height: 72 });
    emulator = await start({ port: 0, profile: 'ptz', sensor: scene, events: true });
    addSceneRoutes(emulator, scene);
  });
  after(async () => {
    if (emulator) await emulator.stop();
  });

  it('the README lists paths, and this test has a request for each', () => {
    const listed = readmePaths();
    assert.ok(listed.length >= 8, listed.join(', '));
    assert.deepEqual(
      listed.filter((p) => !REQUESTS[p]),
      [],
      'README paths without a request in this test',
    );
  });

  it('answers each of them (200, the content a camera gives), one MD5 challenge answered', async () => {
    const client = new DigestFetch('root', 'pass', { algorithm: 'MD5' });
    const seen = [];
    emulator.server.prependListener('request', (req) => seen.push(req.headers.authorization || ''));
    for (const p of readmePaths()) {
      for (const r of REQUESTS[p]) {
        const res = await client.fetch(`${emulator.url}${p}${r.query ?? ''}`, r.init ?? { method: 'GET' });
        const text = Buffer.from(await res.arrayBuffer()).toString(res.headers.get('content-type') === 'image/jpeg' ? 'latin1' : 'utf8');
        assert.equal(res.status, 200, `${p}: ${text.slice(0, 200)}`);
        r.check(text, res);
      }
    }
    const answered = seen.filter(Boolean);
    assert.ok(answered.length >= readmePaths().length);
    assert.ok(
      answered.every((h) => /^Digest /.test(h) && /algorithm=MD5/.test(h)),
      answered.find((h) => !/algorithm=MD5/.test(h)),
    );
  });
});
