import { BadUserInputError } from '@steward/errors';
import { checkPlacement, type OrgLevel } from './org-rules';

const unit = (level: OrgLevel, status: 'ACTIVE' | 'RETIRED' = 'ACTIVE') => ({ id: `u-${level}`, level, status });

describe('checkPlacement', () => {
  it.each<[OrgLevel, OrgLevel | undefined]>([
    ['CITY', undefined],
    ['DISTRICT', 'CITY'],
    ['TOWNSHIP', 'DISTRICT'],
    ['ADMIN_VILLAGE', 'TOWNSHIP'],
    ['NATURAL_VILLAGE', 'ADMIN_VILLAGE'],
    ['GRID', 'NATURAL_VILLAGE'],
    ['GRID', 'ADMIN_VILLAGE'],
  ])('allows a %s under %s', (level, parentLevel) => {
    expect(() => checkPlacement(level, parentLevel ? unit(parentLevel) : undefined)).not.toThrow();
  });

  it.each<[OrgLevel, OrgLevel | undefined, RegExp]>([
    ['TOWNSHIP', 'CITY', /cannot sit under a CITY/],
    ['GRID', 'TOWNSHIP', /cannot sit under a TOWNSHIP/],
    ['CITY', 'CITY', /expected no parent/],
    ['DISTRICT', undefined, /needs a parent/],
  ])('refuses a %s under %s', (level, parentLevel, message) => {
    const act = () => checkPlacement(level, parentLevel ? unit(parentLevel) : undefined);
    expect(act).toThrow(BadUserInputError);
    expect(act).toThrow(message);
  });

  it('refuses a retired parent', () => {
    expect(() => checkPlacement('GRID', unit('ADMIN_VILLAGE', 'RETIRED'))).toThrow(/retired/);
  });
});
