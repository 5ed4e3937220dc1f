'use strict';
// PTZ: areas and groups live on their preset, each preset has its own view, and the guard tour.
const assert = require('node:assert/strict');
const { makeScene, area, LEFT } = require('./support');

describe('scene PTZ presets and guard tour', () => {
  let ctx;
  afterEach(() => ctx && ctx.scene.detach());

  function ptz(options = {}) {
    ctx = makeScene({ profile: 'ptz', ...options });
    const moves = [];
    ctx.camera.on('preset', (nbr) => moves.push([ctx.scene.clock.now(), nbr]));
    ctx.moves = moves;
    return ctx;
  }

  it('each preset has its own view: moving changes the readings and which areas are measured', () => {
    const { camera, scene } = ptz({ scenario: 'plant' });
    const a1 = camera.addArea(area({ name: 'on 1', presetNbr: 1, threshold: 300, vertices: LEFT }));
    const a2 = camera.addArea(area({ name: 'on 2', presetNbr: 2, threshold: 300, vertices: LEFT }));
    assert.deepEqual(
      camera.areaStatus().map((s) => s.id),
      [a1],
    );
    const onHome = scene.readArea(LEFT);
    scene.control({ action: 'preset', presetNbr: 2 });
    assert.equal(camera.currentPreset, 2);
    assert.deepEqual(
      camera.areaStatus().map((s) => s.id),
      [a2],
    );
    const onTransformer = scene.readArea(LEFT);
    assert.notEqual(onHome.max, onTransformer.max);
    // The furnace (preset 1) is far hotter than the cabinet (preset 2).
    assert.ok(onHome.max > 150 && onTransformer.max < 100, `${onHome.max} / ${onTransformer.max}`);
    scene.control({ action: 'preset', presetNbr: null });
    assert.deepEqual(camera.areaStatus(), [], 'empty status between presets');
  });

  it('alarms count only on the current preset; any-area-on-preset follows them', () => {
    const { camera, scene, events } = ptz();
    scene.control({ action: 'preset', presetNbr: 2 });
    scene.control({
      action: 'setRegion',
      vertices: [
        [-1, -1],
        [1, -1],
        [1, 1],
        [-1, 1],
      ],
      temperature: 80,
    });
    scene.control({ action: 'preset', presetNbr: 1 });
    const id = camera.addArea(area({ presetNbr: 2, threshold: 40 }));
    scene.step(2);
    assert.equal(scene.areaTriggered(id), false, 'not measured away from its preset');
    scene.control({ action: 'preset', presetNbr: 2 });
    assert.equal(scene.areaTriggered(id), true);
    const ev = events.find((e) => e.topic === 'TemperatureDetection');
    assert.equal(ev.data.PresetNbr, 2);
    assert.deepEqual(
      events.filter((e) => e.topic === 'TemperatureDetectionAnyAreaOnPreset').map((e) => [e.source.PresetNbr, e.data.AlarmActive, e.data.AreaName]),
      [[2, true, 'AnyAreaOnPreset']],
    );
    scene.control({ action: 'preset', presetNbr: 3 });
    assert.equal(scene.areaTriggered(id), false, 'leaving the preset ends the alarm');
    assert.deepEqual(
      events.filter((e) => e.topic === 'TemperatureDetectionAnyAreaOnPreset').map((e) => e.data.AlarmActive),
      [true, false],
    );
    const states = camera.eventStates().filter((e) => e.topic === 'TemperatureDetectionAnyAreaOnPreset');
    assert.deepEqual(
      states.map((e) => e.source.PresetNbr),
      [1, 2, 3, 4],
    );
  });

  it('groups are judged only on their preset and the deviation event names the preset', () => {
    const { camera, scene, events } = ptz();
    scene.control({ action: 'preset', presetNbr: 3 });
    scene.control({
      action: 'setRegion',
      vertices: [
        [-1, -1],
        [0, -1],
        [0, 1],
        [-1, 1],
      ],
      temperature: 60,
    });
    const l = camera.addArea(area({ presetNbr: 3, threshold: 300 }));
    const r = camera.addArea(
      area({
        presetNbr: 3,
        threshold: 300,
        vertices: [
          [0.1, -0.5],
          [0.9, -0.5],
          [0.9, 0.5],
          [0.1, 0.5],
        ],
      }),
    );
    const { id } = camera.addGroup({ enabled: true, name: 'belt', measurement: 'inherit', threshold: 10, delay: 0, areaIds: [l, r], presetNbr: 3 });
    assert.equal(scene.groupStatus(id).triggered, true);
    const ev = events.find((e) => e.topic === 'DeviationDetection');
    assert.equal(ev.data.PresetNbr, 3);
    assert.equal(ev.data.PresetName, 'Conveyor');
    scene.control({ action: 'preset', presetNbr: 1 });
    assert.equal(scene.groupStatus(id), undefined);
    assert.deepEqual(camera.groupStatus(), []);
  });

  it('the guard tour dwells on each preset, passes between them on no preset, and loops', () => {
    const { scene, moves } = ptz({ tour: { dwell: 5, transit: 1 } });
    scene.control({ action: 'tour', run: true });
    scene.step(24);
    assert.deepEqual(moves, [
      [5, null],
      [6, 2],
      [11, null],
      [12, 3],
      [17, null],
      [18, 4],
      [23, null],
      [24, 1],
    ]);
    scene.control({ action: 'tour', run: false });
    scene.step(20);
    assert.equal(moves.length, 8, 'a stopped tour stays');
  });

  it('a tour given presets the camera lacks skips them (moving there would throw in the frame timer)', () => {
    const { scene, moves } = ptz({ tour: { dwell: 5, transit: 0, presets: [2, 99, 3] } });
    scene.control({ action: 'tour', run: true });
    scene.step(16);
    assert.deepEqual(moves, [
      [5, 2],
      [10, 3],
      [15, 2],
    ]);
  });

  function alarmOnPreset2(camera, scene) {
    // A hot source in front of preset 2 (its view is world x 3..5).
    scene.control({ action: 'addSource', id: 'fault', shape: 'rect', x: 4, y: 0, width: 2.2, height: 2.2, softness: 0, temperature: 90 });
    return camera.addArea(area({ presetNbr: 2, threshold: 40 }));
  }

  it('pauseOnAlarm + autoResume: stays while the alarm is active, goes on a dwell after it clears', () => {
    const { camera, scene, moves } = ptz({ tour: { dwell: 5, transit: 1 } });
    camera.setTgt({ pauseOnAlarm: true, autoResume: true });
    const id = alarmOnPreset2(camera, scene);
    scene.control({ action: 'tour', run: true });
    scene.step(30);
    assert.deepEqual(moves, [
      [5, null],
      [6, 2],
    ]);
    assert.equal(scene.areaTriggered(id), true);
    assert.equal(scene.tourState, 'paused');
    scene.control({ action: 'removeSource', id: 'fault' });
    assert.equal(scene.areaTriggered(id), false);
    scene.step(10);
    // The alarm cleared at 30; the tour sees it on the next frame (30.125), dwells 5 s, then moves on.
    assert.deepEqual(moves.slice(2), [
      [35.125, null],
      [36.125, 3],
    ]);
  });

  it('pauseOnAlarm without autoResume: stays until resumed through the control endpoint', () => {
    const { camera, scene, moves } = ptz({ tour: { dwell: 5, transit: 1 } });
    camera.setTgt({ pauseOnAlarm: true, autoResume: false });
    alarmOnPreset2(camera, scene);
    scene.control({ action: 'tour', run: true });
    scene.step(10);
    scene.control({ action: 'removeSource', id: 'fault' });
    scene.step(30);
    assert.equal(scene.tourState, 'waiting-for-resume');
    assert.deepEqual(moves, [
      [5, null],
      [6, 2],
    ]);
    scene.control({ action: 'tour', run: true });
    scene.step(6);
    assert.deepEqual(moves.slice(2), [
      [45, null],
      [46, 3],
    ]);
  });

  it('switching pauseOnAlarm off during a pause lets the tour go on', () => {
    const { camera, scene, moves } = ptz({ tour: { dwell: 5, transit: 0 } });
    camera.setTgt({ pauseOnAlarm: true, autoResume: true });
    alarmOnPreset2(camera, scene);
    scene.control({ action: 'tour', run: true });
    scene.step(20);
    assert.deepEqual(moves, [[5, 2]]);
    camera.setTgt({ pauseOnAlarm: false, autoResume: true });
    scene.step(6);
    assert.deepEqual(moves.slice(1), [[25.125, 3]]);
  });

  it('without pauseOnAlarm the tour moves on through an alarm', () => {
    const { camera, scene, moves } = ptz({ tour: { dwell: 5, transit: 0 } });
    alarmOnPreset2(camera, scene);
    scene.control({ action: 'tour', run: true });
    scene.step(10);
    assert.deepEqual(moves, [
      [5, 2],
      [10, 3],
    ]);
  });

  it('a fixed camera refuses preset and tour commands', () => {
    ctx = makeScene();
    assert.throws(() => ctx.scene.control({ action: 'preset', presetNbr: 1 }), /fixed camera/);
    assert.throws(() => ctx.scene.control({ action: 'tour', run: true }), /fixed camera/);
  });
});
