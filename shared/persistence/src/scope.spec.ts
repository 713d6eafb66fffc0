import { ALL_UNITS, type OrgScope } from '@steward/auth';
import { restrict, scoped } from './scope';

const UNITS: OrgScope = { kind: 'UNITS', unitIds: ['village-1', 'grid-7'] };

describe('scoped', () => {
  it.each([
    ['ALL adds nothing', { status: 'OPEN' }, ALL_UNITS, undefined, { status: 'OPEN' }],
    ['ALL on an empty filter', {}, ALL_UNITS, undefined, {}],
    ['units on an empty filter: the restriction alone', {}, UNITS, undefined, { orgPath: { $in: ['village-1', 'grid-7'] } }],
    [
      'units beside a filter on the same field: both kept, in $and',
      { orgPath: 'grid-7' },
      UNITS,
      undefined,
      { $and: [{ orgPath: 'grid-7' }, { orgPath: { $in: ['village-1', 'grid-7'] } }] },
    ],
    [
      'another placement field',
      { status: 'OPEN' },
      UNITS,
      'accessPath',
      { $and: [{ status: 'OPEN' }, { accessPath: { $in: ['village-1', 'grid-7'] } }] },
    ],
    ['no units: matches nothing', { status: 'OPEN' }, { kind: 'UNITS', unitIds: [] } as OrgScope, 'unitPaths', { $and: [{ status: 'OPEN' }, { unitPaths: { $in: [] } }] }],
  ])('%s', (_label, filter, scope, field, expected) => {
    expect(scoped(filter, scope, field)).toEqual(expected);
  });
});

describe('restrict', () => {
  it('keeps the filter when there is no restriction, and the restriction when there is no filter', () => {
    expect(restrict({ a: 1 }, {})).toEqual({ a: 1 });
    expect(restrict({}, { b: 2 })).toEqual({ b: 2 });
    expect(restrict({ a: 1 }, { b: 2 })).toEqual({ $and: [{ a: 1 }, { b: 2 }] });
  });
});
