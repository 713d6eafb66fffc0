import { loadTicketPolicies } from './policies';
import slaPolicy from './sla-policy.json';
import { SlaPolicy } from './sla-policy';

const { deadlines, catalogue } = loadTicketPolicies();
const policy = deadlines.policy;
const cst = (local: string) => new Date(`${local}+08:00`);

describe('SLA policy: category × priority × level', () => {
  it.each([
    [{ category: 'WATER_IRRIGATION', priority: 'NORMAL', level: 'GRID' }, { workingHours: 2 }, { workingDays: 3 }, true],
    [{ category: 'ROADS', priority: 'NORMAL', level: 'ADMIN_VILLAGE' }, { workingHours: 4 }, { workingDays: 5 }, true],
    [{ category: 'ROADS', priority: 'NORMAL', level: 'TOWNSHIP' }, { workingHours: 4 }, { workingDays: 10 }, false],
    // category beats level
    [{ category: 'NEIGHBOUR_DISPUTE', priority: 'NORMAL', level: 'GRID' }, { workingHours: 2 }, { workingDays: 7 }, true],
    // priority beats category: urgent is counted in clock hours
    [{ category: 'NEIGHBOUR_DISPUTE', priority: 'URGENT', level: 'GRID' }, { hours: 1 }, { hours: 24 }, true],
    // category + priority beats both
    [{ category: 'PUBLIC_SECURITY', priority: 'URGENT', level: 'TOWNSHIP' }, { hours: 0.5 }, { hours: 12 }, false],
    [{ category: 'PUBLIC_SECURITY', priority: 'NORMAL', level: 'TOWNSHIP' }, { workingHours: 1 }, { workingDays: 10 }, false],
    // low priority never escalates by itself
    [{ category: 'SANITATION', priority: 'LOW', level: 'GRID' }, { workingHours: 2 }, { workingDays: 10 }, false],
    // category + level
    [{ category: 'ADMINISTRATIVE_SERVICES', priority: 'NORMAL', level: 'TOWNSHIP' }, { workingHours: 4 }, { workingDays: 5 }, false],
  ] as const)('%j → accept %j, resolve %j, auto-escalate %s', (key, acceptWithin, resolveWithin, autoEscalate) => {
    expect(policy.terms(key)).toEqual({ acceptWithin, resolveWithin, autoEscalate });
  });

  it('counts due dates on the working calendar', () => {
    const key = { category: 'WATER_IRRIGATION', priority: 'NORMAL', level: 'GRID' } as const;
    // Friday before the Spring Festival: 2 working hours run into the 调休 Saturday.
    expect(deadlines.acceptDueAt(key, cst('2026-02-13T16:30'))).toEqual(cst('2026-02-14T09:30'));
    // 3 working days from that Saturday: the whole festival is skipped.
    expect(deadlines.resolveDueAt(key, cst('2026-02-14T10:00'))).toEqual(cst('2026-02-26T17:30'));
    expect(deadlines.autoCloseAt(cst('2026-11-30T10:00'))).toEqual(cst('2026-12-07T17:30'));
  });

  const codes = catalogue.categoryCodes;
  it.each([
    ['no default rule', { ...slaPolicy, rules: slaPolicy.rules.slice(1) }],
    ['a default rule missing a term', { ...slaPolicy, rules: [{ acceptWithin: { workingHours: 1 } }, ...slaPolicy.rules.slice(1)] }],
    ['two rules with the same key', { ...slaPolicy, rules: [...slaPolicy.rules, { level: 'GRID', autoEscalate: false }] }],
    ['an unknown category', { ...slaPolicy, rules: [...slaPolicy.rules, { category: 'ROADZ', autoEscalate: false }] }],
    ['a rule that sets nothing', { ...slaPolicy, rules: [...slaPolicy.rules, { category: 'ROADS', priority: 'LOW' }] }],
    ['an unknown duration unit', { ...slaPolicy, rules: [...slaPolicy.rules, { category: 'ROADS', resolveWithin: { weeks: 1 } }] }],
    ['a zero duration', { ...slaPolicy, rules: [...slaPolicy.rules, { category: 'ROADS', resolveWithin: { workingDays: 0 } }] }],
  ])('refuses a policy with %s', (_name, data) => {
    expect(() => new SlaPolicy(data, codes)).toThrow();
  });
});
