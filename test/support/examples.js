'use strict';
// The example flows (examples/*.json) as the tests read them: each file is named
// for what it shows (Import > Examples lists file names), so the tests find an
// example by the node it is about here.
const fs = require('fs');
const path = require('path');

const dir = path.join(__dirname, '..', '..', 'examples');

const FILES = {
  'thermometry-area': 'Areas - add, list, update and remove.json',
  'thermometry-group': 'Groups - two areas watched as one.json',
  'thermometry-spot': 'Spot meter - set, read and remove the spot.json',
  'thermometry-status': 'Status - read on demand, or polled sending changes only.json',
  'thermometry-settings': 'Settings - scale, isotherms and guard tour.json',
  'thermometry-event': 'Events - temperature alarms as they happen.json',
  'thermometry-snapshot': 'Snapshot - the alarm with its picture.json',
  'thermometry-setup': 'Setup - back up, restore and copy a camera setup.json',
  dashboard: 'Dashboard - charts, alarm log and the camera picture.json',
  plant: 'Plant - every camera, its alarms and its picture.json',
};

/** The MQTT examples, about a broker rather than one node of ours. */
const MQTT_FILES = {
  edge: 'MQTT edge - the cameras on the broker, for Home Assistant and SCADA.json',
  controlRoom: 'MQTT control room - every camera of every edge on one page.json',
};

/** Every example file's full path, sorted. */
function exampleFiles() {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** The path of the example about node `type` ('dashboard' for the dashboard, 'plant' for the plant page). */
function exampleFile(type) {
  if (!FILES[type]) throw new Error(`no example for ${type}`);
  return path.join(dir, FILES[type]);
}

/** An example's nodes as in its file, its tab included. */
function exampleFlow(type) {
  return JSON.parse(fs.readFileSync(exampleFile(type), 'utf8'));
}

/** An example's nodes without its tab and the tab's z (for tests that place them on a tab of their own). */
function exampleNodes(type) {
  return exampleFlow(type)
    .filter((n) => n.type !== 'tab')
    .map(({ z: _z, ...n }) => n);
}

module.exports = { FILES, MQTT_FILES, exampleFiles, exampleFile, exampleFlow, exampleNodes };
