/**
 * The picture's settings as the settings form shows them (an admin route of
 * the camera node, under the rules of admin-routes.ts: guardRead, and
 * resolveClient through cameraRoute):
 *
 *   POST /axis-thermometry/camera/:id/palette   body { camera? }
 *        -> { palette, palettes, isothermal, scale, isotherms }: the palette in
 *           use and those the camera offers (param.cgi), the temperature scale
 *           (getConfigurationCapabilities, read fresh: a scale changed since
 *           the form opened is the one shown), the isotherm levels as set
 *           (getIsothermLevels); a part the camera lacks is null, with
 *           unavailable: { part: reason }.
 */
import { readPalette } from '../shared/client';
import { toNodeError } from '../shared/errors';
import type { NodeAPI } from '../shared/red';
import { cameraRoute, guardRead } from './admin-routes';

export const PALETTE_PATH = '/axis-thermometry/camera/:id/palette';

export function registerPaletteRoutes(RED: NodeAPI): void {
  RED.httpAdmin?.post(
    PALETTE_PATH,
    guardRead,
    cameraRoute('palette', async ({ client }, _req, res) => {
      const unavailable: Record<string, string> = {};
      const part = async <T>(name: string, read: () => Promise<T>): Promise<T | null> => {
        try {
          return await read();
        } catch (err) {
          const e = toNodeError(err);
          if (['network', 'timeout', 'authentication', 'credentials'].includes(e.info.kind)) throw err;
          unavailable[name] = e.message;
          return null;
        }
      };
      const [palette, scale, isotherms] = await Promise.all([
        part('palette', () => readPalette(client)),
        part('scale', async () => (await client.call('getConfigurationCapabilities')).currentTemperatureScale ?? null),
        part('isotherms', () => client.call('getIsothermLevels')),
      ]);
      res.json({ ...(palette ?? { palette: null, palettes: [], isothermal: null }), scale, isotherms, unavailable });
    }),
  );
}
