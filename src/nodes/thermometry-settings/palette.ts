/**
 * The settings node's palette operations (not thermometry methods: the palette
 * is a parameter of param.cgi, src/api/palette.ts): getPalette reads the
 * palette in use and those the camera offers; setPalette changes it to the
 * form's `palette` or msg.payload.palette (operator level; a name the camera
 * does not offer is refused with the camera's list).
 */
import { readPalette, writePalette } from '../shared/client';
import { NodeInputError } from '../shared/params';
import type { OwnOperation } from '../shared/operation-node';

export const PALETTE_OPERATIONS = ['getPalette', 'setPalette'] as const;

function paletteOf(def: Record<string, unknown>, msg: Record<string, unknown>): unknown {
  const payload = msg.payload;
  if (payload && typeof payload === 'object' && !Array.isArray(payload) && (payload as Record<string, unknown>).palette !== undefined) {
    return (payload as Record<string, unknown>).palette;
  }
  const typed = typeof def.palette === 'string' ? def.palette.trim() : '';
  if (!typed) throw new NodeInputError('setPalette: "palette" is required: choose one in the form or set msg.payload.palette (e.g. "Iron")', 'palette');
  return typed;
}

export const paletteOperations: Record<(typeof PALETTE_OPERATIONS)[number], OwnOperation> = {
  async getPalette(camera) {
    const info = await readPalette(camera.client);
    return { payload: info, status: `palette ${info.palette}` };
  },
  async setPalette(camera, def, msg) {
    const info = await writePalette(camera.client, paletteOf(def, msg));
    return { payload: info, status: `palette ${info.palette}` };
  },
};
