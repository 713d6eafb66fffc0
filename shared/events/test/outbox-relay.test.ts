import type { Kafka } from 'kafkajs';
import type { Collection, Db, MongoClient } from 'mongodb';
import {
  type AddressedEvent,
  type ClaimDocument,
  type EventEnvelope,
  OUTBOX_CLAIMS_COLLECTION,
  EventProducer,
  OUTBOX_PENDING_INDEX,
  OutboxRelay,
  createEvent,
  dlqTopicSpec,
  ensureTopics,
  eventTopicSpec,
  ticketDispatched,
  ticketStarted,
  outboxFields,
  toOutboxEntries,
  withOutbox,
} from '@steward/events';
import { ticketSnapshot } from './test-fixtures';
import { TopicCollector, connectMongo, deleteTopics, testKafka, uniqueName, waitFor } from './helpers';

interface TicketDocument {
  _id: string;
  status: string;
  version: number;
  outbox?: unknown[];
  outboxPending?: true;
}

describe('OutboxRelay against FerretDB and Kafka', () => {
  const topic = uniqueName('test.outbox');
  let kafka: Kafka;
  let mongo: MongoClient;
  let db: Db;
  let tickets: Collection<TicketDocument>;
  let producer: EventProducer;
  let collector: TopicCollector;

  beforeAll(async () => {
    kafka = testKafka('events-outbox-test');
    await ensureTopics(kafka, [eventTopicSpec(topic), dlqTopicSpec(topic)]);
    mongo = await connectMongo();
    db = mongo.db(uniqueName('events_outbox').replace(/-/g, '_'));
    tickets = db.collection<TicketDocument>('tickets');
    producer = new EventProducer(kafka);
    collector = new TopicCollector(kafka);
    await collector.start([topic]);
  });

  afterAll(async () => {
    await collector?.stop();
    await producer?.disconnect();
    await db?.dropDatabase();
    await mongo?.close();
    await deleteTopics(kafka, [topic, `${topic}.dlq`]);
  });

  /** Changes a ticket and appends its event in one single-document update, as a service would. */
  async function changeTicket(ticketId: string, status: string, version: number): Promise<EventEnvelope> {
    const input = { subject: ticketId, aggregateVersion: version, data: { ...ticketSnapshot({ ticketId, status }) } };
    const event: EventEnvelope = status === 'IN_PROGRESS' ? createEvent(ticketStarted, input) : createEvent(ticketDispatched, input);
    await tickets.updateOne(
      { _id: ticketId },
      withOutbox({ $set: { status, version } }, [event], { topic }),
      { upsert: true },
    );
    return event;
  }

  /** Every message of the topic, once the collector has read up to its end. */
  async function everyMessage(): Promise<ReturnType<TopicCollector['on']>> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const end = (await admin.fetchTopicOffsets(topic)).reduce((sum, partition) => sum + Number(partition.high), 0);
      return await waitFor(() => collector.on(topic).length >= end && collector.on(topic), 'the collector to reach the end of the topic');
    } finally {
      await admin.disconnect();
    }
  }

  function publishedFor(ticketId: string): Array<{ id: string; version: number; key: string | null }> {
    return collector.on(topic).flatMap((message) => {
      const envelope = JSON.parse(message.value ?? 'null') as EventEnvelope;
      return envelope.subject === ticketId ? [{ id: envelope.id, version: envelope.aggregateversion, key: message.key }] : [];
    });
  }

  it('publishes pending entries in order per document, then removes exactly those entries', async () => {
    const relay = new OutboxRelay({ collection: tickets, claims: db.collection(OUTBOX_CLAIMS_COLLECTION), producer });
    const [a, b] = [uniqueName('tkt-a'), uniqueName('tkt-b')];
    const expectedA = [await changeTicket(a, 'DISPATCHED', 1), await changeTicket(a, 'IN_PROGRESS', 2)];
    const expectedB = [await changeTicket(b, 'DISPATCHED', 1)];
    expectedA.push(await changeTicket(a, 'DISPATCHED', 3));

    await relay.flush();

    await waitFor(() => publishedFor(a).length >= 3 && publishedFor(b).length >= 1, 'the relayed events');
    expect(publishedFor(a)).toEqual(expectedA.map((event) => ({ id: event.id, version: event.aggregateversion, key: a })));
    expect(publishedFor(b)).toEqual(expectedB.map((event) => ({ id: event.id, version: event.aggregateversion, key: b })));
    const message = collector.on(topic).find((candidate) => candidate.key === a);
    expect(message?.headers).toMatchObject({
      ce_type: 'steward.ticket.dispatched.v1',
      ce_id: expectedA[0].id,
      'content-type': 'application/cloudevents+json',
    });
    expect(await tickets.findOne({ _id: a })).toEqual({ _id: a, status: 'DISPATCHED', version: 3, outbox: [] });
    expect(await tickets.countDocuments({ 'outbox.0': { $exists: true } })).toBe(0);
  });

  it('re-publishes entries whose removal never happened (crash after the broker ack)', async () => {
    const ticketId = uniqueName('tkt-crash');
    const events = [await changeTicket(ticketId, 'DISPATCHED', 1), await changeTicket(ticketId, 'IN_PROGRESS', 2)];

    // The relay's publish step ran and the broker acknowledged, then the process died before $pullAll.
    const stored = await tickets.findOne({ _id: ticketId });
    const published: AddressedEvent[] = toOutboxEntries(events, { topic }).map(({ topic: to, ...envelope }) => ({
      topic: to,
      envelope,
    }));
    expect(stored?.outbox).toHaveLength(2);
    await producer.publish(published);

    // A new process starts a new relay: the entries are still pending and go out again, in order.
    const restarted = new OutboxRelay({ collection: tickets, claims: db.collection(OUTBOX_CLAIMS_COLLECTION), producer });
    await restarted.flush();

    await waitFor(() => publishedFor(ticketId).length >= 4, 'the re-published events');
    expect(publishedFor(ticketId).map((event) => event.version)).toEqual([1, 2, 1, 2]);
    expect((await tickets.findOne({ _id: ticketId }))?.outbox).toEqual([]);
  });

  it('keeps entries written during a pass for the next pass and never runs two passes at once', async () => {
    let running = 0;
    let maxRunning = 0;
    const slowProducer = new EventProducer(kafka);
    const publish = slowProducer.publish.bind(slowProducer);
    slowProducer.publish = async (events) => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((resolve) => setTimeout(resolve, 100));
      try {
        return await publish(events);
      } finally {
        running -= 1;
      }
    };
    const relay = new OutboxRelay({ collection: tickets, claims: db.collection(OUTBOX_CLAIMS_COLLECTION), producer: slowProducer });
    const ticketId = uniqueName('tkt-kick');

    await changeTicket(ticketId, 'DISPATCHED', 1);
    const firstPass = relay.kick();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await changeTicket(ticketId, 'IN_PROGRESS', 2);
    const kicks = [relay.kick(), relay.kick(), relay.kick()];
    expect(new Set(kicks).size).toBe(1); // coalesced into one follow-up pass

    const results = await Promise.all([firstPass, ...kicks]);
    expect(results.every((result) => !result.failed)).toBe(true);
    expect(maxRunning).toBe(1);
    await waitFor(() => publishedFor(ticketId).length >= 2, 'both events');
    expect(publishedFor(ticketId).map((event) => event.version)).toEqual([1, 2]);
    expect((await tickets.findOne({ _id: ticketId }))?.outbox).toEqual([]);
    await slowProducer.disconnect();
  });

  it('finds pending documents by their indexed mark and clears it with the last entry', async () => {
    const relay = new OutboxRelay({ collection: tickets, claims: db.collection(OUTBOX_CLAIMS_COLLECTION), producer });
    const ticketId = uniqueName('tkt-mark');
    await changeTicket(ticketId, 'DISPATCHED', 1);
    expect(await tickets.findOne({ _id: ticketId }, { projection: { outboxPending: 1 } })).toEqual({ _id: ticketId, outboxPending: true });

    await relay.flush();

    expect(await tickets.findOne({ _id: ticketId })).toEqual({ _id: ticketId, status: 'DISPATCHED', version: 1, outbox: [] });
    expect(publishedFor(ticketId).map((event) => event.version)).toEqual([1]);
  });

  it('at its first start, marks and publishes entries written before the mark existed, then creates its index', async () => {
    const legacyDb = mongo.db(uniqueName('events_outbox_legacy').replace(/-/g, '_'));
    const legacy = legacyDb.collection<TicketDocument>('tickets');
    const ticketId = uniqueName('tkt-legacy');
    const event = createEvent(ticketDispatched, { subject: ticketId, aggregateVersion: 1, data: ticketSnapshot({ ticketId }) });
    // as an older build stored it: entries, no mark
    await legacy.insertOne({ _id: ticketId, status: 'DISPATCHED', version: 1, outbox: toOutboxEntries([event], { topic }) });
    await legacy.insertOne({ _id: `${ticketId}-done`, status: 'CLOSED', version: 4, outbox: [] });
    const relay = new OutboxRelay({ collection: legacy, claims: legacyDb.collection(OUTBOX_CLAIMS_COLLECTION), producer, pollIntervalMs: 100 });
    try {
      expect(await relay.kick()).toEqual({ published: 0, failed: false, heldElsewhere: 0 }); // unmarked: invisible to a pass

      await relay.start();

      await waitFor(() => publishedFor(ticketId).length >= 1, 'the legacy entry');
      await waitFor(async () => (await legacy.findOne({ _id: ticketId }))?.outbox?.length === 0, 'the legacy entry removed');
      expect((await legacy.listIndexes().toArray()).map((index) => index.name)).toContain(OUTBOX_PENDING_INDEX);
      expect(await legacy.countDocuments({ outboxPending: { $exists: true } })).toBe(0);
    } finally {
      await relay.stop();
      await legacyDb.dropDatabase();
    }
  });

  it('polls on its own once started and stops cleanly', async () => {
    const relay = new OutboxRelay({ collection: tickets, claims: db.collection(OUTBOX_CLAIMS_COLLECTION), producer, pollIntervalMs: 100 });
    await relay.start();
    const ticketId = uniqueName('tkt-poll');
    await changeTicket(ticketId, 'DISPATCHED', 1);

    await waitFor(async () => (await tickets.findOne({ _id: ticketId }))?.outbox?.length === 0, 'the poller');
    await relay.stop();
    await waitFor(() => publishedFor(ticketId).length >= 1, 'the polled event');
    expect(publishedFor(ticketId)).toHaveLength(1);
  });

  it('leaves entries in place when the broker refuses them, and logs instead of throwing', async () => {
    const errors: string[] = [];
    const logger = {
      info: () => undefined,
      warn: () => undefined,
      error: (_context: object, message?: string) => void errors.push(message ?? ''),
    };
    const missingTopicDb = mongo.db(uniqueName('events_outbox_missing').replace(/-/g, '_'));
    const orphans = missingTopicDb.collection<TicketDocument>('tickets');
    const event = createEvent(ticketDispatched, { subject: 'tkt-x', aggregateVersion: 1, data: ticketSnapshot() });
    await orphans.insertOne({ _id: 'tkt-x', status: 'DISPATCHED', version: 1, ...outboxFields([event], { topic: uniqueName('test.absent') }) });
    const strictProducer = new EventProducer(testKafka('events-outbox-absent'), {
      producerConfig: { retry: { retries: 1, initialRetryTime: 50, maxRetryTime: 200 } },
    });
    const relay = new OutboxRelay({ collection: orphans, claims: missingTopicDb.collection(OUTBOX_CLAIMS_COLLECTION), producer: strictProducer, logger });

    const result = await relay.kick();

    expect(result).toEqual({ published: 0, failed: true, heldElsewhere: 0 });
    expect(errors).toContain('outbox publish failed; will retry');
    expect((await orphans.findOne({ _id: 'tkt-x' }))?.outbox).toHaveLength(1);
    await strictProducer.disconnect();
    await missingTopicDb.dropDatabase();
  });

  describe('with several relays on one collection', () => {
    /**
     * The per-document write guard a service gives its writes and its relay's
     * removals (DocumentLocks or WriteClaims in service-kit): FerretDB's
     * updateOne is a read and a separate write, so a push and a removal of
     * one document must not interleave. Both "instances" live in this process.
     */
    function serialisedUpdates(collection: Collection<TicketDocument>): Collection<TicketDocument> {
      const tails = new Map<string, Promise<unknown>>();
      return new Proxy(collection, {
        get(target, property) {
          if (property === 'updateOne') {
            return (...args: Parameters<Collection<TicketDocument>['updateOne']>) => {
              const id = String((args[0] as { _id?: unknown })._id);
              const run = (tails.get(id) ?? Promise.resolve()).catch(() => undefined).then(() => target.updateOne(...args));
              tails.set(id, run);
              return run;
            };
          }
          if (property === 'bulkWrite') {
            // the relay's removals of a pass: after every earlier write of each of their documents, before any later one
            return (...args: Parameters<Collection<TicketDocument>['bulkWrite']>) => {
              const ids = args[0].map((operation) => String(('updateOne' in operation ? (operation.updateOne.filter as { _id?: unknown }) : {})._id));
              const before = Promise.all(ids.map((id) => (tails.get(id) ?? Promise.resolve()).catch(() => undefined)));
              const run = before.then(() => target.bulkWrite(...args));
              for (const id of ids) tails.set(id, run);
              return run;
            };
          }
          const value: unknown = Reflect.get(target, property, target);
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
    }

    /** A producer that counts what it published. */
    function countingProducer(): EventProducer & { count: number } {
      const counting = Object.assign(new EventProducer(kafka), { count: 0 });
      const publish = counting.publish.bind(counting);
      counting.publish = async (events) => {
        const result = await publish(events);
        counting.count += events.length;
        return result;
      };
      return counting;
    }

    it('split the work under concurrent writes: every entry published once, in order per document', async () => {
      const guarded = serialisedUpdates(tickets);
      const claims = db.collection<ClaimDocument>(OUTBOX_CLAIMS_COLLECTION);
      const [producerA, producerB] = [countingProducer(), countingProducer()];
      const relayA = new OutboxRelay({ collection: guarded, claims, producer: producerA, relayId: 'relay-a', pollIntervalMs: 100, batchSize: 5 });
      const relayB = new OutboxRelay({ collection: guarded, claims, producer: producerB, relayId: 'relay-b', pollIntervalMs: 100, batchSize: 5 });
      await Promise.all([relayA.start(), relayB.start()]);
      const documents = Array.from({ length: 12 }, (_, index) => uniqueName(`tkt-many-${index}`));
      const versions = 8;

      // each document written version after version, all documents at once; each write kicks one instance's relay
      await Promise.all(
        documents.map(async (ticketId, index) => {
          for (let version = 1; version <= versions; version += 1) {
            const event = createEvent(ticketDispatched, { subject: ticketId, aggregateVersion: version, data: ticketSnapshot({ ticketId }) });
            await guarded.updateOne({ _id: ticketId }, withOutbox({ $set: { status: 'DISPATCHED', version } }, [event], { topic }), { upsert: true });
            void ((index + version) % 2 ? relayA : relayB).kick();
            await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 15)));
          }
        }),
      );
      await waitFor(async () => (await tickets.countDocuments({ _id: { $in: documents }, outboxPending: true })) === 0, 'every outbox drained', 60_000);
      await Promise.all([relayA.stop(), relayB.stop()]);

      const ours = new Set(documents);
      const messages = (await everyMessage()).filter((message) => message.key !== null && ours.has(message.key));
      const envelopes = messages.map((message) => JSON.parse(message.value ?? 'null') as EventEnvelope);
      expect(envelopes).toHaveLength(documents.length * versions);
      expect(new Set(envelopes.map((envelope) => envelope.id)).size).toBe(envelopes.length);
      for (const ticketId of documents) {
        expect([ticketId, envelopes.filter((envelope) => envelope.subject === ticketId).map((envelope) => envelope.aggregateversion)]).toEqual([
          ticketId,
          Array.from({ length: versions }, (_, index) => index + 1),
        ]);
      }
      // both relays published, together exactly what was written
      expect(producerA.count).toBeGreaterThan(0);
      expect(producerB.count).toBeGreaterThan(0);
      expect(producerA.count + producerB.count).toBe(documents.length * versions);
      await Promise.all([producerA.disconnect(), producerB.disconnect()]);
    });

    it('leave a document another live relay holds to it, and take over the claims of a relay that died', async () => {
      const claims = db.collection<ClaimDocument>(OUTBOX_CLAIMS_COLLECTION);
      const relay = new OutboxRelay({ collection: tickets, claims, producer, relayId: 'relay-live', claimLeaseMs: 1_000 });
      const [held, orphaned] = [uniqueName('tkt-held'), uniqueName('tkt-orphaned')];
      await changeTicket(held, 'DISPATCHED', 1);
      await changeTicket(orphaned, 'DISPATCHED', 1);
      // another relay is publishing `held` right now; one that died left its claim on `orphaned` a minute ago
      await claims.insertMany([
        { _id: `relay:tickets:${held}`, holder: 'relay-busy', at: new Date() },
        { _id: `relay:tickets:${orphaned}`, holder: 'relay-dead', at: new Date(Date.now() - 60_000) },
      ]);

      await relay.flush(); // returns although `held` is pending: its holder publishes it

      await waitFor(() => publishedFor(orphaned).length >= 1, 'the orphaned entry');
      expect((await tickets.findOne({ _id: orphaned }))?.outbox).toEqual([]);
      expect((await tickets.findOne({ _id: held }))?.outbox).toHaveLength(1);
      expect(publishedFor(held)).toEqual([]);
      expect(await claims.findOne({ _id: `relay:tickets:${held}` })).toMatchObject({ holder: 'relay-busy' });
      expect(await claims.findOne({ _id: `relay:tickets:${orphaned}` })).toBeNull();

      // once the busy relay is gone too (its claim older than the lease), the entry goes out
      await claims.updateOne({ _id: `relay:tickets:${held}` }, { $set: { at: new Date(Date.now() - 60_000) } });
      await relay.flush();
      await waitFor(() => publishedFor(held).length >= 1, 'the held entry after its claim expired');
      expect(publishedFor(held)).toHaveLength(1);
    });
  });
});
