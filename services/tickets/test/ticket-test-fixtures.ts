// Fixtures for the pure rule specs: a small org tree, role holders, and
// deadlines that are easy to read (hours after the start).
import type { FeedbackPolicy } from '../src/domain/ticket-catalogue';
import type { SlaKey } from '../src/domain/sla-policy';
import type { TicketFacts } from '../src/domain/ticket-facts';
import type { DecisionContext, TicketDeadlines, UnitFacts } from '../src/domain/ticket-rules';
import type { TicketStatus } from '../src/domain/ticket-state-machine';

const unit = (id: string, level: string, ancestors: string[], status: UnitFacts['status'] = 'ACTIVE'): UnitFacts => ({
  id,
  name: id,
  level,
  ancestors,
  status,
});

// city › district › township T (and T2) › village V (and V2) › natural village N › grids G1, G2 (and a retired one)
export const UNITS: Record<string, UnitFacts> = Object.fromEntries(
  [
    unit('C', 'CITY', []),
    unit('D', 'DISTRICT', ['C']),
    unit('T', 'TOWNSHIP', ['C', 'D']),
    unit('T2', 'TOWNSHIP', ['C', 'D']),
    unit('V', 'ADMIN_VILLAGE', ['C', 'D', 'T']),
    unit('V2', 'ADMIN_VILLAGE', ['C', 'D', 'T']),
    unit('N', 'NATURAL_VILLAGE', ['C', 'D', 'T', 'V']),
    unit('G1', 'GRID', ['C', 'D', 'T', 'V', 'N']),
    unit('G2', 'GRID', ['C', 'D', 'T', 'V', 'N']),
    unit('GX', 'GRID', ['C', 'D', 'T', 'V', 'N'], 'RETIRED'),
  ].map((u) => [u.id, u]),
);

/** member → units where they hold a role */
export const ROLES: Record<string, string[]> = {
  'grid-member': ['G1'],
  'grid-member-2': ['G1'],
  'g2-member': ['G2'],
  'village-staff': ['V'],
  'township-dispatcher': ['T'],
  'district-cadre': ['D'],
};

export const HOUR = 3_600_000;
export const NOW = new Date('2026-12-01T02:00:00Z');
export const hoursAfter = (from: Date, hours: number) => new Date(from.getTime() + hours * HOUR);

/**
 * accept within 2 h; resolve within 24 h at a grid, 48 h at a village, 96 h at a township; auto-close after 120 h;
 * warn 30 min before the accept deadline, 4 h before the resolve deadline.
 */
export const RESOLVE_HOURS = { GRID: 24, ADMIN_VILLAGE: 48, TOWNSHIP: 96 } as const;
export const fakeDeadlines = (autoEscalate: (key: SlaKey) => boolean = (key) => key.level !== 'TOWNSHIP'): TicketDeadlines => ({
  acceptDueAt: (_key, from) => hoursAfter(from, 2),
  resolveDueAt: (key, from) => hoursAfter(from, RESOLVE_HOURS[key.level]),
  autoEscalates: autoEscalate,
  autoCloseAt: (from) => hoursAfter(from, 120),
  warnBeforeMinutes: (_key, kind) => (kind === 'ACCEPT' ? 30 : 240),
  slaPolicyVersion: 'test.1',
});

export const DEFAULT_FEEDBACK_POLICY: FeedbackPolicy = { reopenOnUnsatisfied: true, maxReopens: 2, closeOnSatisfied: false };

export function context(overrides: Partial<DecisionContext> = {}): DecisionContext {
  return {
    now: NOW,
    actorId: null,
    unit: (id) => UNITS[id],
    rolesAt: (memberId, unitId) => ((ROLES[memberId] ?? []).includes(unitId) ? ['SOME_ROLE'] : []),
    deadlines: fakeDeadlines(),
    feedbackPolicy: DEFAULT_FEEDBACK_POLICY,
    ...overrides,
  };
}

/** A consistent grid ticket (at G1) in `status`, with deadlines still ahead. */
export function ticketIn(status: TicketStatus, overrides: Partial<TicketFacts> = {}): TicketFacts {
  const reportedAt = hoursAfter(NOW, -1);
  const accepted = status !== 'REPORTED' && status !== 'REJECTED';
  const dispatched = ['DISPATCHED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED'].includes(status);
  const resolved = status === 'RESOLVED' || status === 'CLOSED';
  return {
    id: 'ticket-1',
    status,
    level: 'GRID',
    unitId: 'G1',
    orgPath: ['C', 'D', 'T', 'V', 'N', 'G1'],
    category: 'WATER_IRRIGATION',
    priority: 'NORMAL',
    handlerId: dispatched ? 'grid-member-2' : null,
    handlerUnitId: dispatched ? 'G1' : null,
    handlerDueAt: null,
    acceptDueAt: hoursAfter(reportedAt, 2),
    resolveDueAt: accepted ? hoursAfter(reportedAt, 24) : null,
    overdue: false,
    warnedDueAt: null,
    overdueCount: 0,
    escalationCount: 0,
    reopenCount: 0,
    supervisionCount: 0,
    acceptedAt: accepted ? reportedAt : null,
    resolution: resolved ? '已清淤' : null,
    resolvedAt: resolved ? hoursAfter(NOW, -0.5) : null,
    resolvedOnTime: resolved ? true : null,
    autoCloseAt: status === 'RESOLVED' ? hoursAfter(NOW, 100) : null,
    closedAt: status === 'CLOSED' ? NOW : null,
    feedback: [],
    duplicateOf: null,
    ...overrides,
  };
}
