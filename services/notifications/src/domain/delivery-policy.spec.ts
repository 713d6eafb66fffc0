import { afterAttempt, parseQuietHours, quietHoursApply, quietHoursEnd, rateLimitDeferral, rateLimitKey, retryDelayMs, type RetryPolicy } from './delivery-policy';

const quiet = parseQuietHours('22:00-08:00');
/** A moment given in Asia/Shanghai local time. */
const shanghai = (local: string) => new Date(`${local}+08:00`);

describe('quiet hours (免打扰时段)', () => {
  it.each([
    ['before the window', '2026-03-02T21:59:00', null],
    ['at its start', '2026-03-02T22:00:00', '2026-03-03T08:00:00'],
    ['before midnight', '2026-03-02T23:10:00', '2026-03-03T08:00:00'],
    ['after midnight', '2026-03-03T06:00:00', '2026-03-03T08:00:00'],
    ['at its end', '2026-03-03T08:00:00', null],
    ['in the afternoon', '2026-03-03T15:00:00', null],
  ])('%s (%s Shanghai) → %s', (_, at, end) => {
    expect(quietHoursEnd(shanghai(at), quiet)).toEqual(end === null ? null : shanghai(end));
  });

  it('handles a window within one day', () => {
    const noon = parseQuietHours('12:00-14:00');
    expect(quietHoursEnd(shanghai('2026-03-03T12:30:00'), noon)).toEqual(shanghai('2026-03-03T14:00:00'));
    expect(quietHoursEnd(shanghai('2026-03-03T23:00:00'), noon)).toBeNull();
  });

  it.each(['22-08', '25:00-08:00', '08:00-08:00', ''])('refuses %j', (text) => {
    expect(() => parseQuietHours(text)).toThrow(/quiet hours/);
  });

  it.each([
    ['SMS', 'RESIDENT', true],
    ['SMS', 'HANDLER', false],
    ['WEBHOOK', 'RESIDENT', false],
  ] as const)('%s to %s: %s', (channel, kind, applies) => {
    expect(quietHoursApply(channel, kind)).toBe(applies);
  });
});

describe('rate limit per recipient and channel', () => {
  const now = new Date('2026-03-03T10:00:00Z');
  const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

  it.each([
    ['under the limit', [5, 10], 3, null],
    ['at the limit: deferred until the oldest counted leaves the hour', [50, 40, 10], 3, 10],
    ['over the limit: the limit-th newest decides', [55, 50, 40, 10], 3, 10],
    ['older ones do not count', [70, 61, 10], 3, null],
  ])('%s', (_, ago, limit, freeInMinutes) => {
    const deferral = rateLimitDeferral(ago.map(minutesAgo), limit, now);
    expect(deferral).toEqual(freeInMinutes === null ? null : new Date(now.getTime() + freeInMinutes * 60_000));
  });

  it('limits people, not webhook endpoints', () => {
    expect(rateLimitKey('SMS', 'r1')).toBe('SMS:r1');
    expect(rateLimitKey('WEBHOOK', 'w1:m1')).toBeNull();
  });
});

describe('retries', () => {
  const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 60_000 };
  const now = new Date('2026-03-03T10:00:00Z');

  it.each([
    [1, 0, 500],
    [1, 0.5, 750],
    [3, 0.5, 3000],
    [10, 0.5, 45_000],
  ])('after %i tries with jitter %d waits %i ms', (attempts, random, delay) => {
    expect(retryDelayMs(attempts, policy, undefined, random)).toBe(delay);
  });

  it('waits at least the Retry-After, capped', () => {
    expect(retryDelayMs(1, policy, 30_000, 0)).toBe(30_000);
    expect(retryDelayMs(1, policy, 3_600_000, 0)).toBe(60_000);
  });

  it.each([
    ['DELIVERED', { status: 'DELIVERED', providerMessageId: 'p1' }, 1, { status: 'DELIVERED', providerMessageId: 'p1' }],
    ['FAILED dies at once', { status: 'FAILED', reason: 'HTTP 400' }, 1, { status: 'DEAD', lastError: 'HTTP 400' }],
    ['RETRY is rescheduled', { status: 'RETRY', reason: 'HTTP 500' }, 2, { status: 'PENDING', nextAttemptAt: new Date(now.getTime() + 1000), lastError: 'HTTP 500' }],
    ['RETRY with the attempts used up dies', { status: 'RETRY', reason: 'HTTP 500' }, 4, { status: 'DEAD', lastError: 'HTTP 500 (gave up after 4 attempts)' }],
  ] as const)('%s', (_, outcome, attempts, transition) => {
    expect(afterAttempt(outcome, attempts, policy, now, 0)).toEqual(transition);
  });
});
