'use strict';
// Tolerant reading: both spellings of the reference and of cameras in the
// field, booleans and numbers as strings, give exactly the MethodResults shapes.
const assert = require('node:assert/strict');
const { ThermometryClient, normalizeResult } = require('../../dist/client');
const { PASSWORD, digestGuard, sendJson, startFakeCamera } = require('./support');

const AREA = {
  id: 0,
  imagesource: 0,
  enabled: true,
  name: 'Area 1',
  detectionType: 'below',
  measurement: 'minimum',
  threshold: 100,
  delay: 5,
  vertices: [
    [-0.5, -0.5],
    [0.5, -0.5],
    [0.5, 0.5],
    [-0.5, 0.5],
  ],
  areaOverlay: 'if_triggered',
  temperatureOverlay: true,
  presetNbr: 1,
};

describe('client: tolerant reading of replies', () => {
  it('listAreas: the reference example (imageSource, position, "if triggered") and the syntax read the same', () => {
    const example = normalizeResult('listAreas', {
      areaList: [
        {
          id: 0,
          imageSource: 0,
          enabled: true,
          name: 'Area 1',
          detectionType: 'below',
          measurement: 'minimum',
          threshold: 100,
          delay: 5,
          position: [
            [-0.5, -0.5],
            [0.5, -0.5],
            [0.5, 0.5],
            [-0.5, 0.5],
          ],
          areaOverlay: 'if triggered',
          temperatureOverlay: true,
          presetNbr: 1,
        },
      ],
    });
    const syntax = normalizeResult('listAreas', { areaList: [{ ...AREA, vertices: undefined, position: AREA.vertices }] });
    assert.deepEqual(example, { areaList: [AREA] });
    assert.deepEqual(syntax, { areaList: [AREA] });
  });

  it('listAreas: "arealist" as cameras in the field answer, with strings for booleans and numbers', () => {
    const res = normalizeResult('listAreas', {
      arealist: [
        {
          id: '0',
          imagesource: '0',
          enabled: 'true',
          name: 'Area 1',
          detectionType: 'below',
          measurement: 'minimum',
          threshold: '100',
          delay: '5',
          vertices: [
            ['-0.5', '-0.5'],
            ['0.5', '-0.5'],
            ['0.5', '0.5'],
            ['-0.5', '0.5'],
          ],
          areaOverlay: 'if_triggered',
          temperatureOverlay: '1',
          presetNbr: '1',
        },
      ],
    });
    assert.deepEqual(res, { areaList: [AREA] });
  });

  it('getAreaStatus: minPos/maxPos (example) and minCoordinates/maxCoordinates (syntax), floats kept', () => {
    const want = { areaList: [{ id: 0, avg: 5.5, min: 0, max: 10, minCoordinates: [-0.63, -0.31], maxCoordinates: [0.91, 0.12], triggered: true }] };
    assert.deepEqual(
      normalizeResult('getAreaStatus', { areaList: [{ id: 0, avg: 5.5, min: 0, max: 10, maxPos: [0.91, 0.12], minPos: [-0.63, -0.31], triggered: true }] }),
      want,
    );
    assert.deepEqual(
      normalizeResult('getAreaStatus', {
        arealist: [{ id: '0', avg: '5.5', min: 0, max: '10', maxCoordinates: [0.91, 0.12], minCoordinates: [-0.63, -0.31], triggered: 'true' }],
      }),
      want,
    );
    assert.deepEqual(normalizeResult('getAreaStatus', {}), { areaList: [] });
  });

  it('listGroups and getGroupStatus: grouplist (reference) and groupList', () => {
    const group = { id: 2, enabled: true, name: 'Group 2', measurement: 'minimum', threshold: 10, delay: 5, areaIds: [2, 3], groupOverlay: true, presetNbr: 0 };
    assert.deepEqual(normalizeResult('listGroups', { grouplist: [group] }), { groupList: [group] });
    assert.deepEqual(normalizeResult('listGroups', { groupList: [{ ...group, enabled: 'true', threshold: '10', areaIds: ['2', '3'] }] }), {
      groupList: [group],
    });
    const status = normalizeResult('getGroupStatus', {
      grouplist: [
        {
          id: 2,
          triggered: true,
          details: {
            name: 'Group1',
            currentDeviation: 10.0,
            memberAreas: [
              { areaId: 1, areaName: 'Area1' },
              { areaId: 3, areaName: 'Area3' },
            ],
            maxDeviationAreas: [
              { maxAreaId: 1, maxAreaTemp: 25.3 },
              { minAreaId: 3, minAreaTemp: 15.3 },
            ],
          },
        },
      ],
    });
    assert.deepEqual(status, {
      groupList: [
        {
          id: 2,
          triggered: true,
          details: {
            name: 'Group1',
            currentDeviation: 10,
            memberAreas: [
              { areaId: 1, areaName: 'Area1' },
              { areaId: 3, areaName: 'Area3' },
            ],
            maxDeviationAreas: [
              { maxAreaId: 1, maxAreaTemp: 25.3 },
              { minAreaId: 3, minAreaTemp: 15.3 },
            ],
          },
        },
      ],
    });
    // "details" may be empty (reference: dynamic content)
    assert.deepEqual(normalizeResult('getGroupStatus', { groupList: [{ id: 1, triggered: false, details: {} }] }), {
      groupList: [{ id: 1, triggered: false, details: { name: '', currentDeviation: 0, memberAreas: [], maxDeviationAreas: [] } }],
    });
  });

  it('capabilities, isotherms, spot, guard tour, ids: numbers and booleans as strings', () => {
    assert.deepEqual(
      normalizeResult('getConfigurationCapabilities', {
        currentTemperatureScale: 'Fahrenheit',
        minTemperature: '-40',
        maxTemperature: '662',
        maxNumberOfAreas: '10',
        maxNumberOfVertices: '10',
        maxDelayTime: '300',
        defaultDelayTime: '5',
        maxNameLength: '60',
      }),
      {
        currentTemperatureScale: 'fahrenheit',
        minTemperature: -40,
        maxTemperature: 662,
        maxNumberOfAreas: 10,
        maxNumberOfVertices: 10,
        maxDelayTime: 300,
        defaultDelayTime: 5,
        maxNameLength: 60,
      },
    );
    assert.deepEqual(normalizeResult('getIsothermLevels', { high: '100', middle: 50, low: 10, renderOverlay: 'false' }), {
      high: 100,
      middle: 50,
      low: 10,
      renderOverlay: false,
    });
    assert.deepEqual(normalizeResult('getSpotTemperature', { spotTemperature: '7', spotCoordinates: ['-0.53', 0.45], renderOverlay: 'yes' }), {
      spotTemperature: 7,
      spotCoordinates: [-0.53, 0.45],
      renderOverlay: true,
    });
    assert.deepEqual(normalizeResult('getTgtConfiguration', { pauseOnAlarm: 'true', autoResume: 0 }), { pauseOnAlarm: true, autoResume: false });
    assert.deepEqual(normalizeResult('addArea', { id: '3' }), { id: 3 });
    assert.deepEqual(normalizeResult('addGroup', { id: 1, enabled: 'false' }), { id: 1, enabled: false });
    assert.deepEqual(normalizeResult('updateGroup', { enabled: true }), { enabled: true });
    assert.deepEqual(normalizeResult('getSupportedVersions', { apiVersions: ['1.2', 1.1] }), { apiVersions: ['1.2', '1.1'] });
    assert.deepEqual(normalizeResult('removeAreas', undefined), {});
  });

  it('data that is not an object is kind "protocol"', () => {
    assert.throws(
      () => normalizeResult('listAreas', 'oops', '127.0.0.1:80'),
      (e) => e.kind === 'protocol' && /listAreas/.test(e.message),
    );
  });

  it('through the client: a camera answering in the field spelling gives the normalized shape', async () => {
    const cam = await startFakeCamera({
      guard: digestGuard(),
      handler: (rpc, req, res) => {
        if (rpc.method !== 'listAreas') return false;
        return sendJson(res, 200, {
          apiVersion: '1.2',
          method: 'listAreas',
          data: {
            arealist: [
              { ...AREA, imagesource: undefined, imageSource: 0, vertices: undefined, position: AREA.vertices, areaOverlay: 'if triggered', enabled: 'true' },
            ],
          },
        });
      },
    });
    const client = new ThermometryClient({ host: '127.0.0.1', port: cam.port, username: 'root', password: PASSWORD });
    const res = await client.listAreas();
    client.close();
    await cam.stop();
    assert.deepEqual(res, { areaList: [AREA] });
  });
});
