import { zeroCounters, type Counters } from './counters';
import { DEFAULT_WEIGHTS, rate, ratesOf, scoreOf, weightProblems } from './scoring';

const counters = (values: Partial<Counters>): Counters => ({ ...zeroCounters(), ...values });

describe('rates', () => {
  it('divides the counters', () => {
    expect(ratesOf(counters({ received: 10, resolved: 8, onTime: 6, feedbacks: 5, satisfied: 4, weeks: 4, compliantWeeks: 3 }))).toEqual({
      completionRate: 0.8,
      onTimeRate: 0.75,
      satisfactionRate: 0.8,
      complianceRate: 0.75,
    });
  });

  it('gives null, not 0 %, for a zero denominator', () => {
    expect(rate(0, 0)).toBeNull();
    expect(ratesOf(zeroCounters())).toEqual({ completionRate: null, onTimeRate: null, satisfactionRate: null, complianceRate: null });
    // resolved in the period without receiving (a correction moved the ticket away): nothing to divide by
    expect(ratesOf(counters({ resolved: 2, onTime: 1 })).completionRate).toBeNull();
    expect(ratesOf(counters({ resolved: 2, onTime: 1 })).onTimeRate).toBe(0.5);
  });
});

describe('score under the default policy (30 / 25 / 30 / 15)', () => {
  it('weights all four rates', () => {
    // (30×0.8 + 25×0.75 + 30×0.8 + 15×0.75) / 100 = (24 + 18.75 + 24 + 11.25) / 100 = 0.78
    const rates = ratesOf(counters({ received: 10, resolved: 8, onTime: 6, feedbacks: 5, satisfied: 4, weeks: 4, compliantWeeks: 3 }));
    expect(scoreOf(rates, DEFAULT_WEIGHTS)).toBe(78);
  });

  it('renormalises over the rates that exist when some denominators are zero', () => {
    // no feedback, no compliance weeks: (30×0.75 + 25×1) / (30 + 25) = 47.5 / 55 = 0.863636… → 86.36
    const rates = ratesOf(counters({ received: 4, resolved: 3, onTime: 3 }));
    expect(scoreOf(rates, DEFAULT_WEIGHTS)).toBe(86.36);
  });

  it('has no score when every denominator is zero', () => {
    expect(scoreOf(ratesOf(zeroCounters()), DEFAULT_WEIGHTS)).toBeNull();
  });

  it('scores satisfaction alone when it is the only rate', () => {
    // 2 of 3 satisfied → 66.67
    expect(scoreOf(ratesOf(counters({ feedbacks: 3, satisfied: 2 })), DEFAULT_WEIGHTS)).toBe(66.67);
  });

  it('caps a rate above 100 % before weighting', () => {
    // completion 3/2 counts as 1; on time 1/3: (30×1 + 25×(1/3)) / 55 = 38.333… / 55 = 0.69697 → 69.7
    expect(scoreOf(ratesOf(counters({ received: 2, resolved: 3, onTime: 1 })), DEFAULT_WEIGHTS)).toBe(69.7);
  });
});

describe('score under other policies', () => {
  it('ignores a rate whose weight is 0 and uses the others', () => {
    const weights = { completion: 1, onTime: 0, satisfaction: 0, compliance: 0 };
    expect(scoreOf(ratesOf(counters({ received: 8, resolved: 6, onTime: 1 })), weights)).toBe(75);
  });

  it('has no score when only zero-weighted rates exist', () => {
    const weights = { completion: 0, onTime: 0, satisfaction: 1, compliance: 0 };
    expect(scoreOf(ratesOf(counters({ received: 8, resolved: 6 })), weights)).toBeNull();
  });

  it('uses relative weights: 1/1/1/1 is the plain mean', () => {
    // (0.5 + 1 + 0.25 + 0) / 4 = 0.4375 → 43.75
    const rates = ratesOf(counters({ received: 4, resolved: 2, onTime: 2, feedbacks: 4, satisfied: 1, weeks: 2 }));
    expect(scoreOf(rates, { completion: 1, onTime: 1, satisfaction: 1, compliance: 1 })).toBe(43.75);
  });
});

describe('weight validation', () => {
  it.each([
    [{ completion: 30, onTime: 25, satisfaction: 30, compliance: 15 }, []],
    [{ completion: 0, onTime: 0, satisfaction: 1, compliance: 0 }, []],
    [{ completion: -1, onTime: 25, satisfaction: 30, compliance: 15 }, ['completion']],
    [{ completion: 0, onTime: 0, satisfaction: 0, compliance: 0 }, ['weights']],
    [{ completion: Number.NaN, onTime: Number.POSITIVE_INFINITY, satisfaction: 1, compliance: 1 }, ['completion', 'onTime']],
  ])('%j → problems at %j', (weights, paths) => {
    expect(weightProblems(weights).map((problem) => problem.path)).toEqual(paths);
  });
});
