// Delivery guarantees of the running services (docs/architecture.md §4), on the real Kafka
// and FerretDB: replayed events change nothing, a poison message is parked on
// the dead-letter topic without stopping the consumers, and an event whose
// producer died before publishing is published after restart, effective once.
import { KAFKA_BROKERS, MONGO_URL, uniqueName, waitFor, authorizeStack } from '@steward/testing';
import { Kafka, logLevel, type IHeaders, type KafkaMessage } from 'kafkajs';
import { MongoClient } from 'mongodb';
import path from 'node:path';
import { createGridWithHandler, dispatch, readChain, reportAndAccept, waitForChain, type ChainView } from './chain-fixtures';
import { startStack } from '../../tools/stack.cjs';

type Stack = Awaited<ReturnType<typeof startStack>>;

const TICKET_EVENTS = 'steward.tickets.events.v1';
const TICKET_EVENTS_DLQ = `${TICKET_EVENTS}.dlq`;

interface RawMessage {
  key: string | null;
  value: Buffer | null;
  headers: IHeaders;
}

describe('delivery guarantees of the running services', () => {
  const prefix = uniqueName('delivery').replace(/-/g, '_');
  const consumerGroups = [`${prefix}_visits.ticket-visits`, `${prefix}_assessment.ticket-scores`];
  const kafka = new Kafka({ clientId: 'delivery-test', brokers: KAFKA_BROKERS, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ idempotent: true });
  const admin = kafka.admin();
  let mongo: MongoClient;
  let stack: Stack;
  let url: string;
  /** end offsets when the stack started: the stack's consumers start there (KAFKA_NEW_GROUP_START=latest) */
  let startOffsets: Map<number, bigint>;

  beforeAll(async () => {
    stack = await startStack({ portOffset: 200, databasePrefix: prefix, logDir: path.join(__dirname, '../../.local/logs', prefix) });
    authorizeStack(stack);
    if (!stack.url) throw new Error('the stack started without its gateway');
    url = stack.url;
    await Promise.all([producer.connect(), admin.connect()]);
    startOffsets = new Map((await admin.fetchTopicOffsets(TICKET_EVENTS)).map((p) => [p.partition, BigInt(p.high)]));
    mongo = await MongoClient.connect(MONGO_URL);
  });

  afterAll(async () => {
    await stack?.stop();
    await Promise.all([producer.disconnect(), admin.disconnect(), mongo?.close()]);
  });

  /** Every message of `topic` up to its current end whose key is `key`. */
  async function messagesWithKey(topic: string, key: string): Promise<RawMessage[]> {
    const ends = await admin.fetchTopicOffsets(topic);
    const pending = new Map(ends.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high)]));
    const found: RawMessage[] = [];
    if (pending.size === 0) return found;
    const reader = kafka.consumer({ groupId: uniqueName('delivery-reader') });
    await reader.connect();
    await reader.subscribe({ topic, fromBeginning: true });
    const done = new Promise<void>((resolve) => {
      void reader.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }: { partition: number; message: KafkaMessage }) => {
          if (message.key?.toString() === key) found.push({ key, value: message.value, headers: message.headers ?? {} });
          const end = pending.get(partition);
          if (end !== undefined && BigInt(message.offset) + 1n >= end) pending.delete(partition);
          if (pending.size === 0) resolve();
        },
      });
    });
    await done;
    await reader.disconnect();
    return found;
  }

  /** Waits until both consumer groups have committed everything now on the ticket topic. */
  async function waitForConsumersToCatchUp(): Promise<void> {
    const ends = await admin.fetchTopicOffsets(TICKET_EVENTS);
    await waitFor(
      async () => {
        for (const groupId of consumerGroups) {
          const [committed] = await admin.fetchOffsets({ groupId, topics: [TICKET_EVENTS] });
          const behind = ends.some(({ partition, high }) => {
            // nothing new since the stack started: the group never consumed (nor committed) there
            if (BigInt(high) <= (startOffsets.get(partition) ?? 0n)) return false;
            const offset = committed?.partitions.find((p) => p.partition === partition)?.offset ?? '-1';
            return BigInt(offset) < BigInt(high);
          });
          if (behind) return false;
        }
        return true;
      },
      { description: 'visits and assessment to commit every ticket event', timeoutMs: 60_000 },
    );
  }

  /** Dispatches a ticket, waits for its effects, then publishes copies of its events twice; returns the views before and after. */
  async function replayTwice(title: string): Promise<{ before: ChainView; after: ChainView }> {
    const place = await createGridWithHandler(url);
    const ticketId = await reportAndAccept(url, place.grid, title);
    await dispatch(url, ticketId, place.handlerId);
    await waitForChain(url, ticketId, place.township);
    await waitForConsumersToCatchUp();
    const before = await readChain(url, ticketId, place.township);

    const events = await messagesWithKey(TICKET_EVENTS, ticketId);
    expect(events.map((event) => event.headers.ce_type?.toString())).toEqual([
      'steward.ticket.reported.v1',
      'steward.ticket.accepted.v1',
      'steward.ticket.dispatched.v1',
    ]);
    const copies = events.map(({ key, value, headers }) => ({ key, value, headers }));
    await producer.send({ topic: TICKET_EVENTS, acks: -1, messages: [...copies, ...copies] });
    await waitForConsumersToCatchUp();
    return { before, after: await readChain(url, ticketId, place.township) };
  }

  it('leaves the visits unchanged when the ticket events are delivered again, twice', async () => {
    const { before, after } = await replayTwice('路灯不亮');
    expect(after.ticket.visits).toEqual(before.ticket.visits);
    expect(after.ticket.visits).toEqual([{ status: 'PLANNED', kind: 'TICKET_HANDLING' }]);
  });

  it('leaves the scores unchanged when the ticket events are delivered again, twice', async () => {
    const { before, after } = await replayTwice('垃圾堆放');
    expect(after).toEqual(before);
  });

  it('parks a malformed message on the .dlq topic for each consumer and still processes the next one', async () => {
    const place = await createGridWithHandler(url);
    const ticketId = await reportAndAccept(url, place.grid, '垃圾未清运');
    // Same key as the ticket: same partition, so the good event queues right behind the poison.
    await producer.send({
      topic: TICKET_EVENTS,
      acks: -1,
      messages: [{ key: ticketId, value: '{"specversion":"1.0", this is not JSON', headers: { ce_type: 'steward.ticket.dispatched.v1' } }],
    });
    await dispatch(url, ticketId, place.handlerId);

    const chain = await waitForChain(url, ticketId, place.township);
    expect(chain.ticket.visits).toEqual([{ status: 'PLANNED', kind: 'TICKET_HANDLING' }]);
    expect(chain.ticket.handler.score?.received).toBeGreaterThanOrEqual(1);

    // other stacks running at the same time consume the shared topic too: keep this stack's consumer groups
    const ours = (message: RawMessage) => consumerGroups.includes(String(message.headers['dlq-consumer-group'] ?? ''));
    const parked = await waitFor(
      async () => {
        const messages = (await messagesWithKey(TICKET_EVENTS_DLQ, ticketId)).filter(ours);
        return messages.length >= consumerGroups.length ? messages : undefined;
      },
      { description: 'the poison message on the dead-letter topic', timeoutMs: 30_000 },
    );
    expect(parked.map((message) => message.headers['dlq-consumer-group']?.toString()).sort()).toEqual([...consumerGroups].sort());
    for (const message of parked) {
      expect(message.value?.toString()).toBe('{"specversion":"1.0", this is not JSON');
      expect(message.headers['dlq-reason']?.toString()).toBe('invalid');
      expect(message.headers['dlq-original-topic']?.toString()).toBe(TICKET_EVENTS);
      expect(message.headers['dlq-error']?.toString()).toMatch(/JSON/i);
    }
  });

  it('publishes an event after a restart when the service died between the state write and the publish', async () => {
    const place = await createGridWithHandler(url);
    const ticketId = await reportAndAccept(url, place.grid, '水渠渗漏');
    // A tickets process that writes state and outbox but never publishes: it dies before its relay runs.
    await stack.restart('tickets', { OUTBOX_RELAY_ENABLED: 'false' });
    const dispatched = await dispatch(url, ticketId, place.handlerId);
    expect(dispatched.status).toBe('DISPATCHED');

    const tickets = mongo.db(`${prefix}_tickets`).collection<{ _id: string; outbox?: { type?: string }[] }>('tickets');
    const stored = await tickets.findOne({ _id: ticketId });
    expect(stored?.outbox?.map((entry) => entry.type)).toEqual(['steward.ticket.dispatched.v1']);
    await stack.kill('tickets', 'SIGKILL');
    expect(await messagesWithKey(TICKET_EVENTS, ticketId)).toHaveLength(2); // reported, accepted

    await stack.restart('tickets', { OUTBOX_RELAY_ENABLED: 'true' });
    const chain = await waitForChain(url, ticketId, place.township);
    await waitForConsumersToCatchUp();
    const settled = await readChain(url, ticketId, place.township);
    expect(settled).toEqual(chain);
    expect(settled.ticket.visits).toEqual([{ status: 'PLANNED', kind: 'TICKET_HANDLING' }]);
    expect((await tickets.findOne({ _id: ticketId }))?.outbox).toEqual([]);
    const published = await messagesWithKey(TICKET_EVENTS, ticketId);
    expect(published.filter((message) => message.headers.ce_type?.toString() === 'steward.ticket.dispatched.v1')).toHaveLength(1);
  });
});
