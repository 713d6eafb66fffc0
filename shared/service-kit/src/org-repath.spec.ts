import { createEvent, orgUnitState, type EventEnvelope } from '@steward/events';
import type { ReplicaProgress, TopicPosition } from '@steward/replicas';
import pino from 'pino';
import { samePath } from '@steward/auth';
import { OrgRepath, repathEach, type OrgPathRepather } from './org-repath';

const logger = pino({ level: 'silent' });

/** A unit state as org publishes it; `time` decides whether it is recent. */
function unitState(id: string, ancestors: string[], time = new Date()): EventEnvelope {
  return createEvent(orgUnitState, {
    subject: id,
    aggregateVersion: 1,
    time,
    data: { id, name: id, level: 'GRID', parentId: ancestors.at(-1) ?? null, ancestors, status: 'ACTIVE', validTo: null },
  });
}

/** Records of one kind: unit id → stored path, per record id. */
class FakeRecords implements OrgPathRepather {
  readonly name = 'records';
  readonly calls: [string, readonly string[]][] = [];
  constructor(readonly records: Map<string, { unitId: string; path: readonly string[] }>) {}

  async repath(unitId: string, path: readonly string[]): Promise<number> {
    this.calls.push([unitId, path]);
    let changed = 0;
    for (const record of this.records.values()) {
      if (record.unitId !== unitId || samePath(record.path, path)) continue;
      record.path = [...path];
      changed += 1;
    }
    return changed;
  }
}

/** A replica that has read up to `applied` (per partition) and knows `paths`. */
class FakeReplica implements ReplicaProgress {
  readonly applied = new Map<number, bigint>();
  readonly waits: TopicPosition[] = [];
  constructor(readonly paths: Map<string, string[]>) {}

  async whenApplied(position: TopicPosition): Promise<void> {
    this.waits.push(position);
    if ((this.applied.get(position.partition) ?? -1n) < BigInt(position.offset)) throw new Error('replica behind');
  }
}

function setUp(options: { settleMs?: number } = {}) {
  const replica = new FakeReplica(new Map([['G', ['C', 'Q', 'B', 'G']]]));
  replica.applied.set(0, 10n);
  const records = new FakeRecords(
    new Map([
      ['h1', { unitId: 'G', path: ['C', 'Q', 'T', 'G'] }],
      ['h2', { unitId: 'G', path: ['C', 'Q', 'T', 'G'] }],
      ['h3', { unitId: 'T', path: ['C', 'Q', 'T'] }],
    ]),
  );
  const repath = new OrgRepath({ pathOf: (id) => replica.paths.get(id), progress: replica, repathers: [records], logger, settleMs: options.settleMs ?? 0 });
  return { replica, records, repath };
}

describe('OrgRepath', () => {
  it("re-paths the unit's own records to its path in the replica, once the replica has read the state", async () => {
    const { replica, records, repath } = setUp();
    await repath.handle(unitState('G', ['C', 'Q', 'B']), { partition: 0, offset: '7', key: 'G' });
    expect(replica.waits).toEqual([{ partition: 0, offset: '7', key: 'G' }]);
    expect([...records.records.values()].map((record) => record.path)).toEqual([
      ['C', 'Q', 'B', 'G'],
      ['C', 'Q', 'B', 'G'],
      ['C', 'Q', 'T'],
    ]);
  });

  it('changes nothing when the same state is handled again (a redelivery after a crash)', async () => {
    const { records, repath } = setUp();
    expect(await repath.repathUnit('G')).toBe(2);
    await repath.handle(unitState('G', ['C', 'Q', 'B']), { partition: 0, offset: '7', key: 'G' });
    expect(await repath.repathUnit('G')).toBe(0);
    expect(records.calls).toHaveLength(3);
  });

  it("takes the replica's path, not an older one the replayed state carries", async () => {
    const { records, repath } = setUp();
    // an old state of G (still under T) replayed by a new group: the replica already knows G under B
    await repath.handle(unitState('G', ['C', 'Q', 'T'], new Date('2026-01-01T00:00:00Z')), { partition: 0, offset: '3', key: 'G' });
    expect(records.calls).toEqual([['G', ['C', 'Q', 'B', 'G']]]);
  });

  it('fails (for the consumer to retry) while the replica has not read the state yet, writing nothing', async () => {
    const { records, repath } = setUp();
    await expect(repath.handle(unitState('G', ['C', 'Q', 'B']), { partition: 0, offset: '11', key: 'G' })).rejects.toThrow('replica behind');
    expect(records.calls).toEqual([]);
  });

  it('ignores other event types and units the replica does not know', async () => {
    const { records, repath } = setUp();
    const other = { ...unitState('G', ['C']), type: 'steward.org.unit.renamed.v1' };
    await repath.handle(other, { partition: 0, offset: '1', key: 'G' });
    await repath.handle(unitState('X', ['C']), { partition: 0, offset: '2', key: 'X' });
    expect(records.calls).toEqual([]);
  });

  describe('the second pass', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('re-paths a recent state again after settleMs, for records written meanwhile with the old path', async () => {
      const { records, repath } = setUp({ settleMs: 5_000 });
      await repath.handle(unitState('G', ['C', 'Q', 'B']), { partition: 0, offset: '7', key: 'G' });
      // a write that computed its path before the move lands after the first pass
      records.records.set('h4', { unitId: 'G', path: ['C', 'Q', 'T', 'G'] });
      await jest.advanceTimersByTimeAsync(5_000);
      await repath.stop();
      expect(records.records.get('h4')?.path).toEqual(['C', 'Q', 'B', 'G']);
      expect(records.calls).toHaveLength(2);
    });

    it('does not run for history being replayed, nor after stop', async () => {
      const { records, repath } = setUp({ settleMs: 5_000 });
      await repath.handle(unitState('G', ['C', 'Q', 'B'], new Date(Date.now() - 3_600_000)), { partition: 0, offset: '7', key: 'G' });
      await repath.handle(unitState('G', ['C', 'Q', 'B']), { partition: 0, offset: '8', key: 'G' });
      await repath.stop();
      await jest.advanceTimersByTimeAsync(10_000);
      expect(records.calls).toHaveLength(2);
    });
  });
});

describe('repathEach', () => {
  interface Row {
    id: string;
    path: string[];
    version: number;
  }
  const TARGET = ['C', 'B', 'G'];

  it('writes each record that differs, re-reading one that another writer changed meanwhile', async () => {
    const store = new Map<string, Row>([
      ['a', { id: 'a', path: ['C', 'T', 'G'], version: 1 }],
      ['b', { id: 'b', path: TARGET, version: 1 }],
      ['c', { id: 'c', path: ['C', 'T', 'G'], version: 1 }],
    ]);
    const candidates = [...store.values()].map((row) => ({ ...row }));
    // someone else changes c between the read and the re-path's write
    store.set('c', { id: 'c', path: ['C', 'T', 'G'], version: 2 });
    const writes: string[] = [];
    const changed = await repathEach({
      candidates,
      plan: (row) => (samePath(row.path, TARGET) ? null : { path: TARGET }),
      write: async (row, change) => {
        const current = store.get(row.id);
        if (!current || current.version !== row.version) return false;
        writes.push(`${row.id}@${row.version}`);
        store.set(row.id, { ...current, ...change, version: current.version + 1 });
        return true;
      },
      reread: async (row) => ({ ...(store.get(row.id) as Row) }),
      describe: (row) => row.id,
    });
    expect(changed).toBe(2);
    expect(writes).toEqual(['a@1', 'c@2']);
    expect([...store.values()].every((row) => samePath(row.path, TARGET))).toBe(true);
  });

  it('stops when the record read again already lies there, or is gone', async () => {
    const plan = (row: Row) => (samePath(row.path, TARGET) ? null : { path: TARGET });
    const movedByOther = await repathEach({
      candidates: [{ id: 'a', path: ['C', 'T', 'G'], version: 1 }],
      plan,
      write: async () => false,
      reread: async (row) => ({ ...row, path: TARGET, version: 2 }),
      describe: (row) => row.id,
    });
    const gone = await repathEach({ candidates: [{ id: 'a', path: ['C', 'T', 'G'], version: 1 }], plan, write: async () => false, reread: async () => null, describe: (row) => row.id });
    expect([movedByOther, gone]).toEqual([0, 0]);
  });

  it('gives up after the attempts, naming the record', async () => {
    await expect(
      repathEach({
        candidates: [{ id: 'a', path: ['C', 'T', 'G'], version: 1 }],
        plan: () => ({ path: TARGET }),
        write: async () => false,
        reread: async (row) => row,
        policy: { name: 'test', attempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
        describe: (row) => `Row ${row.id}`,
      }),
    ).rejects.toThrow('Row a kept changing');
  });
});
