/**
 * A camera event written as the events:notify frame a device sends: the topic
 * spelled for the namespace profile, identifying fields (AreaID, GroupID,
 * PresetNbr) in the source, every value a string as Axis OS writes it.
 */
import { CameraEvent, NOTIFY_METHOD, spellTopic, topicForCamera } from '../../api/events';

export interface NotificationStyle {
  /** 'tnsaxis' sends tnsaxis: where the reference writes tns1:. */
  namespace: 'tns1' | 'tnsaxis';
  /** Booleans as "1"/"0" (as Axis OS sends them) or "true"/"false". */
  booleans: '1' | 'true';
}

export interface Notification {
  /** The frame to send. */
  frame: string;
  /** The topic's segments, namespaces kept, for the topic filters. */
  segments: string[];
  /** Source and data fields together, for the content filters. */
  fields: Record<string, string>;
}

const IDENTIFYING = new Set(['AreaID', 'GroupID', 'PresetNbr']);

function formatValue(value: string | number | boolean, booleans: '1' | 'true'): string {
  if (typeof value === 'boolean') return booleans === '1' ? (value ? '1' : '0') : String(value);
  if (typeof value === 'number') {
    const text = String(value);
    // Decimal strings only: no exponent form, as a camera writes them.
    return /e/i.test(text) ? value.toFixed(6).replace(/\.?0+$/, '') : text;
  }
  return value;
}

/** The notification for an event at `timestamp`; undefined when the topic is not one of ours. */
export function buildNotification(event: CameraEvent, style: NotificationStyle, timestamp: number): Notification | undefined {
  const info = topicForCamera(event.topic);
  if (!info) return undefined;
  const topic = spellTopic(info.topic, style.namespace);
  const source: Record<string, string> = {};
  const data: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.source ?? {})) {
    if (value !== undefined && value !== null) source[name] = formatValue(value, style.booleans);
  }
  for (const [name, value] of Object.entries(event.data ?? {})) {
    if (value === undefined || value === null) continue;
    (IDENTIFYING.has(name) ? source : data)[name] = formatValue(value, style.booleans);
  }
  const frame = JSON.stringify({
    apiVersion: '1.0',
    method: NOTIFY_METHOD,
    params: { notification: { topic, timestamp, message: { source, key: {}, data } } },
  });
  return { frame, segments: topic.split('/'), fields: { ...source, ...data } };
}
