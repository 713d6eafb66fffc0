// End to end through the gateway: dispatchTicket → tickets stores state and
// event in one update → relay publishes steward.ticket.dispatched.v1 → visits
// plans a visit → assessment counts it for the handler and every unit above.
import { graphql, graphqlData, uniqueName, authorizeStack, waitFor } from '@steward/testing';
import path from 'node:path';
import { createGridWithHandler, currentMonthKey, dispatch, reportAndAccept, waitForChain } from './chain-fixtures';
import { startStack } from '../../tools/stack.cjs';

type Stack = Awaited<ReturnType<typeof startStack>>;

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
    authorizeStack(stack);
    if (!stack.url) throw new Error('the stack started without its gateway');
    url = stack.url;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('shows the planned visit and the scores after a dispatch', async () => {
    const { township, grid, handlerId } = await createGridWithHandler(url);
    const ticketId = await reportAndAccept(url, grid);
    const dispatched = await dispatch(url, ticketId, handlerId);
    expect(dispatched.status).toBe('DISPATCHED');

    const chain = await waitForChain(url, ticketId, township);
    expect(chain.ticket.status).toBe('DISPATCHED');
    expect(chain.ticket.visits).toEqual([{ status: 'PLANNED', kind: 'TICKET_HANDLING' }]);
    expect(chain.ticket.handler).toEqual({ id: handlerId, score: { received: 1, subjectType: 'MEMBER' } });
    expect(chain.ticket.unit).toEqual({ id: grid, name: '太平村第一网格', score: { received: 1, subjectType: 'GRID' } });
    expect(chain.township).toEqual({ received: 1, subjectType: 'TOWNSHIP' });
  });

  it('shows one 办结率 (completion rate): the ticket figures and the assessment score agree', async () => {
    const { township, grid, handlerId } = await createGridWithHandler(url);
    const report = async (title: string): Promise<string> => {
      const data = await graphqlData<{ reportTicket: { id: string } }>(url, `mutation($input: ReportTicketInput!) { reportTicket(input: $input) { id } }`, {
        input: { title, category: 'WATER_IRRIGATION', channel: 'HOTLINE', unitId: grid },
      });
      return data.reportTicket.id;
    };
    const resolvedId = await reportAndAccept(url, grid, '水渠漏水');
    await dispatch(url, resolvedId, handlerId);
    await graphqlData(url, `mutation($id: ID!) { startTicket(id: $id) { status } }`, { id: resolvedId });
    await graphqlData(url, `mutation($id: ID!) { resolveTicket(id: $id, input: { resolution: "已修复" }) { status } }`, { id: resolvedId });
    await reportAndAccept(url, grid, '泵站故障'); // taken in, still being handled
    await report('路灯不亮'); // taken in, awaiting acceptance
    const rejectedId = await report('重复来电');
    await graphqlData(url, `mutation($id: ID!) { rejectTicket(id: $id, reason: "非本单位职责") { status } }`, { id: rejectedId });

    // four received, one rejected: three taken in (纳入办理), one of them resolved
    const figures = await waitFor(
      async () => {
        const data = await graphqlData<{
          ticketStats: { received: number; takenIn: number; resolved: number; completionRate: number | null };
          score: { received: number; resolved: number; completionRate: number | null } | null;
        }>(
          url,
          `query($t: ID!, $period: PeriodInput!) {
            ticketStats(within: $t) { received takenIn resolved completionRate }
            score(subjectId: $t, period: $period) { received resolved completionRate }
          }`,
          { t: township, period: { kind: 'MONTH', key: currentMonthKey() } },
        );
        return data.score?.received === 3 && data.score.resolved === 1 ? data : undefined;
      },
      { description: 'the assessment to count the four reports, the rejection and the resolution', timeoutMs: 60_000 },
    );
    expect(figures.ticketStats).toMatchObject({ received: 4, takenIn: 3, resolved: 1 });
    expect(figures.ticketStats.completionRate).toBeCloseTo(1 / 3);
    expect(figures.score?.completionRate).toBeCloseTo(1 / 3);
  });

  it('refuses bad input with a stable code and changes nothing', async () => {
    const result = await graphql(url, `mutation { createOrgUnit(input: { level: DISTRICT, name: "无上级" }) { id } }`);
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const missing = await graphql(url, `mutation { acceptTicket(id: "no-such-ticket") { id } }`);
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
