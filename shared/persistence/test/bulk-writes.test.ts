// Many-document writes in one command on the real FerretDB: an import's
// insertMany and version-guarded bulkWrite of hundreds of households, and
// reads and counts on the same database right after. FerretDB 1.24's
// update command kept every statement's query open until the command ended,
// each holding one of SQLite's 100 pooled connections, so a bulkWrite of 100
// or more updates froze the whole database (patch 0005 in infra/ferretdb).
import { ALL_UNITS } from '@steward/auth';
import { withTimeout } from '@steward/service-kit/core';
import { MONGO_URL, uniqueName } from '@steward/testing';
import mongoose, { Schema, type Connection, type Model } from 'mongoose';
import { AggregateStore } from '../src/aggregate-store';

interface HouseholdDocument {
  _id: string;
  code: string;
  orgPath: string[];
  version: number;
  size: number;
}

const householdSchema = new Schema<HouseholdDocument>(
  {
    _id: { type: String, required: true },
    code: { type: String, required: true },
    orgPath: { type: [String], default: () => [] },
    version: { type: Number, required: true },
    size: { type: Number, required: true },
  },
  { collection: 'households', versionKey: false },
);

/** More statements in one command than FerretDB's SQLite pool has connections (100). */
const DOCUMENTS = 250;
/** Each write and read of this file answers well within this (they took 0.1–1 s); a frozen database never does. */
const ANSWER_MS = 60_000;

const withinAnswerTime = <T>(work: Promise<T>, what: string): Promise<T> =>
  withTimeout(work, ANSWER_MS, `${what}: no answer within ${ANSWER_MS / 1000} s (the database froze)`);

describe('bulk writes of hundreds of documents on FerretDB', () => {
  const dbName = uniqueName('persistence_bulk').replace(/-/g, '_');
  let connection: Connection;
  let model: Model<HouseholdDocument>;
  let store: AggregateStore<HouseholdDocument>;
  const ids = Array.from({ length: DOCUMENTS }, (_, i) => `hh-${String(i).padStart(4, '0')}`);

  beforeAll(async () => {
    connection = await mongoose.createConnection(MONGO_URL, { dbName }).asPromise();
    model = connection.model<HouseholdDocument>('Household', householdSchema);
    store = new AggregateStore(model);
  });

  afterAll(async () => {
    await connection?.db?.dropDatabase();
    await connection?.close();
  });

  it('inserts them in one insertMany, updates them in one bulkWrite, twice, and the database still answers', async () => {
    const refused = await withinAnswerTime(
      store.tryInsertAll(ids.map((id, i) => ({ doc: { _id: id, code: `QX-${i}`, orgPath: ['city', 'town'], version: 1, size: 1 } }))),
      'insertMany',
    );
    expect(refused.size).toBe(0);

    for (const round of [1, 2]) {
      const matched = await withinAnswerTime(store.trySaveAll(ids.map((id) => ({ id, expected: round, set: { size: round + 1 } }))), `bulkWrite round ${round}`);
      expect({ round, matched }).toEqual({ round, matched: DOCUMENTS });
    }
    // a stale version changes nothing: every statement is guarded by the version read
    const stale = await withinAnswerTime(store.trySaveAll(ids.map((id) => ({ id, expected: 1, set: { size: 99 } }))), 'stale bulkWrite');
    expect(stale).toBe(0);

    const sizes = await withinAnswerTime(model.find({}, { size: 1, version: 1 }).lean().exec(), 'read after the writes');
    expect(sizes).toHaveLength(DOCUMENTS);
    expect(new Set(sizes.map((doc) => `${doc.size}@${doc.version}`))).toEqual(new Set(['3@3']));
    expect(await withinAnswerTime(model.countDocuments({ orgPath: 'town' }).exec(), 'count after the writes')).toBe(DOCUMENTS);
    expect(await withinAnswerTime(store.findById(ids[0], ALL_UNITS), 'find by id')).toMatchObject({ size: 3, version: 3 });
  }, 300_000);
});
