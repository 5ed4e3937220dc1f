'use strict';
// API 1.3 through the client: the page's JSON (examples and the forms of its
// syntax blocks) read into the same shapes, version gating both ways before any
// request, two spot meters read apart, and an overlay channel's snapshot.
const assert = require('node:assert/strict');
const jpeg = require('jpeg-js');
const { ThermometryClient, normalizeResult, readChannelNames, channelLabel } = require('../../dist/client');
const { start } = require('../../dist/emulator');
const { attachScene } = require('../../dist/emulator/scene');
const { useEmulator } = require('../support/emulator');
const { examples, syntax } = require('../support/thermometry-1.3-examples');
const { CAPABILITIES, digestGuard, PASSWORD, sendJson, startFakeCamera } = require('./support');

const SQUARE = [
  [-0.5, -0.5],
  [0.5, -0.5],
  [0.5, 0.5],
  [-0.5, 0.5],
];
const area = (name, over = {}) => ({
  enabled: true,
  name,
  detectionType: 'above',
  measurement: 'maximum',
  threshold: 80,
  delay: 0,
  vertices: SQUARE,
  areaOverlay: 'always',
  ...over,
});

function clientFor(emu, extra = {}) {
  return new ThermometryClient({ host: '127.0.0.1', port: emu.port, username: 'root', password: 'pass', ...extra });
}

async function rejection(promise) {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

const dataOf = (text) => JSON.parse(text).data;

describe("API 1.3 through the client: the page's JSON", () => {
  it("the example replies read into the client's shapes, equal to what the emulator answers", async () => {
    assert.deepEqual(normalizeResult('addOverlayChannel', dataOf(examples.addOverlayChannel.success)), {});
    assert.deepEqual(normalizeResult('removeOverlayChannel', dataOf(examples.removeOverlayChannel.success)), {});
    assert.deepEqual(normalizeResult('listOverlayChannels', dataOf(examples.listOverlayChannels.success)), {
      overlayList: [{ imagesource: 1, overlayChannels: [0, 2] }],
    });
    assert.deepEqual(normalizeResult('listSpotMeters', dataOf(examples.listSpotMeters.success)), { spotMeters: [{ imagesource: 0, active: false }] });

    // The same state on the emulator, read by the client: the same result.
    const emu = await start({ port: 0, profile: 'bispectral' });
    const client = clientFor(emu);
    try {
      await client.addOverlayChannel(JSON.parse(examples.addOverlayChannel.request).params);
      await client.addOverlayChannel({ imagesource: 1, overlayChannel: 0 });
      assert.deepEqual(await client.listOverlayChannels(), normalizeResult('listOverlayChannels', dataOf(examples.listOverlayChannels.success)));
      assert.deepEqual(await client.removeOverlayChannel(JSON.parse(examples.removeOverlayChannel.request).params), {});
    } finally {
      client.close();
      await emu.stop();
    }
    const fixed = await start({ port: 0 });
    const one = clientFor(fixed);
    try {
      assert.deepEqual(await one.listSpotMeters(), normalizeResult('listSpotMeters', dataOf(examples.listSpotMeters.success)));
    } finally {
      one.close();
      await fixed.stop();
    }
  });

  it('the syntax blocks\' forms: numbers as strings, "<int>, <int>" in one string, a lone number for a list', () => {
    assert.deepEqual(normalizeResult('listOverlayChannels', { overlayList: [{ imagesource: '1', overlayChannels: ['0, 2'] }] }), {
      overlayList: [{ imagesource: 1, overlayChannels: [0, 2] }],
    });
    assert.deepEqual(normalizeResult('listOverlayChannels', { overlayList: [{ imageSource: 1, overlayChannels: '0,2' }] }), {
      overlayList: [{ imagesource: 1, overlayChannels: [0, 2] }],
    });
    assert.deepEqual(
      normalizeResult('listSpotMeters', {
        spotmeters: [
          { imagesource: '0', active: 'false' },
          { imagesource: '1', active: 'true' },
        ],
      }),
      {
        spotMeters: [
          { imagesource: 0, active: false },
          { imagesource: 1, active: true },
        ],
      },
    );
    // The templates themselves: nothing that is not a number is taken for a channel.
    assert.deepEqual(normalizeResult('listOverlayChannels', dataOf(syntax.listOverlayChannels.success)).overlayList[0].overlayChannels, []);
    assert.deepEqual(normalizeResult('listSpotMeters', dataOf(syntax.listSpotMeters.success)).spotMeters[0].active, false);
    const { maxGroups: _groups, ...caps } = CAPABILITIES;
    assert.deepEqual(normalizeResult('getConfigurationCapabilities', { ...caps, imagesources: [0, 1], overlayChannels: [0, 1, 2] }).imagesources, [0, 1]);
    const loose = normalizeResult('getConfigurationCapabilities', { ...caps, imagesources: 1, overlayChannels: '0, 2' });
    assert.deepEqual([loose.imagesources, loose.overlayChannels], [[1], [0, 2]]);
    const old = normalizeResult('getConfigurationCapabilities', caps);
    assert.equal('imagesources' in old || 'overlayChannels' in old, false, 'a camera before 1.3 has no lists');
  });

  describe('the example errors, as a camera sends them', () => {
    let cam;
    let reply;
    before(async () => {
      cam = await startFakeCamera({
        guard: digestGuard(),
        handler: (rpc, _req, res) => {
          if (rpc.method === 'getSupportedVersions') return sendJson(res, 200, { apiVersion: '1.3', method: rpc.method, data: { apiVersions: ['1.3'] } });
          if (rpc.method === 'getConfigurationCapabilities')
            return sendJson(res, 200, {
              apiVersion: '1.3',
              method: rpc.method,
              data: { ...CAPABILITIES, imagesources: [0, 1], overlayChannels: [0, 1, 2] },
            });
          res.writeHead(reply.status, { 'Content-Type': 'application/json' });
          res.end(reply.text);
          return true;
        },
      });
    });
    after(() => cam.stop());
    const client = () => new ThermometryClient({ host: '127.0.0.1', port: cam.port, username: 'root', password: PASSWORD });

    it("2104 of add/removeOverlayChannel: a VAPIX error with the code and the camera's words, also with the syntax's quoted code", async () => {
      for (const method of ['addOverlayChannel', 'removeOverlayChannel']) {
        reply = { status: 400, text: examples[method].error };
        const c = client();
        const err = await rejection(c[method]({ imagesource: 1, overlayChannel: 2 }));
        c.close();
        assert.equal(err.kind, 'vapix');
        assert.equal(err.code, 2104);
        assert.match(err.message, new RegExp(`${method} failed .*error 2104.*"Invalid parameter value specified"`));
        const sent = cam.stats.requests.filter((r) => r.method === method).pop();
        assert.deepEqual(sent, { apiVersion: '1.3', method, params: { imagesource: 1, overlayChannel: 2 } });
      }
      reply = { status: 400, text: examples.addOverlayChannel.error.replace('"code": 2104', '"code": "2104"') };
      const c = client();
      const err = await rejection(c.addOverlayChannel({ imagesource: 1, overlayChannel: 2 }));
      c.close();
      assert.equal(err.code, 2104);
    });

    it("2110 of the list methods: in a 403 the user's level is at fault, as the words say; in a 400 a VAPIX error 2110", async () => {
      for (const method of ['listOverlayChannels', 'listSpotMeters']) {
        reply = { status: 403, text: examples[method].error };
        let c = client();
        let err = await rejection(c[method]());
        c.close();
        assert.equal(err.kind, 'authorization');
        assert.match(err.message, new RegExp(`${method} needs the administrator level`));
        reply = { status: 400, text: examples[method].error };
        c = client();
        err = await rejection(c[method]());
        c.close();
        assert.equal(err.kind, 'vapix');
        assert.equal(err.code, 2110);
        // The list methods send the syntax's empty params.
        assert.deepEqual(cam.stats.requests.filter((r) => r.method === method).pop(), { apiVersion: '1.3', method, params: {} });
      }
    });
  });
});

describe('API 1.3 through the client: version gating both ways', () => {
  it('a camera that negotiated 1.2: the 1.3 methods and imagesource fail before any request, naming 1.3', async () => {
    const emu = await start({ port: 0, profile: 'bispectral', apiVersions: ['1.0', '1.1', '1.2'] });
    const client = clientFor(emu);
    try {
      assert.equal(await client.negotiatedVersion(), '1.2');
      const before = emu.stats.thermometryCalls;
      for (const [method, params] of [
        ['addOverlayChannel', { imagesource: 0, overlayChannel: 1 }],
        ['removeOverlayChannel', { imagesource: 0, overlayChannel: 1 }],
        ['listOverlayChannels', undefined],
        ['listSpotMeters', undefined],
      ]) {
        const err = await rejection(client[method](params));
        assert.equal(err.kind, 'version', method);
        assert.match(err.message, new RegExp(`^${method} needs API version 1\\.3 or later, but camera 127\\.0\\.0\\.1:\\d+ speaks at most API version 1\\.2`));
      }
      for (const [method, params] of [
        ['addSpotTemperature', { spotCoordinates: [0, 0], coordinateSystem: 'coord_neg1_1', imagesource: 1 }],
        ['getSpotTemperature', { coordinateSystem: 'coord_neg1_1', imagesource: 1 }],
        ['removeSpotTemperature', { imagesource: 1 }],
      ]) {
        const err = await rejection(client[method](params));
        assert.equal(err.kind, 'validation', method);
        assert.equal(err.field, 'imagesource');
        assert.match(err.message, /"imagesource" needs API version 1\.3 or later \(the camera speaks 1\.2\)/);
      }
      assert.equal(emu.stats.thermometryCalls, before, 'no request was sent');
      // 1.2 as before: one spot, names may repeat.
      await client.addSpotTemperature({ spotCoordinates: [0.2, 0.2], coordinateSystem: 'coord_neg1_1' });
      await client.addArea(area('Twin'));
      await client.addArea(area('Twin'));
      assert.deepEqual(
        (await client.listAreas()).areaList.map((a) => a.name),
        ['Twin', 'Twin'],
      );
    } finally {
      client.close();
      await emu.stop();
    }
  });

  it('a client pinned to 1.2 on a 1.3 camera is gated the same; auto speaks 1.3 there and the camera then refuses a repeated name', async () => {
    const emu = await start({ port: 0, profile: 'bispectral' });
    const pinned = clientFor(emu, { apiVersion: '1.2' });
    const auto = clientFor(emu);
    try {
      const err = await rejection(pinned.listSpotMeters());
      assert.equal(err.kind, 'version');
      assert.match(err.message, /listSpotMeters needs API version 1\.3 or later, but the client is pinned to API version 1\.2/);
      assert.equal(await auto.negotiatedVersion(), '1.3');
      assert.deepEqual(await auto.listSpotMeters(), {
        spotMeters: [
          { imagesource: 0, active: false },
          { imagesource: 1, active: false },
        ],
      });
      await auto.addArea(area('Door'));
      const dup = await rejection(auto.addArea(area('Door')));
      assert.equal(dup.kind, 'vapix');
      assert.equal(dup.code, 2104);
      assert.equal(dup.field, 'name');
      assert.match(dup.message, /The specified name is already in use.*give the area a name no other area on the camera has/);
      // The pinned client speaks 1.2: the camera lets the name repeat, as a 1.2 camera does.
      assert.ok((await pinned.addArea(area('Door'))).id >= 1);
    } finally {
      pinned.close();
      auto.close();
      await emu.stop();
    }
  });

  it("a channel the camera does not list is refused before sending, naming the camera's lists", async () => {
    const emu = await start({ port: 0, profile: 'bispectral' });
    const client = clientFor(emu);
    try {
      await client.capabilities();
      const before = emu.stats.thermometryCalls;
      let err = await rejection(client.getSpotTemperature({ coordinateSystem: 'coord_neg1_1', imagesource: 2 }));
      assert.equal(err.kind, 'validation');
      assert.equal(
        err.message,
        'getSpotTemperature: "imagesource" must be one of the camera\'s image sources (getConfigurationCapabilities.imagesources: 0, 1) (got 2)',
      );
      err = await rejection(client.addOverlayChannel({ imagesource: 0, overlayChannel: 5 }));
      assert.equal(err.field, 'overlayChannel');
      assert.match(err.message, /overlay channels \(getConfigurationCapabilities\.overlayChannels: 0, 1, 2\) \(got 5\)/);
      assert.equal(emu.stats.thermometryCalls, before);
    } finally {
      client.close();
      await emu.stop();
    }
  });
});

describe('API 1.3 through the client: a bispectral camera', () => {
  const emu = useEmulator({ profile: 'bispectral' });
  let client;
  before(() => {
    client = clientFor(emu);
    // Hot on the right half of the image, 20 °C elsewhere.
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
  after(() => client.close());

  it('two spot meters on two image sources are read back apart', async () => {
    await client.addSpotTemperature({ spotCoordinates: [0.5, 0], coordinateSystem: 'coord_neg1_1', imagesource: 0 });
    await client.addSpotTemperature({ spotCoordinates: [0.25, 0.5], coordinateSystem: 'coord_0_1', imagesource: 1 });
    const thermal = await client.getSpotTemperature({ coordinateSystem: 'coord_neg1_1', imagesource: 0 });
    const visual = await client.getSpotTemperature({ coordinateSystem: 'coord_neg1_1', imagesource: 1 });
    assert.deepEqual(thermal.spotCoordinates, [0.5, 0]);
    assert.deepEqual(visual.spotCoordinates, [-0.5, 0]);
    assert.ok(thermal.spotTemperature > 80, `hot spot ${thermal.spotTemperature}`);
    assert.ok(visual.spotTemperature < 30, `cool spot ${visual.spotTemperature}`);
    assert.deepEqual(await client.listSpotMeters(), {
      spotMeters: [
        { imagesource: 0, active: true },
        { imagesource: 1, active: true },
      ],
    });
    await client.removeSpotTemperature({ imagesource: 0 });
    assert.deepEqual(
      (await client.listSpotMeters()).spotMeters.map((m) => m.active),
      [false, true],
    );
    assert.deepEqual((await client.getSpotTemperature({ coordinateSystem: 'coord_neg1_1', imagesource: 1 })).spotCoordinates, [-0.5, 0]);
  });

  it("an overlay channel added shows the areas on that channel's snapshot", async () => {
    // Not triggered (a threshold above the scene): its outline is green.
    await client.addArea(
      area('Hot side', {
        vertices: [
          [0.1, -0.7],
          [0.9, -0.7],
          [0.9, 0.7],
          [0.1, 0.7],
        ],
        imagesource: 0,
        threshold: 300,
      }),
    );
    const green = async (camera) => {
      const { image } = await client.snapshot({ camera, resolution: '384x288' });
      const img = jpeg.decode(image, { useTArray: true });
      let n = 0;
      for (let i = 0; i < img.data.length; i += 4) if (img.data[i + 1] > 180 && img.data[i] < 120 && img.data[i + 2] < 120) n++;
      return n;
    };
    assert.equal(await green(2), 0, 'the visual channel shows no thermal area yet');
    await client.addOverlayChannel({ imagesource: 0, overlayChannel: 1 });
    assert.deepEqual(await client.listOverlayChannels(), { overlayList: [{ imagesource: 0, overlayChannels: [1] }] });
    assert.ok((await green(2)) > 100, 'the visual channel shows the thermal area once it is its overlay channel');
    assert.ok((await green(1)) > 100, 'the thermal channel shows it as always');
  });
});

describe('API 1.3 through the client: what the camera calls its channels', () => {
  it('param.cgi Image.I<n>.Name: a bispectral camera says thermal and visual; a name that says neither leaves the number', async () => {
    const bispectral = await start({ port: 0, profile: 'bispectral' });
    const fixed = await start({ port: 0 });
    const a = clientFor(bispectral);
    const b = clientFor(fixed);
    try {
      const names = await readChannelNames(a);
      assert.deepEqual(names, { 0: 'Thermal', 1: 'Visual', 2: 'Video 3' });
      assert.deepEqual(
        [0, 1, 2].map((n) => channelLabel(n, names[n])),
        ['thermal', 'visual', 'channel 2'],
      );
      const one = await readChannelNames(b);
      assert.deepEqual(one, { 0: 'Video 1' });
      assert.equal(channelLabel(0, one[0]), 'channel 0');
      assert.equal(channelLabel(1, 'IR sensor'), 'thermal');
      assert.equal(channelLabel(3, 'Daylight view'), 'visual');
    } finally {
      a.close();
      b.close();
      await bispectral.stop();
      await fixed.stop();
    }
  });
});
