import { AsyncResource } from 'node:async_hooks';

/**
 * Joins items that are submitted while a write is under way (or in the same
 * turn of the event loop) into one write: each caller awaits its own item,
 * the writer runs once per group. The batches of several partitions handled
 * at once thus cost one store pass instead of one each, and the busier the
 * consumer, the larger its groups. A failed write fails every item of its group.
 * A group's write runs in the async context (trace, log context) of its first item.
 */
export class GroupCommit<T> {
  private queued: { item: T; context: AsyncResource; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private draining = false;

  constructor(private readonly write: (items: T[]) => Promise<void>) {}

  submit(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queued.push({ item, context: new AsyncResource('GroupCommit'), resolve, reject });
      if (!this.draining) {
        this.draining = true;
        // the batches kafkajs starts together submit within one turn: let them all in
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queued.length > 0) {
      const group = this.queued;
      this.queued = [];
      try {
        const items = group.map(({ item }) => item);
        await group[0].context.runInAsyncScope(() => this.write(items));
        for (const { resolve } of group) resolve();
      } catch (error) {
        for (const { reject } of group) reject(error);
      }
    }
    this.draining = false;
  }
}
