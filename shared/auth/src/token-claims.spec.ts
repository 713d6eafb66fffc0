import { claimsOf, principalFromClaims, sessionFromClaims, sessionRevoked } from './token-claims';
import type { AuthenticatedPrincipal } from './principal';

describe('token claims', () => {
  it.each<AuthenticatedPrincipal>([
    { kind: 'MEMBER', id: 'm-1', name: '王芳', grants: [{ role: 'GRID_MEMBER', unitId: 'g-1' }] },
    { kind: 'ADMIN', id: 'admin' },
    { kind: 'SERVICE', id: 'wechat', permissions: ['tickets:report'] },
  ])('round-trips a $kind principal', (principal) => {
    expect(principalFromClaims(claimsOf(principal))).toEqual(principal);
  });

  it('gives the principal the session id of a token with session claims', () => {
    const session = { id: 's-9', credentialsVersion: 2 };
    expect(principalFromClaims(claimsOf({ kind: 'MEMBER', id: 'm-1', grants: [] }, session))).toEqual({ kind: 'MEMBER', id: 'm-1', grants: [], sessionId: 's-9' });
    expect(principalFromClaims(claimsOf({ kind: 'ADMIN', id: 'admin' }, { id: 's-8', credentialsVersion: 0 }))).toEqual({ kind: 'ADMIN', id: 'admin', sessionId: 's-8' });
    expect(principalFromClaims(claimsOf({ kind: 'SERVICE', id: 'wechat', permissions: [] }, { id: 's-7', credentialsVersion: 0 }))).toMatchObject({ sessionId: 's-7' });
  });

  it('refuses claims that are not ours', () => {
    expect(principalFromClaims({ sub: 'x' })).toBeNull();
    expect(principalFromClaims({ sub: 'x', stw_kind: 'ROOT' })).toBeNull();
  });
});

describe('token sessions', () => {
  const session = { id: 's-1', credentialsVersion: 3 };

  it('round-trips the session claims beside the principal', () => {
    const claims = claimsOf({ kind: 'MEMBER', id: 'm-1', grants: [] }, session);
    expect(sessionFromClaims(claims)).toEqual(session);
    expect(sessionFromClaims(claimsOf({ kind: 'ADMIN', id: 'admin' }))).toBeNull();
  });

  it.each([
    ['an unknown member (replica not caught up)', undefined, false],
    ['the same credentials version', { status: 'ACTIVE' as const, credentialsVersion: 3 }, false],
    ['a state written before versions existed', { status: 'ACTIVE' as const }, false],
    ['a newer credentials version', { status: 'ACTIVE' as const, credentialsVersion: 4 }, true],
    ['a deactivated member', { status: 'INACTIVE' as const, credentialsVersion: 3 }, true],
    ['an ended session', { status: 'ACTIVE' as const, credentialsVersion: 3, endedSessions: ['s-0', 's-1'] }, true],
    ['another ended session', { status: 'ACTIVE' as const, credentialsVersion: 3, endedSessions: ['s-0'] }, false],
  ])('judges %s', (_label, state, revoked) => {
    expect(sessionRevoked(session, state)).toBe(revoked);
  });
});
