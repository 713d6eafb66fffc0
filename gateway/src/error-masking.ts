import { CLIENT_ERROR_CODES } from '@steward/service-kit/core';
import type { GraphQLFormattedError } from 'graphql';

/**
 * In production, errors keep their code and, for client errors, their message
 * and input details; internal errors become "Internal server error" without
 * stack, path into the code or the subgraph's message.
 */
export function maskErrorsForProduction(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : 'INTERNAL_SERVER_ERROR';
  if (CLIENT_ERROR_CODES.has(code)) {
    const { stacktrace: _stacktrace, exception: _exception, serviceName: _serviceName, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions: { ...extensions, code } };
  }
  return { message: 'Internal server error', ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
