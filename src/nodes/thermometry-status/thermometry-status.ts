/**
 * Node `thermometry-status`: area status (getAreaStatus) or group status
 * (getGroupStatus), read on each input message and/or polled at the interval
 * set in the editor, optionally sent only when something changed.
 *
 * Polling runs on a fixed rate (src/nodes/shared/fixed-rate.ts): a tick whose
 * previous read is still running is skipped, so a slow camera is never asked
 * twice at once and the rate set is kept; it stops on 'close'.
 *
 * With cameraScope 'all' (or 'chosen' with cameraSet) the node polls every
 * camera deployed (or those chosen), spread over the interval, one message per
 * camera (msg.camera, msg.topic thermometry/<camera>/area-status), and its
 * status sums up: "28/30 connected, 2 alarms" (./plant-poller.ts).
 */
import { attachCamera, callCamera, messageCamera, planCall, successText, showError, attachError, type OperationNodeSpec } from '../shared/operation-node';
import { toNodeError, ThermometryNodeError } from '../shared/errors';
import type { DoneFunction, Node, NodeAPI, NodeDef, NodeMessage, SendFunction } from '../shared/red';
import { statusChanged } from './changes';
import { NODE_SPECS } from '../shared/node-specs';
import { FixedRate } from '../shared/fixed-rate';
import { cameraScope } from '../shared/plant';
import { PlantPoller } from './plant-poller';
import { changeStep, pollIntervalMs } from './settings';

const SPEC: OperationNodeSpec = NODE_SPECS['thermometry-status'];

export = function register(RED: NodeAPI): void {
  function ThermometryStatusNode(this: Node, def: NodeDef) {
    RED.nodes.createNode(this, def);
    const node = this;
    if (cameraScope(def) !== 'camera') {
      const plant = new PlantPoller(RED, node, def, SPEC);
      node.on('close', (_removed: boolean, done: () => void) => {
        plant.close();
        done();
      });
      return;
    }
    const camera = attachCamera(RED, node, def);

    const onlyChanges = def.onlyChanges === true || def.onlyChanges === 'true';
    const step = changeStep(def.step);
    const intervalMs = pollIntervalMs(def.interval);
    // Last list sent, per method (area and group readings are compared separately).
    const lastSent = new Map<string, unknown[]>();
    let closed = false;
    let ticker: FixedRate | undefined;
    let lastPollError: string | undefined;

    /** Read, and tell whether the msg is to be sent. Throws ThermometryNodeError. */
    async function read(msg: NodeMessage): Promise<boolean> {
      const planned = planCall(SPEC, def, msg);
      try {
        const outcome = await callCamera(RED, messageCamera(RED, camera, msg), planned.method, planned.params, planned.context);
        msg.payload = outcome.payload;
        msg.thermometry = outcome.thermometry;
        if (!closed) node.status({ fill: 'green', shape: 'dot', text: successText(RED, outcome, planned.params) });
        const list = Array.isArray(outcome.payload) ? outcome.payload : [];
        const changed = statusChanged(lastSent.get(planned.method), list, step);
        if (!onlyChanges || changed) {
          // A copy: the list sent is the flow's to change, and a change there is no change at the camera.
          lastSent.set(planned.method, structuredClone(list));
          return true;
        }
        return false;
      } catch (err) {
        // Name the method, as the other nodes do, also for a msg that cannot take the reply (frozen upstream).
        throw err instanceof ThermometryNodeError ? err : toNodeError(err, planned.method);
      }
    }

    node.on('input', (msg: NodeMessage, send: SendFunction, done: DoneFunction) => {
      read(msg)
        .then((sendIt) => {
          if (sendIt) send(msg);
          done();
        })
        .catch((err: unknown) => {
          const nodeErr = err instanceof ThermometryNodeError ? err : toNodeError(err);
          attachError(msg, nodeErr);
          showError(node, nodeErr);
          done(nodeErr);
        });
    });

    function poll(): Promise<void> {
      const msg: NodeMessage = { topic: def.topic || undefined };
      if (!msg.topic) delete msg.topic;
      return read(msg)
        .then((sendIt) => {
          lastPollError = undefined;
          if (sendIt && !closed) node.send(msg);
        })
        .catch((err: unknown) => {
          if (closed) return;
          const nodeErr = err instanceof ThermometryNodeError ? err : toNodeError(err);
          showError(node, nodeErr);
          // Report a failing poll once, not at every tick, until it succeeds or fails differently.
          if (nodeErr.message !== lastPollError) {
            lastPollError = nodeErr.message;
            attachError(msg, nodeErr);
            node.error(nodeErr, msg);
          }
        });
    }

    if (intervalMs > 0 && camera) {
      // The first poll one interval after deploy, then on that rate.
      ticker = new FixedRate(intervalMs, poll, intervalMs);
      ticker.start();
    }

    node.on('close', (_removed: boolean, done: () => void) => {
      closed = true;
      ticker?.stop();
      camera?.deregister(node);
      done();
    });
  }
  RED.nodes.registerType('thermometry-status', ThermometryStatusNode);
};
