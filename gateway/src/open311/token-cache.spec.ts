import { TokenCache, type IssuedToken } from './token-cache';

const KEY = { clientId: 'open311-demo', clientSecret: 'secret' };

function harness(lifetimeMs = 900_000) {
  let now = 1_000_000;
  const calls: string[] = [];
  let next = 0;
  const cache = new TokenCache(
    async (key): Promise<IssuedToken> => {
      calls.push(key.clientId);
      next += 1;
      return { token: `token-${next}`, expiresAt: new Date(now + lifetimeMs) };
    },
    () => now,
    2,
  );
  return { cache, calls, advance: (ms: number) => (now += ms) };
}

describe('TokenCache', () => {
  it.each([
    [900_000, 839_999, 'token-1'],
    [900_000, 840_000, 'token-2'],
    [120_000, 107_999, 'token-1'],
    [120_000, 108_000, 'token-2'],
  ])('a token living %i ms is reused until a tenth of its life (at most a minute) before expiry: after %i ms → %s', async (lifetime, elapsed, expected) => {
    const { cache, advance } = harness(lifetime);
    expect(await cache.token(KEY)).toBe('token-1');
    advance(elapsed);
    expect(await cache.token(KEY)).toBe(expected);
  });

  it('shares one sign-in between concurrent requests and keys by a hash, not the key', async () => {
    const { cache, calls } = harness();
    expect(await Promise.all([cache.token(KEY), cache.token(KEY)])).toEqual(['token-1', 'token-1']);
    expect(calls).toEqual(['open311-demo']);
    expect(cache.has(KEY)).toBe(true);
    expect(cache.has({ ...KEY, clientSecret: 'other' })).toBe(false);
    expect(TokenCache.hashOf(KEY)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps no failure and forgets on demand', async () => {
    const failing = new TokenCache(() => Promise.reject(new Error('refused')));
    await expect(failing.token(KEY)).rejects.toThrow('refused');
    expect(failing.has(KEY)).toBe(false);
    const { cache, calls } = harness();
    await cache.token(KEY);
    cache.forget(KEY);
    expect(await cache.token(KEY)).toBe('token-2');
    expect(calls).toHaveLength(2);
  });

  it('keeps at most maxEntries keys, dropping the oldest', async () => {
    const { cache } = harness();
    const keys = ['a', 'b', 'c'].map((secret) => ({ clientId: 'k', clientSecret: secret }));
    for (const key of keys) await cache.token(key);
    expect(keys.map((key) => cache.has(key))).toEqual([false, true, true]);
  });
});
