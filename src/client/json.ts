/**
 * JSON from a camera, read under bounds: a thermometry reply or an event frame
 * is a few levels deep, so text nested deeper than MAX_JSON_DEPTH is refused
 * before JSON.parse builds it (a reply nested thousands deep would make every
 * later copy of it, Node-RED's msg clones among them, overflow the stack).
 */

/** Deepest nesting accepted (replies and frames are under 10 levels). */
export const MAX_JSON_DEPTH = 32;

/** Whether `text` nests arrays and objects no deeper than `max` (a scan, no recursion, strings skipped). */
export function jsonDepthWithin(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return false;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return true;
}

/** JSON.parse of camera text, or undefined when it is not JSON or nests deeper than `max`. */
export function parseBoundedJson(text: string, max = MAX_JSON_DEPTH): { ok: true; value: unknown } | { ok: false; tooDeep?: boolean } {
  if (!jsonDepthWithin(text, max)) return { ok: false, tooDeep: true };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
