'use strict';
// The emulator's general VAPIX answers as Axis devices give them (issue 20),
// on the raw HTTP text: identity, API discovery, param.cgi, ptz.cgi, image.cgi.
const assert = require('node:assert/strict');
const { start } = require('../../dist/emulator');
const { DigestSession, rawRequest, challengesOf } = require('./support');

const JSON_HEADERS = { 'Content-Type': 'application/json' };

describe('emulator: identity as one camera', () => {
  for (const profile of ['fixed', 'ptz']) {
    it(`${profile}: the serial of basicdeviceinfo.cgi is the one in the Digest realm (AXIS_<serial>)`, async () => {
      const emu = await start({ port: 0, profile });
      try {
        const challenge = challengesOf(await rawRequest(emu.url, { body: '{}', headers: JSON_HEADERS }))[0];
        const serial = /^AXIS_([0-9A-F]{12})$/.exec(challenge.params.realm)[1];
        const info = await new DigestSession(emu.url, 'viewer', 'viewer').request({
          path: '/axis-cgi/basicdeviceinfo.cgi',
          body: { apiVersion: '1.1', method: 'getAllProperties' },
          headers: JSON_HEADERS,
        });
        assert.match(info.text, new RegExp(`"SerialNumber":"${serial}"`));
        assert.equal(emu.camera.profile.serial, serial);
      } finally {
        await emu.stop();
      }
    });
  }

  it('API discovery lists itself and basic-device-info besides thermometry', async () => {
    const emu = await start({ port: 0 });
    try {
      const res = await new DigestSession(emu.url, 'viewer', 'viewer').request({
        path: '/axis-cgi/apidiscovery.cgi',
        body: { apiVersion: '1.0', method: 'getApiList' },
        headers: JSON_HEADERS,
      });
      assert.match(res.text, /\{"id":"api-discovery","version":"1\.0","name":"API Discovery Service","docLink":"https:\/\/[^"]+"\}/);
      const ids = res.json.data.apiList.map((a) => a.id);
      for (const id of ['api-discovery', 'thermometry', 'basic-device-info']) assert.ok(ids.includes(id), ids.join());
    } finally {
      await emu.stop();
    }
  });
});

describe('emulator: param.cgi groups as devices list them', () => {
  let emu;
  let viewer;
  before(async () => {
    const { createScene, addSceneRoutes } = require('../../dist/emulator/scene');
    const scene = createScene({ clock: 'stepped', noise: 0, width: 64, height: 48, palette: 'Iron' });
    emu = await start({ port: 0, profile: 'ptz', sensor: scene });
    addSceneRoutes(emu, scene);
    viewer = new DigestSession(emu.url, 'viewer', 'viewer');
  });
  after(() => emu.stop());
  const list = async (query) => {
    const res = await viewer.request({ method: 'GET', path: `/axis-cgi/param.cgi?${query}` });
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/plain/);
    return res.text;
  };

  it('Brand: the seven lines a camera gives, with or without root.', async () => {
    const text = await list('action=list&group=Brand');
    assert.equal(
      text,
      [
        'root.Brand.Brand=AXIS',
        'root.Brand.ProdFullName=AXIS Q8752-E Bispectral PTZ Camera (emulator)',
        'root.Brand.ProdNbr=Q8752-E',
        'root.Brand.ProdShortName=AXIS Q8752-E',
        'root.Brand.ProdType=Thermal Network Camera',
        'root.Brand.ProdVariant=',
        'root.Brand.WebURL=https://www.axis.com/',
      ].join('\n') + '\n',
    );
    assert.equal(await list('action=list&group=root.Brand'), text);
  });

  it('Properties: API.HTTP.Version, Firmware, System (serial, architecture), PTZ on a PTZ camera, Image', async () => {
    const text = await list('action=list&group=Properties');
    const lines = text.trim().split('\n');
    assert.ok(
      lines.every((l) => l.startsWith('root.Properties.')),
      text,
    );
    for (const line of [
      'root.Properties.API.HTTP.Version=3',
      'root.Properties.Firmware.Version=11.11.73',
      'root.Properties.Firmware.BuildNumber=1',
      'root.Properties.System.SerialNumber=B8A44F000002',
      'root.Properties.System.Architecture=aarch64',
      'root.Properties.PTZ.PTZ=yes',
      'root.Properties.API.PTZ.Presets.Version=2.00',
      'root.Properties.Image.Rotation=0,180',
    ])
      assert.ok(lines.includes(line), `${line} in\n${text}`);
    assert.match(text, /^root\.Properties\.Firmware\.BuildDate=\w{3} \d\d \d{4} \d\d:\d\d$/m);
    assert.match(text, /^root\.Properties\.Image\.Resolution=\d+x\d+(,\d+x\d+)*$/m);
  });

  it('several groups in one request, answered in the order asked; a missing group gets its error line in its place', async () => {
    const text = await list('action=list&group=root.Properties.System.SerialNumber,Brand.ProdNbr,Nothing.Here,Image.I0.Appearance.Palette');
    assert.equal(
      text,
      [
        'root.Properties.System.SerialNumber=B8A44F000002',
        'root.Brand.ProdNbr=Q8752-E',
        "# Error: Error -1 getting param in group 'Nothing.Here'",
        'root.Image.I0.Appearance.Palette=Iron',
      ].join('\n') + '\n',
    );
  });

  it('POST with the arguments in a text/plain body (as the Python library axis sends them)', async () => {
    const res = await viewer.request({ path: '/axis-cgi/param.cgi', body: 'action=list&group=root.Brand', headers: { 'Content-Type': 'text/plain' } });
    assert.equal(res.status, 200);
    assert.match(res.text, /^root\.Brand\.Brand=AXIS\nroot\.Brand\.ProdFullName=/);
  });

  it('Brand and Properties are read-only: an update is refused and nothing changes', async () => {
    const operator = new DigestSession(emu.url, 'operator', 'operator');
    const res = await operator.request({
      method: 'GET',
      path: '/axis-cgi/param.cgi?action=update&root.Brand.Brand=ACME&root.Image.I0.Appearance.Palette=Sepia',
    });
    assert.equal(res.text, "# Error: Error setting 'root.Brand.Brand' to 'ACME'!\n# Error: Error setting 'root.Image.I0.Appearance.Palette' to 'Sepia'!\n");
    assert.equal(await list('action=list&group=Brand.Brand'), 'root.Brand.Brand=AXIS\n');
  });

  it('API discovery lists param-cgi', async () => {
    const res = await viewer.request({ path: '/axis-cgi/apidiscovery.cgi', body: { apiVersion: '1.0', method: 'getApiList' }, headers: JSON_HEADERS });
    assert.match(res.text, /\{"id":"param-cgi","version":"1\.0","name":"Legacy Parameter Handling","docLink":"https:\/\/[^"]+"\}/);
  });

  it('a fixed camera lists no PTZ properties, and its serial is its own', async () => {
    const fixed = await start({ port: 0 });
    try {
      const res = await new DigestSession(fixed.url, 'viewer', 'viewer').request({ method: 'GET', path: '/axis-cgi/param.cgi?action=list&group=Properties' });
      assert.doesNotMatch(res.text, /PTZ/);
      assert.match(res.text, /^root\.Properties\.System\.SerialNumber=B8A44F000001$/m);
    } finally {
      await fixed.stop();
    }
  });
});

describe('emulator: ptz.cgi as devices answer it', () => {
  let emu;
  let viewer;
  before(async () => {
    emu = await start({ port: 0, profile: 'ptz' });
    viewer = new DigestSession(emu.url, 'viewer', 'viewer');
  });
  after(() => emu.stop());
  const LIST = 'Preset Positions for camera 1\r\npresetposno1=Home\r\npresetposno2=Transformer\r\npresetposno3=Conveyor\r\npresetposno4=Storage\r\n';

  it('GET query=presetposall: the header line, then one line per preset', async () => {
    const res = await viewer.request({ method: 'GET', path: '/axis-cgi/com/ptz.cgi?query=presetposall' });
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/plain/);
    assert.equal(res.text, LIST);
  });

  it('POST query=presetposcam&camera=1 in the body (text/plain or form), and in the query', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await viewer.request({ path: '/axis-cgi/com/ptz.cgi', body: 'query=presetposcam&camera=1', headers: { 'Content-Type': type } });
      assert.deepEqual([res.status, res.text], [200, LIST], type);
    }
    const res = await viewer.request({ method: 'GET', path: '/axis-cgi/com/ptz.cgi?query=presetposcam&camera=1' });
    assert.equal(res.text, LIST);
  });

  it('another camera or query: 400 with an Error line; a fixed camera has no ptz.cgi', async () => {
    for (const query of ['query=presetposcam&camera=2', 'query=speed']) {
      const res = await viewer.request({ method: 'GET', path: `/axis-cgi/com/ptz.cgi?${query}` });
      assert.equal(res.status, 400, query);
      assert.match(res.text, /^Error: /);
    }
    const fixed = await start({ port: 0 });
    try {
      assert.equal((await rawRequest(fixed.url, { method: 'GET', path: '/axis-cgi/com/ptz.cgi?query=presetposall' })).status, 404);
    } finally {
      await fixed.stop();
    }
  });
});

describe('emulator: image.cgi options as a device takes them', () => {
  const jpeg = require('jpeg-js');
  let emu;
  let viewer;
  before(async () => {
    const { createScene, addSceneRoutes } = require('../../dist/emulator/scene');
    const scene = createScene({ clock: 'stepped', noise: 0, width: 64, height: 48, scenario: 'furnace-door' });
    emu = await start({ port: 0, sensor: scene });
    addSceneRoutes(emu, scene);
    viewer = new DigestSession(emu.url, 'viewer', 'viewer');
  });
  after(() => emu.stop());

  it('refuses a value it does not support (rotation=45, rotation=90 not listed, compression=abc) with 400 and an Error line', async () => {
    for (const [query, said] of [
      ['rotation=45', /^Error: rotation "45" not supported; supported: 0,180\n$/],
      ['rotation=90', /^Error: rotation "90" not supported; supported: 0,180\n$/],
      ['compression=abc', /^Error: compression "abc" not supported/],
    ]) {
      const res = await viewer.request({ method: 'GET', path: `/axis-cgi/jpg/image.cgi?${query}` });
      assert.equal(res.status, 400, query);
      assert.match(res.headers['content-type'], /^text\/plain/);
      assert.match(res.text, said);
    }
  });

  it('honours rotation=180, which Properties.Image.Rotation lists: the same picture turned', async () => {
    const rotations = await viewer.request({ method: 'GET', path: '/axis-cgi/param.cgi?action=list&group=Properties.Image.Rotation' });
    assert.equal(rotations.text, 'root.Properties.Image.Rotation=0,180\n');
    const decode = async (query) => {
      const res = await viewer.request({ method: 'GET', path: `/axis-cgi/jpg/image.cgi?${query}` });
      assert.equal(res.status, 200, query);
      assert.equal(res.headers['content-type'], 'image/jpeg');
      return jpeg.decode(res.buffer);
    };
    const upright = await decode('compression=0&rotation=0');
    const turned = await decode('compression=0&rotation=180');
    assert.deepEqual([turned.width, turned.height], [upright.width, upright.height]);
    const { width: W, height: H } = upright;
    let same = 0;
    let turnedDiff = 0;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const a = (y * W + x) * 4;
        const b = ((H - 1 - y) * W + (W - 1 - x)) * 4;
        for (let c = 0; c < 3; c++) {
          same += Math.abs(upright.data[a + c] - turned.data[b + c]);
          turnedDiff += Math.abs(upright.data[a + c] - turned.data[a + c]);
        }
      }
    }
    const n = W * H * 3;
    assert.ok(same / n < 4, `turned back, the pictures agree (mean difference ${(same / n).toFixed(2)})`);
    assert.ok(turnedDiff / n > 4 * (same / n) + 1, `and the turned one differs from the upright one (${(turnedDiff / n).toFixed(2)})`);
  });
});
