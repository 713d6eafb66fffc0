import { Injectable } from '@nestjs/common';
import { Topics, type EventEnvelope } from '@steward/events';
import {
  BackgroundTasks,
  InjectConfig,
  InjectKafka,
  InjectLogger,
  registerEventConsumer,
  toPage,
  toPageRequest,
  type Logger,
  type Page,
  type PageArgs,
  type ServiceConfig,
} from '@steward/service-kit';
import type { Kafka } from 'kafkajs';
import { ticketVisitChange, type TicketEventFacts, type VisitStatus } from './ticket-visit-rules';
import type { VisitLog } from './visit.model';
import { VisitRepository } from './visit.repository';
import type { VisitDocument } from './visit.schema';

export function toVisitLog(doc: VisitDocument): VisitLog {
  return {
    id: doc._id,
    kind: doc.kind,
    status: doc.status,
    startedAt: doc.startedAt ?? null,
    endedAt: doc.endedAt ?? null,
    notes: doc.notes ?? null,
    createdAt: doc.createdAt,
    memberId: doc.memberId,
    gridId: doc.gridId,
    ticketId: doc.ticketId ?? null,
  };
}

@Injectable()
export class VisitsService {
  constructor(
    private readonly repository: VisitRepository,
    tasks: BackgroundTasks,
    @InjectKafka() kafka: Kafka,
    @InjectConfig() config: ServiceConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {
    registerEventConsumer(tasks, {
      kafka,
      config,
      logger,
      name: 'ticket-visits',
      topics: [Topics.ticketEvents],
      handler: (event) => this.onTicketEvent(event),
    });
  }

  async findById(id: string): Promise<VisitLog | null> {
    const doc = await this.repository.findById(id);
    return doc ? toVisitLog(doc) : null;
  }

  async forTicket(ticketId: string): Promise<VisitLog[]> {
    return (await this.repository.findByTicket(ticketId)).map(toVisitLog);
  }

  async list(
    filter: { memberId?: string; ticketId?: string; status?: VisitStatus; within?: string },
    pageArgs: PageArgs,
  ): Promise<Page<VisitLog>> {
    const page = toPageRequest(pageArgs);
    const { rows, total } = await this.repository.page(filter, page);
    return toPage(rows.map(toVisitLog), page.limit, total);
  }

  /** Effect of a ticket event on the handler's visit; idempotent through the ticket version guard. */
  async onTicketEvent(event: EventEnvelope): Promise<void> {
    const change = ticketVisitChange({ type: event.type, ...(event.data as Omit<TicketEventFacts, 'type'>) });
    if (!change) return;
    const applied = await this.repository.applyTicketChange(change, event.aggregateversion);
    this.logger.debug({ eventId: event.id, visitId: change.visitId, applied }, 'ticket event applied to visit');
  }
}
