import type { DocumentLocks } from '@steward/service-kit/dist/document-locks';
import type { Model } from 'mongoose';
import { unitPathsOf } from './member-rules';
import type { MemberDocument } from './member.schema';

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
  for (const doc of missing) {
    const result = await locks.run(doc._id, () =>
      members.updateOne({ _id: doc._id, version: doc.version }, { $set: { unitPaths: unitPathsOf(doc.assignments) } }).exec(),
    );
    written += result.modifiedCount;
  }
  return written;
}
