import type { Credit, Increments, SubjectRef } from './counters';
import { memberSubject, unitSubjects } from './counters';
import { periodsOf, type Period } from './periods';

/**
 * The fields of a ticket event the rules read. Every ticket event carries a
 * snapshot of the ticket after the change; `fromOrgPath` and
 * `previousResolutionOnTime` are optional in the v1 schemas (see README): when
 * present they make moves and reopenings exact. The tickets service clears
 * the handler on escalation, transfer and reopen. The data of every ticket
 * event of the catalogue is one (the projector hands it over unconverted).
 */
export interface TicketEventData {
  ticketId: string;
  orgPath: string[];
  unitId?: string;
  handlerId?: string | null;
  previousHandlerId?: string | null;
  fromUnitId?: string;
  fromOrgPath?: string[];
  reportedAt: string;
  onTime?: boolean;
  previousResolutionOnTime?: boolean | null;
  satisfaction?: string;
}

type TicketRule = (data: TicketEventData) => Credit[];

const SATISFIED_ANSWERS = new Set(['SATISFIED', 'BASICALLY_SATISFIED']);

/** The same increments for the member (if any) and every unit on `orgPath`. */
function credit(memberId: string | null | undefined, orgPath: string[], increments: Increments): Credit[] {
  const subjects: SubjectRef[] = unitSubjects(orgPath);
  if (memberId) subjects.unshift(memberSubject(memberId, orgPath));
  return subjects.map((subject) => ({ subject, increments }));
}

/** received +1 for units the ticket moved into, -1 for units it left (a correction, not work done). */
function moveReceived(fromPath: string[], toPath: string[]): Credit[] {
  const entered = unitSubjects(toPath).filter((unit) => !fromPath.includes(unit.id));
  const left = unitSubjects(fromPath).filter((unit) => !toPath.includes(unit.id));
  return [
    ...entered.map((subject) => ({ subject, increments: { received: 1 } })),
    ...left.map((subject) => ({ subject, increments: { received: -1 } })),
  ];
}

/** A new handler receives the ticket; one it was taken from before starting gives it back. */
function handlerChange(from: string | null | undefined, to: string | null | undefined, scope: string[]): Credit[] {
  if (from === to) return [];
  const credits: Credit[] = [];
  if (to) credits.push({ subject: memberSubject(to, scope), increments: { received: 1 } });
  if (from) credits.push({ subject: memberSubject(from, scope), increments: { received: -1 } });
  return credits;
}

/** Where a transferred ticket came from: the whole path when the event has it, else a sibling of its new unit. */
function transferOrigin(data: TicketEventData): string[] {
  if (data.fromOrgPath) return data.fromOrgPath;
  return data.fromUnitId ? [...data.orgPath.slice(0, -1), data.fromUnitId] : data.orgPath;
}

/**
 * Where an escalated ticket came from: the whole path when the event has it,
 * else its new path (the parent level) plus the unit it left (a natural
 * village between a grid and its administrative village is then not charged).
 */
function escalationOrigin(data: TicketEventData): string[] {
  if (data.fromOrgPath) return data.fromOrgPath;
  return data.fromUnitId && !data.orgPath.includes(data.fromUnitId) ? [...data.orgPath, data.fromUnitId] : data.orgPath;
}

/**
 * Counting rules for ticket events, one entry per event type (README.md of this
 * service, "Counting rules"). Units are credited along the ticket's orgPath,
 * members as its handler. A type without an entry counts for nothing
 * (accepted, started, closed, supervised, …).
 */
export const TICKET_RULES: Readonly<Record<string, TicketRule>> = {
  'steward.ticket.reported.v1': (data) => credit(null, data.orgPath, { received: 1 }),
  'steward.ticket.dispatched.v1': (data) => [
    ...(data.fromOrgPath ? moveReceived(data.fromOrgPath, data.orgPath) : []),
    ...handlerChange(data.previousHandlerId, data.handlerId, data.orgPath),
  ],
  'steward.ticket.transferred.v1': (data) => [
    ...moveReceived(transferOrigin(data), data.orgPath),
    ...handlerChange(data.previousHandlerId, null, transferOrigin(data)),
  ],
  'steward.ticket.escalated.v1': (data) => credit(data.previousHandlerId, escalationOrigin(data), { escalated: 1 }),
  'steward.ticket.rejected.v1': (data) => credit(null, data.orgPath, { received: -1 }),
  'steward.ticket.merged.v1': (data) => credit(null, data.orgPath, { received: -1 }),
  'steward.ticket.resolved.v1': (data) =>
    credit(data.handlerId, data.orgPath, data.onTime ? { resolved: 1, onTime: 1 } : { resolved: 1 }),
  'steward.ticket.reopened.v1': (data) =>
    credit(data.handlerId ?? data.previousHandlerId, data.orgPath, {
      reopened: 1,
      resolved: -1,
      ...(data.previousResolutionOnTime ? { onTime: -1 } : {}),
    }),
  'steward.ticket.feedback-recorded.v1': (data) =>
    credit(data.handlerId, data.orgPath, {
      feedbacks: 1,
      ...(SATISFIED_ANSWERS.has(data.satisfaction ?? '') ? { satisfied: 1 } : {}),
    }),
  'steward.ticket.overdue.v1': (data) => credit(data.handlerId, data.orgPath, { overdue: 1 }),
};

export interface TicketEffect {
  /** A ticket counts in the periods it was reported in (its cohort), whenever the work happens. */
  periods: Period[];
  credits: Credit[];
}

/** The effect of one ticket event: a pure function of its type and data. */
export function ticketEffect(type: string, data: TicketEventData): TicketEffect {
  const rule = TICKET_RULES[type];
  return { periods: periodsOf(new Date(data.reportedAt)), credits: rule ? rule(data) : [] };
}
