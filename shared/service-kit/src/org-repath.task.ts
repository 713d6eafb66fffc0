import { EventConsumerRunner, eventHandlers, orgUnitState, Topics } from '@steward/events';
import type { ReplicaProgress } from '@steward/replicas';
import type { Kafka } from 'kafkajs';
import type { BackgroundTasks } from './background';
import type { ServiceConfig } from './config';
import { consumerGroupId } from './event-consumer.task';
import type { Logger } from './logger';
import { OrgRepath, type OrgPathRepather } from './org-repath';

/** The consumer's name: its group is `<database>.org-repath`. */
export const ORG_REPATH_CONSUMER = 'org-repath';

/**
 * Failed passes are retried this often (backoff capped at 5 s, about two
 * minutes in all) before the state is dead-lettered: a re-path skipped for
 * good would leave records with their old ancestors until the unit changes again.
 */
const MAX_RETRIES = 30;

export interface OrgRepathRegistration {
  kafka: Kafka;
  config: ServiceConfig;
  logger: Logger;
  /** the unit's current path, from the service's org replica (`OrgTree.pathOf`) */
  pathOf(unitId: string): readonly string[] | undefined;
  /** the same replica (`ORG_UNITS_REPLICA`) */
  progress: ReplicaProgress;
  repathers: readonly OrgPathRepather[];
}

/**
 * Runs the service's re-pathers on every org unit state (see `OrgRepath`),
 * in a durable consumer group `<database>.org-repath` whose offsets are
 * committed after each state's pass: a crash resumes at the state in flight.
 * One group per service: register every re-pather of the service here, once.
 */
export function registerOrgRepath(tasks: BackgroundTasks, options: OrgRepathRegistration): OrgRepath {
  const logger = options.logger.child({ component: 'consumer', consumer: ORG_REPATH_CONSUMER });
  const repath = new OrgRepath({ pathOf: options.pathOf, progress: options.progress, repathers: options.repathers, logger });
  const runner = new EventConsumerRunner({
    kafka: options.kafka,
    groupId: consumerGroupId(options.config, ORG_REPATH_CONSUMER),
    topics: [Topics.orgUnits],
    handlers: eventHandlers().on(orgUnitState, repath.handle),
    // org never deletes a unit (it retires it): a tombstone has no path to give
    onTombstone: async () => undefined,
    fromBeginning: options.config.kafka.newGroupStart === 'earliest',
    maxRetries: MAX_RETRIES,
    logger,
    // one pass reads the records of one unit; a township's tickets may take a while on FerretDB
    consumerConfig: { sessionTimeout: 60_000, heartbeatInterval: 3_000 },
  });
  tasks.register({
    name: `consumer:${ORG_REPATH_CONSUMER}`,
    phase: 'consumers',
    start: () => runner.start(),
    stop: async () => {
      await runner.stop();
      await repath.stop();
    },
  });
  return repath;
}
