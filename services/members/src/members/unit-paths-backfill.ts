import type { DocumentLocks } from '@steward/service-kit/core';
import type { Model } from 'mongoose';
import { unitPathsOf } from './member-rules';
import type { MemberDocument } from './member.schema';

/**
 * Updates in flight at once. Single-document updates rather than bulkWrite:
 * FerretDB 1.24 runs a multi-statement update as one long operation that
 * blocks every other request on the database until it ends.
 */
const CONCURRENCY = 8;

/**
 * Writes `unitPaths` on members stored before it existed (run once through
 * `registerBackfill`); returns how many. Each write is guarded by the version
 * read: a member changed meanwhile got unitPaths from that change.
 */
export async function backfillUnitPaths(members: Model<MemberDocument>, locks: DocumentLocks): Promise<number> {
  const missing = await members
    .find({ unitPaths: { $exists: false } }, { assignments: 1, version: 1 })
    .lean<Pick<MemberDocument, '_id' | 'assignments' | 'version'>[]>()
    .exec();
  let written = 0;
  let next = 0;
  const worker = async () => {
    while (next < missing.length) {
      const doc = missing[next++];
      const result = await locks.run(doc._id, () =>
        members.updateOne({ _id: doc._id, version: doc.version }, { $set: { unitPaths: unitPathsOf(doc.assignments) } }).exec(),
      );
      written += result.modifiedCount;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return written;
}
