import { coverageOf, unvisitedSince } from './coverage-rules';

describe('household coverage', () => {
  it('counts distinct households of the grid reached, against the households in it', () => {
    expect(coverageOf(['h1', 'h2', 'h3', 'h4'], ['h1', 'h2', 'h1', 'moved-away'])).toEqual({ households: 4, visitedHouseholds: 2, rate: 0.5 });
  });

  it('has no rate for a grid without households', () => {
    expect(coverageOf([], ['h1'])).toEqual({ households: 0, visitedHouseholds: 0, rate: null });
  });
});

describe('households not visited for a while', () => {
  const now = new Date('2026-11-30T00:00:00.000Z');
  const cutoff = new Date(now.getTime() - 30 * 86_400_000);
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const households = [
    { id: 'h-plain-never', tags: [] },
    { id: 'h-plain-old', tags: ['DISABLED'] },
    { id: 'h-recent', tags: ['POOR'] },
    { id: 'h-poor-old', tags: ['POOR'] },
    { id: 'h-elderly-never', tags: ['ELDERLY_ALONE'] },
    { id: 'h-plain-older', tags: [] },
  ];
  const last = new Map([
    ['h-plain-old', daysAgo(40)],
    ['h-plain-older', daysAgo(90)],
    ['h-recent', daysAgo(3)],
    ['h-poor-old', daysAgo(45)],
  ]);

  it('lists POOR and ELDERLY_ALONE first, then never visited, then the longest waiting', () => {
    expect(unvisitedSince(households, last, cutoff).map((household) => household.id)).toEqual([
      'h-elderly-never',
      'h-poor-old',
      'h-plain-never',
      'h-plain-older',
      'h-plain-old',
    ]);
  });

  it('reports when each was last visited and whether it has priority', () => {
    expect(unvisitedSince(households, last, cutoff)[1]).toEqual({ id: 'h-poor-old', tags: ['POOR'], lastVisitedAt: daysAgo(45), priority: true });
  });

  it('keeps only households carrying one of the tags asked for', () => {
    expect(unvisitedSince(households, last, cutoff, ['POOR', 'DISABLED']).map((household) => household.id)).toEqual(['h-poor-old', 'h-plain-old']);
  });

  it('treats a visit exactly at the cutoff as recent', () => {
    expect(unvisitedSince([{ id: 'h', tags: [] }], new Map([['h', cutoff]]), cutoff)).toEqual([]);
  });
});
