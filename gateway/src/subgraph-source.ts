import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ANONYMOUS, encodePrincipal, USER_CONTEXT_HEADER, type Principal, type UserContextSigner } from '@steward/auth';
import { REQUEST_ID_HEADER } from '@steward/service-kit/observability';
import { getOperationAST, parse } from 'graphql';
import { Inflight } from './inflight';
import { pooledFetch, subgraphAgent, type Fetcher } from './pooled-fetch';
import { sendThroughPool, type PoolRequest, type UrlPool } from './subgraph-pool';

export interface GatewayContext {
  principal: Principal;
  /** the request's id (`x-request-id`), forwarded to every subgraph request; not signed, not security relevant */
  requestId?: string;
}

type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;
type FetcherRequestInit = NonNullable<Parameters<Fetcher>[1]>;

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
 * A fetch that signs the user context for `audience` over the exact body it
 * sends. The principal travels in the user header set before (see
 * `SignedSubgraphSource.willSendRequest`); a request without one goes as anonymous.
 */
export function signingFetcher(audience: string, sign: UserContextSigner, send: Fetcher = fetch): Fetcher {
  return (url, init: FetcherRequestInit = {}) => {
    const headers = init.headers ?? {};
    const encoded = headers[USER_CONTEXT_HEADER] ?? encodePrincipal(ANONYMOUS);
    return send(url, { ...init, headers: { ...headers, ...sign({ encoded }, { audience, body: init.body }) } });
  };
}

/** Whether a subgraph request body (`{ query, variables }`) is a mutation; unreadable counts as one. */
export function isMutationBody(body: unknown): boolean {
  try {
    const { query } = JSON.parse(String(body)) as { query?: unknown };
    return typeof query !== 'string' || getOperationAST(parse(query))?.operation !== 'query';
  } catch {
    return true;
  }
}

/**
 * A fetch that sends each request to the next URL of `pool` (the URL it is
 * called with is ignored) and, after a refused connection, once more to the
 * next one; after a connection reset only a query is sent again (see
 * `sendThroughPool`). The signature covers the subgraph and the body, not the
 * URL, so a retried request carries the same headers.
 */
export function poolFetcher(pool: UrlPool, onDown: PoolRequest<unknown>['onDown'], send: Fetcher = fetch): Fetcher {
  return (_url, init) => {
    let retryAfterReset: boolean | undefined;
    return sendThroughPool(pool, {
      send: (url) => send(url, init),
      // read only after a reset, which is rare: the body is not parsed for every request
      retryAfterReset: () => (retryAfterReset ??= !isMutationBody(init?.body)),
      onDown,
    });
  };
}

/** One connection pool for every subgraph instance (undici keeps one pool per origin inside it). */
const SUBGRAPH_AGENT = subgraphAgent();

/**
 * Forwards every subgraph request with the caller's context, signed for this
 * subgraph over the request body, to its instances in turn (`poolFetcher`). With `deduplicateInflight`, identical query
 * fetches of one caller in flight at the same moment share one subgraph
 * request (as Hive Gateway does by default): a dashboard opened by many
 * clients at once, or a list whose entities repeat, costs the subgraph one call.
 */
export class SignedSubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly inflight = new Inflight<SubgraphResponse>(copyOf);

  constructor(
    name: string,
    pool: UrlPool,
    sign: UserContextSigner,
    private readonly deduplicateInflight = true,
    onDown?: PoolRequest<unknown>['onDown'],
  ) {
    // undici's pooled `request` keeps keep-alive connections per instance origin (SUBGRAPH_AGENT). The
    // signing is per subgraph (its name is the audience), whichever of its instances gets the request.
    super({ url: pool.urls[0], fetcher: signingFetcher(name, sign, poolFetcher(pool, onDown, pooledFetch(SUBGRAPH_AGENT))) });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    request.http?.headers.set(USER_CONTEXT_HEADER, encodePrincipal(principalOf(context)));
    if ('requestId' in context && typeof context.requestId === 'string' && context.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
  }

  override process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    const key = this.deduplicateInflight ? sharingKeyOf(options) : undefined;
    return key === undefined ? super.process(options) : this.inflight.run(key, () => super.process(options));
  }
}
