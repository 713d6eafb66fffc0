// Start-up backfills with several instances, on the real FerretDB: the holder
// of the backfill's lease runs it, a blocking backfill on another instance
// waits for the record, and takes over when the holder dies half-way.
import { LEASES_COLLECTION, Lease, type LeaseDocument, type LeaseTiming } from '@steward/persistence';
import { MONGO_URL, uniqueName, waitFor } from '@steward/testing';
import type { Collection } from 'mongodb';
import mongoose, { type Connection } from 'mongoose';
import pino from 'pino';
import { BackgroundTasks } from '../src/background';
import { BACKFILLS_COLLECTION, registerBackfill } from '../src/backfill.task';

const TIMING: Partial<LeaseTiming> = { slotMs: 1_500, renewBeforeMs: 600, graceMs: 300, marginMs: 200, retryMs: 100 };
const NAME = 'test.field.v1';

interface Instance {
  connection: Connection;
  tasks: BackgroundTasks;
}

describe('registerBackfill with several instances', () => {
  const connections: Connection[] = [];
  let dbName: string;

  beforeEach(() => {
    dbName = uniqueName('backfill').replace(/-/g, '_');
  });

  afterEach(async () => {
    const open = connections.find((connection) => connection.readyState === 1);
    await open?.dropDatabase().catch(() => undefined);
    await Promise.all(connections.splice(0).map((connection) => connection.close(true).catch(() => undefined)));
  });

  async function instance(holder: string, run: (signal: AbortSignal) => Promise<number>): Promise<Instance> {
    const connection = await mongoose.createConnection(MONGO_URL, { dbName }).asPromise();
    connections.push(connection);
    const lease = new Lease(connection.collection<LeaseDocument>(LEASES_COLLECTION) as unknown as Collection<LeaseDocument>, { holder, timing: TIMING });
    const tasks = new BackgroundTasks();
    registerBackfill(tasks, { name: NAME, connection, logger: pino({ level: 'silent' }), lease, pollMs: 100, run });
    return { connection, tasks };
  }

  const recordOf = (connection: Connection) => connection.collection<{ _id: string; at: Date; documents: number }>(BACKFILLS_COLLECTION).findOne({ _id: NAME });

  it('runs once among instances starting together; the others start only once it is recorded', async () => {
    const runs: string[] = [];
    const slowRun = (who: string) => async () => {
      runs.push(who);
      await new Promise((resolve) => setTimeout(resolve, 800));
      return 42;
    };
    const [a, b] = await Promise.all([instance('instance-a', slowRun('a')), instance('instance-b', slowRun('b'))]);

    const started = await Promise.all([a, b].map(async ({ tasks }) => {
      await tasks.startAll();
      return Date.now();
    }));

    expect(runs).toHaveLength(1);
    const record = await recordOf(a.connection);
    expect(record).toMatchObject({ documents: 42 });
    for (const at of started) expect(at).toBeGreaterThanOrEqual(record?.at.getTime() ?? Infinity);
    await Promise.all([a.tasks.stopAll(() => undefined), b.tasks.stopAll(() => undefined)]);
  });

  it('is taken over by a waiting instance when the holder dies before recording it', async () => {
    const runs: string[] = [];
    // a's run never ends by itself: its process "dies" (loses the database) half-way
    const a = await instance('instance-a', (signal) => {
      runs.push('a');
      return new Promise((resolve) => signal.addEventListener('abort', () => resolve(0)));
    });
    const aStarting = a.tasks.startAll().catch(() => undefined);
    await waitFor(() => runs.length === 1, { description: 'a to run the backfill' });
    const b = await instance('instance-b', async () => {
      runs.push('b');
      return 7;
    });
    const bStarting = b.tasks.startAll();

    await a.connection.close(true);
    await bStarting;

    expect(runs).toEqual(['a', 'b']);
    expect(await recordOf(b.connection)).toMatchObject({ documents: 7 });
    await b.tasks.stopAll(() => undefined);
    await a.tasks.stopAll(() => undefined);
    void aStarting; // a's start fails on its closed connection in its own time
  });
});
