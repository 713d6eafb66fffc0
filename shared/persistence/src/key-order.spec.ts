import { BadUserInputError, ForbiddenError } from '@steward/errors';
import { inKeyOrder, readByIds } from './key-order';

describe('inKeyOrder', () => {
  it('puts the documents in the ids\' order, null for one not found, the error of one refused in its place', () => {
    const docs = [{ _id: 'c' }, { _id: 'a' }, { _id: 'x' }];
    const view = (doc: { _id: string }) => {
      if (doc._id === 'x') throw new ForbiddenError('outside');
      return doc._id.toUpperCase();
    };
    const results = inKeyOrder(['a', 'b', 'x', 'c'], docs, view);
    expect(results.slice(0, 2)).toEqual(['A', null]);
    expect(results[2]).toBeInstanceOf(ForbiddenError);
    expect(results[3]).toBe('C');
  });
});

describe('readByIds', () => {
  it('reads the valid distinct ids once and answers every raw id in its place', async () => {
    const reads: string[][] = [];
    const results = await readByIds(
      ['a', 'bad', 'b', 'a'],
      (raw) => {
        if (raw === 'bad') throw new BadUserInputError('not an id');
        return raw;
      },
      (ids) => {
        reads.push([...ids]);
        return Promise.resolve(ids.map((id) => (id === 'b' ? null : { _id: id })));
      },
      (doc) => doc._id,
    );
    expect(reads).toEqual([['a', 'b']]);
    expect(results[0]).toBe('a');
    expect(results[1]).toBeInstanceOf(BadUserInputError);
    expect(results.slice(2)).toEqual([null, 'a']);
  });

  it('reads nothing when no id is valid', async () => {
    const read = jest.fn();
    const results = await readByIds(['bad'], () => {
      throw new BadUserInputError('not an id');
    }, read, (doc) => doc);
    expect(read).not.toHaveBeenCalled();
    expect(results[0]).toBeInstanceOf(BadUserInputError);
  });
});
