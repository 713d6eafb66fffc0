import type { Access } from '@steward/auth';
import { DomainError } from '@steward/errors';
import { assertMayCommand, type CallerCommand, type GuardedTicket } from './ticket-access';
import { currentFeedback, type FeedbackRecord } from './ticket-facts';
import { isAllowed, isTicketLevel, levelAbove, TICKET_STATUSES, type TicketStatus } from './ticket-state-machine';

/** The commands people give, in the order a screen offers them. */
export const CALLER_COMMANDS = [
  'accept',
  'reject',
  'dispatch',
  'start',
  'progress',
  'resolve',
  'escalate',
  'transfer',
  'supervise',
  'feedback',
  'reopen',
  'close',
  'merge',
] as const satisfies readonly CallerCommand[];

/** What the offer of a command depends on: the permission's facts, the status, the level and the feedback on the current resolution. */
export interface OfferedTicket extends GuardedTicket {
  status: string;
  level: string;
  feedback: readonly Pick<FeedbackRecord, 'at'>[];
  resolvedAt: Date | null;
}

const isTicketStatus = (status: string): status is TicketStatus => (TICKET_STATUSES as readonly string[]).includes(status);

function may(access: Access, command: CallerCommand, ticket: GuardedTicket): boolean {
  try {
    assertMayCommand(access, command, ticket);
    return true;
  } catch (error) {
    if (error instanceof DomainError) return false;
    throw error;
  }
}

/** Whether the ticket's own state lets the command through, apart from who gives it. */
function fitsState(command: CallerCommand, ticket: OfferedTicket): boolean {
  if (!isTicketStatus(ticket.status) || !isAllowed(ticket.status, command)) return false;
  if (command === 'escalate') return isTicketLevel(ticket.level) && levelAbove(ticket.level) !== undefined; // 大事不出镇
  if (command === 'feedback') return currentFeedback(ticket) === undefined; // once per resolution
  if (command === 'close') return currentFeedback(ticket) !== undefined; // 办结归档 after 回访
  return true;
}

/**
 * The commands the caller may give on the ticket now (可执行操作): its state
 * allows them and the caller holds the permission on it. An offer, not a
 * promise: the rules still check the command's input (a handler's role, a
 * transfer's unit, a merge's original) and the version when it is given.
 */
export function allowedCommands(access: Access, ticket: OfferedTicket): CallerCommand[] {
  return CALLER_COMMANDS.filter((command) => fitsState(command, ticket) && may(access, command, ticket));
}
