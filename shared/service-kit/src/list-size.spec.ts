import { BadUserInputError } from '@steward/errors';
import { limitList, listLimit, listSize } from './list-size';

const BOUND = { default: 3, max: 5 };
const items = [1, 2, 3, 4, 5, 6, 7];

describe('list bounds', () => {
  it.each([
    ['the default when not given', undefined, 3],
    ['the default when null', null, 3],
    ['what is asked for', 5, 5],
  ])('take %s', (_label, value, expected) => {
    expect(listLimit(value, BOUND, 'first')).toBe(expected);
  });

  it.each([[0], [6], [2.5], [-1]])('refuse %p with BAD_USER_INPUT naming the argument', (value) => {
    expect(() => listLimit(value, BOUND, 'last')).toThrow(BadUserInputError);
    expect(() => listLimit(value, BOUND, 'last')).toThrow('last must be between 1 and 5');
  });

  it('cut the first or the latest items, keeping their order', () => {
    expect(limitList(items, 'first', undefined, BOUND)).toEqual([1, 2, 3]);
    expect(limitList(items, 'last', 4, BOUND)).toEqual([4, 5, 6, 7]);
    expect(limitList([1], 'last', 5, BOUND)).toEqual([1]);
  });

  it('declare the matching @listSize', () => {
    expect(listSize.slicedBy('last')).toBe('@listSize(slicingArguments: ["last"], requireOneSlicingArgument: false)');
    expect(listSize.atMost(20)).toBe('@listSize(assumedSize: 20)');
    expect(listSize.connection).toContain('sizedFields: ["edges"]');
  });
});
