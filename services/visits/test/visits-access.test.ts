// Who may read and change what in the visits subgraph (SECURITY.md), on the
// built service with real Kafka and FerretDB: callers of every kind × every
// operation × a record inside or outside their units → data, filtered,
// FORBIDDEN or UNAUTHENTICATED; refused mutations leave nothing behind.
import type { Principal } from '@steward/auth';
import { createEvent, memberState, Topics } from '@steward/events';
import { graphql, waitFor, type GraphQLResponse } from '@steward/testing';
import { publish, publishWorld, startVisits, VisitsClient, waitForWorld, type Households, type People, type Place, type VisitsHarness } from './visits-harness';

/** A local (Asia/Shanghai) wall-clock time as an ISO instant. */
const local = (dateTime: string) => new Date(`${dateTime}+08:00`).toISOString();

type Who = 'gridMemberA' | 'secretaryA' | 'dispatcher' | 'memberB' | 'serviceRead' | 'serviceNoRead' | 'anonymous' | 'admin';
const EVERYONE: Who[] = ['gridMemberA', 'secretaryA', 'dispatcher', 'memberB', 'serviceRead', 'serviceNoRead', 'anonymous', 'admin'];

type Outcome = 'DATA' | 'NULL' | 'FORBIDDEN' | 'UNAUTHENTICATED';
const D: Outcome = 'DATA';
const N: Outcome = 'NULL';
const F: Outcome = 'FORBIDDEN';
const U: Outcome = 'UNAUTHENTICATED';

const VISIT_BY_ID = `query($id: ID!) { visit(id: $id) { id member { id } } }`;
const VISIT_ENTITY = `query($r: [_Any!]!) { _entities(representations: $r) { ... on VisitLog { id } } }`;
const LIST = `query($from: DateTime!, $to: DateTime!) { visits(filter: { from: $from, to: $to }) { totalCount edges { node { id } } } }`;
const LOG = `mutation($input: LogVisitInput!) { logVisit(input: $input) { id member { id } } }`;

describe('visits access control', () => {
  let harness: VisitsHarness;
  let client: VisitsClient;
  let place: Place;
  let people: People;
  let households: Households;
  let principals: Record<Who, Principal>;
  /** a GRID_MEMBER of g3 in the other village */
  let memberB: string;
  /** a completed visit of grid g1 (village A) and one of grid g3 (village B), in 2026-W46 */
  const visitIn: { A: string; B: string } = { A: '', B: '' };

  const as = <T = Record<string, unknown>>(who: Who, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> =>
    graphql<T>(harness.url, query, variables, harness.signedHeaders(principals[who]));

  function outcomeOf(response: GraphQLResponse<Record<string, unknown>>, pick: (data: Record<string, unknown> | null | undefined) => unknown): string {
    const code = response.errors?.[0]?.extensions?.code;
    if (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED') return pick(response.data) == null ? code : `${code} with data`;
    if (code) return `${code}: ${response.errors?.[0].message}`;
    return pick(response.data) == null ? N : D;
  }

  beforeAll(async () => {
    harness = await startVisits({ portOffset: 710, prefixBase: 'v8' });
    client = new VisitsClient(harness.url);
    ({ place, people, households } = await publishWorld(harness.producer, harness.prefix));
    memberB = `${harness.prefix}-member-b`;
    await publish(harness.producer, Topics.members, [
      createEvent(memberState, {
        subject: memberB,
        aggregateVersion: 1,
        data: {
          id: memberB,
          name: '大岗网格员',
          isPartyMember: false,
          status: 'ACTIVE',
          assignments: [{ id: `${memberB}-a1`, orgUnitId: place.g3, role: 'GRID_MEMBER', from: new Date('2026-01-01T00:00:00+08:00').toISOString(), to: null }],
        },
      }),
    ]);
    await waitForWorld(client, place, people);
    await waitFor(async () => !(await client.request(`query($m: ID!) { weeklyCompliance(memberId: $m) { week } }`, { m: memberB })).errors, {
      description: 'the replica to know the member of village B',
      timeoutMs: 60_000,
    });

    principals = {
      gridMemberA: { kind: 'MEMBER', id: people.handler, grants: [{ role: 'GRID_MEMBER', unitId: place.g1 }] },
      secretaryA: { kind: 'MEMBER', id: `${harness.prefix}-secretary`, grants: [{ role: 'VILLAGE_SECRETARY', unitId: place.village }] },
      // the test tree has no township: the dispatcher works on the unit above both villages
      dispatcher: { kind: 'MEMBER', id: `${harness.prefix}-dispatcher`, grants: [{ role: 'TOWNSHIP_DISPATCHER', unitId: place.city }] },
      memberB: { kind: 'MEMBER', id: memberB, grants: [{ role: 'GRID_MEMBER', unitId: place.g3 }] },
      serviceRead: { kind: 'SERVICE', id: 'warehouse', permissions: ['read'] },
      serviceNoRead: { kind: 'SERVICE', id: 'wechat', permissions: ['tickets:report'] },
      anonymous: { kind: 'ANONYMOUS' },
      admin: { kind: 'ADMIN', id: 'admin' },
    };

    const logged = async (memberId: string, gridId: string, householdIds: string[] = []) => {
      const { logVisit } = await client.data<{ logVisit: { id: string } }>(LOG, {
        input: { memberId, gridId, householdIds, startedAt: local('2026-11-10T09:00:00'), endedAt: local('2026-11-10T10:00:00') },
      });
      return logVisit.id;
    };
    visitIn.A = await logged(people.handler, place.g1, [households.plain]);
    visitIn.B = await logged(memberB, place.g3);
  }, 180_000);

  afterAll(async () => {
    await harness?.close();
  });

  describe('reading', () => {
    const INSIDE_A: Record<Who, Outcome> = { gridMemberA: D, secretaryA: D, dispatcher: D, memberB: F, serviceRead: D, serviceNoRead: F, anonymous: U, admin: D };
    const INSIDE_B: Record<Who, Outcome> = { ...INSIDE_A, gridMemberA: F, secretaryA: F, memberB: D };
    const ANY_READER: Record<Who, Outcome> = { ...INSIDE_A, memberB: D };
    const first = (data: Record<string, unknown> | null | undefined) => (data?._entities as unknown[] | undefined)?.[0];

    const cases: { operation: string; query: string; variables: () => Record<string, unknown>; pick: (data: Record<string, unknown> | null | undefined) => unknown; expected: Record<Who, Outcome> }[] = [
      { operation: 'visit in grid A by id', query: VISIT_BY_ID, variables: () => ({ id: visitIn.A }), pick: (data) => data?.visit, expected: INSIDE_A },
      { operation: 'visit in grid B by id', query: VISIT_BY_ID, variables: () => ({ id: visitIn.B }), pick: (data) => data?.visit, expected: INSIDE_B },
      {
        operation: 'an unknown visit by id',
        query: VISIT_BY_ID,
        variables: () => ({ id: 'no-such-visit' }),
        pick: (data) => data?.visit,
        expected: { ...ANY_READER, gridMemberA: N, secretaryA: N, dispatcher: N, memberB: N, serviceRead: N, admin: N },
      },
      {
        operation: 'visit in grid A as an entity (_entities)',
        query: VISIT_ENTITY,
        variables: () => ({ r: [{ __typename: 'VisitLog', id: visitIn.A }] }),
        pick: first,
        expected: INSIDE_A,
      },
      {
        operation: 'visit in grid B as an entity (_entities)',
        query: VISIT_ENTITY,
        variables: () => ({ r: [{ __typename: 'VisitLog', id: visitIn.B }] }),
        pick: first,
        expected: INSIDE_B,
      },
      {
        operation: 'household coverage of grid A',
        query: `query($g: ID!) { householdCoverage(gridId: $g, from: "2026-11-01T00:00:00Z", to: "2026-12-01T00:00:00Z") { visitedHouseholds } }`,
        variables: () => ({ g: place.g1 }),
        pick: (data) => data?.householdCoverage,
        expected: INSIDE_A,
      },
      {
        operation: 'unvisited households of grid B',
        query: `query($g: ID!) { unvisitedHouseholds(gridId: $g) { priority } }`,
        variables: () => ({ g: place.g3 }),
        pick: (data) => data?.unvisitedHouseholds,
        expected: INSIDE_B,
      },
      {
        operation: 'weekly compliance of a member of grid B',
        query: `query($m: ID!) { weeklyCompliance(memberId: $m, week: "2026-W46") { week } }`,
        variables: () => ({ m: memberB }),
        pick: (data) => data?.weeklyCompliance,
        expected: INSIDE_B,
      },
      {
        operation: 'weekly compliance of the instructor of grids A (Member entity)',
        query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { weeklyCompliance(week: "2026-W46") { week } } } }`,
        variables: () => ({ r: [{ __typename: 'Member', id: people.instructor }] }),
        pick: first,
        expected: INSIDE_A,
      },
      { operation: 'the duty rules', query: `{ dutyRules { version } }`, variables: () => ({}), pick: (data) => data?.dutyRules, expected: ANY_READER },
    ];

    it.each(cases.map((c) => [c.operation, c]))('%s', async (_operation, { query, variables, pick, expected }) => {
      const outcomes: Partial<Record<Who, string>> = {};
      for (const who of EVERYONE) outcomes[who] = outcomeOf(await as(who, query, variables()), pick);
      expect(outcomes).toEqual(expected);
    });

    it('lists only the visits inside the caller’s units; totalCount counts only those', async () => {
      const expected: Record<Who, string[] | Outcome> = {
        gridMemberA: [visitIn.A],
        secretaryA: [visitIn.A],
        dispatcher: [visitIn.A, visitIn.B],
        memberB: [visitIn.B],
        serviceRead: [visitIn.A, visitIn.B],
        serviceNoRead: F,
        anonymous: U,
        admin: [visitIn.A, visitIn.B],
      };
      const listed: Partial<Record<Who, string[] | string>> = {};
      for (const who of EVERYONE) {
        const result = await as<{ visits: { totalCount: number; edges: { node: { id: string } }[] } }>(who, LIST, {
          from: local('2026-11-09T00:00:00'),
          to: local('2026-11-16T00:00:00'),
        });
        const ids = result.data?.visits.edges.map((edge) => edge.node.id).sort();
        if (ids) expect(result.data?.visits.totalCount).toBe(ids.length);
        listed[who] = result.errors ? String(result.errors[0].extensions?.code) : ids;
      }
      expect(listed).toEqual(Object.fromEntries(Object.entries(expected).map(([who, value]) => [who, Array.isArray(value) ? [...value].sort() : value])));
    });

    it('filters the visits of extended entities (OrgUnit, Member, Household, Ticket) the same way', async () => {
      const query = `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on OrgUnit { visits { totalCount } }
        ... on Member { visits { totalCount } }
        ... on Household { lastVisitedAt visits { totalCount } }
        ... on Ticket { ticketVisits: visits { id } } } }`;
      const r = [
        { __typename: 'OrgUnit', id: place.city },
        { __typename: 'Member', id: people.handler },
        { __typename: 'Household', id: households.plain },
        // a ticket id of this stack's own: nobody else's ticket events can give it visits
        { __typename: 'Ticket', id: `${harness.prefix}-no-ticket` },
      ];
      const seen = async (who: Who) => {
        const result = await as(who, query, { r });
        return result.errors ? result.errors[0].extensions?.code : result.data?._entities;
      };
      const inA = [{ visits: { totalCount: 1 } }, { visits: { totalCount: 1 } }, { lastVisitedAt: local('2026-11-10T09:00:00'), visits: { totalCount: 1 } }, { ticketVisits: [] }];
      expect(await seen('secretaryA')).toEqual(inA);
      expect(await seen('dispatcher')).toEqual([{ visits: { totalCount: 2 } }, ...inA.slice(1)]);
      expect(await seen('memberB')).toEqual([{ visits: { totalCount: 1 } }, { visits: { totalCount: 0 } }, { lastVisitedAt: null, visits: { totalCount: 0 } }, { ticketVisits: [] }]);
      expect(await seen('anonymous')).toBe('UNAUTHENTICATED');
      expect(await seen('serviceNoRead')).toBe('FORBIDDEN');
    });
  });

  describe('changing', () => {
    // hand-logged visits only: the service also plans ticket visits for the ticket events other stacks publish meanwhile
    const count = () => harness.visits.countDocuments({ ticketId: null });
    const codeOf = (result: GraphQLResponse<unknown>) => (result.errors ? String(result.errors[0].extensions?.code) : 'OK');

    it('lets grid members log their own visits, village cadres anyone’s in their village, and refuses the rest changing nothing', async () => {
      const planned = (gridId: string, memberId?: string) => ({ input: { gridId, ...(memberId ? { memberId } : {}), notes: 'access test' } });
      const cases: [Who, string, Record<string, unknown>, string][] = [
        ['gridMemberA', 'own visit in grid A (memberId defaults to the caller)', planned(place.g1), 'OK'],
        ['gridMemberA', 'a visit of the instructor in grid A', planned(place.g1, people.instructor), 'FORBIDDEN'],
        ['gridMemberA', 'own visit in grid B', planned(place.g3, people.handler), 'FORBIDDEN'],
        ['secretaryA', 'a visit of the instructor in grid A', planned(place.g1, people.instructor), 'OK'],
        ['secretaryA', 'a visit of the member of grid B', planned(place.g3, memberB), 'FORBIDDEN'],
        ['dispatcher', 'a visit of the grid member in grid A (no visits:record)', planned(place.g1, people.handler), 'FORBIDDEN'],
        ['memberB', 'a visit of the grid member in grid A', planned(place.g1, people.handler), 'FORBIDDEN'],
        ['serviceRead', 'a visit in grid A', planned(place.g1, people.handler), 'FORBIDDEN'],
        ['serviceNoRead', 'a visit in grid A', planned(place.g1, people.handler), 'FORBIDDEN'],
        ['anonymous', 'a visit in grid A', planned(place.g1, people.handler), 'UNAUTHENTICATED'],
        ['admin', 'a visit of the member of grid B', planned(place.g3, memberB), 'OK'],
      ];
      for (const [who, what, variables, expected] of cases) {
        const before = await count();
        const result = await as<{ logVisit: { id: string; member: { id: string } } }>(who, LOG, variables);
        expect({ who, what, outcome: codeOf(result) }).toEqual({ who, what, outcome: expected });
        expect({ who, what, stored: (await count()) - before }).toEqual({ who, what, stored: expected === 'OK' ? 1 : 0 });
        if (result.data) {
          const principal = principals[who];
          const stored = await harness.visits.findOne({ _id: result.data.logVisit.id as never });
          expect(stored?.recordedBy).toBe(principal.kind === 'ANONYMOUS' ? undefined : principal.id);
        }
      }
    });

    it('starts, completes and cancels a visit only for its member or a cadre of its village', async () => {
      const { logVisit } = await client.data<{ logVisit: { id: string } }>(LOG, { input: { memberId: people.handler, gridId: place.g1 } });
      const id = logVisit.id;
      const snapshot = async () => {
        const doc = await harness.visits.findOne({ _id: id as never }, { projection: { outbox: 0, outboxPending: 0 } });
        return { status: doc?.status, revision: doc?.revision, recordedBy: doc?.recordedBy };
      };
      const start = `mutation($id: ID!) { startVisit(id: $id, startedAt: "${local('2026-11-20T09:00:00')}") { status } }`;
      const complete = `mutation($id: ID!) { completeVisit(id: $id, input: { endedAt: "${local('2026-11-20T10:00:00')}" }) { status } }`;
      const cancel = `mutation($id: ID!) { cancelVisit(id: $id, reason: "不去了") { status } }`;

      const untouched = await snapshot();
      for (const who of ['dispatcher', 'memberB', 'serviceRead', 'anonymous'] as Who[]) {
        for (const mutation of [start, complete, cancel]) {
          const result = await as(who, mutation, { id });
          expect({ who, outcome: codeOf(result) }).toEqual({ who, outcome: who === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN' });
        }
      }
      // a grid colleague on the same grid may not change it either
      const colleague: Principal = { kind: 'MEMBER', id: people.instructor, grants: [{ role: 'GRID_INSTRUCTOR', unitId: place.g1 }] };
      for (const mutation of [start, complete, cancel]) {
        const result = await graphql(harness.url, mutation, { id }, harness.signedHeaders(colleague));
        expect(codeOf(result)).toBe('FORBIDDEN');
      }
      expect(await snapshot()).toEqual(untouched);

      expect(codeOf(await as('gridMemberA', start, { id }))).toBe('OK');
      expect(await snapshot()).toMatchObject({ status: 'IN_PROGRESS', recordedBy: people.handler });
      expect(codeOf(await as('secretaryA', complete, { id }))).toBe('OK');
      expect(await snapshot()).toMatchObject({ status: 'COMPLETED', recordedBy: principals.secretaryA.kind === 'MEMBER' ? principals.secretaryA.id : '' });
    });

    it('lets only a city-wide visits:manage replace the duty rules, recording who did', async () => {
      const set = `mutation($input: SetDutyRulesInput!) { setDutyRules(input: $input) { version } }`;
      const input = { rules: [{ role: 'GRID_INSTRUCTOR', measure: 'COMPLETED_VISITS', minimum: 1 }], expectedVersion: 0 };
      const expected: Record<Who, string> = {
        gridMemberA: 'FORBIDDEN',
        secretaryA: 'FORBIDDEN',
        dispatcher: 'FORBIDDEN',
        memberB: 'FORBIDDEN',
        serviceRead: 'FORBIDDEN',
        serviceNoRead: 'FORBIDDEN',
        anonymous: 'UNAUTHENTICATED',
        admin: 'OK',
      };
      const outcomes: Partial<Record<Who, string>> = {};
      // the administrator last: every refusal must leave version 0 for it
      for (const who of EVERYONE) outcomes[who] = codeOf(await as(who, set, { input }));
      expect(outcomes).toEqual(expected);
      const settings = await harness.db.collection('settings').findOne({ _id: 'duty-rules' as never });
      expect(settings).toMatchObject({ version: 1, updatedBy: 'admin' });
    });

    // (not evaluated city-wide here: that would cover every member on the shared topics of other test runs)
    it('evaluates compliance within a unit for visits:manage there, city-wide only for an administrator', async () => {
      const evaluate = `mutation($within: ID) { evaluateCompliance(week: "2026-W46", within: $within) { members } }`;
      const verdicts = () => harness.verdicts.countDocuments({});
      const refused: [Who, string | null, string][] = [
        ['gridMemberA', place.village, 'FORBIDDEN'],
        ['secretaryA', place.village, 'FORBIDDEN'],
        ['memberB', place.otherVillage, 'FORBIDDEN'],
        ['serviceRead', place.village, 'FORBIDDEN'],
        ['anonymous', place.village, 'UNAUTHENTICATED'],
        ['anonymous', null, 'UNAUTHENTICATED'],
        ['dispatcher', null, 'FORBIDDEN'],
      ];
      for (const [who, within, code] of refused) {
        expect({ who, within, outcome: codeOf(await as(who, evaluate, { within })) }).toEqual({ who, within, outcome: code });
      }
      expect(await verdicts()).toBe(0);
      expect(codeOf(await as('dispatcher', evaluate, { within: place.village }))).toBe('OK');
      expect(await verdicts()).toBeGreaterThan(0);
      expect(codeOf(await as('admin', evaluate, { within: place.otherVillage }))).toBe('OK');
    });
  });
});
