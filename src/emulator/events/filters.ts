/**
 * The emulator's reading of events:configure filters. A topic filter is an
 * ONVIF topic expression (ConcreteSet dialect) as devices take it: alternatives
 * joined by `|`, each a topic of namespaced segments, `//.` after a topic for it
 * and everything below, `//.` alone for every topic (the default filter of the
 * Python library `axis`), `*` for any one segment. A topic without `//.` is also
 * taken as a prefix (where a device may match only that topic: README). A content
 * filter tests AlarmActive the way Axis writes it,
 * `boolean(//SimpleItem[@Name="AlarmActive" and @Value="1"])`.
 */

export interface ContentFilter {
  name: string;
  value: string;
}

export interface EventFilter {
  /** The alternatives of the topic expression, each its segments with namespace prefixes kept ("tns1:VideoSource"); [] matches every topic. */
  topics: string[][];
  content?: ContentFilter;
}

const SEGMENT = /^(?:[A-Za-z_][\w.-]*:)?(?:[A-Za-z_][\w.-]*|\*)$/;

/** The alternatives of a topic expression, or undefined when it is not one. */
export function parseTopicFilter(text: unknown): string[][] | undefined {
  if (typeof text !== 'string' || text.length > 4096) return undefined;
  const topics: string[][] = [];
  for (const alternative of text.split('|')) {
    const expr = alternative.trim();
    if (expr === '//.') {
      topics.push([]);
      continue;
    }
    // "//." after a topic: it and everything below, which a prefix match gives.
    const path = expr.endsWith('//.') ? expr.slice(0, -3) : expr;
    const segments = path.split('/');
    if (path === '' || !segments.every((segment) => SEGMENT.test(segment))) return undefined;
    topics.push(segments);
  }
  return topics;
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

/** Whether a topic is at or below one alternative of a filter (`*` and `ns:*` stand for any one segment). */
export function topicMatches(filter: string[], topicSegments: string[]): boolean {
  if (filter.length > topicSegments.length) return false;
  for (let i = 0; i < filter.length; i++) {
    const want = filter[i];
    if (want === '*' || (want.endsWith(':*') && topicSegments[i].startsWith(want.slice(0, -1)))) continue;
    if (want !== topicSegments[i]) return false;
  }
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
