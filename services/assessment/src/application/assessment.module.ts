import { Module } from '@nestjs/common';
import { BackgroundTasks, KAFKA, LOGGER, outboxRelayProvider, SERVICE_CONFIG, type Logger, type ServiceConfig } from '@steward/service-kit';
import type { Kafka } from 'kafkajs';
import { ASSESSMENT_SETTINGS, loadAssessmentSettings } from './assessment.config';
import { OrgIndex } from './org-index';
import { PolicyResolver } from '../graphql/policy.resolver';
import { PolicyService } from './policy.service';
import { ProjectionService } from './projection.service';
import { ReportsResolver } from '../graphql/reports.resolver';
import { ReportsService } from './reports.service';
import { MemberScoreResolver, OrgUnitScoreResolver, ScoresResolver } from '../graphql/scores.resolver';
import { ScoresService } from './scores.service';
import { UNIT_DIRECTORY } from './scores.tokens';

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
