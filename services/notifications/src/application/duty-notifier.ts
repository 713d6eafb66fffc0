import type { EventOf, visitDutyAtRisk } from '@steward/events';
import type { MemberDirectory, OrgTree } from '@steward/replicas';
import type { Logger } from '@steward/service-kit';
import type { NotificationRules } from '../domain/notification-rules';
import type { NotificationRepository } from '../persistence/notification.repository';
import { storeMessages } from './inbox-delivery';

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
    const source = { eventId: event.id, eventType: event.type, ticketId: null, ticketNumber: null, occurredAt: new Date(data.occurredAt), ruleVersion: this.rules.version };
    await storeMessages(this.notifications, planned, source, this.logger);
  }
}
