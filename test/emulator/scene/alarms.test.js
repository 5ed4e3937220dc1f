'use strict';
// Every detection type on a stepped clock: delays, delay 0, clearing, re-arming, disabling, groups, events.
const assert = require('node:assert/strict');
const { makeScene, area, heat, active, LEFT, RIGHT } = require('./support');

describe('scene alarms', () => {
  let ctx;
  afterEach(() => ctx && ctx.scene.detach());

  it('above with a delay triggers once the condition held that long, not before', () => {
    ctx = makeScene();
    const { camera, scene, events } = ctx;
    const id = camera.addArea(area({ threshold: 40, delay: 2 }));
    heat(scene, 'left', 50);
    scene.step(1.875);
    assert.equal(scene.areaTriggered(id), false);
    assert.deepEqual(active(events, 'TemperatureDetection'), []);
    scene.step(0.125);
    assert.equal(scene.areaTriggered(id), true);
    assert.deepEqual(active(events, 'TemperatureDetection'), [true]);
    assert.deepEqual(active(events, 'TemperatureDetectionAnyArea'), [true]);
    const ev = events.find((e) => e.topic === 'TemperatureDetection');
    assert.equal(ev.t, 2);
    assert.deepEqual(ev.source, { AreaID: id });
    assert.equal(ev.stateful, true);
    assert.equal(ev.data.AreaName, 'Area');
    assert.equal(ev.data.AverageTemp, 50);
    assert.equal(ev.data.TemperatureUnit, 'Celsius');
    assert.ok(!('PresetNbr' in ev.data), 'fixed cameras send no PresetNbr');
    // getAreaStatus through the camera model reads the same pixels.
    const [status] = camera.areaStatus();
    assert.deepEqual([status.avg, status.min, status.max, status.triggered], [50, 50, 50, true]);
  });

  it('a condition that breaks before the delay starts the delay again', () => {
    ctx = makeScene();
    const { camera, scene } = ctx;
    const id = camera.addArea(area({ threshold: 40, delay: 2 }));
    heat(scene, 'left', 50);
    scene.step(1.5);
    heat(scene, 'left', 30);
    scene.step(0.5);
    heat(scene, 'left', 50);
    scene.step(1.875);
    assert.equal(scene.areaTriggered(id), false);
    scene.step(0.125);
    assert.equal(scene.areaTriggered(id), true);
  });

  it('delay 0 triggers at once, clears when the condition stops and re-arms', () => {
    ctx = makeScene();
    const { camera, scene, events } = ctx;
    heat(scene, 'left', 50);
    const id = camera.addArea(area({ threshold: 40, delay: 0 }));
    // No time has passed: the configuration change alone is judged.
    assert.equal(scene.areaTriggered(id), true);
    heat(scene, 'left', 30);
    assert.equal(scene.areaTriggered(id), false);
    scene.step(1);
    heat(scene, 'left', 41);
    assert.equal(scene.areaTriggered(id), true);
    assert.deepEqual(active(events, 'TemperatureDetection'), [true, false, true]);
    assert.deepEqual(active(events, 'TemperatureDetectionAnyArea'), [true, false, true]);
  });

  it('below, and above at exactly the threshold does not trigger (strictly above/below)', () => {
    ctx = makeScene();
    const { camera, scene } = ctx;
    heat(scene, 'left', 40);
    heat(scene, 'right', 5);
    const above = camera.addArea(area({ threshold: 40 }));
    const below = camera.addArea(area({ detectionType: 'below', threshold: 10, vertices: RIGHT }));
    const notBelow = camera.addArea(area({ detectionType: 'below', threshold: 5, vertices: RIGHT }));
    assert.equal(scene.areaTriggered(above), false);
    assert.equal(scene.areaTriggered(below), true);
    assert.equal(scene.areaTriggered(notBelow), false);
  });

  it('measurement picks maximum, minimum or average', () => {
    ctx = makeScene();
    const { camera, scene } = ctx;
    // Left area: half at 20 (ambient), a hot strip at 100 on its left part.
    scene.control({
      action: 'setRegion',
      vertices: [
        [-0.95, -0.55],
        [-0.5, -0.55],
        [-0.5, 0.55],
        [-0.95, 0.55],
      ],
      temperature: 100,
    });
    const max = camera.addArea(area({ measurement: 'maximum', threshold: 90 }));
    const avg = camera.addArea(area({ measurement: 'average', threshold: 90 }));
    const min = camera.addArea(area({ measurement: 'minimum', detectionType: 'below', threshold: 25 }));
    const minAbove = camera.addArea(area({ measurement: 'minimum', threshold: 25 }));
    assert.equal(scene.areaTriggered(max), true);
    assert.equal(scene.areaTriggered(avg), false);
    assert.equal(scene.areaTriggered(min), true);
    assert.equal(scene.areaTriggered(minAbove), false);
    const r = scene.readArea(LEFT);
    assert.ok(r.avg > 20 && r.avg < 100, `avg ${r.avg}`);
  });

  it('increase: a change of at least threshold within delay seconds; clears when the window no longer holds it', () => {
    ctx = makeScene();
    const { camera, scene, events } = ctx;
    const id = camera.addArea(area({ detectionType: 'increase', measurement: 'maximum', threshold: 10, delay: 5 }));
    // 1 °C/s: at most 5 °C in any 5 s window, never enough.
    scene.control({ action: 'addSource', id: 'slow', shape: 'rect', x: -0.5, y: 0, width: 0.3, height: 0.3, softness: 0, temperature: 20, ramp: 1 });
    scene.step(20);
    assert.equal(scene.areaTriggered(id), false);
    scene.control({ action: 'removeSource', id: 'slow' });
    scene.step(6);
    // 3 °C/s from 20: 9.75 °C after 3.25 s, 10.125 °C after 3.375 s.
    scene.control({
      action: 'addSource',
      id: 'fast',
      shape: 'rect',
      x: -0.5,
      y: 0,
      width: 0.3,
      height: 0.3,
      softness: 0,
      temperature: 20,
      ramp: 3,
      rampLimit: 35,
    });
    scene.step(3.25);
    assert.equal(scene.areaTriggered(id), false);
    scene.step(0.125);
    assert.equal(scene.areaTriggered(id), true);
    // The ramp stops at 35; once the rise has left the 5 s window the alarm clears.
    scene.step(10);
    assert.equal(scene.areaTriggered(id), false);
    assert.deepEqual(active(events, 'TemperatureDetection'), [true, false]);
  });

  it('decrease with delay 0 compares frame to frame', () => {
    ctx = makeScene();
    const { camera, scene } = ctx;
    heat(scene, 'left', 60);
    const id = camera.addArea(area({ detectionType: 'decrease', measurement: 'average', threshold: 5, delay: 0 }));
    scene.step(1);
    heat(scene, 'left', 56);
    scene.step(0.125);
    assert.equal(scene.areaTriggered(id), false);
    heat(scene, 'left', 50); // judged at once: 56 -> 50 since the previous frame
    assert.equal(scene.areaTriggered(id), true);
    scene.step(0.125); // no further change
    assert.equal(scene.areaTriggered(id), false);
  });

  it('a disabled area never triggers; disabling a triggered one clears it, enabling re-arms it', () => {
    ctx = makeScene();
    const { camera, scene, events } = ctx;
    heat(scene, 'left', 50);
    const off = camera.addArea(area({ enabled: false, threshold: 40 }));
    scene.step(5);
    assert.equal(scene.areaTriggered(off), false);
    assert.deepEqual(active(events, 'TemperatureDetection'), []);
    const on = camera.addArea(area({ threshold: 40, delay: 1 }));
    scene.step(1);
    assert.equal(scene.areaTriggered(on), true);
    camera.updateArea(on, area({ enabled: false, threshold: 40, delay: 1 }));
    assert.equal(scene.areaTriggered(on), false);
    camera.updateArea(on, area({ enabled: true, threshold: 40, delay: 1 }));
    assert.equal(scene.areaTriggered(on), false, 'the delay starts again');
    scene.step(1);
    assert.equal(scene.areaTriggered(on), true);
    assert.deepEqual(
      events.filter((e) => e.topic === 'TemperatureDetection').map((e) => [e.source.AreaID, e.data.AlarmActive]),
      [
        [on, true],
        [on, false],
        [on, true],
      ],
    );
  });

  it('removing a triggered area ends its alarm with an event', () => {
    ctx = makeScene();
    const { camera, scene, events } = ctx;
    heat(scene, 'left', 50);
    const id = camera.addArea(area({ threshold: 40 }));
    camera.removeAreas([id]);
    assert.deepEqual(active(events, 'TemperatureDetection'), [true, false]);
    assert.deepEqual(active(events, 'TemperatureDetectionAnyArea'), [true, false]);
  });

  it('thresholds are in the current scale: fahrenheit compares fahrenheit values', () => {
    ctx = makeScene();
    const { camera, scene, events } = ctx;
    heat(scene, 'left', 50); // 122 °F
    const id = camera.addArea(area({ threshold: 40 }));
    assert.equal(scene.areaTriggered(id), true);
    camera.setTemperatureScale('fahrenheit'); // the camera converts the threshold to 104 °F
    scene.step(0.125);
    assert.equal(scene.areaTriggered(id), true);
    camera.updateArea(id, area({ threshold: 125 }));
    assert.equal(scene.areaTriggered(id), false);
    const last = events.filter((e) => e.topic === 'TemperatureDetection').pop();
    assert.equal(last.data.TemperatureUnit, 'Fahrenheit');
    assert.equal(last.data.AverageTemp, 122);
  });

  it('the information event comes every 30 s for every enabled area, and the period is configurable', () => {
    ctx = makeScene();
    const { camera, scene, events } = ctx;
    heat(scene, 'left', 33);
    const a = camera.addArea(area({ name: 'A' }));
    camera.addArea(area({ name: 'Off', enabled: false, vertices: RIGHT }));
    scene.step(29.875);
    assert.equal(events.filter((e) => e.topic === 'ThermometryInformation').length, 0);
    scene.step(30.125);
    const info = events.filter((e) => e.topic === 'ThermometryInformation');
    assert.deepEqual(
      info.map((e) => [e.t, e.source.AreaID]),
      [
        [30, a],
        [60, a],
      ],
    );
    assert.equal(info[0].stateful, false);
    assert.equal(info[0].data.AreaName, 'A');
    assert.equal(info[0].data.MaximumTemp, 33);
    for (const k of ['AverageTemp', 'MinimumTemp', 'MaxTempPositionX', 'MaxTempPositionY', 'MinTempPositionX', 'MinTempPositionY']) {
      assert.equal(typeof info[0].data[k], 'number', k);
    }
    ctx.scene.detach();
    ctx = makeScene({ informationPeriod: 5 });
    ctx.camera.addArea(area());
    ctx.scene.step(20);
    assert.equal(ctx.events.filter((e) => e.topic === 'ThermometryInformation').length, 4);
  });

  describe('groups', () => {
    function twoAreas(camera, leftMeasurement = 'average', rightMeasurement = 'average') {
      const l = camera.addArea(area({ name: 'L', measurement: leftMeasurement, threshold: 300 }));
      const r = camera.addArea(area({ name: 'R', measurement: rightMeasurement, threshold: 300, vertices: RIGHT }));
      return [l, r];
    }

    it('deviation above threshold for delay seconds triggers; details as getGroupStatus shows them', () => {
      ctx = makeScene();
      const { camera, scene, events } = ctx;
      heat(scene, 'left', 30);
      heat(scene, 'right', 45);
      const [l, r] = twoAreas(camera);
      const { id, enabled } = camera.addGroup({ enabled: true, name: 'G', measurement: 'average', threshold: 10, delay: 1, areaIds: [l, r] });
      assert.equal(enabled, true);
      scene.step(0.875);
      assert.equal(scene.groupStatus(id).triggered, false);
      scene.step(0.125);
      assert.equal(scene.groupStatus(id).triggered, true);
      const [status] = camera.groupStatus();
      assert.equal(status.triggered, true);
      assert.equal(status.details.currentDeviation, 15);
      assert.deepEqual(status.details.maxDeviationAreas, [
        { maxAreaId: r, maxAreaTemp: 45 },
        { minAreaId: l, minAreaTemp: 30 },
      ]);
      assert.deepEqual(status.details.memberAreas, [
        { areaId: l, areaName: 'L' },
        { areaId: r, areaName: 'R' },
      ]);
      const ev = events.filter((e) => e.topic === 'DeviationDetection');
      assert.deepEqual(
        ev.map((e) => [e.source.GroupID, e.data.AlarmActive, e.data.DeltaTemp, e.data.ThresholdTemp, e.data.GroupName]),
        [[id, true, 15, 10, 'G']],
      );
      // Closer together: clears.
      heat(scene, 'right', 35);
      assert.equal(scene.groupStatus(id).triggered, false);
      assert.deepEqual(active(events, 'DeviationDetection'), [true, false]);
    });

    for (const [measurement, expected] of [
      ['maximum', 80],
      ['minimum', 0],
      ['average', null],
      ['inherit', null],
    ]) {
      it(`measurement ${measurement}`, () => {
        ctx = makeScene();
        const { camera, scene } = ctx;
        // Left: uniform 30. Right: 20 ambient with a 100 °C strip on its right part.
        heat(scene, 'left', 30);
        scene.control({
          action: 'setRegion',
          vertices: [
            [0.5, -0.55],
            [0.95, -0.55],
            [0.95, 0.55],
            [0.5, 0.55],
          ],
          temperature: 100,
        });
        // Own measurements for 'inherit': left average (30), right maximum (100) -> 70.
        const [l, r] = twoAreas(camera, 'average', 'maximum');
        const { id } = camera.addGroup({ enabled: true, name: `G-${measurement}`, measurement, threshold: 5, delay: 0, areaIds: [l, r] });
        const g = scene.groupStatus(id);
        const right = scene.readArea(RIGHT);
        const want =
          measurement === 'maximum'
            ? right.max - 30
            : measurement === 'minimum'
              ? 30 - right.min
              : measurement === 'average'
                ? Math.abs(right.avg - 30)
                : 100 - 30;
        assert.ok(Math.abs(g.currentDeviation - want) < 1e-6, `${g.currentDeviation} vs ${want}`);
        if (expected !== null) assert.ok(Math.abs(g.currentDeviation - (measurement === 'maximum' ? 70 : 10)) < 1e-6);
        assert.equal(g.triggered, g.currentDeviation > 5);
      });
    }

    it('a disabled group, or one with a disabled member, never triggers', () => {
      ctx = makeScene();
      const { camera, scene, events } = ctx;
      heat(scene, 'left', 30);
      heat(scene, 'right', 60);
      const [l, r] = twoAreas(camera);
      const off = camera.addGroup({ enabled: false, name: 'off', measurement: 'average', threshold: 5, delay: 0, areaIds: [l, r] }).id;
      const on = camera.addGroup({ enabled: true, name: 'on', measurement: 'average', threshold: 5, delay: 0, areaIds: [l, r] }).id;
      assert.equal(scene.groupStatus(off), undefined);
      assert.equal(scene.groupStatus(on).triggered, true);
      camera.updateArea(r, area({ name: 'R', enabled: false, threshold: 300, vertices: RIGHT }));
      assert.equal(scene.groupStatus(on), undefined);
      scene.step(2);
      assert.deepEqual(
        events.filter((e) => e.topic === 'DeviationDetection').map((e) => [e.source.GroupID, e.data.AlarmActive]),
        [
          [on, true],
          [on, false],
        ],
      );
    });
  });

  it('eventStates gives the state of every stateful event and the camera serves it', () => {
    ctx = makeScene();
    const { camera, scene } = ctx;
    heat(scene, 'left', 50);
    const a = camera.addArea(area({ threshold: 40 }));
    const b = camera.addArea(area({ threshold: 40, vertices: RIGHT }));
    const states = camera.eventStates();
    const td = states.filter((e) => e.topic === 'TemperatureDetection').map((e) => [e.source.AreaID, e.data.AlarmActive]);
    assert.deepEqual(td, [
      [a, true],
      [b, false],
    ]);
    assert.deepEqual(
      states.filter((e) => e.topic === 'TemperatureDetectionAnyArea').map((e) => e.data.AlarmActive),
      [true],
    );
    assert.ok(states.every((e) => e.stateful));
    scene.detach();
    assert.deepEqual(camera.eventStates(), [], 'detach hands eventStates back');
    ctx = undefined;
  });
});

describe('scene determinism', () => {
  function runOnce(seed) {
    const { camera, scene, events } = makeScene({ seed, noise: 0.3, scenario: 'conveyor', width: 96, height: 72 });
    camera.addArea(
      area({
        name: 'belt',
        measurement: 'maximum',
        threshold: 250,
        delay: 1,
        vertices: [
          [-0.4, -0.4],
          [0.4, -0.4],
          [0.4, 0.2],
          [-0.4, 0.2],
        ],
      }),
    );
    camera.addArea(
      area({
        name: 'rise',
        detectionType: 'increase',
        measurement: 'average',
        threshold: 3,
        delay: 2,
        vertices: [
          [-0.2, -0.3],
          [0.2, -0.3],
          [0.2, 0.1],
          [-0.2, 0.1],
        ],
      }),
    );
    scene.step(60);
    const status = camera.areaStatus();
    scene.detach();
    return { log: JSON.stringify(events), status: JSON.stringify(status), alarms: events.filter((e) => e.topic === 'TemperatureDetection').length };
  }

  it('the same seed on a stepped clock gives the same events and readings on every run', () => {
    const a = runOnce(11);
    const b = runOnce(11);
    assert.ok(a.alarms >= 2, `the conveyor brings the hot item through the area (${a.alarms} alarm events)`);
    assert.equal(a.log, b.log);
    assert.equal(a.status, b.status);
    assert.notEqual(runOnce(12).log, a.log, 'another seed, other noise');
  });
});
