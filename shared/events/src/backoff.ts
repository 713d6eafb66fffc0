export const MAX_RETRY_BACKOFF_MS = 5_000;

/**
 * Delay before retry number `retry` (1-based): base, 2×base, 4×base, …,
 * capped at `capMs` (default 5 s).
 */
export function retryBackoffMs(retry: number, baseMs: number, capMs: number = MAX_RETRY_BACKOFF_MS): number {
  if (retry < 1) return 0;
  const exponential = baseMs * 2 ** (retry - 1);
  return Math.min(exponential, capMs);
}
