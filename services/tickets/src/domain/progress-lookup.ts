import { createHash, timingSafeEqual } from 'node:crypto';
import { isOverdueAt, type TicketFacts } from './ticket-facts';
import { OPEN_STATUSES, type TicketLevel, type TicketStatus } from './ticket-state-machine';

/**
 * The resident's progress lookup (进度查询): a ticket number and the last four
 * digits of the reporter's phone, without signing in. What is shown is public
 * (no names, phones, actors, notes); a wrong pair of digits must not be told
 * apart from an unknown number.
 */

/** The steps a resident sees: each changes the ticket's status, level or unit, or is the handler's visible work. */
export const PUBLIC_ACTIONS: ReadonlySet<string> = new Set([
  'report',
  'accept',
  'reject',
  'dispatch',
  'start',
  'progress',
  'resolve',
  'escalate',
  'transfer',
  'feedback',
  'reopen',
  'close',
  'merge',
]);

/** What a stored timeline step holds (the tickets schema's entry, structurally). */
export interface StoredStep {
  at: Date;
  action: string;
  from: TicketStatus | null;
  to: TicketStatus;
  level?: TicketLevel;
  unitId?: string;
  automatic?: boolean;
}

/** One step as a resident sees it: what happened, when, which status and level followed, and the unit then responsible. */
export interface PublicStep {
  at: Date;
  action: string;
  from: TicketStatus | null;
  to: TicketStatus;
  level: TicketLevel | null;
  unitName: string | null;
  automatic: boolean;
}

/**
 * The public timeline: the steps in `PUBLIC_ACTIONS`, oldest first, with no
 * actor, handler, note, satisfaction or evidence (notes, reasons and comments
 * are free text that may name people). Supervision (督办) and overdue marks
 * are the platform's internal oversight and are left out.
 */
export function publicTimeline(steps: readonly StoredStep[], unitName: (unitId: string) => string | null): PublicStep[] {
  return steps
    .filter((step) => PUBLIC_ACTIONS.has(step.action))
    .map((step) => ({
      at: step.at,
      action: step.action,
      from: step.from,
      to: step.to,
      level: step.level ?? null,
      unitName: step.unitId ? unitName(step.unitId) : null,
      automatic: step.automatic ?? false,
    }));
}

/** The deadline the ticket is working towards now: acceptance while reported, resolution while open; none after. */
export function currentDeadline(ticket: Pick<TicketFacts, 'status' | 'acceptDueAt' | 'resolveDueAt'>): Date | null {
  if (ticket.status === 'REPORTED') return ticket.acceptDueAt;
  return OPEN_STATUSES.includes(ticket.status) ? ticket.resolveDueAt : null;
}

export interface ProgressView {
  number: string;
  status: TicketStatus;
  level: TicketLevel;
  categoryName: string | null;
  unitName: string | null;
  reportedAt: Date;
  deadline: Date | null;
  overdue: boolean;
  timeline: PublicStep[];
}

/** What the public view is made of: the ticket's facts, its number and report time, and its stored steps. */
export type ProgressSource = Pick<TicketFacts, 'status' | 'level' | 'unitId' | 'overdue' | 'acceptDueAt' | 'resolveDueAt'> & {
  number: string;
  reportedAt: Date;
  categoryName: string | null;
  timeline: readonly StoredStep[];
};

/** The public view of a ticket at `now`. */
export function progressView(source: ProgressSource, unitName: (unitId: string) => string | null, now: Date): ProgressView {
  return {
    number: source.number,
    status: source.status,
    level: source.level,
    categoryName: source.categoryName,
    unitName: unitName(source.unitId),
    reportedAt: source.reportedAt,
    deadline: currentDeadline(source),
    overdue: isOverdueAt(source, now),
    timeline: publicTimeline(source.timeline, unitName),
  };
}

/** Exactly four digits, as a resident types them. */
export const PHONE_LAST4 = /^\d{4}$/;

/** A ticket number as issued (`20261130-000042`): digits and dashes, at most 40 characters. */
export const TICKET_NUMBER = /^[0-9-]{1,40}$/;

/** The last four digits of a stored phone, ignoring spaces, dashes and a leading +; none when it has fewer than four. */
export function lastFourDigits(phone: string | null | undefined): string | null {
  const digits = (phone ?? '').replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : null;
}

const digest = (value: string) => createHash('sha256').update(value).digest();
/** Compared against when there is no phone to compare with, so every lookup does one comparison. */
const NO_PHONE = digest('no phone: never matches');

/**
 * Whether `given` are the last four digits of `storedPhone`, compared in
 * constant time over fixed-length digests. A ticket that does not exist, or
 * has no reporter phone, is compared against a value no input can match, so
 * that every lookup does the same work.
 */
export function phoneLast4Matches(storedPhone: string | null | undefined, given: string): boolean {
  const expected = lastFourDigits(storedPhone);
  const same = timingSafeEqual(expected === null ? NO_PHONE : digest(expected), digest(given));
  return same && expected !== null;
}

/** The name the per-number attempt slots are kept under (a digest of it is stored). */
export function lookupSlotName(number: string): string {
  return `ticket-number:${number}`;
}
