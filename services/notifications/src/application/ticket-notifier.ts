import { isEventOf, ticketClosed, ticketContact, ticketMerged, ticketRejected, ticketReported, type EventEnvelope } from '@steward/events';
import type { MemberDirectory, OrgTree } from '@steward/replicas';
import type { Logger } from '@steward/service-kit';
import { isResidentKind, RECIPIENT_KINDS, residentRecipientId, type NotificationRules, type RecipientKind } from '../domain/notification-rules';
import { unitDispatchers } from '../domain/recipients';
import type { NotificationRepository } from '../persistence/notification.repository';
import type { ResidentContactRepository } from '../persistence/resident-contacts.repository';
import type { StoredTicketEvent, TicketContactRepository } from '../persistence/ticket-contacts.repository';
import type { DeliveryQueue } from './delivery-queue';
import { storeMessages } from './inbox-delivery';

const str = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

/** Events whose messages may reach someone known only later: a resident whose contact comes late, the reporters of a late merge. */
const KEPT_EVENTS = ['steward.ticket.accepted.v1', 'steward.ticket.rejected.v1', 'steward.ticket.resolved.v1', 'steward.ticket.closed.v1'];
const RESOLVED = 'steward.ticket.resolved.v1';
/** After these the ticket's resident hears nothing more: their phone is forgotten. */
const ENDING_EVENTS = ['steward.ticket.closed.v1', 'steward.ticket.rejected.v1'];

/** Which recipients to plan for: every kind (a new event), or only some kinds, for some tickets (a late contact or merge). */
interface Audience {
  kinds?: ReadonlySet<RecipientKind>;
  /** the merged tickets MERGED_* kinds name (default: all merged into the ticket) */
  mergedTickets?: readonly string[];
}

/**
 * Turns ticket events into messages by the rule table: inbox messages for
 * members, queued deliveries for external channels (a resident's SMS,
 * webhooks). Idempotent: a message's id is derived from (event, recipient,
 * channel) and a delivery's from (channel, event, target), each inserted once,
 * so planning one event again (redelivered, or replayed for a recipient found
 * later) adds only what is missing. The consumer commits only after this resolved.
 *
 * Recipients found later: a resident's contact (another topic) may be consumed
 * after the ticket's events, and a merge after the surviving ticket's
 * resolution (another partition). Both sides first store their fact, then look
 * for the other's (`recordEvent` / `latestEvent`, `recordMerge` / `mergedTargets`,
 * the phone), so whichever comes second plans the message.
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
    private readonly residents?: ResidentContactRepository,
    /** SMS is configured (SMS_PROVIDER): without it no SMS is planned and no phone queued */
    private readonly smsEnabled = false,
  ) {}

  async onTicketEvent(event: EventEnvelope): Promise<void> {
    const data = event.data as Readonly<Record<string, unknown>>;
    const ticketId = str(data.ticketId) ?? event.subject;
    if (isEventOf(ticketReported, event) && event.data.actorId) await this.contacts.recordReporter(ticketId, event.data.actorId);
    if (isEventOf(ticketMerged, event)) await this.contacts.recordMerge(event.data.intoTicketId, ticketId);
    const stored = toStored(event);
    if (KEPT_EVENTS.includes(event.type)) await this.contacts.recordEvent(ticketId, stored);

    await this.plan(stored, ticketId, {});

    if (isEventOf(ticketMerged, event)) await this.onLateMerge(event.data.intoTicketId, ticketId);
    if (isEventOf(ticketClosed, event) || isEventOf(ticketRejected, event)) await this.forgetResidents(ticketId, isEventOf(ticketClosed, event));
  }

  /**
   * A resident's contact (steward.ticket.contact.v1): the phone is kept, and
   * what the resident should have heard already is planned now (the latest
   * event of their ticket; the resolution of the ticket it was merged into).
   * Erasure records only clean the topic: the copy here is forgotten by the
   * ticket's own ending events, which may come after its closing SMS.
   */
  async onContact(event: EventEnvelope): Promise<void> {
    if (!isEventOf(ticketContact, event) || !this.residents) return;
    const { ticketId, number, phone, channel, erased } = event.data;
    if (erased || phone === null) return;
    await this.residents.record(ticketId, number, phone, channel);

    const latest = await this.contacts.latestEvent(ticketId, KEPT_EVENTS);
    if (latest) await this.plan(latest, ticketId, { kinds: new Set<RecipientKind>(['RESIDENT']) });
    let ended = latest !== null && ENDING_EVENTS.includes(latest.type);
    for (const intoTicketId of await this.contacts.mergedTargets(ticketId)) {
      const resolution = await this.contacts.latestEvent(intoTicketId, [RESOLVED]);
      if (resolution) await this.plan(resolution, intoTicketId, { kinds: new Set<RecipientKind>(['MERGED_RESIDENTS']), mergedTickets: [ticketId] });
      const survivor = await this.contacts.latestEvent(intoTicketId, KEPT_EVENTS);
      ended ||= survivor !== null && ENDING_EVENTS.includes(survivor.type);
    }
    if (ended) await this.residents.erase([ticketId]);
  }

  /** A merge consumed after the surviving ticket's resolution: the merged ticket's reporters hear of that resolution now. */
  private async onLateMerge(intoTicketId: string, mergedTicketId: string): Promise<void> {
    const resolution = await this.contacts.latestEvent(intoTicketId, [RESOLVED]);
    if (resolution) await this.plan(resolution, intoTicketId, { kinds: new Set<RecipientKind>(['MERGED_REPORTERS', 'MERGED_RESIDENTS']), mergedTickets: [mergedTicketId] });
    const survivor = await this.contacts.latestEvent(intoTicketId, KEPT_EVENTS);
    if (survivor !== null && ENDING_EVENTS.includes(survivor.type)) await this.residents?.erase([mergedTicketId]);
  }

  /** The ticket ended: its resident's phone (and, when closed, those of tickets merged into it) is no longer needed. */
  private async forgetResidents(ticketId: string, withMerged: boolean): Promise<void> {
    if (!this.residents) return;
    await this.residents.erase([ticketId, ...(withMerged ? await this.contacts.mergedInto(ticketId) : [])]);
  }

  /** Plans the messages of one event for the audience and stores them: inbox messages, then queued deliveries. */
  private async plan(event: StoredTicketEvent, ticketId: string, audience: Audience): Promise<void> {
    const data = event.data;
    const { recipients, phones } = await this.recipientsOf(event.type, ticketId, data, audience);
    const planned = this.rules
      .plan({ id: event.id, type: event.type, data }, { recipients: (kind) => recipients.get(kind) ?? [], unitName: (unitId) => this.orgTree.unit(unitId)?.name })
      .filter((message) => message.channel !== 'SMS' || this.smsEnabled);
    const occurredAt = new Date(str(data.occurredAt) ?? event.time);
    const source = { eventId: event.id, eventType: event.type, ticketId, ticketNumber: str(data.number), occurredAt, ruleVersion: this.rules.version };
    const inboxIds = await storeMessages(this.notifications, planned, source, this.logger);
    // webhooks and external channels: queued after the inbox, each delivery inserted once (the dispatcher sends them)
    await this.deliveries?.enqueue({ ...source, unitId: str(data.unitId), orgPath: this.unitPathOf(data) }, planned, inboxIds, phones);
  }

  /**
   * Recipient ids for each kind the event's rules name (and the audience
   * allows): members the directory knows (no service accounts), and residents
   * with a phone (`resident:<ticketId>`, their phones beside).
   */
  private async recipientsOf(
    type: string,
    ticketId: string,
    data: Readonly<Record<string, unknown>>,
    audience: Audience,
  ): Promise<{ recipients: Map<RecipientKind, string[]>; phones: Map<string, string> }> {
    const kinds = this.rules.kindsFor(type);
    const at = new Date(str(data.occurredAt) ?? Date.now());
    const recipients = new Map<RecipientKind, string[]>();
    const phones = new Map<string, string>();
    for (const kind of RECIPIENT_KINDS.filter((candidate) => kinds.has(candidate) && (audience.kinds?.has(candidate) ?? true))) {
      if (isResidentKind(kind)) {
        if (!this.smsEnabled || !this.residents) continue;
        const tickets = kind === 'RESIDENT' ? [ticketId] : (audience.mergedTickets ?? (await this.contacts.mergedInto(ticketId)));
        const found = await this.residents.phonesOf(tickets);
        for (const [residentTicketId, phone] of found) phones.set(residentRecipientId(residentTicketId), phone);
        recipients.set(kind, [...found.keys()].map(residentRecipientId));
        continue;
      }
      const ids = await this.lookup(kind, ticketId, data, at, audience);
      recipients.set(kind, ids.filter((id) => this.members.member(id) !== undefined));
    }
    return { recipients, phones };
  }

  private async lookup(kind: RecipientKind, ticketId: string, data: Readonly<Record<string, unknown>>, at: Date, audience: Audience): Promise<string[]> {
    switch (kind) {
      case 'HANDLER':
        return [str(data.handlerId)].filter((id): id is string => id !== null);
      case 'PREVIOUS_HANDLER':
        return [str(data.previousHandlerId)].filter((id): id is string => id !== null && id !== str(data.handlerId));
      case 'UNIT_DISPATCHERS':
        return unitDispatchers(this.unitPathOf(data), (id) => this.members.holdersOn(id, at));
      case 'REPORTER':
        return this.contacts.reportersOf([ticketId]);
      case 'MERGED_REPORTERS':
        return this.contacts.reportersOf(audience.mergedTickets ?? (await this.contacts.mergedInto(ticketId)));
      case 'MEMBER':
        return [str(data.memberId)].filter((id): id is string => id !== null);
      case 'RESIDENT':
      case 'MERGED_RESIDENTS':
        return []; // residents are looked up with their phones (recipientsOf)
    }
  }

  /** The responsible unit's path as the org tree knows it now (a unit moved since keeps its new place), else the event's own. */
  private unitPathOf(data: Readonly<Record<string, unknown>>): readonly string[] {
    const unitId = str(data.unitId);
    return (unitId && this.orgTree.pathOf(unitId)) || (Array.isArray(data.orgPath) ? (data.orgPath as string[]) : []);
  }
}

function toStored(event: EventEnvelope): StoredTicketEvent {
  const data = event.data as Record<string, unknown>;
  return { id: event.id, type: event.type, time: event.time, occurredAt: str(data.occurredAt) ?? event.time, data };
}
