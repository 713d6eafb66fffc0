// Two assessment instances: two projectors in ONE consumer group split the
// partitions of the ticket and visit topics, and both write the same counter
// sheets (a sheet holds the subjects of a bucket in a period, fed by every
// partition). On FerretDB a version-guarded replace is a read and a separate
// write, so without claims both writers "win" and one chunk's counts are lost.
import { uniqueName, waitFor } from '@steward/testing';
import { ProjectionConsumer } from '../src/events/projection-consumer';
import { ProjectionStore } from '../src/persistence/projection.store';
import { Projector } from '../src/events/projector';
import { makeTree, MONTH, produce, WEEK, workload, YEAR } from './fixtures';
import { caughtUp, countersByPeriod, projectionTestbed, withZeros } from './projection-helpers';

describe('assessment projection with two instances in one consumer group', () => {
  const bed = projectionTestbed();

  // g1: a collection per sheet (the first generation's layout); k-1: one collection per sheet kind (rebuilt generations)
  it.each(['g1', 'k-1'])('counts every event exactly once while both instances write the same sheets (generation %s)', async (generation) => {
    const tree = makeTree({ towns: 1, villages: 2, grids: 3 });
    const stream = workload(tree, 600, 300);
    const group = uniqueName('two-instances');
    const topics = [bed.topics.tickets, bed.topics.visits];
    const instance = () => {
      const store = new ProjectionStore(bed.db, generation);
      // small chunks: many sheet writes from both instances at the same time
      return new ProjectionConsumer({ kafka: bed.kafka, groupId: group, topics, projector: new Projector(store), chunkSize: 20 });
    };
    await new ProjectionStore(bed.db, generation).ensureIndexes();
    const [one, two] = await Promise.all([bed.run(instance()), bed.run(instance())]);

    // produced in slices while both consume, so their chunks overlap in time
    for (let start = 0; start < stream.events.length; start += 150) {
      await produce(bed.kafka, bed.topics, stream.events.slice(start, start + 150));
    }
    await caughtUp(bed.kafka, group, topics, 400_000); // two writers racing for the same sheets on FerretDB, on a shared machine
    await waitFor(() => one.eventsApplied + two.eventsApplied >= stream.events.length, { description: 'both instances to finish their chunks' });

    // both took part (the group split the partitions) …
    expect(one.eventsApplied).toBeGreaterThan(0);
    expect(two.eventsApplied).toBeGreaterThan(0);
    // … and every counter is exactly what was produced
    const store = new ProjectionStore(bed.db, generation);
    for (const period of [WEEK, MONTH, YEAR]) {
      const counters = await countersByPeriod(store, period);
      for (const [subject, expected] of stream.expected) expect([period.key, subject, counters.get(subject)]).toEqual([period.key, subject, withZeros(expected)]);
      expect(counters.size).toBe(stream.expected.size);
    }
  }, 480_000);
});
