/**
 * axis-cgi/param.cgi (VAPIX legacy parameter handling) as an Axis camera
 * serves it, over the parameters that parts of the emulator hold (sources):
 *
 *   GET|POST /axis-cgi/param.cgi                                        viewer (update: operator)
 *     action=list[&group=G1,G2,...]   one `root.<name>=<value>` line per parameter of each group,
 *                                     in the order the groups are asked; `root.` optional in a
 *                                     group, `*` stands for one level (Image.*.Appearance);
 *                                     a group with nothing: `# Error: Error -1 getting param in group 'G'`
 *     action=update&root.A.B=v[&...]  OK, or `# Error: Error setting 'A.B' to 'v'!` (nothing changes)
 *     action=listdefinitions&group=G  parameterDefinitions XML, from the source that knows G
 *
 * The arguments come from the query and, for POST, from the body (form-encoded,
 * whatever the Content-Type: the Python library `axis` posts `action=list&group=
 * root.Brand` as text/plain). Sources: device-info.ts (Brand, Properties), the
 * scene (Image palette, Properties.Image).
 */
import type * as http from 'node:http';
import { roleAllows } from '../api/methods';
import { PARAM_PATH } from '../api/paths';
import type { RouteContext, RouteHandler } from './router';

/** Parameters one part of the emulator holds; names without `root.`. */
export interface ParamSource {
  list(): ReadonlyArray<readonly [string, string]>;
  /**
   * A new value for `name`: undefined when the parameter is not this source's
   * (or read-only), false when it does not take the value, true when it does
   * (and then sets it, when `apply`).
   */
  set?(name: string, value: string, apply: boolean): boolean | undefined;
  /** parameterDefinitions XML for a group this source knows, else undefined. */
  definitions?(group: string): string | undefined;
}

/** What the route needs of the emulator. */
export interface ParamHost {
  params: ParamSource[];
  apiList: { id: string; version: string; name: string; docLink: string }[];
  addRoute(method: 'GET' | 'POST', path: string, level: 'viewer', handler: RouteHandler): void;
}

function send(res: http.ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-cache' });
  res.end(body);
}

/** Query arguments and, for POST, body arguments (the body wins). */
function argumentsOf(req: http.IncomingMessage, ctx: RouteContext): URLSearchParams {
  const args = new URLSearchParams(ctx.url.search);
  if (req.method === 'POST' && ctx.body.length > 0) {
    for (const [k, v] of new URLSearchParams(ctx.body.toString('utf8'))) args.set(k, v);
  }
  return args;
}

/** Whether parameter `name` is in `group` (`root.` optional, `*` one level, a whole parameter name too). */
export function inGroup(group: string, name: string): boolean {
  const g = group.trim().replace(/^root(\.|$)/, '');
  if (g === '') return true;
  const want = g.split('.');
  const have = name.split('.');
  if (want.length > have.length) return false;
  return want.every((segment, i) => segment === '*' || segment === have[i]);
}

/** Text in an error line: short, one line. */
const shown = (text: string, max: number) => text.replace(/[\r\n]/g, ' ').slice(0, max);

export function addParamRoute(host: ParamHost): void {
  host.apiList.push({
    id: 'param-cgi',
    version: '1.0',
    name: 'Legacy Parameter Handling',
    docLink: 'https://developer.axis.com/vapix/network-video/parameter-management/',
  });
  // Every parameter once, in name order; a later source's value wins (as a later route does).
  const all = () => {
    const byName = new Map<string, string>();
    for (const source of host.params) for (const [name, value] of source.list()) byName.set(name, value);
    return [...byName].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  };

  const handler: RouteHandler = (req, res, ctx) => {
    const args = argumentsOf(req, ctx);
    const action = args.get('action');
    if (action === 'list') {
      const params = all();
      const lines: string[] = [];
      for (const group of (args.get('group') ?? 'root').split(',')) {
        const found = params.filter(([name]) => inGroup(group, name));
        if (found.length) lines.push(...found.map(([name, value]) => `root.${name}=${value}`));
        else lines.push(`# Error: Error -1 getting param in group '${shown(group, 80)}'`);
      }
      return send(res, 200, 'text/plain', `${lines.join('\n')}\n`);
    }
    if (action === 'listdefinitions') {
      const group = args.get('group') ?? 'root';
      for (const source of host.params) {
        const xml = source.definitions?.(group);
        if (xml !== undefined) return send(res, 200, 'text/xml', xml);
      }
      return send(res, 200, 'text/plain', `# Error: Error -1 getting param in group '${shown(group, 80)}'\n`);
    }
    if (action === 'update') {
      if (!roleAllows(ctx.role, 'operator')) return send(res, 403, 'text/plain', 'Forbidden\n');
      const updates = [...args].filter(([key]) => key !== 'action').map(([key, value]) => ({ key, name: key.replace(/^root\./, ''), value }));
      if (updates.length === 0) return send(res, 200, 'text/plain', '# Error: No parameters to update\n');
      const owner = (name: string, value: string) => host.params.find((s) => s.set?.(name, value, false) !== undefined);
      const errors = updates
        .filter((u) => owner(u.name, u.value)?.set?.(u.name, u.value, false) !== true)
        .map((u) => `# Error: Error setting '${shown(u.key, 80)}' to '${shown(u.value, 40)}'!`);
      // All or nothing, as a camera's update: one bad parameter and none is set.
      if (errors.length) return send(res, 200, 'text/plain', `${errors.join('\n')}\n`);
      for (const u of updates) owner(u.name, u.value)?.set?.(u.name, u.value, true);
      return send(res, 200, 'text/plain', 'OK\n');
    }
    return send(res, 200, 'text/plain', `# Error: Invalid action '${shown(String(action), 40)}'\n`);
  };
  host.addRoute('GET', PARAM_PATH, 'viewer', handler);
  host.addRoute('POST', PARAM_PATH, 'viewer', handler);
}
