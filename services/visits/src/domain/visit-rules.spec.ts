import { DomainError } from '@steward/errors';
import {
  checkVisit,
  findOverlap,
  initialStatus,
  requireTransition,
  type TimedVisit,
  type UnitFacts,
  type VisitDraft,
  type VisitRuleContext,
} from './visit-rules';

const now = new Date('2026-11-30T08:00:00.000Z');
const at = (iso: string) => new Date(iso);

const units: Record<string, UnitFacts> = {
  village: { id: 'village', name: '太平村', level: 'ADMIN_VILLAGE', status: 'ACTIVE', ancestors: ['city'] },
  g1: { id: 'g1', name: '第一网格', level: 'GRID', status: 'ACTIVE', ancestors: ['city', 'village'] },
  g2: { id: 'g2', name: '第二网格', level: 'GRID', status: 'ACTIVE', ancestors: ['city', 'village'] },
  old: { id: 'old', name: '撤销网格', level: 'GRID', status: 'RETIRED', ancestors: ['city', 'village'] },
};

/** m1 holds GRID_INSTRUCTOR on g1 from 1 Nov 2026; staff holds VILLAGE_STAFF on the village; member holds GRID_MEMBER on g1. */
const assignments = [
  { memberId: 'm1', unitId: 'g1', role: 'GRID_INSTRUCTOR', from: at('2026-11-01T00:00:00Z'), to: null },
  { memberId: 'staff', unitId: 'village', role: 'VILLAGE_STAFF', from: at('2026-01-01T00:00:00Z'), to: null },
  { memberId: 'member', unitId: 'g1', role: 'GRID_MEMBER', from: at('2026-01-01T00:00:00Z'), to: at('2026-11-20T00:00:00Z') },
];

const ctx: VisitRuleContext = {
  now,
  unit: (id) => units[id],
  rolesAt: (memberId, unitId, when) =>
    assignments
      .filter((a) => a.memberId === memberId && a.unitId === unitId && a.from <= when && (!a.to || a.to > when))
      .map((a) => a.role),
  householdGrid: (id) => ({ h1: 'g1', h2: 'g1', h9: 'g2' })[id],
  rolesFromAbove: new Set(['VILLAGE_STAFF']),
};

const done: VisitDraft = {
  id: null,
  memberId: 'm1',
  gridId: 'g1',
  kind: 'ROUTINE',
  status: 'COMPLETED',
  householdIds: ['h1', 'h2'],
  startedAt: at('2026-11-30T01:00:00Z'),
  endedAt: at('2026-11-30T02:00:00Z'),
};

const earlier: TimedVisit = { id: 'v-earlier', status: 'COMPLETED', startedAt: at('2026-11-30T00:00:00Z'), endedAt: at('2026-11-30T01:30:00Z') };
const running: TimedVisit = { id: 'v-running', status: 'IN_PROGRESS', startedAt: at('2026-11-30T07:00:00Z'), endedAt: null };

function ruleBroken(draft: VisitDraft, others: TimedVisit[] = []): { code: string; rule: unknown; path: string } | undefined {
  try {
    checkVisit(draft, ctx, others);
    return undefined;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const problems = error.details.problems ?? [];
    return { code: error.code, rule: error.details.rule, path: problems[0]?.path ?? '' };
  }
}

describe('checkVisit', () => {
  it.each<[string, Partial<VisitDraft>, TimedVisit[], string | undefined, string | undefined]>([
    ['a completed visit in the grid', {}, [], undefined, undefined],
    ['a planned visit (no times)', { status: 'PLANNED', startedAt: null, endedAt: null }, [], undefined, undefined],
    ['an instant visit (end = start)', { endedAt: at('2026-11-30T01:00:00Z') }, [], undefined, undefined],
    ['end before start', { endedAt: at('2026-11-30T00:59:59Z') }, [], 'VISIT_END_BEFORE_START', 'input.endedAt'],
    ['a start in the future', { status: 'IN_PROGRESS', startedAt: at('2026-11-30T09:00:00Z'), endedAt: null }, [], 'VISIT_IN_FUTURE', 'input.startedAt'],
    ['an end in the future', { endedAt: at('2026-12-01T02:00:00Z') }, [], 'VISIT_IN_FUTURE', 'input.endedAt'],
    ['an end within a minute of clock skew', { endedAt: at('2026-11-30T08:00:30Z') }, [], undefined, undefined],
    ['an unknown unit', { gridId: 'nowhere' }, [], 'VISIT_UNIT_NOT_GRID', 'input.gridId'],
    ['a unit that is not a grid', { gridId: 'village', householdIds: [] }, [], 'VISIT_UNIT_NOT_GRID', 'input.gridId'],
    ['a retired grid', { gridId: 'old', householdIds: [] }, [], 'VISIT_UNIT_NOT_GRID', 'input.gridId'],
    ['a member not assigned to the grid', { memberId: 'stranger' }, [], 'VISIT_MEMBER_NOT_ASSIGNED', 'input.startedAt'],
    ['a member assigned elsewhere', { gridId: 'g2', householdIds: [] }, [], 'VISIT_MEMBER_NOT_ASSIGNED', 'input.startedAt'],
    [
      'a visit before the assignment began',
      { startedAt: at('2026-10-31T01:00:00Z'), endedAt: at('2026-10-31T02:00:00Z') },
      [],
      'VISIT_MEMBER_NOT_ASSIGNED',
      'input.startedAt',
    ],
    [
      'a visit that outlasts the assignment',
      { memberId: 'member', startedAt: at('2026-11-19T23:00:00Z'), endedAt: at('2026-11-20T01:00:00Z') },
      [],
      'VISIT_MEMBER_NOT_ASSIGNED',
      'input.endedAt',
    ],
    ['a planned visit by a member not assigned now', { memberId: 'member', status: 'PLANNED', startedAt: null, endedAt: null }, [], 'VISIT_MEMBER_NOT_ASSIGNED', 'input.memberId'],
    ['village staff in a grid of their village', { memberId: 'staff', gridId: 'g2', householdIds: ['h9'] }, [], undefined, undefined],
    ['an unknown household', { householdIds: ['h1', 'nobody'] }, [], 'VISIT_HOUSEHOLD_UNKNOWN', 'input.householdIds.1'],
    ['a household of another grid', { householdIds: ['h9'] }, [], 'VISIT_HOUSEHOLD_OTHER_GRID', 'input.householdIds.0'],
    ['an overlap with an earlier visit', {}, [earlier], 'VISIT_OVERLAP', 'input.endedAt'],
    ['touching an earlier visit end to start', { startedAt: at('2026-11-30T01:30:00Z') }, [earlier], undefined, undefined],
    ['an overlap with a visit still in progress', { startedAt: at('2026-11-30T07:10:00Z'), endedAt: at('2026-11-30T07:20:00Z') }, [running], 'VISIT_OVERLAP', 'input.endedAt'],
    ['a visit before one still in progress', {}, [running], undefined, undefined],
    ['starting while another is in progress', { status: 'IN_PROGRESS', startedAt: at('2026-11-30T07:30:00Z'), endedAt: null }, [running], 'VISIT_OVERLAP', 'input.startedAt'],
    ['a cancelled visit at the same time', {}, [{ ...earlier, status: 'CANCELLED' }], undefined, undefined],
  ])('%s', (_case, change, others, rule, path) => {
    const broken = ruleBroken({ ...done, ...change }, others);
    if (!rule) {
      expect(broken).toBeUndefined();
      return;
    }
    expect(broken).toEqual({ code: 'BAD_USER_INPUT', rule, path });
  });

  it('names the overlapping visit in the message', () => {
    expect(() => checkVisit(done, ctx, [earlier])).toThrow(/overlaps visit v-earlier/);
  });

  it('does not count the visit itself as an overlap when it changes', () => {
    expect(findOverlap({ ...done, id: 'v-earlier' }, [earlier])).toBeUndefined();
  });
});

describe('manual visit lifecycle', () => {
  const manual = { id: 'v1', kind: 'ROUTINE' as const, ticketId: null };

  it.each<[string, 'PLANNED' | 'IN_PROGRESS' | 'COMPLETED' | 'CANCELLED', 'start' | 'complete' | 'cancel', boolean]>([
    ['start a planned visit', 'PLANNED', 'start', true],
    ['start a running visit', 'IN_PROGRESS', 'start', false],
    ['complete a running visit', 'IN_PROGRESS', 'complete', true],
    ['complete a planned visit (times given)', 'PLANNED', 'complete', true],
    ['complete a completed visit', 'COMPLETED', 'complete', false],
    ['cancel a running visit', 'IN_PROGRESS', 'cancel', true],
    ['cancel a completed visit', 'COMPLETED', 'cancel', false],
    ['cancel a cancelled visit', 'CANCELLED', 'cancel', false],
  ])('%s', (_case, status, action, allowed) => {
    const attempt = () => requireTransition({ ...manual, status }, action);
    if (allowed) expect(attempt).not.toThrow();
    else expect(attempt).toThrow(expect.objectContaining({ code: 'CONFLICT', details: expect.objectContaining({ rule: 'VISIT_STATUS' }) }));
  });

  it('leaves ticket-handling visits to the ticket events', () => {
    expect(() => requireTransition({ id: 'ticket:t1:m1', kind: 'TICKET_HANDLING', status: 'PLANNED', ticketId: 't1' }, 'cancel')).toThrow(
      expect.objectContaining({ code: 'CONFLICT', details: expect.objectContaining({ rule: 'VISIT_FOLLOWS_TICKET' }) }),
    );
  });

  it.each<[Date | null, Date | null, string]>([
    [null, null, 'PLANNED'],
    [at('2026-11-30T01:00:00Z'), null, 'IN_PROGRESS'],
    [at('2026-11-30T01:00:00Z'), at('2026-11-30T02:00:00Z'), 'COMPLETED'],
  ])('a visit logged with start %s and end %s is %s', (startedAt, endedAt, status) => {
    expect(initialStatus(startedAt, endedAt)).toBe(status);
  });
});
