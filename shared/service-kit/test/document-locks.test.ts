import { ConflictError } from '@steward/errors';
import { MONGO_URL, uniqueName } from '@steward/testing';
import { type Collection, type Db, MongoClient } from 'mongodb';
import mongoose, { type Connection } from 'mongoose';
import { DocumentLocks } from '../src/document-locks';
import { revisionFilter, WriteClaims } from '../src/write-claims';

/*
 * Against the real FerretDB (1.24, SQLite), whose updateOne is a read and a
 * separate write (FerretDB #3040). Unprotected, 50 concurrent `$inc` on one
 * document left 12 in one run, and of 50 version-guarded updates that all
 * reported success 38 survived; a `$pullAll` racing a guarded update can undo
 * it too. These tests check that the protected paths are exact; they do not
 * assert the loss itself, which depends on timing.
 */

interface Unit {
  _id: string;
  version: number;
  counter: number;
  rev?: number;
  applied: string[];
  outbox: { id: string }[];
}

const WRITERS = 50;

function newUnit(id: string): Unit {
  return { _id: id, version: 0, counter: 0, rev: 0, applied: [], outbox: [] };
}

describe('per-document write serialisation on FerretDB', () => {
  let client: MongoClient;
  let db: Db;
  let units: Collection<Unit>;

  beforeAll(async () => {
    client = await MongoClient.connect(MONGO_URL);
    db = client.db(uniqueName('service_kit_locks').replace(/-/g, '_'));
    units = db.collection<Unit>('units');
  });

  afterAll(async () => {
    await db?.dropDatabase();
    await client?.close();
  });

  /**
   * Removes published entries the way the outbox relay does (read them, then
   * `$pullAll` by `_id` through the collection it was handed) until `done`.
   */
  async function relayLoop(collection: Collection<Unit>, id: string, done: () => boolean): Promise<Set<string>> {
    const removed = new Set<string>();
    for (;;) {
      const finished = done();
      const doc = await collection.findOne({ _id: id }, { projection: { outbox: 1 } });
      const entries = doc?.outbox ?? [];
      if (entries.length > 0) {
        await collection.updateOne({ _id: id }, { $pullAll: { outbox: entries } });
        for (const entry of entries) removed.add(entry.id);
      }
      if (finished && entries.length === 0) return removed;
    }
  }

  it('loses none of 50 concurrent $inc on one document through DocumentLocks', async () => {
    const locks = new DocumentLocks();
    await units.insertOne(newUnit('inc'));
    await Promise.all(
      Array.from({ length: WRITERS }, () => locks.run('inc', () => units.updateOne({ _id: 'inc' }, { $inc: { counter: 1 } }))),
    );
    expect((await units.findOne({ _id: 'inc' }))?.counter).toBe(WRITERS);
    expect(locks.size).toBe(0);
  });

  it('applies every version-guarded update exactly once, with the relay removing entries meanwhile', async () => {
    const locks = new DocumentLocks();
    const relayView = locks.guard(units);
    await units.insertOne(newUnit('guarded'));
    let writing = WRITERS;

    /** Read, then write guarded by the version read (retrying on CONFLICT), as a service's change does. */
    async function change(name: string): Promise<void> {
      for (;;) {
        const { version } = (await units.findOne({ _id: 'guarded' }, { projection: { version: 1 } })) as Unit;
        const result = await locks.run('guarded', () =>
          units.updateOne(
            { _id: 'guarded', version },
            { $set: { version: version + 1 }, $push: { applied: name, outbox: { id: `event-${name}` } } },
          ),
        );
        if (result.matchedCount === 1) return;
      }
    }

    const relay = relayLoop(relayView, 'guarded', () => writing === 0);
    await Promise.all(Array.from({ length: WRITERS }, (_, i) => change(`w${i}`).finally(() => (writing -= 1))));
    const removed = await relay;

    const doc = (await units.findOne({ _id: 'guarded' })) as Unit;
    const names = Array.from({ length: WRITERS }, (_, i) => `w${i}`);
    expect(doc.version).toBe(WRITERS);
    expect([...doc.applied].sort()).toEqual([...names].sort());
    // every event was published and removed once: none lost with its change, none brought back by a stale write
    expect(doc.outbox).toEqual([]);
    expect([...removed].sort()).toEqual(names.map((name) => `event-${name}`).sort());
  });

  describe('WriteClaims across two connections (two instances)', () => {
    const connections: Connection[] = [];

    afterAll(async () => {
      await Promise.all(connections.map((connection) => connection.close()));
    });

    async function instance(): Promise<WriteClaims> {
      const connection = await mongoose.createConnection(MONGO_URL, { dbName: db.databaseName }).asPromise();
      connections.push(connection);
      return new WriteClaims(connection, { collection: 'unit_claims' });
    }

    it('applies every revision-guarded write once while the relay removes entries through the claims', async () => {
      const [first, second] = [await instance(), await instance()];
      const relayView = first.guard(units);
      await units.insertOne(newUnit('claimed'));
      let writing = WRITERS;

      async function change(claims: WriteClaims, name: string): Promise<void> {
        for (;;) {
          const { rev = 0, counter } = (await units.findOne({ _id: 'claimed' })) as Unit;
          try {
            const result = await claims.withClaim('claimed', rev, () =>
              units.updateOne(
                { _id: 'claimed', ...revisionFilter(rev) },
                { $set: { rev: rev + 1, counter: counter + 1 }, $push: { applied: name, outbox: { id: `event-${name}` } } },
              ),
            );
            if (result.matchedCount === 1) return;
          } catch (error) {
            if (!(error instanceof ConflictError)) throw error;
          }
        }
      }

      const relay = relayLoop(relayView, 'claimed', () => writing === 0);
      await Promise.all(
        Array.from({ length: WRITERS }, (_, i) => change(i % 2 === 0 ? first : second, `w${i}`).finally(() => (writing -= 1))),
      );
      const removed = await relay;

      const doc = (await units.findOne({ _id: 'claimed' })) as Unit;
      expect(doc.counter).toBe(WRITERS);
      expect(doc.applied).toHaveLength(WRITERS);
      expect(new Set(doc.applied).size).toBe(WRITERS);
      expect(doc.outbox).toEqual([]);
      expect(removed.size).toBe(WRITERS);
      expect(await db.collection('unit_claims').countDocuments()).toBe(0);
    });
  });
});
