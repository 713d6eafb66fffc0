/**
 * Codes of errors the caller caused (bad input, no right, not found, a
 * conflict, a limit, a request GraphQL could not parse, validate or resolve).
 * Any other code is an internal error: the gateway masks its message in
 * production, and the operation metrics count it as a server error.
 */
export const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set([
  'BAD_USER_INPUT',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);
