import { Module } from '@nestjs/common';
import { eventHandlers, ticketEvents, Topics } from '@steward/events';
import { Lease } from '@steward/persistence';
import { MemberDirectory, OrgTree } from '@steward/replicas';
import {
  BackgroundTasks,
  KAFKA,
  LOGGER,
  SERVICE_CONFIG,
  outboxRelayProvider,
  registerEventConsumer,
  registerLeaderTask,
  type Logger,
  type ServiceConfig,
} from '@steward/service-kit';
import type { Kafka } from 'kafkajs';
import { DeliveryChannelRegistry, type DeliveryChannelAdapter } from '../domain/delivery-channel';
import { NotificationRules } from '../domain/notification-rules';
import rulesTable from '../domain/notification-rules.json';
import { MemberNotificationsResolver, NotificationsResolver } from '../graphql/notifications.resolver';
import { WebhooksResolver } from '../graphql/webhooks.resolver';
import { DeliveryRepository } from '../persistence/delivery.repository';
import { NotificationRepository } from '../persistence/notification.repository';
import { TicketContactRepository } from '../persistence/ticket-contacts.repository';
import { WebhookRepository } from '../persistence/webhook.repository';
import { DeliveryDispatcher } from './delivery-dispatcher';
import { DeliveryQueue } from './delivery-queue';
import { loadDeliveryConfig, type DeliveryConfig } from './delivery.config';
import { NotificationsService } from './notifications.service';
import { TicketNotifier } from './ticket-notifier';
import { WebhookChannel } from './webhook-channel';
import { DELIVERY_CONFIG, WebhooksService } from './webhooks.service';

@Module({
  providers: [
    NotificationRepository,
    outboxRelayProvider(NotificationRepository),
    TicketContactRepository,
    WebhookRepository,
    DeliveryRepository,
    outboxRelayProvider(DeliveryRepository),
    { provide: DELIVERY_CONFIG, useFactory: (): DeliveryConfig => loadDeliveryConfig() },
    {
      provide: WebhookChannel,
      inject: [WebhookRepository, DELIVERY_CONFIG],
      useFactory: (webhooks: WebhookRepository, config: DeliveryConfig) => new WebhookChannel(webhooks, config.webhook),
    },
    {
      // The external channels: one adapter per channel. A new channel is provided above and added to `inject` here.
      provide: DeliveryChannelRegistry,
      inject: [WebhookChannel],
      useFactory: (...adapters: DeliveryChannelAdapter[]) => new DeliveryChannelRegistry(adapters),
    },
    {
      provide: DeliveryQueue,
      inject: [DeliveryRepository, WebhookRepository, DELIVERY_CONFIG, LOGGER],
      useFactory: (deliveries: DeliveryRepository, webhooks: WebhookRepository, config: DeliveryConfig, logger: Logger) =>
        new DeliveryQueue(deliveries, webhooks, config, logger.child({ component: 'delivery-queue' })),
    },
    {
      provide: DeliveryDispatcher,
      inject: [DeliveryRepository, DeliveryChannelRegistry, DELIVERY_CONFIG, BackgroundTasks, Lease, LOGGER],
      useFactory: (deliveries: DeliveryRepository, channels: DeliveryChannelRegistry, config: DeliveryConfig, tasks: BackgroundTasks, lease: Lease, logger: Logger) => {
        const componentLogger = logger.child({ component: 'delivery-dispatcher' });
        const dispatcher = new DeliveryDispatcher(deliveries, channels, config, componentLogger);
        registerLeaderTask(tasks, {
          name: 'notifications:delivery-dispatcher',
          lease,
          intervalMs: config.dispatchIntervalMs,
          run: (stillLeader) => dispatcher.run(stillLeader),
          logger: componentLogger,
          disabledMessage: 'NOTIFICATIONS_DISPATCH_INTERVAL_MS=0: external deliveries are queued but not sent by this instance',
        });
        return dispatcher;
      },
    },
    {
      provide: TicketNotifier,
      inject: [NotificationRepository, TicketContactRepository, OrgTree, MemberDirectory, DeliveryQueue, BackgroundTasks, KAFKA, SERVICE_CONFIG, LOGGER],
      useFactory: (
        notifications: NotificationRepository,
        contacts: TicketContactRepository,
        orgTree: OrgTree,
        members: MemberDirectory,
        queue: DeliveryQueue,
        tasks: BackgroundTasks,
        kafka: Kafka,
        config: ServiceConfig,
        logger: Logger,
      ) => {
        const componentLogger = logger.child({ component: 'ticket-notifications' });
        const notifier = new TicketNotifier(new NotificationRules(rulesTable), notifications, contacts, orgTree, members, componentLogger, queue);
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
    WebhooksService,
    WebhooksResolver,
  ],
})
export class NotificationsModule {}
