import { Module } from '@nestjs/common';
import { Lease } from '@steward/persistence';
import { OrgTree } from '@steward/replicas';
import {
  BackgroundTasks,
  KAFKA,
  LOGGER,
  SERVICE_CONFIG,
  registerBatchEventConsumer,
  outboxRelayProvider,
  orgRepathProvider,
  type Logger,
  type ServiceConfig,
} from '@steward/service-kit';
import { ticketEvents, Topics } from '@steward/events';
import type { Kafka } from 'kafkajs';
import { ComplianceResolver, MemberVisitsResolver } from '../graphql/compliance.resolver';
import { ComplianceEvaluator, registerComplianceEvaluator } from './compliance-evaluator';
import { loadComplianceConfig } from './compliance.config';
import { ComplianceService } from './compliance.service';
import { VerdictRepository } from '../persistence/verdict.repository';
import { DutyRulesRepository } from '../persistence/duty-rules.repository';
import { DutyWarningRepository } from '../persistence/duty-warning.repository';
import { DutyWarner, registerDutyWarner } from './duty-warner';
import { TicketVisitSync } from './ticket-visit-sync';
import { VisitRepository } from '../persistence/visit.repository';
import { HouseholdVisitsResolver, OrgUnitVisitsResolver, TicketVisitsResolver, VisitsResolver } from '../graphql/visits.resolver';
import { VisitsService } from './visits.service';

@Module({
  providers: [
    VisitRepository,
    outboxRelayProvider(VisitRepository),
    // visits follow their unit when org moves it; compliance verdicts stay where they were issued (see README)
    orgRepathProvider([VisitRepository], (repository: VisitRepository) => [{ name: 'visits', repath: (gridId, path) => repository.repathGrid(gridId, path) }]),
    DutyRulesRepository,
    {
      provide: TicketVisitSync,
      inject: [VisitRepository, OrgTree, BackgroundTasks, KAFKA, SERVICE_CONFIG, LOGGER],
      useFactory: (
        repository: VisitRepository,
        orgTree: OrgTree,
        tasks: BackgroundTasks,
        kafka: Kafka,
        config: ServiceConfig,
        logger: Logger,
      ) => {
        const sync = new TicketVisitSync(repository, orgTree, logger.child({ component: 'ticket-visits' }));
        // a chunk of a partition at a time, with bulk reads and writes (TicketVisitSync); a partition's
        // tickets are no other partition's, so three partitions go at once
        registerBatchEventConsumer(tasks, {
          kafka,
          config,
          logger,
          name: 'ticket-visits',
          topics: [Topics.ticketEvents],
          events: ticketEvents,
          apply: (events) => sync.onTicketEvents(events),
          partitionsConsumedConcurrently: 3,
        });
        return sync;
      },
    },
    VerdictRepository,
    // verdict documents carry their own outbox (several instances may evaluate at once: see VerdictRepository)
    outboxRelayProvider(VerdictRepository),
    {
      provide: ComplianceEvaluator,
      inject: [ComplianceService, VerdictRepository, OrgTree, BackgroundTasks, LOGGER, Lease],
      useFactory: (compliance: ComplianceService, verdicts: VerdictRepository, orgTree: OrgTree, tasks: BackgroundTasks, logger: Logger, lease: Lease) => {
        const componentLogger = logger.child({ component: 'compliance-evaluator' });
        const evaluator = new ComplianceEvaluator(compliance, verdicts, (id) => orgTree.pathOf(id), componentLogger);
        registerComplianceEvaluator(tasks, evaluator, loadComplianceConfig(), { lease, logger: componentLogger });
        return evaluator;
      },
    },
    DutyWarningRepository,
    outboxRelayProvider(DutyWarningRepository),
    {
      // weekly duty warnings (周走访预警), on the instance that holds the warner's lease
      provide: DutyWarner,
      inject: [ComplianceService, DutyRulesRepository, DutyWarningRepository, OrgTree, BackgroundTasks, LOGGER, Lease],
      useFactory: (
        compliance: ComplianceService,
        rules: DutyRulesRepository,
        warnings: DutyWarningRepository,
        orgTree: OrgTree,
        tasks: BackgroundTasks,
        logger: Logger,
        lease: Lease,
      ) => {
        const componentLogger = logger.child({ component: 'duty-warner' });
        const warner = new DutyWarner(compliance, rules, warnings, (id) => orgTree.pathOf(id), componentLogger);
        registerDutyWarner(tasks, warner, { intervalMs: loadComplianceConfig().warningIntervalMs, lease, logger: componentLogger });
        return warner;
      },
    },
    VisitsService,
    ComplianceService,
    VisitsResolver,
    TicketVisitsResolver,
    HouseholdVisitsResolver,
    OrgUnitVisitsResolver,
    MemberVisitsResolver,
    ComplianceResolver,
  ],
})
export class VisitsModule {}
