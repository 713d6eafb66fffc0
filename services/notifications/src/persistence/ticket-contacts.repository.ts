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
  /** `event:<ticketId>:<eventId>`: a consumed event residents or merged reporters may still have to hear of */
  event?: StoredTicketEvent;
}

/** A consumed ticket event kept for messages whose recipient becomes known later (a late contact or merge). */
export interface StoredTicketEvent {
  id: string;
  type: string;
  time: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

const contactSchema = new Schema<TicketContactDocument>(
  {
    _id: { type: String, required: true },
    ticketId: { type: String, required: true, index: true },
    reporterId: { type: String },
    mergedFromTicketId: { type: String },
    event: { type: Schema.Types.Mixed },
  },
  { collection: 'ticket_contacts', versionKey: false },
);
contactSchema.index({ mergedFromTicketId: 1 }, { name: 'merged_from' });

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

  /** Keeps an event for messages planned later (see StoredTicketEvent); once per event. */
  async recordEvent(ticketId: string, event: StoredTicketEvent): Promise<void> {
    await this.store.tryInsert({ _id: `event:${ticketId}:${event.id}`, ticketId, event });
  }

  /** The latest kept event of the ticket among `types` (by the time it happened), if any. */
  async latestEvent(ticketId: string, types: readonly string[]): Promise<StoredTicketEvent | null> {
    const docs = await this.store.model.find({ ticketId, 'event.type': { $in: [...types] } }).lean<TicketContactDocument[]>().exec();
    const events = docs.flatMap((doc) => (doc.event ? [doc.event] : []));
    events.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.time.localeCompare(b.time));
    return events.at(-1) ?? null;
  }

  /** The tickets `ticketId` was merged into (one, normally). */
  async mergedTargets(ticketId: string): Promise<string[]> {
    const docs = await this.store.model.find({ mergedFromTicketId: ticketId }).lean<TicketContactDocument[]>().exec();
    return docs.map((doc) => doc.ticketId);
  }

  /** The tickets merged into `ticketId`. */
  async mergedInto(ticketId: string): Promise<string[]> {
    const docs = await this.store.model.find({ ticketId, mergedFromTicketId: { $exists: true } }).lean<TicketContactDocument[]>().exec();
    return docs.flatMap((doc) => (doc.mergedFromTicketId ? [doc.mergedFromTicketId] : []));
  }
}
