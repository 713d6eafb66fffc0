import type { ApolloServer } from '@apollo/server';
import type { GatewayContext } from '../subgraph-source';

/** One GraphQL error as an answer carries it. */
export interface OperationError {
  message: string;
  extensions?: Record<string, unknown>;
}

/** An operation that answered errors: the HTTP status a download or import answers with, and the errors. */
export class OperationFailed extends Error {
  constructor(
    readonly status: number,
    readonly errors: readonly OperationError[],
  ) {
    super(errors.map((error) => error.message).join('; '));
  }
}

/** The HTTP status of an answer's errors: the first error's code decides. */
export function statusOfErrors(errors: readonly OperationError[]): number {
  switch (errors[0]?.extensions?.code) {
    case 'BAD_USER_INPUT':
    case 'GRAPHQL_VALIDATION_FAILED':
      return 400;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'RATE_LIMITED':
      return 429;
    default:
      return 502;
  }
}

export type RunOperation = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

/**
 * Runs GraphQL operations as the caller: through the gateway's own server
 * (`executeOperation`: validation rules, cost limit, query planning), with
 * the caller's principal in the context, so every subgraph request is signed
 * for the caller and each subgraph checks permissions, scope and PII masking
 * as for any client. The route itself authenticated the token and rate
 * limited the caller (like `/graphql`).
 */
export function callerOperations(server: ApolloServer<GatewayContext>, context: GatewayContext): RunOperation {
  return async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const response = await server.executeOperation<Record<string, unknown>>({ query, variables }, { contextValue: context });
    if (response.body.kind !== 'single') throw new OperationFailed(502, [{ message: 'unexpected incremental answer', extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    const { data, errors } = response.body.singleResult;
    if (errors && errors.length > 0) {
      const plain = errors.map((error) => ({ message: error.message, extensions: error.extensions as Record<string, unknown> | undefined }));
      throw new OperationFailed(statusOfErrors(plain), plain);
    }
    return data as T;
  };
}
