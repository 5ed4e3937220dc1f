/**
 * The PTZ API's preset list on a PTZ profile (GET /axis-cgi/com/ptz.cgi
 * ?query=presetposall, viewer): what the editor's preset pickers read. Other
 * queries answer 400 as a camera does for a query it lacks; fixed profiles
 * have no ptz.cgi at all (404).
 */
import { formatPresetList, PTZ_PATH } from '../api/ptz';
import type { Emulator } from './server';

export function addPtzRoutes(emulator: Emulator): void {
  if (!emulator.camera.isPtz) return;
  emulator.addRoute('GET', PTZ_PATH, 'viewer', (_req, res, ctx) => {
    const query = ctx.url.searchParams.get('query');
    const [status, text] = query === 'presetposall' ? [200, formatPresetList(emulator.camera.presets)] : [400, `Error: query "${query ?? ''}" is not supported\r\n`];
    res.writeHead(status, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-cache' });
    res.end(text);
  });
}
