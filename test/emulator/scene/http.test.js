'use strict';
// End to end over HTTP with Digest: the emulator serves readings from the scene, the snapshot, the palette and the control endpoint.
const assert = require('node:assert/strict');
const jpeg = require('jpeg-js');
const { start } = require('../../../dist/emulator/server');
const { ThermometryClient } = require('../../../dist/client');
const { createScene, addSceneRoutes, attachScene } = require('../../../dist/emulator/scene');

describe('scene over HTTP', () => {
  let emulator;
  let scene;
  const clients = [];
  const client = (username, password) => {
    const c = new ThermometryClient({ host: '127.0.0.1', port: emulator.port, username, password });
    clients.push(c);
    return c;
  };

  before(async () => {
    scene = createScene({ clock: 'stepped', noise: 0, scenario: 'none', ambient: 20, width: 96, height: 72, palette: 'Iron' });
    emulator = await start({ port: 0, profile: 'fixed', sensor: scene });
    addSceneRoutes(emulator, scene);
  });
  after(async () => {
    for (const c of clients) c.close();
    await emulator.stop();
  });

  const control = (c, body) => c.request({ method: 'POST', path: '/emulator/control', body });

  it('getAreaStatus comes from the scene, and stepping the clock through the control endpoint fires the alarm', async () => {
    const admin = client('root', 'pass');
    const { id } = await admin.addArea({
      enabled: true,
      name: 'Hot',
      detectionType: 'above',
      measurement: 'maximum',
      threshold: 70,
      delay: 3,
      vertices: [
        [-0.5, -0.5],
        [0.5, -0.5],
        [0.5, 0.5],
        [-0.5, 0.5],
      ],
      areaOverlay: 'always',
      temperatureOverlay: true,
      presetNbr: 1,
    });
    let reply = await control(admin, { action: 'addSource', id: 'hot', shape: 'rect', x: 0, y: 0, width: 0.4, height: 0.4, softness: 0, temperature: 85 });
    assert.equal(reply.status, 200);
    assert.equal(reply.data.id, 'hot');
    let { areaList } = await admin.getAreaStatus();
    assert.deepEqual(
      areaList.map((a) => [a.id, a.max, a.min, a.triggered]),
      [[id, 85, 20, false]],
    );
    reply = await control(admin, { action: 'step', seconds: 3 });
    assert.equal(reply.status, 200);
    assert.equal(reply.data.time, 3);
    ({ areaList } = await admin.getAreaStatus());
    assert.equal(areaList[0].triggered, true);
    // Move the source out of the area: the alarm clears.
    await control(admin, { action: 'moveSource', id: 'hot', x: 0.8, y: 0.8 });
    ({ areaList } = await admin.getAreaStatus());
    assert.deepEqual([areaList[0].max, areaList[0].triggered], [20, false]);
    // The spot reads the pixel under it, in either coordinate system.
    await admin.addSpotTemperature({ spotCoordinates: [0.9, 0.1], coordinateSystem: 'coord_0_1' });
    const spot = await admin.getSpotTemperature({ coordinateSystem: 'coord_neg1_1' });
    assert.equal(spot.spotTemperature, 85);
  });

  it('control is administrator only, answers 400 with a reason on a bad command, and GET gives the state', async () => {
    const operator = client('operator', 'operator');
    await assert.rejects(control(operator, { action: 'step', seconds: 1 }), (e) => e.status === 403);
    const admin = client('root', 'pass');
    const bad = await control(admin, { action: 'scenario', name: 'volcano' });
    assert.equal(bad.status, 400);
    assert.match(bad.data.error, /unknown scenario/);
    for (const body of [
      { action: 'addSource', temperature: 'hot' },
      { action: 'addSource', temperature: 50, x: 'left' },
      { action: 'addSource', temperature: 50, shape: 'star' },
      { action: 'addSource', temperature: 50, shape: 'polygon', vertices: [[0, 0], [1]] },
      { action: 'step', seconds: -1 },
      { action: 'step', seconds: 1e9 },
      { action: 'moveSource', id: 'nope', x: 0, y: 0 },
      { action: 'preset', presetNbr: 2 },
      { action: 'fly' },
      [],
    ]) {
      const reply = await control(admin, body);
      assert.equal(reply.status, 400, JSON.stringify(body));
      assert.equal(typeof reply.data.error, 'string');
    }
    const scenario = await control(admin, { action: 'scenario', name: 'electrical-cabinet' });
    assert.equal(scenario.data.scenario, 'electrical-cabinet');
    assert.ok(scenario.data.sources.some((src) => src.id === 'terminalL3'));
    await control(admin, { action: 'scenario', name: 'idle' });
    for (const [body, words] of [
      [[{ action: 'step', seconds: 1 }], 'an array'],
      ['"step"', 'a string'],
      ['null', 'null'],
    ]) {
      const notObject = await admin.request({
        method: 'POST',
        path: '/emulator/control',
        body: typeof body === 'string' ? body : JSON.stringify(body),
        headers: { 'Content-Type': 'application/json' },
      });
      assert.equal(notObject.status, 400);
      assert.match(notObject.data.error, new RegExp(`control command is an object .*got ${words}$`));
    }
    const notJson = await admin.request({ method: 'POST', path: '/emulator/control', body: '{', headers: { 'Content-Type': 'application/json' } });
    assert.equal(notJson.status, 400);
    const state = await admin.request({ method: 'GET', path: '/emulator/control' });
    assert.equal(state.status, 200);
    assert.equal(state.data.scenario, 'idle');
  });

  it('image.cgi returns the snapshot as image/jpeg at the thermal size or the requested one (viewer may)', async () => {
    const viewer = client('viewer', 'viewer');
    let reply = await viewer.request({ method: 'GET', path: '/axis-cgi/jpg/image.cgi', responseType: 'arraybuffer' });
    assert.equal(reply.status, 200);
    assert.match(reply.headers['content-type'], /^image\/jpeg/);
    let img = jpeg.decode(reply.data);
    assert.deepEqual([img.width, img.height], [96, 72]);
    reply = await viewer.request({ method: 'GET', path: '/axis-cgi/jpg/image.cgi?resolution=640x480&compression=30', responseType: 'arraybuffer' });
    img = jpeg.decode(reply.data);
    assert.deepEqual([img.width, img.height], [640, 480]);
    reply = await viewer.request({ method: 'GET', path: '/axis-cgi/jpg/image.cgi?resolution=big', responseType: 'text' });
    assert.equal(reply.status, 400);
    assert.match(reply.data, /^Error: resolution "big" not supported; supported: /);
    for (const [query, said] of [
      ['resolution=640x481', /resolution "640x481" not supported/],
      ['compression=101', /compression "101" not supported/],
      ['camera=2', /camera "2" not available/],
    ]) {
      reply = await viewer.request({ method: 'GET', path: `/axis-cgi/jpg/image.cgi?${query}`, responseType: 'text' });
      assert.equal(reply.status, 400, query);
      assert.match(reply.headers['content-type'], /^text\/plain/);
      assert.match(reply.data, said);
    }
    // Properties.Image covers the picture's properties: resolutions, rotations, the palette properties.
    reply = await viewer.request({ method: 'GET', path: '/axis-cgi/param.cgi?action=list&group=Properties.Image', responseType: 'text' });
    assert.deepEqual(
      reply.data
        .trim()
        .split('\n')
        .map((l) => l.split('=')[0]),
      [
        'root.Properties.Image.Format',
        'root.Properties.Image.NbrOfViews',
        'root.Properties.Image.Palette.Palette',
        'root.Properties.Image.Palette.StreamPalette',
        'root.Properties.Image.Resolution',
        'root.Properties.Image.Rotation',
      ],
    );
  });

  it('param.cgi lists and updates the palette as Axis does; viewers may list, not update', async () => {
    const viewer = client('viewer', 'viewer');
    let reply = await viewer.request({ method: 'GET', path: '/axis-cgi/param.cgi?action=list&group=Image.I0.Appearance.Palette', responseType: 'text' });
    assert.equal(reply.status, 200);
    assert.match(reply.headers['content-type'], /^text\/plain/);
    assert.equal(reply.data, 'root.Image.I0.Appearance.Palette=Iron\n');
    await assert.rejects(
      viewer.request({ method: 'GET', path: '/axis-cgi/param.cgi?action=update&root.Image.I0.Appearance.Palette=Iso-Fire-WH', responseType: 'text' }),
      (e) => e.status === 403,
    );
    const operator = client('operator', 'operator');
    reply = await operator.request({
      method: 'GET',
      path: '/axis-cgi/param.cgi?action=update&root.Image.I0.Appearance.Palette=Iso-Fire-WH',
      responseType: 'text',
    });
    assert.equal(reply.data, 'OK\n');
    reply = await operator.request({
      method: 'POST',
      path: '/axis-cgi/param.cgi',
      responseType: 'text',
      body: 'action=list&group=root.Image.I0.Appearance.Palette',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(reply.data, 'root.Image.I0.Appearance.Palette=Iso-Fire-WH\n');
    assert.equal(scene.palette, 'Iso-Fire-WH');
    reply = await operator.request({ method: 'GET', path: '/axis-cgi/param.cgi?action=update&Image.I0.Appearance.Palette=Sepia', responseType: 'text' });
    assert.match(reply.data, /^# Error: /);
    assert.equal(scene.palette, 'Iso-Fire-WH');
    reply = await operator.request({
      method: 'GET',
      path: '/axis-cgi/param.cgi?action=listdefinitions&listformat=xmlschema&group=Image.*.Appearance.Palette',
      responseType: 'text',
    });
    assert.match(reply.data, /<entry value="Iso-Fire-WH"\/>/);
    assert.match(reply.data, /<parameter name="Palette" value="Iso-Fire-WH"/);
    reply = await operator.request({ method: 'GET', path: '/axis-cgi/param.cgi?action=list&group=Network', responseType: 'text' });
    assert.match(reply.data, /^# Error: Error -1 getting param in group 'Network'/);
  });

  it('attachScene puts a scene on an emulator started with the flat sensor, and stop() detaches it', async () => {
    const plain = await start({ port: 0, profile: 'ptz' });
    try {
      const s = attachScene(plain, { clock: 'stepped', noise: 0, width: 64, height: 48 });
      assert.equal(plain.camera.sensor, s);
      assert.equal(s.scenario, 'plant');
      assert.equal(attachScene(plain), s, 'attaching twice gives the same scene');
      const c = new ThermometryClient({ host: '127.0.0.1', port: plain.port, username: 'root', password: 'pass' });
      clients.push(c);
      const reply = await c.request({ method: 'POST', path: '/emulator/control', body: { action: 'preset', presetNbr: 3 } });
      assert.equal(reply.data.currentPreset, 3);
      assert.equal(plain.camera.currentPreset, 3);
    } finally {
      await plain.stop();
    }
    assert.equal(plain.camera.eventStates().length, 0, 'detached on stop');
  });
});
