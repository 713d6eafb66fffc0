// Claims on the real FerretDB, where an insert of an existing `_id` is the only
// atomic test-and-set (updates and deletes are a read and a separate write).
import type { Collection, Db, MongoClient } from 'mongodb';
import { type ClaimDocument, Claims } from '@steward/events';
import { connectMongo, uniqueName } from './helpers';

describe('Claims against FerretDB', () => {
  const clients: MongoClient[] = [];
  let db: Db;
  let collections: Collection<ClaimDocument>[];

  beforeAll(async () => {
    // one connection per contender, as separate instances would have
    clients.push(...(await Promise.all(Array.from({ length: 5 }, () => connectMongo()))));
    const name = uniqueName('events_claims').replace(/-/g, '_');
    db = clients[0].db(name);
    collections = clients.map((client) => client.db(name).collection<ClaimDocument>('claims'));
  });

  afterAll(async () => {
    await db?.dropDatabase();
    await Promise.all(clients.map((client) => client.close()));
  });

  const contender = (index: number, leaseMs = 60_000) => new Claims(collections[index], { holder: `holder-${index}`, leaseMs });

  it('splits keys claimed at the same time between contenders, every key to exactly one', async () => {
    const keys = Array.from({ length: 40 }, (_, index) => uniqueName(`key-${index}`));
    const contenders = [0, 1, 2, 3, 4].map((index) => contender(index));

    const claimed = await Promise.all(contenders.map((claims) => claims.claim(keys)));

    const all = claimed.flatMap((set) => [...set]);
    expect(all.sort()).toEqual([...keys].sort());
    // a held key is refused to the others until its holder releases it
    const [first] = claimed.map((set, index) => ({ set, index })).filter(({ set }) => set.size > 0);
    const other = contenders[(first.index + 1) % contenders.length];
    expect((await other.claim([...first.set])).size).toBe(0);
    await contenders[first.index].release(first.set);
    expect(await other.claim([...first.set])).toEqual(first.set);
  });

  it('lets exactly one of several contenders take over a claim older than the lease', async () => {
    const key = uniqueName('stale');
    await collections[0].insertOne({ _id: key, holder: 'dead', at: new Date(Date.now() - 120_000) });
    const contenders = [0, 1, 2, 3, 4].map((index) => contender(index, 1_000));

    const claimed = await Promise.all(contenders.map((claims) => claims.claim([key])));

    expect(claimed.filter((set) => set.has(key))).toHaveLength(1);
    const winner = claimed.findIndex((set) => set.has(key));
    expect(await collections[0].findOne({ _id: key })).toMatchObject({ holder: `holder-${winner}` });
  });

  it('releases only what its holder still holds', async () => {
    const key = uniqueName('mine');
    const [a, b] = [contender(0), contender(1)];
    expect((await a.claim([key])).has(key)).toBe(true);
    await b.release([key]);
    expect(await collections[0].findOne({ _id: key })).toMatchObject({ holder: 'holder-0' });
    await a.release([key]);
    expect(await collections[0].findOne({ _id: key })).toBeNull();
  });
});
