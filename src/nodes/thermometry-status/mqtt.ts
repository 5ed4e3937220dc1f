/**
 * The status node's MQTT side: one poll of a camera turned into the topic
 * tree's messages (mqtt-topics.ts), and the commands that arrive on
 * `<prefix>/<camera>/area/<id>/set` carried out and answered. The node sends
 * what these return to `mqtt out`; the broker is Node-RED's.
 */
import { callCamera } from '../shared/operation-node';
import { readDeviceInfo } from '../shared/client';
import type { CameraConfigNode } from '../shared/camera-api';
import { plainReason, toNodeError, ThermometryNodeError } from '../shared/errors';
import { CameraPublisher } from '../shared/mqtt-publisher';
import { topics, parseSetTopic, topicLevel, notRetained, type MqttMessage, type MqttSettings, type SubjectKind } from '../shared/mqtt-topics';
import { CommandError, CommandRefusedError, commandReply, parseAreaId, parseCommand, updatedArea } from '../shared/mqtt-commands';
import type { MethodName } from '../../api/methods';
import type { NodeAPI, NodeMessage } from '../shared/red';

/** Area names are read again at least this often, to see areas renamed or removed on the camera. */
const AREA_LIST_EVERY_MS = 60000;
/** The camera's model and serial number are asked again this often while it has not told them. */
const DEVICE_INFO_RETRY_MS = 60000;

export interface MqttPollOptions {
  onlyChanges: boolean;
  step: number;
  /** Every state, whether or not it changed (an input message asks for this: the broker came back). */
  all: boolean;
}

export interface MqttPollOutcome {
  messages: MqttMessage[];
  /** The failure of the status call, when the camera did not answer it. */
  error?: ThermometryNodeError;
}

/** An MqttMessage as the msg `mqtt out` reads (topic, payload, retain, qos), with where it came from. */
export function toNodeMessage(m: MqttMessage, camera: string): NodeMessage {
  return { topic: m.topic, payload: m.payload, retain: m.retain, qos: m.qos, thermometry: { camera } };
}

export class StatusMqtt {
  readonly publisher: CameraPublisher;
  private readonly RED: NodeAPI;
  private readonly camera: CameraConfigNode;
  private readonly method: MethodName;
  private lastListed = 0;
  private deviceAskedAt: number | undefined;

  constructor(RED: NodeAPI, camera: CameraConfigNode, settings: MqttSettings, method: MethodName) {
    this.RED = RED;
    this.camera = camera;
    this.method = method;
    this.publisher = new CameraPublisher(settings, topicLevel(camera.label, camera.camera), camera.label, camera.camera);
  }

  get settings(): MqttSettings {
    return this.publisher.settings;
  }

  /** One poll: the status call, then what the tree needs beside it (names, model and serial, spot), never failing for those. */
  async poll(options: MqttPollOptions): Promise<MqttPollOutcome> {
    const time = Date.now();
    const p = this.publisher;
    let list: Record<string, any>[];
    let unit: string | undefined;
    try {
      const outcome = await callCamera(this.RED, this.camera, this.method, {});
      list = Array.isArray(outcome.payload) ? (outcome.payload as Record<string, any>[]) : [];
      unit = outcome.thermometry.unit;
    } catch (err) {
      const error = err instanceof ThermometryNodeError ? err : toNodeError(err, this.method);
      return { messages: p.onlineMessages(false, time, plainReason(error.info), options.all), error };
    }
    const messages: MqttMessage[] = [];
    await this.deviceInfo(time);
    messages.push(...p.onlineMessages(true, time, undefined, options.all));
    const kind: SubjectKind = this.method === 'getGroupStatus' ? 'group' : 'area';
    if (kind === 'area' && this.settings.format === 'thermometry' && (p.needsAreaNames(list) || options.all || time - this.lastListed >= AREA_LIST_EVERY_MS)) {
      messages.push(...(await this.listAreas(time)));
    }
    messages.push(...p.pollMessages({ kind, list, unit, time }, options));
    if (kind === 'area') messages.push(...p.discoveryMessages(unit, options.all));
    if (this.settings.spot) {
      try {
        const spot = await this.camera.client!.getSpotTemperature({ coordinateSystem: 'coord_neg1_1' });
        messages.push(...p.spotMessages(spot as unknown as Record<string, unknown>, unit, time, options));
      } catch {
        // no spot placed (the camera refuses the read): nothing to publish
      }
    }
    return { messages };
  }

  private async listAreas(time: number): Promise<MqttMessage[]> {
    try {
      const { areaList } = await this.camera.client!.listAreas();
      this.lastListed = time;
      return this.publisher.areasListed(areaList as unknown as Record<string, unknown>[]);
    } catch {
      return []; // names stay as they were; the status call said whether the camera answers
    }
  }

  /** Model, serial and firmware, once (Home Assistant's device, the application format's serial level). */
  private async deviceInfo(time: number): Promise<void> {
    const p = this.publisher;
    if (p.device?.serialNumber) return;
    if (!this.settings.discovery && this.settings.format !== 'acap') return;
    if (this.deviceAskedAt !== undefined && time - this.deviceAskedAt < DEVICE_INFO_RETRY_MS) return;
    this.deviceAskedAt = time;
    let info;
    try {
      info = await readDeviceInfo(this.camera.client!);
    } catch {
      info = undefined;
    }
    p.device = { label: this.camera.label, address: this.camera.camera, ...(info ?? {}) };
  }

  /** Whether a msg is a command for this node's tree (`<prefix>/<any camera>/<kind>/<id>/set`). */
  isCommand(msg: NodeMessage): boolean {
    return this.settings.format === 'thermometry' && parseSetTopic(this.settings.prefix, msg.topic) !== undefined;
  }

  /**
   * Carry out a command and make its reply. Undefined when it names another
   * camera (another node answers it). The error, when refused or failed, is
   * for done(err): the refusal is logged and a Catch node sees it.
   */
  async command(msg: NodeMessage): Promise<{ reply: NodeMessage; error?: Error } | undefined> {
    const { prefix, commands } = this.settings;
    const target = parseSetTopic(prefix, msg.topic)!;
    if (target.camera !== this.publisher.camera) return undefined;
    const time = Date.now();
    let areaId: number | undefined;
    let reply: Record<string, unknown>;
    let error: Error | undefined;
    try {
      if (commands.length === 0) throw new CommandError('topic', 'commands are off on this node (tick the fields they may change)');
      if (target.kind !== 'area') throw new CommandError('topic', `only areas take commands: ${prefix}/${this.publisher.camera}/area/<id>/set`);
      areaId = parseAreaId(target.id);
      const changes = parseCommand(msg.payload, commands);
      const listed = await callCamera(this.RED, this.camera, 'listAreas', {});
      const area = (Array.isArray(listed.payload) ? (listed.payload as Record<string, unknown>[]) : []).find((a) => a.id === areaId);
      if (!area) throw new CommandError('area id', `the camera has no area ${areaId}`);
      await callCamera(this.RED, this.camera, 'updateArea', updatedArea(area, changes));
      reply = commandReply(areaId, time, { applied: changes });
    } catch (err) {
      if (err instanceof CommandError) {
        error = new CommandRefusedError(String(msg.topic), err);
        reply = commandReply(areaId, time, { error: err.message, field: err.field });
      } else {
        const nodeErr = err instanceof ThermometryNodeError ? err : toNodeError(err);
        error = nodeErr;
        reply = commandReply(areaId, time, { error: nodeErr.message, field: nodeErr.info.field, code: nodeErr.code });
      }
    }
    const responseTopic = typeof msg.responseTopic === 'string' && msg.responseTopic && !/[+#]/.test(msg.responseTopic) ? msg.responseTopic : undefined;
    const out = toNodeMessage(notRetained(responseTopic ?? topics.reply(prefix, this.publisher.camera, target.kind, target.id), reply), this.camera.camera);
    // MQTT 5: the asker matches the answer by its correlation data.
    if (msg.correlationData !== undefined) out.correlationData = msg.correlationData;
    return { reply: out, error };
  }
}
