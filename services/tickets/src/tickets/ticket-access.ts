import type { Access } from '@steward/auth';
import { ForbiddenError } from '@steward/errors';
import type { TicketCommand } from './ticket-rules';

/** The commands people give; the sweeper's (`markOverdue`, `autoClose`) are the system's and go through no caller. */
export type CallerCommand = Exclude<TicketCommand['type'], 'markOverdue' | 'autoClose'>;

/** What the permission of a command depends on. */
export interface GuardedTicket {
  /** the responsible unit's path */
  orgPath: readonly string[];
  handlerId: string | null;
}

/** Commands of the platform and the dispatch centres (受理, 派单, 转办, 合并, 督办, 办结归档, 重办). */
const DISPATCH_COMMANDS: ReadonlySet<CallerCommand> = new Set(['accept', 'reject', 'dispatch', 'transfer', 'merge', 'supervise', 'close', 'reopen']);
/** The work of the handler (处置): also open to whoever may dispatch the ticket. */
const HANDLE_COMMANDS: ReadonlySet<CallerCommand> = new Set(['start', 'progress', 'resolve', 'escalate']);

/**
 * UNAUTHENTICATED / FORBIDDEN unless the caller may handle the ticket: `tickets:handle` on its
 * unit, and being its handler or holding `tickets:dispatch` there. Uploading evidence counts as handling.
 */
export function assertMayHandle(access: Access, ticket: GuardedTicket): void {
  access.assertCan('tickets:handle', ticket.orgPath);
  if (ticket.handlerId !== access.actorId() && !access.can('tickets:dispatch', ticket.orgPath)) {
    throw new ForbiddenError('Only the handler (处置人) of this ticket, or who may dispatch it, works on it');
  }
}

/**
 * UNAUTHENTICATED / FORBIDDEN unless the caller may give `command` on the ticket. `targetPath`:
 * the path of the unit a transfer goes to (when the org tree knows it; an unknown unit is the
 * rules' BAD_USER_INPUT). Checked before anything is written.
 */
export function assertMayCommand(access: Access, command: CallerCommand, ticket: GuardedTicket, targetPath?: readonly string[]): void {
  if (HANDLE_COMMANDS.has(command)) return assertMayHandle(access, ticket);
  if (command === 'feedback') return access.assertCan('tickets:feedback', ticket.orgPath);
  if (!DISPATCH_COMMANDS.has(command)) throw new Error(`No permission is defined for ${command}`);
  access.assertCan('tickets:dispatch', ticket.orgPath);
  if (command === 'transfer' && targetPath) access.assertCan('tickets:dispatch', targetPath);
  // 督办 comes from above: dispatching at the responsible unit itself is not enough
  if (command === 'supervise' && !access.can('tickets:dispatch', ticket.orgPath.slice(0, -1))) {
    throw new ForbiddenError('Supervision (督办) is for who may dispatch in a unit above the responsible unit');
  }
}
