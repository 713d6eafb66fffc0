import { Access } from '@steward/auth';
import { canManageMember, memberPaths, piiView, type MemberPlacement } from './member-access';

// city c › township t › villages v1 (grid g1) and v2 (grid g2)
const G1 = ['c', 't', 'v1', 'g1'];
const G2 = ['c', 't', 'v2', 'g2'];
const member = (paths: string[][], createdBy?: string): MemberPlacement => ({
  _id: 'm-1',
  createdBy,
  assignments: paths.map((orgPath) => ({ unitId: orgPath[orgPath.length - 1], orgPath })),
});
const as = (id: string, role: string, unitId: string) => Access.of({ kind: 'MEMBER', id, grants: [{ role, unitId }] });
const secretaryV1 = as('sec-1', 'VILLAGE_SECRETARY', 'v1');
const dispatcher = as('disp', 'TOWNSHIP_DISPATCHER', 't');
const gridMember = as('m-1', 'GRID_MEMBER', 'g1');
const admin = Access.of({ kind: 'ADMIN', id: 'admin' });
const warehouse = Access.of({ kind: 'SERVICE', id: 'warehouse', permissions: ['read'] });

describe('memberPaths', () => {
  it('prefers the current path of a unit over the stored one, and puts a member without roles nowhere', () => {
    expect(memberPaths(member([G1, G2]), (unitId) => (unitId === 'g1' ? ['c', 't2', 'v9', 'g1'] : undefined))).toEqual([['c', 't2', 'v9', 'g1'], G2]);
    expect(memberPaths(member([]))).toEqual([[]]);
  });
});

describe('canManageMember', () => {
  it.each<[string, Access, MemberPlacement, boolean]>([
    ['a secretary, a member of their village', secretaryV1, member([G1]), true],
    ['a secretary, a member serving in two villages', secretaryV1, member([G2, G1]), true],
    ['a secretary, a member of another village', secretaryV1, member([G2]), false],
    ['a dispatcher, a member of their township', dispatcher, member([G2]), true],
    ['a grid member (no members:manage), a member of their grid', gridMember, member([G1]), false],
    ['a secretary, a member without roles they registered', secretaryV1, member([], 'sec-1'), true],
    ['a secretary, a member without roles someone else registered', secretaryV1, member([], 'disp'), false],
    ['a secretary, their registered member once placed elsewhere', secretaryV1, member([G2], 'sec-1'), false],
    ['the administrator, a member without roles', admin, member([]), true],
    ['a read-only service account', warehouse, member([G1]), false],
  ])('%s: %s', (_label, access, target, expected) => {
    expect(canManageMember(access, target)).toBe(expected);
  });
});

describe('piiView', () => {
  it.each<[string, Access, string[][], string | undefined, string]>([
    ['the member themself', gridMember, [G1], 'm-1', 'SELF'],
    ['a grid member (no pii:read), someone in their grid', gridMember, [G1], 'm-2', 'MASKED'],
    ['a secretary, someone in their village', secretaryV1, [G1], 'm-2', 'GRANTED'],
    ['a secretary, a household of another village', secretaryV1, [G2], undefined, 'MASKED'],
    ['a read-only service account', warehouse, [G1], 'm-2', 'MASKED'],
    ['the administrator, a member without roles', admin, [[]], 'm-2', 'GRANTED'],
  ])('%s → %s', (_label, access, paths, ownerId, expected) => {
    expect(piiView(access, paths, ownerId)).toBe(expected);
  });
});
