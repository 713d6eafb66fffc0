import { claimsOf, principalFromClaims } from './token-claims';
import type { AuthenticatedPrincipal } from './principal';

describe('token claims', () => {
  it.each<AuthenticatedPrincipal>([
    { kind: 'MEMBER', id: 'm-1', name: '王芳', grants: [{ role: 'GRID_MEMBER', unitId: 'g-1' }] },
    { kind: 'ADMIN', id: 'admin' },
    { kind: 'SERVICE', id: 'wechat', permissions: ['tickets:report'] },
  ])('round-trips a $kind principal', (principal) => {
    expect(principalFromClaims(claimsOf(principal))).toEqual(principal);
  });

  it('refuses claims that are not ours', () => {
    expect(principalFromClaims({ sub: 'x' })).toBeNull();
    expect(principalFromClaims({ sub: 'x', stw_kind: 'ROOT' })).toBeNull();
  });
});
