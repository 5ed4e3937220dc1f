/**
 * The event node's MQTT side: each event as the topic tree's message
 * (mqtt-topics.ts), or as the Thermometry MQTT application's
 * temperature/event/<serial>. The application format names the camera by its
 * serial number: events that come before the camera told it wait (a few
 * hundred at most), then go in order.
 */
import type { ThermometryEvent } from '../../client/events';
import type { CameraConfigNode } from '../shared/camera-api';
import { readDeviceInfo } from '../shared/client';
import { acapEventMessage, eventMessage, topicLevel, type MqttMessage, type MqttSettings } from '../shared/mqtt-topics';
import type { NodeMessage } from '../shared/red';

/** Events held while the serial number is asked (a camera's burst of initial states fits). */
const MAX_WAITING = 500;

export class EventMqtt {
  private readonly camera: CameraConfigNode;
  private readonly settings: MqttSettings;
  private readonly level: string;
  private readonly send: (msg: NodeMessage) => void;
  private serial: string | undefined;
  private waiting: ThermometryEvent[] | undefined;

  constructor(camera: CameraConfigNode, settings: MqttSettings, send: (msg: NodeMessage) => void) {
    this.camera = camera;
    this.settings = settings;
    this.send = send;
    this.level = topicLevel(camera.label, camera.camera);
    if (settings.format === 'acap') this.askSerial();
  }

  private askSerial(): void {
    this.waiting = [];
    readDeviceInfo(this.camera.client!)
      .catch(() => undefined)
      .then((info) => {
        this.serial = topicLevel(info?.serialNumber, this.level);
        const waiting = this.waiting ?? [];
        this.waiting = undefined;
        for (const ev of waiting) this.event(ev);
      });
  }

  event(ev: ThermometryEvent): void {
    if (this.waiting) {
      if (this.waiting.length < MAX_WAITING) this.waiting.push(ev);
      return;
    }
    const m: MqttMessage | undefined = this.settings.format === 'acap'
      ? acapEventMessage(this.serial ?? this.level, ev)
      : eventMessage(this.settings.prefix, this.level, ev);
    if (!m) return;
    this.send({
      topic: m.topic,
      payload: m.payload,
      retain: m.retain,
      qos: m.qos,
      event: ev.event,
      thermometry: { camera: this.camera.camera, event: ev.event, stateful: ev.stateful, via: ev.via, initial: ev.initial === true },
    });
  }
}
