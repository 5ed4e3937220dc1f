'use strict';
// Every validation rule, with the message the user reads.
const assert = require('node:assert/strict');
const { validateParams, segmentsCross } = require('../../dist/client');

const CAPS = {
  currentTemperatureScale: 'celsius',
  minTemperature: -40,
  maxTemperature: 350,
  maxNumberOfAreas: 10,
  maxNumberOfVertices: 5,
  maxDelayTime: 300,
  defaultDelayTime: 5,
  maxNameLength: 20,
  maxGroups: 5,
};
const SQUARE = [
  [-0.5, -0.5],
  [0.5, -0.5],
  [0.5, 0.5],
  [-0.5, 0.5],
];
const AREA = { enabled: true, name: 'Area 1', detectionType: 'above', measurement: 'average', threshold: 100, delay: 5, vertices: SQUARE };
const GROUP = { enabled: true, name: 'Group 1', measurement: 'inherit', threshold: 5, delay: 5, areaIds: [0, 1] };
const LEVELS = { high: 100, middle: 50, low: 10, renderOverlay: true };

/** validateParams throws a validation error for `field` with exactly `message`. */
function refuses(method, params, field, message, caps = CAPS, version = '1.2') {
  assert.throws(
    () => validateParams(method, params, caps, version),
    (err) => {
      assert.equal(err.name, 'ThermometryError');
      assert.equal(err.kind, 'validation');
      assert.equal(err.method, method);
      assert.equal(err.field, field);
      if (message instanceof RegExp) assert.match(err.message, message);
      else assert.equal(err.message, message);
      return true;
    },
  );
}
const accepts = (method, params, caps = CAPS, version = '1.2') => assert.doesNotThrow(() => validateParams(method, params, caps, version));

describe('client: validation before sending', () => {
  it('accepts the reference examples', () => {
    accepts('addArea', { imagesource: 0, ...AREA, areaOverlay: 'always', temperatureOverlay: true, presetNbr: 1 });
    accepts('updateArea', { id: 0, ...AREA, detectionType: 'below', areaOverlay: 'if_triggered' });
    accepts('addGroup', { ...GROUP, groupOverlay: true, presetNbr: 1 });
    accepts('updateGroup', { id: 2, ...GROUP });
    accepts('setIsothermLevels', { ...LEVELS, min: 0 });
    accepts('addSpotTemperature', { spotCoordinates: [0.37, -0.95], coordinateSystem: 'coord_neg1_1' });
    accepts('getSupportedVersions', undefined);
    accepts('listAreas', {});
    accepts('removeAreas', { areas: [0, 1, 3] });
  });

  it('whole numbers: rejects fractions and strings, with range from the capabilities', () => {
    refuses('addArea', { ...AREA, delay: 301 }, 'delay', 'addArea: "delay" must be a whole number from 0 to 300 (got 301)');
    refuses('addArea', { ...AREA, delay: 2.5 }, 'delay', 'addArea: "delay" must be a whole number from 0 to 300 (got 2.5)');
    refuses('addArea', { ...AREA, delay: '5' }, 'delay', 'addArea: "delay" must be a whole number from 0 to 300 (got "5")');
    refuses('updateArea', { ...AREA, id: -1 }, 'id', 'updateArea: "id" must be a whole number of at least 0 (got -1)');
    refuses('listAreas', { presetNbr: 1.5 }, 'presetNbr', 'listAreas: "presetNbr" must be a whole number of at least 0 (got 1.5)');
  });

  it('threshold within min/maxTemperature, and positive for increase/decrease', () => {
    refuses('addArea', { ...AREA, threshold: 351 }, 'threshold', 'addArea: "threshold" must be a whole number from -40 to 350 (got 351)');
    refuses('addArea', { ...AREA, threshold: -41 }, 'threshold', /from -40 to 350 \(got -41\)/);
    accepts('addArea', { ...AREA, detectionType: 'below', threshold: -10 });
    refuses(
      'addArea',
      { ...AREA, detectionType: 'increase', threshold: 0 },
      'threshold',
      'addArea: "threshold" must be a whole number from 1 to 350 (positive for detectionType "increase") (got 0)',
    );
    refuses('addArea', { ...AREA, detectionType: 'decrease', threshold: -5 }, 'threshold', /positive for detectionType "decrease"/);
    accepts('addArea', { ...AREA, detectionType: 'increase', threshold: 5 });
  });

  it('booleans', () => {
    refuses('addArea', { ...AREA, enabled: 'true' }, 'enabled', 'addArea: "enabled" must be true or false (got "true")');
    refuses('setTgtConfiguration', { pauseOnAlarm: 1, autoResume: true }, 'pauseOnAlarm', 'setTgtConfiguration: "pauseOnAlarm" must be true or false (got 1)');
  });

  it('enumerations', () => {
    refuses(
      'addArea',
      { ...AREA, detectionType: 'up' },
      'detectionType',
      'addArea: "detectionType" must be one of above, below, increase, decrease (got "up")',
    );
    refuses('addArea', { ...AREA, measurement: 'inherit' }, 'measurement', 'addArea: "measurement" must be one of maximum, minimum, average (got "inherit")');
    refuses('addArea', { ...AREA, areaOverlay: 'sometimes' }, 'areaOverlay', /must be one of none, always, if_triggered/);
    refuses('setTemperatureScale', { unit: 'kelvin' }, 'unit', 'setTemperatureScale: "unit" must be one of celsius, fahrenheit (got "kelvin")');
    refuses('getSpotTemperature', { coordinateSystem: 'pixels' }, 'coordinateSystem', /must be one of coord_neg1_1, coord_0_1/);
    accepts('addGroup', { ...GROUP, measurement: 'inherit' });
  });

  it('name length from maxNameLength (characters, not bytes)', () => {
    refuses('addArea', { ...AREA, name: 'x'.repeat(21) }, 'name', 'addArea: "name" must be a string of at most 20 characters (got 21 characters)');
    accepts('addArea', { ...AREA, name: 'é'.repeat(20) });
    refuses('addGroup', { ...GROUP, name: 42 }, 'name', 'addGroup: "name" must be a string of at most 20 characters (got 42)');
  });

  it('vertices: count 3..maxNumberOfVertices', () => {
    refuses('addArea', { ...AREA, vertices: SQUARE.slice(0, 2) }, 'vertices', 'addArea: "vertices" must have 3 to 5 points (got 2)');
    refuses(
      'addArea',
      {
        ...AREA,
        vertices: [
          [0, 0],
          [0.1, 0],
          [0.2, 0.1],
          [0.1, 0.3],
          [0, 0.2],
          [-0.1, 0.1],
        ],
      },
      'vertices',
      'addArea: "vertices" must have 3 to 5 points (got 6)',
    );
    refuses('addArea', { ...AREA, vertices: 'square' }, 'vertices', 'addArea: "vertices" must be a list of 3 to 5 points [x, y] (got "square")');
  });

  it('vertices: each [x, y] finite within -1..1', () => {
    refuses(
      'addArea',
      {
        ...AREA,
        vertices: [
          [0, 0],
          [1.5, 0],
          [0, 1],
        ],
      },
      'vertices',
      'addArea: "vertices[1]" must be a point [x, y] with x and y from -1 to 1 (got [1.5,0])',
    );
    refuses(
      'addArea',
      {
        ...AREA,
        vertices: [
          [0, 0],
          [1, 0],
          [0, null],
        ],
      },
      'vertices',
      /"vertices\[2\]" must be a point/,
    );
    refuses(
      'addArea',
      {
        ...AREA,
        vertices: [
          [0, 0],
          [1, 0],
          [0, 1, 2],
        ],
      },
      'vertices',
      /"vertices\[2\]"/,
    );
    accepts('addArea', {
      ...AREA,
      vertices: [
        [-1, -1],
        [1, -1],
        [1, 1],
      ],
    });
  });

  it('vertices: no repeated vertex', () => {
    refuses(
      'addArea',
      {
        ...AREA,
        vertices: [
          [0, 0],
          [0.5, 0],
          [0.5, 0.5],
          [0, 0],
        ],
      },
      'vertices',
      'addArea: "vertices[3]" repeats "vertices[0]" ([0,0]); all vertices must be unique',
    );
  });

  it('vertices: no crossing edges (a bow tie is refused, a concave polygon is not)', () => {
    refuses(
      'addArea',
      {
        ...AREA,
        vertices: [
          [-0.5, -0.5],
          [0.5, 0.5],
          [0.5, -0.5],
          [-0.5, 0.5],
        ],
      },
      'vertices',
      'addArea: "vertices": the outline crosses itself: the side from corner 1 to 2 crosses the side from corner 3 to 4; list the corners in order around the area',
    );
    accepts('addArea', {
      ...AREA,
      vertices: [
        [0, 0],
        [1, 0],
        [1, 1],
        [0.5, 0.2],
        [0, 1],
      ],
    });
    assert.equal(segmentsCross([0, 0], [1, 1], [0, 1], [1, 0]), true);
    assert.equal(segmentsCross([0, 0], [1, 0], [1, 0], [1, 1]), false); // touching at an end is not crossing
    assert.equal(segmentsCross([0, 0], [1, 0], [0, 1], [1, 1]), false);
  });

  it('spot coordinates per coordinate system', () => {
    refuses(
      'addSpotTemperature',
      { spotCoordinates: [-0.5, 0.2], coordinateSystem: 'coord_0_1' },
      'spotCoordinates',
      'addSpotTemperature: "spotCoordinates" must be a point on the picture: x and y from 0 to 1, the top-left corner at 0, 0, y down (coordinateSystem coord_0_1; got [-0.5,0.2])',
    );
    accepts('addSpotTemperature', { spotCoordinates: [-0.5, 0.2], coordinateSystem: 'coord_neg1_1' });
    refuses(
      'addSpotTemperature',
      { spotCoordinates: [1.1, 0], coordinateSystem: 'coord_neg1_1' },
      'spotCoordinates',
      /x and y from -1 to 1, the centre at 0, 0, y up \(coordinateSystem coord_neg1_1; got \[1\.1,0\]\)/,
    );
    accepts('addSpotTemperature', { spotCoordinates: [1, 0], coordinateSystem: 'coord_0_1' });
    refuses('addSpotTemperature', { spotCoordinates: [0.5], coordinateSystem: 'coord_0_1' }, 'spotCoordinates', /must be a point \[x, y\] of two numbers/);
  });

  it('isotherm levels: each in its range from the capabilities', () => {
    refuses('setIsothermLevels', { ...LEVELS, low: -40 }, 'low', 'setIsothermLevels: "low" must be a whole number from -39 to 348 (got -40)');
    refuses(
      'setIsothermLevels',
      { ...LEVELS, middle: 350, high: 350 },
      'middle',
      'setIsothermLevels: "middle" must be a whole number from -38 to 349 (got 350)',
    );
    refuses(
      'setIsothermLevels',
      { high: -38, middle: -39, low: -40, renderOverlay: true },
      'high',
      'setIsothermLevels: "high" must be a whole number from -37 to 350 (got -38)',
    );
    refuses('setIsothermLevels', { ...LEVELS, min: 348 }, 'min', 'setIsothermLevels: "min" must be a whole number from -40 to 347 (got 348)');
    accepts('setIsothermLevels', { high: -37, middle: -38, low: -39, min: -40, renderOverlay: false });
  });

  it('isotherm levels: unique and rising, min < low < middle < high', () => {
    refuses(
      'setIsothermLevels',
      { ...LEVELS, middle: 10 },
      'middle',
      'setIsothermLevels: "middle" must be above "low": levels must be unique and rising, low < middle < high (got low 10, middle 10, high 100)',
    );
    refuses(
      'setIsothermLevels',
      { ...LEVELS, min: 20 },
      'low',
      /"low" must be above "min": levels must be unique and rising, min < low < middle < high \(got min 20, low 10/,
    );
    refuses('setIsothermLevels', { high: 40, middle: 50, low: 10, renderOverlay: true }, 'high', /"high" must be above "middle"/);
  });

  it('group threshold >= 1, area ids whole numbers', () => {
    refuses('addGroup', { ...GROUP, threshold: 0 }, 'threshold', 'addGroup: "threshold" must be a whole number of at least 1 (got 0)');
    refuses('addGroup', { ...GROUP, areaIds: [0, 'one'] }, 'areaIds', 'addGroup: "areaIds[1]" must be a whole number of at least 0 (got "one")');
    refuses('addGroup', { ...GROUP, areaIds: 3 }, 'areaIds', 'addGroup: "areaIds" must be a list of whole numbers of at least 0 (got 3)');
    refuses('updateGroup', { ...GROUP, id: 0 }, 'id', 'updateGroup: "id" must be a whole number of at least 1 (got 0)');
    accepts('removeGroup', { id: 0 });
  });

  it('required parameters present', () => {
    const { name, ...noName } = AREA;
    refuses('addArea', noName, 'name', /^addArea: "name" is required \(Area name/);
    refuses('setTemperatureScale', {}, 'unit', /^setTemperatureScale: "unit" is required/);
    refuses('removeGroup', undefined, 'id', /^removeGroup: "id" is required/);
  });

  it('unknown parameters rejected, including the reply spelling "position"', () => {
    refuses('addArea', { ...AREA, colour: 'red' }, 'colour', /^addArea: unknown parameter "colour" \(known: imagesource, enabled, name/);
    refuses('addArea', { ...AREA, position: SQUARE }, 'position', /^addArea: unknown parameter "position"/);
    refuses('getAreaStatus', { presetNbr: 1 }, 'presetNbr', 'getAreaStatus: unknown parameter "presetNbr" (it takes no parameters)');
    refuses('updateGroup', { id: 1, ...GROUP, presetNbr: 2 }, 'presetNbr', /unknown parameter "presetNbr"/);
  });

  it('parameters newer than the API version rejected; the same call passes on 1.2', () => {
    refuses(
      'setIsothermLevels',
      { ...LEVELS, min: 0 },
      'min',
      'setIsothermLevels: "min" needs API version 1.2 or later (the camera speaks 1.0); leave it out',
      CAPS,
      '1.0',
    );
    accepts('setIsothermLevels', { ...LEVELS, min: 0 }, CAPS, '1.2');
  });

  it('a method newer than the version is kind "version"; an unknown method is refused', () => {
    assert.throws(
      () => validateParams('addGroup', GROUP, CAPS, '1.1'),
      (e) => e.kind === 'version' && /addGroup needs API version 1\.2/.test(e.message),
    );
    assert.throws(
      () => validateParams('deleteEverything', {}),
      (e) => e.kind === 'validation' && /unknown method "deleteEverything"/.test(e.message),
    );
    assert.throws(
      () => validateParams('addArea', [1, 2]),
      (e) => e.kind === 'validation' && /params must be an object/.test(e.message),
    );
  });

  it('without capabilities, checks the fixed limits only', () => {
    // null: no capabilities (undefined would take the helpers' default)
    accepts('addArea', { ...AREA, delay: 10000, name: 'x'.repeat(200) }, null);
    refuses('addArea', { ...AREA, delay: -1 }, 'delay', 'addArea: "delay" must be a whole number of at least 0 (got -1)', null);
    refuses('addArea', { ...AREA, vertices: SQUARE.slice(0, 2) }, 'vertices', 'addArea: "vertices" must have 3 to 100 points (got 2)', null);
  });

  it('without capabilities, a hostile vertex list is refused by its count before the crossing check', () => {
    // 20000 points on a circle: the O(n^2) crossing check would block the event loop for seconds.
    const many = Array.from({ length: 20000 }, (_, i) => [Math.cos((2 * Math.PI * i) / 20000) * 0.9, Math.sin((2 * Math.PI * i) / 20000) * 0.9]);
    refuses('addArea', { ...AREA, vertices: many }, 'vertices', 'addArea: "vertices" must have 3 to 100 points (got 20000)', null);
  });
});
