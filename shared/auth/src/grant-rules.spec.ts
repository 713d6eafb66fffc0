import { ForbiddenError } from '@steward/errors';
import { Access } from './access';
import { assertCanGrant, judgeGrant, permissionsOfRole } from './grant-rules';
import { SERVICE_PERMISSIONS } from './permissions';

const ROLES = [
  'GRID_LEADER',
  'GRID_MEMBER',
  'GRID_INSTRUCTOR',
  'GRID_ASSISTANT',
  'VILLAGE_SECRETARY',
  'VILLAGE_STAFF',
  'TOWNSHIP_DISPATCHER',
  'HOTLINE_OPERATOR',
  'ADMIN',
] as const;
type Role = (typeof ROLES)[number];

// The granter holds their role on unit U (city c › township t1 › U); the target unit lies…
const RELATIONS = {
  'the same unit': ['c', 't1', 'U'],
  'a unit below': ['c', 't1', 'U', 'U1'],
  'the unit above': ['c', 't1'],
  'a sibling unit': ['c', 't1', 'S'],
  'another township': ['c', 't2', 'v9'],
} as const;
type Relation = keyof typeof RELATIONS;

/** What each granter role may give on its own unit and below: the roles whose permissions it holds, members:manage included. */
const GRANTABLE: Record<Role, readonly Role[]> = {
  ADMIN: ROLES,
  TOWNSHIP_DISPATCHER: ['TOWNSHIP_DISPATCHER', 'HOTLINE_OPERATOR'],
  VILLAGE_SECRETARY: ['GRID_LEADER', 'GRID_MEMBER', 'GRID_INSTRUCTOR', 'GRID_ASSISTANT', 'VILLAGE_SECRETARY', 'VILLAGE_STAFF', 'HOTLINE_OPERATOR'],
  VILLAGE_STAFF: [],
  GRID_LEADER: [],
  GRID_MEMBER: [],
  GRID_INSTRUCTOR: [],
  GRID_ASSISTANT: [],
  HOTLINE_OPERATOR: [],
};

const holding = (...grants: [string, string][]) => Access.of({ kind: 'MEMBER', id: 'granter', grants: grants.map(([role, unitId]) => ({ role, unitId })) });

describe('permissionsOfRole', () => {
  it.each<[Role, string[]]>([
    ['GRID_MEMBER', ['tickets:report', 'tickets:handle', 'visits:record']],
    ['HOTLINE_OPERATOR', ['tickets:report', 'tickets:feedback', 'pii:read']],
    ['TOWNSHIP_DISPATCHER', ['members:manage', 'tickets:report', 'tickets:dispatch', 'tickets:handle', 'tickets:feedback', 'visits:manage', 'pii:read']],
  ])('%s carries %j', (role, permissions) => {
    expect(permissionsOfRole(role)).toEqual(permissions);
  });
});

describe('judgeGrant: granter role × target role × unit relation', () => {
  const cases = ROLES.flatMap((granter) =>
    ROLES.flatMap((target) =>
      (Object.keys(RELATIONS) as Relation[]).map((relation): [Role, Role, Relation, boolean] => [
        granter,
        target,
        relation,
        (relation === 'the same unit' || relation === 'a unit below') && GRANTABLE[granter].includes(target),
      ]),
    ),
  );

  it.each(cases)('a %s may give %s on %s: %s', (granter, target, relation, allowed) => {
    expect(judgeGrant(holding([granter, 'U']), target, RELATIONS[relation]).allowed).toBe(allowed);
  });
});

describe('judgeGrant: other callers', () => {
  const everything = Access.of({ kind: 'SERVICE', id: 'hr-sync', permissions: [...SERVICE_PERMISSIONS] });
  const managerOnly = Access.of({ kind: 'SERVICE', id: 'roster', permissions: ['members:manage'] });
  const bootstrap = Access.of({ kind: 'ADMIN', id: 'admin' });

  it.each<[string, Access, Role, readonly string[], boolean]>([
    ['the bootstrap administrator, ADMIN anywhere', bootstrap, 'ADMIN', RELATIONS['another township'], true],
    ['the bootstrap administrator, a grid role', bootstrap, 'GRID_MEMBER', RELATIONS['a unit below'], true],
    ['a service account with every permission, a dispatcher', everything, 'TOWNSHIP_DISPATCHER', RELATIONS['another township'], true],
    ['a service account with every permission, ADMIN', everything, 'ADMIN', RELATIONS['the same unit'], false],
    ['a service account with members:manage only, a grid role', managerOnly, 'GRID_MEMBER', RELATIONS['the same unit'], false],
    ['a dispatcher above who is also the secretary, a grid role below', holding(['TOWNSHIP_DISPATCHER', 't1'], ['VILLAGE_SECRETARY', 'U']), 'GRID_MEMBER', RELATIONS['a unit below'], true],
    ['a dispatcher above who is also the secretary, a dispatcher on the village', holding(['TOWNSHIP_DISPATCHER', 't1'], ['VILLAGE_SECRETARY', 'U']), 'TOWNSHIP_DISPATCHER', RELATIONS['the same unit'], true],
    ['a secretary who is a grid member elsewhere, a grid role there', holding(['VILLAGE_SECRETARY', 'U'], ['GRID_MEMBER', 'S']), 'GRID_MEMBER', RELATIONS['a sibling unit'], false],
    ['a member holding ADMIN on a sibling, ADMIN here', holding(['ADMIN', 'S']), 'ADMIN', RELATIONS['the same unit'], false],
  ])('%s: %s', (_label, access, role, path, allowed) => {
    expect(judgeGrant(access, role, path).allowed).toBe(allowed);
  });

  it('refuses a village secretary who makes themself ADMIN of their village, saying why', () => {
    const secretary = holding(['VILLAGE_SECRETARY', 'U']);
    expect(() => assertCanGrant(secretary, 'ADMIN', RELATIONS['the same unit'])).toThrow(ForbiddenError);
    expect(judgeGrant(secretary, 'ADMIN', RELATIONS['the same unit'])).toEqual({ allowed: false, reason: expect.stringContaining('administrator') });
    expect(judgeGrant(holding(['TOWNSHIP_DISPATCHER', 'U']), 'GRID_MEMBER', RELATIONS['the same unit'])).toEqual({
      allowed: false,
      reason: expect.stringContaining('visits:record'),
    });
  });
});
