import type { EventOf, visitDutyAtRisk } from '@steward/events';
import type { MemberDirectory, OrgTree } from '@steward/replicas';
import type { Logger } from '@steward/service-kit';
import type { NotificationRules } from '../domain/notification-rules';
import { sentEvent } from '../events/notification-events';
import { notificationId, type NotificationRepository } from '../persistence/notification.repository';

/**
 * Turns weekly duty warnings (周走访预警, steward.visit.duty-at-risk.v1) into
 * inbox messages to the member they name, by the rule table (recipient kind
 * MEMBER). Idempotent like the ticket messages: one message per (event,
 * recipient, channel), inserted once with its sent event; visits publishes
 * one warning per member, duty unit, role and week.
 */
export class DutyNotifier {
  constructor(
    private readonly rules: NotificationRules,
    private readonly notifications: NotificationRepository,
    private readonly orgTree: OrgTree,
    private readonly members: MemberDirectory,
    private readonly logger: Logger,
  ) {}

  async onDutyAtRisk(event: EventOf<typeof visitDutyAtRisk>): Promise<void> {
    const { data } = event;
    // only members the directory knows, as for ticket messages
    const member = this.members.member(data.memberId) ? [data.memberId] : [];
    const planned = this.rules.plan(
      { id: event.id, type: event.type, data },
      { recipients: (kind) => (kind === 'MEMBER' ? member : []), unitName: (unitId) => this.orgTree.unit(unitId)?.name },
    );
    const occurredAt = new Date(data.occurredAt);
    for (const message of planned) {
      const fields = {
        recipientId: message.recipientId,
        recipientKind: message.recipientKind,
        channel: message.channel,
        sourceEventId: event.id,
        sourceEventType: event.type,
        ticketId: null,
        ticketNumber: null,
        template: message.template,
        ruleVersion: this.rules.version,
        text: message.text,
        occurredAt,
      };
      const id = notificationId(fields);
      const inserted = await this.notifications.insertOnce(id, fields, [sentEvent({ _id: id, ...fields }, new Date())]);
      if (!inserted) this.logger.debug({ notificationId: id }, 'notification exists already (event delivered again)');
    }
  }
}
