import { Module } from '@nestjs/common';
import { eventHandlers, ticketEvents, Topics, visitDutyAtRisk } from '@steward/events';
import { MemberDirectory, OrgTree } from '@steward/replicas';
import { BackgroundTasks, KAFKA, LOGGER, SERVICE_CONFIG, outboxRelayProvider, registerEventConsumer, type Logger, type ServiceConfig } from '@steward/service-kit';
import type { Kafka } from 'kafkajs';
import { NotificationRules } from '../domain/notification-rules';
import rulesTable from '../domain/notification-rules.json';
import { MemberNotificationsResolver, NotificationsResolver } from '../graphql/notifications.resolver';
import { NotificationRepository } from '../persistence/notification.repository';
import { TicketContactRepository } from '../persistence/ticket-contacts.repository';
import { NotificationsService } from './notifications.service';
import { DutyNotifier } from './duty-notifier';
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
    {
      // weekly duty warnings (周走访预警) from visits; the other visit events are passed over
      provide: DutyNotifier,
      inject: [NotificationRepository, OrgTree, MemberDirectory, BackgroundTasks, KAFKA, SERVICE_CONFIG, LOGGER],
      useFactory: (
        notifications: NotificationRepository,
        orgTree: OrgTree,
        members: MemberDirectory,
        tasks: BackgroundTasks,
        kafka: Kafka,
        config: ServiceConfig,
        logger: Logger,
      ) => {
        const notifier = new DutyNotifier(new NotificationRules(rulesTable), notifications, orgTree, members, logger.child({ component: 'visit-notifications' }));
        registerEventConsumer(tasks, {
          kafka,
          config,
          logger,
          name: 'visit-notifications',
          topics: [Topics.visitEvents],
          handlers: eventHandlers().on(visitDutyAtRisk, (event) => notifier.onDutyAtRisk(event)),
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
