import type { Lease } from '@steward/persistence';
import type { Connection } from 'mongoose';
import type { BackgroundTasks } from './background';
import { serviceLease } from './leader-task';
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
   * It gets a signal that is aborted when the service stops or this instance lost the backfill's lease:
   * return early then (the next holder, or the next start, runs it again).
   */
  run(signal: AbortSignal): Promise<number>;
  /**
   * `false`: the service answers while it runs, for a backfill that correct reads do not need (e.g.
   * republishing state events without a field); a failure is logged and the next start tries again.
   * Default `true`: it runs before the service answers.
   */
  blocking?: boolean;
  /** the lease that picks the one instance running it; default one on `connection` (the kit's `Lease` may be passed) */
  lease?: Lease;
  /** how often an instance that does not hold the lease looks for the record; default 1 s */
  pollMs?: number;
}

/**
 * A one-off data change for documents written before a field existed: it
 * runs at the first start that finds no record of it, and is recorded once
 * done, so later starts do not scan the collection again. Every write of the
 * service sets the field itself, so nothing stored after the record needs it.
 *
 * With several instances starting together, the holder of the lease
 * `backfill:<name>` runs it; the others wait for its record (a blocking
 * backfill holds their start-up until then) and take over if the holder
 * dies before recording it. `run` must still be idempotent: a holder that
 * died half-way leaves part of the work done. A blocking backfill runs before
 * the service answers, and a failed run stops the start-up (the field is
 * needed for correct reads).
 */
export function registerBackfill(tasks: BackgroundTasks, options: BackfillOptions): void {
  const records = () => options.connection.collection<{ _id: string; at: Date; documents: number }>(BACKFILLS_COLLECTION);
  const lease = options.lease ?? serviceLease(options.connection, options.logger);
  const leaseName = `backfill:${options.name}`;
  const pollMs = options.pollMs ?? 1_000;
  const stopping = new AbortController();
  let running: Promise<void> = Promise.resolve();

  /** Runs it as the lease holder; false when the lease was lost before it finished. */
  const runAsHolder = async (): Promise<boolean> => {
    const lost = new AbortController();
    const abort = () => lost.abort();
    stopping.signal.addEventListener('abort', abort);
    const watch = setInterval(() => {
      if (!lease.holds(leaseName)) lost.abort();
    }, pollMs);
    try {
      const documents = await options.run(lost.signal);
      if (lost.signal.aborted) return false;
      await records().updateOne({ _id: options.name }, { $set: { at: new Date(), documents } }, { upsert: true });
      options.logger.info({ backfill: options.name, documents }, 'backfill done');
      return true;
    } finally {
      clearInterval(watch);
      stopping.signal.removeEventListener('abort', abort);
    }
  };

  const runOnce = async () => {
    try {
      while (!stopping.signal.aborted) {
        if (await records().findOne({ _id: options.name })) return;
        if ((await lease.tryAcquire(leaseName)) && (await runAsHolder())) return;
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    } finally {
      await lease.release(leaseName);
    }
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
