/** The keep-alive agents a camera's requests go through. */
import http from 'http';
import https from 'https';
import net from 'net';
import type { TlsOptions } from './transport';

/** The https agent of a camera: its CA (or the system store), a self-signed certificate only when allowed. */
export function httpsAgentFor(ca: string | Buffer | undefined, tls: TlsOptions | undefined): https.Agent {
  return keepAliveOnce(
    new https.Agent({
      keepAlive: true,
      ca,
      // Verify by default; a self-signed camera certificate only when the user says so.
      rejectUnauthorized: !tls?.allowSelfSigned,
    }),
  );
}

/**
 * TCP keep-alive is a socket option that stays set; node's agent sets it again
 * every time a socket goes back to the pool, a setsockopt per request (about a
 * tenth of the client's CPU per call in bench/client.js). Sockets of `agent`
 * skip a call that would set what is already set.
 */
export function keepAliveOnce<A extends http.Agent>(agent: A): A {
  const withSockets = agent as unknown as { createConnection: (...args: unknown[]) => net.Socket };
  const create = withSockets.createConnection;
  withSockets.createConnection = function (this: unknown, ...args: unknown[]) {
    const socket = create.apply(this, args);
    const setKeepAlive = socket.setKeepAlive;
    let current: string | undefined;
    socket.setKeepAlive = function (this: net.Socket, enable?: boolean, initialDelay?: number) {
      const wanted = `${Boolean(enable)}:${initialDelay ?? 0}`;
      if (wanted === current) return this;
      current = wanted;
      return setKeepAlive.call(this, enable, initialDelay);
    };
    return socket;
  };
  return agent;
}
