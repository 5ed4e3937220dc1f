'use strict';
// Flow files (the starter flow, examples/*.json) made ready for a real
// Node-RED and checked through what a person watches: the debug sidebar and the
// node statuses, both read from the editor's own channel (the /comms
// WebSocket), so nothing of the flow is swapped for test nodes.
const WebSocket = require('ws');

// Node types every Node-RED has that are not nodes of a palette.
const STRUCTURE = new Set(['tab', 'subflow', 'group', 'junction']);

/** The flow's node types that Node-RED has not registered (e.g. a dashboard's, when it is not installed). */
function missingTypes(flow, registered) {
  const subflows = new Set(flow.filter((n) => n.type === 'subflow').map((n) => `subflow:${n.id}`));
  return [...new Set(flow.map((n) => n.type))].filter((t) => !STRUCTURE.has(t) && !subflows.has(t) && !registered.has(t));
}

/** The flow without nodes of the given types and the wires into them. */
function without(flow, types) {
  const gone = new Set(flow.filter((n) => types.includes(n.type)).map((n) => n.id));
  return flow.filter((n) => !gone.has(n.id)).map((n) => (n.wires ? { ...n, wires: n.wires.map((out) => out.filter((id) => !gone.has(id))) } : n));
}

/**
 * The flow as the editor would deploy it after an import: on a tab of its own
 * when it has none, every camera pointed at the emulator with its credentials
 * (as the camera form sends them), every debug node showing the whole message.
 */
function deployable(flow, emulatorPort) {
  const hasTab = flow.some((n) => n.type === 'tab');
  const tab = { id: 'f1e5000000000001', type: 'tab', label: 'Node-RED 5 test' };
  const nodes = flow.map((n) => {
    const node = JSON.parse(JSON.stringify(n));
    if (!hasTab && node.z === undefined && node.x !== undefined) node.z = tab.id; // config nodes have no x and stay global
    if (node.type === 'thermometry-camera') {
      Object.assign(node, { host: '127.0.0.1', port: String(emulatorPort), protocol: 'http', credentials: { username: 'root', password: 'pass' } });
    }
    if (node.type === 'debug') Object.assign(node, { active: true, tosidebar: true, complete: 'true', targetType: 'full' });
    return node;
  });
  return hasTab ? nodes : [tab, ...nodes];
}

/**
 * The editor's channel to Node-RED: { debug: [{ id, msg }], status: Map(id -> last status),
 * statusLog: [{ id, status }], close() }.
 * Resolves once subscribed to the debug messages and node statuses.
 */
function openComms(port) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/comms`, { perMessageDeflate: false });
    const comms = { debug: [], status: new Map(), statusLog: [], close: () => ws.terminate() };
    ws.on('error', reject);
    ws.on('message', (data) => {
      let frames;
      try {
        frames = JSON.parse(data.toString());
      } catch {
        return;
      }
      for (const { topic, data: d } of Array.isArray(frames) ? frames : [frames]) {
        if (topic === 'debug' && d && d.id) {
          let msg;
          try {
            msg = JSON.parse(d.msg);
          } catch {
            msg = d.msg;
          }
          comms.debug.push({ id: d.id, msg });
        } else if (typeof topic === 'string' && topic.startsWith('status/')) {
          comms.status.set(topic.slice('status/'.length), d || {});
          comms.statusLog.push({ id: topic.slice('status/'.length), status: d || {} });
        }
      }
    });
    ws.on('open', () => {
      ws.send(JSON.stringify({ subscribe: 'debug' }));
      ws.send(JSON.stringify({ subscribe: 'status/#' }));
      resolve(comms);
    });
  });
}

module.exports = { missingTypes, without, deployable, openComms };
