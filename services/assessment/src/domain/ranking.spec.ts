import { isBelow, rankPeers } from './ranking';

describe('rankPeers', () => {
  it('orders by score, then completion rate, then id, and numbers from 1', () => {
    const ranked = rankPeers([
      { id: 'g3', score: 80, completionRate: 0.9 },
      { id: 'g1', score: 92.5, completionRate: 0.8 },
      { id: 'g4', score: 80, completionRate: 0.95 },
      { id: 'g2', score: 80, completionRate: 0.9 },
    ]);
    expect(ranked.map(({ id, rank }) => [id, rank])).toEqual([
      ['g1', 1],
      ['g4', 2],
      ['g2', 3],
      ['g3', 4],
    ]);
  });

  it('puts peers without a score last, unranked', () => {
    const ranked = rankPeers([
      { id: 'b', score: null, completionRate: null },
      { id: 'a', score: 10, completionRate: null },
      { id: 'c', score: 10, completionRate: 0 },
    ]);
    expect(ranked.map(({ id, rank }) => [id, rank])).toEqual([
      ['c', 1],
      ['a', 2],
      ['b', null],
    ]);
  });
});

describe('levels', () => {
  it('knows which levels lie below which', () => {
    expect(isBelow('GRID', 'ADMIN_VILLAGE')).toBe(true);
    expect(isBelow('TOWNSHIP', 'ADMIN_VILLAGE')).toBe(false);
    expect(isBelow('CITY', 'CITY')).toBe(false);
  });
});
