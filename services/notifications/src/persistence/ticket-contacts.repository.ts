import { Injectable } from '@nestjs/common';
import { AggregateStore } from '@steward/persistence';
import { InjectMongo } from '@steward/service-kit';
import { Schema, type Connection } from 'mongoose';

/**
 * What notifications remembers of tickets from their events, for rules whose
 * recipients the later event does not name: who recorded the report
 * (`reporter:<ticketId>`), and which tickets were merged into which
 * (`merge:<intoTicketId>:<fromTicketId>`). Facts are only ever inserted (a
 * redelivered event inserts nothing), so instances never race on an update.
 */
interface TicketContactDocument {
  _id: string;
  ticketId: string;
  reporterId?: string;
  mergedFromTicketId?: string;
}

const contactSchema = new Schema<TicketContactDocument>(
  {
    _id: { type: String, required: true },
    ticketId: { type: String, required: true, index: true },
    reporterId: { type: String },
    mergedFromTicketId: { type: String },
  },
  { collection: 'ticket_contacts', versionKey: false },
);

@Injectable()
export class TicketContactRepository {
  private readonly store: AggregateStore<TicketContactDocument>;

  constructor(@InjectMongo() connection: Connection) {
    this.store = new AggregateStore(connection.model<TicketContactDocument>('TicketContact', contactSchema), { name: 'TicketContact' });
  }

  async recordReporter(ticketId: string, reporterId: string): Promise<void> {
    await this.store.tryInsert({ _id: `reporter:${ticketId}`, ticketId, reporterId });
  }

  async recordMerge(intoTicketId: string, fromTicketId: string): Promise<void> {
    await this.store.tryInsert({ _id: `merge:${intoTicketId}:${fromTicketId}`, ticketId: intoTicketId, mergedFromTicketId: fromTicketId });
  }

  /** The member who recorded the report of each ticket (tickets reported before notifications ran have none). */
  async reportersOf(ticketIds: readonly string[]): Promise<string[]> {
    if (ticketIds.length === 0) return [];
    const docs = await this.store.model.find({ _id: { $in: ticketIds.map((id) => `reporter:${id}`) } }).lean<TicketContactDocument[]>().exec();
    return docs.flatMap((doc) => (doc.reporterId ? [doc.reporterId] : []));
  }

  /** The tickets merged into `ticketId`. */
  async mergedInto(ticketId: string): Promise<string[]> {
    const docs = await this.store.model.find({ ticketId, mergedFromTicketId: { $exists: true } }).lean<TicketContactDocument[]>().exec();
    return docs.flatMap((doc) => (doc.mergedFromTicketId ? [doc.mergedFromTicketId] : []));
  }
}
