// The module itself, not the package index (that loads NestJS): this stays framework-free.
import { samePath } from '@steward/auth';
import { accessPathOf } from './ticket-access';
import type { TicketDocument, TicketLocationDocument } from '../persistence/ticket.schema';

/** The fields of a stored ticket that say where it lies and who may read it. */
export type PlacedTicket = Pick<TicketDocument, 'unitId' | 'orgPath' | 'handlerId' | 'accessPath'> &
  Partial<Pick<TicketDocument, 'handlerUnitId'>> & {
    /** absent on tickets of the walking skeleton (located at their unit) */
    location?: TicketLocationDocument;
  };

/** What a stored ticket's `accessPath` should be (see `accessPathOf`). */
export function accessPathOfStored(ticket: PlacedTicket): string[] {
  return accessPathOf({ ...ticket, locationPath: ticket.location?.path });
}

/** The fields a re-path writes: the stored paths and the access path derived from them. */
export type TicketRepath = Partial<Pick<TicketDocument, 'orgPath' | 'location'>> & Pick<TicketDocument, 'accessPath'>;

/**
 * What a ticket needs after `unitId` came to lie at `path` (ids from the city
 * down to the unit): the responsible path when `unitId` is the responsible
 * unit, the location path when the problem lies there, and the access path
 * derived from both (handler marks name units, not paths: they stay). Null
 * when neither is `unitId` or everything already lies where it should.
 */
export function repathTicket(ticket: PlacedTicket, unitId: string, path: readonly string[]): TicketRepath | null {
  const responsible = ticket.unitId === unitId;
  const located = ticket.location?.unitId === unitId;
  if (!responsible && !located) return null;
  const change: Partial<TicketRepath> = {};
  if (responsible && !samePath(ticket.orgPath, path)) change.orgPath = [...path];
  if (located && ticket.location && !samePath(ticket.location.path, path)) change.location = { ...ticket.location, path: [...path] };
  const accessPath = accessPathOfStored({ ...ticket, ...change });
  if (Object.keys(change).length === 0 && samePath(ticket.accessPath, accessPath)) return null;
  return { ...change, accessPath };
}
