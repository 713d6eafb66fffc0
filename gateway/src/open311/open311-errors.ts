/**
 * Errors of the Open311 GeoReport v2 adapter in the specification's format
 * (`[{"code":403,"description":"…"}]`): the HTTP status is the code. Pure: no
 * express, no I/O.
 */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 429 | 500 | 503,
    readonly description: string,
    /** UNAUTHENTICATED when the token or key was refused (not a missing permission) */
    readonly reason?: 'UNAUTHENTICATED',
  ) {
    super(description);
  }
}

/** One GraphQL error as the gateway answers it. */
export interface GraphQLErrorLike {
  message: string;
  extensions?: { code?: unknown };
}

/** What a client may be told when the masked 500 answers. */
export const INTERNAL_ERROR = 'Internal error (系统内部错误): retry later; the gateway logged the cause';

/**
 * The Open311 error for the first GraphQL error of an answer: input errors
 * carry the subgraph's own message (it names the field, never personal data),
 * FORBIDDEN and UNAUTHENTICATED are 403, NOT_FOUND 404, RATE_LIMITED (or HTTP
 * 429) 429, anything else a masked 500.
 */
export function open311ErrorOf(errors: readonly GraphQLErrorLike[], httpStatus = 200): Open311Error {
  const first = errors[0];
  const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : undefined;
  if (httpStatus === 429 || code === 'RATE_LIMITED') return new Open311Error(429, 'Too many requests (请求过于频繁): slow down and retry later');
  switch (code) {
    case 'BAD_USER_INPUT':
      return new Open311Error(400, first.message);
    case 'UNAUTHENTICATED':
      return new Open311Error(403, 'api_key is not valid (接口密钥无效)', 'UNAUTHENTICATED');
    case 'FORBIDDEN':
      return new Open311Error(403, `The service account of this api_key may not do this (接口账号权限不足): ${first.message}`);
    case 'NOT_FOUND':
      return new Open311Error(404, first.message);
    default:
      return new Open311Error(500, INTERNAL_ERROR);
  }
}
