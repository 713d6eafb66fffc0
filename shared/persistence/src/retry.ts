/**
 * A named, bounded retry: at most `attempts` tries, and before try n + 1 a
 * pause drawn uniformly from [0, min(maxDelayMs, baseDelayMs · 2^(n−1)))
 * ("full jitter": writers that collided once spread out instead of colliding
 * again in step).
 */
export interface RetryPolicy {
  /** names the policy in logs and errors */
  readonly name: string;
  /** tries in all, the first included (≥ 1) */
  readonly attempts: number;
  /** the ceiling of the first pause */
  readonly baseDelayMs: number;
  /** the ceiling of any pause */
  readonly maxDelayMs: number;
}

/**
 * The project's policies. A loop that retries picks the one that says why it
 * retries; a new reason gets a new row rather than numbers at the call site.
 */
export const RetryPolicies = {
  /**
   * A command or consumer lost to another writer of the same aggregate (a
   * version conflict): read again, decide again, write again. Few tries: a
   * document that keeps changing is someone else's to change.
   */
  CONCURRENT_WRITE: { name: 'concurrent-write', attempts: 5, baseDelayMs: 10, maxDelayMs: 200 },
  /**
   * A write that lost only to a write-revision move that changed no state
   * (tickets' accessPath backfill): the same decision, at the fresh revision.
   */
  REVISION_RACE: { name: 'revision-race', attempts: 20, baseDelayMs: 5, maxDelayMs: 50 },
  /**
   * Waiting for a document's write claim that another writer holds (see
   * write-claims.ts): claimed work takes milliseconds, so a claim still held
   * after these pauses (about 1.8 s on average, 3.6 s at most) is a hot
   * document or a holder that died: CONFLICT, "retry".
   */
  CLAIM_WAIT: { name: 'claim-wait', attempts: 40, baseDelayMs: 5, maxDelayMs: 100 },
  /**
   * One try at a write claim, for writers that a held claim already tells they
   * lost (assessment's counter sheets: the holder is writing the version this
   * writer read; waiting would only end in an unmatched guard). They re-read at once.
   */
  CLAIM_ONCE: { name: 'claim-once', attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
  /** A unique number a concurrent insert took (FerretDB's `$inc` can hand one sequence value out twice): take the next. */
  UNIQUE_NUMBER: { name: 'unique-number', attempts: 20, baseDelayMs: 1, maxDelayMs: 20 },
  /** A start-up backfill of one document that another writer holds. */
  BACKFILL: { name: 'backfill', attempts: 20, baseDelayMs: 20, maxDelayMs: 400 },
  /** Re-pathing one record after an org move; the consumer retries the whole unit after the last try. */
  REPATH: { name: 'repath', attempts: 10, baseDelayMs: 20, maxDelayMs: 400 },
} as const satisfies Record<string, RetryPolicy>;

export interface RetryOptions<T> {
  /** whether a failed try is tried again (may read the store first); default: no error is */
  retryOn?: (error: unknown, attempt: number) => boolean | Promise<boolean>;
  /** whether a result asks for another try (a lost race reported as a value); default: none does */
  retryIf?: (result: T, attempt: number) => boolean;
  /** in [0, 1); default Math.random */
  random?: () => number;
  /** default setTimeout */
  sleep?: (ms: number) => Promise<void>;
}

/** The pause after failed try `attempt` (1-based) under `policy`, for `random()` in [0, 1). */
export function backoffDelayMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function checkPolicy(policy: RetryPolicy): void {
  const valid =
    Number.isInteger(policy.attempts) &&
    policy.attempts >= 1 &&
    policy.baseDelayMs >= 0 &&
    policy.maxDelayMs >= policy.baseDelayMs &&
    Number.isFinite(policy.maxDelayMs);
  if (!valid) throw new Error(`Retry policy ${policy.name} is not bounded: ${JSON.stringify(policy)}`);
}

/**
 * Runs `fn(attempt)` until it succeeds, at most `policy.attempts` times. A
 * try that throws is tried again while `retryOn` says so; one that returns is
 * tried again while `retryIf` says so. After the last try its error is
 * thrown, or its result returned, as it is: the caller says what running out
 * means (a CONFLICT for the client, "left for the next pass", …).
 */
export async function retry<T>(policy: RetryPolicy, fn: (attempt: number) => Promise<T>, options: RetryOptions<T> = {}): Promise<T> {
  checkPolicy(policy);
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt += 1) {
    let result: T;
    try {
      result = await fn(attempt);
    } catch (error) {
      if (attempt >= policy.attempts || !options.retryOn || !(await options.retryOn(error, attempt))) throw error;
      await sleep(backoffDelayMs(policy, attempt, options.random));
      continue;
    }
    if (attempt >= policy.attempts || !options.retryIf?.(result, attempt)) return result;
    await sleep(backoffDelayMs(policy, attempt, options.random));
  }
}
