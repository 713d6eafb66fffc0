// Aggregate writes from two instances (two mongoose connections, each with its
// own MongoClient and write claims) on the real FerretDB 1.24, whose updateOne
// is a read and a separate write (FerretDB #3040): unprotected, concurrent
// version-guarded saves that all report success lose updates, and the outbox
// relay's removal can write back a document read before a save. These tests
// check that the claimed path is exact; they do not assert the loss itself
// without claims (STEWARD_WRITE_CLAIMS=never), which depends on timing.
import { ALL_UNITS } from '@steward/auth';
import { ConflictError } from '@steward/errors';
import { assessmentPeriodClosed, createEvent, dlqTopicSpec, ensureTopics, eventTopicSpec, EventProducer, OutboxRelay, OUTBOX_CLAIMS_COLLECTION, Topics, type EventEnvelope } from '@steward/events';
import { KAFKA_BROKERS, MONGO_URL, TopicReader, uniqueName, waitFor } from '@steward/testing';
import { Kafka, logLevel } from 'kafkajs';
import type { Db } from 'mongodb';
import mongoose, { Schema, type Connection } from 'mongoose';
import { AggregateStore } from '../src/aggregate-store';
import { claimKey, WRITE_CLAIMS_COLLECTION, type ClaimDocument } from '../src/write-claims';
import { writeClaimsOf } from '../src/write-claims-mode';

interface CounterDocument {
  _id: string;
  orgPath: string[];
  version: number;
  count: number;
  /** one tag per successful save */
  savedBy: string[];
  outbox?: unknown[];
  outboxPending?: true;
}

const counterSchema = new Schema<CounterDocument>(
  {
    _id: { type: String, required: true },
    orgPath: { type: [String], default: () => [] },
    version: { type: Number, required: true },
    count: { type: Number, required: true },
    savedBy: { type: [String], default: () => [] },
    outbox: { type: [Schema.Types.Mixed], default: undefined },
    outboxPending: { type: Boolean, select: false },
  },
  { collection: 'counters', versionKey: false },
);

/** Concurrent writers per instance, and the saves each must get through. */
const WRITERS = 6;
const SAVES = 8;
/** Retries of one save after CONFLICT (stale or claim busy) before the test gives up. */
const MAX_TRIES = 300;

interface Instance {
  name: string;
  connection: Connection;
  store: AggregateStore<CounterDocument>;
}

describe('write claims: two instances on FerretDB', () => {
  const dbName = uniqueName('persistence_claims').replace(/-/g, '_');
  const instances: Instance[] = [];
  let claims: Db;

  async function instance(name: string): Promise<Instance> {
    const connection = await mongoose.createConnection(MONGO_URL, { dbName }).asPromise();
    const created = { name, connection, store: new AggregateStore(connection.model<CounterDocument>('Counter', counterSchema)) };
    instances.push(created);
    return created;
  }

  beforeAll(async () => {
    await instance('a');
    await instance('b');
    claims = instances[0].connection.db as Db;
  });

  afterAll(async () => {
    await claims?.dropDatabase();
    await Promise.all(instances.map(({ connection }) => connection.close()));
  });

  const claimsLeft = () => claims.collection<ClaimDocument>(WRITE_CLAIMS_COLLECTION).find({}).toArray();

  async function newCounter(id: string): Promise<void> {
    await instances[0].store.insert({ _id: id, orgPath: ['city'], version: 0, count: 0, savedBy: [] });
  }

  /**
   * One read-modify-save cycle, as a service command does it: read, decide
   * (count + 1), save guarded by the version read with the change's event;
   * read again and retry on CONFLICT. Returns the event of the save that held.
   */
  async function increment({ store }: Instance, id: string, tag: string, withEvent: boolean): Promise<EventEnvelope | undefined> {
    for (let tries = 1; ; tries += 1) {
      const doc = (await store.findById(id, ALL_UNITS)) as CounterDocument;
      const event = withEvent
        ? createEvent(assessmentPeriodClosed, {
            subject: id,
            aggregateVersion: doc.version + 1,
            data: { unitId: 'city', periodKind: 'MONTH', periodKey: '2026-11', policyVersion: 1, score: doc.count + 1, occurredAt: new Date().toISOString() },
          })
        : undefined;
      try {
        await store.save({ id, expected: doc.version, set: { count: doc.count + 1 }, push: { savedBy: tag }, events: event ? [event] : [] });
        return event;
      } catch (error) {
        if (!(error instanceof ConflictError) || tries >= MAX_TRIES) throw error;
      }
    }
  }

  /** WRITERS writers per instance, each saving SAVES times, spread over `ids`; the events of the saves that held. */
  async function runWriters(ids: readonly string[], withEvent: boolean): Promise<EventEnvelope[]> {
    const events: EventEnvelope[] = [];
    await Promise.all(
      instances.flatMap((inst) =>
        Array.from({ length: WRITERS }, async (_, writer) => {
          for (let save = 0; save < SAVES; save += 1) {
            const id = ids[(writer + save) % ids.length];
            const event = await increment(inst, id, `${inst.name}${writer}.${save}`, withEvent);
            if (event) events.push(event);
          }
        }),
      ),
    );
    return events;
  }

  async function expectExact(ids: readonly string[]): Promise<void> {
    let total = 0;
    for (const id of ids) {
      const doc = (await instances[1].store.findById(id, ALL_UNITS)) as CounterDocument;
      // every save that reported success is in the document once, and counted once
      expect(new Set(doc.savedBy).size).toBe(doc.savedBy.length);
      expect(doc.count).toBe(doc.savedBy.length);
      expect(doc.version).toBe(doc.savedBy.length);
      total += doc.savedBy.length;
    }
    expect(total).toBe(instances.length * WRITERS * SAVES);
    expect(await claimsLeft()).toEqual([]);
  }

  it('detects FerretDB at connect, once per connection, and claims every write there', async () => {
    for (const { connection } of instances) expect(await writeClaimsOf(connection.db as Db).required()).toBe(true);
  });

  it('loses no update when both instances run read-modify-save cycles on the same documents', async () => {
    const ids = [uniqueName('c'), uniqueName('c')];
    for (const id of ids) await newCounter(id);
    await runWriters(ids, false);
    await expectExact(ids);
  });

  it('loses neither a state change nor an event while both instances’ relays remove published entries', async () => {
    const kafka = new Kafka({ clientId: uniqueName('persistence-claims'), brokers: KAFKA_BROKERS, logLevel: logLevel.NOTHING });
    const topic = Topics.assessmentEvents;
    await ensureTopics(kafka, [eventTopicSpec(topic), dlqTopicSpec(topic)]);
    const reader = new TopicReader(topic);
    await reader.start();
    const producer = new EventProducer(kafka);
    // one relay per instance, on the collection as the store hands it over (removals under the claims)
    const relays = instances.map(({ store }) => {
      const relay = new OutboxRelay({ collection: store.outbox.relayCollection(), claims: store.model.db.collection(OUTBOX_CLAIMS_COLLECTION), producer, pollIntervalMs: 50 });
      store.outbox.attach(relay);
      return relay;
    });
    try {
      await Promise.all(relays.map((relay) => relay.start()));
      const ids = [uniqueName('e'), uniqueName('e')];
      for (const id of ids) await newCounter(id);

      const written = await runWriters(ids, true);
      await Promise.all(relays.map((relay) => relay.flush()));
      // a flush returns when the entries left are held by the other relay, whose pass may still be
      // removing them under their claims: stopping waits for every pass, then no claim may be left
      await Promise.all(relays.map((relay) => relay.stop()));

      await expectExact(ids);
      expect(await instances[0].store.model.countDocuments({ _id: { $in: ids }, 'outbox.0': { $exists: true } })).toBe(0);
      await waitFor(() => ids.every((id) => reader.of(id).length >= written.filter((event) => event.subject === id).length), {
        description: 'every event of every save on the topic',
        timeoutMs: 30_000,
      });
      for (const id of ids) {
        const mine = written.filter((event) => event.subject === id).sort((x, y) => x.aggregateversion - y.aggregateversion);
        // each save's event exactly as written, the events of lost races never (the relays may duplicate: one per id)
        expect(reader.of(id).map(({ raw: _raw, ...envelope }) => envelope)).toEqual(mine);
        expect(mine.map((event) => event.aggregateversion)).toEqual(Array.from({ length: mine.length }, (_, i) => i + 1));
      }
    } finally {
      await Promise.all(relays.map((relay) => relay.stop()));
      await producer.disconnect();
      await reader.stop();
    }
  });

  it('takes all claims of a multi-document write in sorted order: two instances naming them in opposite orders lose nothing', async () => {
    const ids = [uniqueName('m'), uniqueName('m'), uniqueName('m')];
    for (const id of ids) await newCounter(id);
    let written = 0;
    await Promise.all(
      instances.flatMap(({ store }, n) =>
        Array.from({ length: WRITERS }, async () => {
          const order = n === 0 ? ids : [...ids].reverse();
          for (let round = 0; round < 4; round += 1) {
            for (let tries = 1; ; tries += 1) {
              try {
                // $inc, no version guard: only the claims keep FerretDB from losing one
                await store.claimedRunAll(order, () => store.model.bulkWrite(order.map((id) => ({ updateOne: { filter: { _id: id }, update: { $inc: { count: 1 } } } }))));
                written += 1;
                break;
              } catch (error) {
                if (!(error instanceof ConflictError) || tries >= MAX_TRIES) throw error;
              }
            }
          }
        }),
      ),
    );
    expect(written).toBe(instances.length * WRITERS * 4);
    for (const id of ids) expect((await instances[0].store.findById(id, ALL_UNITS))?.count).toBe(written);
    expect(await claimsLeft()).toEqual([]);
  });

  it('takes over the claim a crashed writer left once its lease has run out, and not before', async () => {
    const id = uniqueName('crash');
    await newCounter(id);
    const left = claims.collection<ClaimDocument>(WRITE_CLAIMS_COLLECTION);
    // what a writer that died between claiming and releasing leaves behind, its lease still running
    await left.insertOne({ _id: claimKey('counters', id), holder: 'crashed-process:1', expiresAt: new Date(Date.now() + 60_000) });

    const { store } = instances[1];
    await expect(store.save({ id, expected: 0, set: { count: 1 } })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: `counters:${id} is being changed by someone else; retry`,
    });
    expect(await store.trySave({ id, expected: 0, set: { count: 1 } })).toBe(false);
    expect((await store.findById(id, ALL_UNITS))?.count).toBe(0);

    // the lease runs out
    await left.updateOne({ _id: claimKey('counters', id) }, { $set: { expiresAt: new Date(Date.now() - 1) } });
    await store.save({ id, expected: 0, set: { count: 1 } });
    expect(await store.findById(id, ALL_UNITS)).toMatchObject({ count: 1, version: 1 });
    expect(await claimsLeft()).toEqual([]);
  });
});
