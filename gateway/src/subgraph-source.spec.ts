import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { deriveSubgraphKey, encodePrincipal, userContextSigner, USER_CONTEXT_HEADER, verifyUserContext, type Principal } from '@steward/auth';
import { sharingKeyOf, signingFetcher, type GatewayContext } from './subgraph-source';

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
