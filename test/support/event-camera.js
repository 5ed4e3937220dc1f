'use strict';
// An emulator serving the event stream, and camera events as its alarm engine
// raises them: what the event stream's tests and the event node's tests share.
const { start } = require('../../dist/emulator');
const { attachEventStream } = require('../../dist/emulator/events');

/** { emulator, stream, url, wsBase }: the emulator on a free port with its event stream. */
async function startCamera(options = {}, streamOptions = {}) {
  const emulator = await start({ port: 0, ...options });
  const stream = attachEventStream(emulator, streamOptions);
  return { emulator, stream, url: emulator.url, wsBase: emulator.url.replace(/^http/, 'ws') };
}

const TOPIC = {
  area: 'tns1:VideoSource/tns1:RadiometryAlarm/tnsaxis:TemperatureDetection',
  anyArea: 'tns1:VideoSource/tns1:RadiometryAlarm/tnsaxis:TemperatureDetectionAnyArea',
  anyAreaOnPreset: 'tns1:VideoSource/tns1:RadiometryAlarm/tnsaxis:TemperatureDetectionAnyAreaOnPreset',
  information: 'tns1:VideoSource/tns1:Thermometry/tnsaxis:TemperatureDetection',
  deviation: 'tns1:VideoSource/tns1:RadiometryAlarm/tnsaxis:DeviationDetection',
};

/** Camera events as the scene's alarm engine emits them (CameraEvent, src/api/events.ts). */
const EVENTS = {
  areaOn: (id = 0, extra = {}) => ({
    topic: 'TemperatureDetection',
    stateful: true,
    source: { AreaID: id },
    data: {
      AlarmActive: true,
      AreaName: `Area ${id}`,
      AverageTemp: 61.5,
      MaximumTemp: 80.25,
      MinimumTemp: 40,
      TemperatureUnit: 'Celsius',
      MaxTempPositionX: 0.5,
      MaxTempPositionY: -0.25,
      MinTempPositionX: -0.5,
      MinTempPositionY: 0.75,
      ...extra,
    },
  }),
  areaOff: (id = 0) => ({
    topic: 'TemperatureDetection',
    stateful: true,
    source: { AreaID: id },
    data: {
      AlarmActive: false,
      AreaName: `Area ${id}`,
      AverageTemp: 21.5,
      MaximumTemp: 22,
      MinimumTemp: 21,
      TemperatureUnit: 'Celsius',
      MaxTempPositionX: 0,
      MaxTempPositionY: 0,
      MinTempPositionX: 0,
      MinTempPositionY: 0,
    },
  }),
  anyArea: (active) => ({ topic: 'TemperatureDetectionAnyArea', stateful: true, source: {}, data: { AreaName: 'AnyArea', AlarmActive: active } }),
  anyAreaOnPreset: (preset, active) => ({
    topic: 'TemperatureDetectionAnyAreaOnPreset',
    stateful: true,
    source: { PresetNbr: preset },
    data: { AreaName: 'AnyAreaOnPreset', AlarmActive: active },
  }),
  information: (id = 0) => ({
    topic: 'ThermometryInformation',
    stateful: false,
    source: { AreaID: id },
    data: {
      AreaName: `Area ${id}`,
      AverageTemp: 30.5,
      MaximumTemp: 35,
      MinimumTemp: 25,
      TemperatureUnit: 'Celsius',
      MaxTempPositionX: 0.1,
      MaxTempPositionY: 0.2,
      MinTempPositionX: -0.1,
      MinTempPositionY: -0.2,
    },
  }),
  deviation: (id = 1, active = true) => ({
    topic: 'DeviationDetection',
    stateful: true,
    source: { GroupID: id },
    data: { AlarmActive: active, GroupName: `Group ${id}`, DeltaTemp: 12.5, ThresholdTemp: 10 },
  }),
};

module.exports = { startCamera, TOPIC, EVENTS };
