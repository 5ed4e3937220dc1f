/**
 * events:configure as the camera reads it: the JSON-RPC envelope checked in
 * the order a device checks it, each fault answered with its VAPIX code, and
 * the filter list read into topic and content filters.
 */
import { CONFIGURE_METHOD } from '../../api/events';
import { contentMatches, EventFilter, parseContentFilter, parseTopicFilter, topicMatches } from './filters';
import type { Notification } from './notifications';

/** What to answer a configure request with, and the subscription's filters when it was accepted. */
export interface ConfigureOutcome {
  reply: string;
  filters?: EventFilter[];
}

export function errorFrame(code: number, message: string, method?: string, context?: unknown): string {
  const frame: Record<string, unknown> = { apiVersion: '1.0' };
  if (typeof context === 'string') frame.context = context;
  if (method !== undefined) frame.method = method;
  frame.error = { code, message };
  return JSON.stringify(frame);
}

export function readConfigure(text: string): ConfigureOutcome {
  let request: any;
  try {
    request = JSON.parse(text);
  } catch {
    return { reply: errorFrame(2101, 'Invalid JSON') };
  }
  if (!request || typeof request !== 'object' || Array.isArray(request)) {
    return { reply: errorFrame(2101, 'Invalid JSON: not an object') };
  }
  const context = request.context;
  const method = request.method;
  if (typeof method !== 'string') {
    return { reply: errorFrame(2103, 'Required parameter missing: method', undefined, context) };
  }
  const apiVersion: unknown = request.apiVersion;
  // String() of an arbitrary object can throw ({"toString": 1}): only strings and numbers are versions.
  if (apiVersion !== undefined && !((typeof apiVersion === 'string' || typeof apiVersion === 'number') && /^1(\.\d+)?$/.test(String(apiVersion)))) {
    return { reply: errorFrame(2100, 'API version not supported', method, context) };
  }
  if (method !== CONFIGURE_METHOD) {
    return { reply: errorFrame(2102, 'Method not supported', method, context) };
  }
  const list = request.params?.eventFilterList;
  if (list === undefined) {
    return { reply: errorFrame(2103, 'Required parameter missing: eventFilterList', method, context) };
  }
  if (!Array.isArray(list) || list.length === 0) {
    return { reply: errorFrame(2104, 'Invalid parameter value: eventFilterList must be a non-empty list', method, context) };
  }
  const filters: EventFilter[] = [];
  for (const entry of list) {
    const topics = parseTopicFilter(entry?.topicFilter);
    if (!topics) {
      return { reply: errorFrame(2104, 'Invalid parameter value: topicFilter', method, context) };
    }
    let content;
    try {
      content = parseContentFilter(entry.contentFilter);
    } catch {
      return { reply: errorFrame(2104, 'Invalid parameter value: contentFilter', method, context) };
    }
    filters.push({ topics, content });
  }
  const reply: Record<string, unknown> = { apiVersion: '1.0' };
  if (typeof context === 'string') reply.context = context;
  reply.method = CONFIGURE_METHOD;
  reply.data = {};
  return { reply: JSON.stringify(reply), filters };
}

/** Whether a subscription (its filters; undefined before configure) takes a notification. */
export function subscribed(filters: EventFilter[] | undefined, notification: Notification): boolean {
  if (!filters) return false;
  return filters.some((f) => f.topics.some((t) => topicMatches(t, notification.segments)) && contentMatches(f.content, notification.fields));
}
