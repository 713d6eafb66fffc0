import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Topics } from '../topic-catalogue';
import { entityId, isoDateTime } from './common';
import { TICKETS_SOURCE } from './tickets';

/**
 * How to reach the resident who reported a ticket (反映人联系方式), on the
 * RESTRICTED compacted topic `steward.tickets.contacts.v1` (key = ticket id),
 * which only the notifications service may read (`restrictedTopicReaders`):
 * the phone never goes on the ticket events the warehouse reads. Published by
 * tickets when a ticket is reported by a resident who gave a phone and did not
 * ask to stay anonymous (匿名); an erasure record of the same key (`erased`,
 * no phone) follows when the ticket ends (closed, rejected, merged), so
 * compaction drops the phone from the topic.
 */
export const ticketContact = defineEvent({
  type: 'steward.ticket.contact.v1',
  topic: Topics.ticketContacts,
  source: TICKETS_SOURCE,
  description: "How to reach a ticket's reporting resident (compacted, keyed by ticket id; RESTRICTED: a phone in clear).",
  schema: z.object({
    ticketId: entityId,
    number: z.string().min(1).describe('human-facing ticket number'),
    phone: z
      .string()
      .min(1)
      .nullable()
      .describe("personal data: the reporter's phone as given (反映人电话); null on an erasure record"),
    channel: z.string().min(1).describe('intake channel of the report: HOTLINE, WECHAT, WALK_IN, …'),
    erased: z.boolean().describe('true on the erasure record that replaces the contact when the ticket ended'),
    occurredAt: isoDateTime,
  }),
});

export const ticketContactEvents = [ticketContact] as const;
