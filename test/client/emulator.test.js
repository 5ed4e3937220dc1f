'use strict';
// The client against the emulator over real HTTP with real Digest: every
// method, the documented errors the client can provoke, the three roles, both
// spellings, versions, Digest algorithms, stale nonces and Basic-only.
const assert = require('node:assert/strict');
const sinon = require('sinon');
const { start } = require('../../dist/emulator');
const { ThermometryClient, METHOD_NAMES, METHODS } = require('../../dist/client');
const { rejection, assertNoSecrets } = require('./support');
const { rawRequest } = require('../support/http');
const { DigestSession } = require('../support/digest');
const { useEmulator } = require('../support/emulator');

const SQUARE = [
  [-0.5, -0.5],
  [0.5, -0.5],
  [0.5, 0.5],
  [-0.5, 0.5],
];
const TRIANGLE = [
  [-0.9, -0.9],
  [-0.1, -0.9],
  [-0.5, -0.1],
];
const area = (name, extra = {}) => ({
  enabled: true,
  name,
  detectionType: 'above',
  measurement: 'average',
  threshold: 100,
  delay: 5,
  vertices: SQUARE,
  ...extra,
});
const USERS = { administrator: ['root', 'pass'], operator: ['operator', 'operator'], viewer: ['viewer', 'viewer'] };

function clientFor(emu, role = 'administrator', extra = {}) {
  const [username, password] = USERS[role];
  return new ThermometryClient({ host: '127.0.0.1', port: emu.port, username, password, ...extra });
}

/** Authorization headers the emulator received. */
function recordAuthorizations(emu) {
  const seen = [];
  emu.server.on('request', (req) => seen.push(req.headers.authorization));
  return seen;
}

describe('client against the emulator: every method (fixed camera, administrator)', () => {
  const emu = useEmulator();
  let client;
  before(() => {
    client = clientFor(emu);
  });
  after(() => client.close());

  it('getSupportedVersions and the negotiated version', async () => {
    const res = await client.getSupportedVersions();
    assert.deepEqual(res, { apiVersions: ['1.3'] });
    assert.equal(await client.negotiatedVersion(), '1.3');
  });

  it('getConfigurationCapabilities gives every limit', async () => {
    const caps = await client.getConfigurationCapabilities();
    assert.deepEqual(Object.keys(caps).sort(), [
      'currentTemperatureScale',
      'defaultDelayTime',
      'imagesources',
      'maxDelayTime',
      'maxGroups',
      'maxNameLength',
      'maxNumberOfAreas',
      'maxNumberOfVertices',
      'maxTemperature',
      'minTemperature',
      'overlayChannels',
    ]);
    assert.deepEqual([caps.imagesources, caps.overlayChannels], [[0], []]);
    assert.equal(caps.currentTemperatureScale, 'celsius');
    assert.ok(caps.maxTemperature > caps.minTemperature);
  });

  it('setTemperatureScale converts the limits, and the client validates with the new ones', async () => {
    const celsius = await client.capabilities();
    const hot = celsius.maxTemperature + 10; // too hot in celsius, fine in fahrenheit
    const refused = await rejection(client.addArea(area('hot', { threshold: hot })));
    assert.equal(refused.kind, 'validation');
    assert.deepEqual(await client.setTemperatureScale({ unit: 'fahrenheit' }), {});
    const f = await client.capabilities();
    assert.equal(f.currentTemperatureScale, 'fahrenheit');
    assert.ok(f.maxTemperature > celsius.maxTemperature);
    const { id } = await client.addArea(area('hot', { threshold: hot }));
    await client.removeAreas({ areas: [id] });
    await client.setTemperatureScale({ unit: 'celsius' });
    assert.equal((await client.capabilities()).currentTemperatureScale, 'celsius');
  });

  it('setIsothermLevels then getIsothermLevels', async () => {
    assert.deepEqual(await client.setIsothermLevels({ high: 100, middle: 50, low: 10, min: 0, renderOverlay: true }), {});
    assert.deepEqual(await client.getIsothermLevels(), { high: 100, middle: 50, low: 10, min: 0, renderOverlay: true });
  });

  it('addArea numbers areas from 0; updateArea and listAreas give the normalized shape', async () => {
    const first = await client.addArea(area('Area 1', { areaOverlay: 'if_triggered', temperatureOverlay: true }));
    const second = await client.addArea(area('Area 2', { vertices: TRIANGLE }));
    assert.deepEqual([first.id, second.id], [0, 1]);
    assert.deepEqual(await client.updateArea({ id: 1, ...area('Area 2b', { vertices: TRIANGLE, detectionType: 'below', threshold: -10 }) }), {});
    const { areaList } = await client.listAreas({ presetNbr: 0 });
    assert.equal(areaList.length, 2);
    assert.deepEqual(areaList[0], {
      id: 0,
      imagesource: 0,
      enabled: true,
      name: 'Area 1',
      detectionType: 'above',
      measurement: 'average',
      threshold: 100,
      delay: 5,
      vertices: SQUARE,
      areaOverlay: 'if_triggered',
      temperatureOverlay: true,
      presetNbr: 0,
    });
    assert.equal(areaList[1].name, 'Area 2b');
    assert.equal(areaList[1].detectionType, 'below');
  });

  it('getAreaStatus gives readings for the areas', async () => {
    const { areaList } = await client.getAreaStatus();
    assert.deepEqual(
      areaList.map((a) => a.id),
      [0, 1],
    );
    for (const a of areaList) {
      assert.deepEqual(Object.keys(a).sort(), ['avg', 'id', 'max', 'maxCoordinates', 'min', 'minCoordinates', 'triggered']);
      assert.ok(a.min <= a.avg && a.avg <= a.max);
      assert.equal(a.minCoordinates.length, 2);
      assert.equal(typeof a.triggered, 'boolean');
    }
  });

  it('addSpotTemperature, getSpotTemperature in the other coordinate system, removeSpotTemperature', async () => {
    assert.deepEqual(await client.addSpotTemperature({ spotCoordinates: [0.37, -0.95], coordinateSystem: 'coord_neg1_1' }), {});
    const spot = await client.getSpotTemperature({ coordinateSystem: 'coord_0_1' });
    assert.equal(typeof spot.spotTemperature, 'number');
    assert.ok(Math.abs(spot.spotCoordinates[0] - 0.685) < 1e-6, `x ${spot.spotCoordinates[0]}`);
    assert.ok(Math.abs(spot.spotCoordinates[1] - 0.975) < 1e-6, `y ${spot.spotCoordinates[1]}`);
    assert.equal(typeof spot.renderOverlay, 'boolean');
    assert.deepEqual(await client.removeSpotTemperature(), {});
  });

  it('getTgtConfiguration and setTgtConfiguration give 1202 on a fixed camera', async () => {
    for (const call of [() => client.getTgtConfiguration(), () => client.setTgtConfiguration({ pauseOnAlarm: true, autoResume: true })]) {
      const err = await rejection(call());
      assert.equal(err.kind, 'vapix');
      assert.equal(err.code, 1202);
      assert.match(err.message, /guard tour needs a PTZ camera/);
    }
  });

  it('addGroup numbers groups from 1 and says the real state; updateGroup, listGroups, getGroupStatus, removeGroup', async () => {
    const g = await client.addGroup({ enabled: true, name: 'Pair', measurement: 'average', threshold: 5, delay: 0, areaIds: [0, 1], groupOverlay: true });
    assert.deepEqual(g, { id: 1, enabled: true });
    const lonely = await client.addGroup({ enabled: true, name: 'Lonely', measurement: 'maximum', threshold: 2, delay: 0, areaIds: [0] });
    assert.deepEqual(lonely, { id: 2, enabled: false });
    assert.deepEqual(await client.updateGroup({ id: 1, enabled: true, name: 'Pair', measurement: 'inherit', threshold: 8, delay: 3, areaIds: [0, 1] }), {
      enabled: true,
    });
    const { groupList } = await client.listGroups();
    assert.equal(groupList.length, 2);
    assert.deepEqual(groupList[0], {
      // groupOverlay left out of the update keeps its value
      id: 1,
      enabled: true,
      name: 'Pair',
      measurement: 'inherit',
      threshold: 8,
      delay: 3,
      areaIds: [0, 1],
      groupOverlay: true,
      presetNbr: 0,
    });
    const status = await client.getGroupStatus();
    const pair = status.groupList.find((s) => s.id === 1);
    assert.ok(pair, 'the enabled group has a status');
    assert.equal(typeof pair.triggered, 'boolean');
    assert.equal(pair.details.name, 'Pair');
    assert.deepEqual(
      pair.details.memberAreas.map((m) => m.areaId),
      [0, 1],
    );
    assert.deepEqual(await client.removeGroup({ id: 2 }), {});
    assert.deepEqual(
      (await client.listGroups({ presetNbr: 0 })).groupList.map((x) => x.id),
      [1],
    );
  });

  it('removeAreas removes areas and the groups lose them', async () => {
    assert.deepEqual(await client.removeAreas({ areas: [1] }), {});
    assert.deepEqual(
      (await client.listAreas()).areaList.map((a) => a.id),
      [0],
    );
    const [group] = (await client.listGroups()).groupList;
    assert.deepEqual(group.areaIds, [0]);
    assert.equal(group.enabled, false);
    await client.removeGroup({ id: 0 });
    assert.deepEqual((await client.listGroups()).groupList, []);
  });

  it('every method of the table was called through a typed function of the same name', () => {
    for (const name of METHOD_NAMES) assert.equal(typeof client[name], 'function', name);
    assert.equal(METHOD_NAMES.length, 24);
  });
});

describe('client against the emulator: PTZ camera', () => {
  const emu = useEmulator({ profile: 'ptz' });
  let client;
  before(() => {
    client = clientFor(emu);
  });
  after(() => client.close());

  it('guard tour settings round-trip', async () => {
    assert.deepEqual(await client.setTgtConfiguration({ pauseOnAlarm: true, autoResume: false }), {});
    assert.deepEqual(await client.getTgtConfiguration(), { pauseOnAlarm: true, autoResume: false });
  });

  it('areas belong to presets; a missing preset is 1200', async () => {
    const { id } = await client.addArea(area('On home', { presetNbr: 1 }));
    await client.addArea(area('On 2', { presetNbr: 2 }));
    assert.deepEqual(
      (await client.listAreas({ presetNbr: 1 })).areaList.map((a) => a.id),
      [id],
    );
    assert.equal((await client.listAreas({ presetNbr: 0 })).areaList.length, 2);
    const err = await rejection(client.addArea(area('Nowhere', { presetNbr: 99 })));
    assert.equal(err.kind, 'vapix');
    assert.equal(err.code, 1200);
    assert.equal(err.method, 'addArea');
  });
});

describe('client against the emulator: documented errors', () => {
  const emu = useEmulator();
  let client;
  before(() => {
    client = clientFor(emu);
  });
  after(() => client.close());

  it('1200: area limit reached, area or group that does not exist, group name not unique', async () => {
    const caps = await client.capabilities();
    for (let i = 0; i < caps.maxNumberOfAreas; i++) await client.addArea(area(`A${i}`));
    const full = await rejection(client.addArea(area('one too many')));
    assert.equal(full.code, 1200);
    assert.equal(full.status >= 400, true);
    const missing = await rejection(client.updateArea({ id: 99, ...area('ghost') }));
    assert.equal(missing.code, 1200);
    const gone = await rejection(client.removeGroup({ id: 42 }));
    assert.equal(gone.code, 1200);
    assert.match(gone.message, /Group does not exist/);
    await client.addGroup({ enabled: true, name: 'G', measurement: 'average', threshold: 1, delay: 0, areaIds: [0, 1] });
    const twin = await rejection(client.addGroup({ enabled: true, name: 'G', measurement: 'average', threshold: 1, delay: 0, areaIds: [2, 3] }));
    assert.equal(twin.code, 1200);
    const ghostArea = await rejection(client.addGroup({ enabled: true, name: 'H', measurement: 'average', threshold: 1, delay: 0, areaIds: [0, 77] }));
    assert.equal(ghostArea.code, 1200);
  });

  it('2100: a pinned version the camera does not serve', async () => {
    const old = await start({ port: 0, apiVersions: ['1.0'] });
    const pinned = new ThermometryClient({ host: '127.0.0.1', port: old.port, username: 'root', password: 'pass', apiVersion: '1.1' });
    const err = await rejection(pinned.listAreas());
    const auto = new ThermometryClient({ host: '127.0.0.1', port: old.port, username: 'root', password: 'pass' });
    const gated = await rejection(auto.listGroups());
    pinned.close();
    auto.close();
    await old.stop();
    assert.equal(err.kind, 'vapix');
    assert.equal(err.code, 2100);
    assert.match(err.message, /check the apiVersion/);
    assert.equal(gated.kind, 'version');
    assert.match(gated.message, /listGroups needs API version 1\.2 or later, but camera 127\.0\.0\.1:\d+ speaks at most API version 1\.0/);
  });

  it('auto against a camera serving 1.0 and 1.1 negotiates 1.1', async () => {
    const old = await start({ port: 0, apiVersions: ['1.0', '1.1'] });
    const auto = new ThermometryClient({ host: '127.0.0.1', port: old.port, username: 'root', password: 'pass' });
    assert.equal(await auto.negotiatedVersion(), '1.1');
    auto.close();
    await old.stop();
  });

  it('2101, 2102, 2103, 2104, 2106, 2108 through request() (the typed calls never send such requests)', async () => {
    const cgi = '/axis-cgi/thermometry.cgi';
    const bad = [
      [{ method: 'POST', path: cgi, body: '{not json', headers: { 'Content-Type': 'application/json' } }, 2101],
      [{ method: 'POST', path: cgi, body: { apiVersion: '1.2', context: 'c1', method: 'addArea', params: {} } }, 2103],
      [{ method: 'POST', path: cgi, body: { apiVersion: '1.2', method: 'setTemperatureScale', params: { unit: 'kelvin' } } }, 2104],
      [{ method: 'POST', path: cgi, body: { apiVersion: '1.2', method: 'deleteEverything', params: {} } }, 2102],
      [{ method: 'POST', path: cgi, body: { apiVersion: '1.1', method: 'listGroups', params: {} } }, 2102],
      [{ method: 'GET', path: cgi }, 2106],
      [{ method: 'POST', path: cgi, body: '{}', headers: { 'Content-Type': 'text/plain' } }, 2108],
    ];
    for (const [req, code] of bad) {
      const res = await client.request(req);
      assert.equal(res.status, 400, `${code}: status ${res.status}`);
      assert.equal(res.data.error.code, code, JSON.stringify(res.data));
    }
    const echoed = await client.request(bad[1][0]); // context echoed
    assert.equal(echoed.data.context, 'c1');
  });

  it('request() reaches apidiscovery.cgi with the same authorization', async () => {
    const res = await client.request({ method: 'POST', path: '/axis-cgi/apidiscovery.cgi', body: { apiVersion: '1.0', method: 'getApiList' } });
    assert.equal(res.status, 200);
    const apis = res.data.data.apiList;
    assert.ok(apis.some((a) => a.id === 'thermometry'));
  });
});

describe('client against the emulator: the three roles', () => {
  const emu = useEmulator({ profile: 'ptz' });
  let admin;
  before(async () => {
    admin = clientFor(emu);
    await admin.addArea(area('a0', { presetNbr: 1 }));
    await admin.addArea(area('a1', { presetNbr: 1 }));
    await admin.addGroup({ enabled: true, name: 'g', measurement: 'average', threshold: 1, delay: 0, areaIds: [0, 1], presetNbr: 1 });
  });
  after(() => admin.close());

  let lastAdded;
  // One valid call per method; state-changing ones leave the state as they found it where it matters.
  const CALLS = {
    getSupportedVersions: (c) => c.getSupportedVersions(),
    getConfigurationCapabilities: (c) => c.getConfigurationCapabilities(),
    setTemperatureScale: (c) => c.setTemperatureScale({ unit: 'celsius' }),
    getIsothermLevels: (c) => c.getIsothermLevels(),
    setIsothermLevels: (c) => c.setIsothermLevels({ high: 90, middle: 40, low: 5, renderOverlay: false }),
    addArea: async (c) => {
      lastAdded = (await c.addArea(area('role area', { presetNbr: 1 }))).id;
    },
    updateArea: (c) => c.updateArea({ id: 0, ...area('a0', { presetNbr: 1 }) }),
    removeAreas: (c) => c.removeAreas({ areas: [lastAdded ?? 0] }),
    listAreas: (c) => c.listAreas(),
    getAreaStatus: (c) => c.getAreaStatus(),
    addSpotTemperature: (c) => c.addSpotTemperature({ spotCoordinates: [0, 0], coordinateSystem: 'coord_neg1_1' }),
    getSpotTemperature: (c) => c.getSpotTemperature({ coordinateSystem: 'coord_neg1_1' }),
    removeSpotTemperature: (c) => c.removeSpotTemperature(),
    getTgtConfiguration: (c) => c.getTgtConfiguration(),
    setTgtConfiguration: (c) => c.setTgtConfiguration({ pauseOnAlarm: false, autoResume: false }),
    addGroup: (c) =>
      c.addGroup({
        enabled: false,
        name: `g-${Math.random().toString(36).slice(2, 8)}`,
        measurement: 'average',
        threshold: 1,
        delay: 0,
        areaIds: [0, 1],
        presetNbr: 1,
      }),
    updateGroup: (c) => c.updateGroup({ id: 1, enabled: true, name: 'g', measurement: 'average', threshold: 1, delay: 0, areaIds: [0, 1] }),
    removeGroup: (c) => c.removeGroup({ id: 1 }),
    listGroups: (c) => c.listGroups(),
    getGroupStatus: (c) => c.getGroupStatus(),
    // API 1.3, administrator: the PTZ profile is bispectral (thermal 0, visual 1).
    addOverlayChannel: (c) => c.addOverlayChannel({ imagesource: 0, overlayChannel: 1 }),
    removeOverlayChannel: (c) => c.removeOverlayChannel({ imagesource: 0, overlayChannel: 1 }),
    listOverlayChannels: (c) => c.listOverlayChannels(),
    listSpotMeters: (c) => c.listSpotMeters(),
  };

  it('covers every method of the table', () => {
    assert.deepEqual(Object.keys(CALLS).sort(), [...METHOD_NAMES].sort());
  });

  for (const role of ['operator', 'viewer', 'administrator']) {
    it(`${role}: allowed methods succeed, the others fail with kind "authorization" naming the level`, async () => {
      const client = clientFor(emu, role);
      const outcome = {};
      try {
        for (const name of METHOD_NAMES) {
          if (role === 'administrator' && name === 'removeGroup') continue; // run last, below
          try {
            await CALLS[name](client);
            outcome[name] = 'ok';
          } catch (err) {
            if (err.kind !== 'authorization') throw err;
            assert.equal(err.method, name);
            assert.match(err.message, new RegExp(`${name} needs the ${METHODS[name].level} level`));
            assert.ok(!JSON.stringify(err).includes('Digest '));
            outcome[name] = 'denied';
          }
        }
        if (role === 'administrator') {
          await CALLS.removeGroup(client);
          outcome.removeGroup = 'ok';
        }
      } finally {
        client.close();
      }
      const rank = { viewer: 0, operator: 1, administrator: 2 };
      for (const name of METHOD_NAMES) {
        const expected = rank[role] >= rank[METHODS[name].level] ? 'ok' : 'denied';
        assert.equal(outcome[name], expected, `${role} ${name}`);
      }
    });
  }
});

describe('client against the emulator: a 403 in HTML from the web server', () => {
  it('viewer on a camera whose web server guards thermometry.cgi at operator level: kind "authorization"', async () => {
    const emu = await start({ port: 0, thermometryPathLevel: 'operator' });
    const client = clientFor(emu, 'viewer', { apiVersion: '1.2' });
    const err = await rejection(client.listAreas());
    const raw = await client
      .request({ method: 'POST', path: '/axis-cgi/thermometry.cgi', body: { apiVersion: '1.2', method: 'listAreas', params: {} }, responseType: 'text' })
      .catch((e) => e);
    client.close();
    await emu.stop();
    assert.equal(err.kind, 'authorization');
    assert.equal(err.status, 403);
    assert.equal(err.code, undefined); // no JSON body, so no VAPIX code
    assert.match(err.message, /user "viewer" is not allowed/);
    assert.equal(raw.kind, 'authorization'); // request() tells 403 apart the same way
  });
});

describe('client against the emulator: both spellings give one shape', () => {
  const spelled = {};
  async function snapshot(profile) {
    const emu = await start({ port: 0, profile });
    const client = clientFor(emu);
    try {
      await client.addArea(area('Area 1', { areaOverlay: 'if_triggered', presetNbr: 1 }));
      await client.addArea(area('Area 2', { vertices: TRIANGLE, presetNbr: 1 }));
      await client.addGroup({ enabled: true, name: 'G', measurement: 'average', threshold: 3, delay: 0, areaIds: [0, 1], presetNbr: 1 });
      // The raw text, as it came over the wire (JSON.parse would make 22.0 and 22 one number).
      const raw = new DigestSession(emu.url, 'root', 'pass');
      spelled[profile] = { status: (await raw.call('getAreaStatus', {})).text, list: (await raw.call('listAreas', {})).text };
      return {
        areas: await client.listAreas({ presetNbr: 0 }),
        status: await client.getAreaStatus(),
        groups: await client.listGroups(),
        groupStatus: await client.getGroupStatus(),
      };
    } finally {
      client.close();
      await emu.stop();
    }
  }

  for (const [device, reference] of [
    ['fixed', 'fixed-reference-spelling'],
    ['ptz', 'ptz-reference-spelling'],
  ]) {
    it(`${device} (as devices answer) and ${reference} (as the page's examples) read the same`, async () => {
      const a = await snapshot(device);
      const b = await snapshot(reference);
      assert.deepEqual(b, a);
      // The emulator really answered in two spellings.
      assert.match(spelled[device].list, /"data":\{"arealist":\[\{"id":0,"imagesource":0,/);
      assert.match(spelled[reference].list, /"data":\{"areaList":\[\{"id":0,"imageSource":0,/);
      assert.match(spelled[device].list, /"if_triggered"/);
      assert.match(spelled[reference].list, /"if triggered"/);
      assert.match(spelled[device].status, /"data":\{"arealist":\[\{"id":0,"avg":22\.0,"min":22\.0,"max":22\.0,"minCoordinates"/);
      assert.match(spelled[reference].status, /"data":\{"areaList":\[\{"id":0,"avg":22,"min":22,"max":22,"maxPos"/);
      assert.equal(a.areas.areaList[0].areaOverlay, 'if_triggered');
      assert.equal(a.areas.areaList[0].imagesource, 0);
      assert.equal(a.status.areaList.length, 2);
      assert.equal(a.status.areaList[0].minCoordinates.length, 2);
      assert.equal(a.status.areaList[0].avg, 22);
    });
  }
});

describe('client against the emulator: Digest and Basic', () => {
  it('uses SHA-256 when offered with MD5 (SHA-256 listed first), one exchange per call over 200 calls', async () => {
    const emu = await start({ port: 0, digestAlgorithms: ['SHA-256', 'MD5'] });
    const seen = recordAuthorizations(emu);
    const client = clientFor(emu);
    await client.getAreaStatus();
    const before = emu.stats.exchanges;
    for (let i = 0; i < 200; i++) await client.getAreaStatus();
    assert.equal(emu.stats.exchanges - before, 200);
    client.close();
    await emu.stop();
    assert.ok(seen.filter(Boolean).every((h) => /algorithm=SHA-256/.test(h)));
  });

  it('uses SHA-256 when MD5 is listed first and SHA-256 after it (the strongest, whatever the order)', async () => {
    const emu = await start({ port: 0, digestAlgorithms: ['MD5', 'SHA-256'] });
    const seen = recordAuthorizations(emu);
    const client = clientFor(emu);
    await client.listAreas();
    client.close();
    await emu.stop();
    assert.ok(seen.filter(Boolean).length >= 2);
    assert.ok(seen.filter(Boolean).every((h) => /algorithm=SHA-256/.test(h)));
  });

  it('uses MD5 when the camera offers only MD5 (the default, as Axis cameras do)', async () => {
    const emu = await start({ port: 0 });
    const seen = recordAuthorizations(emu);
    const client = clientFor(emu);
    await client.listAreas();
    client.close();
    await emu.stop();
    assert.ok(seen.filter(Boolean).length >= 2);
    assert.ok(seen.filter(Boolean).every((h) => /algorithm=MD5/.test(h)));
  });

  it('an expired nonce (stale=true) costs exactly one retry', async () => {
    const clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['Date'] });
    const emu = await start({ port: 0, nonceTtlMs: 60000 });
    const client = clientFor(emu);
    try {
      await client.getAreaStatus();
      clock.tick(120000);
      const before = emu.stats.exchanges;
      await client.getAreaStatus();
      assert.equal(emu.stats.exchanges - before, 2);
      await client.getAreaStatus();
      assert.equal(emu.stats.exchanges - before, 3);
    } finally {
      clock.restore();
      client.close();
      await emu.stop();
    }
  });

  it('Basic-only camera: Basic, one exchange per call', async () => {
    const emu = await start({ port: 0, basicOnly: true });
    const seen = recordAuthorizations(emu);
    const client = clientFor(emu);
    await client.listAreas();
    const before = emu.stats.exchanges;
    for (let i = 0; i < 10; i++) await client.listAreas();
    assert.equal(emu.stats.exchanges - before, 10);
    client.close();
    await emu.stop();
    assert.ok(seen.filter(Boolean).every((h) => h.startsWith('Basic ')));
  });

  it('wrong password: kind "authentication" (401), no secret anywhere', async () => {
    const emu = await start({ port: 0 });
    const client = new ThermometryClient({ host: '127.0.0.1', port: emu.port, username: 'root', password: 'Wr0ng-Secret' });
    const err = await rejection(client.listAreas());
    client.close();
    await emu.stop();
    assert.equal(err.kind, 'authentication');
    assert.equal(err.status, 401);
    // refused while negotiating the version, told as the call the user made
    assert.equal(err.method, 'listAreas');
    assert.match(err.message, /^listAreas: camera 127\.0\.0\.1:\d+ refused the credentials of user "root" \(HTTP 401\); check the username and password$/);
    assertNoSecrets(assert, err, 'Wr0ng-Secret');
  });

  it('authorization() gives a header the camera accepts (for a request made elsewhere)', async () => {
    const emu = await start({ port: 0 });
    const client = clientFor(emu);
    const header = await client.authorization('POST', '/axis-cgi/thermometry.cgi');
    assert.match(header, /^Digest /);
    const { status } = await rawRequest(emu.url, {
      body: { apiVersion: '1.2', method: 'listAreas', params: {} },
      headers: { Authorization: header, 'Content-Type': 'application/json' },
    });
    const none = new ThermometryClient({ host: '127.0.0.1', port: emu.port });
    assert.equal(await none.authorization('GET', '/'), undefined);
    none.close();
    client.close();
    await emu.stop();
    assert.equal(status, 200);
  });
});
