export interface GraphQLResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; [key: string]: unknown } }[];
}

/** The request credentials are made for: a signed user context covers the subgraph (from the URL) and the exact body. */
export interface CredentialRequest {
  url: string;
  /** the exact body sent; empty for a GET */
  body?: string;
}

/** Headers made for one request (a signed user context, see tools/stack.cjs `signedHeaders`), or fixed ones (a bearer token). */
export type Credentials = Record<string, string> | ((request: CredentialRequest) => Record<string, string> | Promise<Record<string, string>>);

/** Default credentials per endpoint URL, used when a call passes no headers of its own. */
const defaultCredentials = new Map<string, Credentials>();

/**
 * Makes every `graphql(url, …)` without explicit headers call `url` with
 * these credentials (a signed user context for a subgraph, a bearer token for
 * the gateway). See `authorizeStack`.
 */
export function useCredentials(url: string, credentials: Credentials): void {
  defaultCredentials.set(url, credentials);
}

/** The headers `credentials` give for a request to `url` with `body` (a GET: none), e.g. for a plain `fetch`. */
export async function headersFor(credentials: Credentials, url: string | URL, body = ''): Promise<Record<string, string>> {
  return typeof credentials === 'function' ? credentials({ url: String(url), body }) : credentials;
}

/**
 * POSTs one GraphQL operation and returns the parsed response (errors included, not thrown).
 * `headers` given: exactly those (e.g. `{}` to call without credentials); omitted: the URL's default credentials.
 */
export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers?: Credentials,
): Promise<GraphQLResponse<T>> {
  const body = JSON.stringify({ query, variables });
  const credentials = headers ?? defaultCredentials.get(url);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(credentials ? await headersFor(credentials, url, body) : {}) },
    body,
  });
  return (await response.json()) as GraphQLResponse<T>;
}

/** Like `graphql` but fails on any GraphQL error, returning `data`. */
export async function graphqlData<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers?: Credentials,
): Promise<T> {
  const result = await graphql<T>(url, query, variables, headers);
  if (result.errors?.length || !result.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  }
  return result.data;
}
