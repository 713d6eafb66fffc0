// End to end through the gateway: dispatchTicket → tickets stores state and
// event in one update → relay publishes steward.ticket.dispatched.v1 → visits
// plans a visit → assessment counts it for the handler and every unit above.
import { graphql, uniqueName, authorizeStack } from '@steward/testing';
import path from 'node:path';
import { createGridWithHandler, dispatch, reportAndAccept, waitForChain } from './chain-fixtures';
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

  it('refuses bad input with a stable code and changes nothing', async () => {
    const result = await graphql(url, `mutation { createOrgUnit(input: { level: DISTRICT, name: "无上级" }) { id } }`);
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const missing = await graphql(url, `mutation { acceptTicket(id: "no-such-ticket") { id } }`);
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
