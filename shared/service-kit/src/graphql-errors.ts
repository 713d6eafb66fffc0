import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError } from '@steward/errors';
import type { GraphQLFormattedError } from 'graphql';

const PUBLIC_APOLLO_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
]);

/**
 * Gives every error a stable `extensions.code`: domain errors keep their code
 * and details; anything unexpected becomes INTERNAL_SERVER_ERROR, with its
 * message and stack hidden in production.
 */
export function createErrorFormatter(isProduction: boolean, onInternalError: (error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof DomainError) {
      return {
        message: original.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: original.code, ...original.details },
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PUBLIC_APOLLO_CODES.has(code)) {
      return isProduction ? { ...formatted, extensions: { code } } : formatted;
    }
    onInternalError(original);
    return {
      message: isProduction ? 'Internal server error' : formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
