/**
 * The snapshot node's picture options, each rule written once: the runtime
 * reads the editor's and the msg's values with these (options.ts), the editor
 * checks its fields with them (editor.ts, bundled for the browser: nothing
 * Node-only here). The rules themselves are image.cgi's (src/api/image.ts).
 */
import { imageOptionProblem } from '../../api/image';

/** Editor property / msg property -> image.cgi option. */
export const OPTIONS = [
  { prop: 'resolution', option: 'resolution' },
  { prop: 'compression', option: 'compression' },
  { prop: 'channel', option: 'camera' },
] as const;

export type OptionProp = (typeof OPTIONS)[number]['prop'];
export type OptionName = (typeof OPTIONS)[number]['option'];

/** An option as the node reads it: a resolution trimmed, digits as a number (editor fields and change nodes give strings). */
export function optionValue(option: OptionName, raw: unknown): unknown {
  if (option === 'resolution') return typeof raw === 'string' ? raw.trim() : raw;
  return typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
}

/** No value: the camera's own default applies. */
export function isUnset(raw: unknown): boolean {
  return raw === undefined || raw === null || raw === '';
}

/** The editor's reason for each field (the runtime's message names the msg property or field and the value). */
const EDITOR_WORDS: Record<OptionProp, string> = {
  resolution: 'resolution: width x height, e.g. 640x480 (or empty for the camera default)',
  compression: 'compression: a whole number from 0 to 100 (or empty)',
  channel: 'channel: a whole number from 1 to 99 (or empty)',
};

/** The editor's check of an option field: null, or the reason. */
export function editorProblem(prop: OptionProp, raw: unknown): string | null {
  if (isUnset(raw)) return null;
  const option = OPTIONS.find((o) => o.prop === prop)!.option;
  return imageOptionProblem(option, optionValue(option, raw)) ? EDITOR_WORDS[prop] : null;
}
