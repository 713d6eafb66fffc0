import { Injectable } from '@nestjs/common';
import { findKeysetPage, InjectMongo, type PageRequest } from '@steward/service-kit';
import type { Connection } from 'mongoose';
import { TicketStore, toFilter, type TicketQuery } from './ticket-store';
import type { TicketDocument } from './ticket.schema';

export type { TicketQuery, TicketSet } from './ticket-store';

/** The tickets store as a Nest provider, with the paged reads of the API. */
@Injectable()
export class TicketRepository extends TicketStore {
  constructor(@InjectMongo() connection: Connection) {
    super(connection);
  }

  page(query: TicketQuery, page: PageRequest, now: Date): Promise<{ rows: TicketDocument[]; total: number }> {
    return findKeysetPage(this.tickets, toFilter(query, now), page);
  }
}
