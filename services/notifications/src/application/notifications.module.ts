import { Module } from '@nestjs/common';
import { eventHandlers, ticketContactEvents, ticketEvents, Topics, visitDutyAtRisk } from '@steward/events';
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
import { ResidentContactRepository } from '../persistence/resident-contacts.repository';
import { TicketContactRepository } from '../persistence/ticket-contacts.repository';
import { WebhookRepository } from '../persistence/webhook.repository';
import { DeliveryDispatcher } from './delivery-dispatcher';
import { DeliveryQueue } from './delivery-queue';
import { loadDeliveryConfig, type DeliveryConfig } from './delivery.config';
import { NotificationsService } from './notifications.service';
import { DutyNotifier } from './duty-notifier';
import { SmsChannel } from './sms-channel';
import { loadSmsConfig } from './sms.config';
import { TicketNotifier } from './ticket-notifier';
import { WebhookChannel } from './webhook-channel';
import { DELIVERY_CONFIG, WebhooksService } from './webhooks.service';

@Module({
  providers: [
    NotificationRepository,
    outboxRelayProvider(NotificationRepository),
    TicketContactRepository,
    ResidentContactRepository,
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
      // SMS to residents (短信): off unless SMS_PROVIDER is set; every SMS template of the rules needs a provider template id then
      provide: SmsChannel,
      useFactory: () => {
        const channel = new SmsChannel(loadSmsConfig());
        if (channel.enabled) {
          const missing = new NotificationRules(rulesTable).smsTemplates().filter((template) => channel.templateId(template) === undefined);
          if (missing.length > 0) throw new Error(`SMS_TEMPLATE_IDS has no provider template id for ${missing.join(', ')}`);
        }
        return channel;
      },
    },
    {
      // The external channels: one adapter per channel. A new channel is provided above and added to `inject` here.
      provide: DeliveryChannelRegistry,
      inject: [WebhookChannel, SmsChannel],
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
      inject: [NotificationRepository, TicketContactRepository, ResidentContactRepository, SmsChannel, OrgTree, MemberDirectory, DeliveryQueue, BackgroundTasks, KAFKA, SERVICE_CONFIG, LOGGER],
      useFactory: (
        notifications: NotificationRepository,
        contacts: TicketContactRepository,
        residents: ResidentContactRepository,
        sms: SmsChannel,
        orgTree: OrgTree,
        members: MemberDirectory,
        queue: DeliveryQueue,
        tasks: BackgroundTasks,
        kafka: Kafka,
        config: ServiceConfig,
        logger: Logger,
      ) => {
        const componentLogger = logger.child({ component: 'ticket-notifications' });
        const notifier = new TicketNotifier(new NotificationRules(rulesTable), notifications, contacts, orgTree, members, componentLogger, queue, residents, sms.enabled);
        registerEventConsumer(tasks, {
          kafka,
          config,
          logger,
          name: 'ticket-notifications',
          topics: [Topics.ticketEvents],
          handlers: eventHandlers().on(ticketEvents, (event) => notifier.onTicketEvent(event)),
        });
        // residents' phones from the restricted contacts topic (only this service may read it)
        registerEventConsumer(tasks, {
          kafka,
          config,
          logger,
          name: 'ticket-contacts',
          topics: [Topics.ticketContacts],
          handlers: eventHandlers().on(ticketContactEvents, (event) => notifier.onContact(event)),
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
    WebhooksService,
    WebhooksResolver,
  ],
})
export class NotificationsModule {}
