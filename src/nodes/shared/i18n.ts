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
