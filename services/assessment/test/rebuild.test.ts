// The rebuild's write rounds (sheets kept in memory, written once per round,
// offsets committed after): a process dying in the middle of writing a round
// loses nothing and counts nothing twice, and a closure that begins during a
// round still gets the adjustment candidates of the round's events. Also: the
// packed sheet layout reads and continues sheets of the earlier layout.
import { ALL_UNITS } from '@steward/auth';
import { uniqueName } from '@steward/testing';
import { zeroCounters } from '../src/domain/counters';
import type { ClosureDocument } from '../src/persistence/projection-documents';
import { periodSheetKey, sheetLocation, SHEET_ID } from '../src/persistence/generation';
import { ProjectionConsumer } from '../src/events/projection-consumer';
import { ProjectionStore } from '../src/persistence/projection.store';
import { Projector, type ProjectorOptions } from '../src/events/projector';
import { encodeRow, keyOf } from '../src/persistence/sheet-codec';
import { WriteBehindStore } from '../src/persistence/write-behind';
import { makeTree, MONTH, produce, WEEK, workload } from './fixtures';
import { allState, caughtUp, endOffsets, projectionTestbed } from './projection-helpers';

class SimulatedCrash extends Error {}

/** Dies half-way through writing its second round: the sheets written so far stay, nothing more is written or committed. */
class CrashingWriteBehind extends WriteBehindStore {
  rounds = 0;
  dead = false;
  writtenBeforeCrash = 0;
  onCrash: () => void = () => undefined;

  override async writeSheets(afterEach: () => Promise<void> = async () => undefined): Promise<number> {
    if (this.dead) throw new SimulatedCrash('this process is dead');
    this.rounds += 1;
    if (this.rounds < 2) return super.writeSheets(afterEach);
    const half = Math.ceil(this.unwritten / 2);
    return super.writeSheets(async () => {
      this.writtenBeforeCrash += 1;
      if (this.writtenBeforeCrash === half) {
        this.dead = true;
        this.onCrash();
        throw new SimulatedCrash(`crash after ${half} sheets of round 2`);
      }
      await afterEach();
    });
  }
}

describe('assessment rebuild in write rounds', () => {
  const bed = projectionTestbed();

  async function project(projector: Projector, groupId: string, rounds?: { store: WriteBehindStore; messages: number }): Promise<ProjectionConsumer> {
    const all = [bed.topics.tickets, bed.topics.visits];
    const consumer = new ProjectionConsumer({
      kafka: bed.kafka,
      groupId,
      topics: all,
      projector,
      rounds: rounds && { ...rounds, until: await endOffsets(bed.kafka, all) },
    });
    return bed.run(consumer);
  }

  async function liveState(generation: string): Promise<unknown[]> {
    const live = new ProjectionStore(bed.db, generation);
    await live.ensureIndexes();
    const group = uniqueName('live');
    await project(new Projector(live), group);
    await caughtUp(bed.kafka, group, [bed.topics.tickets, bed.topics.visits]);
    return allState(live);
  }

  it('loses nothing and counts nothing twice when the process dies half-way through writing a round', async () => {
    const tree = makeTree({ towns: 2, villages: 2, grids: 2 });
    const stream = workload(tree, 600, 600);
    await produce(bed.kafka, bed.topics, stream.events);

    // a rebuild's generation (k-…): one collection per sheet kind
    const store = new ProjectionStore(bed.db, 'k-2');
    await store.ensureIndexes();
    const group = uniqueName('rounds');
    const crashing = new CrashingWriteBehind(store);
    const crashed = new Promise<void>((resolve) => (crashing.onCrash = resolve));
    const first = await project(new Projector(crashing), group, { store: crashing, messages: 1_000 });
    await crashed;
    await first.stop();
    // the first round was written and committed, the second only in part
    expect(first.eventsApplied).toBeGreaterThanOrEqual(1_000);
    expect(first.eventsApplied).toBeLessThan(stream.events.length);
    expect(crashing.writtenBeforeCrash).toBeGreaterThan(0);

    // a new process (nothing in memory) goes on from the committed offsets
    const restarted = new WriteBehindStore(new ProjectionStore(bed.db, 'k-2'));
    await project(new Projector(restarted), group, { store: restarted, messages: 1_000 });
    await caughtUp(bed.kafka, group, [bed.topics.tickets, bed.topics.visits]);

    // the same state as a live generation of the earlier layout (g…: a collection per sheet)
    expect(await allState(store)).toEqual(await liveState('g1'));
    const collections = (await bed.db.listCollections({}, { nameOnly: true }).toArray()).map(({ name }) => name);
    expect(collections.filter((name) => name.includes('_k-2')).sort()).toEqual(['adjustments_k-2', 'counters_k-2', 'coverage_k-2', 'eventclaims_k-2']);
    expect(collections.filter((name) => name.startsWith('counters_g1_')).length).toBeGreaterThan(4);
  }, 120_000);

  it('reads and continues sheets written by earlier versions (a field per subject)', async () => {
    const tree = makeTree();
    const grid = tree.grids[0];
    const store = new ProjectionStore(bed.db, 'g1');
    const bucket = store.counterBucket(grid.id);
    const sheet = sheetLocation('g1', 'counters', periodSheetKey(WEEK, bucket));
    expect(sheet).toEqual({ collection: `counters_g1_${WEEK.kind}_${WEEK.key}_${bucket}`, id: SHEET_ID });
    const legacy = { _id: SHEET_ID, v: 3, wm: { 'old:0': 7 }, s: { [keyOf(grid.id)]: encodeRow({ kind: 'UNIT', counters: { ...zeroCounters(), received: 5 }, scope: grid.path }) } };
    await bed.db.collection(sheet.collection).insertOne(legacy as never);
    expect((await store.findRow(WEEK, grid.id, ALL_UNITS))?.counters.received).toBe(5);

    const [reported] = workload(tree, 1, 0).events;
    await new Projector(store).apply('t', 0, [{ event: reported, offset: 0 }]);

    expect((await store.findRow(WEEK, grid.id, ALL_UNITS))?.counters.received).toBe(6);
    const stored = await bed.db.collection(sheet.collection).findOne({});
    expect(stored).toMatchObject({ v: 4, wm: { 'old:0': 7, 't:0': 0 }, p: expect.stringContaining(`${keyOf(grid.id)}\t`) });
    expect(stored?.s).toBeUndefined();
  });

  it('records the candidates of a closure that began while the round was in memory', async () => {
    const tree = makeTree();
    const stream = workload(tree, 200, 40);
    await produce(bed.kafka, bed.topics, stream.events);
    const closures = bed.db.collection<ClosureDocument>('period_closures');
    const closure: ClosureDocument = { _id: uniqueName('close'), unitId: tree.towns[0], periodKind: MONTH.kind, periodKey: MONTH.key, startedAt: new Date() };

    // the closure begins after the first chunk has read the closures: the rest of the round does not see it
    let begun = false;
    const options: ProjectorOptions = {
      afterStage: async (stage) => {
        if (stage !== 'adjustments' || begun) return;
        begun = true;
        await closures.insertOne(closure);
      },
    };
    const store = new ProjectionStore(bed.db, 'k-2');
    await store.ensureIndexes();
    const writeBehind = new WriteBehindStore(store);
    const group = uniqueName('rounds');
    await project(new Projector(writeBehind, options), group, { store: writeBehind, messages: 100_000 });
    await caughtUp(bed.kafka, group, [bed.topics.tickets, bed.topics.visits]);
    expect(begun).toBe(true);

    // the live projection with the closure there from the start
    await liveState('g1');
    const candidates = async (generation: string) =>
      (await new ProjectionStore(bed.db, generation).adjustments.find({}, { projection: { _id: 1 } }).toArray()).map((candidate) => candidate._id).sort();
    const expected = await candidates('g1');
    // every ticket event and visit under the town in the month, for the grid, the units above and the handler
    expect(expected.length).toBeGreaterThan(stream.events.length);
    expect(await candidates('k-2')).toEqual(expected);
  }, 120_000);
});
