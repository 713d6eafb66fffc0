import { LEASES_COLLECTION, Lease, type LeaseDocument } from '@steward/persistence';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import type { BackgroundTasks } from './background';
import type { Logger } from './logger';

export interface LeaderTaskOptions {
  /** the task and its lease, e.g. `tickets:overdue-sweeper` */
  name: string;
  /** the service's lease (the kit provides one: inject `Lease`) */
  lease: Pick<Lease, 'tryAcquire' | 'holds' | 'release'>;
  /** time between the end of one run and the start of the next; the first run comes one interval after start. 0 or less: the task is off */
  intervalMs: number;
  /** one run; `stillLeader()` turns false when the lease is lost: stop between steps then */
  run(stillLeader: () => boolean): Promise<unknown>;
  logger: Logger;
  /** logged at start when the task is off (e.g. naming the variable that turned it off) */
  disabledMessage?: string;
}

/**
 * A periodic task that runs on ONE instance of the service: the holder of the
 * task's lease (see Lease in @steward/persistence). Every instance campaigns
 * for the lease from start, so when the holder dies another takes over within
 * about one lease slot. Work under the lease keeps its per-document guards as
 * the second line of defence. Stops with the consumers (before the relays
 * flush) and gives the lease up.
 */
export function registerLeaderTask(tasks: BackgroundTasks, options: LeaderTaskOptions): void {
  const { name, lease, intervalMs, logger } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    running = lease
      .tryAcquire(name)
      .then((leader) => (leader && !stopped ? options.run(() => !stopped && lease.holds(name)) : undefined))
      .catch((error: unknown) => logger.error({ err: error, task: name }, 'leader task failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  tasks.register({
    name,
    phase: 'consumers',
    start: async () => {
      if (intervalMs <= 0) {
        logger.warn({ task: name }, options.disabledMessage ?? 'leader task disabled');
        return;
      }
      // campaign from the start, so the lease is settled by the first run
      running = lease.tryAcquire(name).catch((error: unknown) => logger.warn({ err: error, task: name }, 'lease not acquired yet'));
      timer = setTimeout(tick, intervalMs);
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
      await lease.release(name);
    },
  });
}

/** The lease of a service's database (`leases` collection), as the kit provides it. */
export function serviceLease(connection: Connection, logger: Logger): Lease {
  return new Lease(connection.collection<LeaseDocument>(LEASES_COLLECTION) as unknown as Collection<LeaseDocument>, {
    logger: logger.child({ component: 'lease' }),
  });
}
