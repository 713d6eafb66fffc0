// The Kubernetes manifests (infra/k8s): rendered and validated offline by
// infra/scripts/k8s.mjs (kustomize build in-process, strict decoding into the
// k8s.io/api types, custom resources against the vendored CRDs), then held to
// the deployment's rules and checked against the code they deploy.
import { consumerGroupId, loadServiceConfig, ORG_REPATH_CONSUMER, type ServiceConfig } from '@steward/service-kit/core';
import { dlqTopicOf, eventDefinitions, isRestrictedTopic, restrictedTopicReaders, topicKinds, Topics, topicSpecsFor } from '@steward/events';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { INITIAL_GENERATION, newGeneration, projectionGroupId } from '../../services/assessment/src/persistence/generation';
import { APP_PORTS, APPS, loadAppConfiguration, SUBGRAPHS, variablesReadBy, type App } from './app-environment';

const repoRoot = path.resolve(__dirname, '../..');
const PRODUCTION = 'infra/k8s/overlays/production';
const BASE = 'infra/k8s/base';

type Labels = Record<string, string>;
interface LabelSelector {
  matchLabels?: Labels;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}
interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Labels; annotations?: Labels };
  data?: Record<string, string>;
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean }; configMapKeyRef?: { name: string; key: string } };
}
interface Probe {
  httpGet?: { path: string; port: string | number };
}
interface Container {
  name: string;
  image: string;
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { runAsNonRoot?: boolean; readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean; capabilities?: { drop?: string[] } };
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}
interface Deployment extends K8sObject {
  spec: {
    replicas?: number;
    selector: LabelSelector;
    template: {
      metadata: { labels: Labels };
      spec: {
        automountServiceAccountToken?: boolean;
        securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
        containers: Container[];
        volumes?: { name: string; emptyDir?: object; secret?: { secretName: string; items?: { key: string; path: string }[] } }[];
      };
    };
  };
}
interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: object;
}
interface NetworkPolicy extends K8sObject {
  spec: {
    podSelector: LabelSelector;
    policyTypes?: string[];
    ingress?: { from?: NetworkPolicyPeer[]; ports?: { port?: string | number }[] }[];
  };
}
interface Acl {
  type?: string;
  resource: { type: string; name?: string; patternType?: string };
  operations: string[];
}
interface KafkaUser extends K8sObject {
  spec: { authentication: { type: string }; authorization: { type: string; acls: Acl[] } };
}
interface KafkaTopic extends K8sObject {
  spec: { topicName: string; partitions: number; replicas: number; config: Record<string, string> };
}
interface Kafka extends K8sObject {
  spec: { kafka: { listeners: { name: string; port: number; tls: boolean; authentication?: { type: string }; networkPolicyPeers?: NetworkPolicyPeer[] }[] } };
}
interface MongoDBCommunity extends K8sObject {
  spec: {
    members: number;
    security: { authentication: { modes: string[] } };
    users: { name: string; db?: string; passwordSecretRef: { name: string }; roles: { name: string; db: string }[]; connectionStringSecretName: string }[];
    statefulSet: { spec: { template: { metadata: { labels: Labels } } } };
  };
}
interface Scalable extends K8sObject {
  spec: {
    scaleTargetRef?: { kind: string; name: string };
    minReplicas?: number;
    maxReplicas?: number;
    metrics?: { type: string; resource?: { name: string; target: { type: string; averageUtilization?: number } } }[];
    selector?: LabelSelector;
    maxUnavailable?: number | string;
  };
}
interface Service extends K8sObject {
  spec: { selector: Labels; ports: { name?: string; port: number; targetPort: string | number }[] };
}

function runValidator(dirs: string[]): { status: number | null; stdout: string; stderr: string; rendered: Record<string, K8sObject[]> } {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-k8s-'));
  try {
    const out = path.join(tmp, 'rendered.json');
    const result = spawnSync(process.execPath, ['infra/scripts/k8s.mjs', 'render', out, ...dirs], { cwd: repoRoot, encoding: 'utf8' });
    const rendered = fs.existsSync(out) ? (JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, K8sObject[]>) : {};
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, rendered };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function matches(selector: LabelSelector | undefined, labels: Labels): boolean {
  if (!selector) return false;
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  const byExpressions = (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    if (operator === 'In') return values.includes(labels[key]);
    if (operator === 'NotIn') return !values.includes(labels[key]);
    if (operator === 'Exists') return key in labels;
    if (operator === 'DoesNotExist') return !(key in labels);
    throw new Error(`unknown selector operator ${operator}`);
  });
  return byLabels && byExpressions;
}

/** The apps' own code under services/<app>/src (or gateway/src), for cross-checks against the manifests. */
function sourcesOf(app: App): string {
  const dir = path.join(repoRoot, app === 'gateway' ? 'gateway/src' : `services/${app}/src`);
  const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'));
  return files.map((file) => fs.readFileSync(path.join(dir, file), 'utf8')).join('\n');
}

/** The topics a subgraph hands to ServiceKitModule.forRoot (created or looked up at start with their DLQs). */
function kitTopicsOf(app: App): string[] {
  if (app === 'gateway') return [];
  const source = fs.readFileSync(path.join(repoRoot, `services/${app}/src/app.module.ts`), 'utf8');
  const list = /ServiceKitModule\.forRoot\(\{[\s\S]*?topics:\s*\[([^\]]*)\]/.exec(source)?.[1];
  if (list === undefined) throw new Error(`no ServiceKitModule.forRoot({ topics }) in services/${app}/src/app.module.ts`);
  return [...list.matchAll(/Topics\.(\w+)/g)].map(([, key]) => Topics[key as keyof typeof Topics]);
}

const configOf = (app: App): ServiceConfig =>
  loadServiceConfig(app, APP_PORTS[app], { NODE_ENV: 'test', STEWARD_SUBGRAPH_SIGNING_KEY: 'a'.repeat(64) });

describe('the Kubernetes manifests (infra/k8s)', () => {
  let objects: K8sObject[];
  let base: K8sObject[];
  const ofKind = <T extends K8sObject>(kind: string, from: K8sObject[] = objects): T[] => from.filter((object): object is T => object.kind === kind);
  const named = <T extends K8sObject>(kind: string, name: string): T => {
    const found = ofKind<T>(kind).find((object) => object.metadata.name === name);
    if (!found) throw new Error(`no ${kind}/${name} in ${PRODUCTION}`);
    return found;
  };
  const deploymentOf = (app: App) => named<Deployment>('Deployment', app);
  const containerOf = (app: App) => deploymentOf(app).spec.template.spec.containers[0];

  beforeAll(() => {
    // builds the Go validator into .local/ first if npm test has not already
    const result = runValidator([BASE, PRODUCTION]);
    if (result.status !== 0) throw new Error(`infra/scripts/k8s.mjs render failed:\n${result.stdout}${result.stderr}`);
    objects = result.rendered[PRODUCTION];
    base = result.rendered[BASE];
  }, 15 * 60_000);

  it('renders the base and the production overlay, every object valid for its API', () => {
    expect(base.length).toBeGreaterThan(0);
    expect(ofKind('Deployment').map((deployment) => deployment.metadata.name).sort()).toEqual([...APPS].sort());
    expect(objects.filter((object) => object.kind !== 'Namespace').every((object) => object.metadata.namespace === 'village-steward')).toBe(true);
  });

  describe('the apps', () => {
    it.each(APPS)('%s: 2 replicas, non-root, read-only root filesystem, no privilege escalation, only /tmp writable', (app) => {
      const deployment = deploymentOf(app);
      const container = containerOf(app);
      expect(deployment.spec.replicas).toBe(2);
      expect(deployment.spec.template.spec.containers).toHaveLength(1);
      expect(deployment.spec.template.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
      expect(deployment.spec.template.spec.automountServiceAccountToken).toBe(false);
      expect(container.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
      const tmp = container.volumeMounts?.find((mount) => mount.mountPath === '/tmp');
      const volumes = deployment.spec.template.spec.volumes ?? [];
      expect(volumes.find((volume) => volume.name === tmp?.name)?.emptyDir).toBeDefined();
      const writable = (container.volumeMounts ?? []).filter((mount) => !mount.readOnly).map((mount) => mount.mountPath);
      expect(writable).toEqual(['/tmp']);
    });

    it.each(APPS)('%s: probes on the endpoints the app serves, on its own port, and requests and limits', (app) => {
      const container = containerOf(app);
      expect(container.ports).toEqual([{ name: 'http', containerPort: APP_PORTS[app] }]);
      expect(container.env).toContainEqual({ name: 'PORT', value: String(APP_PORTS[app]) });
      expect(container.readinessProbe?.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      expect(container.livenessProbe?.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(container.startupProbe?.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(container.resources?.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      expect(container.resources?.limits?.memory).toEqual(expect.any(String));
      expect(container.image).toMatch(new RegExp(`^village-steward/${app}:\\d+\\.\\d+\\.\\d+$`));
    });

    it('probes paths that exist: the kit serves /health/live and /health/ready for every subgraph, the gateway its own', () => {
      const kit = fs.readFileSync(path.join(repoRoot, 'shared/service-kit/src/health.controller.ts'), 'utf8');
      expect(kit).toMatch(/@Controller\('health'\)[\s\S]*@Get\('live'\)[\s\S]*@Get\('ready'\)/);
      const gateway = fs.readFileSync(path.join(repoRoot, 'gateway/src/main.ts'), 'utf8');
      expect(gateway).toContain("app.get('/health/live'");
      expect(gateway).toContain("app.get('/health/ready'");
    });

    it.each(APPS)('%s: a Service, a PodDisruptionBudget and a CPU HorizontalPodAutoscaler from 2 replicas', (app) => {
      const podLabels = deploymentOf(app).spec.template.metadata.labels;
      const service = named<Service>('Service', app);
      expect(matches({ matchLabels: service.spec.selector }, podLabels)).toBe(true);
      expect(service.spec.ports).toEqual([expect.objectContaining({ port: APP_PORTS[app], targetPort: 'http' })]);
      const budget = named<Scalable>('PodDisruptionBudget', app);
      expect(matches(budget.spec.selector, podLabels)).toBe(true);
      expect(budget.spec.maxUnavailable).toBe(1);
      const autoscaler = named<Scalable>('HorizontalPodAutoscaler', app);
      expect(autoscaler.apiVersion).toBe('autoscaling/v2');
      expect(autoscaler.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: app });
      expect(autoscaler.spec.minReplicas).toBe(2);
      expect(autoscaler.spec.maxReplicas).toBeGreaterThan(2);
      expect(autoscaler.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }]);
      // no other app's pods share the selectors
      for (const other of APPS.filter((candidate) => candidate !== app)) expect(matches(budget.spec.selector, deploymentOf(other).spec.template.metadata.labels)).toBe(false);
    });
  });

  describe('the network', () => {
    const policies = () => ofKind<NetworkPolicy>('NetworkPolicy');
    /** The pods that the policies selecting `target` let in, among `candidates` (name → labels). */
    const allowedSources = (target: Labels, candidates: Record<string, Labels>) => {
      const peers = policies()
        .filter((policy) => matches(policy.spec.podSelector, target))
        .flatMap((policy) => (policy.spec.ingress ?? []).flatMap((rule) => rule.from ?? [{}]));
      for (const peer of peers) expect(peer.namespaceSelector ?? peer.ipBlock).toBeUndefined();
      if (peers.some((peer) => !peer.podSelector)) return ['anyone'];
      return Object.keys(candidates).filter((name) => peers.some((peer) => matches(peer.podSelector, candidates[name])));
    };
    const podsOf = (): Record<string, Labels> => {
      const mongo = ofKind<MongoDBCommunity>('MongoDBCommunity')[0];
      return {
        ...Object.fromEntries(APPS.map((app) => [app, deploymentOf(app).spec.template.metadata.labels])),
        mongodb: mongo.spec.statefulSet.spec.template.metadata.labels,
        // what Strimzi puts on the broker pods of the cluster `steward`
        kafka: { 'strimzi.io/cluster': 'steward', 'strimzi.io/kind': 'Kafka', 'strimzi.io/name': 'steward-kafka', 'strimzi.io/pool-name': 'dual-role' },
      };
    };

    it('denies all ingress in the namespace unless a policy allows it', () => {
      const denyAll = policies().find((policy) => Object.keys(policy.spec.podSelector).length === 0);
      expect(denyAll?.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
    });

    it('lets anyone reach the gateway (through the Ingress), on its port only', () => {
      const pods = podsOf();
      expect(allowedSources(pods.gateway, pods)).toEqual(['anyone']);
      const rules = policies().filter((policy) => matches(policy.spec.podSelector, pods.gateway)).flatMap((policy) => policy.spec.ingress ?? []);
      expect(rules.flatMap((rule) => rule.ports ?? [])).toEqual([{ port: 'http', protocol: 'TCP' }]);
    });

    it.each(SUBGRAPHS)('lets only the gateway reach %s', (app) => {
      const pods = podsOf();
      expect(allowedSources(pods[app], pods)).toEqual(['gateway']);
    });

    it('lets only the subgraphs (and the replica set itself) reach MongoDB', () => {
      const pods = podsOf();
      expect(allowedSources(pods.mongodb, pods).sort()).toEqual([...SUBGRAPHS, 'mongodb'].sort());
    });

    it("lets only the apps reach Kafka: its one listener's peers, TLS and SCRAM", () => {
      const pods = podsOf();
      const [kafka] = ofKind<Kafka>('Kafka');
      expect(kafka.spec.kafka.listeners).toHaveLength(1);
      const [listener] = kafka.spec.kafka.listeners;
      expect(listener).toMatchObject({ port: 9093, tls: true, authentication: { type: 'scram-sha-512' } });
      const peers = listener.networkPolicyPeers ?? [];
      expect(peers.length).toBeGreaterThan(0);
      const reaching = Object.keys(pods).filter((name) => peers.some((peer) => !peer.namespaceSelector && matches(peer.podSelector, pods[name])));
      expect(reaching.sort()).toEqual([...APPS].sort());
    });
  });

  describe('secrets and configuration', () => {
    /** Secrets the operators write: Strimzi (KafkaUser passwords, cluster CA) and the MongoDB operator (connection strings). */
    const operatorSecrets = () => [
      ...ofKind<KafkaUser>('KafkaUser').map((user) => user.metadata.name),
      'steward-cluster-ca-cert',
      ...ofKind<MongoDBCommunity>('MongoDBCommunity')[0].spec.users.map((user) => user.connectionStringSecretName),
    ];
    const readme = () => fs.readFileSync(path.join(repoRoot, 'infra/k8s/README.md'), 'utf8');

    it('ships no Secret: every secret is referenced, and each one not written by an operator has its `kubectl create secret` command in infra/k8s/README.md', () => {
      expect(ofKind('Secret')).toEqual([]);
      const referenced = new Set<string>();
      for (const app of APPS) {
        for (const variable of containerOf(app).env ?? []) if (variable.valueFrom?.secretKeyRef) referenced.add(variable.valueFrom.secretKeyRef.name);
        for (const volume of deploymentOf(app).spec.template.spec.volumes ?? []) if (volume.secret) referenced.add(volume.secret.secretName);
      }
      for (const user of ofKind<MongoDBCommunity>('MongoDBCommunity')[0].spec.users) referenced.add(user.passwordSecretRef.name);
      const byHand = [...referenced].filter((name) => !operatorSecrets().includes(name));
      expect(byHand.length).toBeGreaterThan(0);
      for (const name of byHand) expect(readme()).toContain(`kubectl -n "$NS" create secret generic ${name} `);
    });

    /** The environment a container gets: its env and the ConfigMaps it imports; Secrets as stand-in values of the right shape. */
    function environmentOf(app: App): NodeJS.ProcessEnv {
      const container = containerOf(app);
      const env: NodeJS.ProcessEnv = {};
      for (const { configMapRef } of container.envFrom ?? []) {
        const configMap = ofKind('ConfigMap').find((candidate) => candidate.metadata.name === configMapRef?.name);
        if (!configMap) throw new Error(`${app}: no ConfigMap ${configMapRef?.name}`);
        Object.assign(env, configMap.data);
      }
      const standIn: Record<string, string> = {
        STEWARD_SIGNING_SECRET: 'a-master-signing-secret-0123456789-abcdef',
        STEWARD_SUBGRAPH_SIGNING_KEY: 'b'.repeat(64),
        STEWARD_JWT_SECRET: 'a-token-signing-secret-0123456789-abcdef',
        KAFKA_SASL_PASSWORD: 'generated-by-strimzi',
        // as the MongoDB community operator writes it
        MONGO_URL: `mongodb://steward-${app}:pw@steward-mongodb-0.steward-mongodb-svc.village-steward.svc.cluster.local:27017,steward-mongodb-1.steward-mongodb-svc.village-steward.svc.cluster.local:27017/admin?replicaSet=steward-mongodb&ssl=false`,
      };
      for (const variable of container.env ?? []) {
        const secret = variable.valueFrom?.secretKeyRef;
        if (secret?.optional) continue; // an optional Secret that is not there: the variable stays unset
        env[variable.name] = secret ? standIn[variable.name] : variable.value;
        if (env[variable.name] === undefined) throw new Error(`${app}: no stand-in value for the secret variable ${variable.name}`);
      }
      return env;
    }

    it.each(APPS)('%s: every variable the app reads is set or documented in infra/k8s/README.md', (app) => {
      const env = environmentOf(app);
      const undocumented = variablesReadBy(app).filter((variable) => !(variable in env) && !readme().includes(`\`${variable}\``));
      expect(undocumented).toEqual([]);
      const optional = (containerOf(app).env ?? []).filter((variable) => variable.valueFrom?.secretKeyRef?.optional).map((variable) => variable.name);
      for (const variable of optional) expect(readme()).toContain(`\`${variable}\``);
    });

    it.each(APPS)('%s: starts with that environment, in production, talking TLS and SCRAM as its own Kafka user', (app) => {
      const env = environmentOf(app);
      expect(env.NODE_ENV).toBe('production');
      const [config] = loadAppConfiguration[app](env) as [{ kafka: ServiceConfig['kafka'] }];
      expect(config.kafka.security.tls).toEqual({ caFile: env.KAFKA_SSL_CA_FILE });
      expect(config.kafka.security.sasl).toMatchObject({ mechanism: 'scram-sha-512', username: `steward-${app}` });
      expect(ofKind<KafkaUser>('KafkaUser').map((user) => user.metadata.name)).toContain(`steward-${app}`);
      // the CA file is where the cluster CA Secret is mounted
      const mount = containerOf(app).volumeMounts?.find((candidate) => env.KAFKA_SSL_CA_FILE?.startsWith(`${candidate.mountPath}/`));
      const volume = deploymentOf(app).spec.template.spec.volumes?.find((candidate) => candidate.name === mount?.name);
      expect(volume?.secret).toEqual({ secretName: 'steward-cluster-ca-cert', items: [{ key: 'ca.crt', path: path.basename(env.KAFKA_SSL_CA_FILE ?? '') }] });
    });

    it.each(SUBGRAPHS)('%s: uses its own MongoDB user, with readWrite on its own database only', (app) => {
      const [config] = loadAppConfiguration[app](environmentOf(app)) as [ServiceConfig];
      const mongo = ofKind<MongoDBCommunity>('MongoDBCommunity')[0];
      expect(mongo.spec.members).toBe(3);
      expect(mongo.spec.security.authentication.modes).toEqual(['SCRAM']);
      const mongoUrl = containerOf(app).env?.find((variable) => variable.name === 'MONGO_URL');
      const user = mongo.spec.users.find((candidate) => candidate.connectionStringSecretName === mongoUrl?.valueFrom?.secretKeyRef?.name);
      expect(user).toMatchObject({ name: `steward-${app}`, roles: [{ name: 'readWrite', db: config.mongo.dbName }] });
      expect(mongoUrl?.valueFrom?.secretKeyRef?.key).toBe('connectionString.standard');
    });
  });

  describe('Kafka: topics and users', () => {
    const users = () => ofKind<KafkaUser>('KafkaUser');
    const userOf = (app: App) => {
      const user = users().find((candidate) => candidate.metadata.name === `steward-${app}`);
      if (!user) throw new Error(`no KafkaUser steward-${app}`);
      return user;
    };
    const topicsWith = (app: App, operation: string) =>
      userOf(app)
        .spec.authorization.acls.filter((acl) => acl.resource.type === 'topic' && acl.operations.includes(operation))
        .map((acl) => acl.resource.name ?? '')
        .sort();
    const producedBy = (app: App) => [...new Set(eventDefinitions.filter((definition) => definition.source === `steward/${app}`).map((definition) => definition.topic))];

    it('has a KafkaTopic for every catalogue topic and its DLQ, with the partitions and settings of shared/events', () => {
      const specs = topicSpecsFor(...Object.values(Topics));
      const topics = ofKind<KafkaTopic>('KafkaTopic');
      expect(topics.map((topic) => topic.spec.topicName).sort()).toEqual(specs.map((spec) => spec.name).sort());
      for (const spec of specs) {
        const topic = topics.find((candidate) => candidate.spec.topicName === spec.name);
        expect(topic?.spec.partitions).toBe(spec.partitions);
        expect(topic?.spec.config).toEqual({ ...spec.config, 'min.insync.replicas': '2' });
        expect(topic?.spec.replicas).toBe(3);
        expect(topic?.metadata.labels).toMatchObject({ 'strimzi.io/cluster': 'steward' });
      }
    });

    it('gives each app a SCRAM-SHA-512 user with allow-only ACLs of Read, Write and Describe, on named topics and groups', () => {
      expect(users().map((user) => user.metadata.name).sort()).toEqual([...APPS, 'warehouse'].map((app) => `steward-${app}`).sort());
      for (const user of users()) {
        expect(user.spec.authentication).toEqual({ type: 'scram-sha-512' });
        expect(user.spec.authorization.type).toBe('simple');
        for (const acl of user.spec.authorization.acls) {
          expect(acl.type).toBe('allow');
          expect(['topic', 'group']).toContain(acl.resource.type);
          expect(acl.resource.name).toMatch(/^[a-z_]+[a-z0-9_.-]*$/);
          for (const operation of acl.operations) expect(['Read', 'Write', 'Describe']).toContain(operation);
        }
      }
    });

    it.each(APPS)('%s writes only its own topics and the DLQs of topics it reads (its consumers park poison messages there)', (app) => {
      const reads = topicsWith(app, 'Read');
      const writes = topicsWith(app, 'Write');
      expect(writes).toEqual(expect.arrayContaining(producedBy(app)));
      const strays = writes.filter((topic) => !producedBy(app).includes(topic) && !reads.some((read) => dlqTopicOf(read) === topic));
      expect(strays).toEqual([]);
    });

    it('lets only the apps restrictedTopicReaders names read a restricted topic (a phone in clear), never the warehouse', () => {
      const restricted = Object.values(Topics).filter((topic) => isRestrictedTopic(topic));
      expect(restricted).toContain(Topics.ticketContacts);
      for (const topic of restricted) {
        const readers = APPS.filter((app) => topicsWith(app, 'Read').includes(topic));
        expect(readers).toEqual([...(restrictedTopicReaders[topic] ?? [])]);
      }
      const warehouse = users().find((user) => user.metadata.name === 'steward-warehouse');
      const warehouseTopics = (warehouse?.spec.authorization.acls ?? []).filter((acl) => acl.resource.type === 'topic');
      for (const acl of warehouseTopics) expect(acl.operations).toEqual(['Read', 'Describe']);
      expect(warehouseTopics.map((acl) => acl.resource.name).sort()).toEqual(Object.values(Topics).filter((topic) => !isRestrictedTopic(topic)).sort());
      expect(warehouseTopics.map((acl) => acl.resource.name)).not.toContain(Topics.ticketContacts);
    });

    it('has exactly one writer for every catalogue topic: the app its events name as their source', () => {
      for (const topic of Object.values(Topics)) {
        const writers = APPS.filter((app) => topicsWith(app, 'Write').includes(topic));
        expect(writers).toEqual(APPS.filter((app) => producedBy(app).includes(topic)));
        expect(writers).toHaveLength(1);
      }
    });

    it.each(APPS)('%s reads only topics it names in its code, and may look up every topic the kit checks at start', (app) => {
      const kitTopics = kitTopicsOf(app);
      const reads = topicsWith(app, 'Read');
      if (app === 'gateway') expect(reads).toEqual([Topics.members]);
      else expect(reads).toEqual(kitTopics.filter((topic) => !producedBy(app).includes(topic)).sort());
      // ensureTopics lists the topics and their DLQs: without Describe it would try (and fail) to create them
      const described = topicsWith(app, 'Describe');
      for (const topic of kitTopics) expect(described).toEqual(expect.arrayContaining([topic, dlqTopicOf(topic)]));
      expect(described).toEqual([...new Set([...kitTopics.flatMap((topic) => [topic, dlqTopicOf(topic)]), ...reads, ...topicsWith(app, 'Write')])].sort());
    });

    it.each(APPS)("%s's consumer groups are the ones its code joins", (app) => {
      const groups = userOf(app).spec.authorization.acls.filter((acl) => acl.resource.type === 'group');
      for (const group of groups) expect(group.operations).toEqual(['Read']);
      const literal = groups.filter((group) => group.resource.patternType === 'literal').map((group) => group.resource.name).sort();
      const prefixes = groups.filter((group) => group.resource.patternType === 'prefix').map((group) => group.resource.name ?? '');

      const source = sourcesOf(app);
      const config = app === 'gateway' ? undefined : configOf(app);
      const named = [...source.matchAll(/register(?:Batch)?EventConsumer\(tasks, \{[\s\S]*?name: '([^']+)'/g)].map(([, name]) => name);
      if (source.includes('orgRepathProvider(')) named.push(ORG_REPATH_CONSUMER);
      expect(literal).toEqual(config ? named.map((name) => consumerGroupId(config, name)).sort() : []);

      // replicas: `<owner>.replica.<topic>.<uuid>`, owner = the service name (the gateway's: 'gateway')
      const stateReads = topicsWith(app, 'Read').filter((topic) => topicKinds[topic as keyof typeof topicKinds] === 'state');
      const expectedPrefixes = stateReads.length > 0 ? [`${app}.replica.`] : [];
      if (app === 'assessment' && config) {
        const projection = projectionGroupId(config.mongo.dbName, INITIAL_GENERATION);
        expect(projectionGroupId(config.mongo.dbName, newGeneration()).startsWith(projection)).toBe(true);
        expectedPrefixes.push(projection);
      }
      expect(prefixes.sort()).toEqual(expectedPrefixes.sort());
      const replica = fs.readFileSync(path.join(repoRoot, 'shared/replicas/src/state-replica.ts'), 'utf8');
      expect(replica).toContain('const groupId = `${owner}.replica.${topic}.${randomUUID()}`;');
    });
  });

  describe('the validator', () => {
    it.each([
      ['unknown-field', 'Deployment/misspelt: strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolicyy"'],
      ['duplicate-field', 'mapping key "port" already defined'],
      ['custom-resource-unknown-field', 'KafkaTopic/steward.misspelt.v1: unknown field "spec.partitionz"'],
      ['custom-resource-bad-value', 'KafkaUser/steward-weak: spec.authentication.type: Unsupported value: "scram-sha-256"'],
      ['embedded-statefulset-unknown-field', 'spec.statefulSet.spec (apps/v1 StatefulSetSpec): [unknown field "volumeClaimTemplate"]'],
      ['unknown-kind', 'no built-in type and no vendored CRD (infra/k8s/crds) serves apiVersion "cert-manager.io/v1" kind "Certificate"'],
    ])('refuses a manifest with %s, naming the problem', (fixture, message) => {
      const result = runValidator([`infra/test/fixtures/k8s/${fixture}`]);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(message);
    });
  });
});
