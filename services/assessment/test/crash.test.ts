// Killing the consumer mid-batch, three times, while 10,000 events stream in:
// the counters end up exactly the counts of the events produced.
import { uniqueName } from '@steward/testing';
import type { Kafka } from 'kafkajs';
import type { Db } from 'mongodb';
import { ProjectionConsumer } from '../src/events/projection-consumer';
import { ProjectionStore } from '../src/persistence/projection.store';
import { Projector, type ProjectionStage } from '../src/events/projector';
import type { Counters } from '../src/domain/counters';
import { createTopics, makeTree, MONTH, produce, testDatabase, testKafka, WEEK, workload, YEAR } from './fixtures';
import { caughtUp, countersByPeriod, withZeros } from './projection-helpers';

class SimulatedCrash extends Error {}

/** After its crash a projector writes nothing more, like a dead process (kafkajs would otherwise retry the batch). */
class CrashingProjector extends Projector {
  dead = false;

  override async applyChunks(...args: Parameters<Projector['applyChunks']>): Promise<void> {
    if (this.dead) throw new SimulatedCrash('this consumer is dead');
    return super.applyChunks(...args);
  }
}

describe('assessment projection under crashes', () => {
  let kafka: Kafka;
  let db: Db;
  let drop: () => Promise<void>;
  let consumer: ProjectionConsumer | undefined;

  beforeEach(async () => {
    kafka = testKafka();
    ({ db, drop } = await testDatabase());
  });

  afterEach(async () => {
    await consumer?.stop().catch(() => undefined);
    await drop();
  });

  it('counts each of 10,000 events exactly once although the consumer dies mid-batch three times', async () => {
    const topics = { tickets: uniqueName('t.tickets'), visits: uniqueName('t.visits') };
    await createTopics(kafka, topics.tickets, topics.visits);
    const tree = makeTree();
    const stream = workload(tree, 2_000, 2_000);
    expect(stream.events).toHaveLength(10_000);

    const store = new ProjectionStore(db, 'g1');
    await store.ensureIndexes();
    const group = uniqueName('crashy');
    // Each crash hits a different point of a chunk: after coverage claims, between the
    // counter writes of two periods, after all counter writes (before the offsets are committed).
    const plan: ProjectionStage[] = ['counters-partly', 'coverage', 'counters'];
    const crashes: { stage: ProjectionStage; firstOffset: number }[] = [];
    let crashed: () => void = () => undefined;
    const start = async () => {
      let chunksDone = 0;
      const projector: CrashingProjector = new CrashingProjector(store, {
        // each instance first completes a chunk (progress between crashes), then dies at the planned point
        afterStage: (stage, chunk) => {
          if (stage === 'adjustments') chunksDone += 1;
          if (crashes.length < plan.length && chunksDone > 0 && stage === plan[crashes.length]) {
            crashes.push({ stage, firstOffset: chunk.firstOffset });
            projector.dead = true;
            crashed();
            throw new SimulatedCrash(`crash ${crashes.length} at ${stage}`);
          }
        },
      });
      // small chunks: a pass takes the waiting chunks of all 12 partitions at once, and the plan needs
      // passes with visits (coverage) after a restart, when the whole stream is already waiting
      consumer = new ProjectionConsumer({ kafka, groupId: group, topics: [topics.tickets, topics.visits], projector, chunkSize: 100 });
      await consumer.start();
    };

    const producing = produce(kafka, topics, stream.events);
    for (let crash = 1; crash <= plan.length; crash += 1) {
      const hit = new Promise<void>((resolve) => (crashed = resolve));
      await start();
      await hit;
      if (crash === 1) {
        // the first crash fell between the writes of the week and month (done) and the quarter and year (not done)
        const [week, year] = await Promise.all([countersByPeriod(store, WEEK), countersByPeriod(store, YEAR)]);
        expect(total(week.get(tree.city))).toBeGreaterThan(total(year.get(tree.city)));
      }
      // the process is gone: nothing after the crash point ran, nothing was committed
      await consumer?.stop();
    }
    await producing;
    await start();
    await caughtUp(kafka, group, [topics.tickets, topics.visits]);

    expect(crashes.map((crash) => crash.stage)).toEqual(plan);
    for (const period of [WEEK, MONTH]) {
      const counters = await countersByPeriod(store, period);
      for (const [subject, expected] of stream.expected) expect([subject, counters.get(subject)]).toEqual([subject, withZeros(expected)]);
      expect([...counters.keys()].sort()).toEqual([...stream.expected.keys()].sort());
    }
    // spot check by hand: 2,000 tickets over two grids → 1,000 each; every third one late
    const grid = makeTreeGridTotals(stream.expected);
    expect(grid).toEqual({ received: 1_000, resolved: 1_000, feedbacks: 1_000 });
  }, 120_000);
});

function total(counters: Counters | undefined): number {
  return counters ? Object.values(counters).reduce((sum, value) => sum + value, 0) : 0;
}

function makeTreeGridTotals(expected: Map<string, Partial<Record<string, number>>>): Record<string, number | undefined> {
  const grid = [...expected.keys()].find((id) => id.endsWith('-g1')) as string;
  const { received, resolved, feedbacks } = expected.get(grid) ?? {};
  return { received, resolved, feedbacks };
}
