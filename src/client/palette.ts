/**
 * The camera's palette (src/api/palette.ts) through param.cgi: what it is,
 * which the camera offers, and changing it. Answers are text: a camera that
 * refuses says "# Error: ..." with HTTP 200, which becomes an error here.
 */
import { isIsothermalPalette, PALETTE_NAME, PALETTE_PARAMETER } from '../api/palette';
import { PARAM_PATH } from '../api/paths';
import type { RawRequest } from './client';
import { ThermometryError } from './errors';

export interface PaletteInfo {
  /** The palette in use, e.g. "Iron". */
  palette: string;
  /** Those the camera offers, in its order (empty when it does not list them). */
  palettes: string[];
  /** Whether the palette in use colours by the isotherm levels. */
  isothermal: boolean;
}

interface RawRequester {
  readonly camera: string;
  request(opts: RawRequest): Promise<{ status: number; data: any }>;
}

/** At most this much of a param.cgi answer is read (a list of palettes is a few hundred bytes). */
const MAX_ANSWER_CHARS = 65536;

async function paramText(client: RawRequester, what: string, opts: RawRequest): Promise<string> {
  const reply = await client.request({ ...opts, responseType: 'text' });
  const text = String(reply.data ?? '').slice(0, MAX_ANSWER_CHARS);
  const refusal = /^# ?Error:?\s*(.*)$/m.exec(text);
  if (reply.status !== 200 || refusal) {
    const said = (refusal ? refusal[1] : text)
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 160);
    throw new ThermometryError('protocol', `${what}: camera ${client.camera} refused (HTTP ${reply.status}${said ? `, "${said}"` : ''})`, {
      method: what,
      status: reply.status,
      camera: client.camera,
    });
  }
  return text;
}

/** The palette in use and those the camera offers. */
export async function readPalette(client: RawRequester): Promise<PaletteInfo> {
  const what = 'palette';
  const listed = await paramText(client, what, { method: 'GET', path: `${PARAM_PATH}?action=list&group=${PALETTE_PARAMETER}` });
  const m = new RegExp(`^(?:root\\.)?${PALETTE_PARAMETER.replace(/\./g, '\\.')}=(.*)$`, 'm').exec(listed);
  if (!m) throw new ThermometryError('protocol', `${what}: camera ${client.camera} has no ${PALETTE_PARAMETER}`, { method: what, camera: client.camera });
  const palette = m[1].trim();
  let palettes: string[] = [];
  try {
    const definitions = await paramText(client, what, {
      method: 'GET',
      path: `${PARAM_PATH}?action=listdefinitions&listformat=xmlschema&group=${PALETTE_PARAMETER}`,
    });
    palettes = [...definitions.matchAll(/<entry value="([^"]{1,40})"/g)].map((e) => e[1]);
  } catch {
    // An older camera without definitions: the palette in use is still known.
  }
  return { palette, palettes, isothermal: isIsothermalPalette(palette) };
}

/** Change the palette (operator level); `name` must be one the camera offers. */
export async function writePalette(client: RawRequester, name: unknown): Promise<PaletteInfo> {
  const what = 'setPalette';
  if (typeof name !== 'string' || !PALETTE_NAME.test(name)) {
    throw new ThermometryError('validation', `${what}: "palette" must be a palette name such as Iron or Rainbow (got ${JSON.stringify(name)?.slice(0, 40)})`, {
      method: what,
      field: 'palette',
    });
  }
  const body = new URLSearchParams({ action: 'update', [`root.${PALETTE_PARAMETER}`]: name }).toString();
  try {
    await paramText(client, what, { method: 'POST', path: PARAM_PATH, body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  } catch (err) {
    if (err instanceof ThermometryError && err.kind === 'protocol') {
      const known = await readPalette(client).catch(() => undefined);
      const offered = known && known.palettes.length ? `; the camera offers ${known.palettes.join(', ')}` : '';
      throw new ThermometryError('validation', `${what}: the camera refused palette "${name}"${offered}`, {
        method: what,
        field: 'palette',
        camera: client.camera,
      });
    }
    throw err;
  }
  return readPalette(client);
}
