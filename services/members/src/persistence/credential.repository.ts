import { Injectable } from '@nestjs/common';
import { InjectMongo } from '@steward/service-kit';
import type { Collection, Connection } from 'mongoose';

/** A member's password hash, apart from the member document so it never reaches the members topic. */
export interface CredentialDocument {
  _id: string;
  passwordHash: string;
  /** Set by a reset (a manager gave a new password): the next sign-in may only change it. Absent: false. */
  mustChange?: boolean;
  updatedAt: Date;
  updatedBy: string;
}

export type StoredCredentials = Pick<CredentialDocument, 'passwordHash'> & { mustChange: boolean };

@Injectable()
export class CredentialRepository {
  private readonly credentials: Collection<CredentialDocument>;

  constructor(@InjectMongo() connection: Connection) {
    this.credentials = connection.collection<CredentialDocument>('credentials') as unknown as Collection<CredentialDocument>;
  }

  async find(memberId: string): Promise<StoredCredentials | null> {
    const doc = await this.credentials.findOne({ _id: memberId });
    return doc ? { passwordHash: doc.passwordHash, mustChange: doc.mustChange === true } : null;
  }

  async save(memberId: string, credentials: StoredCredentials, updatedBy: string): Promise<void> {
    await this.credentials.replaceOne({ _id: memberId }, { ...credentials, updatedAt: new Date(), updatedBy }, { upsert: true });
  }
}
