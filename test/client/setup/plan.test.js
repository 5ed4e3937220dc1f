'use strict';
// planSetup on its own (no camera): what differs by name, in which order the
// writes go, and what a target cannot hold, refused with every reason.
const assert = require('node:assert/strict');
const { planSetup, checkDocument } = require('../../../dist/client');
const { CAPABILITIES } = require('../support');

const V = [
  [-0.5, -0.5],
  [0.5, -0.5],
  [0.5, 0.5],
  [-0.5, 0.5],
];
// A 1.2 camera's capabilities, with the image sources and overlay channels of a 1.3 bispectral one.
const CAPS = { ...CAPABILITIES, imagesources: [0, 1], overlayChannels: [0, 1, 2] };
const area = (name, extra = {}) => ({
  name,
  imagesource: 0,
  enabled: true,
  detectionType: 'above',
  measurement: 'maximum',
  threshold: 60,
  delay: 0,
  vertices: V,
  areaOverlay: 'always',
  temperatureOverlay: true,
  presetNbr: 0,
  ...extra,
});
const group = (name, areas, extra = {}) => ({
  name,
  enabled: true,
  measurement: 'inherit',
  threshold: 5,
  delay: 0,
  areas,
  groupOverlay: false,
  presetNbr: 0,
  ...extra,
});
const document = (extra = {}) => checkDocument({ format: 'axis-thermometry-setup', version: 1, scale: 'celsius', areas: [], groups: [], ...extra });

/** A camera as readCameraSetup gives it. */
function target({ areas = [], groups = [], version = '1.3', caps = {}, ptz = false, extra = {} } = {}) {
  let id = 0;
  return {
    apiVersion: version,
    capabilities: { ...CAPS, ...caps },
    ptz,
    presets: ptz ? [1, 2, 3].map((nbr) => ({ nbr, name: `P${nbr}` })) : [],
    document: {
      format: 'axis-thermometry-setup',
      version: 1,
      source: { camera: '10.0.0.9:80' },
      scale: caps.currentTemperatureScale ?? 'celsius',
      isotherms: { high: 100, middle: 60, low: 30, min: -40, renderOverlay: false },
      areas: areas.map((a) => ({ id: id++, ...a })),
      groups: groups.map((g, i) => ({ id: i + 1, ...g })),
      spots: [
        { imagesource: 0, active: false },
        { imagesource: 1, active: false },
      ],
      overlayChannels: [],
      ...extra,
    },
  };
}
const said = (plan) => plan.changes.map((c) => `${c.action} ${c.kind} ${c.name}${c.fields ? ` [${c.fields.join(',')}]` : ''}`);
const refusal = (fn) => {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return assert.fail('not refused');
};

describe('planSetup: a setup document against a camera', () => {
  it('finds areas and groups by name, whatever their ids, and lists only the fields that differ', () => {
    const t = target({ areas: [area('B'), area('A', { threshold: 70 })], groups: [group('G', ['A', 'B'], { delay: 3 })] });
    const plan = planSetup(document({ areas: [area('A'), area('B')], groups: [group('G', ['B', 'A'])] }), t);
    assert.deepEqual(said(plan), ['update area A [threshold]', 'update group G [delay]']);
    assert.equal(plan.changes[0].id, 1, "the camera's id of A");
    // The whole area goes in the update, its preset only to a PTZ camera.
    const { presetNbr: _p, ...fields } = area('A');
    assert.deepEqual(plan.steps[0].params(new Map()), { id: 1, ...fields });
  });

  it('leaves what the document lacks, or removes it first when asked (groups before areas, both before adds)', () => {
    const t = target({ areas: [area('Old'), area('Keep')], groups: [group('Old group', ['Old', 'Keep'])] });
    const doc = document({ areas: [area('Keep'), area('New')], groups: [group('New group', ['Keep', 'New'])] });
    assert.deepEqual(said(planSetup(doc, t)), ['add area New', 'add group New group']);
    const plan = planSetup(doc, t, { removeMissing: true });
    assert.deepEqual(said(plan), ['remove group Old group', 'remove area Old', 'add area New', 'add group New group']);
    // The new group's members: Keep by the camera's id, New by the id its add gave.
    const ids = new Map([
      ['Keep', 1],
      ['New', 7],
    ]);
    assert.deepEqual(plan.steps[3].params(ids).areaIds, [1, 7]);
  });

  it("a group's members are compared as the camera will list them once the plan's removals are done", () => {
    const t = target({ areas: [area('A'), area('B'), area('C')], groups: [group('G', ['A', 'B', 'C'])] });
    const doc = document({ areas: [area('A'), area('B')], groups: [group('G', ['A', 'B'])] });
    assert.deepEqual(said(planSetup(doc, t, { removeMissing: true })), ['remove area C']);
    assert.deepEqual(said(planSetup(doc, t)), ['update group G [areas]']);
  });

  it('a change of scale: the camera converts its own temperatures, so 60 °C is 140 °F and needs no update', () => {
    const t = target({ areas: [area('A', { threshold: 60 }), area('Rise', { detectionType: 'increase', threshold: 5 })] });
    const doc = document({ scale: 'fahrenheit', areas: [area('A', { threshold: 140 }), area('Rise', { detectionType: 'increase', threshold: 9 })] });
    assert.deepEqual(said(planSetup(doc, t)), ['set scale scale [scale]']);
    // The limits are checked in the document's scale: 600 °F is within 350 °C (662 °F).
    assert.doesNotThrow(() => planSetup(document({ scale: 'fahrenheit', areas: [area('Hot', { threshold: 600 })] }), t));
  });

  it('a group on another preset goes and comes back (updateGroup cannot move it)', () => {
    const t = target({
      ptz: true,
      areas: [area('A', { presetNbr: 1 }), area('B', { presetNbr: 1 }), area('C', { presetNbr: 2 }), area('D', { presetNbr: 2 })],
      groups: [group('G', ['A', 'B'], { presetNbr: 1 })],
    });
    const doc = document({ areas: t.document.areas.map(({ id: _id, ...a }) => a), groups: [group('G', ['C', 'D'], { presetNbr: 2 })] });
    const plan = planSetup(doc, t);
    assert.deepEqual(said(plan), ['remove group G', 'add group G']);
    assert.equal(
      plan.steps[1].params(
        new Map([
          ['C', 2],
          ['D', 3],
        ]),
      ).presetNbr,
      2,
    );
  });

  it('spots and overlay channels: set, removed, or left as the document says', () => {
    const t = target({
      extra: {
        spots: [
          { imagesource: 0, active: true, spotCoordinates: [0.1, 0.1] },
          { imagesource: 1, active: false },
        ],
        overlayChannels: [{ imagesource: 1, overlayChannels: [2] }],
      },
    });
    const doc = document({
      spots: [
        { imagesource: 0, active: false },
        { imagesource: 1, active: true, spotCoordinates: [0.2, 0.3] },
      ],
      overlayChannels: [{ imagesource: 0, overlayChannels: [1] }],
    });
    assert.deepEqual(said(planSetup(doc, t)), [
      'remove spot spot on image source 0',
      'set spot spot on image source 1 [spotCoordinates]',
      'add overlayChannel image source 0 on channel 1',
    ]);
    assert.deepEqual(said(planSetup(doc, t, { removeMissing: true })).slice(-1), ['remove overlayChannel image source 1 on channel 2']);
    // A spot within a camera's rounding is the same spot.
    assert.deepEqual(said(planSetup(document({ spots: [{ imagesource: 0, active: true, spotCoordinates: [0.1004, 0.0996] }] }), t)), []);
  });

  it('a document of a 1.3 camera on a 1.2 camera: the one spot is image source 0; another active spot or an overlay channel is refused', () => {
    const t = target({
      version: '1.2',
      caps: { imagesources: undefined, overlayChannels: undefined },
      extra: { spots: [{ active: false }], overlayChannels: undefined },
    });
    const spots = [
      { imagesource: 0, active: true, spotCoordinates: [0.5, 0.5] },
      { imagesource: 1, active: false },
    ];
    const plan = planSetup(document({ spots }), t);
    assert.deepEqual(said(plan), ['set spot spot [spotCoordinates]']);
    assert.deepEqual(plan.steps[0].params(new Map()), { spotCoordinates: [0.5, 0.5], coordinateSystem: 'coord_neg1_1' }, 'no imagesource sent to a 1.2 camera');
    const err = refusal(() =>
      planSetup(
        document({ spots: [{ imagesource: 1, active: true, spotCoordinates: [0, 0] }], overlayChannels: [{ imagesource: 0, overlayChannels: [1] }] }),
        t,
      ),
    );
    assert.match(
      err.message,
      /the spot on image source 1: a spot meter per image source needs API version 1\.3, camera 10\.0\.0\.9:80 speaks 1\.2 \(one spot\); the document maps area overlays onto other channels; overlay channels need API version 1\.3/,
    );
    assert.equal(err.field, 'spots[0]');
  });

  it('isotherm min, which API 1.0 and 1.1 lack, is not sent to such a camera', () => {
    const t = target({
      version: '1.1',
      caps: { maxGroups: undefined, imagesources: undefined, overlayChannels: undefined },
      extra: { groups: undefined, isotherms: { high: 100, middle: 60, low: 30, renderOverlay: false } },
    });
    const plan = planSetup(document({ groups: undefined, isotherms: { high: 110, middle: 60, low: 30, min: -40, renderOverlay: false } }), t);
    assert.deepEqual(said(plan), ['set isotherms isotherm levels [high]']);
    assert.deepEqual(plan.steps[0].params(), { high: 110, middle: 60, low: 30, renderOverlay: false });
  });

  it('refuses, before any write and with every reason, what the camera cannot hold', () => {
    const t = target({ areas: [area('Extra 1'), area('Extra 2')] });
    const doc = document({
      areas: [...Array.from({ length: 9 }, (_, i) => area(`Area ${i}`)), area('Area 0'), area('x'.repeat(61)), area('Far', { imagesource: 3 })],
      groups: [group('G', ['Area 1', 'Nowhere']), group('G', ['Area 1', 'Area 2'])],
    });
    const err = refusal(() => planSetup(doc, t));
    assert.equal(err.kind, 'validation');
    assert.equal(err.field, 'areas');
    for (const reason of [
      'two areas are named "Area 0"',
      'two groups are named "G"',
      'would hold 14 areas (2 of them already on the camera and not in the document; "remove what the document lacks" would remove them); it holds at most 10',
      'area "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx": "name" must be a string of at most 60 characters',
      'area "Far" is on image source 3; camera 10.0.0.9:80 has image sources 0, 1',
      'group "G" names area "Nowhere", which the document lacks',
    ]) {
      assert.ok(err.message.includes(reason), `${reason}\nin: ${err.message}`);
    }
    assert.match(err.message, /^applySetup: camera 10\.0\.0\.9:80 cannot hold this setup document, nothing was written: /);
  });

  it('a camera with two areas of one name the document names: which is meant cannot be told', () => {
    const t = target({ version: '1.2', areas: [area('Twin'), area('Twin')] });
    assert.match(
      refusal(() => planSetup(document({ areas: [area('Twin')] }), t)).message,
      /camera 10\.0\.0\.9:80 has two areas named "Twin": .*rename one on the camera first/,
    );
  });

  it('a PTZ camera: every area and group belongs to one of its presets', () => {
    const t = target({ ptz: true, extra: { guardTour: { pauseOnAlarm: false, autoResume: false } } });
    const err = refusal(() => planSetup(document({ areas: [area('Nowhere', { presetNbr: 0 }), area('Far', { presetNbr: 9 })] }), t));
    assert.match(
      err.message,
      /area "Nowhere" has no preset; on PTZ camera 10\.0\.0\.9:80 every area belongs to one \(presets: 1, 2, 3\); area "Far" is on preset 9, which camera 10\.0\.0\.9:80 lacks/,
    );
    const tour = planSetup(document({ guardTour: { pauseOnAlarm: true, autoResume: false } }), t);
    assert.deepEqual(said(tour), ['set guardTour guard tour [pauseOnAlarm]']);
  });
});
