// Two instances of every subgraph behind the gateway (`startStack({ instances: 2 })`,
// `<NAME>_SUBGRAPH_URL` as a list): requests go round robin over the instances,
// keep succeeding while one is SIGKILLed (the gateway skips it) and reach it
// again after its restart. Which instance served a read is seen in its own log:
// tickets writes an audit line (PII_READ) for every ticket it shows with the
// reporter's phone in clear, and each process logs to `<logDir>/<name>.log`.
import { authorizeStack, graphql, graphqlData, uniqueName, waitFor } from '@steward/testing';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createPlace } from '../../services/tickets/test/helpers';
import { startStack, SUBGRAPHS } from '../../tools/stack.cjs';

type Stack = Awaited<ReturnType<typeof startStack>>;

const OFFSET = 1400;
const READ_TICKET = 'query($id: ID!) { ticket(id: $id) { id reporter { phone } } }';
const REPORTER_PHONE = '13905551234';

describe('several instances of every subgraph behind the gateway', () => {
  let stack: Stack;
  let url: string;

  beforeAll(async () => {
    const databasePrefix = uniqueName('e2e_instances').replace(/-/g, '_');
    stack = await startStack({
      portOffset: OFFSET,
      databasePrefix,
      logDir: path.join(__dirname, '../../.local/logs', databasePrefix),
      instances: 2,
      timeoutMs: 300_000,
    });
    if (!stack.url) throw new Error('the stack started without its gateway');
    url = stack.url;
    // gateway calls carry the token of a real sign-in of the administrator through the gateway
    authorizeStack(stack);
  }, 420_000);

  afterAll(async () => {
    await stack?.stop();
  });

  /**
   * The audit lines a tickets process wrote for `ticketId`: one per answer that showed the reporter's
   * phone in clear (every read of READ_TICKET, and every mutation, which answers with the ticket).
   */
  function servedBy(name: 'tickets' | 'tickets-2', ticketId: string): number {
    const lines = readFileSync(path.join(stack.logDir, `${name}.log`), 'utf8').split('\n');
    return lines.filter((line) => line.includes('"PII_READ"') && line.includes(`"entityId":"${ticketId}"`)).length;
  }

  /** Both instances' counts once they add up to `total` (log lines are written asynchronously). */
  function servedInAll(ticketId: string, total: number) {
    return waitFor(
      () => {
        const counts = { one: servedBy('tickets', ticketId), two: servedBy('tickets-2', ticketId) };
        return counts.one + counts.two === total && counts;
      },
      { description: `${total} audit lines of the ticket in the logs of tickets and tickets-2` },
    );
  }

  async function readTicket(ticketId: string): Promise<void> {
    const result = await graphqlData<{ ticket: { id: string; reporter: { phone: string } } }>(url, READ_TICKET, { id: ticketId });
    expect(result.ticket).toEqual({ id: ticketId, reporter: { phone: REPORTER_PHONE } });
  }

  async function reportTicket(unitId: string): Promise<string> {
    return waitFor(
      async () => {
        const result = await graphql<{ reportTicket: { id: string } }>(
          url,
          `mutation($input: ReportTicketInput!) { reportTicket(input: $input) { id } }`,
          { input: { title: '灌溉渠堵塞', category: 'WATER_IRRIGATION', channel: 'HOTLINE', unitId, reporter: { name: '王大爷', phone: REPORTER_PHONE } } },
        );
        return result.data?.reportTicket.id;
      },
      // each tickets instance learns the new unit from the org topic on its own
      { description: 'tickets to know the new grid and take the report' },
    );
  }

  it('starts instance 1 under the subgraph name and port, instance 2 at +2000, and gives the gateway both', async () => {
    const subgraphs = stack.processes.filter((entry) => entry.subgraph !== undefined);
    expect(subgraphs.map(({ name, subgraph, instance, port }) => ({ name, subgraph, instance, port })).filter(({ subgraph }) => subgraph === 'tickets')).toEqual([
      { name: 'tickets', subgraph: 'tickets', instance: 1, port: 4003 + OFFSET },
      { name: 'tickets-2', subgraph: 'tickets', instance: 2, port: 6003 + OFFSET },
    ]);
    expect(subgraphs).toHaveLength(2 * SUBGRAPHS.length);
    expect(stack.subgraphUrls('tickets')).toEqual([`http://127.0.0.1:${4003 + OFFSET}/graphql`, `http://127.0.0.1:${6003 + OFFSET}/graphql`]);
    expect(stack.subgraphUrl('tickets-2')).toBe(`http://127.0.0.1:${6003 + OFFSET}/graphql`);
    const gateway = stack.processes.find(({ name }) => name === 'gateway');
    expect(gateway?.env.TICKETS_SUBGRAPH_URL).toBe(stack.subgraphUrls('tickets').join(','));
    // a direct call to instance 2 is signed for tickets, as the gateway signs it
    const direct = await graphql(stack.subgraphUrl('tickets-2'), '{ ticketCategories { code } }', {}, stack.signedHeaders());
    expect(direct.errors).toBeUndefined();
  });

  it('keeps answering while tickets-2 is killed, skips it, and uses it again after its restart', async () => {
    const place = await createPlace(url);
    const ticketId = await reportTicket(place.grid);
    await servedInAll(ticketId, 1); // the report's answer

    // round robin: both instances serve reads
    for (let read = 0; read < 6; read++) await readTicket(ticketId);
    const before = await servedInAll(ticketId, 7);
    expect(before.one).toBeGreaterThan(0);
    expect(before.two).toBeGreaterThan(0);

    await stack.kill('tickets-2');
    for (let read = 0; read < 6; read++) await readTicket(ticketId);
    // a write while an instance is gone: a refused connection is retried on the other instance
    const accepted = await graphqlData<{ acceptTicket: { status: string } }>(url, 'mutation($id: ID!) { acceptTicket(id: $id) { status } }', { id: ticketId });
    expect(accepted.acceptTicket.status).toBe('ACCEPTED');
    const during = await servedInAll(ticketId, 14);
    expect(during).toEqual({ one: before.one + 7, two: before.two });
    // still ready: every subgraph has an instance that answers (polled: on a loaded machine one health poll of a
    // live instance may time out, which makes the gateway unready until the next poll)
    await waitFor(async () => (await fetch(new URL('/health/ready', url))).status === 200, { description: 'the gateway to be ready with tickets-2 down', timeoutMs: 30_000 });
    const tickets2Url = stack.subgraphUrl('tickets-2');
    const gatewayLog = () => readFileSync(path.join(stack.logDir, 'gateway.log'), 'utf8').split('\n');
    // the gateway took it out of rotation: after a refused connection or a failed health poll, whichever came first
    await waitFor(() => gatewayLog().some((line) => line.includes('"level":40') && line.includes(tickets2Url)), { description: 'the gateway to mark tickets-2 down' });

    await stack.restart('tickets-2');
    await waitFor(
      async () => {
        await readTicket(ticketId);
        return servedBy('tickets-2', ticketId) > before.two;
      },
      { description: 'the gateway to send reads to tickets-2 again', intervalMs: 200 },
    );
    expect(gatewayLog().some((line) => line.includes('back in rotation') && line.includes(tickets2Url))).toBe(true);
  });

  it('adds a third instance that the gateway does not use, and records every pid for the next stack on these ports', async () => {
    const added = await stack.addInstance('tickets');
    expect({ name: added.name, subgraph: added.subgraph, instance: added.instance, port: added.port }).toEqual({ name: 'tickets-3', subgraph: 'tickets', instance: 3, port: 8003 + OFFSET });
    expect(stack.subgraphUrls('tickets')).toHaveLength(3);
    expect(stack.processes.find(({ name }) => name === 'gateway')?.env.TICKETS_SUBGRAPH_URL.split(',')).toHaveLength(2);
    // direct calls to it are signed for tickets
    const direct = await graphql(stack.subgraphUrl('tickets-3'), '{ ticketCategories { code } }', {}, stack.signedHeaders());
    expect(direct.errors).toBeUndefined();
    const recorded = JSON.parse(readFileSync(path.join(__dirname, '../../.local/stacks', `offset-${OFFSET}.json`), 'utf8')) as { pids: number[] };
    expect(recorded.pids.sort()).toEqual(stack.processes.map(({ child }) => child.pid).sort());
    expect(recorded.pids).toHaveLength(2 * SUBGRAPHS.length + 2); // two of each, the gateway and tickets-3
  });
});
