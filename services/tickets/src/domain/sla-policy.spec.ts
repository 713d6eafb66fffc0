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
    expect(policy.terms(key)).toMatchObject({ acceptWithin, resolveWithin, autoEscalate });
  });

  it.each([
    // the default: an hour before acceptance, a day before resolution
    [{ category: 'ROADS', priority: 'NORMAL', level: 'GRID' }, 60, 1440],
    [{ category: 'ROADS', priority: 'LOW', level: 'TOWNSHIP' }, 60, 1440],
    // priority beats the default: urgent deadlines are hours away, so are their warnings
    [{ category: 'ROADS', priority: 'URGENT', level: 'GRID' }, 15, 240],
    [{ category: 'ROADS', priority: 'HIGH', level: 'GRID' }, 20, 1440],
    [{ category: 'PUBLIC_SECURITY', priority: 'NORMAL', level: 'GRID' }, 20, 1440],
    [{ category: 'PUBLIC_SECURITY', priority: 'URGENT', level: 'GRID' }, 10, 120],
  ] as const)('%j → warns %d minutes before the accept deadline, %d before the resolve deadline', (key, accept, resolve) => {
    expect([deadlines.warnBeforeMinutes(key, 'ACCEPT'), deadlines.warnBeforeMinutes(key, 'RESOLVE')]).toEqual([accept, resolve]);
  });

  it('knows the longest lead time of each deadline', () => {
    expect([policy.maxWarnMinutes('ACCEPT'), policy.maxWarnMinutes('RESOLVE')]).toEqual([60, 1440]);
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
    ['a zero lead time', { ...slaPolicy, rules: [...slaPolicy.rules, { category: 'ROADS', resolveWarnMinutes: 0 }] }],
    ['a lead time over 60 days', { ...slaPolicy, rules: [...slaPolicy.rules, { category: 'ROADS', acceptWarnMinutes: 86_401 }] }],
  ])('refuses a policy with %s', (_name, data) => {
    expect(() => new SlaPolicy(data, codes)).toThrow();
  });
});
