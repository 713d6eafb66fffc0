import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ANONYMOUS, signUserContext, type Principal } from '@steward/auth';
import type { Secret } from '@steward/service-kit';
import { Inflight } from './inflight';

export interface GatewayContext {
  principal: Principal;
}

type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

function principalOf(context: GatewayContext | Record<string, unknown>): Principal {
  return 'principal' in context && context.principal ? (context.principal as Principal) : ANONYMOUS;
}

/**
 * The key under which a subgraph fetch may share its request with identical
 * ones in flight: only fetches of a query operation (a mutation's fetches run
 * on their own, so that no read started before the write answers after it),
 * per caller (subgraphs scope what they return to the signed principal).
 */
export function sharingKeyOf(options: GraphQLDataSourceProcessOptions<GatewayContext>): string | undefined {
  // only fetches for an incoming operation carry it (not health checks or schema loading)
  if (!('incomingRequestContext' in options) || options.incomingRequestContext.operation?.operation !== 'query') return undefined;
  const { query, variables } = options.request;
  return JSON.stringify([principalOf(options.context), query, variables ?? null]);
}

/** The parts the gateway merges into its result are copied; the HTTP response (read for its headers) is shared. */
function copyOf(response: SubgraphResponse): SubgraphResponse {
  return { ...response, data: structuredClone(response.data), errors: structuredClone(response.errors), extensions: structuredClone(response.extensions) };
}

/**
 * Forwards every subgraph request with the caller's context, signed with the
 * shared HMAC secret. With `deduplicateInflight`, identical query fetches of
 * one caller in flight at the same moment share one subgraph request (as Hive
 * Gateway does by default): a dashboard opened by many clients at once, or a
 * list whose entities repeat, costs the subgraph one call.
 */
export class SignedSubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly inflight = new Inflight<SubgraphResponse>(copyOf);

  constructor(
    url: string,
    private readonly secret: Secret,
    private readonly deduplicateInflight = true,
  ) {
    // Node's fetch (undici) pools keep-alive connections per subgraph origin.
    super({ url, fetcher: fetch });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    for (const [name, value] of Object.entries(signUserContext(principalOf(context), this.secret.reveal()))) request.http?.headers.set(name, value);
  }

  override process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    const key = this.deduplicateInflight ? sharingKeyOf(options) : undefined;
    return key === undefined ? super.process(options) : this.inflight.run(key, () => super.process(options));
  }
}
