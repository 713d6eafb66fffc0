import { Injectable } from '@nestjs/common';
import { BadUserInputError } from '@steward/errors';
import { Topics, type EventEnvelope, type EventMeta } from '@steward/events';
import { OrgTree } from '@steward/replicas';
import {
  BackgroundTasks,
  InjectConfig,
  InjectKafka,
  InjectLogger,
  registerEventConsumer,
  type Logger,
  type ServiceConfig,
} from '@steward/service-kit';
import type { Kafka } from 'kafkajs';
import { isValidPeriod, periodsOf, type Period } from './periods';
import { incrementsFor, rate, subjectsOf, type SubjectType, type TicketEventFacts } from './score-rules';
import type { Score } from './score.model';
import { ScoreRepository } from './score.repository';

@Injectable()
export class ScoresService {
  constructor(
    private readonly repository: ScoreRepository,
    private readonly orgTree: OrgTree,
    tasks: BackgroundTasks,
    @InjectKafka() kafka: Kafka,
    @InjectConfig() config: ServiceConfig,
    @InjectLogger() logger: Logger,
  ) {
    registerEventConsumer(tasks, {
      kafka,
      config,
      logger,
      name: 'ticket-scores',
      topics: [Topics.ticketEvents],
      handler: (event, meta) => this.onTicketEvent(event, meta),
    });
  }

  async score(subjectId: string, period: Period): Promise<Score | null> {
    if (!isValidPeriod(period)) {
      throw new BadUserInputError(`Period key ${period.key} does not fit ${period.kind}`, [
        { path: 'period.key', message: 'e.g. 2026-W48, 2026-11, 2026-Q4 or 2026' },
      ]);
    }
    const doc = await this.repository.find(subjectId, period);
    if (!doc) return null;
    return {
      subjectId: doc.subjectId,
      subjectType: doc.subjectType,
      period,
      received: doc.received,
      resolved: doc.resolved,
      onTime: doc.onTime,
      completionRate: rate(doc.resolved, doc.received),
      onTimeRate: rate(doc.onTime, doc.resolved),
    };
  }

  /** Counts a ticket event for the handler and every unit above, once per message. */
  async onTicketEvent(event: EventEnvelope, meta: EventMeta): Promise<void> {
    const facts = { type: event.type, ...(event.data as Omit<TicketEventFacts, 'type'> & { occurredAt: string }) };
    const increments = incrementsFor(facts);
    if (!increments) return;
    const subjects = subjectsOf(facts, (id) => this.orgTree.unit(id)?.level as SubjectType | undefined);
    const periods = periodsOf(new Date(facts.occurredAt));
    for (const subject of subjects) {
      for (const period of periods) {
        await this.repository.increment(subject, period, increments, meta);
      }
    }
  }
}
