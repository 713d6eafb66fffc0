import { Injectable } from '@nestjs/common';
import type { OrgScope } from '@steward/auth';
import { findKeysetPage, InjectMongo, type PageRequest } from '@steward/service-kit';
import type { Connection } from 'mongoose';
import { scoped, TicketStore, toFilter, type TicketQuery } from './ticket-store';
import type { TicketDocument } from './ticket.schema';

export type { TicketQuery, TicketSet } from './ticket-store';

/** The tickets store as a Nest provider, with the paged reads of the API. */
@Injectable()
export class TicketRepository extends TicketStore {
  constructor(@InjectMongo() connection: Connection) {
    super(connection);
  }

  /** One page of the tickets inside `scope` matching `query`; the total counts only those too. */
  page(query: TicketQuery, scope: OrgScope, page: PageRequest, now: Date): Promise<{ rows: TicketDocument[]; total: number }> {
    return findKeysetPage(this.tickets, scoped(toFilter(query, now), scope), page);
  }
}
