/**
 * HTTP authentication for the client: a WWW-Authenticate parser (RFC 7235
 * syntax: several challenges in one header, quoted strings with commas, '='
 * and backslash escapes) and RFC 7616 Digest (MD5, SHA-256, SHA-512-256 and
 * their -sess variants; qop auth or auth-int; opaque; cnonce; nc).
 *
 * A session keeps the server's nonce and counts nc up, so after the first
 * challenge each request carries a valid Authorization header and costs one
 * HTTP exchange. Basic is used only when the server offers nothing else.
 *
 * The password is held in a private field (not enumerable, not serialized)
 * and never appears in any error this module throws.
 */
import { createHash, randomBytes } from 'crypto';

export interface Challenge {
  /** Scheme in lower case: 'digest', 'basic', ... */
  scheme: string;
  /** Parameters with lower-case names and unquoted values. */
  params: Record<string, string>;
  /** token68 form (e.g. `Negotiate abc==`), when the challenge has one. */
  token68?: string;
}

export interface Credentials {
  username: string;
  password: string;
}

const TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const TOKEN68_CHAR = /[A-Za-z0-9\-._~+/]/;

/**
 * Parse one or more WWW-Authenticate header values into challenges.
 * Tolerant: unknown junk is skipped rather than thrown, since a camera's
 * header should never make the client crash.
 */
export function parseChallenges(header: string | string[] | undefined): Challenge[] {
  if (header === undefined) return [];
  if (Array.isArray(header)) return header.flatMap((h) => parseChallenges(h));
  const s = header;
  const out: Challenge[] = [];
  let i = 0;
  const n = s.length;
  const skipWs = () => {
    while (i < n && (s[i] === ' ' || s[i] === '\t')) i++;
  };
  const readToken = (): string => {
    const start = i;
    while (i < n && TOKEN_CHAR.test(s[i])) i++;
    return s.slice(start, i);
  };
  const readQuoted = (): string => {
    // s[i] is the opening quote.
    i++;
    let value = '';
    while (i < n && s[i] !== '"') {
      if (s[i] === '\\' && i + 1 < n) i++;
      value += s[i++];
    }
    i++; // closing quote (or end of string)
    return value;
  };
  // Lookahead: does a `token =` (an auth-param, not a new scheme) start at i?
  const paramAhead = (): boolean => {
    let j = i;
    while (j < n && TOKEN_CHAR.test(s[j])) j++;
    if (j === i) return false;
    while (j < n && (s[j] === ' ' || s[j] === '\t')) j++;
    if (s[j] !== '=') return false;
    // `token==` or `token=` followed by end/comma is token68 padding, not a param.
    let k = j + 1;
    while (k < n && s[k] === '=') k++;
    if (k > j + 1) return false;
    return true;
  };

  let current: Challenge | undefined;
  while (i < n) {
    skipWs();
    if (s[i] === ',') {
      i++;
      continue;
    }
    if (current && paramAhead()) {
      const name = readToken().toLowerCase();
      skipWs();
      i++; // '='
      skipWs();
      const value = s[i] === '"' ? readQuoted() : readToken();
      current.params[name] = value;
      continue;
    }
    const scheme = readToken();
    if (!scheme) {
      i++; // skip a character we cannot read
      continue;
    }
    current = { scheme: scheme.toLowerCase(), params: {} };
    out.push(current);
    skipWs();
    // token68 right after the scheme (not an auth-param).
    if (i < n && s[i] !== ',' && !paramAhead() && TOKEN68_CHAR.test(s[i])) {
      const start = i;
      while (i < n && TOKEN68_CHAR.test(s[i])) i++;
      while (i < n && s[i] === '=') i++;
      current.token68 = s.slice(start, i);
    }
  }
  return out;
}

type HashName = 'md5' | 'sha256' | 'sha512-256';
const ALGORITHMS: Record<string, { hash: HashName; sess: boolean; rank: number }> = {
  'SHA-256': { hash: 'sha256', sess: false, rank: 6 },
  'SHA-256-SESS': { hash: 'sha256', sess: true, rank: 5 },
  'SHA-512-256': { hash: 'sha512-256', sess: false, rank: 4 },
  'SHA-512-256-SESS': { hash: 'sha512-256', sess: true, rank: 3 },
  MD5: { hash: 'md5', sess: false, rank: 2 },
  'MD5-SESS': { hash: 'md5', sess: true, rank: 1 },
};

function digestAlgorithm(ch: Challenge) {
  // RFC 7616: absent algorithm means MD5.
  return ALGORITHMS[(ch.params.algorithm ?? 'MD5').toUpperCase()];
}

function qopOptions(ch: Challenge): string[] {
  return (ch.params.qop ?? '')
    .split(',')
    .map((q) => q.trim().toLowerCase())
    .filter(Boolean);
}

/** A Digest challenge we can answer (known algorithm, nonce, qop auth/auth-int or none). */
function usableDigest(ch: Challenge): boolean {
  if (ch.scheme !== 'digest' || !ch.params.nonce || !digestAlgorithm(ch)) return false;
  const qops = qopOptions(ch);
  return qops.length === 0 || qops.includes('auth') || qops.includes('auth-int');
}

/**
 * The challenge to answer: the strongest Digest we support, else Basic,
 * else undefined (nothing we can answer).
 */
export function chooseChallenge(challenges: Challenge[]): Challenge | undefined {
  const digests = challenges.filter(usableDigest).sort((a, b) => digestAlgorithm(b).rank - digestAlgorithm(a).rank);
  if (digests.length) return digests[0];
  return challenges.find((c) => c.scheme === 'basic');
}

function hex(hash: HashName, input: string | Buffer): string {
  return createHash(hash).update(input).digest('hex');
}

function quote(value: string): string {
  return `"${value.replace(/(["\\])/g, '\\$1')}"`;
}

/** Answers the challenges of one protection space, request after request. */
export interface Authorizer {
  readonly scheme: 'digest' | 'basic';
  /** Authorization header value for the next request (Digest: nc counts up). */
  authorize(method: string, uri: string, body?: Buffer | string): string;
  /** True when `challenge` (a 401's) has the nonce this authorizer already uses. */
  sameNonce(challenge: Challenge): boolean;
}

export class DigestAuthorizer implements Authorizer {
  readonly scheme = 'digest' as const;
  readonly realm: string;
  readonly nonce: string;
  readonly algorithm: string;
  readonly qop: 'auth' | 'auth-int' | undefined;
  private readonly hashName: HashName;
  private readonly opaque: string | undefined;
  private readonly username: string;
  private readonly userhash: boolean;
  private readonly cnonce: string;
  /** Requests sent with this nonce so far. */
  private nc = 0;
  /** H(A1), computed once per nonce so the password is hashed once. */
  readonly #ha1: string;

  /** `options.cnonce` fixes the client nonce (RFC 7616 test vectors); random otherwise. */
  constructor(challenge: Challenge, credentials: Credentials, options: { cnonce?: string } = {}) {
    const alg = digestAlgorithm(challenge);
    if (challenge.scheme !== 'digest' || !alg || !challenge.params.nonce) {
      throw new Error('DigestAuthorizer needs a Digest challenge with a nonce and a known algorithm');
    }
    const p = challenge.params;
    this.realm = p.realm ?? '';
    this.nonce = p.nonce;
    this.opaque = p.opaque;
    this.algorithm = p.algorithm ?? 'MD5';
    this.hashName = alg.hash;
    const qops = qopOptions(challenge);
    this.qop = qops.includes('auth') ? 'auth' : qops.includes('auth-int') ? 'auth-int' : undefined;
    this.userhash = (p.userhash ?? '').toLowerCase() === 'true';
    this.username = this.userhash ? hex(this.hashName, `${credentials.username}:${this.realm}`) : credentials.username;
    // One cnonce per nonce: -sess servers key the session on the first cnonce.
    this.cnonce = options.cnonce ?? randomBytes(16).toString('hex');
    let ha1 = hex(this.hashName, `${credentials.username}:${this.realm}:${credentials.password}`);
    if (alg.sess) ha1 = hex(this.hashName, `${ha1}:${this.nonce}:${this.cnonce}`);
    this.#ha1 = ha1;
    this.headerStart = `Digest username=${quote(this.username)}, realm=${quote(this.realm)}, nonce=${quote(this.nonce)}, `;
    this.headerEnd = `${this.opaque !== undefined ? `, opaque=${quote(this.opaque)}` : ''}${this.userhash ? ', userhash=true' : ''}`;
    this.quotedCnonce = quote(this.cnonce);
  }

  /** nc of the last header made (for tests and the bench). */
  get count(): number {
    return this.nc;
  }

  sameNonce(challenge: Challenge): boolean {
    return challenge.params.nonce === this.nonce;
  }

  /** The parts of the header that stay the same for every request on this nonce. */
  private readonly headerStart: string;
  private readonly headerEnd: string;
  private readonly quotedCnonce: string;

  /** H(A2) by "method:uri" (qop auth): the same few requests repeat, so hash each once. */
  private readonly ha2Cache = new Map<string, string>();

  authorize(method: string, uri: string, body?: Buffer | string): string {
    const h = this.hashName;
    const a2 = `${method}:${uri}`;
    let ha2: string | undefined;
    if (this.qop === 'auth-int') {
      ha2 = hex(h, `${a2}:${hex(h, body ?? '')}`);
    } else {
      ha2 = this.ha2Cache.get(a2);
      if (ha2 === undefined) {
        ha2 = hex(h, a2);
        if (this.ha2Cache.size < 64) this.ha2Cache.set(a2, ha2);
      }
    }
    let header = `${this.headerStart}uri=${quote(uri)}, algorithm=${this.algorithm}`;
    let response: string;
    if (this.qop) {
      const nc = (++this.nc).toString(16).padStart(8, '0');
      response = hex(h, `${this.#ha1}:${this.nonce}:${nc}:${this.cnonce}:${this.qop}:${ha2}`);
      header += `, qop=${this.qop}, nc=${nc}, cnonce=${this.quotedCnonce}`;
    } else {
      // RFC 2069 compatibility: no qop, no nc.
      this.nc++;
      response = hex(h, `${this.#ha1}:${this.nonce}:${ha2}`);
    }
    return `${header}, response="${response}"${this.headerEnd}`;
  }
}

export class BasicAuthorizer implements Authorizer {
  readonly scheme = 'basic' as const;
  readonly #header: string;
  constructor(credentials: Credentials) {
    this.#header = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}`;
  }
  authorize(): string {
    return this.#header;
  }
  sameNonce(): boolean {
    return false;
  }
}

/**
 * An authorizer for the challenges of a 401's WWW-Authenticate header, or
 * undefined when it offers nothing we can answer.
 */
export function authorizerFor(header: string | string[] | undefined, credentials: Credentials): Authorizer | undefined {
  const challenge = chooseChallenge(parseChallenges(header));
  if (!challenge) return undefined;
  return challenge.scheme === 'digest' ? new DigestAuthorizer(challenge, credentials) : new BasicAuthorizer(credentials);
}

/** True when a header's Digest challenge says stale=true (nonce expired, credentials fine). */
export function isStale(header: string | string[] | undefined): boolean {
  return parseChallenges(header).some((c) => c.scheme === 'digest' && (c.params.stale ?? '').toLowerCase() === 'true');
}
