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
  /**
   * writes the missing field on the documents stored before it existed; idempotent; returns how many it wrote.
   * A background backfill gets a signal that is aborted when the service stops: return early then (it runs again at the next start).
   */
  run(signal: AbortSignal): Promise<number>;
  /**
   * `false`: the service answers while it runs, for a backfill that correct reads do not need (e.g.
   * republishing state events without a field); a failure is logged and the next start tries again.
   * Default `true`: it runs before the service answers.
   */
  blocking?: boolean;
}

/**
 * A one-off data change for documents written before a field existed: it
 * runs at the first start that finds no record of it, and is recorded once
 * done, so later starts do not scan the collection again. Every write of the
 * service sets the field itself, so nothing stored after the record needs it.
 * Two instances starting together may both run it, which is why `run` must be
 * idempotent. A blocking backfill runs before the service answers, and a
 * failed run stops the start-up (the field is needed for correct reads).
 */
export function registerBackfill(tasks: BackgroundTasks, options: BackfillOptions): void {
  const records = () => options.connection.collection<{ _id: string; at: Date; documents: number }>(BACKFILLS_COLLECTION);
  const stopping = new AbortController();
  let running: Promise<void> = Promise.resolve();

  const runOnce = async () => {
    if (await records().findOne({ _id: options.name })) return;
    const documents = await options.run(stopping.signal);
    if (stopping.signal.aborted) return;
    await records().updateOne({ _id: options.name }, { $set: { at: new Date(), documents } }, { upsert: true });
    options.logger.info({ backfill: options.name, documents }, 'backfill done');
  };

  tasks.register({
    name: `backfill:${options.name}`,
    phase: 'relays',
    start: async () => {
      if (options.blocking !== false) return runOnce();
      running = runOnce().catch((error: unknown) => options.logger.error({ backfill: options.name, err: error }, 'backfill failed; the next start tries again'));
    },
    stop: async () => {
      stopping.abort();
      await running;
    },
  });
}
