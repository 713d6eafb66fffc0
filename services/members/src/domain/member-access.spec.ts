import { Access } from '@steward/auth';
import { ForbiddenError } from '@steward/errors';
import { assertCanManageMember, canManageMember, managedPaths, memberPaths, piiView, type MemberPlacement } from './member-access';

// city c › township t › villages v1 (grid g1) and v2 (grid g2); township t2 › village v3 (grid g3)
const G1 = ['c', 't', 'v1', 'g1'];
const G2 = ['c', 't', 'v2', 'g2'];
const G3 = ['c', 't2', 'v3', 'g3'];
const T2 = ['c', 't2'];
const NOW = new Date('2026-11-30T08:00:00Z');
const ENDED_EARLY = new Date('2026-03-01T00:00:00Z');
const ENDED_LATE = new Date('2026-09-01T00:00:00Z');
const ENDS_LATER = new Date('2027-01-01T00:00:00Z');

/** An assignment on the unit at the end of `orgPath`, open (`to` omitted) or ending at `to`. */
const on = (orgPath: string[], to: Date | null = null) => ({ unitId: orgPath[orgPath.length - 1], orgPath, to });
const member = (assignments: ReturnType<typeof on>[], createdBy?: string): MemberPlacement => ({ _id: 'm-1', createdBy, assignments });
const as = (id: string, role: string, unitId: string) => Access.of({ kind: 'MEMBER', id, grants: [{ role, unitId }] });
const secretaryV1 = as('sec-1', 'VILLAGE_SECRETARY', 'v1');
const dispatcher = as('disp', 'TOWNSHIP_DISPATCHER', 't');
const gridMember = as('m-1', 'GRID_MEMBER', 'g1');
const admin = Access.of({ kind: 'ADMIN', id: 'admin' });
const warehouse = Access.of({ kind: 'SERVICE', id: 'warehouse', permissions: ['read'] });

describe('memberPaths', () => {
  it('prefers the current path of a unit over the stored one, and puts a member without roles nowhere', () => {
    expect(memberPaths(member([on(G1), on(G2)]), (unitId) => (unitId === 'g1' ? ['c', 't2', 'v9', 'g1'] : undefined))).toEqual([['c', 't2', 'v9', 'g1'], G2]);
    expect(memberPaths(member([]))).toEqual([[]]);
  });
});

describe('managedPaths', () => {
  it.each<[string, MemberPlacement, string[][] | null]>([
    ['every open assignment', member([on(G1), on(G2, ENDS_LATER), on(G3, ENDED_LATE)]), [G1, G2]],
    ['with none open, the latest-ended one', member([on(G3, ENDED_EARLY), on(G1, ENDED_LATE), on(G2, ENDED_EARLY)]), [G1]],
    ['none for a member who never held a role', member([]), null],
  ])('%s', (_label, target, expected) => {
    expect(managedPaths(target, NOW)).toEqual(expected);
  });

  it('uses the current path of a unit that moved', () => {
    expect(managedPaths(member([on(G1)]), NOW, () => G3)).toEqual([G3]);
  });
});

describe('canManageMember', () => {
  it.each<[string, Access, MemberPlacement, boolean]>([
    ['a secretary, a member of their village', secretaryV1, member([on(G1)]), true],
    ['a secretary, a member serving in their village and another one', secretaryV1, member([on(G2), on(G1)]), false],
    ['a secretary, a member of another village', secretaryV1, member([on(G2)]), false],
    ['a secretary, a member who served in their village and now serves in another township', secretaryV1, member([on(G1, ENDED_EARLY), on(T2)]), false],
    ['a secretary, a member whose role elsewhere starts later', secretaryV1, member([on(G1, ENDED_EARLY), on(G3, ENDS_LATER)]), false],
    ['a secretary, a member who served last in their village', secretaryV1, member([on(G3, ENDED_EARLY), on(G1, ENDED_LATE)]), true],
    ['a secretary, a member who served in their village before serving elsewhere last', secretaryV1, member([on(G1, ENDED_EARLY), on(G3, ENDED_LATE)]), false],
    ['a secretary, a member whose role in their village ends later', secretaryV1, member([on(G1, ENDS_LATER)]), true],
    ['a dispatcher, a member serving in two villages of their township', dispatcher, member([on(G1), on(G2)]), true],
    ['a dispatcher, a member serving in their township and another one', dispatcher, member([on(G1), on(G3)]), false],
    ['a grid member (no members:manage), a member of their grid', gridMember, member([on(G1)]), false],
    ['a secretary, a member without roles they registered', secretaryV1, member([], 'sec-1'), true],
    ['a secretary, a member without roles someone else registered', secretaryV1, member([], 'disp'), false],
    ['a secretary, their registered member once placed elsewhere', secretaryV1, member([on(G2)], 'sec-1'), false],
    ['the administrator, a member without roles', admin, member([]), true],
    ['the administrator, a member serving in two townships', admin, member([on(G1), on(G3)]), true],
    ['a read-only service account', warehouse, member([on(G1)]), false],
  ])('%s', (_label, access, target, expected) => {
    expect(canManageMember(access, target, undefined, NOW)).toBe(expected);
  });

  it('judges a moved unit by its current path', () => {
    expect(canManageMember(secretaryV1, member([on(G3)]), () => G1, NOW)).toBe(true);
    expect(canManageMember(secretaryV1, member([on(G1)]), () => G3, NOW)).toBe(false);
  });

  it('refuses with FORBIDDEN, naming the member', () => {
    expect(() => assertCanManageMember(secretaryV1, member([on(G1, ENDED_EARLY), on(T2)]), undefined, NOW)).toThrow(/m-1 serves outside your units/);
    expect(() => assertCanManageMember(secretaryV1, member([], 'disp'), undefined, NOW)).toThrow(ForbiddenError);
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
  ])('%s', (_label, access, paths, ownerId, expected) => {
    expect(piiView(access, paths, ownerId)).toBe(expected);
  });
});
