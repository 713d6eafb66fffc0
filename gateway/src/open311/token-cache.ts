import { createHash } from 'node:crypto';
import type { ApiKey } from './open311-params';

/** A bearer token from `serviceLogin` and when it expires. */
export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

/**
 * Tokens of service accounts by a SHA-256 hash of their api_key (never the
 * key itself), each kept until shortly before it expires: a tenth of its
 * lifetime, at most a minute. Concurrent requests with one key share one
 * sign-in; failures are not kept. At most `maxEntries` keys, the oldest
 * dropped first (only keys that signed in successfully are kept).
 */
export class TokenCache {
  private readonly tokens = new Map<string, { token: string; refreshAt: number }>();
  private readonly pending = new Map<string, Promise<string>>();

  constructor(
    private readonly signIn: (key: ApiKey) => Promise<IssuedToken>,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 100,
  ) {}

  static hashOf(key: ApiKey): string {
    return createHash('sha256').update(`${key.clientId}:${key.clientSecret}`).digest('hex');
  }

  /** A token is kept for this key and still fresh. */
  has(key: ApiKey): boolean {
    const entry = this.tokens.get(TokenCache.hashOf(key));
    return entry !== undefined && entry.refreshAt > this.now();
  }

  async token(key: ApiKey): Promise<string> {
    const hash = TokenCache.hashOf(key);
    const entry = this.tokens.get(hash);
    if (entry && entry.refreshAt > this.now()) return entry.token;
    const inFlight = this.pending.get(hash);
    if (inFlight) return inFlight;
    const signingIn = this.signIn(key)
      .then(({ token, expiresAt }) => {
        const issuedAt = this.now();
        const lifetime = expiresAt.getTime() - issuedAt;
        this.tokens.delete(hash);
        this.tokens.set(hash, { token, refreshAt: expiresAt.getTime() - Math.min(60_000, Math.max(0, lifetime) / 10) });
        while (this.tokens.size > this.maxEntries) this.tokens.delete(this.tokens.keys().next().value as string);
        return token;
      })
      .finally(() => this.pending.delete(hash));
    this.pending.set(hash, signingIn);
    return signingIn;
  }

  /** Drops the key's token (refused before its time: the signing key was rotated, the account removed). */
  forget(key: ApiKey): void {
    this.tokens.delete(TokenCache.hashOf(key));
  }
}
