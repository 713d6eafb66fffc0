import { Module, type DynamicModule } from '@nestjs/common';
import { Topics } from '@steward/events';
import { federatedGraphQLModule, ReplicasModule, ServiceKitModule, type Logger, type ServiceConfig } from '@steward/service-kit';
import { AuthModule } from './application/auth.module';
import { HouseholdsModule } from './application/households.module';
import { MembersModule } from './application/members.module';
import { OrgRepathModule } from './application/org-repath.module';

@Module({})
export class AppModule {
  static forRoot(config: ServiceConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // members publishes its two state topics and replicates org's.
        ServiceKitModule.forRoot({ config, logger, topics: [Topics.members, Topics.households, Topics.orgUnits] }),
        ReplicasModule.forRoot({ members: false }),
        federatedGraphQLModule(config, logger),
        MembersModule,
        HouseholdsModule,
        OrgRepathModule,
        AuthModule,
      ],
    };
  }
}
