/**
 * The two CGIs every emulated camera serves, as routes: thermometry.cgi (the
 * HTTP envelope checks a camera's CGI makes before it reads the JSON-RPC: POST,
 * application/json, a declared length within the limit) and apidiscovery.cgi
 * (getApiList, getSupportedVersions). Both read their own bodies, to answer
 * a bad one in JSON with the VAPIX code as a camera does.
 */
import type { ApiVersion } from '../api/methods';
import type { CameraModel } from './camera';
import { MAX_BODY_BYTES, readBody, RouteHandler, sendJson } from './router';
import { handleThermometryRequest, highestMinors } from './thermometry-cgi';
import { VapixError } from './vapix-error';

/** One API a camera lists in apidiscovery.cgi's getApiList. */
export interface ApiListEntry {
  id: string;
  version: string;
  name: string;
  docLink: string;
  status?: string;
}

export interface ThermometryRouteOptions {
  camera: CameraModel;
  versions: ApiVersion[];
  /** Counted once per authenticated request that reaches the CGI. */
  stats: { thermometryCalls: number };
  bodyTimeoutMs: number;
}

export function thermometryRoute({ camera, versions, stats, bodyTimeoutMs }: ThermometryRouteOptions): RouteHandler {
  return async (req, res, { role }) => {
    stats.thermometryCalls++;
    const envelopeError = (err: VapixError) => {
      req.resume();
      sendJson(res, err.httpStatus, { apiVersion: highestMinors(versions).slice(-1)[0], error: { code: err.code, message: err.message } });
    };
    if (req.method !== 'POST') return envelopeError(new VapixError(2106, 'Invalid request method: use POST.'));
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json') return envelopeError(new VapixError(2108, 'Invalid content type: use application/json.'));
    const declared = req.headers['content-length'];
    if (declared === undefined || !/^\d+$/.test(declared)) {
      res.setHeader('Connection', 'close');
      return envelopeError(new VapixError(2107, 'Invalid content length: Content-Length is missing.'));
    }
    if (Number(declared) > MAX_BODY_BYTES) {
      res.setHeader('Connection', 'close');
      return envelopeError(new VapixError(2107, `Invalid content length: more than ${MAX_BODY_BYTES} bytes.`));
    }
    let body: Buffer;
    try {
      body = await readBody(req, MAX_BODY_BYTES, bodyTimeoutMs);
    } catch (err) {
      if (err instanceof VapixError) {
        res.setHeader('Connection', 'close');
        return envelopeError(err);
      }
      throw err;
    }
    const reply = handleThermometryRequest(body.toString('utf8'), { camera, role, versions });
    sendJson(res, reply.status, reply.body);
  };
}

/** apidiscovery.cgi over `apiList`, which other parts extend (the event stream adds itself). */
export function apiDiscoveryRoute(apiList: readonly ApiListEntry[], bodyTimeoutMs: number): RouteHandler {
  return async (req, res) => {
    if (req.method !== 'POST') {
      req.resume();
      return sendJson(res, 400, { apiVersion: '1.0', error: { code: 2106, message: 'Invalid request method: use POST.' } });
    }
    const body = await readBody(req, MAX_BODY_BYTES, bodyTimeoutMs);
    let request: Record<string, unknown>;
    try {
      request = JSON.parse(body.toString('utf8'));
      if (typeof request !== 'object' || request === null) throw new Error('not an object');
    } catch {
      return sendJson(res, 400, { apiVersion: '1.0', error: { code: 2101, message: 'Invalid JSON format.' } });
    }
    const envelope: Record<string, unknown> = { apiVersion: '1.0' };
    if (typeof request.context === 'string') envelope.context = request.context;
    envelope.method = request.method;
    if (request.method === 'getApiList') return sendJson(res, 200, { ...envelope, data: { apiList } });
    if (request.method === 'getSupportedVersions') return sendJson(res, 200, { ...envelope, data: { apiVersions: ['1.0'] } });
    return sendJson(res, 400, { ...envelope, error: { code: 2102, message: 'Method not supported.' } });
  };
}
