import type { AggregateStore } from '@steward/persistence';
import { unitPathsOf } from '../domain/member-rules';
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
 * read, which it keeps (no event: the state did not change): a member changed
 * meanwhile got unitPaths from that change.
 */
export async function backfillUnitPaths(members: AggregateStore<MemberDocument>): Promise<number> {
  const missing = await members.model
    .find({ unitPaths: { $exists: false } }, { assignments: 1, version: 1 })
    .lean<Pick<MemberDocument, '_id' | 'assignments' | 'version'>[]>()
    .exec();
  let written = 0;
  let next = 0;
  const worker = async () => {
    while (next < missing.length) {
      const doc = missing[next++];
      const set = { unitPaths: unitPathsOf(doc.assignments) };
      if (await members.trySave({ id: doc._id, expected: doc.version, next: doc.version, set })) written += 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return written;
}
