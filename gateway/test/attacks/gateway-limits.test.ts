// The gateway's own defences, attacked through real requests: operation cost
// (page sizes given as variables count like literals, every list is bounded),
// the user context signed per subgraph and per body (a header set for one
// subgraph or one body is worthless for another), sign-in guessing per IP,
// rotation to derived subgraph keys, and readiness.
import { deriveSubgraphKey } from '@steward/auth';
import { graphql, graphqlData, waitFor, type GraphQLResponse } from '@steward/testing';
import { randomBytes } from 'node:crypto';
import { codeOf, startAttackWorld, type AttackWorld } from './attack-world';

const NESTED_PAGES = 'orgUnits(first: $units) { edges { node { id tickets(first: $tickets) { edges { node { id } } } } } }';
const nested = (units: number, tickets: number) => `{ ${NESTED_PAGES.replace('$units', String(units)).replace('$tickets', String(tickets))} }`;
const nestedWithVariables = `query($units: Int, $tickets: Int) { ${NESTED_PAGES} }`;

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: response.status, body: (await response.json()) as GraphQLResponse<Record<string, unknown>> & { errors?: { extensions?: { reason?: string } }[] } };
}

const verdict = (result: GraphQLResponse<unknown>) => (result.errors ? `refused: ${codeOf(result)}` : 'answered');

describe('attack: the gateway’s limits and the signed user context', () => {
  let world: AttackWorld;
  let url: string;

  beforeAll(async () => {
    world = await startAttackWorld(1110, 'atk-lim', { GATEWAY_LOGIN_RATE_LIMIT_IP: '4' });
    url = world.url;
  });

  afterAll(async () => {
    await world?.stop();
  });

  describe('operation cost (查询代价)', () => {
    it('gives a page size written as a variable the verdict of the same literal: both refused when over, both answered when under', async () => {
      const overLiteral = await graphql(url, nested(200, 200));
      const overVariables = await graphql(url, nestedWithVariables, { units: 200, tickets: 200 });
      expect([verdict(overLiteral), verdict(overVariables)]).toEqual(['refused: BAD_USER_INPUT', 'refused: BAD_USER_INPUT']);
      expect(overVariables.errors?.[0].message).toMatch(/cost limit of 5000 exceeded: this operation may cost 80601/);
      expect(overVariables.errors?.[0].extensions).toMatchObject({ cost: 80601, maxCost: 5000 });
      expect(overVariables.data).toBeUndefined();

      const underLiteral = await graphql(url, nested(20, 20));
      const underVariables = await graphql(url, nestedWithVariables, { units: 20, tickets: 20 });
      expect([verdict(underLiteral), verdict(underVariables)]).toEqual(['answered', 'answered']);
      expect(underVariables.data).toEqual(underLiteral.data);
    });

    it('counts a variable left to its default, and an operation default, like the literal', async () => {
      // tickets(first:) defaults to 20; 200 × (3 + 20 × 2) + 1 = 8601
      const byDefault = await graphql(url, 'query($units: Int = 200) { orgUnits(first: $units) { edges { node { id tickets { edges { node { id } } } } } } }');
      expect(codeOf(byDefault)).toBe('BAD_USER_INPUT');
      expect(byDefault.errors?.[0].extensions).toMatchObject({ cost: 8601 });
    });

    it('refuses a deep nest of lists that used to have no size (children, timeline, duplicates)', async () => {
      for (const query of [
        `{ orgUnit(id: "${world.units.city}") { children { children { children { id name } } } } }`,
        '{ tickets(first: 50) { edges { node { timeline { evidence { id } } duplicates { id } } } } }',
      ]) {
        const result = await graphql(url, query);
        expect(codeOf(result)).toBe('BAD_USER_INPUT');
        expect(result.errors?.[0].message).toMatch(/cost limit of 5000 exceeded/);
      }
      const modest = await graphqlData<{ orgUnit: { children: { name: string }[] } }>(url, `{ orgUnit(id: "${world.units.qingxi}") { children(first: 10) { name } } }`);
      expect(modest.orgUnit.children.map((child) => child.name).sort()).toEqual(['八卦村', '太平村']);
    });

    it('holds the list bounds in the subgraphs too: children(first: 201) is BAD_USER_INPUT', async () => {
      const result = await graphql(url, `{ orgUnit(id: "${world.units.city}") { children(first: 201) { id } } }`);
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0].message).toMatch(/first must be between 1 and 200/);
    });

    it('refuses a costly mutation before any subgraph runs it: nothing is created', async () => {
      const name = `代价测试-${randomBytes(3).toString('hex')}`;
      const result = await graphql(url, 'mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { id children(first: 200) { children(first: 200) { id } } } }', {
        input: { level: 'DISTRICT', name, parentId: world.units.city },
      });
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      const found = await graphqlData<{ orgUnits: { totalCount: number } }>(url, 'query($name: String!) { orgUnits(filter: { nameContains: $name }) { totalCount } }', { name });
      expect(found.orgUnits.totalCount).toBe(0);
    });
  });

  describe('the user context, signed per subgraph and per body (按服务、按请求签名)', () => {
    const ADMIN_QUERY = JSON.stringify({ query: '{ members(first: 1) { totalCount } }' });

    it('refuses at members a context the gateway would sign for tickets, and a tickets context relabelled for members', async () => {
      const membersUrl = world.stack.subgraphUrl('members');
      const forTickets = world.stack.signedHeaders()({ url: world.stack.subgraphUrl('tickets'), body: ADMIN_QUERY });
      const atMembers = await post(membersUrl, ADMIN_QUERY, forTickets);
      expect(atMembers.status).toBe(401);
      expect(atMembers.body.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SIGNATURE_WRONG_AUDIENCE' });
      const relabelled = await post(membersUrl, ADMIN_QUERY, { ...forTickets, 'x-steward-audience': 'members' });
      expect(relabelled.status).toBe(401);
      expect(relabelled.body.errors?.[0].extensions?.reason).toBe('SIGNATURE_BAD_SIGNATURE');
      // the same call signed for members is answered
      const signedForMembers = await post(membersUrl, ADMIN_QUERY, world.stack.signedHeaders()({ url: membersUrl, body: ADMIN_QUERY }));
      expect(signedForMembers.status).toBe(200);
      expect(signedForMembers.body.data).toEqual({ members: { totalCount: expect.any(Number) } });
    });

    it('refuses a body swapped under a valid signature (a harmless read signed, a write sent): nothing changes', async () => {
      const orgUrl = world.stack.subgraphUrl('org');
      const read = JSON.stringify({ query: '{ orgUnits(first: 1) { totalCount } }' });
      const name = `换包攻击-${randomBytes(3).toString('hex')}`;
      const write = JSON.stringify({ query: 'mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { id } }', variables: { input: { level: 'DISTRICT', name, parentId: world.units.city } } });
      const headers = world.stack.signedHeaders()({ url: orgUrl, body: read });
      expect((await post(orgUrl, read, headers)).status).toBe(200);
      const swapped = await post(orgUrl, write, headers);
      expect(swapped.status).toBe(401);
      expect(swapped.body.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SIGNATURE_BAD_SIGNATURE' });
      const found = await graphqlData<{ orgUnits: { totalCount: number } }>(url, 'query($name: String!) { orgUnits(filter: { nameContains: $name }) { totalCount } }', { name });
      expect(found.orgUnits.totalCount).toBe(0);
    });
  });

  describe('sign-in guessing per IP (登录限流)', () => {
    beforeAll(async () => {
      // a fresh window: only this test's sign-ins count (GATEWAY_LOGIN_RATE_LIMIT_IP=4 for this world)
      await world.stack.restart('gateway');
    });

    const guess = () =>
      post(url, JSON.stringify({ query: 'mutation($p: String!, $w: String!) { login(phone: $p, password: $w) { token } }', variables: { p: world.phone(), w: 'guessed-password-1' } }));

    it('answers RATE_LIMITED (429) after GATEWAY_LOGIN_RATE_LIMIT_IP sign-ins, while other traffic from the IP goes on', async () => {
      const answers = [];
      for (let attempt = 0; attempt < 6; attempt += 1) answers.push(await guess());
      expect(answers.map((answer) => [answer.status, answer.body.errors?.[0].extensions?.code])).toEqual([
        [200, 'UNAUTHENTICATED'],
        [200, 'UNAUTHENTICATED'],
        [200, 'UNAUTHENTICATED'],
        [200, 'UNAUTHENTICATED'],
        [429, 'RATE_LIMITED'],
        [429, 'RATE_LIMITED'],
      ]);
      // the right password is refused too now: the limit is on sign-ins from the IP, not on wrong passwords
      const right = await post(url, JSON.stringify({ query: 'mutation($p: String!, $w: String!) { login(phone: $p, password: $w) { token } }', variables: { p: world.stack.admin.phone, w: world.stack.admin.password } }));
      expect(right.status).toBe(429);
      // reads by a signed-in caller from the same IP are not counted
      const read = await graphql<{ me: { kind: string } }>(url, '{ me { kind } }');
      expect(read.data).toEqual({ me: { kind: 'ADMIN' } });
    });

    it('refuses several sign-ins in one request (aliases) before trying any', async () => {
      const aliased = await post(url, JSON.stringify({ query: 'mutation { a: login(phone: "13600000001", password: "x1") { token } b: login(phone: "13600000001", password: "x2") { token } }' }));
      expect(aliased.status).toBe(400);
      expect(aliased.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('rotation to a derived subgraph key (派生密钥轮换)', () => {
    const NEW_MASTER = randomBytes(32).toString('base64url');
    const unitName = async () => (await graphqlData<{ orgUnit: { name: string } }>(url, 'query($id: ID!) { orgUnit(id: $id) { name } }', { id: world.units.qingxi })).orgUnit.name;

    afterAll(async () => {
      // back to the stack's secret for the gateway (org keeps accepting it as the previous one)
      await world.stack.restart('gateway', { STEWARD_SIGNING_SECRET: world.stack.signingSecret });
    });

    it('lets org run on its derived key alone, accepting the old master’s signatures during the rotation', async () => {
      // 1. org gets its key derived from the new master, and the old master as the previous secret; no master of its own
      await world.stack.restart('org', {
        STEWARD_SIGNING_SECRET: '',
        STEWARD_SUBGRAPH_SIGNING_KEY: deriveSubgraphKey(NEW_MASTER, 'org'),
        STEWARD_SIGNING_SECRET_PREVIOUS: world.stack.signingSecret,
      });
      expect(await unitName()).toBe('清溪镇');
      // 2. the gateway signs with the new master: org accepts it
      await world.stack.restart('gateway', { STEWARD_SIGNING_SECRET: NEW_MASTER });
      expect(await unitName()).toBe('清溪镇');
      // members was not given the new key yet: it refuses what the gateway now signs
      const members = await graphql(url, '{ members(first: 1) { totalCount } }');
      expect(members.errors).toBeDefined();
    });
  });

  describe('readiness (就绪检查)', () => {
    it('is ready with the members replica and every subgraph, and says which subgraph is not', async () => {
      const gateway = new URL('/health/ready', url);
      const ready = await fetch(gateway);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        status: 'ok',
        checks: { 'members-replica': 'up', org: 'up', members: 'up', tickets: 'up', visits: 'up', assessment: 'up', notifications: 'up' },
      });
      await world.stack.kill('assessment');
      const notReady = await waitFor(
        async () => {
          const response = await fetch(gateway);
          return response.status === 503 ? ((await response.json()) as { checks: Record<string, string> }) : undefined;
        },
        { description: 'the gateway noticing assessment is gone' },
      );
      expect(notReady.checks).toMatchObject({ assessment: 'down', org: 'up' });
    });
  });
});
