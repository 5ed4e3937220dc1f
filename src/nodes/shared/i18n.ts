/**
 * Messages of the shared catalogue (locales/en-US/common.json, merged into each
 * node's catalogue by the build). Node-RED's RED._ translates them; where a
 * runtime has no catalogue loaded (RED._ hands the key back, as in
 * node-red-node-test-helper) the English text is used, so that a status never
 * reads as a bare key.
 */
import * as english from './locales/en-US/common.json';
import type { NodeAPI } from './red';

function lookup(key: string, catalogue: object): string | undefined {
  let at: unknown = catalogue;
  for (const part of key.split('.')) {
    if (!at || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return typeof at === 'string' ? at : undefined;
}

/**
 * `catalogue`: the English a node set falls back on (the shared one by default; a node's own, e.g. the event node's).
 * Without RED (code that words a failure outside a node), the English.
 */
export function t(RED: NodeAPI | undefined, key: string, values: Record<string, unknown> = {}, catalogue: object = english): string {
  let text: string | undefined;
  try {
    text = RED ? RED._(key, values) : undefined;
  } catch {
    text = undefined;
  }
  if (typeof text === 'string' && text !== key) return text;
  const template = lookup(key, catalogue);
  if (template === undefined) return key;
  return template.replace(/__(\w+)__/g, (_, name: string) => (values[name] === undefined ? '' : String(values[name])));
}

/** A value's stand-in while a template is translated: no catalogue text holds it. */
const MARK = '\u241f';
const templates = new WeakMap<object, Map<string, (values: Record<string, unknown>) => string>>();

/**
 * t() for text shown at every poll: the message is translated once per key
 * (RED._ runs i18next, tens of microseconds a call) and later calls only fill
 * in the values.
 */
export function tFast(RED: NodeAPI, key: string, values: Record<string, unknown> = {}, catalogue: object = english): string {
  let cache = templates.get(RED);
  if (!cache) {
    cache = new Map();
    templates.set(RED, cache);
  }
  let fill = cache.get(key);
  if (!fill) {
    const marks: Record<string, string> = {};
    for (const name of Object.keys(values)) marks[name] = `${MARK}${name}${MARK}`;
    const text = t(RED, key, marks, catalogue);
    // A translation that lost a value's place (or plural forms): translate every time.
    const placed = Object.keys(marks).every((name) => text.includes(marks[name]));
    const pattern = new RegExp(`${MARK}(\\w+)${MARK}`, 'g');
    fill = placed
      ? (v) => text.replace(pattern, (_, name: string) => (v[name] === undefined ? '' : String(v[name])))
      : (v) => t(RED, key, v, catalogue);
    cache.set(key, fill);
  }
  return fill(values);
}
