import { Module } from '@nestjs/common';
import { BackgroundTasks, EVENT_PRODUCER, KAFKA, LOGGER, MONGO_CONNECTION, registerOutboxRelay, SERVICE_CONFIG, type Logger, type ServiceConfig } from '@steward/service-kit';
import type { EventProducer } from '@steward/events';
import type { Kafka } from 'kafkajs';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { ASSESSMENT_SETTINGS, loadAssessmentSettings } from './config';
import { OrgIndex } from './org/org-index';
import { PolicyResolver } from './policy/policy.resolver';
import { PolicyService } from './policy/policy.service';
import { ProjectionService } from './projection/projection.service';
import { REPORTS_COLLECTION } from './projection/generation';
import { ReportsResolver } from './reports/reports.resolver';
import { REPORT_RELAY_KICK, ReportsService } from './reports/reports.service';
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
    {
      provide: REPORT_RELAY_KICK,
      inject: [MONGO_CONNECTION, BackgroundTasks, EVENT_PRODUCER, LOGGER],
      useFactory: (connection: Connection, tasks: BackgroundTasks, producer: EventProducer, logger: Logger) => {
        const collection = connection.collection(REPORTS_COLLECTION) as unknown as Collection;
        const relay = registerOutboxRelay(tasks, { collection, producer, logger });
        return () => relay.kick();
      },
    },
    ProjectionService,
    PolicyService,
    ScoresService,
    ReportsService,
    PolicyResolver,
    ScoresResolver,
    MemberScoreResolver,
    OrgUnitScoreResolver,
    ReportsResolver,
  ],
})
export class AssessmentModule {}
