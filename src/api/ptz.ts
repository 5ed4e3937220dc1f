/**
 * The PTZ presets of a camera, as VAPIX's PTZ API lists them:
 *
 *   GET|POST /axis-cgi/com/ptz.cgi?query=presetposall    (viewer)
 *            (or query=presetposcam&camera=1: one video channel's)
 *   200 text/plain: a line `Preset Positions for camera 1`, then one line per
 *   preset:  presetposno1=Home   (as devices answer; recorded answers in the
 *   Python library `axis` start so)
 *
 * A fixed camera has no ptz.cgi (404). Both the client (which reads the list
 * for the editor's preset pickers) and the emulator (which answers it on the
 * PTZ profile) take the path and the line format from here.
 */
export const PTZ_PATH = '/axis-cgi/com/ptz.cgi';
export const PRESET_LIST_QUERY = 'query=presetposall';

export interface PtzPreset {
  /** Preset number (1 = Home on Axis cameras), as presetNbr names it. */
  nbr: number;
  name: string;
}

/** The answer's text for `presets` of video channel `camera`. */
export function formatPresetList(presets: readonly PtzPreset[], camera = 1): string {
  return `Preset Positions for camera ${camera}\r\n` + presets.map((p) => `presetposno${p.nbr}=${p.name}\r\n`).join('');
}

/** The presets of an answer, in number order; lines of another form (the header line) are skipped. */
export function parsePresetList(text: string): PtzPreset[] {
  const out: PtzPreset[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^presetposno(\d{1,5})=(.*)$/.exec(line.trim());
    if (m) out.push({ nbr: Number(m[1]), name: m[2].trim() });
  }
  return out.sort((a, b) => a.nbr - b.nbr);
}
