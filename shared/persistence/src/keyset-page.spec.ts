import type { Model } from 'mongoose';
import { findKeysetPage } from './keyset-page';

/** A model whose find answers `rows` and whose countDocuments answers `count`, recording the calls. */
function modelOf(rows: { _id: string }[], count: number) {
  const calls = { find: 0, count: 0 };
  const chain = { sort: () => chain, limit: () => chain, lean: () => chain, exec: () => Promise.resolve(rows) };
  const model = {
    find: () => {
      calls.find += 1;
      return chain;
    },
    countDocuments: () => {
      calls.count += 1;
      return { exec: () => Promise.resolve(count) };
    },
  } as unknown as Model<{ _id: string }>;
  return { model, calls };
}

describe('findKeysetPage', () => {
  it('counts only when the total is asked for, once', async () => {
    const { model, calls } = modelOf([{ _id: 'a' }], 7);
    const { rows, total } = await findKeysetPage(model, {}, { limit: 10, afterId: undefined });
    expect(rows).toEqual([{ _id: 'a' }]);
    expect(calls.count).toBe(0);
    expect(await total).toBe(7);
    expect(await total).toBe(7);
    expect(calls.count).toBe(1);
  });

  it('counts beside the page when the query selects the total', async () => {
    const { model, calls } = modelOf([], 3);
    const { total } = await findKeysetPage(model, {}, { limit: 10, afterId: undefined, countTotal: true });
    expect(calls.count).toBe(1);
    expect(await total).toBe(3);
    expect(calls.count).toBe(1);
  });
});
