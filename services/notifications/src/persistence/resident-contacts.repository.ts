import { Injectable } from '@nestjs/common';
import { AggregateStore } from '@steward/persistence';
import { InjectMongo } from '@steward/service-kit';
import { Schema, type Connection } from 'mongoose';

/**
 * The phones of residents who reported tickets (反映人电话), copied from the
 * restricted topic steward.tickets.contacts.v1: personal data, kept in their
 * own collection and only while a text may still be due. `_id` is the ticket
 * id. Inserted once (a redelivered record inserts nothing) and deleted when
 * the ticket ended (closed, rejected; a merged ticket's when the ticket it was
 * merged into closed): see TicketNotifier. Queued SMS carry their own copy
 * until they are sent or dead.
 */
interface ResidentContactDocument {
  _id: string;
  number: string;
  phone: string;
  channel: string;
  receivedAt: Date;
}

const residentContactSchema = new Schema<ResidentContactDocument>(
  {
    _id: { type: String, required: true },
    number: { type: String, required: true },
    phone: { type: String, required: true },
    channel: { type: String, required: true },
    receivedAt: { type: Date, required: true },
  },
  { collection: 'resident_contacts', versionKey: false },
);

@Injectable()
export class ResidentContactRepository {
  private readonly store: AggregateStore<ResidentContactDocument>;

  constructor(@InjectMongo() connection: Connection) {
    this.store = new AggregateStore(connection.model<ResidentContactDocument>('ResidentContact', residentContactSchema), { name: 'ResidentContact' });
  }

  async record(ticketId: string, number: string, phone: string, channel: string): Promise<void> {
    await this.store.tryInsert({ _id: ticketId, number, phone, channel, receivedAt: new Date() });
  }

  /** Ticket id → phone, for the tickets whose reporting resident left one (and it is not erased). */
  async phonesOf(ticketIds: readonly string[]): Promise<Map<string, string>> {
    if (ticketIds.length === 0) return new Map();
    const docs = await this.store.model.find({ _id: { $in: [...ticketIds] } }, { phone: 1 }).lean<Pick<ResidentContactDocument, '_id' | 'phone'>[]>().exec();
    return new Map(docs.map((doc) => [doc._id, doc.phone]));
  }

  /** Forgets the phones of these tickets. */
  async erase(ticketIds: readonly string[]): Promise<void> {
    if (ticketIds.length === 0) return;
    await this.store.model.deleteMany({ _id: { $in: [...ticketIds] } }).exec();
  }
}
