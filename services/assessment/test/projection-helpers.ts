import { ALL_UNITS } from '@steward/auth';
import { uniqueName, waitFor } from '@steward/testing';
import type { Kafka } from 'kafkajs';
import type { Db } from 'mongodb';
import { countersOf, type Counters } from '../src/domain/counters';
import type { Period } from '../src/domain/periods';
import type { ProjectionConsumer } from '../src/events/projection-consumer';
import type { ProjectionStore } from '../src/persistence/projection.store';
import { createTopics, testDatabase, testKafka } from './fixtures';

export async function endOffsets(kafka: Kafka, topics: string[]): Promise<{ topic: string; partition: number; high: bigint }[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const all = await Promise.all(
      topics.map(async (topic) => (await admin.fetchTopicOffsets(topic)).map((p) => ({ topic, partition: p.partition, high: BigInt(p.high) }))),
    );
    return all.flat().filter((p) => p.high > 0n);
  } finally {
    await admin.disconnect();
  }
}

/** Waits until consumer group `groupId` has committed everything now on `topics`. */
export async function caughtUp(kafka: Kafka, groupId: string, topics: string[], timeoutMs = 120_000): Promise<void> {
  const targets = await endOffsets(kafka, topics);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await waitFor(
      async () => {
        const committed = await admin.fetchOffsets({ groupId, topics });
        const position = new Map(
          committed.flatMap(({ topic, partitions }) => partitions.map((p) => [`${topic}:${p.partition}`, BigInt(p.offset)] as const)),
        );
        return targets.every(({ topic, partition, high }) => (position.get(`${topic}:${partition}`) ?? -1n) >= high);
      },
      { description: `group ${groupId} to catch up with the topics`, timeoutMs, intervalMs: 250 },
    );
  } finally {
    await admin.disconnect();
  }
}

/** Counters of every subject of one period, by subject id. */
export async function countersByPeriod(store: ProjectionStore, period: Period): Promise<Map<string, Counters>> {
  return new Map((await store.allRows(period, ALL_UNITS)).map((row) => [row.subjectId, countersOf(row.counters)]));
}

/** Every subject row and household claim of every period, ordered, for equality checks between generations. */
export async function allState(store: ProjectionStore): Promise<unknown[]> {
  const state: unknown[] = [];
  for (const period of await store.periods()) {
    const rows = (await store.allRows(period, ALL_UNITS)).sort((a, b) => a.subjectId.localeCompare(b.subjectId));
    state.push({
      period,
      rows: rows.map((row) => ({ ...row, scope: [...row.scope].sort() })),
      // which message claimed a household depends on the interleaving of partitions; the households do not
      coverage: [...(await store.allCoverage(period))].sort(([a], [b]) => a.localeCompare(b)),
    });
  }
  return state;
}

export function withZeros(partial: Partial<Counters> | undefined): Counters {
  return countersOf(partial ?? {});
}

export interface ProjectionTestbed {
  kafka: Kafka;
  db: Db;
  topics: { tickets: string; visits: string };
  /** Starts `consumer`; it is stopped after the test. */
  run(consumer: ProjectionConsumer): Promise<ProjectionConsumer>;
}

/**
 * Registers the set-up of a projection test: before each test a fresh
 * database and fresh ticket and visit topics; after it, every consumer started
 * through `run` stopped and the database dropped. Read the fields inside tests.
 */
export function projectionTestbed(): ProjectionTestbed {
  const running: ProjectionConsumer[] = [];
  let drop: () => Promise<void> = async () => undefined;
  const bed = {
    async run(consumer: ProjectionConsumer) {
      running.push(consumer);
      await consumer.start();
      return consumer;
    },
  } as ProjectionTestbed;

  beforeEach(async () => {
    bed.kafka = testKafka();
    ({ db: bed.db, drop } = await testDatabase());
    bed.topics = { tickets: uniqueName('t.tickets'), visits: uniqueName('t.visits') };
    await createTopics(bed.kafka, bed.topics.tickets, bed.topics.visits);
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((consumer) => consumer.stop().catch(() => undefined)));
    await drop();
  });

  return bed;
}
