import { Access, ALL_UNITS, type Principal } from '@steward/auth';
import { ForbiddenError, UnauthenticatedError } from '@steward/errors';
import { assertCanEverywhere, assertInScope, assertMayRecordVisit, memberInScope } from './visits-access';

// city c › township t1 › village v1 › grids g1, g2; village v2 › grid g3
const G1 = ['c', 't1', 'v1', 'g1'];
const G3 = ['c', 't1', 'v2', 'g3'];
const member = (id: string, role: string, unitId: string): Access => Access.of({ kind: 'MEMBER', id, grants: [{ role, unitId }] });
const gridMember = member('m-g1', 'GRID_MEMBER', 'g1');
const instructor = member('m-ins', 'GRID_INSTRUCTOR', 'g1');
const staff = member('m-staff', 'VILLAGE_STAFF', 'v1');
const secretary = member('m-sec', 'VILLAGE_SECRETARY', 'v1');
const dispatcher = member('m-t1', 'TOWNSHIP_DISPATCHER', 't1');
const admin = Access.of({ kind: 'ADMIN', id: 'admin' });
const recorderService = Access.of({ kind: 'SERVICE', id: 'app', permissions: ['visits:record'] });
const managerService = Access.of({ kind: 'SERVICE', id: 'ops', permissions: ['visits:manage'] });
const anonymous = Access.anonymous();

function outcome(check: () => void): 'ok' | 'FORBIDDEN' | 'UNAUTHENTICATED' {
  try {
    check();
    return 'ok';
  } catch (error) {
    if (error instanceof ForbiddenError) return 'FORBIDDEN';
    if (error instanceof UnauthenticatedError) return 'UNAUTHENTICATED';
    throw error;
  }
}

describe('who may record a visit', () => {
  it.each([
    ['a grid member, own visit in the grid', gridMember, 'm-g1', G1, 'ok'],
    ['a grid member, a colleague’s visit', gridMember, 'm-other', G1, 'FORBIDDEN'],
    ['a grid member, own visit in another village', gridMember, 'm-g1', G3, 'FORBIDDEN'],
    ['an instructor, another member’s visit', instructor, 'm-other', G1, 'FORBIDDEN'],
    ['village staff, anyone’s visit in the village', staff, 'm-other', G1, 'ok'],
    ['a village secretary, anyone’s visit in the village', secretary, 'm-other', G1, 'ok'],
    ['a village secretary, a visit in another village', secretary, 'm-other', G3, 'FORBIDDEN'],
    ['a township dispatcher (no visits:record)', dispatcher, 'm-t1', G1, 'FORBIDDEN'],
    ['an administrator, anyone’s visit', admin, 'm-other', G3, 'ok'],
    ['a service holding visits:record', recorderService, 'm-other', G3, 'ok'],
    ['a service without visits:record', managerService, 'm-other', G1, 'FORBIDDEN'],
    ['an anonymous caller', anonymous, 'm-g1', G1, 'UNAUTHENTICATED'],
  ] as const)('%s: %s', (_label, access, memberId, orgPath, expected) => {
    expect(outcome(() => assertMayRecordVisit(access, memberId, orgPath))).toBe(expected);
  });

  it('lets a grid member who is also village staff record for others only inside that village', () => {
    const both: Principal = {
      kind: 'MEMBER',
      id: 'm-both',
      grants: [
        { role: 'GRID_MEMBER', unitId: 'g3' },
        { role: 'VILLAGE_STAFF', unitId: 'v1' },
      ],
    };
    expect(outcome(() => assertMayRecordVisit(Access.of(both), 'm-other', G1))).toBe('ok');
    expect(outcome(() => assertMayRecordVisit(Access.of(both), 'm-other', G3))).toBe('FORBIDDEN');
    expect(outcome(() => assertMayRecordVisit(Access.of(both), 'm-both', G3))).toBe('ok');
  });
});

describe('city-wide and scoped checks', () => {
  it.each([
    [admin, 'ok'],
    [managerService, 'ok'],
    [dispatcher, 'FORBIDDEN'],
    [gridMember, 'FORBIDDEN'],
    [anonymous, 'UNAUTHENTICATED'],
  ] as const)('%#: visits:manage everywhere → %s', (access, expected) => {
    expect(outcome(() => assertCanEverywhere(access, 'visits:manage'))).toBe(expected);
  });

  it('refuses a record outside the scope', () => {
    expect(outcome(() => assertInScope({ kind: 'UNITS', unitIds: ['v1'] }, G1))).toBe('ok');
    expect(outcome(() => assertInScope({ kind: 'UNITS', unitIds: ['v1'] }, G3))).toBe('FORBIDDEN');
    expect(outcome(() => assertInScope(ALL_UNITS, G3))).toBe('ok');
  });

  it('sees a member assigned to some unit inside the scope', () => {
    expect(memberInScope({ kind: 'UNITS', unitIds: ['v1'] }, [G3, G1])).toBe(true);
    expect(memberInScope({ kind: 'UNITS', unitIds: ['v1'] }, [G3])).toBe(false);
    expect(memberInScope({ kind: 'UNITS', unitIds: ['v1'] }, [])).toBe(false);
    expect(memberInScope(ALL_UNITS, [])).toBe(true);
  });
});
