import { Injectable } from '@nestjs/common';
import { outboxPush, toOutboxEntries, type EventEnvelope } from '@steward/events';
import { ConflictError } from '@steward/errors';
import { InjectMongo, type PageRequest, findKeysetPage } from '@steward/service-kit';
import type { Connection, Model, QueryFilter } from 'mongoose';
import { ticketSchema, ticketSequenceSchema, type TicketDocument, type TicketSequenceDocument, type TimelineEntry } from './ticket.schema';
import type { TicketStatus } from './ticket-state-machine';

export interface TicketQuery {
  within?: string;
  status?: TicketStatus;
  handlerId?: string;
}

export type TicketChanges = Partial<Pick<TicketDocument, 'status' | 'level' | 'unitId' | 'orgPath' | 'handlerId' | 'resolveDueAt'>>;

/** The only code that touches the tickets collections. */
@Injectable()
export class TicketRepository {
  private readonly tickets: Model<TicketDocument>;
  private readonly sequences: Model<TicketSequenceDocument>;

  constructor(@InjectMongo() connection: Connection) {
    this.tickets = connection.model<TicketDocument>('Ticket', ticketSchema);
    this.sequences = connection.model<TicketSequenceDocument>('TicketSequence', ticketSequenceSchema);
  }

  get collection() {
    return this.tickets.collection;
  }

  /** Next number of the day, e.g. 20261130-000042 (unique per city). */
  async nextNumber(day: string): Promise<string> {
    const row = await this.sequences
      .findOneAndUpdate({ _id: day }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' })
      .lean()
      .exec();
    return `${day}-${String(row?.seq ?? 0).padStart(6, '0')}`;
  }

  findById(id: string): Promise<TicketDocument | null> {
    return this.tickets.findById(id).lean<TicketDocument>().exec();
  }

  findByIds(ids: readonly string[]): Promise<TicketDocument[]> {
    return this.tickets.find({ _id: { $in: ids } }).lean<TicketDocument[]>().exec();
  }

  findByNumber(number: string): Promise<TicketDocument | null> {
    return this.tickets.findOne({ number }).lean<TicketDocument>().exec();
  }

  async insert(ticket: Omit<TicketDocument, 'outbox' | 'createdAt' | 'updatedAt'>, events: EventEnvelope[]): Promise<void> {
    await this.tickets.create({ ...ticket, outbox: toOutboxEntries(events) });
  }

  /**
   * Applies a transition as one single-document update: new state, timeline
   * entry, version + 1 and the pending events. Fails with CONFLICT when someone
   * else changed the ticket since `expectedVersion` was read.
   */
  async applyTransition(
    id: string,
    expectedVersion: number,
    changes: TicketChanges,
    entry: TimelineEntry,
    events: EventEnvelope[],
  ): Promise<void> {
    const outbox = outboxPush(events).$push;
    const result = await this.tickets
      .updateOne(
        { _id: id, version: expectedVersion },
        { $set: { ...changes, version: expectedVersion + 1 }, $push: { timeline: entry, ...outbox } },
      )
      .exec();
    if (result.matchedCount === 0) {
      throw new ConflictError(`Ticket ${id} was changed by someone else (expected version ${expectedVersion}); reload and retry`, {
        expectedVersion,
      });
    }
  }

  async page(query: TicketQuery, page: PageRequest): Promise<{ rows: TicketDocument[]; total: number }> {
    const filter: QueryFilter<TicketDocument> = {};
    if (query.within) filter.orgPath = query.within;
    if (query.status) filter.status = query.status;
    if (query.handlerId) filter.handlerId = query.handlerId;
    return findKeysetPage(this.tickets, filter, page);
  }
}
