'use strict';
// The snapshot: a JPEG of the right size, palettes and isotherm levels, overlays; a copy is saved to look at.
const assert = require('node:assert/strict');
const fs = require('fs');
const jpeg = require('jpeg-js');
const { makeScene, area, heat, RIGHT } = require('./support');
const { encodePng } = require('../../../dist/emulator/scene/snapshot');
const { PALETTE_NAMES } = require('../../../dist/emulator/scene/palette');

function sofDimensions(buf) {
  // Walk the markers to SOF0 (baseline): FF C0, length, precision, height, width.
  assert.equal(buf.readUInt16BE(0), 0xffd8, 'SOI');
  assert.equal(buf.readUInt16BE(buf.length - 2), 0xffd9, 'EOI');
  let i = 2;
  while (i < buf.length) {
    const marker = buf.readUInt16BE(i);
    const len = buf.readUInt16BE(i + 2);
    if (marker === 0xffc0) return { height: buf.readUInt16BE(i + 5), width: buf.readUInt16BE(i + 7) };
    i += 2 + len;
  }
  throw new Error('no SOF0');
}

const pixel = (img, x, y) => {
  const i = (y * img.width + x) * (img.data.length / (img.width * img.height));
  return [img.data[i], img.data[i + 1], img.data[i + 2]];
};

describe('scene snapshot', () => {
  let ctx;
  afterEach(() => ctx && ctx.scene.detach());

  it('is a baseline JPEG of the field size by default and of any requested size', () => {
    ctx = makeScene({ width: 384, height: 288, scenario: 'furnace-door', noise: 0.05 });
    const buf = ctx.scene.snapshotJpeg();
    assert.deepEqual(sofDimensions(buf), { width: 384, height: 288 });
    const decoded = jpeg.decode(buf, { useTArray: true });
    assert.deepEqual([decoded.width, decoded.height], [384, 288]);
    const big = ctx.scene.snapshotJpeg(800, 600);
    assert.deepEqual(sofDimensions(big), { width: 800, height: 600 });
  });

  it('Iso- palettes honour the levels: black below min, grey below low, colour bands above', () => {
    ctx = makeScene({ width: 64, height: 48, palette: 'Iso-Fire-WH' });
    const { camera, scene } = ctx;
    camera.setIsothermLevels({ min: 0, low: 30, middle: 60, high: 90, renderOverlay: false });
    // Four vertical stripes: -10 (below min), 20 (grey), 45 (low..middle), 120 (above high).
    const stripes = [-10, 20, 45, 120];
    stripes.forEach((t, i) =>
      scene.control({
        action: 'setRegion',
        vertices: [
          [-1 + i * 0.5, -1],
          [-0.5 + i * 0.5 - 0.001, -1],
          [-0.5 + i * 0.5 - 0.001, 1],
          [-1 + i * 0.5, 1],
        ],
        temperature: t,
      }),
    );
    const img = scene.render();
    const at = (i) => pixel(img, 8 + i * 16, 24);
    assert.deepEqual(at(0), [0, 0, 0], 'below min is black');
    const [r1, g1, b1] = at(1);
    assert.ok(r1 === g1 && g1 === b1 && r1 > 0, `below low is grey: ${at(1)}`);
    const [r2, g2, b2] = at(2);
    assert.ok(r2 > 100 && g2 < 60 && b2 < 30, `low..middle is dark red in Iso-Fire: ${at(2)}`);
    const [r3, g3] = at(3);
    assert.ok(r3 > 240 && g3 > 200, `above high is yellow to white: ${at(3)}`);
    // Black-hot grey: the same 20 °C pixel is darker when warmer is darker... and lighter here than in WH? both grey.
    scene.palette = 'Iso-Fire-BH';
    const bh = pixel(scene.render(), 8 + 16, 24);
    assert.ok(bh[0] === bh[1] && bh[0] !== r1, 'BH grey differs from WH grey');
  });

  it('White-hot makes warmer lighter, Black-hot darker', () => {
    ctx = makeScene({ width: 64, height: 48, palette: 'White-hot' });
    heat(ctx.scene, 'right', 60);
    let img = ctx.scene.render();
    assert.ok(pixel(img, 50, 24)[0] > pixel(img, 10, 24)[0]);
    ctx.scene.palette = 'Black-hot';
    img = ctx.scene.render();
    assert.ok(pixel(img, 50, 24)[0] < pixel(img, 10, 24)[0]);
  });

  it('draws areas green, red when triggered, honours if_triggered and none', () => {
    ctx = makeScene({ width: 160, height: 120, palette: 'White-hot' });
    const { camera, scene } = ctx;
    heat(scene, 'right', 60);
    const square = (x0) => [
      [x0, -0.5],
      [x0 + 0.6, -0.5],
      [x0 + 0.6, 0.5],
      [x0, 0.5],
    ];
    camera.addArea(area({ vertices: square(-0.9), threshold: 300, areaOverlay: 'always', temperatureOverlay: false }));
    camera.addArea(area({ vertices: square(0.2), threshold: 40, areaOverlay: 'always', temperatureOverlay: false }));
    const img = scene.render();
    // Left edge of each square at x = (x0+1)/2*W; sample mid-height.
    const green = pixel(img, Math.round(((-0.9 + 1) / 2) * 160), 60);
    const red = pixel(img, Math.round(((0.2 + 1) / 2) * 160), 60);
    assert.ok(green[1] > 200 && green[0] < 100, `green outline ${green}`);
    assert.ok(red[0] > 200 && red[1] < 100, `red outline ${red}`);
    camera.updateArea(0, area({ vertices: square(-0.9), threshold: 300, areaOverlay: 'if_triggered', temperatureOverlay: false }));
    camera.updateArea(1, area({ vertices: square(0.2), threshold: 40, areaOverlay: 'none', temperatureOverlay: false }));
    const plain = scene.render();
    assert.ok(pixel(plain, Math.round(((-0.9 + 1) / 2) * 160), 60)[1] < 100, 'untriggered if_triggered area not drawn');
    const p = pixel(plain, Math.round(((0.2 + 1) / 2) * 160), 60);
    assert.ok(p[0] === p[1], 'area with overlay none not drawn');
  });

  it('every listed palette renders', () => {
    ctx = makeScene({ width: 64, height: 48, scenario: 'conveyor' });
    for (const name of PALETTE_NAMES) {
      ctx.scene.palette = name;
      const buf = ctx.scene.snapshotJpeg();
      assert.deepEqual(sofDimensions(buf), { width: 64, height: 48 }, name);
    }
  });

  it('saves a full-size snapshot with every overlay to /tmp/scene-snapshot.jpg (and .png) to look at', () => {
    ctx = makeScene({ width: 384, height: 288, scenario: 'furnace-door', noise: 0.08, palette: 'Iron', seed: 5 });
    const { camera, scene } = ctx;
    camera.addArea(
      area({
        name: 'Door',
        measurement: 'maximum',
        threshold: 280,
        delay: 0,
        vertices: [
          [-0.3, -0.45],
          [0.3, -0.45],
          [0.3, 0.35],
          [-0.3, 0.35],
        ],
      }),
    );
    camera.addArea(
      area({
        name: 'Wall',
        measurement: 'average',
        threshold: 120,
        vertices: [
          [-0.9, 0.5],
          [-0.5, 0.8],
          [-0.4, 0.4],
        ],
      }),
    );
    camera.addArea(area({ name: 'Floor', measurement: 'average', threshold: 200, vertices: RIGHT.map(([x, y]) => [x, y * 0.3 - 0.75]) }));
    camera.setSpot([0.6, -0.5], 'coord_neg1_1');
    camera.setIsothermLevels({ high: 250, middle: 120, low: 45, renderOverlay: true });
    scene.step(10);
    const img = scene.render(768, 576);
    const buf = require('../../../dist/emulator/scene/snapshot').encodeJpeg(img);
    fs.writeFileSync('/tmp/scene-snapshot.jpg', buf);
    fs.writeFileSync('/tmp/scene-snapshot.png', encodePng(img));
    scene.palette = 'Iso-Fire-WH';
    fs.writeFileSync('/tmp/scene-snapshot-iso.png', encodePng(scene.render(768, 576)));
    assert.deepEqual(sofDimensions(buf), { width: 768, height: 576 });
    const png = fs.readFileSync('/tmp/scene-snapshot.png');
    assert.equal(png.readUInt32BE(16), 768);
    assert.equal(png.readUInt32BE(20), 576);
  });
});
