import { Module } from '@nestjs/common';
import { BackgroundTasks, KAFKA, LOGGER, outboxRelayProvider, SERVICE_CONFIG, type Logger, type ServiceConfig } from '@steward/service-kit';
import type { Kafka } from 'kafkajs';
import { ASSESSMENT_SETTINGS, loadAssessmentSettings } from './config';
import { OrgIndex } from './org/org-index';
import { PolicyResolver } from './policy/policy.resolver';
import { PolicyService } from './policy/policy.service';
import { ProjectionService } from './projection/projection.service';
import { ReportsResolver } from './reports/reports.resolver';
import { ReportsService } from './reports/reports.service';
import { MemberScoreResolver, OrgUnitScoreResolver, ScoresResolver } from './scores/scores.resolver';
import { ScoresService } from './scores/scores.service';
import { UNIT_DIRECTORY } from './scores/tokens';

@Module({
  providers: [
    { provide: ASSESSMENT_SETTINGS, useFactory: () => loadAssessmentSettings() },
    {
      provide: UNIT_DIRECTORY,
      inject: [KAFKA, BackgroundTasks, SERVICE_CONFIG, LOGGER],
      useFactory: (kafka: Kafka, tasks: BackgroundTasks, config: ServiceConfig, logger: Logger) => {
        const index = new OrgIndex(kafka, config.serviceName, logger);
        tasks.register({ name: 'replica:org-units', phase: 'consumers', start: () => index.replica.start(), stop: () => index.replica.stop() });
        return index;
      },
    },
    ProjectionService,
    PolicyService,
    ScoresService,
    ReportsService,
    outboxRelayProvider(ReportsService),
    PolicyResolver,
    ScoresResolver,
    MemberScoreResolver,
    OrgUnitScoreResolver,
    ReportsResolver,
  ],
})
export class AssessmentModule {}
