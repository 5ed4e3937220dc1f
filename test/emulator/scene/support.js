'use strict';
// A camera model with a stepped, noise-free scene: readings are exact and time moves only when a test says so.
const { CameraModel } = require('../../../dist/emulator/camera');
const { getProfile } = require('../../../dist/emulator/profiles');
const { ThermalScene } = require('../../../dist/emulator/scene/thermal-scene');

function makeScene(options = {}) {
  const { profile = 'fixed', ...sceneOptions } = options;
  const camera = new CameraModel(getProfile(profile));
  const scene = new ThermalScene({ clock: 'stepped', noise: 0, scenario: 'none', ambient: 20, width: 64, height: 48, ...sceneOptions });
  camera.sensor = scene;
  scene.attach(camera);
  const events = [];
  camera.on('thermometry-event', (ev) => events.push({ t: scene.clock.now(), ...ev }));
  return { camera, scene, events };
}

const LEFT = [
  [-0.9, -0.5],
  [-0.1, -0.5],
  [-0.1, 0.5],
  [-0.9, 0.5],
];
const RIGHT = [
  [0.1, -0.5],
  [0.9, -0.5],
  [0.9, 0.5],
  [0.1, 0.5],
];

function area(overrides = {}) {
  return {
    enabled: true,
    name: 'Area',
    detectionType: 'above',
    measurement: 'average',
    threshold: 40,
    delay: 0,
    vertices: LEFT,
    areaOverlay: 'always',
    temperatureOverlay: true,
    ...overrides,
  };
}

/** Sets the whole left (or right) area to one temperature, celsius. */
function heat(scene, side, temperature, id = side) {
  const v = side === 'left' ? LEFT : RIGHT;
  // A region slightly larger than the area so every pixel of the area gets it.
  const xs = v.map((p) => p[0]);
  const ys = v.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs) - 0.05, Math.max(...xs) + 0.05, Math.min(...ys) - 0.05, Math.max(...ys) + 0.05];
  const grow = [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
  return scene.control({ action: 'setRegion', id, vertices: grow, temperature });
}

const active = (events, topic) => events.filter((e) => e.topic === topic).map((e) => e.data.AlarmActive);

module.exports = { makeScene, area, heat, active, LEFT, RIGHT };
