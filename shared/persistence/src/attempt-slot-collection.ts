import type { Collection, Connection } from 'mongoose';
import { isDuplicateKeyError } from '@steward/events';
import type { AttemptSlotStore } from './attempt-slots';

interface AttemptSlotDocument {
  _id: string;
  at: Date;
}

/**
 * Attempt slots in one collection, shared by every instance of a service.
 * Taking a slot is an insert with a unique `_id`, which is atomic on FerretDB
 * too (an `$inc` there is a read and a write).
 */
export class AttemptSlotCollection implements AttemptSlotStore {
  private readonly slots: Collection<AttemptSlotDocument>;

  constructor(connection: Connection, collectionName: string) {
    this.slots = connection.collection<AttemptSlotDocument>(collectionName) as unknown as Collection<AttemptSlotDocument>;
  }

  async insert(id: string, at: Date): Promise<boolean> {
    try {
      await this.slots.insertOne({ _id: id, at });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async removeTakenBefore(ids: readonly string[], before: Date): Promise<number> {
    return (await this.slots.deleteMany({ _id: { $in: [...ids] }, at: { $lt: before } })).deletedCount;
  }

  async remove(ids: readonly string[]): Promise<void> {
    await this.slots.deleteMany({ _id: { $in: [...ids] } });
  }
}
