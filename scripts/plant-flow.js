'use strict';
/*
 * The plant tab of npm run start:plant: N camera config nodes on the fleet of
 * emulated cameras (ports firstPort..firstPort+N-1), one status node and one
 * event node for every camera, each wired to a debug node. Kept apart from
 * start.js so the tests build the same flow.
 */

const PLANT_TAB = 'plant-tab';
const PLANT_CAMERA_PREFIX = 'plant-camera-';
/** The one sign-in every plant camera uses (change its password once, deploy: all cameras use it). */
const PLANT_SIGN_IN = 'plant-sign-in';
// The emulator's administrator (DEFAULT_USERS of src/emulator/digest-auth.ts).
const PLANT_CREDENTIALS = { username: 'root', password: 'pass' };

function plantCameraId(n) {
  return `${PLANT_CAMERA_PREFIX}${String(n).padStart(2, '0')}`;
}

function plantCameraName(n) {
  return `Camera ${String(n).padStart(2, '0')}`;
}

function plantCamera(n, port) {
  return {
    id: plantCameraId(n),
    type: 'thermometry-camera',
    name: plantCameraName(n),
    host: '127.0.0.1',
    port: String(port),
    protocol: 'http',
    tls: 'verify',
    caPem: '',
    caFile: '',
    apiVersion: 'auto',
    timeout: '10',
    signIn: PLANT_SIGN_IN,
  };
}

/** The plant's sign-in node, without credentials (the caller adds them as the editor sends them). */
function plantSignIn() {
  return { id: PLANT_SIGN_IN, type: 'thermometry-sign-in', name: 'Plant service account', tls: '', caPem: '' };
}

/** The tab and its nodes (the cameras and the sign-in are the caller's: plantCamera, plantSignIn). */
function plantFlow({ count, firstPort, editorPort }) {
  const z = PLANT_TAB;
  const nodes = [
    {
      id: PLANT_TAB,
      type: 'tab',
      label: 'Plant',
      disabled: false,
      info: `npm run start:plant: ${count} emulated cameras on 127.0.0.1:${firstPort}-${firstPort + count - 1}, one status node and one event node for all of them. Editor: http://127.0.0.1:${editorPort}`,
    },
    {
      id: 'plant-comment',
      type: 'comment',
      z,
      name: `A plant of ${count} cameras: one node polls them all, one hears all their alarms`,
      info: "The status node and the event node are set to **every camera**: each message carries the camera's name in msg.camera and a topic thermometry/<camera>/...; the node's status sums up the plant. A camera added to the flow and deployed is picked up.",
      x: 330,
      y: 40,
      wires: [],
    },
    {
      id: 'plant-status',
      type: 'thermometry-status',
      z,
      name: 'Every camera: area status',
      camera: '',
      cameraScope: 'all',
      cameraSet: '',
      operation: 'getAreaStatus',
      interval: '1',
      onlyChanges: true,
      step: '1',
      topic: '',
      presetNbr: '',
      x: 190,
      y: 100,
      wires: [['plant-status-debug']],
    },
    {
      id: 'plant-status-debug',
      type: 'debug',
      z,
      name: 'status per camera',
      active: false,
      tosidebar: true,
      console: false,
      tostatus: false,
      complete: 'true',
      targetType: 'full',
      statusVal: '',
      statusType: 'auto',
      x: 480,
      y: 100,
      wires: [],
    },
    {
      id: 'plant-events',
      type: 'thermometry-event',
      z,
      name: 'Every camera: alarms',
      camera: '',
      cameraScope: 'all',
      cameraSet: '',
      areaAlarm: true,
      anyArea: false,
      anyAreaOnPreset: false,
      information: false,
      groupDeviation: true,
      areaIds: '',
      groupIds: '',
      output: 'changes',
      mode: 'auto',
      pollInterval: '2',
      x: 170,
      y: 160,
      wires: [['plant-events-debug']],
    },
    {
      id: 'plant-events-debug',
      type: 'debug',
      z,
      name: 'alarms (msg.camera, msg.topic)',
      active: true,
      tosidebar: true,
      console: false,
      tostatus: false,
      complete: 'true',
      targetType: 'full',
      statusVal: '',
      statusType: 'auto',
      x: 500,
      y: 160,
      wires: [],
    },
  ];
  return nodes;
}

module.exports = { PLANT_TAB, PLANT_CAMERA_PREFIX, PLANT_SIGN_IN, PLANT_CREDENTIALS, plantSignIn, plantCameraId, plantCameraName, plantCamera, plantFlow };
