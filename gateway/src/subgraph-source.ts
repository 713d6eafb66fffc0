import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ANONYMOUS, signUserContext, type Principal } from '@steward/auth';
import type { Secret } from '@steward/service-kit';

export interface GatewayContext {
  principal: Principal;
}

/** Forwards every subgraph request with the caller's context, signed with the shared HMAC secret. */
export class SignedSubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly secret: Secret,
  ) {
    // Node's fetch (undici) pools keep-alive connections per subgraph origin.
    super({ url, fetcher: fetch });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const principal = 'principal' in context && context.principal ? context.principal : ANONYMOUS;
    for (const [name, value] of Object.entries(signUserContext(principal, this.secret.reveal()))) request.http?.headers.set(name, value);
  }
}
