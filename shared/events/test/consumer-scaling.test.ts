// One consumer group, several instances of the consumer runtime on the real
// Kafka: the group splits the partitions, a third instance joins mid-stream
// (a rebalance), and still every event is handled, each aggregate's events
// arrive in order within an assignment, and a version-guarded read model on
// FerretDB ends at every aggregate's last version.
import type { Kafka } from 'kafkajs';
import type { Collection, Db, MongoClient } from 'mongodb';
import {
  type EventEnvelope,
  EventConsumerRunner,
  EventProducer,
  type PartitionAssignment,
  EVENT_TOPIC_PARTITIONS,
  applyIfNewerVersion,
  createEvent,
  dlqTopicSpec,
  ensureTopics,
  eventTopicSpec,
  ticketDispatched,
} from '@steward/events';
import { ticketSnapshot } from './test-fixtures';
import { connectMongo, deleteTopics, fastConsumerConfig, testKafka, uniqueName, waitFor } from './helpers';

interface Handled {
  instance: string;
  /** how many assignments the instance had when it handled the event (1 = its first) */
  assignment: number;
  subject: string;
  version: number;
  partition: number;
}

interface ReadModel {
  _id: string;
  aggregateVersion?: number;
  lastEventId?: string;
}

const AGGREGATES = 24;
const VERSIONS = 25;

describe('one consumer group with several instances', () => {
  const topic = uniqueName('test.scaling');
  let kafka: Kafka;
  let mongo: MongoClient;
  let db: Db;
  let readModel: Collection<ReadModel>;
  let producer: EventProducer;
  const runners: EventConsumerRunner[] = [];

  beforeAll(async () => {
    kafka = testKafka('events-scaling-test');
    await ensureTopics(kafka, [eventTopicSpec(topic), dlqTopicSpec(topic)]);
    mongo = await connectMongo();
    db = mongo.db(uniqueName('events_scaling').replace(/-/g, '_'));
    readModel = db.collection<ReadModel>('tickets_view');
    producer = new EventProducer(kafka);
  });

  afterAll(async () => {
    await Promise.all(runners.map((runner) => runner.stop().catch(() => undefined)));
    await producer?.disconnect();
    await db?.dropDatabase();
    await mongo?.close();
    await deleteTopics(kafka, [topic, `${topic}.dlq`]);
  });

  it('splits the partitions, keeps every aggregate in order across a rebalance, and misses nothing', async () => {
    expect(EVENT_TOPIC_PARTITIONS).toBe(6);
    const groupId = uniqueName('scaling');
    const handled: Handled[] = [];
    const assignments = new Map<string, PartitionAssignment[]>();

    const instance = async (name: string): Promise<EventConsumerRunner> => {
      assignments.set(name, []);
      const runner = new EventConsumerRunner({
        kafka,
        groupId,
        topics: [topic],
        consumerConfig: fastConsumerConfig,
        onAssignment: (assignment) => assignments.get(name)?.push(assignment),
        handler: async (event, meta) => {
          handled.push({ instance: name, assignment: assignments.get(name)?.length ?? 0, subject: event.subject, version: event.aggregateversion, partition: meta.partition });
          await applyIfNewerVersion(readModel, event.subject, event.aggregateversion, { $set: { lastEventId: event.id } });
          await new Promise((resolve) => setTimeout(resolve, 2)); // some work, so batches are in flight when the group rebalances
        },
      });
      runners.push(runner);
      await runner.start();
      return runner;
    };

    const subjects = Array.from({ length: AGGREGATES }, (_, index) => uniqueName(`tkt-${index}`));
    const event = (subject: string, version: number): EventEnvelope =>
      createEvent(ticketDispatched, { subject, aggregateVersion: version, data: { ...ticketSnapshot({ ticketId: subject }), previousHandlerId: null } });

    await Promise.all([instance('a'), instance('b')]);
    let joining: Promise<EventConsumerRunner> | undefined;
    for (let version = 1; version <= VERSIONS; version += 1) {
      await producer.publish(subjects.map((subject) => ({ topic, envelope: event(subject, version) })));
      if (version === Math.ceil(VERSIONS / 3)) joining = instance('c'); // a third instance joins mid-stream
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await joining;

    const expected = AGGREGATES * VERSIONS;
    await waitFor(
      async () => (await readModel.countDocuments({ _id: { $in: subjects }, aggregateVersion: VERSIONS })) === AGGREGATES,
      'the read model at every last version',
      120_000,
    );
    await waitFor(() => new Set(handled.map((h) => `${h.subject}:${h.version}`)).size === expected && handled, 'every event handled', 60_000);

    // every event handled at least once
    const seen = new Set(handled.map((h) => `${h.subject}:${h.version}`));
    expect(seen.size).toBe(expected);
    // one aggregate, one partition (key = aggregate id)
    for (const subject of subjects) expect(new Set(handled.filter((h) => h.subject === subject).map((h) => h.partition)).size).toBe(1);
    // within one assignment of one instance, each aggregate's versions strictly increase
    const runs = new Map<string, number[]>();
    for (const h of handled) {
      const key = `${h.instance}#${h.assignment}:${h.subject}`;
      runs.set(key, [...(runs.get(key) ?? []), h.version]);
    }
    for (const [key, versions] of runs) {
      expect([key, versions.every((version, index) => index === 0 || version > versions[index - 1])]).toEqual([key, true]);
    }
    // the group split the work, the newcomer included, and the last assignments cover the partitions once
    const byInstance = (name: string) => handled.filter((h) => h.instance === name).length;
    expect([byInstance('a') > 0, byInstance('b') > 0, byInstance('c') > 0]).toEqual([true, true, true]);
    const last = [...assignments.values()].map((list) => list.at(-1)?.[topic] ?? []);
    expect(last.flat().sort()).toEqual([0, 1, 2, 3, 4, 5]);
    // the read model ends at every aggregate's last version
    const stored = await readModel.find({ _id: { $in: subjects } }).toArray();
    expect(stored.map((doc) => doc.aggregateVersion)).toEqual(subjects.map(() => VERSIONS));
  });
});
