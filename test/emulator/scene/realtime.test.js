'use strict';
// The realtime clock follows the (fake) wall clock frame by frame, and detach leaves no timer behind.
const assert = require('node:assert/strict');
const sinon = require('sinon');
const { CameraModel } = require('../../../dist/emulator/camera');
const { getProfile } = require('../../../dist/emulator/profiles');
const { ThermalScene } = require('../../../dist/emulator/scene/thermal-scene');

describe('scene realtime clock', () => {
  let clock;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => clock.restore());

  it('runs frameRate frames per second of wall time, moving the sources, and detach clears its timer', () => {
    const camera = new CameraModel(getProfile('fixed'));
    const scene = new ThermalScene({ frameRate: 8, noise: 0, scenario: 'conveyor', width: 64, height: 48 });
    camera.sensor = scene;
    scene.attach(camera);
    const item = scene.field.sources.find((s) => s.id === 'item1');
    const x0 = item.x;
    assert.equal(clock.countTimers(), 1);
    clock.tick(1000);
    assert.equal(scene.frameCount, 8);
    assert.equal(scene.clock.now(), 1);
    assert.ok(Math.abs(item.x - (x0 + 0.12)) < 1e-9, 'conveyor moved 0.12 in 1 s');
    clock.tick(2500);
    assert.equal(scene.frameCount, 28);
    scene.detach();
    assert.equal(clock.countTimers(), 0);
    clock.tick(1000);
    assert.equal(scene.frameCount, 28);
  });

  it('a long stall replays at most the catch-up bound, not every missed frame', () => {
    const camera = new CameraModel(getProfile('fixed'));
    const scene = new ThermalScene({ frameRate: 8, noise: 0, width: 32, height: 24 });
    camera.sensor = scene;
    scene.attach(camera);
    clock.setSystemTime(Date.now() + 60_000); // the process was suspended a minute
    clock.tick(125);
    assert.ok(scene.frameCount <= 17, `frames ${scene.frameCount}`);
    scene.detach();
  });
});
