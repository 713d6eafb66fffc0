import { backoffDelayMs, retry, RetryPolicies, type RetryPolicy } from './retry';

const POLICY: RetryPolicy = { name: 'test', attempts: 4, baseDelayMs: 10, maxDelayMs: 30 };

class Lost extends Error {}

/** A run of `retry` with the pauses recorded instead of waited, and `random` fixed. */
function recorder(random = () => 0.5) {
  const pauses: number[] = [];
  return { pauses, options: { random, sleep: async (ms: number) => void pauses.push(ms) } };
}

describe('backoffDelayMs (full jitter)', () => {
  it.each([
    // attempt, random, delay: ceiling min(30, 10·2^(attempt−1)) times random, floored
    [1, 0, 0],
    [1, 0.5, 5],
    [1, 0.999, 9],
    [2, 0.999, 19],
    [3, 0.5, 15],
    [3, 0.999, 29],
    [9, 0.999, 29],
  ])('after try %i with random %f: %i ms', (attempt, random, expected) => {
    expect(backoffDelayMs(POLICY, attempt, () => random)).toBe(expected);
  });

  it('stays within [0, ceiling) for any random draw, and never above maxDelayMs', () => {
    for (let attempt = 1; attempt <= 12; attempt += 1) {
      const ceiling = Math.min(POLICY.maxDelayMs, POLICY.baseDelayMs * 2 ** (attempt - 1));
      for (const random of [0, 0.25, 0.5, 0.75, 0.999999]) {
        const delay = backoffDelayMs(POLICY, attempt, () => random);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(ceiling);
      }
    }
  });
});

describe('retry', () => {
  it('returns the first success without pausing', async () => {
    const run = recorder();
    const fn = jest.fn(async () => 'done');
    await expect(retry(POLICY, fn, { ...run.options, retryOn: () => true })).resolves.toBe('done');
    expect(fn).toHaveBeenCalledTimes(1);
    expect(run.pauses).toEqual([]);
  });

  it('retries the errors retryOn accepts, pausing with backoff between tries, and passes the try number', async () => {
    const run = recorder();
    const seen: number[] = [];
    const result = await retry(
      POLICY,
      async (attempt) => {
        seen.push(attempt);
        if (attempt < 3) throw new Lost();
        return attempt;
      },
      { ...run.options, retryOn: (error) => error instanceof Lost },
    );
    expect(result).toBe(3);
    expect(seen).toEqual([1, 2, 3]);
    expect(run.pauses).toEqual([5, 10]);
  });

  it('throws the last error after policy.attempts tries', async () => {
    const run = recorder();
    let tries = 0;
    const failing = retry(
      POLICY,
      async () => {
        tries += 1;
        throw new Lost(`try ${tries}`);
      },
      { ...run.options, retryOn: () => true },
    );
    await expect(failing).rejects.toThrow('try 4');
    expect(tries).toBe(4);
    // no pause after the last try
    expect(run.pauses).toEqual([5, 10, 15]);
  });

  it('throws at once an error retryOn refuses, and without retryOn', async () => {
    const run = recorder();
    const fn = jest.fn(async () => {
      throw new Error('not a race');
    });
    await expect(retry(POLICY, fn, { ...run.options, retryOn: (error) => error instanceof Lost })).rejects.toThrow('not a race');
    await expect(retry(POLICY, fn, run.options)).rejects.toThrow('not a race');
    expect(fn).toHaveBeenCalledTimes(2);
    expect(run.pauses).toEqual([]);
  });

  it('lets an asynchronous retryOn decide (e.g. after reading the store again)', async () => {
    const run = recorder();
    const decisions: number[] = [];
    const failing = retry(
      POLICY,
      async () => {
        throw new Lost();
      },
      {
        ...run.options,
        retryOn: async (_error, attempt) => {
          decisions.push(attempt);
          return attempt < 2;
        },
      },
    );
    await expect(failing).rejects.toBeInstanceOf(Lost);
    expect(decisions).toEqual([1, 2]);
  });

  it('retries results retryIf asks again for, and returns the last result when the tries run out', async () => {
    const run = recorder();
    const outcomes = ['lost', 'lost', 'written'];
    const fn = jest.fn(async (attempt: number) => outcomes[attempt - 1] ?? 'lost');
    await expect(retry(POLICY, fn, { ...run.options, retryIf: (outcome) => outcome === 'lost' })).resolves.toBe('written');
    expect(fn).toHaveBeenCalledTimes(3);

    const always = jest.fn(async () => 'lost');
    await expect(retry(POLICY, always, { ...run.options, retryIf: (outcome) => outcome === 'lost' })).resolves.toBe('lost');
    expect(always).toHaveBeenCalledTimes(POLICY.attempts);
  });

  it('draws each pause from the random source it is given', async () => {
    const draws = [0.1, 0.9, 0.5];
    const run = recorder(() => draws.shift() ?? 0);
    await retry(POLICY, async () => 'lost', { ...run.options, retryIf: () => true });
    expect(run.pauses).toEqual([1, 18, 15]);
  });

  it.each([
    { ...POLICY, attempts: 0 },
    { ...POLICY, attempts: 2.5 },
    { ...POLICY, baseDelayMs: -1 },
    { ...POLICY, maxDelayMs: 5 },
    { ...POLICY, maxDelayMs: Infinity },
  ])('refuses an unbounded or empty policy %o', async (policy) => {
    const fn = jest.fn(async () => 'x');
    await expect(retry(policy, fn)).rejects.toThrow('is not bounded');
    expect(fn).not.toHaveBeenCalled();
  });

  it('has only bounded policies in the project table, each named after its key', () => {
    for (const [key, policy] of Object.entries(RetryPolicies)) {
      expect(policy.name).toBe(key.toLowerCase().replace(/_/g, '-'));
      expect(policy.attempts).toBeGreaterThanOrEqual(1);
      expect(policy.maxDelayMs).toBeGreaterThanOrEqual(policy.baseDelayMs);
      expect(Number.isFinite(policy.maxDelayMs)).toBe(true);
    }
  });
});
