/**
 * The emulator's reading of events:configure filters: a topic filter is a full
 * topic or a prefix of namespaced segments; a content filter tests AlarmActive
 * the way Axis writes it, `boolean(//SimpleItem[@Name="AlarmActive" and @Value="1"])`.
 */

export interface ContentFilter {
  name: string;
  value: string;
}

export interface EventFilter {
  /** Segments of the topic filter, namespace prefixes kept ("tns1:VideoSource"). */
  segments: string[];
  content?: ContentFilter;
}

/** Segments of a topic filter, or undefined when it is not one. */
export function parseTopicFilter(text: unknown): string[] | undefined {
  if (typeof text !== 'string') return undefined;
  // "//." is ONVIF's "and everything below": a prefix match is what we do anyway.
  const trimmed = text.trim().replace(/\/\/\.$/, '');
  if (trimmed === '') return undefined;
  const segments = trimmed.split('/');
  if (segments.some((segment) => !/^[A-Za-z_][\w.-]*:[A-Za-z_][\w.-]*$|^[A-Za-z_][\w.-]*$/.test(segment))) return undefined;
  return segments;
}

const ITEM = String.raw`(?:\/\/|\/)?\s*(?:tt:)?SimpleItem\s*`;
const NAME = String.raw`@Name\s*=\s*(?:"([^"]*)"|'([^']*)')`;
const VALUE = String.raw`@Value\s*=\s*(?:"([^"]*)"|'([^']*)')`;
const NAME_FIRST = new RegExp(String.raw`^${ITEM}\[\s*${NAME}\s+and\s+${VALUE}\s*\]$`);
const VALUE_FIRST = new RegExp(String.raw`^${ITEM}\[\s*${VALUE}\s+and\s+${NAME}\s*\]$`);

/**
 * A content filter, or undefined when absent/empty; throws when it is given but
 * not a form we understand (the caller answers 2104).
 */
export function parseContentFilter(text: unknown): ContentFilter | undefined {
  if (text === undefined || text === null) return undefined;
  if (typeof text !== 'string') throw new Error('contentFilter must be a string');
  let expr = text.trim();
  if (expr === '') return undefined;
  const wrapped = /^boolean\s*\((.*)\)$/s.exec(expr);
  if (wrapped) expr = wrapped[1].trim();
  let m = NAME_FIRST.exec(expr);
  if (m) return { name: m[1] ?? m[2], value: normalizeValue(m[3] ?? m[4]) };
  m = VALUE_FIRST.exec(expr);
  if (m) return { name: m[3] ?? m[4], value: normalizeValue(m[1] ?? m[2]) };
  throw new Error('contentFilter not understood');
}

function normalizeValue(value: string): string {
  const v = value.trim().toLowerCase();
  if (v === 'true') return '1';
  if (v === 'false') return '0';
  return value.trim();
}

export function topicMatches(filter: string[], topicSegments: string[]): boolean {
  if (filter.length > topicSegments.length) return false;
  for (let i = 0; i < filter.length; i++) if (filter[i] !== topicSegments[i]) return false;
  return true;
}

/** Whether a notification's fields (all strings) satisfy a content filter. */
export function contentMatches(content: ContentFilter | undefined, fields: Record<string, string>): boolean {
  if (!content) return true;
  // Own fields only: a filter on "constructor" or "toString" must not reach Object.prototype.
  if (!Object.prototype.hasOwnProperty.call(fields, content.name)) return false;
  const actual = fields[content.name];
  return normalizeValue(actual) === content.value;
}
