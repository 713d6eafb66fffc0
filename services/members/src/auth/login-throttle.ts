/**
 * Locks an account name (a phone, a client id) after `maxFailures` failed
 * sign-ins within `lockMs`, for `lockMs`. Per process: with several members
 * instances an attacker gets `maxFailures` tries per instance and window,
 * which the gateway's per-IP rate limit bounds further.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(private readonly settings: { maxFailures: number; lockMs: number }) {}

  isLocked(name: string, now = Date.now()): boolean {
    const entry = this.current(name, now);
    return entry !== undefined && entry.count >= this.settings.maxFailures;
  }

  recordFailure(name: string, now = Date.now()): void {
    const entry = this.current(name, now) ?? { count: 0, since: now };
    this.failures.set(name, { count: entry.count + 1, since: entry.since });
  }

  recordSuccess(name: string): void {
    this.failures.delete(name);
  }

  private current(name: string, now: number) {
    const entry = this.failures.get(name);
    if (entry && now - entry.since > this.settings.lockMs) {
      this.failures.delete(name);
      return undefined;
    }
    return entry;
  }
}
