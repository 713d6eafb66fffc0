/**
 * The URLs of one subgraph's instances, their health as the gateway last saw
 * it, and which one the next request goes to (round robin over the healthy
 * ones). Framework-free: the health poller (`subgraph-health.ts`) reports into
 * it, the data sources, the evidence proxy and readiness read from it.
 */

/** `unknown` until the first health poll: picked like `up`, but not yet counted as ready. */
export type UrlHealth = 'unknown' | 'up' | 'down';

export class UrlPool {
  private readonly health = new Map<string, UrlHealth>();
  /** index of the URL the next round starts at */
  private cursor = 0;

  constructor(readonly urls: readonly string[]) {
    if (urls.length === 0) throw new Error('a URL pool needs at least one URL');
    if (new Set(urls).size !== urls.length) throw new Error('a URL pool needs distinct URLs');
    for (const url of urls) this.health.set(url, 'unknown');
  }

  /**
   * The URL for the next request: the next one in turn that is not down, else
   * (every one down) the next one in turn anyway: better the real request's
   * error than a guess.
   */
  pick(): string {
    return this.pickAmong(this.urls) ?? this.urls[0];
  }

  /** Like `pick`, but never `failed` (the URL a request just failed on); undefined when it is the only one. */
  pickOtherThan(failed: string): string | undefined {
    return this.pickAmong(this.urls.filter((url) => url !== failed));
  }

  /** Records what a health poll or a failed request found; returns the health before. */
  report(url: string, healthy: boolean): UrlHealth {
    const before = this.healthOf(url);
    this.health.set(url, healthy ? 'up' : 'down');
    return before;
  }

  healthOf(url: string): UrlHealth {
    const health = this.health.get(url);
    if (health === undefined) throw new Error(`${url} is not in this pool`);
    return health;
  }

  /** At least one URL answered its last health poll as ready. */
  get ready(): boolean {
    return this.urls.some((url) => this.health.get(url) === 'up');
  }

  /** The next of `candidates` in turn, preferring those not down; moves the turn past it. */
  private pickAmong(candidates: readonly string[]): string | undefined {
    const live = candidates.filter((url) => this.health.get(url) !== 'down');
    const among = live.length > 0 ? live : candidates;
    for (let step = 0; step < this.urls.length; step++) {
      const index = (this.cursor + step) % this.urls.length;
      if (among.includes(this.urls[index])) {
        this.cursor = (index + 1) % this.urls.length;
        return this.urls[index];
      }
    }
    return undefined;
  }
}

/**
 * How a request failed before any response, from the error of `fetch` (undici
 * puts the socket error in `cause`): `refused` means no connection was made,
 * so the app never saw the request; `reset` means the connection broke before
 * a response, which is usually a request the app never read (a dead process, a
 * closed keep-alive socket) but may be one it was working on when it died.
 * Anything else (a timeout, an abort, an HTTP status) is not a connection failure.
 */
export type ConnectionFailure = 'refused' | 'reset';

const REFUSED_CODES = new Set(['ECONNREFUSED']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

export function connectionFailureOf(error: unknown): ConnectionFailure | undefined {
  const cause = typeof error === 'object' && error !== null && 'cause' in error ? error.cause : undefined;
  for (const code of [codeOf(cause), codeOf(error)]) {
    if (code && REFUSED_CODES.has(code)) return 'refused';
    if (code && RESET_CODES.has(code)) return 'reset';
  }
  return undefined;
}

export interface PoolRequest<R> {
  /** sends the request to one URL of the pool; rejects only before a response (as `fetch` does) */
  send: (url: string) => Promise<R>;
  /**
   * whether a connection broken before the response may be retried: only for
   * a request without effects (a query), since a write may have run before
   * the process died. A refused connection is always retried. Asked only
   * after a reset.
   */
  retryAfterReset: boolean | (() => boolean);
  /** told of a URL marked down after a connection failure (for the log) */
  onDown?: (url: string, failure: ConnectionFailure, error: unknown) => void;
}

/**
 * Sends a request to the pool's next URL. A connection failure marks that URL
 * down (until its next ready health poll) and, when the request may be
 * retried, sends it once more to the next URL. Never retried: a response of
 * any status, a timeout, an abort, a second failure.
 */
export async function sendThroughPool<R>(pool: UrlPool, { send, retryAfterReset, onDown }: PoolRequest<R>): Promise<R> {
  const attempt = async (url: string): Promise<{ ok: true; value: R } | { ok: false; failure: ConnectionFailure; error: unknown }> => {
    try {
      return { ok: true, value: await send(url) };
    } catch (error) {
      const failure = connectionFailureOf(error);
      if (!failure) throw error;
      pool.report(url, false);
      onDown?.(url, failure, error);
      return { ok: false, failure, error };
    }
  };
  const first = pool.pick();
  const result = await attempt(first);
  if (result.ok) return result.value;
  const mayRetry = result.failure === 'refused' || (typeof retryAfterReset === 'function' ? retryAfterReset() : retryAfterReset);
  const next = mayRetry ? pool.pickOtherThan(first) : undefined;
  if (next === undefined) throw result.error;
  const retried = await attempt(next);
  if (retried.ok) return retried.value;
  throw retried.error;
}
