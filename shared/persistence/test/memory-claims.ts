// An in-memory stand-in of a `write_claims` collection for the unit specs of
// the claims' own decisions (which key, in which order, when to evict): the
// calls WriteClaims makes, with an insert of an existing _id refused as
// the database refuses it. What the database does is checked by
// write-claims.test.ts on the real FerretDB.
import type { Collection } from 'mongodb';
import type { ClaimDocument } from '../src/write-claims';

export interface MemoryClaims {
  docs: Map<string, ClaimDocument>;
  /** every call, in order: `insert <id>`, `refused <id>`, `delete <id>` */
  calls: string[];
  asCollection(): Collection<ClaimDocument>;
}

export function memoryClaims(hooks: { onInsert?: (id: string) => void } = {}): MemoryClaims {
  const docs = new Map<string, ClaimDocument>();
  const calls: string[] = [];
  const collection = {
    collectionName: 'write_claims',
    insertOne: async (doc: ClaimDocument) => {
      if (docs.has(doc._id)) {
        calls.push(`refused ${doc._id}`);
        throw Object.assign(new Error(`E11000 duplicate key error collection: write_claims index: _id_ dup key: ${doc._id}`), { code: 11000 });
      }
      calls.push(`insert ${doc._id}`);
      docs.set(doc._id, { ...doc });
      hooks.onInsert?.(doc._id);
      return { acknowledged: true, insertedId: doc._id };
    },
    insertMany: async (many: ClaimDocument[]) => {
      const writeErrors: { index: number; code: number; errmsg: string }[] = [];
      many.forEach((doc, index) => {
        if (docs.has(doc._id)) {
          calls.push(`refused ${doc._id}`);
          writeErrors.push({ index, code: 11000, errmsg: `E11000 duplicate key error collection: write_claims index: _id_ dup key: ${doc._id}` });
          return;
        }
        calls.push(`insert ${doc._id}`);
        docs.set(doc._id, { ...doc });
        hooks.onInsert?.(doc._id);
      });
      if (writeErrors.length > 0) throw Object.assign(new Error('E11000 duplicate key error'), { code: 11000, writeErrors });
      return { acknowledged: true, insertedCount: many.length };
    },
    deleteMany: async (filter: { _id: { $in: string[] }; holder: string }) => {
      let deletedCount = 0;
      for (const id of filter._id.$in) {
        const doc = docs.get(id);
        if (!doc || doc.holder !== filter.holder) continue;
        calls.push(`delete ${id}`);
        docs.delete(id);
        deletedCount += 1;
      }
      return { acknowledged: true, deletedCount };
    },
    findOne: async (filter: { _id: string }) => docs.get(filter._id) ?? null,
    deleteOne: async (filter: { _id: string; holder: string }) => {
      const doc = docs.get(filter._id);
      if (!doc || doc.holder !== filter.holder) return { acknowledged: true, deletedCount: 0 };
      calls.push(`delete ${filter._id}`);
      docs.delete(filter._id);
      return { acknowledged: true, deletedCount: 1 };
    },
  };
  return { docs, calls, asCollection: () => collection as unknown as Collection<ClaimDocument> };
}
