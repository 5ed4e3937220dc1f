/** The camera config node's editor fields turned into client options (kept apart to be testable). */
import * as fs from 'fs';
import type { CameraOptions } from './client';
import type { NodeDef } from './red';
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
  /** Id of a thermometry-sign-in config node whose account (and TLS trust) the camera uses; '' = its own. */
  signIn?: string;
}

const API_VERSION_SETTINGS = ['auto', '1.0', '1.1', '1.2'] as const;

/** Client options from the editor's fields; throws with a message naming the field when one is unusable. */
export function cameraOptions(def: CameraDef, credentials: Record<string, string | undefined> | undefined, readFile = fs.readFileSync): CameraOptions {
  const host = String(def.host ?? '').trim();
  if (!host) throw new Error('host is empty: enter the camera\'s host name or IP address');
  if (/[/\s]/.test(host) || /^[a-z]+:/i.test(host)) throw new Error(`host "${host}" must be a bare host name or IP address (no scheme, path or spaces)`);
  const protocol = def.protocol === 'https' ? 'https' : 'http';
  const options: CameraOptions = { host, protocol };
  if (def.port !== undefined && String(def.port).trim() !== '') {
    const port = Number(def.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`port must be a whole number from 1 to 65535, got "${def.port}"`);
    options.port = port;
  }
  const apiVersion = (def.apiVersion || 'auto') as (typeof API_VERSION_SETTINGS)[number];
  if (!API_VERSION_SETTINGS.includes(apiVersion)) throw new Error(`apiVersion must be one of ${API_VERSION_SETTINGS.join(', ')}`);
  options.apiVersion = apiVersion;
  if (def.timeout !== undefined && String(def.timeout).trim() !== '') {
    const seconds = Number(def.timeout);
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) throw new Error(`timeout must be a number of seconds from 0.1 to 600, got "${def.timeout}"`);
    options.timeout = Math.round(seconds * 1000);
  }
  if (protocol === 'https') {
    if (def.tls === 'insecure') options.tls = { allowSelfSigned: true };
    else if (def.tls === 'ca') {
      let ca = String(def.caPem ?? '').trim();
      const caFile = String(def.caFile ?? '').trim();
      if (!ca && caFile) {
        try {
          ca = readFile(caFile, 'utf8').toString();
        } catch (err) {
          throw new Error(`CA certificate file "${caFile}" cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
        }
      }
      if (!/-----BEGIN CERTIFICATE-----/.test(ca)) throw new Error('CA certificate must be PEM text (-----BEGIN CERTIFICATE-----) or the path of such a file');
      options.tls = { ca };
    }
  }
  const username = credentials?.username;
  const password = credentials?.password;
  if (username) options.username = username;
  if (password) options.password = password;
  return options;
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
