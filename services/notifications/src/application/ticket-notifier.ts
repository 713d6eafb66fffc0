import { isEventOf, ticketMerged, ticketReported, type EventEnvelope } from '@steward/events';
import type { MemberDirectory, OrgTree } from '@steward/replicas';
import type { Logger } from '@steward/service-kit';
import { RECIPIENT_KINDS, type NotificationRules, type RecipientKind } from '../domain/notification-rules';
import { unitDispatchers } from '../domain/recipients';
import { sentEvent } from '../events/notification-events';
import { notificationId, type NotificationRepository } from '../persistence/notification.repository';
import type { TicketContactRepository } from '../persistence/ticket-contacts.repository';
import type { DeliveryQueue } from './delivery-queue';

const str = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

/**
 * Turns ticket events into inbox messages by the rule table. Idempotent: a
 * message's id is derived from (event, recipient, channel) and inserted once,
 * with its sent event in the same write; facts about the ticket are inserted
 * once too. The consumer commits the event only after this resolved.
 */
export class TicketNotifier {
  constructor(
    private readonly rules: NotificationRules,
    private readonly notifications: NotificationRepository,
    private readonly contacts: TicketContactRepository,
    private readonly orgTree: OrgTree,
    private readonly members: MemberDirectory,
    private readonly logger: Logger,
    private readonly deliveries?: DeliveryQueue,
  ) {}

  async onTicketEvent(event: EventEnvelope): Promise<void> {
    const data = event.data as Readonly<Record<string, unknown>>;
    const ticketId = str(data.ticketId) ?? event.subject;
    if (isEventOf(ticketReported, event) && event.data.actorId) await this.contacts.recordReporter(ticketId, event.data.actorId);
    if (isEventOf(ticketMerged, event)) await this.contacts.recordMerge(event.data.intoTicketId, ticketId);

    const recipients = await this.recipientsOf(event.type, ticketId, data);
    const planned = this.rules.plan({ id: event.id, type: event.type, data }, {
      recipients: (kind) => recipients.get(kind) ?? [],
      unitName: (unitId) => this.orgTree.unit(unitId)?.name,
    });
    const occurredAt = new Date(str(data.occurredAt) ?? event.time);
    const inboxIds = new Map<string, string>();
    for (const message of planned) {
      // External channels (SMS) are queued as deliveries, not stored in the inbox.
      if (message.channel !== 'INBOX') continue;
      const fields = {
        recipientId: message.recipientId,
        recipientKind: message.recipientKind,
        channel: message.channel,
        sourceEventId: event.id,
        sourceEventType: event.type,
        ticketId,
        ticketNumber: str(data.number),
        template: message.template,
        ruleVersion: this.rules.version,
        text: message.text,
        occurredAt,
      };
      const id = notificationId(fields);
      inboxIds.set(message.recipientId, id);
      const inserted = await this.notifications.insertOnce(id, fields, [sentEvent({ _id: id, ...fields }, new Date())]);
      if (!inserted) this.logger.debug({ notificationId: id }, 'notification exists already (event delivered again)');
    }
    // webhooks and external channels: queued after the inbox, each delivery inserted once (the dispatcher sends them)
    const unitId = str(data.unitId);
    const orgPath = (unitId && this.orgTree.pathOf(unitId)) || (Array.isArray(data.orgPath) ? (data.orgPath as string[]) : []);
    await this.deliveries?.enqueue(
      { eventId: event.id, eventType: event.type, occurredAt, ticketId, ticketNumber: str(data.number), unitId, orgPath, ruleVersion: this.rules.version },
      planned,
      inboxIds,
    );
  }

  /** Member ids for each recipient kind the event's rules name; only members the directory knows (no service accounts). */
  private async recipientsOf(type: string, ticketId: string, data: Readonly<Record<string, unknown>>): Promise<Map<RecipientKind, string[]>> {
    const kinds = this.rules.kindsFor(type);
    const at = new Date(str(data.occurredAt) ?? Date.now());
    const byKind = new Map<RecipientKind, string[]>();
    for (const kind of RECIPIENT_KINDS.filter((candidate) => kinds.has(candidate))) {
      const ids = await this.lookup(kind, ticketId, data, at);
      byKind.set(kind, ids.filter((id) => this.members.member(id) !== undefined));
    }
    return byKind;
  }

  private async lookup(kind: RecipientKind, ticketId: string, data: Readonly<Record<string, unknown>>, at: Date): Promise<string[]> {
    switch (kind) {
      case 'HANDLER':
        return [str(data.handlerId)].filter((id): id is string => id !== null);
      case 'PREVIOUS_HANDLER':
        return [str(data.previousHandlerId)].filter((id): id is string => id !== null && id !== str(data.handlerId));
      case 'UNIT_DISPATCHERS': {
        const unitId = str(data.unitId);
        const path = (unitId && this.orgTree.pathOf(unitId)) || (Array.isArray(data.orgPath) ? (data.orgPath as string[]) : []);
        return unitDispatchers(path, (id) => this.members.holdersOn(id, at));
      }
      case 'REPORTER':
        return this.contacts.reportersOf([ticketId]);
      case 'MERGED_REPORTERS':
        return this.contacts.reportersOf(await this.contacts.mergedInto(ticketId));
    }
  }
}
