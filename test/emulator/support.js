'use strict';
// What the emulator tests share: the tests' own raw HTTP and Digest clients
// (test/support: the emulator is checked without the package's client, so a
// bug shared by both cannot go unseen) and the parameters of an area and a group.
const { rawRequest, THERMO } = require('../support/http');
const { challengesOf, digestAuthorization, DigestSession } = require('../support/digest');

const SQUARE = [
  [-0.5, -0.5],
  [0.5, -0.5],
  [0.5, 0.5],
  [-0.5, 0.5],
];

function areaParams(over = {}) {
  return {
    imagesource: 0,
    enabled: true,
    name: 'Area 1',
    detectionType: 'above',
    measurement: 'average',
    threshold: 100,
    delay: 5,
    vertices: SQUARE,
    areaOverlay: 'always',
    temperatureOverlay: true,
    ...over,
  };
}

function groupParams(over = {}) {
  return { enabled: true, name: 'Group 1', measurement: 'average', threshold: 5, delay: 5, areaIds: [], groupOverlay: true, ...over };
}

module.exports = { THERMO, rawRequest, challengesOf, digestAuthorization, DigestSession, SQUARE, areaParams, groupParams };
