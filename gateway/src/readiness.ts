import type { Request, Response } from 'express';

const CHECK_TIMEOUT_MS = 2_000;

/** Answers whether one subgraph says it is ready (its own Mongo and Kafka checks). */
async function subgraphReady(graphqlUrl: string): Promise<boolean> {
  try {
    const response = await fetch(new URL('/health/ready', graphqlUrl), { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

export interface ReadinessChecks {
  /** the members replica has loaded (revoked sign-ins are known) */
  sessionsLoaded: () => boolean;
  /** subgraph name → its GraphQL URL */
  subgraphs: Record<string, string>;
}

/**
 * `/health/ready`: 200 when the gateway can serve, 503 naming what is not
 * there: the members replica, or a subgraph that does not answer its own
 * `/health/ready`. (The supergraph is loaded before the gateway listens.)
 */
export function readinessHandler({ sessionsLoaded, subgraphs }: ReadinessChecks) {
  return async (_req: Request, res: Response): Promise<void> => {
    const names = Object.keys(subgraphs);
    const answers = await Promise.all(names.map((name) => subgraphReady(subgraphs[name])));
    const checks: Record<string, 'up' | 'down'> = { 'members-replica': sessionsLoaded() ? 'up' : 'down' };
    names.forEach((name, index) => (checks[name] = answers[index] ? 'up' : 'down'));
    const ready = Object.values(checks).every((state) => state === 'up');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'unavailable', checks });
  };
}
