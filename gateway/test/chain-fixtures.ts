// Steps of the dispatch chain, through the gateway, shared by the end-to-end tests.
import { graphql, graphqlData, waitFor } from '@steward/testing';

export interface GridWithHandler {
  township: string;
  grid: string;
  handlerId: string;
}

/** For retried mutations: false keeps waiting, and the thrown message shows up if the wait times out. */
function succeeded(result: { errors?: readonly { message: string }[] }): boolean {
  if (result.errors?.length) throw new Error(result.errors.map((error) => error.message).join('; '));
  return true;
}

const CREATE_UNIT = `mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { id } }`;

async function createUnit(url: string, input: Record<string, unknown>): Promise<string> {
  const data = await graphqlData<{ createOrgUnit: { id: string } }>(url, CREATE_UNIT, { input });
  return data.createOrgUnit.id;
}

/** 马鞍山市 › 含山县 › 清溪镇 › 太平村 › one grid, and a party member holding GRID_MEMBER there. */
export async function createGridWithHandler(url: string): Promise<GridWithHandler> {
  const city = await createUnit(url, { level: 'CITY', name: '马鞍山市' });
  const district = await createUnit(url, { level: 'DISTRICT', name: '含山县', parentId: city });
  const township = await createUnit(url, { level: 'TOWNSHIP', name: '清溪镇', parentId: district });
  const village = await createUnit(url, { level: 'ADMIN_VILLAGE', name: '太平村', parentId: township });
  const grid = await createUnit(url, { level: 'GRID', name: '太平村第一网格', parentId: village });

  const { createMember } = await graphqlData<{ createMember: { id: string } }>(
    url,
    `mutation($input: CreateMemberInput!) { createMember(input: $input) { id } }`,
    { input: { name: '张网格', phone: `139${String(Date.now()).slice(-8)}`, isPartyMember: true } },
  );
  const handlerId = createMember.id;
  // members learns about the new grid from the org state topic: retry until its replica has it.
  await waitFor(
    async () => {
      const result = await graphql(url, `mutation($input: AssignRoleInput!) { assignRole(input: $input) { id } }`, {
        input: { memberId: handlerId, unitId: grid, role: 'GRID_MEMBER' },
      });
      return succeeded(result);
    },
    { description: 'the grid role to be assigned' },
  );
  return { township, grid, handlerId };
}

/** Reports a ticket on `grid` by hotline and accepts it; returns its id. */
export async function reportAndAccept(url: string, grid: string, title = '灌溉渠堵塞'): Promise<string> {
  const ticketId = await waitFor(
    async () => {
      const result = await graphql<{ reportTicket: { id: string } }>(
        url,
        `mutation($input: ReportTicketInput!) { reportTicket(input: $input) { id } }`,
        { input: { title, category: 'WATER_IRRIGATION', channel: 'HOTLINE', unitId: grid } },
      );
      return succeeded(result) && result.data?.reportTicket.id;
    },
    { description: 'tickets to know the grid and take the report' },
  );
  await graphqlData(url, `mutation($id: ID!) { acceptTicket(id: $id) { status } }`, { id: ticketId });
  return ticketId;
}

/** Dispatches to `handlerId`, retrying until tickets' member replica knows the handler's role. */
export async function dispatch(url: string, ticketId: string, handlerId: string): Promise<{ status: string; version: number }> {
  return waitFor(
    async () => {
      const result = await graphql<{ dispatchTicket: { status: string; version: number } }>(
        url,
        `mutation($id: ID!, $input: DispatchTicketInput!) { dispatchTicket(id: $id, input: $input) { status version } }`,
        { id: ticketId, input: { handlerId } },
      );
      return succeeded(result) && result.data?.dispatchTicket;
    },
    { description: "tickets to know the handler's role" },
  );
}

/** The current month in Asia/Shanghai, e.g. "2026-11": the period the chain's scores land in. */
export function currentMonthKey(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' })
    .format(new Date())
    .slice(0, 7);
}

export interface ScoreView {
  received: number;
  subjectType: string;
}

export interface ChainView {
  ticket: {
    status: string;
    visits: { status: string; kind: string }[];
    handler: { id: string; score: ScoreView | null };
    unit: { id: string; name: string; score: ScoreView | null };
  };
  township: ScoreView | null;
}

/** One query through the gateway across tickets, visits, members, org and assessment. */
export async function readChain(url: string, ticketId: string, township: string): Promise<ChainView> {
  const query = `query($id: ID!, $township: ID!, $period: PeriodInput!) {
    ticket(id: $id) {
      status
      visits { status kind }
      handler { id score(period: $period) { received subjectType } }
      unit { id name score(period: $period) { received subjectType } }
    }
    township: score(subjectId: $township, period: $period) { received subjectType }
  }`;
  return graphqlData<ChainView>(url, query, { id: ticketId, township, period: { kind: 'MONTH', key: currentMonthKey() } });
}

/** Polls until the dispatch's visit and scores are visible, and returns them. */
export async function waitForChain(url: string, ticketId: string, township: string): Promise<ChainView> {
  return waitFor(
    async () => {
      const view = await readChain(url, ticketId, township);
      const complete = view.ticket.visits.length > 0 && view.ticket.handler.score && view.ticket.unit.score && view.township;
      return complete ? view : undefined;
    },
    { description: 'the visit and the scores to appear', timeoutMs: 60_000 },
  );
}
