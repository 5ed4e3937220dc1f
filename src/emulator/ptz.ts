/**
 * The PTZ API's preset list on a PTZ profile (/axis-cgi/com/ptz.cgi, viewer),
 * what the editor's preset pickers read, as devices answer it:
 *   GET or POST (arguments in the query or a form body, whatever its Content-Type)
 *   query=presetposall, or query=presetposcam[&camera=1]
 *   -> text/plain "Preset Positions for camera 1" then presetposno<n>=<name> lines.
 * Another camera number or query answers 400 "Error: ..."; fixed profiles have no
 * ptz.cgi at all (404).
 */
import type * as http from 'node:http';
import { formatPresetList, PTZ_PATH } from '../api/ptz';
import type { RouteContext } from './router';
import type { Emulator } from './server';

/** The single video channel a PTZ profile has. */
const CAMERA = '1';

function answer(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-cache' });
  res.end(text);
}

export function addPtzRoutes(emulator: Pick<Emulator, 'camera' | 'addRoute'>): void {
  if (!emulator.camera.isPtz) return;
  const handler = (req: http.IncomingMessage, res: http.ServerResponse, ctx: RouteContext) => {
    const args = new URLSearchParams(ctx.url.search);
    if (req.method === 'POST') for (const [k, v] of new URLSearchParams(ctx.body.toString('utf8'))) args.set(k, v);
    const query = args.get('query');
    const camera = args.get('camera') ?? CAMERA;
    if (query !== 'presetposall' && query !== 'presetposcam') {
      return answer(res, 400, `Error: query "${(query ?? '').slice(0, 40)}" is not supported\r\n`);
    }
    if (camera !== CAMERA) return answer(res, 400, `Error: camera "${camera.slice(0, 20)}" is not available\r\n`);
    answer(res, 200, formatPresetList(emulator.camera.presets, Number(CAMERA)));
  };
  emulator.addRoute('GET', PTZ_PATH, 'viewer', handler);
  emulator.addRoute('POST', PTZ_PATH, 'viewer', handler);
}
