/**
 * wssession.cgi's tokens: digits, single use (even when expired), valid for a
 * while after they are issued, and carrying the role of the user who asked.
 */
import * as crypto from 'crypto';

export class SessionTokens {
  private readonly tokens = new Map<string, { expires: number; role: string }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  issue(role: string): string {
    this.sweep();
    let token: string;
    do {
      token = String(crypto.randomInt(1, 2 ** 47)).padStart(15, '0');
    } while (this.tokens.has(token));
    this.tokens.set(token, { expires: this.now() + this.ttlMs, role });
    return token;
  }

  /** The role a token was issued for, or null when unknown or expired; the token is used up either way. */
  take(token: string): string | null {
    const entry = this.tokens.get(token);
    this.tokens.delete(token);
    return entry && entry.expires > this.now() ? entry.role : null;
  }

  /** Tokens issued and not yet used or expired. */
  get pending(): number {
    this.sweep();
    return this.tokens.size;
  }

  clear(): void {
    this.tokens.clear();
  }

  private sweep(): void {
    const t = this.now();
    for (const [token, entry] of this.tokens) if (entry.expires <= t) this.tokens.delete(token);
  }
}
