import { maskPhone } from '@steward/auth';
import { displayFieldValues, type CategoryVersion } from '../domain/category-fields';
import { isOverdueAt } from '../domain/ticket-facts';
import type { Ticket, TicketReporter } from './ticket.model';
import { locationOf, toFacts, type TicketDocument, type TicketReporterDocument } from '../persistence/ticket.schema';

/**
 * The personal data (SECURITY.md, "PII") of the ticket shown in clear when the caller may read it
 * (`pii:read` on the ticket's unit): what an audit entry lists. Anonymous reporters stay hidden.
 * The location address is the place of the problem the handler goes to, not a person's: it is not masked.
 */
export function piiShown(doc: Pick<TicketDocument, 'reporter'>, mayReadPii: boolean): string[] {
  const reporter = doc.reporter;
  return mayReadPii && reporter && !reporter.anonymous && reporter.phone ? ['reporter.phone'] : [];
}

function reporterView(reporter: TicketReporterDocument | null, mayReadPii: boolean): TicketReporter | null {
  if (!reporter) return null;
  if (reporter.anonymous) return { name: null, phone: null, anonymous: true, household: null };
  return {
    name: reporter.name,
    phone: reporter.phone ? (mayReadPii ? reporter.phone : maskPhone(reporter.phone)) : null,
    anonymous: false,
    household: reporter.householdId ? { id: reporter.householdId } : null,
  };
}

/** The category version a stored ticket was reported under: tickets stored before versions existed were reported under version 1. */
export function categoryVersionOf(doc: Pick<TicketDocument, 'category' | 'categoryVersion'>): { code: string; version: number } {
  return { code: doc.category, version: doc.categoryVersion ?? 1 };
}

/**
 * The GraphQL view of a stored ticket at `now` (overdue counts a passed deadline the sweeper has
 * not marked yet); the reporter's phone masked unless `mayReadPii`. `category` is the version the
 * ticket was reported under (`categoryVersionOf`): its name and field labels, whatever came later.
 */
export function toTicket(doc: TicketDocument, now: Date, category: CategoryVersion | undefined, mayReadPii = false): Ticket {
  const facts = toFacts(doc);
  const location = locationOf(doc);
  const feedback = facts.feedback.map((record) => ({ ...record }));
  return {
    ...facts,
    number: doc.number,
    title: doc.title,
    description: doc.description,
    categoryName: category?.name ?? null,
    categoryVersion: categoryVersionOf(doc).version,
    categoryFields: displayFieldValues(category?.fields ?? [], doc.categoryFields ?? []),
    channel: doc.channel,
    location: { address: location.address, geo: location.geo, unit: { id: location.unitId } },
    address: location.address,
    reporter: reporterView(doc.reporter ?? null, mayReadPii),
    overdue: isOverdueAt(facts, now),
    timeline: doc.timeline.map((entry) => ({
      at: entry.at,
      actorId: entry.actorId,
      action: entry.action,
      from: entry.from,
      to: entry.to,
      note: entry.note,
      level: entry.level ?? null,
      automatic: entry.automatic ?? false,
      satisfaction: entry.satisfaction ?? null,
      evidenceIds: entry.evidenceIds ?? [],
      actor: entry.actorId ? { id: entry.actorId } : null,
      unit: entry.unitId ? { id: entry.unitId } : null,
      handler: entry.handlerId ? { id: entry.handlerId } : null,
    })),
    feedback: feedback.at(-1) ?? null,
    feedbackHistory: feedback,
    version: doc.version,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    duplicateOfId: facts.duplicateOf,
    reportedBy: doc.reportedBy ?? null,
  };
}
