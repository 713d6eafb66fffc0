import { MAX_RETRY_BACKOFF_MS, retryBackoffMs } from './backoff';

describe('retryBackoffMs', () => {
  it.each([
    [1, 200],
    [2, 400],
    [3, 800],
    [4, 1_600],
    [5, 3_200],
    [6, MAX_RETRY_BACKOFF_MS],
    [20, MAX_RETRY_BACKOFF_MS],
  ])('retry %i waits %i ms with a 200 ms base', (retry, expected) => {
    expect(retryBackoffMs(retry, 200)).toBe(expected);
  });

  it('honours a custom cap and returns 0 before the first retry', () => {
    expect(retryBackoffMs(3, 100, 250)).toBe(250);
    expect(retryBackoffMs(0, 100)).toBe(0);
  });
});
