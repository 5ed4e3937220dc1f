'use strict';
// Scene figures, as ratios against a baseline measured in the same run:
//  - the cost of one frame (move sources, render 384x288 with noise, statistics and
//    alarms of ten areas) against one plain pass over the field's pixels;
//  - how many emulated cameras one process keeps in real time at the default frame rate
//    (frames per second one process achieves / frame rate);
//  - the cost of one image.cgi snapshot (colour, overlays, JPEG) against one frame.
const { CameraModel } = require('../dist/emulator/camera');
const { getProfile } = require('../dist/emulator/profiles');
const { ThermalScene } = require('../dist/emulator/scene/thermal-scene');

/** Median time per call (ms) over `batches` batches of calls lasting about `batchMs` each. */
function timePerCall(fn, batchMs = 150, batches = 7) {
  for (let i = 0; i < 5; i++) fn(); // warm up the JIT
  const times = [];
  for (let b = 0; b < batches; b++) {
    let calls = 0;
    const start = process.hrtime.bigint();
    let elapsed;
    do {
      fn();
      calls++;
      elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    } while (elapsed < batchMs);
    times.push(elapsed / calls);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

async function run() {
  const camera = new CameraModel(getProfile('fixed'));
  const scene = new ThermalScene({ clock: 'stepped', seed: 1, scenario: 'furnace-door' });
  camera.sensor = scene;
  scene.attach(camera);
  // Ten areas of various shapes and sizes over the image, every detection type.
  const types = ['above', 'below', 'increase', 'decrease'];
  for (let i = 0; i < 10; i++) {
    const cx = -0.75 + (i % 5) * 0.375;
    const cy = i < 5 ? 0.45 : -0.45;
    const r = 0.15 + (i % 3) * 0.05;
    const vertices = [];
    for (let k = 0; k < 6; k++) vertices.push([cx + r * Math.cos((k * Math.PI) / 3), cy + r * 1.3 * Math.sin((k * Math.PI) / 3)]);
    camera.addArea({
      enabled: true,
      name: `Area ${i}`,
      detectionType: types[i % 4],
      measurement: ['maximum', 'minimum', 'average'][i % 3],
      threshold: 5 + i * 10,
      delay: 2,
      vertices,
      areaOverlay: 'always',
      temperatureOverlay: true,
    });
  }
  const data = scene.field.data;
  let sink = 0;
  const pixelPass = timePerCall(() => {
    let s = 0;
    for (let i = 0; i < data.length; i++) s += data[i];
    sink += s;
  });
  const dt = 1 / scene.frameRate;
  const frame = timePerCall(() => scene.frame(dt));
  const snapshot = timePerCall(() => scene.snapshotJpeg(), 300, 3);
  scene.detach();
  if (sink === 42) console.log(''); // keeps the baseline loop from being optimised away
  const framesPerSecond = 1000 / frame;
  return [
    { name: `scene frame ${scene.field.width}x${scene.field.height} + 10 areas / one pixel pass`, value: (frame / pixelPass).toFixed(2) },
    { name: `scene cameras in real time per process (at ${scene.frameRate} fps)`, value: (framesPerSecond / scene.frameRate).toFixed(2) },
    { name: 'scene snapshot JPEG / one frame', value: (snapshot / frame).toFixed(2) },
  ];
}

module.exports = { run };
