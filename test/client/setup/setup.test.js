'use strict';
// Setup documents against the emulator over HTTP with Digest (issue 17, item 5):
// read a camera's setup, apply it to an empty camera, read it back; a dry run and
// an apply to a matching camera write nothing; limits the target lacks are refused
// before any write; a reply cut half-way is reported and nothing is sent twice.
const assert = require('node:assert/strict');
const { start } = require('../../../dist/emulator');
const { ThermometryClient, readSetup, applySetup } = require('../../../dist/client');
const { FaultProxy } = require('../fault-proxy');
const { comparable } = require('../../support/setup-document');

const square = (cx, cy, r = 0.1) => [
  [cx - r, cy - r],
  [cx + r, cy - r],
  [cx + r, cy + r],
  [cx - r, cy + r],
];
const area = (name, i, extra = {}) => ({
  enabled: true,
  name,
  detectionType: 'above',
  measurement: 'maximum',
  threshold: 60 + i,
  delay: i,
  vertices: square(-0.8 + 0.15 * i, 0),
  areaOverlay: 'always',
  temperatureOverlay: true,
  ...extra,
});
const WRITES = new Set([
  'setTemperatureScale',
  'setIsothermLevels',
  'addArea',
  'updateArea',
  'removeAreas',
  'addSpotTemperature',
  'removeSpotTemperature',
  'setTgtConfiguration',
  'addGroup',
  'updateGroup',
  'removeGroup',
  'addOverlayChannel',
  'removeOverlayChannel',
]);

const client = (port, extra = {}) => new ThermometryClient({ host: '127.0.0.1', port, username: 'root', password: 'pass', timeout: 5000, ...extra });

/** Every change the emulated camera makes, counted. */
function countChanges(emulator) {
  const seen = [];
  emulator.camera.on('change', (c) => seen.push(c));
  return seen;
}

/** What furnish() writes (no overlay channel), as a plan lists it for an empty camera of the same scale. */
const FURNISHED = [
  'set isotherms isotherm levels',
  'add area Kiln door',
  'add area Conveyor',
  'add area Motor',
  'add group Line 1',
  'set spot spot on image source 0',
];

/** A camera set up as a plant would: scale, isotherms, three areas (one disabled), a group, the spot, on the bispectral profile an overlay channel. */
async function furnish(c, { overlay = false } = {}) {
  await c.setIsothermLevels({ high: 200, middle: 120, low: 40, min: 0, renderOverlay: true });
  const ids = [];
  for (const [i, name] of ['Kiln door', 'Conveyor', 'Motor'].entries())
    ids.push((await c.addArea(area(name, i, i === 2 ? { enabled: false, detectionType: 'increase', threshold: 5 } : {}))).id);
  await c.addGroup({ enabled: true, name: 'Line 1', measurement: 'inherit', threshold: 8, delay: 3, areaIds: [ids[0], ids[1]], groupOverlay: true });
  await c.addSpotTemperature({ spotCoordinates: [0.25, -0.5], coordinateSystem: 'coord_neg1_1' });
  if (overlay) await c.addOverlayChannel({ imagesource: 0, overlayChannel: 1 });
}

describe('setup documents (client, emulator over HTTP)', function () {
  this.timeout(30000);
  const running = [];
  const clients = [];
  async function camera(options = {}) {
    const e = await start({ port: 0, ...options });
    running.push(e);
    return e;
  }
  function open(port, extra) {
    const c = client(port, extra);
    clients.push(c);
    return c;
  }
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    for (const e of running.splice(0)) await e.stop();
  });
  /** The document read from a camera furnished as a plant would (furnish()). */
  async function furnishedDocument() {
    const a = await camera();
    await furnish(open(a.port));
    return readSetup(open(a.port));
  }

  it('reads a camera into one document, applies it to an empty camera, and reads back the same document (ids aside)', async () => {
    const a = await camera({ profile: 'bispectral' });
    const b = await camera({ profile: 'bispectral' });
    const ca = open(a.port);
    await ca.setTemperatureScale({ unit: 'fahrenheit' });
    await furnish(ca, { overlay: true });
    const doc = await readSetup(ca, { cameraName: 'Kiln camera' });
    assert.equal(doc.format, 'axis-thermometry-setup');
    assert.equal(doc.version, 1);
    assert.equal(doc.scale, 'fahrenheit');
    assert.equal(doc.source.cameraName, 'Kiln camera');
    assert.equal(doc.source.apiVersion, '1.3');
    assert.deepEqual(
      doc.areas.map((x) => x.name),
      ['Kiln door', 'Conveyor', 'Motor'],
    );
    assert.deepEqual(
      doc.groups.map((g) => [g.name, g.areas]),
      [['Line 1', ['Kiln door', 'Conveyor']]],
    );
    assert.deepEqual(doc.overlayChannels, [{ imagesource: 0, overlayChannels: [1] }]);
    assert.equal(doc.limits.maxNumberOfAreas, 10);
    assert.deepEqual(doc.limits.imagesources, [0, 1]);
    assert.ok(!('guardTour' in doc), 'a fixed camera has no guard tour');
    assert.deepEqual(doc.spots, [
      { imagesource: 0, active: true, spotCoordinates: [0.25, -0.5] },
      { imagesource: 1, active: false },
    ]);

    const cb = open(b.port);
    const report = await applySetup(cb, JSON.stringify(doc));
    assert.equal(report.failure, undefined);
    assert.deepEqual(report.notApplied, []);
    assert.deepEqual(report.applied, report.changes);
    assert.deepEqual(
      report.changes.map((c) => `${c.action} ${c.kind} ${c.name}`),
      ['set scale scale', ...FURNISHED, 'add overlayChannel image source 0 on channel 1'],
    );
    assert.deepEqual(comparable(await readSetup(cb, { cameraName: 'Kiln camera' })), comparable(doc));
    assert.deepEqual((await applySetup(cb, doc, { removeMissing: true })).changes, [], 'applied again: it matches');
  });

  it('a PTZ camera: areas on presets and the guard tour go round the same way', async () => {
    const a = await camera({ profile: 'ptz' });
    const b = await camera({ profile: 'ptz' });
    const ca = open(a.port);
    await ca.addArea(area('Transformer', 0, { presetNbr: 2 }));
    await ca.addArea(area('Belt', 1, { presetNbr: 3 }));
    await ca.setTgtConfiguration({ pauseOnAlarm: true, autoResume: false });
    const doc = await readSetup(ca);
    assert.deepEqual(doc.guardTour, { pauseOnAlarm: true, autoResume: false });
    assert.deepEqual(
      doc.areas.map((x) => [x.name, x.presetNbr]),
      [
        ['Transformer', 2],
        ['Belt', 3],
      ],
    );
    assert.equal(doc.presets.length, 4);
    const cb = open(b.port);
    await applySetup(cb, doc);
    assert.deepEqual(comparable(await readSetup(cb)), comparable(doc));
    assert.deepEqual((await applySetup(cb, doc, { removeMissing: true })).changes, [], 'applied again: it matches');
  });

  it("across API versions: a 1.3 camera's document on a 1.2 camera (its one spot is image source 0), a 1.0 camera's on a 1.3 camera", async () => {
    const a = await camera();
    const ca = open(a.port);
    await ca.addArea(area('Kiln door', 0));
    await ca.addSpotTemperature({ spotCoordinates: [0.5, 0.25], coordinateSystem: 'coord_neg1_1' });
    const doc13 = await readSetup(ca);
    const old = await camera({ apiVersions: ['1.0', '1.1', '1.2'] });
    const co = open(old.port);
    await applySetup(co, doc13);
    const doc12 = await readSetup(co);
    assert.equal(doc12.source.apiVersion, '1.2');
    assert.deepEqual(doc12.spots, [{ active: true, spotCoordinates: [0.5, 0.25] }]);
    assert.equal(doc12.overlayChannels, undefined);
    assert.deepEqual(comparable(doc12).areas, comparable(doc13).areas);

    const first = await camera({ apiVersions: ['1.0'] });
    const c10 = open(first.port);
    await c10.addArea(area('Stack', 1));
    const doc10 = await readSetup(c10);
    assert.equal(doc10.groups, undefined, 'no groups before 1.2');
    assert.equal(doc10.isotherms.min, undefined);
    const b = await camera();
    const cb = open(b.port);
    await applySetup(cb, doc10);
    assert.deepEqual(comparable(await readSetup(cb)).areas, comparable(doc10).areas);
  });

  it('a camera in the other scale: the scale is set first, the camera converts its own temperatures, and the rest is planned on what it then holds', async () => {
    const doc = await furnishedDocument();
    const b = await camera();
    const cb = open(b.port);
    await furnish(cb);
    await cb.setTemperatureScale({ unit: 'fahrenheit' });
    await cb.updateArea({ id: 1, ...area('Conveyor', 1, { threshold: 200 }) });
    // Planned in advance with the camera's temperatures converted as it converts them: only Conveyor differs.
    const dry = await applySetup(cb, doc, { dryRun: true });
    assert.deepEqual(
      dry.changes.map((c) => `${c.action} ${c.kind} ${c.name}`),
      ['set scale scale', 'update area Conveyor'],
    );
    const report = await applySetup(cb, doc);
    assert.deepEqual(
      report.applied.map((c) => `${c.action} ${c.kind} ${c.name}`),
      ['set scale scale', 'update area Conveyor'],
    );
    assert.deepEqual(comparable(await readSetup(cb)), comparable(doc));
  });

  it('a dry run lists the changes and writes nothing: the camera is as it was', async () => {
    const doc = await furnishedDocument();
    const b = await camera();
    const cb = open(b.port);
    await cb.addArea(area('Old area', 5));
    const before = b.camera.snapshot();
    const changes = countChanges(b);
    const report = await applySetup(cb, doc, { dryRun: true, removeMissing: true });
    assert.equal(report.dryRun, true);
    assert.deepEqual(report.applied, []);
    assert.deepEqual(report.notApplied, report.changes);
    assert.deepEqual(
      report.changes.map((c) => `${c.action} ${c.kind} ${c.name}`),
      ['remove area Old area', ...FURNISHED],
    );
    assert.equal(report.changes[0].id, 0);
    assert.deepEqual(changes, []);
    assert.deepEqual(b.camera.snapshot(), before);
  });

  it('applied to a camera that already matches: zero writes, an empty list of changes', async () => {
    const a = await camera({ profile: 'bispectral' });
    const ca = open(a.port);
    await furnish(ca, { overlay: true });
    const doc = await readSetup(ca);
    const proxy = await new FaultProxy(a.port).start();
    try {
      const report = await applySetup(open(proxy.port), doc, { removeMissing: true });
      assert.deepEqual(report.changes, []);
      const writes = Object.keys(proxy.forwarded).filter((m) => WRITES.has(m));
      assert.deepEqual(writes, []);
      assert.ok(proxy.forwarded.listAreas >= 1, 'the camera was read');
    } finally {
      await proxy.stop();
    }
  });

  it('updates what differs by name and removes what the document lacks only when asked', async () => {
    const doc = await furnishedDocument();
    const b = await camera();
    const cb = open(b.port);
    await furnish(cb);
    const { id } = await cb.addArea(area('Spare', 7));
    await cb.updateArea({ id: 1, ...area('Conveyor', 1, { threshold: 99 }) });
    const kept = await applySetup(cb, doc);
    assert.deepEqual(kept.changes, [{ action: 'update', kind: 'area', name: 'Conveyor', id: 1, fields: ['threshold'] }]);
    assert.ok(
      (await cb.listAreas()).areaList.some((x) => x.name === 'Spare'),
      'kept without removeMissing',
    );
    const removed = await applySetup(cb, doc, { removeMissing: true });
    assert.deepEqual(removed.changes, [{ action: 'remove', kind: 'area', name: 'Spare', id }]);
    assert.deepEqual(
      (await cb.listAreas()).areaList.map((x) => x.name),
      ['Kiln door', 'Conveyor', 'Motor'],
    );
  });

  it('a 12-area document on a camera that holds 10: refused before any write, saying why', async () => {
    const a = await camera();
    const doc = await readSetup(open(a.port));
    doc.areas = Array.from({ length: 12 }, (_, i) => area(`Area ${i + 1}`, i % 10, { vertices: square(-0.9 + 0.15 * i, 0.5, 0.05) }));
    const b = await camera();
    const changes = countChanges(b);
    const err = await applySetup(open(b.port), doc).then(
      () => assert.fail('applied'),
      (e) => e,
    );
    assert.equal(err.kind, 'validation');
    assert.equal(err.field, 'areas');
    assert.match(err.message, /cannot hold this setup document, nothing was written: camera 127\.0\.0\.1:\d+ would hold 12 areas; it holds at most 10/);
    assert.deepEqual(changes, []);
  });

  it('refuses a PTZ document on a fixed camera, groups on an API 1.1 camera, and too many vertices, each with its reason', async () => {
    const ptz = await camera({ profile: 'ptz' });
    const cp = open(ptz.port);
    await cp.addArea(area('Transformer', 0, { presetNbr: 2 }));
    const ptzDoc = await readSetup(cp);
    const fixed = await camera();
    const changes = countChanges(fixed);
    await assert.rejects(
      applySetup(open(fixed.port), ptzDoc),
      /the document is of a PTZ camera \(areas or groups on preset 2 and guard tour settings\); camera 127\.0\.0\.1:\d+ is a fixed camera/,
    );

    const doc = await furnishedDocument();
    const old = await camera({ apiVersions: ['1.0', '1.1'] });
    const oldChanges = countChanges(old);
    await assert.rejects(
      applySetup(open(old.port), doc),
      (e) => e.field === 'groups' && /groups need API version 1\.2 and camera 127\.0\.0\.1:\d+ speaks 1\.1/.test(e.message),
    );

    doc.areas[0].vertices = Array.from({ length: 12 }, (_, i) => [0.5 * Math.cos((i * Math.PI) / 6), 0.5 * Math.sin((i * Math.PI) / 6)]);
    await assert.rejects(applySetup(open(fixed.port), doc), (e) => e.field === 'areas[0]' && /area "Kiln door": "vertices" .*10/.test(e.message));
    assert.deepEqual(changes, []);
    assert.deepEqual(oldChanges, []);
  });

  it('refuses what is no setup document, naming the field and the rule', async () => {
    const a = await camera();
    const c = open(a.port);
    await assert.rejects(applySetup(c, { areas: [] }), (e) => e.field === 'format' && /"format" must be "axis-thermometry-setup"/.test(e.message));
    await assert.rejects(applySetup(c, 'not json'), (e) => e.field === 'payload' && /not JSON/.test(e.message));
    const doc = await readSetup(c);
    await assert.rejects(applySetup(c, { ...doc, version: 2 }), (e) => e.field === 'version');
    await assert.rejects(
      applySetup(c, { ...doc, areas: [{ ...area('X', 0), threshold: '60' }] }),
      (e) => e.field === 'areas[0].threshold' && /must be a whole number/.test(e.message),
    );
  });

  it('a reply cut during an apply: the report names the write that may have been applied, the rest not applied, nothing sent twice', async () => {
    const doc = await furnishedDocument();
    const b = await camera();
    const proxy = await new FaultProxy(b.port).start();
    try {
      // The first add's reply is cut after 40 bytes: the camera made the area, the client cannot know.
      proxy.cutReply('addArea', 40);
      const cb = open(proxy.port);
      const report = await applySetup(cb, doc);
      assert.deepEqual(
        report.applied.map((c) => `${c.action} ${c.kind} ${c.name}`),
        ['set isotherms isotherm levels'],
      );
      assert.deepEqual(report.mayHaveApplied, [{ action: 'add', kind: 'area', name: 'Kiln door' }]);
      // Not applied: what furnish() wrote after Kiln door.
      assert.deepEqual(
        report.notApplied.map((c) => `${c.action} ${c.kind} ${c.name}`),
        FURNISHED.slice(2),
      );
      assert.equal(report.failure.method, 'addArea');
      assert.equal(report.failure.kind, 'network');
      assert.match(report.failure.message, /may have applied/);
      assert.equal(proxy.ran.addArea, 1, 'the add ran once on the camera');
      assert.equal(proxy.forwarded.addArea, 1, 'and was not sent again');
      assert.equal(proxy.forwarded.addGroup, undefined, 'nothing after it was sent');
      // The camera did make it: applying again finds it and adds only what is missing.
      const again = await applySetup(open(b.port), doc);
      assert.deepEqual(
        again.changes.map((c) => `${c.action} ${c.kind} ${c.name}`),
        FURNISHED.slice(2),
      );
    } finally {
      await proxy.stop();
    }
  });
});
