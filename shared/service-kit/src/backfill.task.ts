import type { Connection } from 'mongoose';
import type { BackgroundTasks } from './background';
import type { Logger } from './logger';

/** Where finished backfills are recorded, one document per backfill name, in the service's own database. */
export const BACKFILLS_COLLECTION = 'schema_backfills';

export interface BackfillOptions {
  /** stable and versioned, e.g. `members.unitPaths.v1`: a new version runs again */
  name: string;
  connection: Connection;
  logger: Logger;
  /** writes the missing field on the documents stored before it existed; idempotent; returns how many it wrote */
  run(): Promise<number>;
}

/**
 * A one-off data change for documents written before a field existed: it
 * runs before the service answers, at the first start that finds no record of
 * it, and is recorded once done, so later starts do not scan the collection
 * again. Every write of the service sets the field itself, so nothing stored
 * after the record needs it. Two instances starting together may both run it,
 * which is why `run` must be idempotent; a failed run is not recorded and
 * stops the start-up (the field is needed for correct reads).
 */
export function registerBackfill(tasks: BackgroundTasks, options: BackfillOptions): void {
  const records = () => options.connection.collection<{ _id: string; at: Date; documents: number }>(BACKFILLS_COLLECTION);
  tasks.register({
    name: `backfill:${options.name}`,
    phase: 'relays',
    start: async () => {
      if (await records().findOne({ _id: options.name })) return;
      const documents = await options.run();
      await records().updateOne({ _id: options.name }, { $set: { at: new Date(), documents } }, { upsert: true });
      options.logger.info({ backfill: options.name, documents }, 'backfill done');
    },
    stop: async () => undefined,
  });
}
