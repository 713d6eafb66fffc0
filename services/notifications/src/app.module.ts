import { Module, type DynamicModule } from '@nestjs/common';
import { Topics } from '@steward/events';
import { federatedGraphQLModule, ReplicasModule, ServiceKitModule, type Logger, type ServiceConfig } from '@steward/service-kit';
import { NotificationsModule } from './application/notifications.module';
import { Member } from './graphql/notification.model';

@Module({})
export class AppModule {
  static forRoot(config: ServiceConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({ config, logger, topics: [Topics.notificationEvents, Topics.ticketEvents, Topics.ticketContacts, Topics.visitEvents, Topics.orgUnits, Topics.members] }),
        federatedGraphQLModule(config, logger, [Member]),
        ReplicasModule.forRoot({ members: true }),
        NotificationsModule,
      ],
    };
  }
}
