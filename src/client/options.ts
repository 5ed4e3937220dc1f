/**
 * What a ThermometryClient is made with, and the checks its options pass before
 * anything is sent (a bad option is a validation error naming the field).
 */
import { API_VERSIONS, ApiVersion } from '../api/methods';
import { ThermometryError } from './errors';
import type { HttpAdapterName, TlsOptions } from './transport';

export interface CameraOptions {
  /** Host name or IP address (no scheme, no path). */
  host: string;
  /** Default 80 (http) or 443 (https). */
  port?: number;
  /** Default 'http'. */
  protocol?: 'http' | 'https';
  username?: string;
  password?: string;
  /** Default 'auto': negotiated once with getSupportedVersions. */
  apiVersion?: 'auto' | ApiVersion;
  /** ms per call (connect, headers and the whole reply; a resend within it), default 10000. */
  timeout?: number;
  /** https only: certificates are verified by default. */
  tls?: TlsOptions;
  /** Advanced: what carries the requests, 'lean' (default, our HTTP/1.1 connections, http-wire.ts) or 'axios' (axios's own http adapter). */
  httpAdapter?: HttpAdapterName;
}

export interface CallOptions {
  /** Echoed back by the camera; passed through as given. */
  context?: string;
}

export const DEFAULT_TIMEOUT_MS = 10000;

function optionError(field: string, message: string): ThermometryError {
  return new ThermometryError('validation', `camera options: ${message}`, { field });
}

/** The options checked, with their defaults. */
export function checkOptions(options: CameraOptions): {
  host: string;
  port: number;
  protocol: 'http' | 'https';
  timeout: number;
  apiVersion: 'auto' | ApiVersion;
} {
  if (!options || typeof options !== 'object') throw optionError('host', 'options must be an object with at least "host"');
  const host = typeof options.host === 'string' ? options.host.trim().replace(/^\[(.*)\]$/, '$1') : '';
  if (!host) throw optionError('host', '"host" must be the camera host name or IP address');
  if (/[/\s@?#]/.test(host)) throw optionError('host', `"host" must be a bare host name or IP address, without scheme, path or credentials (got "${host}")`);
  const protocol = options.protocol ?? 'http';
  if (protocol !== 'http' && protocol !== 'https') throw optionError('protocol', `"protocol" must be http or https (got ${JSON.stringify(protocol)})`);
  const port = options.port ?? (protocol === 'https' ? 443 : 80);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw optionError('port', `"port" must be a whole number from 1 to 65535 (got ${JSON.stringify(port)})`);
  const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeout) || timeout <= 0)
    throw optionError('timeout', `"timeout" must be a positive number of milliseconds (got ${JSON.stringify(timeout)})`);
  const apiVersion = options.apiVersion ?? 'auto';
  if (apiVersion !== 'auto' && !(API_VERSIONS as readonly string[]).includes(apiVersion)) {
    throw optionError('apiVersion', `"apiVersion" must be auto, ${API_VERSIONS.join(', ')} (got ${JSON.stringify(apiVersion)})`);
  }
  if (options.httpAdapter !== undefined && options.httpAdapter !== 'lean' && options.httpAdapter !== 'axios') {
    throw optionError('httpAdapter', `"httpAdapter" must be lean or axios (got ${JSON.stringify(options.httpAdapter)})`);
  }
  return { host, port, protocol, timeout, apiVersion };
}
