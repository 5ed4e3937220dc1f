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
 *
 * With MQTT set (./mqtt.ts), each poll sends the topic tree's messages for
 * `mqtt out` instead (states retained, online, Home Assistant discovery); an
 * input message republishes every state, or is a command when its topic is
 * `<prefix>/<camera>/area/<id>/set`.
 */
import { attachCamera, callCamera, messageCamera, planCall, successText, showError, attachError, finishWithError, logLast, putOnMsg, type OperationNodeSpec } from '../shared/operation-node';
import { toNodeError, ThermometryNodeError } from '../shared/errors';
import type { DoneFunction, Node, NodeAPI, NodeDef, NodeMessage, SendFunction } from '../shared/red';
import { statusChanged } from './changes';
import { NODE_SPECS } from '../shared/node-specs';
import { FixedRate } from '../shared/fixed-rate';
import { cameraScope } from '../shared/plant';
import { plantMqttProblem } from '../shared/camera-scope';
import { PlantPoller } from './plant-poller';
import { changeStep, pollIntervalMs } from './settings';
import { mqttSettings, MqttSettingError } from '../shared/mqtt-topics';
import { StatusMqtt, toNodeMessage } from './mqtt';
import { t } from '../shared/i18n';
import * as english from './locales/en-US/thermometry-status.json';

const SPEC: OperationNodeSpec = NODE_SPECS['thermometry-status'];

export = function register(RED: NodeAPI): void {
  function ThermometryStatusNode(this: Node, def: NodeDef) {
    RED.nodes.createNode(this, def);
    const node = this;
    const plantMqtt = plantMqttProblem(def.cameraScope, def.mqtt);
    if (plantMqtt) {
      node.status({ fill: 'red', shape: 'ring', text: 'MQTT needs one camera per node' });
      node.error(plantMqtt);
      node.on('input', (_msg: NodeMessage, _send: SendFunction, done: DoneFunction) => done(new Error(plantMqtt)));
      return;
    }
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

    let mqtt: StatusMqtt | undefined;
    let settingsError: Error | undefined;
    try {
      const settings = mqttSettings(def);
      // Also for a camera that cannot be used yet (no credentials, bad settings): its online topic says why.
      if (settings.format !== 'off' && camera) {
        const method = planCall(SPEC, def, {}).method;
        mqtt = new StatusMqtt(RED, camera, settings, method);
      }
    } catch (err) {
      settingsError = err instanceof MqttSettingError || err instanceof ThermometryNodeError ? err : new Error(String(err));
      const text = settingsError.message;
      node.status({ fill: 'red', shape: 'ring', text: text.length > 72 ? `${text.slice(0, 71)}…` : text });
      node.error(text);
    }

    /** One MQTT read: its messages sent at once (one batch on the output), the status ring set, a failure said once. */
    async function mqttRead(all: boolean): Promise<ThermometryNodeError | undefined> {
      const { messages, error } = await mqtt!.poll({ onlyChanges, step, all });
      if (closed) return error;
      if (messages.length) node.send([messages.map((m) => toNodeMessage(m, camera!.camera))]);
      if (error) showError(node, error);
      else node.status({ fill: 'green', shape: 'dot', text: t(RED, 'thermometry-status.status.published', { count: messages.length, time: new Date().toLocaleTimeString() }, english) });
      return error;
    }

    /** Read, and tell whether the msg is to be sent. Throws ThermometryNodeError. */
    async function read(msg: NodeMessage): Promise<boolean> {
      const planned = planCall(SPEC, def, msg);
      try {
        const outcome = await callCamera(RED, messageCamera(RED, camera, msg), planned.method, planned.params, planned.context);
        putOnMsg(msg, { payload: outcome.payload, thermometry: outcome.thermometry }, planned.method);
        if (!closed) node.status({ fill: 'green', shape: 'dot', text: successText(RED, outcome, planned.params) });
        // Every reading is sent: nothing to compare, nothing to keep.
        if (!onlyChanges) return true;
        const list = Array.isArray(outcome.payload) ? outcome.payload : [];
        if (statusChanged(lastSent.get(planned.method), list, step)) {
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
      if (settingsError) {
        done(settingsError);
        return;
      }
      if (mqtt) {
        const m = mqtt;
        const work = m.isCommand(msg)
          ? m.command(msg).then((answer) => {
            if (!answer) return undefined;
            send(answer.reply);
            return answer.error;
          })
          : mqttRead(true);
        work.then((err) => done(err), (err: unknown) => done(err instanceof Error ? err : new Error(String(err))));
        return;
      }
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

    function poll(): Promise<void> {
      if (mqtt) {
        return mqttRead(false)
          .then((err) => {
            if (closed) return;
            if (!err) lastPollError = undefined;
            else if (err.message !== lastPollError) {
              lastPollError = err.message;
              node.error(err, { topic: def.topic || undefined, thermometry: { camera: camera?.camera, error: { ...err.info } } });
            }
          }, (err: unknown) => node.error(err));
      }
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
        })
        .catch((err: unknown) => logLast(node, err));
    }

    if (intervalMs > 0 && camera && !settingsError) {
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
