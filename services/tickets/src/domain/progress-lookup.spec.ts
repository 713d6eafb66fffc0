import { currentDeadline, lastFourDigits, phoneLast4Matches, progressView, publicTimeline, type StoredStep } from './progress-lookup';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 8, minute));
const names: Record<string, string> = { grid: '太平村第一网格', village: '太平村' };
const unitName = (id: string) => names[id] ?? null;

describe('phoneLast4Matches', () => {
  it.each<[string, string | null | undefined, string, boolean]>([
    ['the last four digits', '13912345678', '5678', true],
    ['other digits', '13912345678', '5679', false],
    ['the first four', '13912345678', '1391', false],
    ['a phone written with + and separators', '+86 139-1234-5678', '5678', true],
    ['a landline', '0555-2345678', '5678', true],
    ['no phone (an unknown number or no reporter phone)', null, '0000', false],
    ['no phone, whatever the digits', undefined, '5678', false],
    ['a phone of fewer than four digits', '123', '0123', false],
  ])('%s', (_label, stored, given, expected) => {
    expect(phoneLast4Matches(stored, given)).toBe(expected);
  });

  it('takes the last four digits, ignoring what is not a digit', () => {
    expect(lastFourDigits('139 1234 5678')).toBe('5678');
    expect(lastFourDigits('12-3')).toBeNull();
  });
});

describe('publicTimeline', () => {
  const steps: StoredStep[] = [
    { at: at(0), action: 'report', from: null, to: 'REPORTED', level: 'GRID', unitId: 'grid' },
    { at: at(1), action: 'accept', from: 'REPORTED', to: 'ACCEPTED', level: 'GRID', unitId: 'grid' },
    { at: at(2), action: 'supervise', from: 'ACCEPTED', to: 'ACCEPTED', level: 'GRID', unitId: 'grid' },
    { at: at(3), action: 'overdue', from: 'ACCEPTED', to: 'ACCEPTED', level: 'GRID', unitId: 'grid', automatic: true },
    { at: at(4), action: 'escalate', from: 'ACCEPTED', to: 'ACCEPTED', level: 'ADMIN_VILLAGE', unitId: 'village', automatic: true },
    { at: at(5), action: 'resolve', from: 'IN_PROGRESS', to: 'RESOLVED', level: 'ADMIN_VILLAGE', unitId: 'gone' },
  ];
  const stored = steps.map((step) => ({ ...step, actorId: 'member-1', handlerId: 'member-2', note: '张三 13912345678', satisfaction: 'SATISFIED', evidenceIds: ['e1'] }));

  it('keeps the public steps in order, with status, level and the unit’s name, and drops supervision and overdue marks', () => {
    expect(publicTimeline(stored, unitName)).toEqual([
      { at: at(0), action: 'report', from: null, to: 'REPORTED', level: 'GRID', unitName: '太平村第一网格', automatic: false },
      { at: at(1), action: 'accept', from: 'REPORTED', to: 'ACCEPTED', level: 'GRID', unitName: '太平村第一网格', automatic: false },
      { at: at(4), action: 'escalate', from: 'ACCEPTED', to: 'ACCEPTED', level: 'ADMIN_VILLAGE', unitName: '太平村', automatic: true },
      { at: at(5), action: 'resolve', from: 'IN_PROGRESS', to: 'RESOLVED', level: 'ADMIN_VILLAGE', unitName: null, automatic: false },
    ]);
  });

  it('carries no actor, handler, note, satisfaction or evidence', () => {
    const json = JSON.stringify(publicTimeline(stored, unitName));
    for (const secret of ['member-1', 'member-2', '张三', '13912345678', 'SATISFIED', 'e1', 'actorId', 'note']) expect(json).not.toContain(secret);
  });
});

describe('currentDeadline and progressView', () => {
  const dates = { acceptDueAt: at(10), resolveDueAt: at(20) };
  it.each([
    ['REPORTED', at(10)],
    ['ACCEPTED', at(20)],
    ['IN_PROGRESS', at(20)],
    ['RESOLVED', null],
    ['CLOSED', null],
    ['REJECTED', null],
  ] as const)('the deadline of a %s ticket', (status, expected) => {
    expect(currentDeadline({ status, ...dates })).toEqual(expected);
  });

  it('answers status, level, the responsible unit’s name, deadline and overdue', () => {
    const view = progressView(
      { number: '20261130-000001', status: 'ACCEPTED', level: 'GRID', unitId: 'grid', overdue: false, ...dates, reportedAt: at(0), categoryName: '水利灌溉', timeline: [] },
      unitName,
      at(30),
    );
    expect(view).toEqual({
      number: '20261130-000001',
      status: 'ACCEPTED',
      level: 'GRID',
      categoryName: '水利灌溉',
      unitName: '太平村第一网格',
      reportedAt: at(0),
      deadline: at(20),
      overdue: true,
      timeline: [],
    });
  });
});
