import type { Request, Response } from 'express';
import type { UrlPool } from './subgraph-pool';

export interface ReadinessChecks {
  /** the members replica has loaded (revoked sign-ins are known) */
  sessionsLoaded: () => boolean;
  /** subgraph name → the pool of its instances' URLs, whose health the poller keeps (`subgraph-health.ts`) */
  pools: Record<string, UrlPool>;
}

/**
 * `/health/ready`: 200 when the gateway can serve, 503 naming what is not
 * there: the members replica, or a subgraph none of whose instances answered
 * its last health poll as ready. (The supergraph is loaded before the gateway listens.)
 */
export function readinessHandler({ sessionsLoaded, pools }: ReadinessChecks) {
  return (_req: Request, res: Response): void => {
    const checks: Record<string, 'up' | 'down'> = { 'members-replica': sessionsLoaded() ? 'up' : 'down' };
    for (const [name, pool] of Object.entries(pools)) checks[name] = pool.ready ? 'up' : 'down';
    const ready = Object.values(checks).every((state) => state === 'up');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'unavailable', checks });
  };
}
