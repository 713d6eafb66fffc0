// The projection against real Kafka and FerretDB: every event counted once
// however often it is delivered, replays change nothing, a rebuild into a
// fresh generation equals the live state.
import { uniqueName } from '@steward/testing';
import { projectionGroupId } from '../src/persistence/generation';
import { readGeneration } from '../src/persistence/generation.store';
import { ProjectionConsumer } from '../src/events/projection-consumer';
import { ProjectionStore } from '../src/persistence/projection.store';
import { Projector } from '../src/events/projector';
import { rebuild } from '../src/application/rebuild';
import { makeTree, MONTH, produce, WEEK, workload } from './fixtures';
import { allState, caughtUp, countersByPeriod, withZeros, projectionTestbed } from './projection-helpers';

describe('assessment projection', () => {
  const bed = projectionTestbed();

  async function project(store: ProjectionStore, group: string, projector = new Projector(store)): Promise<ProjectionConsumer> {
    const consumer = new ProjectionConsumer({ kafka: bed.kafka, groupId: group, topics: [bed.topics.tickets, bed.topics.visits], projector });
    return bed.run(consumer);
  }

  it('counts what was produced; replaying the topics twice gives the same scores; a rebuild equals the live state', async () => {
    const tree = makeTree();
    const stream = workload(tree, 300, 120);
    await produce(bed.kafka, bed.topics, stream.events);

    const live = new ProjectionStore(bed.db, 'g1');
    await live.ensureIndexes();
    const firstGroup = uniqueName('first');
    const first = await project(live, firstGroup);
    await caughtUp(bed.kafka, firstGroup, [bed.topics.tickets, bed.topics.visits]);
    await first.stop();

    for (const period of [WEEK, MONTH]) {
      const counters = await countersByPeriod(live, period);
      for (const [subject, expected] of stream.expected) expect([subject, counters.get(subject)]).toEqual([subject, withZeros(expected)]);
      expect(counters.size).toBe(stream.expected.size);
    }
    const afterFirst = await allState(live);

    // a second consumer group replays both topics from offset 0 into the same collections: nothing changes
    const replayGroup = uniqueName('replay');
    const replay = await project(live, replayGroup);
    await caughtUp(bed.kafka, replayGroup, [bed.topics.tickets, bed.topics.visits]);
    expect(replay.eventsApplied).toBe(stream.events.length);
    expect(await allState(live)).toEqual(afterFirst);

    // a rebuild into a fresh generation arrives at the same state and swaps the pointer
    const result = await rebuild({ db: bed.db, kafka: bed.kafka, topics: [bed.topics.tickets, bed.topics.visits] });
    expect(result.events).toBe(stream.events.length);
    expect(await allState(new ProjectionStore(bed.db, result.generation))).toEqual(afterFirst);
    expect(await readGeneration(bed.db)).toMatchObject({ current: result.generation, groupId: projectionGroupId(bed.db.databaseName, result.generation) });
  });
});
