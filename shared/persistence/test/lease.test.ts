// Leader leases on the real FerretDB: two contenders on two connections, as
// two instances of a service would be.
import { Lease, LEASES_COLLECTION, slotOf, type LeaseDocument, type LeaseTiming } from '@steward/persistence';
import { MONGO_URL, uniqueName, waitFor } from '@steward/testing';
import { MongoClient, type Db } from 'mongodb';

// short slots so the test sees several; the renewal window leaves a loaded FerretDB time for a few tries
const TIMING: LeaseTiming = { slotMs: 1_500, renewBeforeMs: 600, graceMs: 300, marginMs: 200, retryMs: 100 };
const JOB = 'test:job';

interface Contender {
  client: MongoClient;
  lease: Lease;
}

describe('Lease against FerretDB', () => {
  const clients: MongoClient[] = [];
  let dbName: string;

  beforeEach(() => {
    dbName = uniqueName('lease').replace(/-/g, '_');
  });

  afterEach(async () => {
    const [first] = clients;
    await first?.db(dbName).dropDatabase().catch(() => undefined);
    await Promise.all(clients.splice(0).map((client) => client.close().catch(() => undefined)));
  });

  async function contender(holder: string): Promise<Contender> {
    const client = await MongoClient.connect(MONGO_URL);
    clients.push(client);
    const db: Db = client.db(dbName);
    return { client, lease: new Lease(db.collection<LeaseDocument>(LEASES_COLLECTION), { holder, timing: TIMING }) };
  }

  interface Sample {
    at: number;
    a: boolean;
    b: boolean;
    /** the holder of the current slot in the database, read just after */
    slotHolder?: string;
  }

  /** Samples both contenders every 20 ms for `ms`: who believed it held the lease when, and who held the slot in the database. */
  async function sample(a: Contender, b: Contender, observer: MongoClient, ms: number): Promise<Sample[]> {
    const leases = observer.db(dbName).collection<LeaseDocument>(LEASES_COLLECTION);
    const samples: Sample[] = [];
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const at = Date.now();
      const [holdsA, holdsB] = [a.lease.holds(JOB), b.lease.holds(JOB)];
      const slot = await leases.findOne({ _id: `${JOB}#${slotOf(at, TIMING)}` });
      samples.push({ at, a: holdsA, b: holdsB, slotHolder: slot?.holder });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return samples;
  }

  async function observer(): Promise<MongoClient> {
    const client = await MongoClient.connect(MONGO_URL);
    clients.push(client);
    return client;
  }

  it('gives every slot exactly one holder, keeps it with the first one, and never lets both work', async () => {
    const [a, b] = await Promise.all([contender('instance-a'), contender('instance-b')]);
    await Promise.all([a.lease.tryAcquire(JOB), b.lease.tryAcquire(JOB)]);
    const first = await waitFor(() => (a.lease.holds(JOB) ? 'a' : b.lease.holds(JOB) ? 'b' : undefined), { description: 'a holder', timeoutMs: 5_000, intervalMs: 20 });
    const watcher = await observer();

    const samples = await sample(a, b, watcher, 5 * TIMING.slotMs);

    expect(samples.filter((s) => s.a && s.b)).toEqual([]);
    // the incumbent worked through the whole time (renewing ahead of each slot), the other never
    expect(samples.filter((s) => (first === 'a' ? !s.a || s.b : !s.b || s.a))).toEqual([]);
    // every slot of the window has one holder in the database: the one that worked in it
    expect(new Set(samples.map((s) => s.slotHolder))).toEqual(new Set([`instance-${first}`]));
    expect(new Set(samples.map((s) => slotOf(s.at, TIMING))).size).toBeGreaterThanOrEqual(5);
    // old slots are cleaned up as new ones are claimed
    const kept = await watcher.db(dbName).collection<LeaseDocument>(LEASES_COLLECTION).countDocuments({ name: JOB });
    expect(kept).toBeLessThanOrEqual(4);

    await Promise.all([a.lease.releaseAll(), b.lease.releaseAll()]);
  });

  it('lets the other take over within a slot and its grace after the holder stops renewing, without overlap', async () => {
    const [a, b] = await Promise.all([contender('instance-a'), contender('instance-b')]);
    await a.lease.tryAcquire(JOB);
    await waitFor(() => a.lease.holds(JOB), { description: 'a to hold the lease', timeoutMs: 5_000, intervalMs: 20 });
    await b.lease.tryAcquire(JOB);
    expect(b.lease.holds(JOB)).toBe(false);

    // a's process loses its database: it can no longer renew, as if it had died
    const watcher = await observer();
    const stoppedAt = Date.now();
    await a.client.close(true);
    const samples = await sample(a, b, watcher, 3 * TIMING.slotMs);
    const takenOverAt = samples.find((s) => s.b)?.at;

    expect(samples.filter((s) => s.a && s.b)).toEqual([]);
    expect(takenOverAt).toBeDefined();
    const lastOfA = Math.max(...samples.filter((s) => s.a).map((s) => s.at), stoppedAt);
    expect(takenOverAt).toBeGreaterThan(lastOfA);
    // a had renewed at most one slot ahead: b holds from the slot after it, after the grace
    const bound = (slotOf(stoppedAt, TIMING) + 2) * TIMING.slotMs + TIMING.graceMs + 500;
    expect(takenOverAt).toBeLessThanOrEqual(bound);
    // from the takeover on, the database names b as the holder of every slot
    expect(new Set(samples.filter((s) => s.at >= (takenOverAt ?? 0)).map((s) => s.slotHolder))).toEqual(new Set(['instance-b']));

    await b.lease.releaseAll();
    await a.lease.releaseAll().catch(() => undefined);
  });

  it('hands over at the next slot after a release; runIfLeader runs work on the holder only', async () => {
    const [a, b] = await Promise.all([contender('instance-a'), contender('instance-b')]);
    await a.lease.tryAcquire(JOB);
    await waitFor(() => a.lease.holds(JOB), { description: 'a to hold the lease', timeoutMs: 5_000, intervalMs: 20 });
    let ran = 0;
    expect(await b.lease.runIfLeader(JOB, async () => (ran += 1))).toBeUndefined();
    expect(await a.lease.runIfLeader(JOB, async (stillLeader) => (stillLeader() ? (ran += 1) : ran))).toBe(1);

    await a.lease.release(JOB);
    expect(a.lease.holds(JOB)).toBe(false);
    await waitFor(() => b.lease.holds(JOB), { description: 'b to take the released lease', timeoutMs: 3 * TIMING.slotMs, intervalMs: 20 });
    expect(await b.lease.runIfLeader(JOB, async () => (ran += 1))).toBe(2);
    await b.lease.releaseAll();
  });
});
