import { Module, type DynamicModule } from '@nestjs/common';
import { Topics } from '@steward/events';
import { federatedGraphQLModule, ReplicasModule, ServiceKitModule, type Logger, type ServiceConfig } from '@steward/service-kit';
import { TicketsModule } from './application/tickets.module';

@Module({})
export class AppModule {
  static forRoot(config: ServiceConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({ config, logger, topics: [Topics.ticketEvents, Topics.ticketContacts, Topics.orgUnits, Topics.members] }),
        federatedGraphQLModule(config, logger),
        ReplicasModule.forRoot({ members: true }),
        TicketsModule,
      ],
    };
  }
}
