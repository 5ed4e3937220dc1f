'use strict';
// The polygon rules (unique vertices, no crossing edges) and the Authorization parser.
const assert = require('node:assert/strict');
const { polygonProblem, pointInPolygon, parseAuthParams } = require('../../dist/emulator');

describe('emulator polygon rules', () => {
  const ok = [
    [
      [-0.5, -0.5],
      [0.5, -0.5],
      [0.5, 0.5],
      [-0.5, 0.5],
    ],
    [
      [0, 0],
      [0.5, 0],
      [1, 0],
      [1, 1],
    ], // collinear neighbours that do not fold back
    [
      [0, 0],
      [1, 0],
      [1, 1],
      [0.5, 0.2],
      [0, 1],
    ], // concave
    [
      [-1, -1],
      [1, -1],
      [0, 1],
    ],
  ];
  const bad = {
    'a repeated vertex': [
      [0, 0],
      [0.5, 0],
      [0, 0],
      [0, 0.5],
    ],
    'crossing edges (bow tie)': [
      [-0.5, -0.5],
      [0.5, 0.5],
      [0.5, -0.5],
      [-0.5, 0.5],
    ],
    'an edge folding back on its neighbour': [
      [0, 0],
      [1, 0],
      [0.5, 0],
      [0, 1],
    ],
    'all on one line': [
      [0, 0],
      [0.5, 0],
      [1, 0],
    ],
    'a vertex touching a far edge': [
      [0, 0],
      [1, 0],
      [1, 1],
      [0.5, 0],
      [0, 1],
    ],
  };
  for (const poly of ok) it(`accepts ${JSON.stringify(poly)}`, () => assert.equal(polygonProblem(poly), undefined));
  for (const [what, poly] of Object.entries(bad)) it(`refuses ${what}`, () => assert.ok(polygonProblem(poly)));

  it('pointInPolygon', () => {
    assert.equal(pointInPolygon([0, 0], ok[0]), true);
    assert.equal(pointInPolygon([0.9, 0], ok[0]), false);
  });
});

describe('emulator Authorization parser', () => {
  it('copes with quoted commas and equals signs, unquoted values and spacing', () => {
    assert.deepEqual(parseAuthParams('username="a,b=c", realm="R", nc=00000001 ,qop=auth, uri="/x?a=1,2"'), {
      username: 'a,b=c',
      realm: 'R',
      nc: '00000001',
      qop: 'auth',
      uri: '/x?a=1,2',
    });
  });
  it('unescapes quoted pairs', () => {
    assert.deepEqual(parseAuthParams('username="say \\"hi\\""'), { username: 'say "hi"' });
  });
});
