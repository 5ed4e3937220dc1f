'use strict';
// The shared overlays (src/imaging): labels of areas that nest or coincide do not cover each other.
const assert = require('node:assert/strict');
const { drawAreaOverlays, RED, GREEN } = require('../../dist/imaging');

const SQUARE = [
  [-0.5, -0.5],
  [0.5, -0.5],
  [0.5, 0.5],
  [-0.5, 0.5],
];
const blank = (width, height) => ({ width, height, data: Buffer.alloc(width * height * 3) });
const colourAt = (img, x, y) => [...img.data.subarray((y * img.width + x) * 3, (y * img.width + x) * 3 + 3)];
const same = (a, b) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2];

/** Rows holding pixels of `rgb`, leaving out the outline's own rows and columns. */
function textRows(img, rgb, outline) {
  const rows = new Set();
  for (let y = 0; y < img.height; y++)
    for (let x = 0; x < img.width; x++) {
      if (outline.rows.includes(y) || outline.cols.includes(x)) continue;
      if (same(colourAt(img, x, y), rgb)) rows.add(y);
    }
  return [...rows].sort((a, b) => a - b);
}

describe('imaging: area overlays', () => {
  it('two areas on the same place get their labels in separate places, outlines under no label', () => {
    const img = blank(320, 240);
    drawAreaOverlays(
      img,
      [
        { vertices: SQUARE, triggered: true, label: ['OVEN', 'MAX 90.0°C AVG 80.0°C'] },
        { vertices: SQUARE, triggered: false, label: ['OVEN COPY', 'MAX 20.0°C AVG 20.0°C'] },
      ],
      1,
    );
    // The square is x 80..240, y 60..180 in pixels.
    const outline = { rows: [60, 180, 179, 59], cols: [80, 240, 239, 79] };
    const red = textRows(img, RED, outline);
    const green = textRows(img, GREEN, outline);
    assert.ok(red.length >= 10 && green.length >= 10, `both labels drawn: red rows ${red.length}, green rows ${green.length}`);
    const [r0, r1] = [red[0], red[red.length - 1]];
    const [g0, g1] = [green[0], green[green.length - 1]];
    assert.ok(r1 < g0 || g1 < r0, `label rows apart: red ${r0}..${r1}, green ${g0}..${g1}`);
    // The first label sits above the area, as a camera writes it.
    assert.ok(r1 < 60, `first label above the area (rows ${r0}..${r1})`);
  });

  it('a single area label stays inside a small picture', () => {
    const img = blank(64, 48);
    drawAreaOverlays(
      img,
      [
        {
          vertices: [
            [-1, -1],
            [1, -1],
            [1, 1],
            [-1, 1],
          ],
          triggered: false,
          label: 'WHOLE',
        },
      ],
      1,
    );
    const rows = textRows(img, GREEN, { rows: [0, 47], cols: [0, 63] });
    assert.ok(rows.length > 0 && rows[0] >= 1 && rows[rows.length - 1] <= 46, `rows ${rows}`);
  });
});
