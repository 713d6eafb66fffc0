import { Module, type DynamicModule } from '@nestjs/common';
import { Topics } from '@steward/events';
import { federatedGraphQLModule, ServiceKitModule, type Logger, type ServiceConfig } from '@steward/service-kit';
import { AssessmentModule } from './application/assessment.module';
import { Member, OrgUnit } from './graphql/score.model';

@Module({})
export class AppModule {
  static forRoot(config: ServiceConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({ config, logger, topics: [Topics.ticketEvents, Topics.visitEvents, Topics.assessmentEvents, Topics.orgUnits] }),
        federatedGraphQLModule(config, logger, [Member, OrgUnit]),
        AssessmentModule,
      ],
    };
  }
}
