// Attack: scopes gone stale after a move. A grid moved from 太平村 to 八卦村
// (moveOrgUnit) kept its households, tickets, visits and members under 太平村:
// 八卦村's secretary could not read them and 太平村's still could, phones in clear.
// Every service that stores org paths now re-paths its records from the org
// topic; this checks, through the gateway with real sign-ins, that the new
// village sees the grid's records within seconds and the old one does not.
// Plus the grid where a problem is located: it keeps reading its ticket after
// escalation (to tell the resident) without being able to work it.
import { graphql, graphqlData, waitFor } from '@steward/testing';
import { codeOf, startAttackWorld, type AttackWorld, type Headers, type SignedInMember } from './attack-world';

const MOVE_TIMEOUT_MS = 30_000;
const HOUSEHOLD_PHONE = '13955501234';

/** Mutations retried while a service's replica has not yet learnt of a new unit, member or household. */
async function eventually<T>(run: () => Promise<{ data?: T; errors?: { message: string }[] }>, description: string): Promise<T> {
  return waitFor(
    async () => {
      const result = await run();
      if (result.errors?.length) throw new Error(result.errors.map((error) => error.message).join('; '));
      return result.data;
    },
    { description },
  );
}

/** The current month in Asia/Shanghai, e.g. "2026-11". */
const currentMonth = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);

interface GridRecords {
  householdId: string;
  ticketId: string;
  visitId: string;
  ticketVisitId: string;
}

describe('attack: records of a moved grid (moveOrgUnit)', () => {
  let world: AttackWorld;
  let url: string;
  let gridMember: SignedInMember;
  let taipingSecretary: SignedInMember;
  let baguaSecretary: SignedInMember;

  beforeAll(async () => {
    world = await startAttackWorld(1200, 'atk-move');
    url = world.url;
    gridMember = await world.member('太平村网格员', world.units.taipingGrid, 'GRID_MEMBER');
    taipingSecretary = await world.member('太平村书记', world.units.taiping, 'VILLAGE_SECRETARY');
    baguaSecretary = await world.member('八卦村书记', world.units.bagua, 'VILLAGE_SECRETARY');
  }, 300_000);

  afterAll(async () => {
    await world?.stop();
  });

  /** A household, a dispatched ticket (and the handler's visit it plans) and a logged visit, all on 太平村's grid. */
  async function recordsOnTaipingGrid(): Promise<GridRecords> {
    const grid = world.units.taipingGrid;
    const { createHousehold } = await eventually<{ createHousehold: { id: string } }>(
      () =>
        graphql(url, 'mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { id } }', {
          input: { gridId: grid, address: '太平村东组8号', head: '王大伯', size: 3, phone: HOUSEHOLD_PHONE },
        }),
      'members to know the grid',
    );
    const { reportTicket } = await eventually<{ reportTicket: { id: string } }>(
      () =>
        graphql(url, 'mutation($input: ReportTicketInput!) { reportTicket(input: $input) { id } }', {
          input: { title: '灌溉渠堵塞', category: 'WATER_IRRIGATION', channel: 'HOTLINE', unitId: grid, reporter: { name: '王大伯', phone: HOUSEHOLD_PHONE } },
        }),
      'tickets to know the grid',
    );
    const ticketId = reportTicket.id;
    await graphqlData(url, 'mutation($id: ID!) { acceptTicket(id: $id) { id } }', { id: ticketId });
    await eventually(
      () => graphql(url, 'mutation($id: ID!, $input: DispatchTicketInput!) { dispatchTicket(id: $id, input: $input) { id } }', { id: ticketId, input: { handlerId: gridMember.id } }),
      "tickets to know the grid member's role",
    );
    const { logVisit } = await eventually<{ logVisit: { id: string } }>(
      () => graphql(url, 'mutation($input: LogVisitInput!) { logVisit(input: $input) { id } }', { input: { gridId: grid, notes: '走访王大伯' } }, gridMember.headers),
      "visits to know the grid member's role",
    );
    // the dispatch plans the handler's TICKET_HANDLING visit (visits reads the ticket events)
    const ticketVisitId = await waitFor(
      async () => (await graphqlData<{ visits: { edges: { node: { id: string } }[] } }>(url, 'query($t: ID) { visits(filter: { ticketId: $t }) { edges { node { id } } } }', { t: ticketId })).visits.edges[0]?.node.id,
      { description: "the handler's planned visit" },
    );
    return { householdId: createHousehold.id, ticketId, visitId: logVisit.id, ticketVisitId };
  }

  /** What a village secretary sees of the grid's records: by id (DATA or the error code) and in lists of their village. */
  async function seenBy(who: SignedInMember, village: string, records: GridRecords) {
    const byId = async (query: string, id: string) => {
      const result = await graphql<Record<string, unknown>>(url, query, { id }, who.headers);
      return codeOf(result) ?? (Object.values(result.data ?? {})[0] ? 'DATA' : 'NULL');
    };
    // one list per request: together they pass the gateway's cost limit
    const list = async (field: string) =>
      (await graphqlData<Record<string, { edges: { node: { id: string } }[] }>>(
        url,
        `query($v: ID!) { ${field}(filter: { within: $v }, first: 50) { edges { node { id } } } }`,
        { v: village },
        who.headers,
      ))[field];
    const lists = { households: await list('households'), tickets: await list('tickets'), visits: await list('visits'), members: await list('members') };
    const listed = (rows: { edges: { node: { id: string } }[] }, id: string) => rows.edges.some((edge) => edge.node.id === id);
    // assessment keeps its counts where they were made, but decides who reads a unit's score on the current tree
    const gridScore = await graphql(url, 'query($id: ID!, $p: PeriodInput!) { score(subjectId: $id, period: $p) { received } }', { id: world.units.taipingGrid, p: { kind: 'MONTH', key: currentMonth() } }, who.headers);
    return {
      gridScore: codeOf(gridScore) ?? 'DATA',
      household: await byId('query($id: ID!) { household(id: $id) { id } }', records.householdId),
      ticket: await byId('query($id: ID!) { ticket(id: $id) { id } }', records.ticketId),
      visit: await byId('query($id: ID!) { visit(id: $id) { id } }', records.visitId),
      ticketVisit: await byId('query($id: ID!) { visit(id: $id) { id } }', records.ticketVisitId),
      member: await byId('query($id: ID!) { member(id: $id) { id } }', gridMember.id),
      listed: {
        household: listed(lists.households, records.householdId),
        ticket: listed(lists.tickets, records.ticketId),
        visits: listed(lists.visits, records.visitId) && listed(lists.visits, records.ticketVisitId),
        member: listed(lists.members, gridMember.id),
      },
    };
  }

  const SEES_ALL = {
    gridScore: 'DATA',
    household: 'DATA',
    ticket: 'DATA',
    visit: 'DATA',
    ticketVisit: 'DATA',
    member: 'DATA',
    listed: { household: true, ticket: true, visits: true, member: true },
  };
  const SEES_NOTHING = {
    gridScore: 'FORBIDDEN',
    household: 'FORBIDDEN',
    ticket: 'FORBIDDEN',
    visit: 'FORBIDDEN',
    ticketVisit: 'FORBIDDEN',
    member: 'FORBIDDEN',
    listed: { household: false, ticket: false, visits: false, member: false },
  };

  it("hands the grid's households, tickets, visits and members to 八卦村 and takes them from 太平村", async () => {
    const records = await recordsOnTaipingGrid();
    const { units } = world;
    // before the move: 太平村's records
    expect(await seenBy(taipingSecretary, units.taiping, records)).toEqual(SEES_ALL);
    expect(await seenBy(baguaSecretary, units.bagua, records)).toEqual(SEES_NOTHING);

    const moved = await graphqlData<{ moveOrgUnit: { id: string; parent: { id: string } } }>(
      url,
      'mutation($id: ID!, $to: ID!) { moveOrgUnit(id: $id, newParentId: $to) { id parent { id } } }',
      { id: units.taipingGrid, to: units.bagua },
    );
    expect(moved.moveOrgUnit.parent.id).toBe(units.bagua);

    const newView = await waitFor(
      async () => {
        const view = await seenBy(baguaSecretary, units.bagua, records);
        return JSON.stringify(view) === JSON.stringify(SEES_ALL) ? view : undefined;
      },
      { description: "八卦村's secretary to see the moved grid's records", timeoutMs: MOVE_TIMEOUT_MS, intervalMs: 500 },
    );
    expect(newView).toEqual(SEES_ALL);
    expect(
      await waitFor(
        async () => {
          const view = await seenBy(taipingSecretary, units.taiping, records);
          return JSON.stringify(view) === JSON.stringify(SEES_NOTHING) ? view : undefined;
        },
        { description: "太平村's secretary to lose the moved grid's records", timeoutMs: MOVE_TIMEOUT_MS, intervalMs: 500 },
      ),
    ).toEqual(SEES_NOTHING);

    // 八卦村's secretary holds pii:read there now: the household's phone and the reporter's in clear
    const clear = await graphqlData<{ household: { phone: string }; ticket: { reporter: { phone: string } } }>(
      url,
      'query($h: ID!, $t: ID!) { household(id: $h) { phone } ticket(id: $t) { reporter { phone } } }',
      { h: records.householdId, t: records.ticketId },
      baguaSecretary.headers,
    );
    expect(clear).toEqual({ household: { phone: HOUSEHOLD_PHONE }, ticket: { reporter: { phone: HOUSEHOLD_PHONE } } });

    // and may manage them there: 太平村's secretary may not
    const update = (headers: Headers) =>
      graphql(url, 'mutation($id: ID!) { updateHousehold(id: $id, input: { size: 4 }) { size } }', { id: records.householdId }, headers);
    expect(codeOf(await update(taipingSecretary.headers))).toBe('FORBIDDEN');
    expect((await update(baguaSecretary.headers)).data).toEqual({ updateHousehold: { size: 4 } });
  });

  it('lets the grid where a problem lies read its escalated ticket, not work it; another village reads nothing', async () => {
    const { units } = world;
    const leader = await world.member('八卦村网格长', units.baguaGrid, 'GRID_LEADER');
    const danyangGridMember = await world.member('丹阳村网格员', units.danyangGrid, 'GRID_MEMBER');
    const { reportTicket } = await eventually<{ reportTicket: { id: string; level: string } }>(
      () =>
        graphql(url, 'mutation($input: ReportTicketInput!) { reportTicket(input: $input) { id level } }', {
          input: { title: '水渠漏水', category: 'WATER_IRRIGATION', channel: 'GRID_REPORT', unitId: units.baguaGrid },
        }, leader.headers),
      'tickets to know the grid leader',
    );
    const id = reportTicket.id;
    expect(reportTicket.level).toBe('GRID');
    await graphqlData(url, 'mutation($id: ID!) { acceptTicket(id: $id) { id } }', { id }, leader.headers);
    // the grid cannot handle it: up to the village, whose secretary sends it on to the township
    await graphqlData(url, 'mutation($id: ID!) { escalateTicket(id: $id, reason: "网格处理不了") { id } }', { id }, leader.headers);
    const atTownship = await graphqlData<{ escalateTicket: { level: string; unit: { id: string } } }>(
      url,
      'mutation($id: ID!) { escalateTicket(id: $id, reason: "村里解决不了") { level unit { id } } }',
      { id },
      baguaSecretary.headers,
    );
    expect(atTownship.escalateTicket).toEqual({ level: 'TOWNSHIP', unit: { id: units.qingxi } });

    const read = (headers: Headers) => graphql<{ ticket: { id: string; version: number; level: string } }>(url, 'query($id: ID!) { ticket(id: $id) { id version level } }', { id }, headers);
    const listed = async (headers: Headers) =>
      (await graphqlData<{ tickets: { edges: { node: { id: string } }[] } }>(url, 'query { tickets(first: 100) { edges { node { id } } } }', {}, headers)).tickets.edges.some(
        (edge) => edge.node.id === id,
      );
    const before = await read(leader.headers);
    expect(before.data?.ticket).toMatchObject({ id, level: 'TOWNSHIP' });
    expect(await listed(leader.headers)).toBe(true);

    // reading is not working it: the commands stay with the township
    const commands = {
      addProgress: codeOf(await graphql(url, 'mutation($id: ID!) { addProgress(id: $id, input: { note: "已告知居民" }) { id } }', { id }, leader.headers)),
      resolveTicket: codeOf(await graphql(url, 'mutation($id: ID!) { resolveTicket(id: $id, input: { resolution: "已疏通" }) { id } }', { id }, leader.headers)),
      escalateTicket: codeOf(await graphql(url, 'mutation($id: ID!) { escalateTicket(id: $id, reason: "再上报") { id } }', { id }, leader.headers)),
    };
    expect(commands).toEqual({ addProgress: 'FORBIDDEN', resolveTicket: 'FORBIDDEN', escalateTicket: 'FORBIDDEN' });
    expect((await read(leader.headers)).data).toEqual(before.data);

    // a grid of another village (another township here) reads nothing of it
    expect(codeOf(await read(danyangGridMember.headers))).toBe('FORBIDDEN');
    expect(await listed(danyangGridMember.headers)).toBe(false);
  });
});
