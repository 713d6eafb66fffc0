// What an operator sees of one dispatch chain: request ids on the gateway's
// and the subgraphs' log lines, one access line per request, and the business
// metrics of every process after the chain (gateway /metrics, subgraphs /metrics).
import { graphql, uniqueName, authorizeStack, waitFor, headersFor } from '@steward/testing';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createGridWithHandler, currentMonthKey, dispatch, reportAndAccept, waitForChain } from './chain-fixtures';
import { logLines, samplesOf, scrape, sumOf, type Sample } from './observability-fixtures';
import { startStack } from '../../tools/stack.cjs';

type Stack = Awaited<ReturnType<typeof startStack>>;

const TICKET_DISPATCHED = 'steward.ticket.dispatched.v1';
const TICKETS_TOPIC = 'steward.tickets.events.v1';

describe('request ids, access logs and metrics after a dispatch chain', () => {
  let stack: Stack;
  let url: string;
  let logDir: string;
  let prefix: string;
  let chain: { township: string; ticketId: string; handlerId: string };

  beforeAll(async () => {
    prefix = uniqueName('obs').replace(/-/g, '_');
    logDir = path.join(__dirname, '../../.local/logs', prefix);
    stack = await startStack({ portOffset: 2500, databasePrefix: prefix, logDir, timeoutMs: 360_000 });
    authorizeStack(stack);
    if (!stack.url) throw new Error('the stack started without its gateway');
    url = stack.url;
    const { township, grid, handlerId } = await createGridWithHandler(url);
    const ticketId = await reportAndAccept(url, grid);
    await dispatch(url, ticketId, handlerId);
    await waitForChain(url, ticketId, township);
    chain = { township, ticketId, handlerId };
  }, 720_000); // a stack and a whole chain: minutes on a loaded machine

  afterAll(async () => {
    await stack?.stop();
  });

  /** A named query through the gateway that joins tickets, visits and assessment, with our own headers. */
  async function readTicket(extraHeaders: Record<string, string>): Promise<Response> {
    const body = JSON.stringify({
      query: `query ObservedTicket($id: ID!, $period: PeriodInput!) { ticket(id: $id) { status visits { status } handler { score(period: $period) { received } } } }`,
      variables: { id: chain.ticketId, period: { kind: 'MONTH', key: currentMonthKey() } },
      operationName: 'ObservedTicket',
    });
    const credentials = await headersFor(await stack.login(), url, body);
    return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...credentials, ...extraHeaders }, body });
  }

  it('keeps an incoming x-request-id, returns it, and writes it on the gateway\'s and the subgraphs\' lines of that request', async () => {
    const requestId = `obs-${randomUUID()}`;
    const response = await readTicket({ 'x-request-id': requestId });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe(requestId);
    const result = (await response.json()) as { data?: { ticket: { status: string } } };
    expect(result.data?.ticket.status).toBe('DISPATCHED');

    const seen = await waitFor(
      () => {
        const gateway = logLines(logDir, 'gateway').filter((line) => line.requestId === requestId);
        const tickets = logLines(logDir, 'tickets').filter((line) => line.requestId === requestId);
        const visits = logLines(logDir, 'visits').filter((line) => line.requestId === requestId);
        return gateway.length > 0 && tickets.length > 0 && visits.length > 0 ? { gateway, tickets, visits } : undefined;
      },
      { description: 'the request id on the gateway, tickets and visits log lines' },
    );
    // one access line at the gateway, with name, duration and outcome, and nothing of the variables
    const access = seen.gateway.filter((line) => line.msg === 'graphql request');
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({ operation: 'ObservedTicket', operationType: 'query', outcome: 'ok', status: 200 });
    expect(typeof access[0].durationMs).toBe('number');
    expect(JSON.stringify(access[0])).not.toContain(chain.ticketId);
    // the subgraphs' access lines of the gateway's fetches for that request
    expect(seen.tickets.some((line) => line.msg === 'graphql request' && String(line.operation).startsWith('ObservedTicket__tickets'))).toBe(true);
    expect(seen.visits.some((line) => line.msg === 'graphql request' && line.outcome === 'ok')).toBe(true);
  });

  it('generates a request id when none (or an unusable one) comes in', async () => {
    const plain = await readTicket({});
    expect(plain.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const odd = await readTicket({ 'x-request-id': 'bad id with spaces' });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('exposes the business metrics of each process with sensible values', async () => {
    // a failing operation, for the outcome label
    const refused = await graphql(url, `mutation MissingTicket { acceptTicket(id: "no-such-ticket") { id } }`);
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const gateway = await scrape(url);
    expect(sumOf(gateway, 'steward_graphql_operation_duration_seconds_count', { service: 'gateway', operation: 'ObservedTicket', outcome: 'ok' })).toBeGreaterThanOrEqual(3);
    expect(sumOf(gateway, 'steward_graphql_operation_duration_seconds_count', { operation: 'MissingTicket', outcome: 'client_error' })).toBe(1);
    expect(sumOf(gateway, 'steward_http_responses_total', { route: 'graphql', status: '200' })).toBeGreaterThan(5);

    const tickets = await scrape(stack.subgraphUrl('tickets'));
    expect(sumOf(tickets, 'steward_graphql_operation_duration_seconds_count', { service: 'tickets', outcome: 'ok' })).toBeGreaterThan(3);
    expect(samplesOf(tickets, 'steward_tickets_open', { township: chain.township, status: 'DISPATCHED' }).map((sample) => sample.value)).toEqual([1]);
    expect(samplesOf(tickets, 'steward_tickets_overdue', { township: chain.township }).map((sample) => sample.value)).toEqual([0]);
    // everything published: nothing pending, nothing old
    const outbox = await waitFor(
      async () => {
        const samples = await scrape(stack.subgraphUrl('tickets'));
        return sumOf(samples, 'steward_outbox_pending_events', { collection: 'tickets' }) === 0 ? samples : undefined;
      },
      { description: 'the tickets outbox to be empty' },
    );
    expect(samplesOf(outbox, 'steward_outbox_pending_events', { collection: 'tickets' })).toHaveLength(1);
    expect(samplesOf(outbox, 'steward_outbox_oldest_pending_age_seconds', { collection: 'tickets' }).map((sample) => sample.value)).toEqual([0]);

    // the lag of every partition, once the group has committed on the tickets topic (others' stacks publish there too: it moves)
    const consumerFigures = async (app: 'visits' | 'assessment' | 'notifications'): Promise<Sample[]> =>
      waitFor(
        async () => {
          const samples = await scrape(stack.subgraphUrl(app));
          return samplesOf(samples, 'steward_consumer_lag_messages', { topic: TICKETS_TOPIC }).length > 0 ? samples : undefined;
        },
        { description: `${app}'s consumer lag on the tickets topic` },
      );
    for (const app of ['visits', 'assessment', 'notifications'] as const) {
      const samples = await consumerFigures(app);
      const group = samplesOf(samples, 'steward_events_handled_total', { topic: TICKETS_TOPIC, event_type: TICKET_DISPATCHED });
      const handled = group.reduce((sum, sample) => sum + sample.value, 0);
      // at least this stack's dispatch: delivery is at-least-once (a rebalance redelivers), other stacks publish on the
      // same topic, and assessment's projection reads the whole topic in a fresh generation (its guards skip others' events)
      expect({ app, handledAtLeastOne: handled >= 1 }).toEqual({ app, handledAtLeastOne: true });
      expect(group[0].labels.group.startsWith(`${prefix}_${app}.`)).toBe(true);
      // one partition per sample, six partitions of the tickets topic per group, each a count of messages
      const lag = samplesOf(samples, 'steward_consumer_lag_messages', { group: group[0].labels.group, topic: TICKETS_TOPIC });
      expect(lag.map((sample) => sample.labels.partition).sort()).toEqual(['0', '1', '2', '3', '4', '5']);
      expect(lag.every((sample) => Number.isInteger(sample.value) && sample.value >= 0)).toBe(true);
      expect(sumOf(samples, 'steward_event_delay_seconds_count', { group: group[0].labels.group, event_type: TICKET_DISPATCHED })).toBeGreaterThanOrEqual(1);
      const dlq = samplesOf(samples, 'steward_dlq_messages', { topic: `${TICKETS_TOPIC}.dlq` });
      expect(dlq).toHaveLength(1);
      expect(dlq[0].value).toBeGreaterThanOrEqual(0);
    }
  });

  it('serves the gateway metrics without credentials, like the subgraphs', async () => {
    const response = await fetch(new URL('/metrics', url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
  });

  it('is ready only while every subgraph answers its readiness probe', async () => {
    const readiness = async () => {
      const response = await fetch(new URL('/health/ready', url));
      return { status: response.status, body: (await response.json()) as { checks: Record<string, string> } };
    };
    // ready (a loaded machine's slow database can fail a subgraph's probe for a moment)
    const ready = await waitFor(
      async () => {
        const answer = await readiness();
        return answer.status === 200 ? answer : undefined;
      },
      { description: 'the gateway to be ready', timeoutMs: 120_000 },
    );
    expect(ready.body.checks).toEqual({ 'members-replica': 'up', org: 'up', members: 'up', tickets: 'up', visits: 'up', assessment: 'up', notifications: 'up' });
    await stack.kill('notifications');
    const down = await waitFor(
      async () => {
        const answer = await readiness();
        return answer.status === 503 ? answer : undefined;
      },
      { description: 'the gateway to be unready without notifications', timeoutMs: 30_000 },
    );
    expect(down.body.checks).toMatchObject({ notifications: 'down', tickets: 'up' });
    await stack.restart('notifications');
    await waitFor(async () => (await readiness()).status === 200, { description: 'the gateway to be ready again', timeoutMs: 120_000 });
  }, 240_000);
});
