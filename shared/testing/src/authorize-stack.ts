import { useCredentials, type CredentialRequest } from './graphql-client';

type Principal = Record<string, unknown>;

/** The part of tools/stack.cjs's stack that credentials need. */
export interface AuthorizableStack {
  url?: string;
  subgraphUrl(name: string): string;
  /** every instance's URL of a subgraph (a stack with several instances) */
  subgraphUrls?(name: string): string[];
  signedHeaders(principal?: Principal, now?: number): (request: CredentialRequest) => Record<string, string>;
  login(phone?: string, password?: string): Promise<Record<string, string>>;
}

const SUBGRAPH_NAMES = ['org', 'members', 'tickets', 'visits', 'assessment', 'notifications'];
const TOKEN_REFRESH_MS = 10 * 60_000;

/**
 * Lets tests call a stack as its administrator by default: direct subgraph
 * calls (to any instance started so far) carry a user context signed for that subgraph and body at the time of
 * the call, gateway calls the bearer token of
 * the bootstrap administrator (signed in once, again after ten minutes).
 * Tests about access pass their own headers.
 */
export function authorizeStack(stack: AuthorizableStack): void {
  for (const name of SUBGRAPH_NAMES) {
    for (const url of stack.subgraphUrls?.(name) ?? [stack.subgraphUrl(name)]) useCredentials(url, (request) => stack.signedHeaders()(request));
  }
  const gatewayUrl = stack.url;
  if (!gatewayUrl) return;
  let token: { headers: Promise<Record<string, string>>; at: number } | null = null;
  useCredentials(gatewayUrl, () => {
    if (!token || Date.now() - token.at > TOKEN_REFRESH_MS) token = { headers: stack.login(), at: Date.now() };
    return token.headers;
  });
}
