import { Injectable } from '@nestjs/common';
import { applyIfNewerVersion } from '@steward/events';
import { InjectMongo, type PageRequest, findKeysetPage } from '@steward/service-kit';
import type { Connection, Model, QueryFilter } from 'mongoose';
import type { TicketVisitChange, VisitStatus } from './ticket-visit-rules';
import { visitSchema, type VisitDocument } from './visit.schema';

export interface VisitQuery {
  memberId?: string;
  ticketId?: string;
  status?: VisitStatus;
  within?: string;
}

/** The only code that touches the visits collection. */
@Injectable()
export class VisitRepository {
  private readonly visits: Model<VisitDocument>;

  constructor(@InjectMongo() connection: Connection) {
    this.visits = connection.model<VisitDocument>('Visit', visitSchema);
  }

  findById(id: string): Promise<VisitDocument | null> {
    return this.visits.findById(id).lean<VisitDocument>().exec();
  }

  findByTicket(ticketId: string): Promise<VisitDocument[]> {
    return this.visits.find({ ticketId }).sort({ createdAt: 1 }).lean<VisitDocument[]>().exec();
  }

  /** Applies a ticket-driven change unless a newer ticket version already did (then returns false). */
  applyTicketChange(change: TicketVisitChange, ticketVersion: number): Promise<boolean> {
    const now = new Date();
    const set: Record<string, unknown> = { status: change.status, updatedAt: now };
    if (change.startedAt) set.startedAt = change.startedAt;
    if (change.endedAt) set.endedAt = change.endedAt;
    if (change.notes !== undefined) set.notes = change.notes;
    return applyIfNewerVersion(this.visits.collection, change.visitId, ticketVersion, {
      $set: set,
      $setOnInsert: {
        memberId: change.memberId,
        gridId: change.gridId,
        orgPath: change.orgPath,
        kind: 'TICKET_HANDLING',
        ticketId: change.ticketId,
        householdIds: [],
        createdAt: now,
      },
    });
  }

  async page(query: VisitQuery, page: PageRequest): Promise<{ rows: VisitDocument[]; total: number }> {
    const filter: QueryFilter<VisitDocument> = {};
    if (query.memberId) filter.memberId = query.memberId;
    if (query.ticketId) filter.ticketId = query.ticketId;
    if (query.status) filter.status = query.status;
    if (query.within) filter.orgPath = query.within;
    return findKeysetPage(this.visits, filter, page);
  }
}
