import { ConfigError } from '@steward/service-kit/core';
import { loadGatewayConfig } from './config';

const SECRET = 'a-signing-secret-of-at-least-32-chars';
const JWT_SECRET = 'a-token-secret-of-at-least-32-characters';
const DEV = { NODE_ENV: 'development' };

describe('loadGatewayConfig', () => {
  let warnings: jest.SpyInstance;
  beforeEach(() => {
    warnings = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
  });
  afterEach(() => warnings.mockRestore());

  it.each([
    ['production without secrets', { NODE_ENV: 'production' }, /STEWARD_SIGNING_SECRET: required[\s\S]*STEWARD_JWT_SECRET or OIDC_ISSUER: required/],
    ['NODE_ENV unset and no secrets (production is the default)', {}, /STEWARD_SIGNING_SECRET: required when NODE_ENV=production, the default[\s\S]*STEWARD_JWT_SECRET or OIDC_ISSUER: required/],
    ['NODE_ENV unset and no token secret', { STEWARD_SIGNING_SECRET: SECRET }, /^Invalid configuration:\n {2}STEWARD_JWT_SECRET or OIDC_ISSUER: required/],
    ['an OIDC issuer without its JWKS', { ...DEV, OIDC_ISSUER: 'https://idp.example' }, /OIDC_ISSUER and OIDC_JWKS_URL/],
    ['a short token secret', { ...DEV, STEWARD_JWT_SECRET: 'short' }, /STEWARD_JWT_SECRET: at least 32/],
    ['a zero rate limit', { ...DEV, GATEWAY_RATE_LIMIT_IP: '0' }, /GATEWAY_RATE_LIMIT_IP/],
    ['a zero sign-in limit', { ...DEV, GATEWAY_LOGIN_RATE_LIMIT_IP: '0' }, /GATEWAY_LOGIN_RATE_LIMIT_IP/],
    ['brokers without ports', { ...DEV, KAFKA_BROKERS: 'kafka' }, /KAFKA_BROKERS/],
    ['a subgraph URL that is no http(s) URL', { ...DEV, TICKETS_SUBGRAPH_URL: 'http://127.0.0.1:4003/graphql,ftp://127.0.0.1:6003/graphql' }, /TICKETS_SUBGRAPH_URL: each entry must be an http\(s\) URL/],
    ['an empty entry in a subgraph URL list', { ...DEV, ORG_SUBGRAPH_URL: 'http://127.0.0.1:4001/graphql,' }, /ORG_SUBGRAPH_URL: each entry/],
    ['a subgraph URL listed twice', { ...DEV, VISITS_SUBGRAPH_URL: 'http://127.0.0.1:4004/graphql, http://127.0.0.1:4004/graphql' }, /VISITS_SUBGRAPH_URL: the same URL is listed twice/],
    ['a zero health interval', { ...DEV, GATEWAY_SUBGRAPH_HEALTH_INTERVAL_MS: '0' }, /GATEWAY_SUBGRAPH_HEALTH_INTERVAL_MS/],
    ['a trusted proxy that is no address', { ...DEV, GATEWAY_TRUST_PROXY: 'the-ingress' }, /GATEWAY_TRUST_PROXY/],
    ['a SASL mechanism without credentials', { ...DEV, KAFKA_SASL_MECHANISM: 'scram-sha-512' }, /KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD: required/],
  ])('refuses %s', (_label, env, message) => {
    expect(() => loadGatewayConfig(env)).toThrow(ConfigError);
    expect(() => loadGatewayConfig(env)).toThrow(message);
  });

  it('runs without secrets only when NODE_ENV is explicitly development or test, with random ones per process', () => {
    for (const environment of ['development', 'test']) {
      const first = loadGatewayConfig({ NODE_ENV: environment });
      const second = loadGatewayConfig({ NODE_ENV: environment });
      expect(first.signingSecret.reveal()).not.toBe(second.signingSecret.reveal());
      expect(first.tokens.kind === 'local' && second.tokens.kind === 'local' && first.tokens.secret.reveal() !== second.tokens.secret.reveal()).toBe(true);
    }
    expect(warnings.mock.calls.map(([message]) => String(message).split(' ')[0])).toEqual(expect.arrayContaining(['STEWARD_SIGNING_SECRET', 'STEWARD_JWT_SECRET']));
  });

  it('reads the members topic over TLS with its own SCRAM user when told to', () => {
    const config = loadGatewayConfig({
      ...DEV,
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'steward-gateway',
      KAFKA_SASL_PASSWORD: 'a-kafka-password',
    });
    expect(config.kafka).toMatchObject({ clientId: 'steward-gateway', security: { tls: {}, sasl: { mechanism: 'scram-sha-512', username: 'steward-gateway' } } });
    expect(JSON.stringify(config)).not.toContain('a-kafka-password');
  });

  it('trusts no proxy unless told to: a hop count (one ingress controller) or the proxies\' addresses', () => {
    expect(loadGatewayConfig(DEV).trustProxy).toBeUndefined();
    expect(loadGatewayConfig({ ...DEV, GATEWAY_TRUST_PROXY: '' }).trustProxy).toBeUndefined();
    expect(loadGatewayConfig({ ...DEV, GATEWAY_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadGatewayConfig({ ...DEV, GATEWAY_TRUST_PROXY: '10.0.0.0/8, loopback' }).trustProxy).toBe('10.0.0.0/8, loopback');
  });

  it('uses the local issuer unless an OIDC issuer is set, and treats empty variables as unset', () => {
    expect(loadGatewayConfig({ ...DEV, OIDC_ISSUER: '', OIDC_JWKS_URL: '' }).tokens.kind).toBe('local');
    warnings.mockClear();
    const oidc = loadGatewayConfig({ STEWARD_SIGNING_SECRET: SECRET, OIDC_ISSUER: 'https://idp.example', OIDC_JWKS_URL: 'https://idp.example/jwks' });
    expect(oidc.environment).toBe('production');
    expect(oidc.tokens).toEqual({ kind: 'oidc', issuer: 'https://idp.example', jwksUrl: 'https://idp.example/jwks', audience: 'village-steward' });
    expect(JSON.stringify(oidc)).not.toContain(SECRET);
    expect(warnings).not.toHaveBeenCalled();
  });

  it('has limits a normal dashboard query passes, and separate sign-in and progress lookup limits per IP', () => {
    const config = loadGatewayConfig({ STEWARD_SIGNING_SECRET: SECRET, STEWARD_JWT_SECRET: JWT_SECRET });
    expect(config.limits).toEqual({ maxDepth: 12, maxAliases: 15, maxCost: 5000, maxTokens: 2000 });
    expect(config.rateLimits).toEqual({ perIp: 1200, perUser: 600, loginsPerIp: 30, progressLookupsPerIp: 20, windowMs: 60_000 });
    expect(config.kafka).toEqual({ brokers: ['127.0.0.1:9092'], clientId: 'steward-gateway', security: { tls: null, sasl: null } });
    expect(loadGatewayConfig({ ...DEV, GATEWAY_LOGIN_RATE_LIMIT_IP: '5' }).rateLimits.loginsPerIp).toBe(5);
    expect(loadGatewayConfig({ ...DEV, GATEWAY_PROGRESS_LOOKUP_RATE_LIMIT_IP: '3' }).rateLimits.progressLookupsPerIp).toBe(3);
  });

  it('reads each subgraph URL variable as the list of its instances, and polls their health every 2 s by default', () => {
    const config = loadGatewayConfig({
      ...DEV,
      TICKETS_SUBGRAPH_URL: 'http://127.0.0.1:4003/graphql, http://127.0.0.1:6003/graphql',
      ORG_SUBGRAPH_URL: 'https://org.internal/graphql',
      MEMBERS_SUBGRAPH_URL: '',
    });
    expect(config.subgraphUrls).toEqual({
      org: ['https://org.internal/graphql'],
      members: undefined,
      tickets: ['http://127.0.0.1:4003/graphql', 'http://127.0.0.1:6003/graphql'],
      visits: undefined,
      assessment: undefined,
      notifications: undefined,
    });
    expect(config.subgraphHealthIntervalMs).toBe(2000);
    expect(loadGatewayConfig({ ...DEV, GATEWAY_SUBGRAPH_HEALTH_INTERVAL_MS: '500' }).subgraphHealthIntervalMs).toBe(500);
  });
});
