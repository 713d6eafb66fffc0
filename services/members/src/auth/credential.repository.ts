import { Injectable } from '@nestjs/common';
import { InjectMongo } from '@steward/service-kit';
import type { Collection, Connection } from 'mongoose';

/** A member's password hash, apart from the member document so it never reaches the members topic. */
export interface CredentialDocument {
  _id: string;
  passwordHash: string;
  updatedAt: Date;
  updatedBy: string;
}

@Injectable()
export class CredentialRepository {
  private readonly credentials: Collection<CredentialDocument>;

  constructor(@InjectMongo() connection: Connection) {
    this.credentials = connection.collection<CredentialDocument>('credentials') as unknown as Collection<CredentialDocument>;
  }

  async hashOf(memberId: string): Promise<string | null> {
    return (await this.credentials.findOne({ _id: memberId }))?.passwordHash ?? null;
  }

  async save(memberId: string, passwordHash: string, updatedBy: string): Promise<void> {
    await this.credentials.replaceOne({ _id: memberId }, { passwordHash, updatedAt: new Date(), updatedBy }, { upsert: true });
  }
}
