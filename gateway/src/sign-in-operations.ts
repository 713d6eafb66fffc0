import { Kind, parse, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/** The mutations that check a password or client secret. */
export const SIGN_IN_FIELDS: ReadonlySet<string> = new Set(['login', 'serviceLogin']);

/**
 * How many sign-in fields (`login`, `serviceLogin`, aliases included) the
 * operation of a GraphQL request body selects at its root: 0 for anything
 * else, including a body that is not a GraphQL request (Apollo refuses it
 * later). Only a query text that names a sign-in field is parsed.
 */
export function signInFieldCount(body: unknown): number {
  if (typeof body !== 'object' || body === null || !('query' in body) || typeof body.query !== 'string') return 0;
  const { query } = body;
  if (![...SIGN_IN_FIELDS].some((field) => query.includes(field))) return 0;
  let document: DocumentNode;
  try {
    document = parse(query, { noLocation: true });
  } catch {
    return 0;
  }
  const operationName = 'operationName' in body && typeof body.operationName === 'string' ? body.operationName : undefined;
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName === undefined ? (operations.length === 1 ? operations[0] : undefined) : operations.find((candidate) => candidate.name?.value === operationName);
  if (!operation || operation.operation !== 'mutation') return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);

  const count = (selectionSet: SelectionSetNode, seen: ReadonlySet<string>): number =>
    selectionSet.selections.reduce((total, selection) => {
      if (selection.kind === Kind.FIELD) return total + (SIGN_IN_FIELDS.has(selection.name.value) ? 1 : 0);
      if (selection.kind === Kind.INLINE_FRAGMENT) return total + count(selection.selectionSet, seen);
      const fragment = fragments.get(selection.name.value);
      return fragment && !seen.has(fragment.name.value) ? total + count(fragment.selectionSet, new Set([...seen, fragment.name.value])) : total;
    }, 0);
  return count(operation.selectionSet, new Set());
}
