/**
 * The emulator's routes and the pipeline every request goes through, the same
 * for the built-in CGIs (thermometry.cgi, apidiscovery.cgi) and for the routes
 * other parts add (param.cgi, image.cgi, wssession.cgi...): 404 for a path
 * nobody serves, authentication (401 with the challenge), 405 for a method the
 * path does not take, the route's level (403), then the handler.
 */
import type * as http from 'node:http';
import { Role, roleAllows } from '../api/methods';
import { DigestAuthenticator, statusPage } from './digest-auth';
import { jsonText } from './json-text';
import { VapixError } from './vapix-error';

/** Bodies larger than this are refused with 2107 (a camera's CGI has a limit too). */
export const MAX_BODY_BYTES = 64 * 1024;

export interface RouteContext {
  role: Role;
  body: Buffer;
  url: URL;
  /** The authenticated user name. */
  username: string;
}

export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse, ctx: RouteContext) => void | Promise<void>;

/** A route's method: one, or '*' for a CGI that answers every method itself (with its own error for the wrong one). */
export type RouteMethod = 'GET' | 'POST' | '*';

export interface RouteOptions {
  /**
   * The handler reads the body itself, with its own limits and errors (a CGI
   * answering 2107 in JSON); otherwise a POST body is read into ctx.body first.
   */
  ownBody?: boolean;
}

interface Route {
  level: Role;
  handler: RouteHandler;
  ownBody: boolean;
}

/** A JSON reply; readings wrapped in Tenths are written with their decimal point. */
export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = jsonText(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendText(res: http.ServerResponse, status: number, text: string, type = 'text/html', extra: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text), ...extra });
  res.end(text);
}

/** Reads a body of a declared length; rejects with 2107 when it does not arrive in time. */
export function readBody(req: http.IncomingMessage, limit: number, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(Buffer.concat(chunks));
    };
    const timer = setTimeout(() => finish(new VapixError(2107, 'Invalid content length: the body is shorter than declared.')), timeoutMs);
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) finish(new VapixError(2107, 'Invalid content length: the body is too large.'));
      else chunks.push(chunk);
    });
    req.on('end', () => finish());
    req.on('error', (e) => finish(e));
    req.on('aborted', () => finish(new Error('request aborted')));
  });
}

export class Router {
  /** By "METHOD /path"; "* /path" for a route taking every method. */
  private readonly routes = new Map<string, Route>();

  constructor(
    private readonly auth: DigestAuthenticator,
    private readonly bodyTimeoutMs: number,
  ) {}

  /** A route guarded at `level`; a later one for the same method and path replaces it, one for one method outranks '*'. */
  add(method: RouteMethod, path: string, level: Role, handler: RouteHandler, options: RouteOptions = {}): void {
    this.routes.set(`${method} ${path}`, { level, handler, ownBody: options.ownBody ?? false });
  }

  async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://camera');
    const path = url.pathname;
    const route = this.routes.get(`${req.method} ${path}`) ?? this.routes.get(`* ${path}`);
    // The path's other methods only matter without a route (404 or 405): no scan on every call.
    const methods = route ? [] : this.methodsOf(path);
    if (!route && methods.length === 0) {
      req.resume();
      return sendText(res, 404, statusPage(404, path));
    }
    const result = this.auth.authenticate(req);
    if (!result.ok) {
      req.resume(); // drain the body so the connection can carry the retry
      return sendText(res, 401, statusPage(401, path), 'text/html', { 'WWW-Authenticate': this.auth.challenges(result.stale) });
    }
    const role = result.user.role;
    if (!route) {
      req.resume();
      return sendText(res, 405, 'Method Not Allowed\n', 'text/plain', { Allow: methods.join(', ') });
    }
    if (!roleAllows(role, route.level)) {
      req.resume();
      return sendText(res, 403, statusPage(403, path));
    }
    let body: Buffer = Buffer.alloc(0);
    if (req.method === 'POST' && !route.ownBody) {
      try {
        body = await readBody(req, 16 * MAX_BODY_BYTES, this.bodyTimeoutMs);
      } catch (err) {
        // A body too large or cut short is the client's fault: 400, not our 1100.
        res.setHeader('Connection', 'close');
        return sendText(res, 400, `${err instanceof VapixError ? err.message : 'Bad request body.'}\n`, 'text/plain');
      }
    }
    await route.handler(req, res, { role, body, url, username: result.user.username });
  }

  /** The methods routes take on a path ('*' among them when one takes all). */
  private methodsOf(path: string): string[] {
    return [...this.routes.keys()].filter((k) => k.endsWith(` ${path}`)).map((k) => k.split(' ')[0]);
  }
}
