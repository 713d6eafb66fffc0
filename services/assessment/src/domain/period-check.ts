import { BadUserInputError } from '@steward/errors';
import { isValidPeriod, PERIOD_KINDS, type Period } from './periods';

/** Refuses a period whose key does not fit its kind (BAD_USER_INPUT). */
export function checkPeriod(period: Period, path = 'period'): Period {
  if (!(PERIOD_KINDS as readonly string[]).includes(period.kind) || !isValidPeriod(period)) {
    throw new BadUserInputError(`Period key ${period.key} does not fit ${period.kind}`, [
      { path: `${path}.key`, message: 'e.g. WEEK 2026-W48, MONTH 2026-11, QUARTER 2026-Q4, YEAR 2026' },
    ]);
  }
  return { kind: period.kind, key: period.key };
}
