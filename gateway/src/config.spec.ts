import { ConfigError } from '@steward/service-kit/dist/config';
import { loadGatewayConfig } from './config';

const SECRET = 'a-signing-secret-of-at-least-32-chars';

describe('loadGatewayConfig', () => {
  it.each([
    ['production without secrets', { NODE_ENV: 'production' }, /STEWARD_SIGNING_SECRET: required[\s\S]*STEWARD_JWT_SECRET or OIDC_ISSUER/],
    ['an OIDC issuer without its JWKS', { OIDC_ISSUER: 'https://idp.example' }, /OIDC_ISSUER and OIDC_JWKS_URL/],
    ['a short token secret', { STEWARD_JWT_SECRET: 'short' }, /STEWARD_JWT_SECRET: at least 32/],
    ['a zero rate limit', { GATEWAY_RATE_LIMIT_IP: '0' }, /GATEWAY_RATE_LIMIT_IP/],
  ])('refuses %s', (_label, env, message) => {
    expect(() => loadGatewayConfig(env)).toThrow(ConfigError);
    expect(() => loadGatewayConfig(env)).toThrow(message);
  });

  it('uses the local issuer unless an OIDC issuer is set, and treats empty variables as unset', () => {
    expect(loadGatewayConfig({ OIDC_ISSUER: '', OIDC_JWKS_URL: '' }).tokens.kind).toBe('local');
    const oidc = loadGatewayConfig({ NODE_ENV: 'production', STEWARD_SIGNING_SECRET: SECRET, OIDC_ISSUER: 'https://idp.example', OIDC_JWKS_URL: 'https://idp.example/jwks' });
    expect(oidc.tokens).toEqual({ kind: 'oidc', issuer: 'https://idp.example', jwksUrl: 'https://idp.example/jwks', audience: 'village-steward' });
    expect(JSON.stringify(oidc)).not.toContain(SECRET);
  });

  it('has limits a normal dashboard query passes', () => {
    expect(loadGatewayConfig({}).limits).toEqual({ maxDepth: 12, maxAliases: 15, maxCost: 5000, maxTokens: 2000 });
  });
});
