/**
 * Node `thermometry-event`: the camera's thermometry events as messages, within
 * milliseconds, through restarts and network trouble (src/client/events does
 * the connection; this node turns its events and status into messages and a
 * status ring). No input: the node is a source.
 *
 * Every event node on one camera shares one socket (the EventStream hub keyed
 * on the camera's client). On 'close' the stream is closed: the last one on a
 * camera takes the socket and its timers with it.
 *
 * With cameraScope 'all' (or 'chosen' with cameraSet) one node follows every
 * camera deployed (or those chosen): ./plant-events.ts.
 *
 * With MQTT set, each event goes out on the topic tree instead (./mqtt.ts):
 * alarms as retained states on `<prefix>/<camera>/area/<id>/alarm`, ready
 * for `mqtt out`.
 */
import { EventStream, type StreamStatus } from '../../client/events';
import { cameraOf, credentialsError, logLast } from '../shared/operation-node';
import { plainReason, shortReason, ThermometryNodeError } from '../shared/errors';
import type { Node, NodeAPI, NodeDef, NodeMessage } from '../shared/red';
import { t } from '../shared/i18n';
import * as english from './locales/en-US/thermometry-event.json';
import { parseIds, pollIntervalMs, selectedEvents, toMessage } from './settings';
import { PlantEvents, type StreamSettings } from './plant-events';
import { cameraScope } from '../shared/plant';
import { plantMqttProblem } from '../shared/camera-scope';
import type { CameraConfigNode } from '../shared/camera-api';
import { mqttSettings } from '../shared/mqtt-topics';
import { EventMqtt } from './mqtt';

/** This node's messages; English from its own catalogue where RED._ has none loaded (test helper). */
function say(RED: NodeAPI, key: string, values: Record<string, unknown> = {}): string {
  return t(RED, `thermometry-event.${key}`, values, english);
}

/** The stream settings from the form; throws naming the setting that is unusable. */
function streamSettings(RED: NodeAPI, def: NodeDef): StreamSettings {
  const events = selectedEvents(def);
  if (events.length === 0) throw new Error(say(RED, 'error.noEvents'));
  return {
    events,
    areaIds: parseIds(def.areaIds, 'area ids'),
    groupIds: parseIds(def.groupIds, 'group ids'),
    changesOnly: def.output !== 'all',
    mode: def.mode === 'polling' || def.mode === 'websocket' ? def.mode : 'auto',
    pollIntervalMs: pollIntervalMs(def.pollInterval),
  };
}

/** Why a camera cannot be followed, in the words of its status; undefined when it can. */
function unusable(RED: NodeAPI, camera: CameraConfigNode): string | undefined {
  if (!camera.client) return t(RED, 'thermometry.error.config', { reason: camera.configError ?? '' });
  if (!camera.hasCredentials) return shortReason(credentialsError(camera));
  return undefined;
}

export = function register(RED: NodeAPI): void {
  function ThermometryEventNode(this: Node, def: NodeDef) {
    RED.nodes.createNode(this, def);
    const node = this;
    const plantMqtt = plantMqttProblem(def.cameraScope, def.mqtt);
    if (plantMqtt) {
      node.status({ fill: 'red', shape: 'ring', text: 'MQTT needs one camera per node' });
      node.error(plantMqtt);
      return;
    }
    if (cameraScope(def) !== 'camera') {
      let plant: PlantEvents | undefined;
      try {
        plant = new PlantEvents(RED, node, def, streamSettings(RED, def), (c) => unusable(RED, c));
      } catch (err) {
        node.status({ fill: 'red', shape: 'ring', text: (err as Error).message });
        node.error((err as Error).message);
      }
      node.on('close', (_removed: boolean, done: () => void) => {
        (plant ? plant.close() : Promise.resolve()).then(() => done(), () => done());
      });
      return;
    }
    const camera = cameraOf(RED, def);
    let stream: EventStream | undefined;
    let closed = false;

    const msg = (key: string, values?: Record<string, unknown>) => say(RED, key, values);
    // The same words as every node's status (the shared catalogue's thermometry.failure.*).
    const words = (failure: NonNullable<StreamStatus['failure']>) =>
      plainReason({ kind: 'network', reason: failure.reason, camera: camera?.camera, status: failure.status, code: failure.code, cause: failure.cause }, RED);

    function showStatus(status: StreamStatus): void {
      if (closed) return;
      switch (status.state) {
        case 'connecting':
          node.status({ fill: 'yellow', shape: 'ring', text: msg('status.connecting') });
          break;
        case 'connected':
          node.status({ fill: 'green', shape: 'dot', text: msg('status.connected') });
          break;
        case 'reconnecting':
          // The reason first: "reconnecting (attempt 4)" alone leaves the user guessing.
          node.status({ fill: 'yellow', shape: 'ring', text: status.failure ? msg('status.retrying', { reason: words(status.failure), attempt: status.attempt ?? 1 }) : msg('status.reconnecting', { attempt: status.attempt ?? 1 }) });
          break;
        case 'error':
          node.status({ fill: 'red', shape: 'ring', text: msg('status.error', { reason: status.failure ? words(status.failure) : '', attempt: status.attempt ?? 1 }) });
          break;
        case 'polling':
          node.status({ fill: 'blue', shape: 'dot', text: msg('status.polling') });
          break;
        default:
          node.status({});
      }
    }

    try {
      if (!camera) throw new Error(t(RED, 'thermometry.error.noCamera'));
      if (!camera.client) throw new Error(t(RED, 'thermometry.error.config', { reason: camera.configError ?? '' }));
      if (!camera.hasCredentials) throw credentialsError(camera);
      const settings = streamSettings(RED, def);
      const mqttSet = mqttSettings(def);
      const mqtt = mqttSet.format === 'off' ? undefined : new EventMqtt(camera, mqttSet, (m) => {
        if (!closed) node.send(m);
      });
      camera.register(node);
      stream = new EventStream({
        ...settings,
        client: camera.client,
        onEvent: (ev) => {
          if (closed) return;
          let message: NodeMessage | undefined;
          try {
            if (mqtt) {
              mqtt.event(ev);
            } else {
              message = toMessage(ev, camera.camera, camera.label);
              node.send(message);
            }
          } catch (err) {
            // With the msg, so that a Catch node hears it; a msg Node-RED cannot copy still reaches the log.
            const text = `${say(RED, 'error.event', { topic: ev.topic })}: ${err instanceof Error ? err.message : String(err)}`;
            try {
              if (message) node.error(text, { topic: message.topic, thermometry: message.thermometry, _msgid: message._msgid });
              else node.error(text);
            } catch {
              logLast(node, text);
            }
          }
        },
        onStatus: showStatus,
      });
    } catch (err) {
      const reason = (err as Error).message;
      const short = err instanceof ThermometryNodeError ? shortReason(err, RED) : reason;
      node.status({ fill: 'red', shape: 'ring', text: short.length > 72 ? `${short.slice(0, 71)}…` : short });
      node.error(reason);
    }

    node.on('close', (_removed: boolean, done: () => void) => {
      closed = true;
      camera?.deregister(node);
      const closing = stream ? stream.close() : Promise.resolve();
      stream = undefined;
      closing.then(() => done(), () => done());
    });
  }

  RED.nodes.registerType('thermometry-event', ThermometryEventNode);
};
