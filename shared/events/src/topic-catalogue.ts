/** Every topic the platform publishes to. Topics are created explicitly (see topics.ts). */
export const Topics = {
  ticketEvents: 'steward.tickets.events.v1',
  visitEvents: 'steward.visits.events.v1',
  assessmentEvents: 'steward.assessment.events.v1',
  notificationEvents: 'steward.notifications.events.v1',
  orgUnits: 'steward.org.units.v1',
  members: 'steward.members.v1',
  households: 'steward.households.v1',
  ticketContacts: 'steward.tickets.contacts.v1',
} as const;

export type CatalogueTopic = (typeof Topics)[keyof typeof Topics];

/**
 * `events`: the immutable record, kept forever (projections are rebuilt and the
 * warehouse back-fills from it). `state`: latest state per key, compacted.
 */
export type TopicKind = 'events' | 'state';

export const topicKinds: Readonly<Record<CatalogueTopic, TopicKind>> = {
  [Topics.ticketEvents]: 'events',
  [Topics.visitEvents]: 'events',
  [Topics.assessmentEvents]: 'events',
  [Topics.notificationEvents]: 'events',
  [Topics.orgUnits]: 'state',
  [Topics.members]: 'state',
  [Topics.households]: 'state',
  [Topics.ticketContacts]: 'state',
};

/**
 * Topics that carry personal data in clear (a resident's phone) and may be
 * read only by the apps named here: the data warehouse and every other app
 * are denied them (the Kafka ACLs of infra/k8s/kafka-resources.mjs are
 * generated from this). Every other topic is free of personal data in clear.
 */
export const restrictedTopicReaders: Readonly<Partial<Record<CatalogueTopic, readonly string[]>>> = {
  [Topics.ticketContacts]: ['notifications'],
};

/** Whether `topic` carries personal data and is read only by the apps of restrictedTopicReaders. */
export function isRestrictedTopic(topic: string): boolean {
  return Object.prototype.hasOwnProperty.call(restrictedTopicReaders, topic);
}

export const DLQ_SUFFIX = '.dlq';

/** The dead-letter topic of `topic`: poison messages of `topic` are parked there. */
export function dlqTopicOf(topic: string): string {
  return `${topic}${DLQ_SUFFIX}`;
}

export function isCatalogueTopic(topic: string): topic is CatalogueTopic {
  return Object.prototype.hasOwnProperty.call(topicKinds, topic);
}
