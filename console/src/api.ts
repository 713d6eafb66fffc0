import type { TypedDocumentString } from './gql/graphql';

/** A GraphQL error as the gateway sends it: `extensions.code` is the stable part. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'steward.console.session';

export interface Session {
  token: string;
  expiresAt: string;
}

type SessionListener = (session: Session | null, reason?: string) => void;
const listeners = new Set<SessionListener>();
let current: Session | null = readStoredSession();

function readStoredSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(TOKEN_KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    return Date.parse(session.expiresAt) > Date.now() ? session : null;
  } catch {
    return null;
  }
}

export function getSession(): Session | null {
  return current;
}

/** Stores (or drops, with the reason shown on the sign-in page) the session, and tells the app. */
export function setSession(session: Session | null, reason?: string): void {
  current = session;
  if (session) sessionStorage.setItem(TOKEN_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(TOKEN_KEY);
  for (const listener of listeners) listener(session, reason);
}

export function onSessionChange(listener: SessionListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const EXPIRED = '登录已过期，请重新登录';

/** Chinese text for an error code; the server's message stays the detail. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    switch (error.code) {
      case 'CONFLICT':
        return `工单已被他人更新，请刷新后重试（${error.message}）`;
      case 'FORBIDDEN':
        return `无权执行此操作（${error.message}）`;
      case 'BAD_USER_INPUT':
        return `输入有误：${error.message}`;
      case 'NOT_FOUND':
        return `未找到：${error.message}`;
      case 'RATE_LIMITED':
        return '操作过于频繁，请稍后重试';
      case 'UNAUTHENTICATED':
        return EXPIRED;
      default:
        return error.message;
    }
  }
  return error instanceof Error ? error.message : String(error);
}

/** Runs one operation against the gateway's /graphql (same origin) with the session's token. */
export async function request<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]): Promise<TResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const session = current;
  if (session) headers.authorization = `Bearer ${session.token}`;
  const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }) });
  let body: { data?: TResult | null; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new ApiError(`网关返回 ${response.status}`, 'TRANSPORT');
  }
  const error = body.errors?.[0];
  // A field the caller may not read (a member outside their units on a timeline) is null beside its error:
  // the answer stands when every root field came back; otherwise the first error is the answer.
  const complete = body.data && Object.values(body.data as Record<string, unknown>).every((value) => value !== null);
  if (error && !complete) {
    const code = error.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    // an expired or revoked token: back to the sign-in page, cleanly
    if (code === 'UNAUTHENTICATED' && session) setSession(null, EXPIRED);
    throw new ApiError(error.message, code);
  }
  if (!body.data) throw new ApiError(`网关返回 ${response.status}`, 'TRANSPORT');
  return body.data;
}

/** Downloads an evidence file with the token (an <img> cannot send it) as an object URL. */
export async function evidenceUrl(downloadPath: string): Promise<string> {
  const session = current;
  const response = await fetch(downloadPath, { headers: session ? { authorization: `Bearer ${session.token}` } : {} });
  if (!response.ok) throw new ApiError(`证据下载失败 (${response.status})`, 'TRANSPORT');
  return URL.createObjectURL(await response.blob());
}
