// The gateway as the only way in: subgraphs refuse unsigned, forged and stale
// calls (401), the gateway refuses bad tokens, abusive operations, simple-
// request CSRF, batches and oversize bodies, and in production mode hides the
// schema and internal errors.
import { hashPassword } from '@steward/auth';
import { authorizeStack, graphql, uniqueName } from '@steward/testing';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { startStack, SUBGRAPHS } from '../../tools/stack.cjs';

type Stack = Awaited<ReturnType<typeof startStack>>;

const JWT_SECRET = 'gateway-security-test-jwt-secret-0123456789';
const ISSUER = 'village-steward';

async function token(claims: Record<string, unknown>, expiresAt: number, secret = JWT_SECRET): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(ISSUER)
    .setIssuedAt(expiresAt - 900)
    .setExpirationTime(expiresAt)
    .sign(new TextEncoder().encode(secret));
}

async function post(url: string, body: string, headers: Record<string, string>) {
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, body: text, json: () => JSON.parse(text) as { data?: unknown; errors?: { message: string; extensions?: { code?: string; reason?: string } }[] } };
}

const ADMIN_CLAIMS = { sub: 'admin', stw_kind: 'ADMIN' };
const WECHAT_SECRET = 'wechat-client-secret-0123456789';

describe('gateway and subgraph hardening', () => {
  let stack: Stack;
  let url: string;

  beforeAll(async () => {
    const prefix = uniqueName('sec').replace(/-/g, '_');
    const serviceAccounts = JSON.stringify([{ id: 'wechat', secretHash: await hashPassword(WECHAT_SECRET), permissions: ['tickets:report'] }]);
    stack = await startStack({
      portOffset: 900,
      databasePrefix: prefix,
      logDir: path.join(__dirname, '../../.local/logs', prefix),
      env: { STEWARD_JWT_SECRET: JWT_SECRET, STEWARD_SERVICE_ACCOUNTS: serviceAccounts },
    });
    authorizeStack(stack);
    url = stack.url as string;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  describe('subgraphs answer only the gateway', () => {
    const operations = [
      ['a query', '{ __typename }'],
      ['the federation SDL (_service)', '{ _service { sdl } }'],
      ['an entity lookup (_entities)', '{ _entities(representations: [{ __typename: "OrgUnit", id: "x" }]) { __typename } }'],
    ] as const;
    it.each(SUBGRAPHS.flatMap(({ name }) => operations.map(([label, query]) => [name, label, query] as const)))('%s refuses %s without a signature', async (name, _label, query) => {
      const response = await post(stack.subgraphUrl(name), JSON.stringify({ query }), { 'content-type': 'application/json' });
      expect(response.status).toBe(401);
      expect(response.json().errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SIGNATURE_MISSING' });
    });

    type Target = { url: string; body: string };
    const mallory = Buffer.from(JSON.stringify({ kind: 'ADMIN', id: 'mallory' })).toString('base64url');
    it.each([
      ['forged', (target: Target) => ({ ...stack.signedHeaders({ kind: 'ANONYMOUS' })(target), 'x-steward-user': mallory }), 'SIGNATURE_BAD_SIGNATURE'],
      ['stale', (target: Target) => stack.signedHeaders(undefined, Date.now() - 5 * 60_000)(target), 'SIGNATURE_STALE'],
    ])('refuses a %s signature with 401', async (_label, headers, reason) => {
      for (const { name } of SUBGRAPHS) {
        const url = stack.subgraphUrl(name);
        const body = JSON.stringify({ query: '{ _service { sdl } }' });
        const response = await post(url, body, { 'content-type': 'application/json', ...headers({ url, body }) });
        expect(response.status).toBe(401);
        expect(response.json().errors?.[0].extensions?.reason).toBe(reason);
      }
    });

    it('answers a correctly signed call', async () => {
      const response = await graphql<{ _service: { sdl: string } }>(stack.subgraphUrl('org'), '{ _service { sdl } }');
      expect(response.data?._service.sdl).toContain('type OrgUnit');
    });
  });

  describe('tokens', () => {
    const json = { 'content-type': 'application/json' };
    it('lets anonymous callers sign in but not read', async () => {
      const me = await graphql(url, '{ me { id } }', {}, {});
      expect(me.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      const wrong = await graphql(url, 'mutation { login(phone: "19900000000", password: "not-the-password-1") { token } }', {}, {});
      expect(wrong.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      const right = await graphql<{ login: { token: string; viewer: { kind: string } } }>(url, 'mutation($p: String!, $w: String!) { login(phone: $p, password: $w) { token viewer { kind } } }', { p: stack.admin.phone, w: stack.admin.password }, {});
      expect(right.data?.login.viewer.kind).toBe('ADMIN');
      const viewer = await graphql(url, '{ me { id kind } }', {}, { authorization: `Bearer ${right.data?.login.token}` });
      expect(viewer.data).toEqual({ me: { id: 'admin', kind: 'ADMIN' } });
    });

    it('gives a service account exactly its permissions', async () => {
      const wrong = await graphql(url, 'mutation { serviceLogin(clientId: "wechat", clientSecret: "not-it") { token } }', {}, {});
      expect(wrong.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      const signedIn = await graphql<{ serviceLogin: { token: string; viewer: { kind: string; permissions: string[] } } }>(
        url,
        'mutation($s: String!) { serviceLogin(clientId: "wechat", clientSecret: $s) { token viewer { kind permissions } } }',
        { s: WECHAT_SECRET },
        {},
      );
      expect(signedIn.data?.serviceLogin.viewer).toEqual({ kind: 'SERVICE', permissions: ['tickets:report'] });
      const reading = await graphql(url, '{ tickets(first: 1) { totalCount } }', {}, { authorization: `Bearer ${signedIn.data?.serviceLogin.token}` });
      expect(reading.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });

    it.each([
      ['expired', async () => `Bearer ${await token(ADMIN_CLAIMS, Math.floor(Date.now() / 1000) - 60)}`, 'TOKEN_EXPIRED'],
      ['signed with another key', async () => `Bearer ${await token(ADMIN_CLAIMS, Math.floor(Date.now() / 1000) + 600, 'another-secret-of-at-least-32-characters')}`, 'TOKEN_INVALID'],
      ['without our claims', async () => `Bearer ${await token({ sub: 'x' }, Math.floor(Date.now() / 1000) + 600)}`, 'TOKEN_INVALID'],
      ['not a JWT', async () => 'Bearer 12345', 'TOKEN_MALFORMED'],
    ])('refuses a token %s with 401', async (_label, header, reason) => {
      const response = await post(url, JSON.stringify({ query: '{ me { id } }' }), { ...json, authorization: await header() });
      expect(response.status).toBe(401);
      expect(response.json().errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason });
    });
  });

  describe('operation limits', () => {
    const refusal = async (query: string) => (await graphql(url, query)).errors?.map((error) => error.message).join(' ') ?? '';

    it('refuses an over-deep query', async () => {
      const deep = `{ orgUnit(id: "x") { ${'parent { '.repeat(13)}id${' }'.repeat(13)} } }`;
      expect(await refusal(deep)).toMatch(/depth limit of 12 exceeded/i);
      const fine = `{ orgUnit(id: "x") { ${'parent { '.repeat(5)}id${' }'.repeat(5)} } }`;
      expect((await graphql(url, fine)).errors).toBeUndefined();
    });

    it('refuses an alias flood', async () => {
      const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: me { id }`).join(' ');
      expect(await refusal(`{ ${aliases} }`)).toMatch(/aliases limit of 15 exceeded/i);
    });

    it('refuses an over-cost query', async () => {
      const wide = 'id name code level status households population version';
      const subtree = (depth: number): string => (depth === 0 ? wide : `${wide} children { ${subtree(depth - 1)} }`);
      const costly = `{ ${Array.from({ length: 10 }, (_, i) => `u${i}: orgUnit(id: "x") { ${subtree(8)} }`).join(' ')} }`;
      expect(await refusal(costly)).toMatch(/cost limit of 5000 exceeded/i);
    });

    it('refuses a token flood', async () => {
      const fields = Array.from({ length: 2100 }, () => '__typename').join(' ');
      expect(await refusal(`{ ${fields} }`)).toMatch(/token limit of 2000 exceeded/i);
    });
  });

  describe('HTTP', () => {
    it('refuses a text/plain POST (CSRF) without running it', async () => {
      const response = await post(url, JSON.stringify({ query: 'mutation { login(phone: "19900000000", password: "x") { token } }' }), { 'content-type': 'text/plain' });
      expect(response.status).toBe(400);
      expect(response.body).not.toContain('"data"');
    });

    it('refuses batches', async () => {
      const response = await post(url, JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]), { 'content-type': 'application/json' });
      expect(response.status).toBe(400);
    });

    it('refuses a body over the limit', async () => {
      const response = await post(url, JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(9 * 1024 * 1024) } }), { 'content-type': 'application/json' });
      expect(response.status).toBe(413);
    });
  });

  describe('an external OIDC issuer', () => {
    let jwks: http.Server;
    let privateKey: CryptoKey;
    const issuer = 'https://idp.example.gov.cn/realms/steward';

    beforeAll(async () => {
      const pair = await generateKeyPair('ES256', { extractable: true });
      privateKey = pair.privateKey;
      const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
      jwks = http.createServer((_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
      const { port } = jwks.address() as AddressInfo;
      await stack.restart('gateway', { OIDC_ISSUER: issuer, OIDC_JWKS_URL: `http://127.0.0.1:${port}/jwks`, OIDC_AUDIENCE: 'steward-web' });
    });

    afterAll(async () => {
      await new Promise((resolve) => jwks.close(resolve));
      await stack.restart('gateway', { OIDC_ISSUER: '', OIDC_JWKS_URL: '', OIDC_AUDIENCE: '' });
    });

    const idpToken = (audience: string, key: CryptoKey = privateKey) =>
      new SignJWT(ADMIN_CLAIMS).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setIssuer(issuer).setAudience(audience).setIssuedAt().setExpirationTime('5m').sign(key);

    it("accepts the issuer's tokens and refuses local ones, other audiences and other keys", async () => {
      const accepted = await graphql(url, '{ me { id kind } }', {}, { authorization: `Bearer ${await idpToken('steward-web')}` });
      expect(accepted.data).toEqual({ me: { id: 'admin', kind: 'ADMIN' } });
      const local = await post(url, JSON.stringify({ query: '{ me { id } }' }), { 'content-type': 'application/json', authorization: `Bearer ${await token(ADMIN_CLAIMS, Math.floor(Date.now() / 1000) + 600)}` });
      expect(local.status).toBe(401);
      const otherAudience = await post(url, JSON.stringify({ query: '{ me { id } }' }), { 'content-type': 'application/json', authorization: `Bearer ${await idpToken('another-app')}` });
      expect(otherAudience.status).toBe(401);
      const stranger = (await generateKeyPair('ES256')).privateKey;
      const forged = await post(url, JSON.stringify({ query: '{ me { id } }' }), { 'content-type': 'application/json', authorization: `Bearer ${await idpToken('steward-web', stranger)}` });
      expect(forged.status).toBe(401);
    });
  });

  describe('production mode', () => {
    beforeAll(async () => {
      await stack.restart('gateway', { NODE_ENV: 'production', GATEWAY_RATE_LIMIT_USER: '5' });
    });

    it('refuses introspection and serves no GraphiQL page', async () => {
      const introspection = await graphql(url, '{ __schema { types { name } } }');
      expect(introspection.data).toBeUndefined();
      expect(introspection.errors?.[0].message).toMatch(/introspection is not allowed/i);
      const page = await fetch(url, { headers: { accept: 'text/html' } });
      expect(await page.text()).not.toMatch(/sandbox|graphiql|embeddable-explorer/i);
    });

    it('does not show field suggestions or stack traces', async () => {
      const result = await graphql(url, '{ orgUnitz(id: "x") { id } }');
      expect(result.errors?.[0].message).not.toMatch(/did you mean/i);
      expect(JSON.stringify(result.errors)).not.toMatch(/stacktrace|at Object\./);
    });

    it('limits requests per signed-in user', async () => {
      // a principal of its own, so earlier requests in this window don't count
      const auth = { authorization: `Bearer ${await token({ sub: 'rate-probe', stw_kind: 'MEMBER', stw_grants: [] }, Math.floor(Date.now() / 1000) + 600)}` };
      const statuses: number[] = [];
      for (let i = 0; i < 7; i += 1) statuses.push((await post(url, JSON.stringify({ query: '{ me { id } }' }), { 'content-type': 'application/json', ...auth })).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    });
  });
});
