import { ConfigError, loadServiceConfig } from './config';

describe('loadServiceConfig', () => {
  it('applies defaults for a local run', () => {
    const config = loadServiceConfig('tickets', 4003, {});
    expect(config).toMatchObject({
      serviceName: 'tickets',
      environment: 'development',
      host: '127.0.0.1',
      port: 4003,
      mongo: { dbName: 'steward_tickets' },
      kafka: { brokers: ['127.0.0.1:9092'], clientId: 'steward-tickets', replicationFactor: 1, newGroupStart: 'earliest' },
    });
  });

  it('reads and converts the variables', () => {
    const config = loadServiceConfig('org', 4001, {
      PORT: '5001',
      KAFKA_BROKERS: 'k1:9092, k2:9092',
      MONGO_DB: 'org_test',
    });
    expect(config.port).toBe(5001);
    expect(config.kafka.brokers).toEqual(['k1:9092', 'k2:9092']);
    expect(config.mongo.dbName).toBe('org_test');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ KAFKA_BROKERS: 'no-port' }, 'KAFKA_BROKERS'],
    [{ MONGO_URL: 'postgres://x' }, 'MONGO_URL'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ NODE_ENV: 'production' }, 'STEWARD_SIGNING_SECRET'],
    [{ STEWARD_SIGNING_SECRET: 'short' }, 'STEWARD_SIGNING_SECRET'],
  ])('fails fast on %j naming %s', (env, variable) => {
    expect(() => loadServiceConfig('org', 4001, env)).toThrow(ConfigError);
    expect(() => loadServiceConfig('org', 4001, env)).toThrow(new RegExp(`^Invalid configuration:\\n  ${variable}:`));
  });

  it('never prints a secret', () => {
    const secretValue = 'a-very-secret-value-0123456789-abcdef';
    const previousValue = 'the-previous-secret-0123456789-abcdef';
    const config = loadServiceConfig('org', 4001, { STEWARD_SIGNING_SECRET: secretValue, STEWARD_SIGNING_SECRET_PREVIOUS: previousValue });
    expect(config.signingSecrets.map((secret) => secret.reveal())).toEqual([secretValue, previousValue]);
    expect(JSON.stringify(config)).not.toContain(secretValue);
    expect(JSON.stringify(config)).not.toContain(previousValue);
    expect(String(config.signingSecrets[0])).not.toContain(secretValue);
  });
});
