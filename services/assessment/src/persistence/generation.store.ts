import { isDuplicateKeyError } from '@steward/persistence';
import type { Db } from 'mongodb';
import { INITIAL_GENERATION, META_COLLECTION, projectionGroupId, type GenerationPointer } from './generation';

/** Reads the pointer, creating it (generation g0) on first use (instances starting together: one creates it, the others' upserts fail as duplicates). */
export async function readGeneration(db: Db): Promise<GenerationPointer> {
  const meta = db.collection<GenerationPointer>(META_COLLECTION);
  await meta
    .updateOne(
    { _id: 'generation' },
    {
      $setOnInsert: {
        current: INITIAL_GENERATION,
        groupId: projectionGroupId(db.databaseName, INITIAL_GENERATION),
        previous: null,
        switchedAt: new Date(),
      },
    },
    { upsert: true },
    )
    .catch((error: unknown) => {
      if (!isDuplicateKeyError(error)) throw error;
    });
  const pointer = await meta.findOne({ _id: 'generation' });
  if (!pointer) throw new Error('generation pointer vanished');
  return pointer;
}

/** Points the service at `generation` (one single-document update: the swap is atomic). Returns the generation it replaced. */
export async function switchGeneration(db: Db, generation: string, groupId: string): Promise<string> {
  const before = await readGeneration(db);
  await db
    .collection<GenerationPointer>(META_COLLECTION)
    .updateOne({ _id: 'generation' }, { $set: { current: generation, groupId, previous: before.current, switchedAt: new Date() } });
  return before.current;
}
