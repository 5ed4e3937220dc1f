/**
 * How the nodes reach the client (src/client, built by another part of the
 * project). Loaded at run time through this one module so that the nodes
 * depend only on the contract's surface (contracts.md, "Client API").
 */
import type { MethodName } from '../../api/methods';

export interface CameraOptions {
  host: string;
  port?: number;
  protocol?: 'http' | 'https';
  username?: string;
  password?: string;
  apiVersion?: 'auto' | '1.0' | '1.1' | '1.2';
  timeout?: number;
  tls?: { ca?: string | Buffer; allowSelfSigned?: boolean };
}

export interface ClientLike {
  readonly baseUrl: string;
  call(method: MethodName, params?: Record<string, unknown>, options?: { context?: string }): Promise<unknown>;
  negotiatedVersion(): Promise<string>;
  capabilities(refresh?: boolean): Promise<Record<string, unknown>>;
  close(): void;
}

/** What a ThermometryError carries besides its message (contracts.md). */
export interface ThermometryErrorLike extends Error {
  kind?: string;
  code?: number;
  status?: number;
  method?: string;
  field?: string;
}

interface ClientModule {
  ThermometryClient: new (options: CameraOptions) => ClientLike;
}

export function createClient(options: CameraOptions): ClientLike {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const mod = require('../../client') as ClientModule;
  return new mod.ThermometryClient(options);
}
