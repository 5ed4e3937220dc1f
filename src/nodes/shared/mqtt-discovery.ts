/**
 * Home Assistant MQTT discovery configs for a camera's areas: each area as
 * three temperature sensors (max, avg, min, in the camera's unit) and an alarm
 * binary sensor, all under one device per camera (model, serial, firmware as
 * the camera tells them). Their state is the area's retained status topic
 * (mqtt-topics.ts), their availability the camera's online topic, so Home
 * Assistant shows a camera that stopped answering as unavailable.
 *
 * Configs are retained; an empty retained payload on a config topic removes
 * the entity (how Home Assistant's discovery removes one).
 * Pure functions: no Node-RED, no broker.
 */
import { topics, retained, cleared, type MqttMessage } from './mqtt-topics';

export interface DiscoveryDevice {
  /** The camera's name as people read it (the config node's name, else host:port). */
  label: string;
  model?: string;
  serialNumber?: string;
  firmware?: string;
  /** host:port, for the device page's link back to the camera. */
  address?: string;
}

export interface DiscoveryInput {
  discoveryPrefix: string;
  prefix: string;
  /** The camera's topic level (mqtt-topics.topicLevel). */
  camera: string;
  device: DiscoveryDevice;
  /** 'celsius' or 'fahrenheit' (the camera's scale). */
  unit: string;
  areas: readonly { id: number; name?: string }[];
}

const UNIT_SYMBOL: Readonly<Record<string, string>> = { celsius: '°C', fahrenheit: '°F' };
export const READINGS = ['max', 'avg', 'min'] as const;
const READING_WORDS: Readonly<Record<(typeof READINGS)[number], string>> = { max: 'maximum', avg: 'average', min: 'minimum' };

/** An id Home Assistant accepts in a topic's node_id/object_id: letters, digits, _ and -. */
function idPart(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** What identifies the camera for Home Assistant: its serial number, else its topic level. */
export function deviceId(input: Pick<DiscoveryInput, 'camera' | 'device'>): string {
  return `axis_thermometry_${idPart(input.device.serialNumber ?? input.camera)}`;
}

/** The config topics of one area, whatever its entities' settings: what to empty when the area goes. */
export function areaConfigTopics(discoveryPrefix: string, node: string, id: number): string[] {
  return [
    ...READINGS.map((r) => `${discoveryPrefix}/sensor/${node}/area_${id}_${r}/config`),
    `${discoveryPrefix}/binary_sensor/${node}/area_${id}_alarm/config`,
  ];
}

/** Every config of the camera's areas: config topic -> config object. Undefined when the unit is not one Home Assistant knows. */
export function discoveryConfigs(input: DiscoveryInput): Map<string, Record<string, unknown>> | undefined {
  const unit = UNIT_SYMBOL[input.unit];
  if (!unit) return undefined;
  const node = deviceId(input);
  const d = input.device;
  const device: Record<string, unknown> = { identifiers: [node], name: d.label, manufacturer: 'Axis Communications' };
  if (d.model) device.model = d.model;
  if (d.serialNumber) device.serial_number = d.serialNumber;
  if (d.firmware) device.sw_version = d.firmware;
  if (d.address) device.configuration_url = `http://${d.address}/`;
  const availability = [{ topic: topics.online(input.prefix, input.camera), value_template: "{{ 'online' if value_json.online else 'offline' }}" }];
  const origin = { name: 'node-red-contrib-axis-thermometry' };
  const configs = new Map<string, Record<string, unknown>>();
  for (const area of input.areas) {
    const [maxTopic, avgTopic, minTopic, alarmTopic] = areaConfigTopics(input.discoveryPrefix, node, area.id);
    const stateTopic = topics.status(input.prefix, input.camera, 'area', area.id);
    const areaName = area.name && area.name.trim() ? area.name.trim() : `Area ${area.id}`;
    const readingTopics = { max: maxTopic, avg: avgTopic, min: minTopic };
    for (const reading of READINGS) {
      configs.set(readingTopics[reading], {
        name: `${areaName} ${READING_WORDS[reading]}`,
        unique_id: `${node}_area_${area.id}_${reading}`,
        object_id: `${node}_area_${area.id}_${reading}`,
        state_topic: stateTopic,
        value_template: `{{ value_json.${reading} }}`,
        unit_of_measurement: unit,
        device_class: 'temperature',
        state_class: 'measurement',
        availability,
        device,
        origin,
      });
    }
    configs.set(alarmTopic, {
      name: `${areaName} alarm`,
      unique_id: `${node}_area_${area.id}_alarm`,
      object_id: `${node}_area_${area.id}_alarm`,
      state_topic: stateTopic,
      value_template: "{{ 'ON' if value_json.triggered else 'OFF' }}",
      payload_on: 'ON',
      payload_off: 'OFF',
      device_class: 'heat',
      availability,
      device,
      origin,
    });
  }
  return configs;
}

/**
 * What to publish now that the configs are `next`, having published
 * `previous` (topic -> JSON text): each new or changed config, retained, and
 * an empty retained payload for each config topic that went (an area removed).
 */
export function discoveryChanges(previous: ReadonlyMap<string, string>, next: ReadonlyMap<string, Record<string, unknown>>, all = false): { messages: MqttMessage[]; published: Map<string, string> } {
  const messages: MqttMessage[] = [];
  const published = new Map<string, string>();
  for (const [topic, config] of next) {
    const text = JSON.stringify(config);
    published.set(topic, text);
    if (all || previous.get(topic) !== text) messages.push(retained(topic, config));
  }
  for (const topic of previous.keys()) if (!next.has(topic)) messages.push(cleared(topic));
  return { messages, published };
}
