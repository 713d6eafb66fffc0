// End to end through the gateway: dispatchTicket → tickets stores state and
// event in one update → relay publishes steward.ticket.dispatched.v1 → visits
// plans a visit → assessment counts it for the handler and every unit above.
import { graphql, graphqlData, uniqueName, waitFor } from '@steward/testing';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startStack } = require('../../tools/stack.cjs') as typeof import('../../tools/stack.cjs');

type Stack = Awaited<ReturnType<typeof startStack>>;

const CREATE_UNIT = `mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { id level } }`;

describe('dispatch → visit → score, through the gateway', () => {
  let stack: Stack;
  let url: string;

  beforeAll(async () => {
    const prefix = uniqueName('e2e').replace(/-/g, '_');
    stack = await startStack({
      portOffset: 100,
      databasePrefix: prefix,
      logDir: path.join(__dirname, '../../.local/logs', prefix),
    });
    url = stack.url;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function createUnit(input: Record<string, unknown>): Promise<string> {
    const data = await graphqlData<{ createOrgUnit: { id: string } }>(url, CREATE_UNIT, { input });
    return data.createOrgUnit.id;
  }

  it('shows the planned visit and the scores after a dispatch', async () => {
    const city = await createUnit({ level: 'CITY', name: '马鞍山市' });
    const district = await createUnit({ level: 'DISTRICT', name: '含山县', parentId: city });
    const township = await createUnit({ level: 'TOWNSHIP', name: '清溪镇', parentId: district });
    const village = await createUnit({ level: 'ADMIN_VILLAGE', name: '太平村', parentId: township });
    const grid = await createUnit({ level: 'GRID', name: '太平村第一网格', parentId: village });

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
        return !result.errors;
      },
      { description: 'the grid role to be assigned' },
    );

    const ticketId = await waitFor(
      async () => {
        const result = await graphql<{ reportTicket: { id: string } }>(
          url,
          `mutation($input: ReportTicketInput!) { reportTicket(input: $input) { id } }`,
          { input: { title: '灌溉渠堵塞', category: 'WATER_IRRIGATION', channel: 'HOTLINE', unitId: grid } },
        );
        return result.data?.reportTicket.id;
      },
      { description: 'tickets to know the grid and take the report' },
    );
    await graphqlData(url, `mutation($id: ID!) { acceptTicket(id: $id) { status } }`, { id: ticketId });
    const dispatched = await waitFor(
      async () => {
        const result = await graphql<{ dispatchTicket: { status: string } }>(
          url,
          `mutation($id: ID!, $input: DispatchTicketInput!) { dispatchTicket(id: $id, input: $input) { status } }`,
          { id: ticketId, input: { handlerId } },
        );
        return result.data?.dispatchTicket;
      },
      { description: "tickets to know the handler's role" },
    );
    expect(dispatched.status).toBe('DISPATCHED');

    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' })
      .format(new Date())
      .slice(0, 7);
    const chainQuery = `query($id: ID!, $period: PeriodInput!) {
      ticket(id: $id) {
        status
        visits { status kind }
        handler { id score(period: $period) { received subjectType } }
        unit { id name score(period: $period) { received subjectType } }
      }
      township: score(subjectId: "${township}", period: $period) { received subjectType }
    }`;
    interface ChainResult {
      ticket: {
        status: string;
        visits: { status: string; kind: string }[];
        handler: { id: string; score: { received: number; subjectType: string } | null };
        unit: { id: string; name: string; score: { received: number; subjectType: string } | null };
      };
      township: { received: number; subjectType: string } | null;
    }
    const chain = await waitFor(
      async () => {
        const data = await graphqlData<ChainResult>(url, chainQuery, { id: ticketId, period: { kind: 'MONTH', key: month } });
        const complete = data.ticket.visits.length > 0 && data.ticket.handler.score && data.ticket.unit.score && data.township;
        return complete ? data : undefined;
      },
      { description: 'the visit and the scores to appear', timeoutMs: 60_000 },
    );
    expect(chain.ticket.status).toBe('DISPATCHED');
    expect(chain.ticket.visits).toEqual([{ status: 'PLANNED', kind: 'TICKET_HANDLING' }]);
    expect(chain.ticket.handler).toEqual({ id: handlerId, score: { received: 1, subjectType: 'MEMBER' } });
    expect(chain.ticket.unit).toEqual({ id: grid, name: '太平村第一网格', score: { received: 1, subjectType: 'GRID' } });
    expect(chain.township).toEqual({ received: 1, subjectType: 'TOWNSHIP' });
  });

  it('refuses bad input with a stable code and changes nothing', async () => {
    const result = await graphql(url, `mutation { createOrgUnit(input: { level: DISTRICT, name: "无上级" }) { id } }`);
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const missing = await graphql(url, `mutation { acceptTicket(id: "no-such-ticket") { id } }`);
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
