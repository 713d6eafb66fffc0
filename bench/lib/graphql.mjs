// A minimal GraphQL client for benchmark set-up (load itself goes through autocannon).
// `headers` are fixed (a bearer token) or a function of `{ url, body }`: the
// signed user context of a direct subgraph call covers the subgraph and the body
// (tools/stack.cjs `signedHeaders`).
export async function gql(url, query, variables = {}, headers = {}) {
  const request = JSON.stringify({ query, variables });
  const credentials = typeof headers === 'function' ? await headers({ url, body: request }) : headers;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...credentials },
    body: request,
  });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`HTTP ${response.status} from ${url}: ${text.slice(0, 200)}`);
  }
  if (body.errors?.length) {
    const error = new Error(body.errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; '));
    error.codes = body.errors.map((e) => e.extensions?.code);
    throw error;
  }
  return body.data;
}

/**
 * An endpoint with its credentials: `api.call(query, variables)`. `headers`
 * may be a function, for credentials that must be fresh on every call (the
 * signed user context of direct subgraph calls is valid for 60 s).
 */
export function endpoint(url, headers = {}) {
  const current = () => (typeof headers === 'function' ? headers() : headers);
  return { url, headers: current, call: (query, variables = {}) => gql(url, query, variables, current()) };
}

/** Retries while the services are still learning about new units or roles from the state topics. */
export async function eventually(action, { timeoutMs = 30_000, intervalMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await action();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
