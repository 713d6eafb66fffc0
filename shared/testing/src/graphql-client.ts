export interface GraphQLResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; [key: string]: unknown } }[];
}

type HeaderProvider = () => Record<string, string> | Promise<Record<string, string>>;

/** Default credentials per endpoint URL, used when a call passes no headers of its own. */
const defaultCredentials = new Map<string, HeaderProvider>();

/**
 * Makes every `graphql(url, …)` without explicit headers call `url` with the
 * headers `provider` returns (a signed user context for a subgraph, a bearer
 * token for the gateway). See `authorizeStack`.
 */
export function useCredentials(url: string, provider: HeaderProvider): void {
  defaultCredentials.set(url, provider);
}

/**
 * POSTs one GraphQL operation and returns the parsed response (errors included, not thrown).
 * `headers` given: exactly those (e.g. `{}` to call without credentials); omitted: the URL's default credentials.
 */
export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers?: Record<string, string>,
): Promise<GraphQLResponse<T>> {
  const credentials = headers ?? (await defaultCredentials.get(url)?.()) ?? {};
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...credentials },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

/** Like `graphql` but fails on any GraphQL error, returning `data`. */
export async function graphqlData<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers?: Record<string, string>,
): Promise<T> {
  const result = await graphql<T>(url, query, variables, headers);
  if (result.errors?.length || !result.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  }
  return result.data;
}
