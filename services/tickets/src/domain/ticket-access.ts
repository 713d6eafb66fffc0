import { isAdministratorAt, type Access, type OrgScope } from '@steward/auth';
import { ForbiddenError } from '@steward/errors';
import type { TicketCommand } from './ticket-rules';

/** The commands people give; the sweeper's (`markOverdue`, `autoClose`) are the system's and go through no caller. */
export type CallerCommand = Exclude<TicketCommand['type'], 'markOverdue' | 'warnDueSoon' | 'autoClose'>;

/** What the permission of a command depends on. */
export interface GuardedTicket {
  /** the responsible unit's path */
  orgPath: readonly string[];
  handlerId: string | null;
  /** the unit the handler acts for (the responsible unit or one inside it); absent on tickets stored before it existed */
  handlerUnitId?: string | null;
}

/** What decides who may read a ticket: the command guard's facts and where the problem is. */
export interface ReadableTicket extends GuardedTicket {
  /** the path of the unit where the problem is (`location.path`); may lie below the responsible unit, or elsewhere after a transfer */
  locationPath?: readonly string[];
}

/** The unit the handler acts for; tickets stored before `handlerUnitId` existed were handled at their responsible unit. */
function handlerUnitOf(ticket: GuardedTicket): string | null {
  if (!ticket.handlerId) return null;
  return ticket.handlerUnitId ?? ticket.orgPath.at(-1) ?? null;
}

/** The entry of a ticket's `accessPath` that lets its handler, acting for `unitId`, read it. */
export function handlerMark(unitId: string, memberId: string): string {
  return `handler:${unitId}:${memberId}`;
}

/**
 * Who may read a ticket, as one array a read scope matches with a single `$in`
 * (FerretDB pushes that down, not an `$or`): the responsible unit's path, the
 * path of the unit where the problem is, and while there is a handler, their
 * mark. The location's grid team keeps reading a ticket escalated or
 * transferred away from it (they are the ones who tell the resident), but
 * commands stay with the responsible unit (`assertMayCommand` checks `orgPath`
 * only). The handler may act for a unit inside the responsible unit (a grid
 * member on a village ticket) that is on neither path.
 */
export function accessPathOf(ticket: ReadableTicket): string[] {
  const unitId = handlerUnitOf(ticket);
  const units = [...new Set([...ticket.orgPath, ...(ticket.locationPath ?? [])])];
  return ticket.handlerId && unitId ? [...units, handlerMark(unitId, ticket.handlerId)] : units;
}

/**
 * The caller's read scope over tickets (matched against `accessPath`): their
 * units, plus the tickets they handle for a unit where they hold a role.
 */
export function ticketReadScope(access: Access): OrgScope {
  const scope = access.readScope();
  const principal = access.authenticated();
  if (scope.kind === 'ALL' || principal.kind !== 'MEMBER') return scope;
  const marks = principal.grants.map((grant) => handlerMark(grant.unitId, principal.id));
  return { kind: 'UNITS', unitIds: [...new Set([...scope.unitIds, ...marks])] };
}

/** Commands of the platform and the dispatch centres (受理, 派单, 转办, 合并, 督办, 办结归档, 重办). */
const DISPATCH_COMMANDS: ReadonlySet<CallerCommand> = new Set(['accept', 'reject', 'dispatch', 'transfer', 'merge', 'supervise', 'close', 'reopen']);
/** The work of the handler (处置): also open to whoever may dispatch the ticket. */
const HANDLE_COMMANDS: ReadonlySet<CallerCommand> = new Set(['start', 'progress', 'resolve', 'escalate']);

/**
 * UNAUTHENTICATED / FORBIDDEN unless the caller may handle the ticket: its handler with
 * `tickets:handle` on the unit they act for (or above), or who holds `tickets:handle` and
 * `tickets:dispatch` on its responsible unit. Uploading evidence counts as handling.
 */
export function assertMayHandle(access: Access, ticket: GuardedTicket): void {
  const handlerUnit = handlerUnitOf(ticket);
  if (handlerUnit && ticket.handlerId === access.actorId() && access.can('tickets:handle', [...ticket.orgPath, handlerUnit])) return;
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

/**
 * Who may define ticket categories (类别管理): the catalogue is city-wide, so an
 * administrator (管理员, `isAdministratorAt`) over the whole tree: the
 * bootstrap administrator, or a member holding ADMIN on a top unit (one
 * without ancestors, `isTopUnit`). FORBIDDEN for everyone else, service
 * accounts included.
 */
export function assertMayDefineCategories(access: Access, isTopUnit: (unitId: string) => boolean): void {
  const principal = access.authenticated();
  const topUnits = principal.kind === 'MEMBER' ? principal.grants.map((grant) => grant.unitId).filter(isTopUnit) : [];
  const cityWide = principal.kind === 'ADMIN' || topUnits.some((unitId) => isAdministratorAt(access, [unitId]));
  if (!cityWide) throw new ForbiddenError('只有全市管理员可以定义工单类别 / only an administrator of the whole city (管理员) may define ticket categories');
}
