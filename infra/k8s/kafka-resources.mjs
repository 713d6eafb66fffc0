#!/usr/bin/env node
// Renders the Strimzi resources of the event contract from the event catalogue
// (@steward/events, after a build):
//   infra/k8s/base/kafka/topics.yaml  a KafkaTopic per catalogue topic and its
//                                     .dlq, with the partitions and configs of
//                                     shared/events/src/topics.ts
//   infra/k8s/base/kafka/users.yaml   a KafkaUser per app (SCRAM-SHA-512) whose
//                                     ACLs allow exactly what the app does, and
//                                     one for the data warehouse that reads every
//                                     topic but the restricted ones
//
//   node infra/k8s/kafka-resources.mjs           writes both files
//   node infra/k8s/kafka-resources.mjs --check   exits 1, writing nothing, when they are not current
//                                                (npm run contracts runs this)
//
// Who produces a topic comes from the catalogue (each event's `source` is
// steward/<app>); what each app reads is listed in CONSUMERS below, next to
// the code that reads it. infra/test/k8s-manifests.test.ts checks both
// against the services' code.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const { Topics, dlqTopicOf, eventDefinitions, isRestrictedTopic, restrictedTopicReaders, toYaml, topicSpecsFor } = require(path.join(repoRoot, 'shared/events/dist/index.js'));

/** The Kafka cluster (kafka/kafka.yaml): 3 brokers, so 3 replicas and 2 in sync for a write. */
export const CLUSTER = 'steward';
const REPLICAS = 3;
const MIN_IN_SYNC_REPLICAS = '2';

export const APPS = ['gateway', 'org', 'members', 'tickets', 'visits', 'assessment', 'notifications'];

/**
 * What each app reads. `replicas`: compacted topics an in-memory StateReplica
 * reads from offset 0 at every start, in a throwaway group
 * `<app>.replica.<topic>.<uuid>` (shared/replicas/src/state-replica.ts).
 * `groups`: durable consumer groups `<database>.<name>`
 * (shared/service-kit/src/event-consumer.task.ts, the database being
 * steward_<app>) that park poison messages on `<topic>.dlq`; `prefix`: the
 * group name is a prefix (assessment's rebuilds append a generation,
 * services/assessment/src/persistence/generation.ts).
 */
const CONSUMERS = {
  gateway: { replicas: [Topics.members], groups: [] },
  org: { replicas: [], groups: [] },
  members: { replicas: [Topics.orgUnits], groups: [{ name: 'org-repath', topics: [Topics.orgUnits] }] },
  tickets: { replicas: [Topics.orgUnits, Topics.members], groups: [{ name: 'org-repath', topics: [Topics.orgUnits] }] },
  visits: {
    replicas: [Topics.orgUnits, Topics.members, Topics.households],
    groups: [
      { name: 'org-repath', topics: [Topics.orgUnits] },
      { name: 'ticket-visits', topics: [Topics.ticketEvents] },
    ],
  },
  assessment: {
    replicas: [Topics.orgUnits],
    groups: [{ name: 'ticket-scores', prefix: true, topics: [Topics.ticketEvents, Topics.visitEvents] }],
  },
  notifications: {
    replicas: [Topics.orgUnits, Topics.members],
    groups: [
      { name: 'ticket-notifications', topics: [Topics.ticketEvents] },
      { name: 'visit-notifications', topics: [Topics.visitEvents] },
      { name: 'ticket-contacts', topics: [Topics.ticketContacts] },
    ],
  },
};

/**
 * The data warehouse (数据仓库) outside the cluster's apps: its own user reads
 * every catalogue topic except the restricted ones (personal data in clear,
 * `restrictedTopicReaders` of @steward/events), in groups `steward_warehouse.*`.
 */
export const WAREHOUSE = 'warehouse';

export function warehouseTopics() {
  return Object.values(Topics).filter((topic) => !isRestrictedTopic(topic));
}

/** A restricted topic read by an app it does not name is a generation error, not a manifest. */
function assertRestrictedReaders() {
  for (const app of APPS) {
    const { replicas, groups } = CONSUMERS[app];
    for (const topic of [...replicas, ...groups.flatMap((group) => group.topics)]) {
      if (isRestrictedTopic(topic) && !restrictedTopicReaders[topic].includes(app)) {
        throw new Error(`${app} may not read the restricted topic ${topic} (restrictedTopicReaders in shared/events)`);
      }
    }
  }
}

/** The topics whose events name the app as their source (`steward/<app>`). */
function producedBy(app) {
  return [...new Set(eventDefinitions.filter((definition) => definition.source === `steward/${app}`).map((definition) => definition.topic))];
}

function kafkaTopics() {
  return topicSpecsFor(...Object.values(Topics)).map((spec) => ({
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'KafkaTopic',
    metadata: { name: spec.name, labels: { 'strimzi.io/cluster': CLUSTER } },
    spec: {
      topicName: spec.name,
      partitions: spec.partitions,
      replicas: REPLICAS,
      config: { ...spec.config, 'min.insync.replicas': MIN_IN_SYNC_REPLICAS },
    },
  }));
}

const acl = (type, name, operations, patternType = 'literal') => ({
  type: 'allow',
  resource: { type, name, patternType },
  operations,
});

/** The ACLs of one app: write its own topics and the DLQs of its groups, read what it consumes. */
export function aclsOf(app) {
  const { replicas, groups } = CONSUMERS[app];
  const produced = producedBy(app);
  const consumed = [...new Set([...replicas, ...groups.flatMap((group) => group.topics)])];
  const deadLetters = [...new Set(groups.flatMap((group) => group.topics.map(dlqTopicOf)))];
  // the kit's ensureTopics looks up each topic the app uses and its DLQ (shared/service-kit/src/kit.module.ts)
  const looked = app === 'gateway' ? consumed : [...produced, ...consumed].flatMap((topic) => [topic, dlqTopicOf(topic)]);
  const topicAcls = [...new Set([...produced, ...consumed, ...deadLetters, ...looked])].map((topic) => {
    const operations = [
      ...(produced.includes(topic) || deadLetters.includes(topic) ? ['Write'] : []),
      ...(consumed.includes(topic) ? ['Read'] : []),
      'Describe',
    ];
    return acl('topic', topic, operations);
  });
  const groupAcls = [
    ...(replicas.length > 0 ? [acl('group', `${app}.replica.`, ['Read'], 'prefix')] : []),
    ...groups.map((group) => acl('group', `steward_${app}.${group.name}`, ['Read'], group.prefix ? 'prefix' : 'literal')),
  ];
  return [...topicAcls, ...groupAcls];
}

function warehouseUser() {
  return {
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'KafkaUser',
    metadata: { name: `steward-${WAREHOUSE}`, labels: { 'strimzi.io/cluster': CLUSTER, 'app.kubernetes.io/name': WAREHOUSE } },
    spec: {
      authentication: { type: 'scram-sha-512' },
      authorization: {
        type: 'simple',
        acls: [...warehouseTopics().map((topic) => acl('topic', topic, ['Read', 'Describe'])), acl('group', `steward_${WAREHOUSE}.`, ['Read'], 'prefix')],
      },
    },
  };
}

function kafkaUsers() {
  assertRestrictedReaders();
  return [...APPS.map((app) => ({
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'KafkaUser',
    metadata: { name: `steward-${app}`, labels: { 'strimzi.io/cluster': CLUSTER, 'app.kubernetes.io/name': app } },
    spec: {
      authentication: { type: 'scram-sha-512' },
      authorization: { type: 'simple', acls: aclsOf(app) },
    },
  })), warehouseUser()];
}

const HEADER = (what) =>
  `# Generated by infra/k8s/kafka-resources.mjs from the event catalogue (@steward/events): ${what}.\n` +
  '# Do not edit: change the catalogue or the script and run `node infra/k8s/kafka-resources.mjs`.\n';

const documents = (objects) => objects.map((object) => toYaml(object)).join('---\n');

export function renderKafkaResources() {
  return {
    'infra/k8s/base/kafka/topics.yaml': HEADER('a KafkaTopic per topic and its dead-letter topic') + documents(kafkaTopics()),
    'infra/k8s/base/kafka/users.yaml': HEADER('a KafkaUser per app, with the ACLs of what it produces and consumes, and the warehouse\'s (no restricted topic)') + documents(kafkaUsers()),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = renderKafkaResources();
  if (process.argv.includes('--check')) {
    const stale = Object.entries(files)
      .filter(([file, content]) => !fs.existsSync(path.join(repoRoot, file)) || fs.readFileSync(path.join(repoRoot, file), 'utf8') !== content)
      .map(([file]) => file);
    if (stale.length > 0) {
      process.stderr.write(`${stale.join(', ')} are not what the event catalogue renders: run \`node infra/k8s/kafka-resources.mjs\` (after a build)\n`);
      process.exit(1);
    }
    process.stdout.write('Kafka topics and users are current\n');
  } else {
    for (const [file, content] of Object.entries(files)) fs.writeFileSync(path.join(repoRoot, file), content);
    process.stdout.write(`wrote ${Object.keys(files).join(', ')}\n`);
  }
}
