'use strict';
// Area statistics against fields whose answer is known.
const assert = require('node:assert/strict');
const { polygonMask, pixelCentreX, pixelCentreY, pixelUnder } = require('../../../dist/emulator/scene/geometry');
const { MaskCache, maskStatistics, spotReading } = require('../../../dist/emulator/scene/stats');
const { TemperatureField } = require('../../../dist/emulator/scene/field');

function fieldOf(width, height, fn) {
  const data = new Float32Array(width * height);
  for (let row = 0; row < height; row++) for (let col = 0; col < width; col++) data[row * width + col] = fn(col, row);
  return { width, height, data };
}
const FULL = [
  [-1, -1],
  [1, -1],
  [1, 1],
  [-1, 1],
];
const cache = (f) => new MaskCache(f.width, f.height);

describe('scene statistics', () => {
  it('uniform field: avg = min = max, first pixel in row-major order for both extremes', () => {
    const f = fieldOf(8, 6, () => 30);
    const r = cache(f).read(f, [
      [-0.5, -0.5],
      [0.5, -0.5],
      [0.5, 0.5],
      [-0.5, 0.5],
    ]);
    assert.equal(r.avg, 30);
    assert.equal(r.min, 30);
    assert.equal(r.max, 30);
    // Square -0.5..0.5 on 8x6: first pixel is col 2 (x=-0.375), row 1 (y=0.5, on the edge: inside).
    assert.deepEqual(r.minCoordinates, [pixelCentreX(2, 8), pixelCentreY(1, 6)]);
    assert.equal(r.minCoordinates[1], 0.5);
    assert.deepEqual(r.maxCoordinates, r.minCoordinates);
  });

  it('horizontal gradient over the whole image: mean of columns, extremes in the first row', () => {
    const f = fieldOf(10, 4, (col) => 10 + col);
    const r = cache(f).read(f, FULL);
    assert.equal(r.avg, 14.5);
    assert.equal(r.min, 10);
    assert.equal(r.max, 19);
    assert.deepEqual(r.minCoordinates, [pixelCentreX(0, 10), 0.75]);
    assert.deepEqual(r.maxCoordinates, [pixelCentreX(9, 10), 0.75]);
    assert.ok(Math.abs(r.maxCoordinates[0] - 0.9) < 1e-12);
  });

  it('vertical gradient: the first max is in the bottom row, first column', () => {
    const f = fieldOf(4, 5, (_c, row) => row * 2);
    const r = cache(f).read(f, FULL);
    assert.equal(r.max, 8);
    assert.deepEqual(r.maxCoordinates, [-0.75, -0.8]);
    assert.deepEqual(r.minCoordinates, [-0.75, 0.8]);
    assert.equal(r.avg, 4);
  });

  it('a single hot pixel: its centre is the max position and it weighs 1/count in the average', () => {
    const f = fieldOf(384, 288, (c, r) => (c === 200 && r === 100 ? 120 : 20));
    const poly = [
      [-0.2, -0.2],
      [0.4, -0.2],
      [0.4, 0.6],
      [-0.2, 0.6],
    ];
    const mask = polygonMask(poly, 384, 288);
    const r = cache(f).read(f, poly);
    assert.equal(r.max, 120);
    assert.equal(r.min, 20);
    assert.deepEqual(r.maxCoordinates, [pixelCentreX(200, 384), pixelCentreY(100, 288)]);
    assert.ok(Math.abs(r.avg - (20 + 100 / mask.count)) < 1e-9, `avg ${r.avg}`);
    // The same pixel read by the spot meter, from any point inside it.
    assert.equal(spotReading(f, [pixelCentreX(200, 384) + 0.002, pixelCentreY(100, 288) - 0.003]), 120);
    assert.equal(spotReading(f, [pixelCentreX(201, 384), pixelCentreY(100, 288)]), 20);
  });

  it('edges through pixel centres count those pixels in (closed polygon)', () => {
    // 4x4: centres at x, y = ±0.25, ±0.75.
    const square = polygonMask(
      [
        [-0.25, -0.25],
        [0.25, -0.25],
        [0.25, 0.25],
        [-0.25, 0.25],
      ],
      4,
      4,
    );
    assert.equal(square.count, 4);
    assert.deepEqual([...square.rows], [1, 2]);
    assert.deepEqual([...square.from], [1, 1]);
    assert.deepEqual([...square.to], [2, 2]);
    // A hair inside on the right: column 2 drops out.
    const narrower = polygonMask(
      [
        [-0.25, -0.25],
        [0.2499, -0.25],
        [0.2499, 0.25],
        [-0.25, 0.25],
      ],
      4,
      4,
    );
    assert.equal(narrower.count, 2);
    // Diagonal through centres (-0.75,0.75), (-0.25,0.25), (0.25,-0.25), (0.75,-0.75): triangle below it.
    const tri = polygonMask(
      [
        [-0.75, 0.75],
        [0.75, -0.75],
        [-0.75, -0.75],
      ],
      4,
      4,
    );
    // Row r keeps columns 0..r (the diagonal centres included): 1+2+3+4.
    assert.equal(tri.count, 10);
    assert.deepEqual([...tri.to], [0, 1, 2, 3]);
  });

  it('matches a per-pixel point-in-polygon test on random star polygons', () => {
    const { mulberry32 } = require('../../../dist/emulator/scene/random');
    const { pointInPolygon } = require('../../../dist/emulator/scene/geometry');
    const rnd = mulberry32(42);
    const W = 64,
      H = 48;
    for (let n = 0; n < 40; n++) {
      const k = 3 + Math.floor(rnd() * 8);
      const cx = rnd() - 0.5,
        cy = rnd() - 0.5;
      const poly = [];
      for (let i = 0; i < k; i++) {
        const a = (2 * Math.PI * i) / k;
        const r = 0.2 + rnd() * 0.9;
        poly.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
      }
      const mask = polygonMask(poly, W, H);
      const inMask = new Set();
      for (let i = 0; i < mask.rows.length; i++) for (let c = mask.from[i]; c <= mask.to[i]; c++) inMask.add(mask.rows[i] * W + c);
      for (let row = 0; row < H; row++)
        for (let col = 0; col < W; col++) {
          const p = [pixelCentreX(col, W), pixelCentreY(row, H)];
          const expected = pointInPolygon(p, poly);
          assert.equal(inMask.has(row * W + col), expected, `polygon ${n} pixel ${col},${row}`);
        }
    }
  });

  it('an area between pixel centres reads the pixel under its centroid', () => {
    const f = fieldOf(4, 4, (c, r) => c * 10 + r);
    const r = cache(f).read(f, [
      [0.01, 0.01],
      [0.02, 0.01],
      [0.02, 0.02],
    ]);
    assert.equal(r.avg, 21); // col 2, row 1
    assert.deepEqual(r.maxCoordinates, [0.25, 0.25]);
  });

  it('pixelUnder clamps the image border into the image', () => {
    assert.deepEqual(pixelUnder([1, -1], 384, 288), { col: 383, row: 287 });
    assert.deepEqual(pixelUnder([-1, 1], 384, 288), { col: 0, row: 0 });
  });

  it('masks are cached per polygon and recomputed when it changes', () => {
    const c = new MaskCache(32, 24);
    const a = c.get([
      [0, 0],
      [0.5, 0],
      [0.5, 0.5],
    ]);
    assert.equal(
      c.get([
        [0, 0],
        [0.5, 0],
        [0.5, 0.5],
      ]),
      a,
    );
    assert.notEqual(
      c.get([
        [0, 0],
        [0.6, 0],
        [0.5, 0.5],
      ]),
      a,
    );
    assert.equal(c.size, 2);
  });

  it('a seeded field gives the same pixels on every run, another seed other pixels', () => {
    const make = (seed) => {
      const f = new TemperatureField({ width: 64, height: 48, seed, noise: 0.5 });
      f.addSource({ x: 0.1, y: 0.2, radius: 0.2, temperature: 80, vx: 0.1 });
      f.advance(1);
      f.render();
      return Buffer.from(f.data.buffer).toString('base64');
    };
    assert.equal(make(3), make(3));
    assert.notEqual(make(3), make(4));
  });

  it('maskStatistics on an empty mask uses the fallback point', () => {
    const f = fieldOf(4, 4, () => 5);
    const r = maskStatistics(
      f,
      polygonMask(
        [
          [0.01, 0.01],
          [0.02, 0.01],
          [0.02, 0.02],
        ],
        4,
        4,
      ),
      [0.9, -0.9],
    );
    assert.equal(r.avg, 5);
    assert.deepEqual(r.minCoordinates, [0.75, -0.75]);
  });
});
