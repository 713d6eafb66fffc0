#!/usr/bin/env node
// Micro-benchmark of aggregate saves (AggregateStore.save) on the local
// FerretDB, with write claims (STEWARD_WRITE_CLAIMS=always, what `auto` picks
// on FerretDB) and without (`never`): two connections (two instances), each
// with `--writers` writers running read-modify-save cycles for `--seconds`,
// retrying on CONFLICT. Two layouts: every writer on one shared document (all
// contention), and one document per writer (no contention: the claims' own
// cost). Prints saves/s, CONFLICTs (stale version read, or the claim held
// beyond the wait) and the updates lost (saves reported successful that the
// document does not hold). Needs `npm run build` and the
// infrastructure (`npm run infra:up`); writes to a throwaway database.
//
//   node bench/write-claims.mjs [--seconds=10] [--writers=4]
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';

const require = createRequire(import.meta.url);
const mongoose = require('mongoose');
const { AggregateStore, ClaimBusyError, setWriteClaimsMode } = require('@steward/persistence');
const { ConflictError } = require('@steward/errors');

const MONGO_URL = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/?directConnection=true&retryWrites=false';
const option = (name, fallback) => Number(process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const seconds = option('seconds', 10);
const writers = option('writers', 4);
const INSTANCES = 2;

const schema = new mongoose.Schema(
  { _id: String, version: Number, count: Number, outbox: { type: [mongoose.Schema.Types.Mixed], default: undefined }, outboxPending: { type: Boolean, select: false } },
  { collection: 'counters', versionKey: false },
);

async function run(mode, documents) {
  const dbName = `bench_claims_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const connections = [];
  for (let i = 0; i < INSTANCES; i += 1) {
    const connection = await mongoose.createConnection(MONGO_URL, { dbName }).asPromise();
    setWriteClaimsMode(connection.getClient(), mode);
    connections.push(connection);
  }
  const stores = connections.map((connection) => new AggregateStore(connection.model('Counter', schema)));
  const ids = Array.from({ length: documents }, (_, i) => `c${i}`);
  for (const id of ids) await stores[0].insert({ _id: id, version: 0, count: 0 });

  let saves = 0;
  let conflicts = 0;
  let busy = 0;
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    stores.flatMap((store, instance) =>
      Array.from({ length: writers }, async (_, writer) => {
        const id = ids[(instance * writers + writer) % ids.length];
        while (Date.now() < deadline) {
          const doc = await store.model.findById(id).lean().exec();
          try {
            await store.save({ id, expected: doc.version, set: { count: doc.count + 1 } });
            saves += 1;
          } catch (error) {
            if (!(error instanceof ConflictError)) throw error;
            if (error instanceof ClaimBusyError) busy += 1;
            else conflicts += 1;
          }
        }
      }),
    ),
  );
  const stored = await stores[0].model.find({}).lean().exec();
  const counted = stored.reduce((sum, doc) => sum + doc.count, 0);
  await connections[0].db.dropDatabase();
  await Promise.all(connections.map((connection) => connection.close()));
  return { mode, documents, saves, savesPerSecond: Math.round(saves / seconds), conflicts, busy, lost: saves - counted };
}

const rows = [];
for (const documents of [1, INSTANCES * writers]) {
  for (const mode of ['never', 'always']) {
    const row = await run(mode, documents);
    rows.push(row);
    console.log(JSON.stringify(row));
  }
}
console.log(`\n${INSTANCES} connections × ${writers} writers, ${seconds} s each (FerretDB at ${MONGO_URL})`);
console.log('| documents | claims | saves/s | stale (CONFLICT) | claim busy (CONFLICT) | lost updates |\n|---|---|---|---|---|---|');
for (const row of rows) {
  console.log(`| ${row.documents === 1 ? '1 (shared)' : `${row.documents} (one per writer)`} | ${row.mode === 'always' ? 'yes' : 'no'} | ${row.savesPerSecond} | ${row.conflicts} | ${row.busy} | ${row.lost} |`);
}
