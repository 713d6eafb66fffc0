import { Module, type DynamicModule } from '@nestjs/common';
import { Topics } from '@steward/events';
import { federatedGraphQLModule, ReplicasModule, ServiceKitModule, type Logger, type ServiceConfig } from '@steward/service-kit';
import { LocalReplicasModule } from './application/local-replicas.module';
import { VisitsModule } from './application/visits.module';

@Module({})
export class AppModule {
  static forRoot(config: ServiceConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({
          config,
          logger,
          topics: [Topics.ticketEvents, Topics.visitEvents, Topics.orgUnits, Topics.members, Topics.households],
        }),
        federatedGraphQLModule(config, logger),
        // MemberDirectory comes from LocalReplicasModule, which shares its members replica with MemberRoster
        ReplicasModule.forRoot({ members: false, households: true }),
        LocalReplicasModule,
        VisitsModule,
      ],
    };
  }
}
