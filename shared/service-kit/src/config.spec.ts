import { deriveSubgraphKey } from '@steward/auth';
import { ConfigError, loadServiceConfig } from './config';

const MASTER = 'a-master-signing-secret-0123456789-abcdef';
const PREVIOUS_MASTER = 'the-previous-master-secret-0123456789-abc';
const DEV = { NODE_ENV: 'development' };

describe('loadServiceConfig', () => {
  let warnings: jest.SpyInstance;
  beforeEach(() => {
    warnings = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
  });
  afterEach(() => warnings.mockRestore());

  it('applies defaults for a local run', () => {
    const config = loadServiceConfig('tickets', 4003, { STEWARD_SIGNING_SECRET: MASTER });
    expect(config).toMatchObject({
      serviceName: 'tickets',
      environment: 'production',
      host: '127.0.0.1',
      port: 4003,
      mongo: { dbName: 'steward_tickets' },
      kafka: {
        brokers: ['127.0.0.1:9092'],
        clientId: 'steward-tickets',
        replicationFactor: 1,
        newGroupStart: 'earliest',
        security: { tls: null, sasl: null },
      },
      writeClaims: 'auto',
    });
  });

  it('reads and converts the variables', () => {
    const config = loadServiceConfig('org', 4001, {
      ...DEV,
      PORT: '5001',
      KAFKA_BROKERS: 'k1:9092, k2:9092',
      MONGO_DB: 'org_test',
      STEWARD_WRITE_CLAIMS: 'always',
    });
    expect(config.port).toBe(5001);
    expect(config.writeClaims).toBe('always');
    expect(config.kafka.brokers).toEqual(['k1:9092', 'k2:9092']);
    expect(config.mongo.dbName).toBe('org_test');
  });

  it.each([
    [{ ...DEV, PORT: 'eighty' }, 'PORT'],
    [{ ...DEV, PORT: '70000' }, 'PORT'],
    [{ ...DEV, KAFKA_BROKERS: 'no-port' }, 'KAFKA_BROKERS'],
    [{ ...DEV, MONGO_URL: 'postgres://x' }, 'MONGO_URL'],
    [{ ...DEV, STEWARD_WRITE_CLAIMS: 'sometimes' }, 'STEWARD_WRITE_CLAIMS'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ NODE_ENV: 'production' }, 'STEWARD_SIGNING_SECRET or STEWARD_SUBGRAPH_SIGNING_KEY'],
    [{}, 'STEWARD_SIGNING_SECRET or STEWARD_SUBGRAPH_SIGNING_KEY'],
    [{ NODE_ENV: '' }, 'NODE_ENV'],
    [{ ...DEV, STEWARD_SIGNING_SECRET: 'short' }, 'STEWARD_SIGNING_SECRET'],
    [{ ...DEV, STEWARD_SUBGRAPH_SIGNING_KEY: 'not-hex' }, 'STEWARD_SUBGRAPH_SIGNING_KEY'],
  ])('fails fast on %j naming %s', (env, variable) => {
    expect(() => loadServiceConfig('org', 4001, env)).toThrow(ConfigError);
    expect(() => loadServiceConfig('org', 4001, env)).toThrow(new RegExp(`^Invalid configuration:\\n  ${variable}:`));
  });

  it('refuses to start without secrets unless NODE_ENV is explicitly development or test', () => {
    expect(() => loadServiceConfig('org', 4001, {})).toThrow(/required when NODE_ENV=production, the default/);
    expect(warnings).not.toHaveBeenCalled();
    for (const environment of ['development', 'test']) {
      const first = loadServiceConfig('org', 4001, { NODE_ENV: environment });
      const second = loadServiceConfig('org', 4001, { NODE_ENV: environment });
      expect(first.userContextKeys).toHaveLength(1);
      // a random secret per process, never a fixed one another process could know
      expect(first.userContextKeys[0].reveal()).not.toBe(second.userContextKeys[0].reveal());
    }
    expect(warnings).toHaveBeenCalledWith(expect.stringMatching(/^STEWARD_SIGNING_SECRET is not set: .*random secret.*only talks to processes given the same secret/), {
      code: 'STEWARD_RANDOM_SECRET',
    });
  });

  it("verifies with the subgraph's own key, derived from the master secret or given as is, then the previous ones", () => {
    const fromMaster = loadServiceConfig('tickets', 4003, { STEWARD_SIGNING_SECRET: MASTER, STEWARD_SIGNING_SECRET_PREVIOUS: PREVIOUS_MASTER });
    expect(fromMaster.userContextKeys.map((key) => key.reveal())).toEqual([deriveSubgraphKey(MASTER, 'tickets'), deriveSubgraphKey(PREVIOUS_MASTER, 'tickets')]);
    const derivedOnly = loadServiceConfig('tickets', 4003, {
      STEWARD_SUBGRAPH_SIGNING_KEY: deriveSubgraphKey(MASTER, 'tickets'),
      STEWARD_SUBGRAPH_SIGNING_KEY_PREVIOUS: deriveSubgraphKey(PREVIOUS_MASTER, 'tickets'),
      STEWARD_SIGNING_SECRET_PREVIOUS: '',
    });
    expect(derivedOnly.userContextKeys.map((key) => key.reveal())).toEqual(fromMaster.userContextKeys.map((key) => key.reveal()));
    expect(warnings).not.toHaveBeenCalled();
  });

  it('needs no user-context key for a tool that answers no requests', () => {
    const tool = loadServiceConfig('assessment', 4005, {}, { servesRequests: false });
    expect(tool).toMatchObject({ environment: 'production', userContextKeys: [], mongo: { dbName: 'steward_assessment' } });
    expect(warnings).not.toHaveBeenCalled();
  });

  it('connects to Kafka with TLS and SASL/SCRAM when told to (docker-compose leaves the variables empty)', () => {
    const config = loadServiceConfig('visits', 4004, {
      ...DEV,
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: '/etc/steward/kafka-ca/ca.crt',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'steward-visits',
      KAFKA_SASL_PASSWORD: 'a-kafka-password',
    });
    expect(config.kafka.security.tls).toEqual({ caFile: '/etc/steward/kafka-ca/ca.crt' });
    expect(config.kafka.security.sasl).toMatchObject({ mechanism: 'scram-sha-512', username: 'steward-visits' });
    expect(config.kafka.security.sasl?.password.reveal()).toBe('a-kafka-password');
    expect(JSON.stringify(config)).not.toContain('a-kafka-password');
    const empty = { KAFKA_SSL_CA_FILE: '', KAFKA_SASL_MECHANISM: '', KAFKA_SASL_USERNAME: '', KAFKA_SASL_PASSWORD: '' };
    expect(loadServiceConfig('visits', 4004, { ...DEV, ...empty }).kafka.security).toEqual({ tls: null, sasl: null });
  });

  it.each([
    [{ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'steward-org' }, 'KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD'],
    [{ KAFKA_SASL_USERNAME: 'steward-org', KAFKA_SASL_PASSWORD: 'secret' }, 'KAFKA_SASL_MECHANISM'],
    [{ KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }, 'KAFKA_SASL_MECHANISM'],
    [{ KAFKA_SSL_CA_FILE: '/ca.crt' }, 'KAFKA_SSL_CA_FILE'],
    [{ KAFKA_SSL: 'yes' }, 'KAFKA_SSL'],
  ])('refuses the half-set Kafka security %j naming %s', (env, variable) => {
    expect(() => loadServiceConfig('org', 4001, { ...DEV, ...env })).toThrow(new RegExp(`^Invalid configuration:\\n  ${variable}:`));
  });

  it('never prints a secret', () => {
    const config = loadServiceConfig('org', 4001, { STEWARD_SIGNING_SECRET: MASTER, STEWARD_SIGNING_SECRET_PREVIOUS: PREVIOUS_MASTER });
    const printed = JSON.stringify(config);
    for (const secret of [MASTER, PREVIOUS_MASTER, ...config.userContextKeys.map((key) => key.reveal())]) expect(printed).not.toContain(secret);
    expect(String(config.userContextKeys[0])).toBe('[secret]');
  });
});
