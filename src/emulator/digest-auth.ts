/**
 * Server side of HTTP Digest (RFC 7616: MD5 and SHA-256, qop=auth) and Basic,
 * as an Axis camera answers: nonces expire (answered with stale=true), each
 * nonce count is accepted once, 401 with a challenge (HTML body, not JSON).
 *
 * Nothing here logs or returns a password, a hash input or an Authorization header.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Role } from '../api/methods';

export type DigestAlgorithm = 'MD5' | 'SHA-256';
export const DIGEST_ALGORITHMS: readonly DigestAlgorithm[] = ['MD5', 'SHA-256'];

/**
 * What an Axis camera offers: one challenge, MD5, qop="auth" (every recorded
 * Axis 401 in public client code is a single MD5 challenge; clients that take
 * the first challenge and speak MD5 only depend on it).
 */
export const DEFAULT_DIGEST_ALGORITHMS: readonly DigestAlgorithm[] = ['MD5'];

export interface EmulatorUser {
  username: string;
  password: string;
  role: Role;
}

export const DEFAULT_USERS: readonly EmulatorUser[] = [
  { username: 'root', password: 'pass', role: 'administrator' },
  { username: 'operator', password: 'operator', role: 'operator' },
  { username: 'viewer', password: 'viewer', role: 'viewer' },
];

export interface AuthOptions {
  realm: string;
  users: readonly EmulatorUser[];
  /** Offered in this order (one WWW-Authenticate value each); see DEFAULT_DIGEST_ALGORITHMS. */
  algorithms: readonly DigestAlgorithm[];
  nonceTtlMs: number;
  /** Offer and accept Basic only (as Axis does over HTTPS by default). */
  basicOnly: boolean;
}

export type AuthResult = { ok: true; user: EmulatorUser } | { ok: false; stale: boolean; reason: string };

const HASHES: Record<DigestAlgorithm, string> = { MD5: 'md5', 'SHA-256': 'sha256' };

function hash(algorithm: DigestAlgorithm, text: string): string {
  return createHash(HASHES[algorithm]).update(text, 'utf8').digest('hex');
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** Parses `k=v, k="v, with comma"` pairs of an Authorization header (after the scheme). */
export function parseAuthParams(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /\s*([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*(?:,|$)/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < text.length && (m = re.exec(text)) !== null) {
    out[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
    if (m[0].length === 0) break;
  }
  return out;
}

interface NonceRecord {
  issuedAt: number;
  /** Nonce counts already accepted (a replay of one is refused). */
  seen: Set<number>;
  highest: number;
}

/** How many recent nonce counts are remembered per nonce. */
const NC_WINDOW = 1024;

export class DigestAuthenticator {
  readonly options: AuthOptions;
  private readonly secret = randomBytes(32);
  private readonly opaque = randomBytes(16).toString('hex');
  private readonly nonces = new Map<string, NonceRecord>();

  constructor(options: AuthOptions) {
    this.options = options;
  }

  /** A nonce that carries its issue time and our signature, so an expired one is known as ours. */
  private newNonce(): string {
    const issuedAt = Date.now();
    const body = issuedAt.toString(16).padStart(12, '0') + randomBytes(8).toString('hex');
    const nonce = body + this.sign(body);
    this.nonces.set(nonce, { issuedAt, seen: new Set(), highest: 0 });
    this.prune();
    return nonce;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('hex').slice(0, 16);
  }

  /** Issue time of a nonce we signed, or undefined. */
  private nonceIssuedAt(nonce: string): number | undefined {
    if (!/^[0-9a-f]{44}$/.test(nonce)) return undefined;
    const body = nonce.slice(0, 28);
    if (!safeEqual(this.sign(body), nonce.slice(28))) return undefined;
    return parseInt(body.slice(0, 12), 16);
  }

  private prune(): void {
    if (this.nonces.size < 1000) return;
    const now = Date.now();
    for (const [nonce, rec] of this.nonces) {
      if (now - rec.issuedAt > this.options.nonceTtlMs) this.nonces.delete(nonce);
    }
  }

  /** WWW-Authenticate values for a 401 (one per offered scheme/algorithm). */
  challenges(stale = false): string[] {
    const realm = this.options.realm;
    if (this.options.basicOnly) return [`Basic realm="${realm}"`];
    const nonce = this.newNonce();
    return this.options.algorithms.map(
      (alg) => `Digest realm="${realm}", nonce="${nonce}", algorithm=${alg}, qop="auth", opaque="${this.opaque}"` + (stale ? ', stale=true' : ''),
    );
  }

  authenticate(req: IncomingMessage): AuthResult {
    const header = req.headers.authorization;
    if (!header) return { ok: false, stale: false, reason: 'no credentials' };
    const space = header.indexOf(' ');
    const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
    const rest = space < 0 ? '' : header.slice(space + 1);
    if (this.options.basicOnly) {
      if (scheme !== 'basic') return { ok: false, stale: false, reason: 'Basic expected' };
      const decoded = Buffer.from(rest.trim(), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return { ok: false, stale: false, reason: 'malformed Basic credentials' };
      const user = this.options.users.find((u) => u.username === decoded.slice(0, colon));
      if (!user || !safeEqual(user.password, decoded.slice(colon + 1))) {
        return { ok: false, stale: false, reason: 'wrong user name or password' };
      }
      return { ok: true, user };
    }
    if (scheme !== 'digest') return { ok: false, stale: false, reason: 'Digest expected' };
    return this.checkDigest(req, parseAuthParams(rest));
  }

  private checkDigest(req: IncomingMessage, p: Record<string, string>): AuthResult {
    const fail = (reason: string, stale = false): AuthResult => ({ ok: false, stale, reason });
    const algorithm = (p.algorithm ?? 'MD5').toUpperCase() === 'SHA-256' ? 'SHA-256' : (p.algorithm ?? 'MD5').toUpperCase();
    if (algorithm !== 'MD5' && algorithm !== 'SHA-256') return fail('unsupported algorithm');
    if (!this.options.algorithms.includes(algorithm)) return fail('algorithm not offered');
    for (const field of ['username', 'realm', 'nonce', 'uri', 'response', 'qop', 'nc', 'cnonce']) {
      if (!p[field]) return fail(`missing ${field}`);
    }
    if (p.realm !== this.options.realm) return fail('wrong realm');
    if (p.qop !== 'auth') return fail('qop must be auth');
    if (p.opaque !== undefined && p.opaque !== this.opaque) return fail('wrong opaque');
    if (p.uri !== req.url) return fail('uri does not match the request');
    if (!/^[0-9a-fA-F]{8}$/.test(p.nc)) return fail('malformed nc');
    const user = this.options.users.find((u) => u.username === p.username);
    if (!user) return fail('wrong user name or password');
    const ha1 = hash(algorithm, `${user.username}:${this.options.realm}:${user.password}`);
    const ha2 = hash(algorithm, `${req.method}:${p.uri}`);
    const expected = hash(algorithm, `${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:${p.qop}:${ha2}`);
    if (!safeEqual(expected, p.response.toLowerCase())) return fail('wrong user name or password');
    // Right password on an old nonce (or one from before a restart): retry with a fresh one.
    const issuedAt = this.nonces.get(p.nonce)?.issuedAt ?? this.nonceIssuedAt(p.nonce);
    if (issuedAt === undefined) return fail('unknown nonce', true);
    if (Date.now() - issuedAt > this.options.nonceTtlMs) {
      this.nonces.delete(p.nonce);
      return fail('nonce expired', true);
    }
    let rec = this.nonces.get(p.nonce);
    if (!rec) {
      rec = { issuedAt, seen: new Set(), highest: 0 };
      this.nonces.set(p.nonce, rec);
    }
    const nc = parseInt(p.nc, 16);
    // Counts may arrive out of order from parallel requests; each is taken once, and
    // only the last NC_WINDOW counts are remembered (older ones are refused).
    if (rec.seen.has(nc) || nc <= rec.highest - NC_WINDOW) return fail('nonce count replayed');
    rec.seen.add(nc);
    if (nc > rec.highest) rec.highest = nc;
    if (rec.seen.size > 2 * NC_WINDOW) {
      for (const old of rec.seen) if (old <= rec.highest - NC_WINDOW) rec.seen.delete(old);
    }
    return { ok: true, user };
  }
}

/** The body of a 401 or 403, as a camera's web server sends it (HTML, not JSON). */
export function statusPage(status: 401 | 403 | 404, path: string): string {
  const title = status === 401 ? '401 Unauthorized' : status === 403 ? '403 Forbidden' : '404 Not Found';
  const text =
    status === 401
      ? `Your client does not have permission to get URL ${path} from this server.`
      : status === 403
        ? `Your user account does not have permission to access ${path}.`
        : `The requested URL ${path} was not found on this server.`;
  return `<HTML><HEAD><TITLE>${title}</TITLE></HEAD>\n<BODY><H1>${title}</H1>\n${escapeHtml(text)}\n</BODY></HTML>\n`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
}
