import { OperationTypeNode } from 'graphql';
import { rootFieldCount } from './root-fields';

/** The mutations that check a password or client secret. */
export const SIGN_IN_FIELDS: ReadonlySet<string> = new Set(['login', 'serviceLogin']);

/** The query a resident runs without signing in (进度查询): each one checks four digits of a phone. */
export const PROGRESS_LOOKUP_FIELDS: ReadonlySet<string> = new Set(['ticketProgress']);

/**
 * How many sign-in fields (`login`, `serviceLogin`, aliases included) the
 * operation of a GraphQL request body selects at its root: 0 for anything
 * else, including a body that is not a GraphQL request.
 */
export function signInFieldCount(body: unknown): number {
  return rootFieldCount(body, SIGN_IN_FIELDS, OperationTypeNode.MUTATION);
}

/** How many progress lookups (`ticketProgress`, aliases included) the query of a request body selects at its root. */
export function progressLookupCount(body: unknown): number {
  return rootFieldCount(body, PROGRESS_LOOKUP_FIELDS, OperationTypeNode.QUERY);
}
