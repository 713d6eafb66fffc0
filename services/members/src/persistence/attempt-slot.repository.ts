import { Injectable } from '@nestjs/common';
import { isDuplicateKeyError } from '@steward/persistence';
import { InjectMongo } from '@steward/service-kit';
import type { Collection, Connection } from 'mongoose';
import type { AttemptSlotStore } from '../domain/sign-in-attempts';

interface AttemptSlotDocument {
  _id: string;
  at: Date;
}

/**
 * Sign-in attempt slots in members' `sign_in_attempts` collection, shared by
 * every members instance. Taking a slot is an insert with a unique `_id`,
 * which is atomic on FerretDB too (an `$inc` there is a read and a write).
 */
@Injectable()
export class AttemptSlotRepository implements AttemptSlotStore {
  private readonly slots: Collection<AttemptSlotDocument>;

  constructor(@InjectMongo() connection: Connection) {
    this.slots = connection.collection<AttemptSlotDocument>('sign_in_attempts') as unknown as Collection<AttemptSlotDocument>;
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
