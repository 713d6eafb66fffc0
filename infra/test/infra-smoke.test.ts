// Smoke test of the local infrastructure itself: the exact mongoose and kafkajs
// features the services rely on, against the real FerretDB and Kafka.
import { KAFKA_BROKERS, MONGO_URL, uniqueName, waitFor } from '@steward/testing';
import { Kafka, logLevel, type Consumer, type EachMessagePayload } from 'kafkajs';
import mongoose, { Schema, type Connection } from 'mongoose';

describe('FerretDB through mongoose', () => {
  let connection: Connection;

  const thingSchema = new Schema({
    code: { type: String, required: true, unique: true },
    name: String,
    count: { type: Number, default: 0 },
  });

  beforeAll(async () => {
    connection = await mongoose
      .createConnection(MONGO_URL, { dbName: uniqueName('smoke').replace(/-/g, '_') })
      .asPromise();
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('creates, finds and updates documents', async () => {
    const Thing = connection.model('Thing', thingSchema);
    await Thing.init();
    const created = await Thing.create({ code: 'A', name: '太平村' });
    const found = await Thing.findById(created._id).lean();
    expect(found?.name).toBe('太平村');

    await Thing.updateOne({ _id: created._id }, { $set: { name: '八卦村' }, $inc: { count: 2 } });
    const updated = await Thing.findOne({ code: 'A' }).lean();
    expect(updated).toMatchObject({ name: '八卦村', count: 2 });
  });

  it('refuses a duplicate key on a unique index', async () => {
    const Thing = connection.model('Thing', thingSchema);
    await Thing.create({ code: 'DUP' });
    await expect(Thing.create({ code: 'DUP' })).rejects.toMatchObject({ code: 11000 });
    expect(await Thing.countDocuments({ code: 'DUP' })).toBe(1);
  });

  it('upserts with findOneAndUpdate', async () => {
    const Thing = connection.model('Thing', thingSchema);
    const first = await Thing.findOneAndUpdate(
      { code: 'UPSERT' },
      { $inc: { count: 1 } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    const second = await Thing.findOneAndUpdate(
      { code: 'UPSERT' },
      { $inc: { count: 1 } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    expect(first?.count).toBe(1);
    expect(second?.count).toBe(2);
    expect(String(second?._id)).toBe(String(first?._id));
  });

  it('applies a bulkWrite of inserts, updates and upserts', async () => {
    const Thing = connection.model('Thing', thingSchema);
    const result = await Thing.bulkWrite([
      { insertOne: { document: { code: 'B1', count: 1 } } },
      { insertOne: { document: { code: 'B2', count: 1 } } },
      { updateOne: { filter: { code: 'B1' }, update: { $inc: { count: 10 } } } },
      { updateOne: { filter: { code: 'B3' }, update: { $set: { count: 3 } }, upsert: true } },
    ]);
    expect(result.insertedCount).toBe(2);
    expect(result.modifiedCount).toBe(1);
    expect(result.upsertedCount).toBe(1);
    const counts = await Thing.find({ code: /^B/ }).sort({ code: 1 }).lean();
    expect(counts.map((t) => [t.code, t.count])).toEqual([
      ['B1', 11],
      ['B2', 1],
      ['B3', 3],
    ]);
  });
});

describe('Kafka through kafkajs', () => {
  const kafka = new Kafka({ clientId: 'infra-smoke', brokers: KAFKA_BROKERS, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const eventTopic = uniqueName('smoke.events');
  const stateTopic = uniqueName('smoke.state');
  const groupId = uniqueName('smoke-group');
  const consumers: Consumer[] = [];

  beforeAll(async () => {
    await admin.connect();
    await producer.connect();
  });

  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.disconnect()));
    await producer.disconnect();
    await admin.deleteTopics({ topics: [eventTopic, stateTopic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('creates an event topic and a compacted topic explicitly', async () => {
    const created = await admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic: eventTopic, numPartitions: 1, configEntries: [{ name: 'retention.ms', value: '-1' }] },
        { topic: stateTopic, numPartitions: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] },
      ],
    });
    expect(created).toBe(true);
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: 2, name: stateTopic, configNames: ['cleanup.policy'] }],
    });
    expect(described.resources[0].configEntries[0]).toMatchObject({ configName: 'cleanup.policy', configValue: 'compact' });
  });

  it('refuses to auto-create a topic on produce (auto-create is off)', async () => {
    const plain = kafka.producer({ retry: { retries: 1 } });
    await plain.connect();
    await expect(
      plain.send({ topic: uniqueName('smoke.missing'), messages: [{ value: 'x' }] }),
    ).rejects.toThrow();
    await plain.disconnect();
  });

  it('produces idempotently with acks=all and consumes with committed offsets', async () => {
    const metadata = await producer.send({
      topic: eventTopic,
      acks: -1,
      messages: [1, 2, 3].map((n) => ({ key: 'ticket-1', value: `m${n}` })),
    });
    expect(metadata[0].errorCode).toBe(0);

    const firstConsumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1000 });
    consumers.push(firstConsumer);
    await firstConsumer.connect();
    await firstConsumer.subscribe({ topic: eventTopic, fromBeginning: true });
    const seenByFirst: string[] = [];
    await firstConsumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }: EachMessagePayload) => {
        seenByFirst.push(String(message.value));
        await firstConsumer.commitOffsets([
          { topic, partition, offset: (BigInt(message.offset) + 1n).toString() },
        ]);
      },
    });
    await waitFor(() => seenByFirst.length === 3, { description: 'three messages consumed' });
    expect(seenByFirst).toEqual(['m1', 'm2', 'm3']);
    await firstConsumer.disconnect();
    consumers.splice(consumers.indexOf(firstConsumer), 1);

    const committed = await admin.fetchOffsets({ groupId, topics: [eventTopic] });
    expect(committed[0].partitions[0].offset).toBe('3');

    await producer.send({ topic: eventTopic, acks: -1, messages: [{ key: 'ticket-1', value: 'm4' }] });
    const secondConsumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1000 });
    consumers.push(secondConsumer);
    await secondConsumer.connect();
    await secondConsumer.subscribe({ topic: eventTopic, fromBeginning: true });
    const seenBySecond: string[] = [];
    await secondConsumer.run({ eachMessage: async ({ message }) => void seenBySecond.push(String(message.value)) });
    await waitFor(() => seenBySecond.length >= 1, { description: 'the second consumer to resume' });
    expect(seenBySecond).toEqual(['m4']);
  });
});
