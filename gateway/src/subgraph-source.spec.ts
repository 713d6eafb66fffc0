import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { deriveSubgraphKey, encodePrincipal, userContextSigner, USER_CONTEXT_HEADER, verifyUserContext, type Principal } from '@steward/auth';
import { UrlPool } from './subgraph-pool';
import { isMutationBody, poolFetcher, sharingKeyOf, signingFetcher, type GatewayContext } from './subgraph-source';

const dispatcher: Principal = { kind: 'MEMBER', id: 'm-1', grants: [{ role: 'TOWNSHIP_DISPATCHER', unitId: 't1' }] };
const secretary: Principal = { kind: 'MEMBER', id: 'm-2', grants: [{ role: 'VILLAGE_SECRETARY', unitId: 'v1' }] };
const ENTITIES = 'query($representations:[_Any!]!){_entities(representations:$representations){...on Member{name}}}';

function fetchOf(operation: 'query' | 'mutation', principal: Principal, variables: Record<string, unknown> = { representations: [{ id: 'm-9' }] }) {
  return {
    kind: 'incoming operation',
    request: { query: ENTITIES, variables },
    context: { principal },
    incomingRequestContext: { operation: { operation } },
  } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;
}

describe('sharingKeyOf', () => {
  it('lets identical query fetches of one caller share a request', () => {
    expect(sharingKeyOf(fetchOf('query', dispatcher))).toBe(sharingKeyOf(fetchOf('query', dispatcher)));
  });

  it('keeps apart other callers, other variables, mutations and fetches outside an operation', () => {
    const key = sharingKeyOf(fetchOf('query', dispatcher));
    expect(sharingKeyOf(fetchOf('query', secretary))).not.toBe(key);
    expect(sharingKeyOf(fetchOf('query', dispatcher, { representations: [{ id: 'm-8' }] }))).not.toBe(key);
    expect(sharingKeyOf(fetchOf('mutation', dispatcher))).toBeUndefined();
    const healthCheck = { kind: 'health check', request: { query: '{__typename}' }, context: {} } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;
    expect(sharingKeyOf(healthCheck)).toBeUndefined();
  });
});

describe('signingFetcher', () => {
  const MASTER = 'the-gateway-master-secret-0123456789-abc';
  const body = JSON.stringify({ query: '{ me { id } }', variables: {} });

  async function sent(headers: Record<string, string>) {
    let captured: { url: string; headers: Record<string, string>; body: unknown } | undefined;
    const send = async (url: string, init?: { headers?: Record<string, string>; body?: unknown }) => {
      captured = { url, headers: init?.headers ?? {}, body: init?.body };
      return new Response('{}') as unknown as never;
    };
    await signingFetcher('tickets', userContextSigner(MASTER), send)('http://tickets/graphql', { method: 'POST', headers, body });
    if (!captured) throw new Error('nothing sent');
    return captured;
  }

  it('signs the principal of the user header for its subgraph over the exact body it sends', async () => {
    const request = await sent({ 'content-type': 'application/json', [USER_CONTEXT_HEADER]: encodePrincipal(dispatcher) });
    expect(request.body).toBe(body);
    expect(request.headers['content-type']).toBe('application/json');
    const tickets = { audience: 'tickets', keys: [deriveSubgraphKey(MASTER, 'tickets')] };
    expect(verifyUserContext(request.headers, body, tickets)).toEqual({ ok: true, principal: dispatcher });
    expect(verifyUserContext(request.headers, body.replace('me', 'you'), tickets)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    expect(verifyUserContext(request.headers, body, { audience: 'members', keys: [deriveSubgraphKey(MASTER, 'members')] })).toEqual({ ok: false, reason: 'WRONG_AUDIENCE' });
  });

  it('signs a request without a user header as anonymous', async () => {
    const request = await sent({});
    expect(verifyUserContext(request.headers, body, { audience: 'tickets', keys: [deriveSubgraphKey(MASTER, 'tickets')] })).toEqual({ ok: true, principal: { kind: 'ANONYMOUS' } });
  });
});

describe('isMutationBody', () => {
  it.each([
    ['a query', JSON.stringify({ query: 'query($id: ID!) { ticket(id: $id) { id } }', variables: { id: 't' } }), false],
    ['an anonymous query', JSON.stringify({ query: '{ me { id } }' }), false],
    ['an entities fetch', JSON.stringify({ query: ENTITIES, variables: { representations: [] } }), false],
    ['a mutation', JSON.stringify({ query: 'mutation($id: ID!) { acceptTicket(id: $id) { id } }' }), true],
    ['a body that is no JSON', 'not json', true],
    ['a body without a query', JSON.stringify({ variables: {} }), true],
    ['a query that does not parse', JSON.stringify({ query: '{ me { ' }), true],
  ])('%s', (_label, body, expected) => {
    expect(isMutationBody(body)).toBe(expected);
  });
});

describe('poolFetcher', () => {
  const MASTER = 'the-gateway-master-secret-0123456789-abc';
  const ONE = 'http://127.0.0.1:4003/graphql';
  const TWO = 'http://127.0.0.1:6003/graphql';
  const QUERY = JSON.stringify({ query: '{ me { id } }' });
  const MUTATION = JSON.stringify({ query: 'mutation { signOut }' });

  /** A send whose first call fails with `code` (as undici's fetch does), later calls answer; records URLs and headers. */
  function failingOnce(code: string) {
    const calls: { url: string; headers: Record<string, string> }[] = [];
    const send = async (url: string, init?: { headers?: Record<string, string> }) => {
      calls.push({ url, headers: init?.headers ?? {} });
      if (calls.length === 1) throw new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
      return new Response('{}') as unknown as never;
    };
    return { calls, send };
  }

  it.each([
    ['a refused query', 'ECONNREFUSED', QUERY, [ONE, TWO]],
    ['a refused mutation (it never reached the app)', 'ECONNREFUSED', MUTATION, [ONE, TWO]],
    ['a query reset before the response', 'ECONNRESET', QUERY, [ONE, TWO]],
    ['a mutation reset before the response (not retried: it may have run)', 'ECONNRESET', MUTATION, [ONE]],
  ])('sends %s to the instances it should', async (_label, code, body, urls) => {
    const { calls, send } = failingOnce(code);
    const fetcher = signingFetcher('tickets', userContextSigner(MASTER), poolFetcher(new UrlPool([ONE, TWO]), undefined, send));
    const sent = fetcher('http://ignored/graphql', { method: 'POST', headers: { [USER_CONTEXT_HEADER]: encodePrincipal(dispatcher) }, body });
    if (urls.length === 2) await expect(sent).resolves.toBeDefined();
    else await expect(sent).rejects.toThrow('fetch failed');
    expect(calls.map(({ url }) => url)).toEqual(urls);
    // one signature for the subgraph, whichever instance gets it
    const tickets = { audience: 'tickets', keys: [deriveSubgraphKey(MASTER, 'tickets')] };
    for (const call of calls) expect(verifyUserContext(call.headers, body, tickets)).toEqual({ ok: true, principal: dispatcher });
  });

  it('goes round the instances and leaves out the one that refused until a poll finds it ready', async () => {
    const pool = new UrlPool([ONE, TWO]);
    const { calls, send } = failingOnce('ECONNREFUSED');
    const fetcher = poolFetcher(pool, undefined, send);
    for (let request = 0; request < 3; request++) await fetcher(ONE, { method: 'POST', body: QUERY });
    expect(calls.map(({ url }) => url)).toEqual([ONE, TWO, TWO, TWO]);
    pool.report(ONE, true);
    await fetcher(ONE, { method: 'POST', body: QUERY });
    await fetcher(ONE, { method: 'POST', body: QUERY });
    expect(calls.slice(4).map(({ url }) => url).sort()).toEqual([ONE, TWO]);
  });
});
