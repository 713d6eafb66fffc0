// Who may see and change what, through the gateway with real sign-ins: a grid
// member of village A, the secretary of village A, the township's dispatcher
// and a grid member of village B, against the tickets, visits, members,
// households and scores of both villages — by list, by id and by entity
// reference — and refused mutations change nothing.
import type { Principal } from '@steward/auth';
import { authorizeStack, graphql, graphqlData, MONGO_URL, uniqueName, waitFor } from '@steward/testing';
import { MongoClient } from 'mongodb';
import path from 'node:path';
import { currentMonthKey, dispatch } from './chain-fixtures';
import { startStack } from '../../tools/stack.cjs';

type Stack = Awaited<ReturnType<typeof startStack>>;
type Headers = Record<string, string>;
type Result = Awaited<ReturnType<typeof graphql>>;

const PASSWORD = 'matrix-password-2026';
const PERIOD = { kind: 'MONTH', key: currentMonthKey() };

interface World {
  township: string;
  villages: { A: string; B: string };
  grids: { A: string; B: string };
  members: { gridA: string; gridB: string; secretaryA: string; dispatcher: string };
  tickets: { A: string; B: string };
  households: { A: string; B: string };
}

const codeOf = (result: Result) => result.errors?.[0]?.extensions?.code;

describe('access by role and org scope, through the gateway', () => {
  let stack: Stack;
  let url: string;
  let prefix: string;
  let world: World;
  const as: Record<'gridA' | 'gridB' | 'secretaryA' | 'dispatcher' | 'anonymous', Headers> = { gridA: {}, gridB: {}, secretaryA: {}, dispatcher: {}, anonymous: {} };
  let phoneNo = 0;
  const phone = () => `137${String(Date.now()).slice(-6)}${String((phoneNo += 1)).padStart(2, '0')}`;

  const unit = async (input: Record<string, unknown>) => (await graphqlData<{ createOrgUnit: { id: string } }>(url, 'mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { id } }', { input })).createOrgUnit.id;

  async function member(name: string, unitId: string, role: string, isPartyMember = true): Promise<{ id: string; phone: string }> {
    const memberPhone = phone();
    const { createMember } = await graphqlData<{ createMember: { id: string } }>(url, 'mutation($input: CreateMemberInput!) { createMember(input: $input) { id } }', {
      input: { name, phone: memberPhone, isPartyMember },
    });
    await waitFor(async () => !(await graphql(url, 'mutation($input: AssignRoleInput!) { assignRole(input: $input) { id } }', { input: { memberId: createMember.id, unitId, role } })).errors, {
      description: `${name}'s role`,
    });
    await graphqlData(url, 'mutation($id: ID!, $p: String!) { setMemberPassword(memberId: $id, password: $p) }', { id: createMember.id, p: PASSWORD });
    return { id: createMember.id, phone: memberPhone };
  }

  async function ticketOn(grid: string, handlerId: string): Promise<string> {
    const id = await waitFor(
      async () =>
        (await graphql<{ reportTicket: { id: string } }>(url, 'mutation($input: ReportTicketInput!) { reportTicket(input: $input) { id } }', {
          input: { title: '路灯不亮', category: 'STREET_LIGHTING', channel: 'HOTLINE', unitId: grid, reporter: { name: '村民', phone: phone() } },
        })).data?.reportTicket.id,
      { description: 'tickets to know the grid' },
    );
    await graphqlData(url, 'mutation($id: ID!) { acceptTicket(id: $id) { status } }', { id });
    await dispatch(url, id, handlerId);
    return id;
  }

  async function household(gridId: string): Promise<string> {
    return waitFor(
      async () =>
        (await graphql<{ createHousehold: { id: string } }>(url, 'mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { id } }', {
          input: { gridId, address: '青山村3组12号', head: '王德明', size: 3, tags: ['ELDERLY_ALONE'], phone: phone() },
        })).data?.createHousehold.id,
      { description: 'members to know the grid' },
    );
  }

  beforeAll(async () => {
    prefix = uniqueName('acl').replace(/-/g, '_');
    stack = await startStack({ portOffset: 950, databasePrefix: prefix, logDir: path.join(__dirname, '../../.local/logs', prefix) });
    authorizeStack(stack);
    url = stack.url as string;

    const city = await unit({ level: 'CITY', name: '马鞍山市' });
    const district = await unit({ level: 'DISTRICT', name: '含山县', parentId: city });
    const township = await unit({ level: 'TOWNSHIP', name: '清溪镇', parentId: district });
    const villageA = await unit({ level: 'ADMIN_VILLAGE', name: '太平村', parentId: township });
    const villageB = await unit({ level: 'ADMIN_VILLAGE', name: '八卦村', parentId: township });
    const gridA = await unit({ level: 'GRID', name: '太平村第一网格', parentId: villageA });
    const gridB = await unit({ level: 'GRID', name: '八卦村第一网格', parentId: villageB });
    const gridMemberA = await member('张网格', gridA, 'GRID_MEMBER');
    const gridMemberB = await member('李网格', gridB, 'GRID_MEMBER');
    const secretaryA = await member('王书记', villageA, 'VILLAGE_SECRETARY');
    const dispatcher = await member('赵调度', township, 'TOWNSHIP_DISPATCHER', false);
    world = {
      township,
      villages: { A: villageA, B: villageB },
      grids: { A: gridA, B: gridB },
      members: { gridA: gridMemberA.id, gridB: gridMemberB.id, secretaryA: secretaryA.id, dispatcher: dispatcher.id },
      tickets: { A: await ticketOn(gridA, gridMemberA.id), B: await ticketOn(gridB, gridMemberB.id) },
      households: { A: await household(gridA), B: await household(gridB) },
    };
    as.gridA = await stack.login(gridMemberA.phone, PASSWORD);
    as.gridB = await stack.login(gridMemberB.phone, PASSWORD);
    as.secretaryA = await stack.login(secretaryA.phone, PASSWORD);
    as.dispatcher = await stack.login(dispatcher.phone, PASSWORD);
    // the dispatches' visits and scores exist before anyone reads them
    await waitFor(
      async () => {
        const data = await graphqlData<{ a: { received: number } | null; b: { received: number } | null }>(url, 'query($a: ID!, $b: ID!, $p: PeriodInput!) { a: score(subjectId: $a, period: $p) { received } b: score(subjectId: $b, period: $p) { received } }', { a: gridA, b: gridB, p: PERIOD });
        if (data.a?.received !== 1 || data.b?.received !== 1) throw new Error(`scores so far: ${JSON.stringify(data)}`);
        return true;
      },
      { description: 'both dispatches to be scored', timeoutMs: 120_000 },
    );
  }, 420_000);

  afterAll(async () => {
    await stack?.stop();
  });

  describe('lists show only what lies inside the caller\'s units', () => {
    const ids = async (who: keyof typeof as, query: string, pick: (data: Record<string, unknown>) => string[]) => {
      const result = await graphql(url, query, { township: world.township }, as[who]);
      if (result.errors) return codeOf(result);
      return pick(result.data as Record<string, unknown>).sort();
    };
    const edges = (field: string) => (data: Record<string, unknown>) => (data[field] as { edges: { node: { id: string } }[] }).edges.map((edge) => edge.node.id);

    type ListCase = [who: keyof typeof as, list: 'tickets' | 'households' | 'visits', expected: () => string[] | 'UNAUTHENTICATED' | 'ONLY_A'];
    it.each<ListCase>([
      ['gridA', 'tickets', () => [world.tickets.A]],
      ['secretaryA', 'tickets', () => [world.tickets.A]],
      ['gridB', 'tickets', () => [world.tickets.B]],
      ['dispatcher', 'tickets', () => [world.tickets.A, world.tickets.B]],
      ['anonymous', 'tickets', () => 'UNAUTHENTICATED'],
      ['gridA', 'households', () => [world.households.A]],
      ['dispatcher', 'households', () => [world.households.A, world.households.B]],
      ['anonymous', 'households', () => 'UNAUTHENTICATED'],
      ['gridA', 'visits', () => 'ONLY_A'],
    ])('%s lists %s', async (who, list, expected) => {
      const queries: Record<string, [string, (data: Record<string, unknown>) => string[]]> = {
        tickets: ['query($township: ID!) { tickets(filter: { within: $township }, first: 50) { edges { node { id } } } }', edges('tickets')],
        households: ['query($township: ID!) { households(filter: { within: $township }, first: 50) { edges { node { id } } } }', edges('households')],
        visits: ['query { visits(first: 50) { edges { node { id grid { id } } } } }', (data) => (data.visits as { edges: { node: { grid: { id: string } } }[] }).edges.map((edge) => edge.node.grid.id)],
      };
      const [query, pick] = queries[list];
      const got = await ids(who, query, pick);
      const want = expected();
      if (want === 'ONLY_A') {
        expect(Array.isArray(got) && got.length > 0 && got.every((unitId) => unitId === world.grids.A)).toBe(true);
      } else {
        expect(got).toEqual(Array.isArray(want) ? [...want].sort() : want);
      }
    });

    it('members within the township: each sees the people of their own units', async () => {
      const list = async (who: keyof typeof as) =>
        (await graphqlData<{ members: { edges: { node: { id: string } }[] } }>(url, 'query($t: ID!) { members(filter: { within: $t }, first: 50) { edges { node { id } } } }', { t: world.township }, as[who])).members.edges.map((edge) => edge.node.id).sort();
      expect(await list('gridA')).toEqual([world.members.gridA]);
      expect(await list('secretaryA')).toEqual([world.members.gridA, world.members.secretaryA].sort());
      expect(await list('dispatcher')).toEqual(Object.values(world.members).sort());
    });
  });

  describe('by id and by entity reference', () => {
    const cases: [string, keyof typeof as, string, () => Record<string, unknown>, string | null][] = [
      ['a ticket of village B', 'gridA', 'query($id: ID!) { ticket(id: $id) { id } }', () => ({ id: world.tickets.B }), 'FORBIDDEN'],
      ['its own ticket with handler, unit and breadcrumb', 'gridA', 'query($id: ID!) { ticket(id: $id) { id handler { id name } unit { name parent { name } } } }', () => ({ id: world.tickets.A }), null],
      ['a member of village B', 'gridA', 'query($id: ID!) { member(id: $id) { id } }', () => ({ id: world.members.gridB }), 'FORBIDDEN'],
      ['a household of village B', 'secretaryA', 'query($id: ID!) { household(id: $id) { id } }', () => ({ id: world.households.B }), 'FORBIDDEN'],
      ['the score of grid B', 'gridA', 'query($id: ID!, $p: PeriodInput!) { score(subjectId: $id, period: $p) { received } }', () => ({ id: world.grids.B, p: PERIOD }), 'FORBIDDEN'],
      ['the score of grid A', 'gridA', 'query($id: ID!, $p: PeriodInput!) { score(subjectId: $id, period: $p) { received } }', () => ({ id: world.grids.A, p: PERIOD }), null],
      ['the ranking of the villages of the township', 'secretaryA', 'query($id: ID!, $p: PeriodInput!) { ranking(parentId: $id, level: ADMIN_VILLAGE, period: $p) { totalCount } }', () => ({ id: world.township, p: PERIOD }), 'FORBIDDEN'],
      ['the ranking of the villages of the township', 'dispatcher', 'query($id: ID!, $p: PeriodInput!) { ranking(parentId: $id, level: ADMIN_VILLAGE, period: $p) { totalCount } }', () => ({ id: world.township, p: PERIOD }), null],
      ["the township's score through its org unit (entity reference)", 'gridA', 'query($id: ID!, $p: PeriodInput!) { orgUnit(id: $id) { name score(period: $p) { received } } }', () => ({ id: world.township, p: PERIOD }), 'FORBIDDEN'],
      ["village B's handler through village B's org unit", 'gridA', 'query($id: ID!) { orgUnit(id: $id) { id } }', () => ({ id: world.villages.B }), 'FORBIDDEN'],
      ["the township's ticket statistics (entity reference)", 'secretaryA', 'query($id: ID!) { orgUnit(id: $id) { ticketStats { received } } }', () => ({ id: world.township }), 'FORBIDDEN'],
    ];
    it.each(cases)('%s, as %s', async (_label, who, query, variables, expected) => {
      const result = await graphql(url, query, variables(), as[who]);
      expect(codeOf(result) ?? null).toBe(expected);
    });

    it('tickets of a visible unit through the entity reference count only visible tickets', async () => {
      const data = await graphqlData<{ orgUnit: { tickets: { totalCount: number } } }>(url, 'query($id: ID!) { orgUnit(id: $id) { tickets(first: 10) { totalCount } } }', { id: world.villages.A }, as.gridA);
      expect(data.orgUnit.tickets.totalCount).toBe(1);
    });

    it('a direct entity lookup on a subgraph, signed for grid member A, refuses village B\'s member', async () => {
      const principal: Principal = { kind: 'MEMBER', id: world.members.gridA, grants: [{ role: 'GRID_MEMBER', unitId: world.grids.A }] };
      const result = await graphql(stack.subgraphUrl('members'), 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { id } } }', { r: [{ __typename: 'Member', id: world.members.gridB }] }, stack.signedHeaders(principal));
      expect(codeOf(result)).toBe('FORBIDDEN');
    });
  });

  describe('refused changes change nothing', () => {
    const ticketStatus = async (id: string) => (await graphqlData<{ ticket: { status: string; version: number } }>(url, 'query($id: ID!) { ticket(id: $id) { status version } }', { id })).ticket;

    it.each([
      ['grid member A starts village B\'s ticket', 'gridA', 'mutation($id: ID!) { startTicket(id: $id) { status } }'],
      ['grid member A escalates village B\'s ticket', 'gridA', 'mutation($id: ID!) { escalateTicket(id: $id, reason: "太难") { status } }'],
      ['secretary A rejects village B\'s ticket', 'secretaryA', 'mutation($id: ID!) { rejectTicket(id: $id, reason: "不属实") { status } }'],
    ] as const)('%s: FORBIDDEN', async (_label, who, mutation) => {
      const before = await ticketStatus(world.tickets.B);
      const result = await graphql(url, mutation, { id: world.tickets.B }, as[who]);
      expect(codeOf(result)).toBe('FORBIDDEN');
      expect(await ticketStatus(world.tickets.B)).toEqual(before);
    });

    it('grid member A cannot change a member or household of village B, nor manage org or scoring', async () => {
      const attempts: [string, Record<string, unknown>][] = [
        ['mutation($id: ID!) { updateMember(id: $id, input: { name: "改名" }) { id } }', { id: world.members.gridB }],
        ['mutation($id: ID!) { updateHousehold(id: $id, input: { size: 9 }) { id } }', { id: world.households.B }],
        ['mutation($id: ID!) { updateOrgUnit(id: $id, input: { name: "改名" }) { id } }', { id: world.villages.B }],
        ['mutation { setScoringPolicy(input: { completion: 1, onTime: 1, satisfaction: 1, compliance: 1, note: "x" }) { version } }', {}],
        ['mutation($id: ID!, $p: PeriodInput!) { closePeriod(period: $p, unitId: $id) { id } }', { id: world.villages.B, p: PERIOD }],
      ];
      for (const [mutation, variables] of attempts) expect([mutation, codeOf(await graphql(url, mutation, variables, as.gridA))]).toEqual([mutation, 'FORBIDDEN']);
      const after = await graphqlData<{ member: { name: string }; household: { size: number }; orgUnit: { name: string }; scoringPolicy: { version: number } }>(
        url,
        'query($m: ID!, $h: ID!, $u: ID!) { member(id: $m) { name } household(id: $h) { size } orgUnit(id: $u) { name } scoringPolicy { version } }',
        { m: world.members.gridB, h: world.households.B, u: world.villages.B },
      );
      expect(after).toEqual({ member: { name: '李网格' }, household: { size: 3 }, orgUnit: { name: '八卦村' }, scoringPolicy: { version: 1 } });
    });
  });

  describe('phones (PII)', () => {
    const householdPhone = async (who: keyof typeof as) =>
      (await graphqlData<{ household: { phone: string } }>(url, 'query($id: ID!) { household(id: $id) { phone } }', { id: world.households.A }, as[who])).household.phone;

    it('are masked for a grid member and shown to the village secretary, whose read is audited', async () => {
      expect(await householdPhone('gridA')).toMatch(/^\d{3}\*{4}\d{4}$/);
      const shown = await householdPhone('secretaryA');
      expect(shown).toMatch(/^\d{11}$/);
      const client = await MongoClient.connect(MONGO_URL);
      try {
        const entries = await client.db(`${prefix}_members`).collection('audit_log').find({ action: 'PII_READ', entityId: world.households.A }).toArray();
        expect(entries.map((entry) => entry.actor)).toContain(`MEMBER:${world.members.secretaryA}`);
        expect(entries.map((entry) => entry.actor)).not.toContain(`MEMBER:${world.members.gridA}`);
      } finally {
        await client.close();
      }
    });
  });
});
