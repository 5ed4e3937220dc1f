/** The lean axios adapter: node:http(s) with our keep-alive agent, one request to the configured camera. */
import http from 'http';
import https from 'https';
import net from 'net';
import { AxiosError, AxiosHeaders, AxiosResponse, InternalAxiosRequestConfig } from 'axios';

/** Set by the lean adapter on an error raised before any byte of the request was written. */
export const UNSENT = Symbol('unsent');

/** Set on the error of a reply over MAX_REPLY_BYTES. */
export const TOO_LARGE = Symbol('too large');

/** Largest reply body read (thermometry replies are a few kB; a snapshot a few MB). */
export const MAX_REPLY_BYTES = 32 * 1024 * 1024;

/**
 * An axios adapter over node:http(s) with our keep-alive agent: one request to
 * the configured camera (relative paths only, so never another host), a body
 * sent in the same write as the headers, the reply collected whole, socket
 * idle timeout = config.timeout, validateStatus honoured. Errors are
 * AxiosErrors carrying the node error code, as axios's own adapter gives.
 */
export function leanAdapter(target: { protocol: 'http' | 'https'; host: string; port: number; agent: () => http.Agent }) {
  const request = target.protocol === 'https' ? https.request : http.request;
  return (config: InternalAxiosRequestConfig): Promise<AxiosResponse> =>
    new Promise((resolve, reject) => {
      const path = config.url ?? '/';
      if (!path.startsWith('/')) {
        reject(new AxiosError(`only paths on the camera are requested (got ${path.slice(0, 40)})`, AxiosError.ERR_BAD_REQUEST, config));
        return;
      }
      const headers: Record<string, string> = {};
      const given = (config.headers instanceof AxiosHeaders ? config.headers.toJSON() : AxiosHeaders.from(config.headers).toJSON()) as Record<string, unknown>;
      for (const key of Object.keys(given)) {
        const v = given[key];
        if (v !== undefined && v !== null && v !== false) headers[key] = String(v);
      }
      const body = config.data as string | Buffer | undefined;
      if (body !== undefined && body !== null) headers['Content-Length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.length);
      let settled = false;
      const fail = (err: AxiosError) => {
        if (settled) return;
        settled = true;
        reject(err);
      };
      {
        // Whether any byte of the request was handed to the socket.
        let written = false;
        const req = request(
          { host: target.host, port: target.port, method: (config.method ?? 'get').toUpperCase(), path, headers, agent: target.agent() },
          (res) => {
            const chunks: Buffer[] = [];
            let size = 0;
            res.on('data', (chunk: Buffer) => {
              size += chunk.length;
              if (size > MAX_REPLY_BYTES) {
                fail(
                  Object.assign(new AxiosError(`reply larger than ${MAX_REPLY_BYTES} bytes`, AxiosError.ERR_BAD_RESPONSE, config, req), { [TOO_LARGE]: true }),
                );
                req.destroy();
                return;
              }
              chunks.push(chunk);
            });
            res.on('error', (err) => fail(AxiosError.from(err, (err as NodeJS.ErrnoException).code, config, req)));
            res.on('end', () => {
              if (settled) return;
              const buffer = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
              const status = res.statusCode ?? 0;
              const response: AxiosResponse = {
                data: config.responseType === 'arraybuffer' ? buffer : buffer.toString('utf8'),
                status,
                statusText: res.statusMessage ?? '',
                // Read by send() from request.res.headers as node gives them; axios would
                // otherwise rebuild them into an AxiosHeaders on every reply.
                headers: {},
                config,
                request: req,
              };
              settled = true;
              if (!config.validateStatus || config.validateStatus(status)) resolve(response);
              else
                reject(
                  new AxiosError(
                    `Request failed with status code ${status}`,
                    status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST,
                    config,
                    req,
                    response,
                  ),
                );
            });
          },
        );
        req.on('error', (err: NodeJS.ErrnoException) => {
          const axiosError = AxiosError.from(err, err.code, config, req);
          // Nothing written: the camera cannot have run it (the transport may send it again).
          if (!written) Object.assign(axiosError, { [UNSENT]: true });
          fail(axiosError);
        });
        // The call's deadline (exchange's): the socket goes, whatever it is in the middle of.
        const signal = config.signal as AbortSignal | undefined;
        if (signal) {
          const abort = () => {
            fail(new AxiosError(`timeout of ${config.timeout}ms exceeded`, AxiosError.ETIMEDOUT, config, req));
            req.destroy();
          };
          if (signal.aborted) abort();
          else {
            signal.addEventListener('abort', abort, { once: true });
            req.once('close', () => signal.removeEventListener('abort', abort));
          }
        } else if (config.timeout) {
          req.setTimeout(config.timeout, () => {
            fail(new AxiosError(`timeout of ${config.timeout}ms exceeded`, AxiosError.ETIMEDOUT, config, req));
            req.destroy();
          });
        }
        // A string body goes out in one write with the headers.
        const write = () => {
          if (settled || req.destroyed) return;
          written = true;
          req.end(body);
        };
        req.once('socket', (socket: net.Socket) => {
          if (!req.reusedSocket) return write();
          // A kept-alive socket may have been closed by the camera while it idled, its
          // close not yet read. Let the event loop poll the sockets once before writing
          // (two check phases: the first may come before this turn's poll): a dead socket
          // then fails before any byte is written, and the request can safely go again.
          setImmediate(() =>
            setImmediate(() => {
              if (socket.destroyed || socket.readableEnded || !socket.writable) {
                req.destroy(Object.assign(new Error('socket hang up: kept-alive socket closed by the camera'), { code: 'ECONNRESET' }));
                return;
              }
              write();
            }),
          );
        });
      }
    });
}

export function flattenHeaders(headers: Record<string, unknown>): Record<string, string> {
  const plain =
    typeof (headers as { toJSON?: () => unknown }).toJSON === 'function' ? (headers as { toJSON: () => Record<string, unknown> }).toJSON() : headers;
  const out: Record<string, string> = {};
  for (const key in plain) {
    const value = plain[key];
    if (value === undefined || value === null) continue;
    out[key.toLowerCase()] = typeof value === 'string' ? value : Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}
