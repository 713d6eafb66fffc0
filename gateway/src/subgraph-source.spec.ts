import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Principal } from '@steward/auth';
import { sharingKeyOf, type GatewayContext } from './subgraph-source';

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
