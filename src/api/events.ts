/**
 * The five thermometry event topics (the VAPIX Thermometry API reference, "Events") and the
 * event a camera raises, shared by the emulator's stream and the client's
 * EventStream so both agree on spelling.
 */

/** Short names of the topics, as the emulator's camera model raises them. */
export type CameraTopic =
  'TemperatureDetection' | 'TemperatureDetectionAnyArea' | 'TemperatureDetectionAnyAreaOnPreset' | 'ThermometryInformation' | 'DeviationDetection';

/** Stable event names used in msg.topic and in node settings. */
export type EventName = 'area-alarm' | 'any-area' | 'any-area-on-preset' | 'information' | 'group-deviation';

export const EVENT_NAMES: readonly EventName[] = ['area-alarm', 'any-area', 'any-area-on-preset', 'information', 'group-deviation'];

export interface TopicInfo {
  camera: CameraTopic;
  event: EventName;
  stateful: boolean;
  /** The topic as the reference writes it. */
  topic: string;
}

export const TOPICS: readonly TopicInfo[] = [
  { camera: 'TemperatureDetection', event: 'area-alarm', stateful: true, topic: 'tns1:VideoSource/tns1:RadiometryAlarm/tnsaxis:TemperatureDetection' },
  {
    camera: 'TemperatureDetectionAnyArea',
    event: 'any-area',
    stateful: true,
    topic: 'tns1:VideoSource/tns1:RadiometryAlarm/tnsaxis:TemperatureDetectionAnyArea',
  },
  {
    camera: 'TemperatureDetectionAnyAreaOnPreset',
    event: 'any-area-on-preset',
    stateful: true,
    topic: 'tns1:VideoSource/tns1:RadiometryAlarm/tnsaxis:TemperatureDetectionAnyAreaOnPreset',
  },
  { camera: 'ThermometryInformation', event: 'information', stateful: false, topic: 'tns1:VideoSource/tns1:Thermometry/tnsaxis:TemperatureDetection' },
  { camera: 'DeviationDetection', event: 'group-deviation', stateful: true, topic: 'tns1:VideoSource/tns1:RadiometryAlarm/tnsaxis:DeviationDetection' },
];

/** Each topic by its event name, so code names the topic it means. */
export const TOPIC: Readonly<Record<EventName, TopicInfo>> = Object.fromEntries(TOPICS.map((t) => [t.event, t])) as Record<EventName, TopicInfo>;

/**
 * An event as the camera raises it, before it is written as a notification:
 * values as numbers and booleans (the stream spells them as a device does).
 * The emulator's alarm engine makes these; its event stream sends them.
 */
export interface CameraEvent {
  topic: CameraTopic;
  stateful: boolean;
  source: Record<string, string | number>;
  data: Record<string, string | number | boolean>;
}

/** JSON-RPC methods of the event socket. */
export const CONFIGURE_METHOD = 'events:configure';
export const NOTIFY_METHOD = 'events:notify';

/** Topic without namespace prefixes: "VideoSource/RadiometryAlarm/TemperatureDetection". */
export function bareTopic(topic: string): string {
  return topic
    .replace(/\/\/\.$/, '')
    .split('/')
    .filter((segment) => segment.length > 0)
    .map((segment) => segment.slice(segment.indexOf(':') + 1))
    .join('/');
}

const BY_BARE = new Map<string, TopicInfo>(TOPICS.map((t) => [bareTopic(t.topic), t]));
const BY_CAMERA = new Map<string, TopicInfo>(TOPICS.map((t) => [t.camera, t]));

/** The thermometry topic a notification's topic names, whatever its namespace prefixes. */
export function topicInfo(topic: string): TopicInfo | undefined {
  return BY_BARE.get(bareTopic(topic));
}
export function topicForCamera(camera: string): TopicInfo | undefined {
  return BY_CAMERA.get(camera);
}

/**
 * The reference's topic respelled for a namespace profile: real devices send
 * `tnsaxis:` where the reference writes `tns1:`.
 */
export function spellTopic(topic: string, namespace: 'tns1' | 'tnsaxis'): string {
  return namespace === 'tns1' ? topic : topic.replace(/(^|\/)tns1:/g, '$1tnsaxis:');
}
