/** The camera config node's editor fields turned into client options (kept apart to be testable). */
import { constants as fsConstants, promises as fsp } from 'fs';
import { API_VERSIONS } from '../../api/methods';
import type { CameraOptions } from './client';
import type { NodeDef } from './red';
import { hostProblem, portProblem, timeoutProblem } from '../thermometry-camera/settings';
import type { SignInConfigNode } from './camera-api';

export interface CameraDef extends NodeDef {
  host?: string;
  port?: string | number;
  protocol?: string;
  tls?: string; // 'verify' | 'ca' | 'insecure'
  caPem?: string;
  caFile?: string;
  apiVersion?: string;
  timeout?: string | number;
  /** 'built-in' (default, our HTTP/1.1 connections) or 'axios' (axios over node's http client, for a camera whose web server the built-in one cannot read). */
  httpClient?: string;
  /** Id of a thermometry-sign-in config node whose account (and TLS trust) the camera uses; '' = its own. */
  signIn?: string;
}

const API_VERSION_SETTINGS = ['auto', ...API_VERSIONS] as const;

/** A CA certificate is a few kB (a chain a few more): a larger file is not one. */
export const MAX_CA_FILE_BYTES = 256 * 1024;

/**
 * The text of a CA certificate file, read without blocking the event loop:
 * opened non-blocking (a named pipe cannot hold the open), a regular file only
 * (not a device such as /dev/zero, a pipe or a socket), at most
 * MAX_CA_FILE_BYTES. Rejects with a message naming the file and the rule.
 */
export async function readCaFile(file: string): Promise<string> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw new Error(`CA certificate file "${file}" cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new Error(`CA certificate file "${file}" is not a regular file`);
    if (stat.size > MAX_CA_FILE_BYTES) throw new Error(`CA certificate file "${file}" is larger than ${MAX_CA_FILE_BYTES / 1024} kB, too large for a certificate`);
    // One byte more than the bound: a file that grew since the stat is refused too.
    const buffer = Buffer.alloc(MAX_CA_FILE_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > MAX_CA_FILE_BYTES) throw new Error(`CA certificate file "${file}" is larger than ${MAX_CA_FILE_BYTES / 1024} kB, too large for a certificate`);
    const text = buffer.toString('utf8', 0, bytesRead);
    if (!/-----BEGIN CERTIFICATE-----/.test(text)) throw new Error(`CA certificate file "${file}" holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
    return text;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Whether the settings take the CA certificate from a file (https, own CA, nothing pasted). */
export function usesCaFile(def: CameraDef): boolean {
  return def.protocol === 'https' && def.tls === 'ca' && !String(def.caPem ?? '').trim() && Boolean(String(def.caFile ?? '').trim());
}

/**
 * Client options from the editor's fields; throws with a message naming the
 * field when one is unusable. A CA file (a deploy-time setting) is read only
 * when `files` is 'read' (the deployed camera): its text reaches the client as
 * a promise, read asynchronously under a bound (readCaFile). Settings from a
 * request ('refuse') never name a file.
 */
export function cameraOptions(def: CameraDef, credentials: Record<string, string | undefined> | undefined, files: 'read' | 'refuse' = 'refuse'): CameraOptions {
  const hostError = hostProblem(def.host);
  if (hostError) throw new Error(hostError);
  const host = String(def.host).trim();
  const protocol = def.protocol === 'https' ? 'https' : 'http';
  const options: CameraOptions = { host, protocol };
  const port = portOf(def);
  if (port !== undefined) options.port = port;
  const apiVersion = (def.apiVersion || 'auto') as (typeof API_VERSION_SETTINGS)[number];
  if (!API_VERSION_SETTINGS.includes(apiVersion)) throw new Error(`apiVersion must be one of ${API_VERSION_SETTINGS.join(', ')}`);
  options.apiVersion = apiVersion;
  if (def.timeout !== undefined && String(def.timeout).trim() !== '') {
    const timeoutError = timeoutProblem(def.timeout);
    if (timeoutError) throw new Error(timeoutError);
    options.timeout = Math.round(Number(def.timeout) * 1000);
  }
  const httpClient = def.httpClient === undefined || def.httpClient === '' ? 'built-in' : def.httpClient;
  if (httpClient !== 'built-in' && httpClient !== 'axios') throw new Error(`httpClient must be "built-in" or "axios", got "${String(httpClient).slice(0, 40)}"`);
  if (httpClient === 'axios') options.httpAdapter = 'axios';
  if (protocol === 'https') {
    if (def.tls === 'insecure') options.tls = { allowSelfSigned: true };
    else if (def.tls === 'ca') {
      const ca = String(def.caPem ?? '').trim();
      const caFile = String(def.caFile ?? '').trim();
      if (ca) {
        if (!/-----BEGIN CERTIFICATE-----/.test(ca)) throw new Error('CA certificate must be PEM text (-----BEGIN CERTIFICATE-----) or the path of such a file');
        options.tls = { ca };
      } else if (caFile && files === 'read') {
        const text = readCaFile(caFile);
        // Whoever awaits it (the client, the camera node) sees the failure; this one only keeps it from being unhandled.
        text.catch(() => undefined);
        options.tls = { ca: text };
      } else if (caFile) {
        throw new Error('CA certificate: a file is read only when the camera is deployed; paste the certificate (PEM) to use it before deploying');
      } else {
        throw new Error('CA certificate must be PEM text (-----BEGIN CERTIFICATE-----) or the path of such a file');
      }
    }
  }
  const username = credentials?.username;
  const password = credentials?.password;
  if (username) options.username = username;
  if (password) options.password = password;
  return options;
}

/** The port as set (decimal digits only, 1 to 65535), or undefined for the protocol's default. */
export function portOf(def: CameraDef): number | undefined {
  const problem = portProblem(def.port);
  if (problem) throw new Error(problem);
  return def.port === undefined || String(def.port).trim() === '' ? undefined : Number(String(def.port).trim());
}

/**
 * The settings and credentials a camera signs in with: its own, or those of the
 * sign-in it names (the account; the TLS trust too unless the sign-in leaves
 * it to each camera). Throws naming the field when the sign-in named is not deployed.
 */
export function signInOf(
  def: CameraDef,
  own: Record<string, string | undefined> | undefined,
  findSignIn: (id: string) => SignInConfigNode | undefined,
): { def: CameraDef; credentials: Record<string, string | undefined> | undefined } {
  const id = typeof def.signIn === 'string' ? def.signIn.trim() : '';
  if (!id) return { def, credentials: own };
  const signIn = findSignIn(id);
  if (!signIn || typeof signIn.account !== 'function') throw new Error(`sign-in "${id}" is not deployed: choose a sign-in, or none to use the camera's own user name and password`);
  const trust = signIn.trust;
  const effective: CameraDef = trust && trust.tls ? { ...def, tls: trust.tls, caPem: trust.caPem, caFile: '' } : def;
  return { def: effective, credentials: signIn.account() };
}
