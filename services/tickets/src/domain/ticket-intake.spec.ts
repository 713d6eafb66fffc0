import { DomainError } from '@steward/errors';
import { loadTicketPolicies } from './policies';
import type { CategoryVersion } from './category-fields';
import { planIntake, type IntakeCommand, type IntakeContext } from './ticket-intake';
import { fakeDeadlines, hoursAfter, NOW, UNITS } from '../../test/ticket-test-fixtures';

const { catalogue } = loadTicketPolicies();
const shipped = new Map(catalogue.seedVersions().map((version) => [version.code, version]));
const ctx = (overrides: Partial<IntakeContext> = {}): IntakeContext => ({
  now: NOW,
  reportingMemberId: null,
  unit: (id) => UNITS[id],
  currentCategory: (code) => shipped.get(code),
  catalogue,
  deadlines: fakeDeadlines(),
  ...overrides,
});
const report = (overrides: Partial<IntakeCommand> = {}): IntakeCommand => ({
  category: 'WATER_IRRIGATION',
  channel: 'HOTLINE',
  priority: 'NORMAL',
  unitId: 'G1',
  reporter: null,
  ...overrides,
});

function problemOf(run: () => unknown): { code: string; path?: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, path: error.details.problems?.[0]?.path };
    throw error;
  }
  throw new Error('nothing was thrown');
}

describe('intake: routing a report', () => {
  it.each([
    ['WATER_IRRIGATION', 'G1', 'GRID', 'G1'],
    ['ROADS', 'G1', 'ADMIN_VILLAGE', 'V'],
    ['PUBLIC_SECURITY', 'G1', 'TOWNSHIP', 'T'],
    ['WATER_IRRIGATION', 'N', 'ADMIN_VILLAGE', 'V'],
    ['WATER_IRRIGATION', 'V', 'TOWNSHIP', 'T'],
    ['NEIGHBOUR_DISPUTE', 'T', 'TOWNSHIP', 'T'],
  ])('%s located at %s starts at %s with %s responsible', (category, unitId, level, responsible) => {
    const plan = planIntake(report({ category, unitId }), ctx());
    expect(plan.level).toBe(level);
    expect(plan.responsible.id).toBe(responsible);
    expect(plan.location.id).toBe(unitId);
    expect(plan.acceptDueAt).toEqual(hoursAfter(NOW, 2));
    expect(plan.step).toMatchObject({ action: 'report', from: null, to: 'REPORTED', event: { type: 'reported', categoryVersion: 1, categoryFields: [] } });
  });

  it('takes a grid report from a signed-in member', () => {
    expect(planIntake(report({ channel: 'GRID_REPORT' }), ctx({ reportingMemberId: 'grid-member' })).level).toBe('GRID');
  });

  it('takes a petition with an anonymous reporter', () => {
    const reporter = { name: null, phone: null, householdId: null, anonymous: true };
    expect(planIntake(report({ channel: 'PETITION', reporter }), ctx()).level).toBe('GRID');
  });

  it.each([
    ['an unknown category', report({ category: 'ALIENS' }), ctx(), 'input.category'],
    ['an unknown unit', report({ unitId: 'nowhere' }), ctx(), 'input.unitId'],
    ['a retired unit', report({ unitId: 'GX' }), ctx(), 'input.unitId'],
    ['a unit above the township', report({ unitId: 'D' }), ctx(), 'input.unitId'],
    ['a petition without its petitioner', report({ channel: 'PETITION' }), ctx(), 'input.reporter'],
    ['a walk-in reporter without a name', report({ channel: 'WALK_IN', reporter: { name: null, phone: '13900000000', householdId: null, anonymous: false } }), ctx(), 'input.reporter'],
    ['a grid report entered by no member (an administrator or a service account)', report({ channel: 'GRID_REPORT' }), ctx(), 'input.channel'],
    ['an app report entered by no member', report({ channel: 'APP' }), ctx(), 'input.channel'],
    ['a retired category', report(), ctx({ currentCategory: (code) => ({ ...(shipped.get(code) as CategoryVersion), version: 2, active: false }) }), 'input.category'],
    ['a field the category lacks', report({ fields: [{ key: 'colour', value: 'red' }] }), ctx(), 'input.fields.colour'],
    ['a negative affected area', report({ fields: [{ key: 'affectedArea', value: '-1' }] }), ctx(), 'input.fields.affectedArea'],
    ['a route to a level the tree lacks', report({ category: 'ROADS' }), ctx({ unit: (id) => (id === 'V' ? undefined : UNITS[id]) }), 'input.unitId'],
  ])('refuses %s with BAD_USER_INPUT', (_name, command, context, path) => {
    expect(problemOf(() => planIntake(command, context))).toEqual({ code: 'BAD_USER_INPUT', path });
  });

  it('checks the typed fields against the current version and keeps the version and the values', () => {
    const v3: CategoryVersion = {
      ...(shipped.get('WATER_IRRIGATION') as CategoryVersion),
      version: 3,
      fields: [
        { ...(shipped.get('WATER_IRRIGATION') as CategoryVersion).fields[0], required: true },
        { key: 'pumpBroken', label: '泵站损坏', labelEn: 'Pump broken', type: 'BOOLEAN', unit: null, required: false, min: null, max: null, decimals: null, maxLength: null, options: [] },
      ],
    };
    const context = ctx({ currentCategory: (code) => (code === 'WATER_IRRIGATION' ? v3 : shipped.get(code)) });
    const plan = planIntake(report({ fields: [{ key: 'pumpBroken', value: '是' }, { key: 'affectedArea', value: '12.5' }] }), context);
    expect(plan).toMatchObject({ categoryVersion: 3, categoryFields: [{ key: 'affectedArea', value: 12.5 }, { key: 'pumpBroken', value: true }] });
    expect(plan.step.event).toEqual({ type: 'reported', categoryVersion: 3, categoryFields: plan.categoryFields });
    expect(problemOf(() => planIntake(report(), context))).toEqual({ code: 'BAD_USER_INPUT', path: 'input.fields.affectedArea' });
  });
});
