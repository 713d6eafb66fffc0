import type { z } from 'zod';
import type { ticketEventBaseSchema } from '../src/schemas/tickets';

/** A valid snapshot for ticket events, shared by specs and integration tests. */
export function ticketSnapshot(overrides: Partial<z.input<typeof ticketEventBaseSchema>> = {}) {
  return {
    ticketId: 'tkt-1',
    number: 'T2026-000001',
    status: 'DISPATCHED',
    level: 'GRID' as const,
    unitId: 'grid-7',
    orgPath: ['city-1', 'district-2', 'township-3', 'village-4', 'grid-7'],
    category: 'ROAD',
    priority: 'NORMAL' as const,
    handlerId: 'member-9',
    actorId: 'member-1',
    occurredAt: '2026-11-30T08:00:00.000Z',
    reportedAt: '2026-11-30T07:00:00.000Z',
    resolveDueAt: null,
    ...overrides,
  };
}
