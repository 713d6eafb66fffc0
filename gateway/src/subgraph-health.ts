import type { Logger } from '@steward/service-kit/core';
import type { UrlPool } from './subgraph-pool';

const CHECK_TIMEOUT_MS = 2_000;

/** Whether the subgraph instance at `graphqlUrl` says it is ready (`/health/ready` of its origin: its own Mongo and Kafka checks). */
export async function instanceReady(graphqlUrl: string, timeoutMs = CHECK_TIMEOUT_MS): Promise<boolean> {
  try {
    const response = await fetch(new URL('/health/ready', graphqlUrl), { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Polls every URL of every subgraph's pool every `intervalMs` and reports the
 * answer into the pool: a URL that is not ready is skipped until a poll finds
 * it ready again. Changes are logged, steady states are not.
 */
export class SubgraphHealthPoller {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly pools: Record<string, UrlPool>,
    private readonly intervalMs: number,
    private readonly logger: Logger,
    private readonly check: (url: string) => Promise<boolean> = (url) => instanceReady(url, Math.min(CHECK_TIMEOUT_MS, intervalMs)),
  ) {}

  /** Polls once (so readiness answers from a real poll), then every interval until `stop`. */
  async start(): Promise<void> {
    await this.pollOnce();
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  async pollOnce(): Promise<void> {
    const checks = Object.entries(this.pools).flatMap(([subgraph, pool]) =>
      pool.urls.map(async (url) => {
        const healthy = await this.check(url);
        const before = pool.report(url, healthy);
        if (before === 'unknown' && healthy) return;
        if (before !== (healthy ? 'up' : 'down')) {
          if (healthy) this.logger.info({ subgraph, url }, 'subgraph instance ready: back in rotation');
          else this.logger.warn({ subgraph, url }, 'subgraph instance not ready: skipped until it is');
        }
      }),
    );
    await Promise.all(checks);
  }

  /** The next poll starts an interval after the last one ended, so slow checks never pile up. */
  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.pollOnce()
        .catch((error: unknown) => this.logger.error({ err: error }, 'subgraph health poll failed'))
        .finally(() => this.schedule());
    }, this.intervalMs);
    this.timer.unref();
  }
}
