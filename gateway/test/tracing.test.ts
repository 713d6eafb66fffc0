// One trace from the gateway through the outbox and Kafka to the last consumer:
// the stack exports its spans over OTLP/HTTP (JSON) to an in-memory receiver in
// this test; the spans of one dispatchTicket form one tree that reaches tickets'
// outbox write, the relay's publish, and the handling in visits and assessment.
import { authorizeStack, headersFor, uniqueName, waitFor } from '@steward/testing';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createGridWithHandler, readChain, reportAndAccept } from './chain-fixtures';
import { logLines } from './observability-fixtures';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from './otlp-receiver';
import { startStack } from '../../tools/stack.cjs';

type Stack = Awaited<ReturnType<typeof startStack>>;

const PRODUCER = 4;
const CONSUMER = 5;
const TICKETS_TOPIC = 'steward.tickets.events.v1';

const isDatabaseSpan = (span: ReceivedSpan) => span.attributes['db.system'] !== undefined || span.attributes['db.system.name'] !== undefined;

describe('tracing of a dispatch chain', () => {
  let stack: Stack;
  let url: string;
  let receiver: OtlpReceiver;
  let logDir: string;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    const prefix = uniqueName('trace').replace(/-/g, '_');
    logDir = path.join(__dirname, '../../.local/logs', prefix);
    stack = await startStack({
      portOffset: 2550,
      databasePrefix: prefix,
      timeoutMs: 360_000,
      logDir,
      env: {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_BSP_SCHEDULE_DELAY: '200',
      },
    });
    authorizeStack(stack);
    if (!stack.url) throw new Error('the stack started without its gateway');
    url = stack.url;
  }, 720_000); // a stack and a whole chain: minutes on a loaded machine

  afterAll(async () => {
    await stack?.stop();
    await receiver?.close();
  });

  it('makes one tree of the gateway, tickets, the relay, Kafka, visits and assessment', async () => {
    const { township, grid, handlerId } = await createGridWithHandler(url);
    const ticketId = await reportAndAccept(url, grid);

    // the dispatch, with a trace of our own: its spans are those with our trace id
    const { traceId, parentId } = await waitFor(
      async () => {
        const trace = { traceId: randomBytes(16).toString('hex'), parentId: randomBytes(8).toString('hex') };
        const body = JSON.stringify({
          query: `mutation TracedDispatch($id: ID!, $input: DispatchTicketInput!) { dispatchTicket(id: $id, input: $input) { status } }`,
          variables: { id: ticketId, input: { handlerId } },
        });
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', traceparent: `00-${trace.traceId}-${trace.parentId}-01`, ...(await headersFor(await stack.login(), url, body)) },
          body,
        });
        const result = (await response.json()) as { data?: { dispatchTicket: { status: string } } };
        return result.data?.dispatchTicket.status === 'DISPATCHED' ? trace : undefined;
      },
      { description: "tickets to know the handler's role" },
    );
    // the chain, with more time than the fixture's minute: every process exports every span
    await waitFor(
      async () => {
        const view = await readChain(url, ticketId, township);
        return view.ticket.visits.length > 0 && view.ticket.handler.score && view.township;
      },
      { description: 'the visit and the scores to appear', timeoutMs: 240_000 },
    );

    const traced = (): ReceivedSpan[] => receiver.spans.filter((span) => span.traceId === traceId);
    const consumed = (service: string) => traced().some((span) => span.service === service && span.kind === CONSUMER && span.name === `process ${TICKETS_TOPIC}`);
    const visitConsumed = () => traced().some((span) => span.service === 'assessment' && span.name === 'process steward.visits.events.v1');
    // each process exports on its own schedule and a child ends (and is exported) before its parent, so a handling
    // that is redelivered can show its writes before its own span: wait until no span is waiting for its parent
    const rootsOf = (spans: ReceivedSpan[]) => {
      const ids = new Set(spans.map((span) => span.spanId));
      return spans.filter((span) => !span.parentSpanId || !ids.has(span.parentSpanId));
    };
    await waitFor(() => consumed('visits') && consumed('assessment') && consumed('notifications') && visitConsumed() && rootsOf(traced()).length === 1, {
      description: 'the consumers\' spans of the dispatch to arrive, each with its parent',
      timeoutMs: 120_000,
    }).catch(() => undefined); // the assertions below say what is missing
    const spans = traced();

    // one tree: every span's parent is in the trace, except the root's (our caller's span)
    const roots = rootsOf(spans);
    expect(roots.map((span) => ({ service: span.service, parent: span.parentSpanId }))).toEqual([{ service: 'gateway', parent: parentId }]);

    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const ancestry = (span: ReceivedSpan): ReceivedSpan[] => {
      const chain: ReceivedSpan[] = [];
      for (let current = byId.get(span.parentSpanId ?? ''); current; current = byId.get(current.parentSpanId ?? '')) chain.push(current);
      return chain;
    };

    // the gateway's query plan and its fetch to tickets
    expect(spans.some((span) => span.service === 'gateway' && span.name === 'gateway.plan')).toBe(true);
    expect(spans.some((span) => span.service === 'gateway' && span.name === 'gateway.fetch')).toBe(true);
    // tickets: the resolver, the outbox write (a MongoDB update), the relay's publish of the event
    expect(spans.some((span) => span.service === 'tickets' && span.name.includes('dispatchTicket'))).toBe(true);
    expect(spans.some((span) => span.service === 'tickets' && isDatabaseSpan(span) && /update/i.test(span.name))).toBe(true);
    const publish = spans.filter((span) => span.service === 'tickets' && span.kind === PRODUCER && span.name === `publish ${TICKETS_TOPIC}`);
    expect(publish).toHaveLength(1);
    expect(publish[0].attributes['steward.event.type']).toBe('steward.ticket.dispatched.v1');

    // every consumer's handling is a child of that publish, and visits' and assessment's own writes are inside it
    for (const service of ['visits', 'assessment', 'notifications']) {
      // at least once: a batch that failed (a write conflict) is delivered and handled again, in the same trace
      const handling = spans.filter((span) => span.service === service && span.kind === CONSUMER && span.name === `process ${TICKETS_TOPIC}`);
      expect(handling.length).toBeGreaterThanOrEqual(1);
      for (const span of handling) {
        expect(span.parentSpanId).toBe(publish[0].spanId);
        expect(ancestry(span).at(-1)?.service).toBe('gateway');
      }
    }
    // and on: the visit planned in that handling is an event of visits, which assessment handles in the same trace
    const visitHandling = spans.filter((span) => span.service === 'assessment' && span.kind === CONSUMER && span.name === 'process steward.visits.events.v1');
    expect(visitHandling.length).toBeGreaterThanOrEqual(1);
    expect(ancestry(visitHandling[0]).map((span) => `${span.service} ${span.name}`)).toEqual(
      expect.arrayContaining(['visits publish steward.visits.events.v1', `visits process ${TICKETS_TOPIC}`, `tickets publish ${TICKETS_TOPIC}`]),
    );

    for (const service of ['visits', 'assessment']) {
      const writes = spans.filter((span) => span.service === service && isDatabaseSpan(span));
      expect({ service, inside: writes.some((span) => ancestry(span).some((above) => above.kind === CONSUMER)) }).toEqual({ service, inside: true });
    }

    // the request's log lines carry the trace id: the gateway's and tickets' access lines
    const accessLines = (app: string) => logLines(logDir, app).filter((line) => line.msg === 'graphql request' && line.traceId === traceId);
    expect(accessLines('gateway').map((line) => line.operation)).toEqual(['TracedDispatch']);
    expect(accessLines('tickets').length).toBeGreaterThan(0);
  }, 600_000);
});
