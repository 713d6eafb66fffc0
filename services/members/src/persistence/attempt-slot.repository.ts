import { Injectable } from '@nestjs/common';
import { AttemptSlotCollection } from '@steward/persistence';
import { InjectMongo } from '@steward/service-kit';
import type { Connection } from 'mongoose';

/** Sign-in attempt slots in members' `sign_in_attempts` collection, shared by every members instance. */
@Injectable()
export class AttemptSlotRepository extends AttemptSlotCollection {
  constructor(@InjectMongo() connection: Connection) {
    super(connection, 'sign_in_attempts');
  }
}
