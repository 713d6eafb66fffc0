import { ForbiddenError } from '@steward/errors';
import { loadInBatch } from './batch-loader';

describe('loadInBatch', () => {
  /** A batch read that records the keys of each call and answers FORBIDDEN for ids starting with "x". */
  function reader() {
    const calls: string[][] = [];
    const load = (ids: readonly string[]) => {
      calls.push([...ids]);
      return Promise.resolve(ids.map((id) => (id.startsWith('x') ? new ForbiddenError(`${id} lies outside your units`) : id === 'unknown' ? null : { id })));
    };
    return { calls, load };
  }

  it('reads the loads of one tick of one request in one call, each answer in its key\'s place', async () => {
    const { calls, load } = reader();
    const context = {};
    const answers = await Promise.all(['a', 'b', 'unknown', 'a'].map((id) => loadInBatch(context, 'Member', id, load)));
    expect(calls).toEqual([['a', 'b', 'unknown']]);
    expect(answers).toEqual([{ id: 'a' }, { id: 'b' }, null, { id: 'a' }]);
  });

  it('fails only the load whose key the batch answered with an error', async () => {
    const { load } = reader();
    const context = {};
    const [allowed, refused] = await Promise.allSettled([loadInBatch(context, 'Member', 'a', load), loadInBatch(context, 'Member', 'x1', load)]);
    expect(allowed).toEqual({ status: 'fulfilled', value: { id: 'a' } });
    expect(refused.status === 'rejected' && refused.reason).toBeInstanceOf(ForbiddenError);
  });

  it('keeps requests and names apart', async () => {
    const { calls, load } = reader();
    const one = {};
    const other = {};
    await Promise.all([loadInBatch(one, 'Member', 'a', load), loadInBatch(other, 'Member', 'a', load), loadInBatch(one, 'OrgUnit', 'a', load)]);
    expect(calls).toEqual([['a'], ['a'], ['a']]);
  });

  it('refuses a batch that answers another number of results than keys', async () => {
    const context = {};
    await expect(loadInBatch(context, 'Member', 'a', () => Promise.resolve([]))).rejects.toThrow('answered 0 results for 1 keys');
  });
});
