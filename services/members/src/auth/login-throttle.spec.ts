import { LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  it('locks a name after the allowed failures and unlocks it after the window', () => {
    const throttle = new LoginThrottle({ maxFailures: 3, lockMs: 1000 });
    for (let i = 0; i < 2; i += 1) throttle.recordFailure('13800000000', 0);
    expect(throttle.isLocked('13800000000', 10)).toBe(false);
    throttle.recordFailure('13800000000', 20);
    expect(throttle.isLocked('13800000000', 30)).toBe(true);
    expect(throttle.isLocked('13900000000', 30)).toBe(false);
    expect(throttle.isLocked('13800000000', 1001)).toBe(false);
  });

  it('forgets failures after a successful sign-in', () => {
    const throttle = new LoginThrottle({ maxFailures: 2, lockMs: 1000 });
    throttle.recordFailure('a', 0);
    throttle.recordSuccess('a');
    throttle.recordFailure('a', 1);
    expect(throttle.isLocked('a', 2)).toBe(false);
  });
});
