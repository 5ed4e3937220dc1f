'use strict';
// API 1.3 on the emulator, over real HTTP with the tests' own Digest: the page's
// JSON examples sent as they are and answered as they are, version gating at
// the CGI, unique area names from 1.3 only, a spot meter per image source, and
// the channel pictures of the bispectral profile.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const jpeg = require('jpeg-js');
const { start } = require('../../dist/emulator');
const { attachScene } = require('../../dist/emulator/scene');
const { DigestSession, areaParams } = require('./support');
const { useEmulator } = require('../support/emulator');
const { examples } = require('../support/thermometry-1.3-examples');

const JSON_HEADERS = { 'Content-Type': 'application/json' };

/** Send a body exactly as written (the page's text) and read the reply. */
const sendText = (session, text) => session.request({ body: text, headers: JSON_HEADERS });

describe("API 1.3 on the emulator: the page's examples, sent as written", () => {
  const emu = useEmulator({ profile: 'bispectral' });
  let root;
  before(() => {
    root = new DigestSession(emu.url, 'root', 'pass');
  });

  it('addOverlayChannel: the example request gets the example reply', async () => {
    const res = await sendText(root, examples.addOverlayChannel.request);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json, JSON.parse(examples.addOverlayChannel.success));
  });

  it('listOverlayChannels: the example request (no params) gets the example reply once 1 is mapped to 0 and 2', async () => {
    assert.equal((await root.call('addOverlayChannel', { imagesource: 1, overlayChannel: 0 })).status, 200);
    const res = await sendText(root, examples.listOverlayChannels.request);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json, JSON.parse(examples.listOverlayChannels.success));
    // The syntax's empty params are taken too.
    assert.deepEqual((await root.call('listOverlayChannels', {}, { context: 'my context' })).json, JSON.parse(examples.listOverlayChannels.success));
  });

  it('removeOverlayChannel: the example reply, then the example error once the pair is gone', async () => {
    const ok = await sendText(root, examples.removeOverlayChannel.request);
    assert.equal(ok.status, 200, ok.text);
    assert.deepEqual(ok.json, JSON.parse(examples.removeOverlayChannel.success));
    const again = await sendText(root, examples.removeOverlayChannel.request);
    assert.equal(again.status, 400);
    assert.deepEqual(again.json, JSON.parse(examples.removeOverlayChannel.error));
    assert.deepEqual((await root.call('listOverlayChannels')).json.data, { overlayList: [{ imagesource: 1, overlayChannels: [0] }] });
  });

  it('addOverlayChannel: the example error for a channel the camera lacks, an image source as its own overlay channel, a channel that is no image source', async () => {
    const want = JSON.parse(examples.addOverlayChannel.error);
    for (const params of [
      { imagesource: 1, overlayChannel: 9 },
      { imagesource: 1, overlayChannel: 1 },
      { imagesource: 2, overlayChannel: 0 },
    ]) {
      const res = await root.call('addOverlayChannel', params, { context: 'ClientContext' });
      assert.equal(res.status, 400, JSON.stringify(params));
      assert.deepEqual(res.json, want, JSON.stringify(params));
    }
    // Adding a pair that is there already changes nothing.
    assert.equal((await root.call('addOverlayChannel', { imagesource: 1, overlayChannel: 0 })).status, 200);
    assert.deepEqual((await root.call('listOverlayChannels')).json.data.overlayList, [{ imagesource: 1, overlayChannels: [0] }]);
  });

  it("listOverlayChannels and listSpotMeters: the example error's words for a user below administrator (2109/403, where the example says 2110)", async () => {
    const operator = new DigestSession(emu.url, 'operator', 'operator');
    for (const method of ['listOverlayChannels', 'listSpotMeters']) {
      const res = await sendText(operator, examples[method].request);
      assert.equal(res.status, 403);
      const want = JSON.parse(examples[method].error);
      // The page's example gives 2110 ("Authentication failed", HTTP 401 in its own table) with an
      // authorization message; the emulator answers the table's 2109 with the example's words.
      assert.deepEqual(res.json, { ...want, error: { ...want.error, code: 2109 } });
    }
  });
});

describe('API 1.3 on the emulator: spot meters', () => {
  it("listSpotMeters on a single-sensor camera answers the page's example exactly", async () => {
    const emu = await start({ port: 0 });
    try {
      const root = new DigestSession(emu.url, 'root', 'pass');
      const res = await sendText(root, examples.listSpotMeters.request);
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.json, JSON.parse(examples.listSpotMeters.success));
    } finally {
      await emu.stop();
    }
  });

  describe('bispectral: one spot meter per image source', () => {
    const emu = useEmulator({ profile: 'bispectral' });
    let root;
    before(() => {
      root = new DigestSession(emu.url, 'root', 'pass');
      // A hot disc on the right half: the two spots read different temperatures.
      attachScene(emu, { clock: 'stepped', noise: 0, scenario: 'none', ambient: 20, width: 64, height: 48 }).control({
        action: 'setRegion',
        vertices: [
          [0.2, -0.6],
          [0.8, -0.6],
          [0.8, 0.6],
          [0.2, 0.6],
        ],
        temperature: 90,
      });
    });
    const data = async (method, params, opts) => {
      const res = await root.call(method, params, opts);
      assert.equal(res.status, 200, `${method}: ${res.text}`);
      return res.json.data;
    };

    it('two spots on two image sources are kept and read apart; removing one leaves the other', async () => {
      await data('addSpotTemperature', { spotCoordinates: [0.5, 0], coordinateSystem: 'coord_neg1_1', imagesource: 0 });
      await data('addSpotTemperature', { spotCoordinates: [-0.5, 0], coordinateSystem: 'coord_neg1_1', imagesource: 1 });
      const thermal = await data('getSpotTemperature', { coordinateSystem: 'coord_neg1_1', imagesource: 0 });
      const visual = await data('getSpotTemperature', { coordinateSystem: 'coord_neg1_1', imagesource: 1 });
      assert.deepEqual(
        [thermal.spotCoordinates, visual.spotCoordinates],
        [
          [0.5, 0],
          [-0.5, 0],
        ],
      );
      assert.ok(thermal.spotTemperature > 80 && visual.spotTemperature < 30, `${thermal.spotTemperature} / ${visual.spotTemperature}`);
      assert.deepEqual((await data('listSpotMeters')).spotmeters, [
        { imagesource: 0, active: true },
        { imagesource: 1, active: true },
      ]);
      await data('removeSpotTemperature', { imagesource: 1 });
      assert.deepEqual((await data('listSpotMeters')).spotmeters, [
        { imagesource: 0, active: true },
        { imagesource: 1, active: false },
      ]);
      assert.equal((await data('getSpotTemperature', { coordinateSystem: 'coord_neg1_1', imagesource: 0 })).renderOverlay, true);
    });

    it('a 1.2 request (no image source, or one it does not know) means the default image source, as a 1.2 camera has one spot', async () => {
      await data('addSpotTemperature', { spotCoordinates: [0.25, 0.25], coordinateSystem: 'coord_neg1_1', imagesource: 1 }, { apiVersion: '1.2' });
      assert.deepEqual((await data('getSpotTemperature', { coordinateSystem: 'coord_neg1_1' }, { apiVersion: '1.2' })).spotCoordinates, [0.25, 0.25]);
      assert.deepEqual((await data('getSpotTemperature', { coordinateSystem: 'coord_neg1_1', imagesource: 0 })).spotCoordinates, [0.25, 0.25]);
      assert.deepEqual((await data('getSpotTemperature', { coordinateSystem: 'coord_neg1_1', imagesource: 1 })).spotCoordinates, [-0.5, 0]);
    });

    it('a channel that is no image source is 2104 "Invalid channel number specified." for add, get and remove', async () => {
      for (const [method, params] of [
        ['addSpotTemperature', { spotCoordinates: [0, 0], coordinateSystem: 'coord_neg1_1', imagesource: 2 }],
        ['getSpotTemperature', { coordinateSystem: 'coord_neg1_1', imagesource: 7 }],
        ['removeSpotTemperature', { imagesource: 2 }],
      ]) {
        const res = await root.call(method, params);
        assert.equal(res.status, 400, method);
        assert.deepEqual(res.json.error, { code: 2104, message: 'Invalid channel number specified.' }, method);
      }
    });

    it('getConfigurationCapabilities lists the image sources and overlay channels from 1.3', async () => {
      const caps = await data('getConfigurationCapabilities');
      assert.deepEqual(
        [caps.imagesources, caps.overlayChannels],
        [
          [0, 1],
          [0, 1, 2],
        ],
      );
    });
  });
});

describe('API 1.3 on the emulator: version gating and unique names', () => {
  const emu = useEmulator({}, { each: true });
  let root;
  beforeEach(() => {
    root = new DigestSession(emu.url, 'root', 'pass');
  });

  it('the four 1.3 methods are 2102 when asked in 1.2, served in 1.3; --api-versions narrows what is listed', async () => {
    for (const method of ['addOverlayChannel', 'removeOverlayChannel', 'listOverlayChannels', 'listSpotMeters']) {
      const old = await root.call(method, {}, { apiVersion: '1.2' });
      assert.equal(old.status, 400, method);
      assert.equal(old.json.error.code, 2102, method);
      assert.match(old.json.error.message, /needs API version 1\.3/);
    }
    assert.equal((await root.call('listSpotMeters', {})).status, 200);
    const narrow = await start({ port: 0, apiVersions: ['1.0', '1.1', '1.2'] });
    try {
      const s = new DigestSession(narrow.url, 'root', 'pass');
      assert.deepEqual((await s.call('getSupportedVersions', undefined, { apiVersion: null })).json.data, { apiVersions: ['1.2'] });
      assert.equal((await s.call('listSpotMeters', {})).json.error.code, 2100);
    } finally {
      await narrow.stop();
    }
  });

  it('a repeated area name is 2104 "The specified name is already in use." in 1.3 (add and update), and works as before in 1.2', async () => {
    assert.equal((await root.call('addArea', areaParams({ name: 'Door' }))).status, 200);
    assert.equal((await root.call('addArea', areaParams({ name: 'Wall' }))).status, 200);
    const dup = await root.call('addArea', areaParams({ name: 'Door' }));
    assert.equal(dup.status, 400);
    assert.deepEqual(dup.json.error, { code: 2104, message: 'The specified name is already in use.' });
    const rename = await root.call('updateArea', { id: 1, ...areaParams({ name: 'Door' }) });
    assert.deepEqual(rename.json.error, { code: 2104, message: 'The specified name is already in use.' });
    // An area keeps its own name on update.
    assert.equal((await root.call('updateArea', { id: 0, ...areaParams({ name: 'Door', threshold: 90 }) })).status, 200);
    // A 1.2 request: a 1.2 camera lets names repeat.
    assert.equal((await root.call('addArea', areaParams({ name: 'Door' }), { apiVersion: '1.2' })).status, 200);
    assert.equal((await root.call('updateArea', { id: 1, ...areaParams({ name: 'Door' }) }, { apiVersion: '1.2' })).status, 200);
    assert.deepEqual(
      (await root.call('listAreas')).json.data.arealist.map((a) => a.name),
      ['Door', 'Door', 'Door'],
    );
  });

  it('getSupportedVersions lists 1.3; a 1.2 request still gets 1.2 replies (no channel lists)', async () => {
    assert.deepEqual((await root.call('getSupportedVersions', undefined, { apiVersion: null })).json.data, { apiVersions: ['1.3'] });
    const caps = (await root.call('getConfigurationCapabilities', {}, { apiVersion: '1.2' })).json.data;
    assert.equal('imagesources' in caps, false);
    assert.equal('overlayChannels' in caps, false);
  });
});

describe('API 1.3 on the emulator: state file and channel pictures', () => {
  it("keeps every image source's spot and the overlay channels over a restart; a file without them still loads", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thermo-api13-'));
    const statePath = path.join(dir, 'camera.json');
    try {
      let emu = await start({ port: 0, profile: 'bispectral', statePath });
      let root = new DigestSession(emu.url, 'root', 'pass');
      await root.call('addSpotTemperature', { spotCoordinates: [0.1, 0.2], coordinateSystem: 'coord_neg1_1', imagesource: 1 });
      await root.call('addOverlayChannel', { imagesource: 0, overlayChannel: 2 });
      await emu.stop();
      emu = await start({ port: 0, profile: 'bispectral', statePath });
      root = new DigestSession(emu.url, 'root', 'pass');
      assert.deepEqual((await root.call('listSpotMeters')).json.data.spotmeters, [
        { imagesource: 0, active: false },
        { imagesource: 1, active: true },
      ]);
      assert.deepEqual((await root.call('listOverlayChannels')).json.data.overlayList, [{ imagesource: 0, overlayChannels: [2] }]);
      await emu.stop();
      // A file saved before 1.3: one spot, no overlays.
      const old = JSON.parse(fs.readFileSync(statePath, 'utf8'));
      delete old.spots;
      delete old.overlays;
      old.spot = { point: [0.3, 0.3], renderOverlay: true };
      fs.writeFileSync(statePath, JSON.stringify(old));
      emu = await start({ port: 0, profile: 'bispectral', statePath });
      root = new DigestSession(emu.url, 'root', 'pass');
      assert.deepEqual((await root.call('listSpotMeters')).json.data.spotmeters, [
        { imagesource: 0, active: true },
        { imagesource: 1, active: false },
      ]);
      assert.deepEqual((await root.call('listOverlayChannels')).json.data.overlayList, []);
      await emu.stop();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('bispectral snapshots: each channel shows the overlays mapped to it', () => {
    const emu = useEmulator({ profile: 'bispectral' });
    let root;
    before(async () => {
      root = new DigestSession(emu.url, 'root', 'pass');
      attachScene(emu, { clock: 'stepped', noise: 0, scenario: 'none', ambient: 20, width: 64, height: 48 });
      const res = await root.call('addArea', areaParams({ name: 'Thermal area', imagesource: 0, areaOverlay: 'always' }));
      assert.equal(res.status, 200, res.text);
    });

    /** Pixels of the area outline's green on the picture of image.cgi camera=n (channel n-1). */
    async function greenPixels(cameraParam) {
      const res = await root.request({ method: 'GET', path: `/axis-cgi/jpg/image.cgi?camera=${cameraParam}&resolution=384x288` });
      assert.equal(res.status, 200, res.text);
      assert.match(res.headers['content-type'], /^image\/jpeg/);
      const img = jpeg.decode(res.buffer, { useTArray: true });
      let n = 0;
      for (let i = 0; i < img.data.length; i += 4) if (img.data[i + 1] > 180 && img.data[i] < 120 && img.data[i + 2] < 120) n++;
      return n;
    }

    it('the thermal channel shows its area; the visual channel only once mapped as its overlay channel, and no longer once removed', async () => {
      assert.ok((await greenPixels(1)) > 100, 'thermal channel (camera=1) draws the area');
      assert.equal(await greenPixels(2), 0, 'visual channel (camera=2) without the mapping');
      assert.equal((await root.call('addOverlayChannel', { imagesource: 0, overlayChannel: 1 })).status, 200);
      assert.ok((await greenPixels(2)) > 100, 'visual channel once mapped');
      assert.equal(await greenPixels(3), 0, 'channel 2 is not mapped');
      assert.equal((await root.call('removeOverlayChannel', { imagesource: 0, overlayChannel: 1 })).status, 200);
      assert.equal(await greenPixels(2), 0, 'visual channel after removeOverlayChannel');
    });

    it('image.cgi: camera=4 is a channel the bispectral camera lacks (400)', async () => {
      const res = await root.request({ method: 'GET', path: '/axis-cgi/jpg/image.cgi?camera=4' });
      assert.equal(res.status, 400);
      assert.match(res.text, /camera "4" not available; this camera has video sources 1 to 3/);
    });
  });
});
