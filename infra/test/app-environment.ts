// What each app reads from its environment at start, taken from the apps' own
// configuration loaders, so that the deployment descriptions (infra/k8s,
// docker-compose.yml) can be checked against the code.
import { loadServiceConfig } from '@steward/service-kit/core';
import { loadDeliveryConfig } from '../../services/notifications/src/application/delivery.config';
import { loadGatewayConfig } from '../../gateway/src/config';
import { loadOpen311Config } from '../../gateway/src/open311/open311.config';
import { loadAssessmentSettings } from '../../services/assessment/src/application/assessment.config';
import { loadAuthConfig } from '../../services/members/src/application/auth.config';
import { loadSmsConfig } from '../../services/notifications/src/application/sms.config';
import { loadTicketsConfig } from '../../services/tickets/src/application/tickets.config';
import { loadComplianceConfig } from '../../services/visits/src/application/compliance.config';

export const APPS = ['gateway', 'org', 'members', 'tickets', 'visits', 'assessment', 'notifications'] as const;
export type App = (typeof APPS)[number];
export const SUBGRAPHS = APPS.filter((app) => app !== 'gateway');

/** Each app's default port (its main.ts). */
export const APP_PORTS: Readonly<Record<App, number>> = { gateway: 4000, org: 4001, members: 4002, tickets: 4003, visits: 4004, assessment: 4005, notifications: 4006 };

/** Runs every configuration loader an app runs at start; throws its ConfigError for a bad environment. */
export const loadAppConfiguration: Readonly<Record<App, (env: NodeJS.ProcessEnv) => unknown[]>> = {
  gateway: (env) => [loadGatewayConfig(env), loadOpen311Config(env)],
  org: (env) => [loadServiceConfig('org', APP_PORTS.org, env)],
  members: (env) => [loadServiceConfig('members', APP_PORTS.members, env), loadAuthConfig(env)],
  tickets: (env) => [loadServiceConfig('tickets', APP_PORTS.tickets, env), loadTicketsConfig(env)],
  visits: (env) => [loadServiceConfig('visits', APP_PORTS.visits, env), loadComplianceConfig(env)],
  assessment: (env) => [loadServiceConfig('assessment', APP_PORTS.assessment, env), loadAssessmentSettings(env)],
  notifications: (env) => [loadServiceConfig('notifications', APP_PORTS.notifications, env), loadDeliveryConfig(env), loadSmsConfig(env)],
};

/**
 * Every variable the app's loaders look up: they run on an environment that
 * records each name asked for (NODE_ENV=development, so that no secret is
 * required; the random-secret warnings are silenced here).
 */
export function variablesReadBy(app: App): string[] {
  const read = new Set<string>();
  const env = new Proxy<NodeJS.ProcessEnv>(
    { NODE_ENV: 'development' },
    {
      get(target, name) {
        if (typeof name === 'string') read.add(name);
        return Reflect.get(target, name);
      },
    },
  );
  const warnings = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
  try {
    loadAppConfiguration[app](env);
  } finally {
    warnings.mockRestore();
  }
  return [...read].sort();
}
