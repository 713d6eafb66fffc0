import { createTokenVerifier, InvalidTokenError, issueToken, type LocalIssuerSettings } from './jwt';

describe('createTokenVerifier with a cache', () => {
  const settings: LocalIssuerSettings = { issuer: 'village-steward', audience: 'village-steward', secret: 'an-hs256-secret-of-at-least-32-characters', ttlSeconds: 60 };
  const local = { kind: 'local' as const, issuer: settings.issuer, audience: settings.audience, secret: settings.secret };
  const admin = { kind: 'ADMIN' as const, id: 'admin' };
  const session = { id: 's-1', credentialsVersion: 0 };

  afterEach(() => jest.useRealTimers());

  it('answers a token it verified before with the same principal', async () => {
    const verify = createTokenVerifier(local, { cacheSize: 10 });
    const { token } = await issueToken(admin, settings, session);
    const first = await verify(token);
    expect(await verify(token)).toBe(first);
    expect(first.principal).toMatchObject(admin);
  });

  it('still refuses a remembered token once it has expired', async () => {
    const verify = createTokenVerifier(local, { cacheSize: 10 });
    const now = Date.now();
    const { token } = await issueToken(admin, settings, session, now);
    await verify(token);
    jest.useFakeTimers({ now: now + 66_000, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    await expect(verify(token)).rejects.toEqual(new InvalidTokenError('expired'));
  });

  it('never remembers a token whose signature is wrong', async () => {
    const verify = createTokenVerifier(local, { cacheSize: 10 });
    const { token } = await issueToken(admin, { ...settings, secret: 'another-hs256-secret-of-32-characters!!' }, session);
    await expect(verify(token)).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(verify(token)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('keeps at most cacheSize tokens, dropping the oldest', async () => {
    const verify = createTokenVerifier(local, { cacheSize: 1 });
    const one = await issueToken(admin, settings, session);
    const two = await issueToken({ kind: 'ADMIN', id: 'admin-2' }, settings, session);
    const first = await verify(one.token);
    await verify(two.token);
    expect(await verify(one.token)).not.toBe(first);
  });
});
