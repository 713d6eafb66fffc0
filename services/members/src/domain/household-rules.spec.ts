import { parseInput } from '@steward/errors';
import { LANDLINE_PATTERN, MAINLAND_MOBILE_PATTERN } from './phone';
import { RuleViolation } from './rule-violation';
import type { OrgLevel, UnitFacts } from './member-rules';
import { checkHouseholdGrid, createHouseholdInputSchema, updateHouseholdInputSchema } from './household-rules';

describe('checkHouseholdGrid', () => {
  const unit = (level: OrgLevel, status: UnitFacts['status'] = 'ACTIVE'): UnitFacts => ({ id: `u-${level}`, level, status });

  it('allows an active grid', () => {
    expect(() => checkHouseholdGrid(unit('GRID'))).not.toThrow();
  });

  it.each<[string, UnitFacts, string, RegExp]>([
    ['a natural village', unit('NATURAL_VILLAGE'), 'HOUSEHOLD_UNIT_NOT_GRID', /belong to a GRID; unit u-NATURAL_VILLAGE is a NATURAL_VILLAGE/],
    ['an administrative village', unit('ADMIN_VILLAGE'), 'HOUSEHOLD_UNIT_NOT_GRID', /is a ADMIN_VILLAGE/],
    ['a township', unit('TOWNSHIP'), 'HOUSEHOLD_UNIT_NOT_GRID', /is a TOWNSHIP/],
    ['a retired grid', unit('GRID', 'RETIRED'), 'UNIT_RETIRED', /retired/],
  ])('refuses %s', (_case, target, rule, message) => {
    const act = () => checkHouseholdGrid(target);
    expect(act).toThrow(RuleViolation);
    expect(act).toThrow(message);
    expect(act).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        details: { rule, problems: [expect.objectContaining({ path: 'input.gridId' })] },
      }),
    );
  });
});

describe('phone patterns', () => {
  it.each([
    ['13812345678', true, false],
    ['19900000000', true, false],
    ['12812345678', false, false],
    ['1381234567', false, false],
    ['0555-2345678', false, true],
    ['05552345678', false, true],
    ['010-23456789', false, true],
    ['0555-0345678', false, false],
    ['555-2345678', false, false],
    ['0555-23456', false, false],
    ['+86 138 1234 5678', false, false],
  ])('%s: mobile %s, landline %s', (phone, mobile, landline) => {
    expect(MAINLAND_MOBILE_PATTERN.test(phone)).toBe(mobile);
    expect(LANDLINE_PATTERN.test(phone)).toBe(landline);
  });
});

describe('household inputs', () => {
  const valid = { gridId: 'g-1', address: '太平村 12 号', head: '王大爷', size: 1 };

  it('accepts a household with a landline, de-duplicating tags; phone and tags are optional', () => {
    expect(parseInput(createHouseholdInputSchema, { ...valid, phone: '0555-2345678', tags: ['ELDERLY_ALONE', 'ELDERLY_ALONE'] })).toEqual({
      ...valid,
      phone: '0555-2345678',
      tags: ['ELDERLY_ALONE'],
    });
    expect(parseInput(createHouseholdInputSchema, valid)).toEqual({ ...valid, phone: null, tags: [] });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a bad phone', { ...valid, phone: '12345' }, 'input.phone'],
    ['a mobile with a wrong prefix', { ...valid, phone: '11812345678' }, 'input.phone'],
    ['an empty address', { ...valid, address: ' ' }, 'input.address'],
    ['an empty head', { ...valid, head: '' }, 'input.head'],
    ['a size of 0', { ...valid, size: 0 }, 'input.size'],
    ['a fractional size', { ...valid, size: 2.5 }, 'input.size'],
    ['an unknown tag', { ...valid, tags: ['RICH'] }, 'input.tags.0'],
    ['no grid', { ...valid, gridId: '' }, 'input.gridId'],
  ])('createHousehold refuses %s', (_case, input, path) => {
    expect(() => parseInput(createHouseholdInputSchema, input)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', details: { problems: [expect.objectContaining({ path })] } }),
    );
  });

  it('updateHousehold refuses a bad phone and keeps omitted fields', () => {
    expect(() => parseInput(updateHouseholdInputSchema, { phone: '0000' })).toThrow(/input.phone: must be a mainland mobile number or a landline/);
    expect(parseInput(updateHouseholdInputSchema, { size: 2 })).toEqual({
      gridId: undefined,
      address: undefined,
      head: undefined,
      size: 2,
      tags: undefined,
      phone: undefined,
    });
  });
});
