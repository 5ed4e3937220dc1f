/**
 * Node `thermometry-status`: area status (getAreaStatus) or group status
 * (getGroupStatus), read on each input message and/or polled at the interval
 * set in the editor, optionally sent only when something changed.
 *
 * Polling re-arms its timer only after the previous read finished (a slow
 * camera is never asked twice at once) and stops on 'close'.
 */
import { attachCamera, callCamera, planCall, successText, showError, attachError, finishWithError, logLast, putOnMsg, type OperationNodeSpec } from '../shared/operation-node';
import { toNodeError, ThermometryNodeError } from '../shared/errors';
import type { DoneFunction, Node, NodeAPI, NodeDef, NodeMessage, SendFunction } from '../shared/red';
import { statusChanged } from './changes';
import { NODE_SPECS } from '../shared/node-specs';
import { changeStep, intervalSeconds, pollDelayMs } from './settings';

const SPEC: OperationNodeSpec = NODE_SPECS['thermometry-status'];

export = function register(RED: NodeAPI): void {
  function ThermometryStatusNode(this: Node, def: NodeDef) {
    RED.nodes.createNode(this, def);
    const node = this;
    const camera = attachCamera(RED, node, def);

    const onlyChanges = def.onlyChanges === true || def.onlyChanges === 'true';
    const step = changeStep(def.step);
    const intervalS = intervalSeconds(def.interval);
    // Last list sent, per method (area and group readings are compared separately).
    const lastSent = new Map<string, unknown[]>();
    let closed = false;
    let timer: NodeJS.Timeout | undefined;
    let lastPollError: string | undefined;

    /** Read, and tell whether the msg is to be sent. Throws ThermometryNodeError. */
    async function read(msg: NodeMessage): Promise<boolean> {
      const planned = planCall(SPEC, def, msg);
      try {
        const outcome = await callCamera(RED, camera, planned.method, planned.params, planned.context);
        putOnMsg(msg, { payload: outcome.payload, thermometry: outcome.thermometry }, planned.method);
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
          finishWithError(node, done, nodeErr, msg);
        })
        .catch((err: unknown) => logLast(node, err));
    });

    function schedule(): void {
      if (closed) return;
      timer = setTimeout(poll, pollDelayMs(intervalS));
    }

    function poll(): void {
      timer = undefined;
      const msg: NodeMessage = { topic: def.topic || undefined };
      if (!msg.topic) delete msg.topic;
      read(msg)
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
        })
        .catch((err: unknown) => logLast(node, err))
        .finally(schedule);
    }

    if (intervalS > 0 && camera) schedule();

    node.on('close', (_removed: boolean, done: () => void) => {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      camera?.deregister(node);
      done();
    });
  }
  RED.nodes.registerType('thermometry-status', ThermometryStatusNode);
};
