import { ForbiddenError, UnauthenticatedError } from '@steward/errors';
import { ALL_UNITS, Access, inScope, samePath, scopeBelow, scopeFilter, type OrgScope } from './access';
import { PERMISSIONS } from './permissions';

// city c › township t1 › village v1 › grid g1; village v2 › grid g2
const G1 = ['c', 't1', 'v1', 'g1'];
const G2 = ['c', 't1', 'v2', 'g2'];
const gridMember = Access.of({ kind: 'MEMBER', id: 'm-g1', grants: [{ role: 'GRID_MEMBER', unitId: 'g1' }] });
const secretary = Access.of({ kind: 'MEMBER', id: 'm-v1', grants: [{ role: 'VILLAGE_SECRETARY', unitId: 'v1' }] });
const dispatcher = Access.of({ kind: 'MEMBER', id: 'm-t1', grants: [{ role: 'TOWNSHIP_DISPATCHER', unitId: 't1' }] });
const admin = Access.of({ kind: 'ADMIN', id: 'admin' });
const wechat = Access.of({ kind: 'SERVICE', id: 'wechat', permissions: ['tickets:report'] });
const warehouse = Access.of({ kind: 'SERVICE', id: 'warehouse', permissions: ['read'] });

describe('Access', () => {
  it.each([
    ['grid member', gridMember, G1, true],
    ['grid member', gridMember, G2, false],
    ['village secretary', secretary, G1, true],
    ['village secretary', secretary, G2, false],
    ['township dispatcher', dispatcher, G2, true],
    ['administrator', admin, ['elsewhere'], true],
    ['warehouse service', warehouse, G2, true],
  ])('%s reading %j: %s', (_label, access, orgPath, expected) => {
    expect(access.canRead(orgPath)).toBe(expected);
  });

  it('gives anonymous callers UNAUTHENTICATED and a service without read FORBIDDEN', () => {
    expect(() => Access.anonymous().readScope()).toThrow(UnauthenticatedError);
    expect(() => wechat.readScope()).toThrow(ForbiddenError);
    expect(Access.anonymous().canRead(G1)).toBe(false);
  });

  it.each([
    [gridMember, 'tickets:handle', G1, true],
    [gridMember, 'tickets:dispatch', G1, false],
    [gridMember, 'members:manage', G1, false],
    [secretary, 'members:manage', G1, true],
    [secretary, 'members:manage', G2, false],
    [dispatcher, 'tickets:dispatch', G2, true],
    [dispatcher, 'org:manage', G2, false],
    [wechat, 'tickets:report', G2, true],
    [wechat, 'tickets:dispatch', G2, false],
    [admin, 'assessment:manage', G2, true],
  ] as const)('%#: can(%s) on %j is %s', (access, permission, orgPath, expected) => {
    expect(access.can(permission, orgPath)).toBe(expected);
    if (expected) expect(() => access.assertCan(permission, orgPath)).not.toThrow();
    else expect(() => access.assertCan(permission, orgPath)).toThrow(ForbiddenError);
  });

  it('scopes queries to the units where the caller holds the role', () => {
    expect(gridMember.readScope()).toEqual({ kind: 'UNITS', unitIds: ['g1'] });
    expect(scopeFilter(gridMember.readScope())).toEqual({ orgPath: { $in: ['g1'] } });
    expect(scopeFilter(admin.readScope())).toEqual({});
    expect(() => gridMember.scopeFor('org:manage')).toThrow(ForbiddenError);
    expect(inScope({ kind: 'UNITS', unitIds: [] }, G1)).toBe(false);
  });

  it('drops the scope condition only for a subtree that lies inside the scope', () => {
    const village: OrgScope = { kind: 'UNITS', unitIds: ['v1'] };
    // a grid below the caller's village: every record below it is visible anyway
    expect(scopeBelow(village, ['c', 'd', 't', 'v1', 'g1'])).toBe(ALL_UNITS);
    expect(scopeBelow(village, ['c', 'd', 't', 'v1'])).toBe(ALL_UNITS);
    // the township above it, a sibling village, an unknown unit: the scope stays
    expect(scopeBelow(village, ['c', 'd', 't'])).toBe(village);
    expect(scopeBelow(village, ['c', 'd', 't', 'v2'])).toBe(village);
    expect(scopeBelow(village, undefined)).toBe(village);
    expect(scopeBelow(village, [])).toBe(village);
    expect(scopeBelow(ALL_UNITS, ['c'])).toBe(ALL_UNITS);
  });

  it('lets an administrator do everything and an anonymous caller nothing', () => {
    for (const permission of PERMISSIONS) {
      expect(admin.can(permission, G1)).toBe(true);
      expect(() => Access.anonymous().assertCan(permission, G1)).toThrow(UnauthenticatedError);
    }
  });
});

describe('samePath', () => {
  it.each([
    [['a', 'b'], ['a', 'b'], true],
    [['a', 'b'], ['a', 'c'], false],
    [['a'], ['a', 'b'], false],
    [[], [], true],
    [undefined, ['a'], false],
    [undefined, undefined, true],
  ])('%j vs %j: %s', (a, b, expected) => {
    expect(samePath(a, b)).toBe(expected);
  });
});
