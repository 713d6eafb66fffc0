import { Module } from '@nestjs/common';
import { eventHandlers, ticketEvents, Topics } from '@steward/events';
import { MemberDirectory, OrgTree } from '@steward/replicas';
import { BackgroundTasks, KAFKA, LOGGER, SERVICE_CONFIG, outboxRelayProvider, registerEventConsumer, type Logger, type ServiceConfig } from '@steward/service-kit';
import type { Kafka } from 'kafkajs';
import { NotificationRules } from '../domain/notification-rules';
import rulesTable from '../domain/notification-rules.json';
import { MemberNotificationsResolver, NotificationsResolver } from '../graphql/notifications.resolver';
import { NotificationRepository } from '../persistence/notification.repository';
import { TicketContactRepository } from '../persistence/ticket-contacts.repository';
import { NotificationsService } from './notifications.service';
import { TicketNotifier } from './ticket-notifier';

@Module({
  providers: [
    NotificationRepository,
    outboxRelayProvider(NotificationRepository),
    TicketContactRepository,
    {
      provide: TicketNotifier,
      inject: [NotificationRepository, TicketContactRepository, OrgTree, MemberDirectory, BackgroundTasks, KAFKA, SERVICE_CONFIG, LOGGER],
      useFactory: (
        notifications: NotificationRepository,
        contacts: TicketContactRepository,
        orgTree: OrgTree,
        members: MemberDirectory,
        tasks: BackgroundTasks,
        kafka: Kafka,
        config: ServiceConfig,
        logger: Logger,
      ) => {
        const componentLogger = logger.child({ component: 'ticket-notifications' });
        const notifier = new TicketNotifier(new NotificationRules(rulesTable), notifications, contacts, orgTree, members, componentLogger);
        registerEventConsumer(tasks, {
          kafka,
          config,
          logger,
          name: 'ticket-notifications',
          topics: [Topics.ticketEvents],
          handlers: eventHandlers().on(ticketEvents, (event) => notifier.onTicketEvent(event)),
        });
        return notifier;
      },
    },
    NotificationsService,
    NotificationsResolver,
    MemberNotificationsResolver,
  ],
})
export class NotificationsModule {}
