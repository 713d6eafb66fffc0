import { Kind, parse, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type OperationTypeNode, type SelectionSetNode } from 'graphql';

/** The operation of a document a request runs: the one named `operationName`, else the only one. */
export function operationOf(document: DocumentNode, operationName: string | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  return operationName === undefined ? (operations.length === 1 ? operations[0] : undefined) : operations.find((candidate) => candidate.name?.value === operationName);
}

/**
 * The fields an operation selects at its root, each selection once (aliases
 * of one field count apart), through inline fragments and fragment spreads.
 */
export function rootFieldNames(document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const names = (selectionSet: SelectionSetNode, seen: ReadonlySet<string>): string[] =>
    selectionSet.selections.flatMap((selection) => {
      if (selection.kind === Kind.FIELD) return [selection.name.value];
      if (selection.kind === Kind.INLINE_FRAGMENT) return names(selection.selectionSet, seen);
      const fragment = fragments.get(selection.name.value);
      return fragment && !seen.has(fragment.name.value) ? names(fragment.selectionSet, new Set([...seen, fragment.name.value])) : [];
    });
  return names(operation.selectionSet, new Set());
}

/**
 * How many of `fields` the `type` operation of a GraphQL request body selects
 * at its root: 0 for any other operation, and for a body that is not a GraphQL
 * request (Apollo refuses it later). Only a query text that names one of the
 * fields is parsed.
 */
export function rootFieldCount(body: unknown, fields: ReadonlySet<string>, type: OperationTypeNode): number {
  if (typeof body !== 'object' || body === null || !('query' in body) || typeof body.query !== 'string') return 0;
  const { query } = body;
  if (![...fields].some((field) => query.includes(field))) return 0;
  let document: DocumentNode;
  try {
    document = parse(query, { noLocation: true });
  } catch {
    return 0;
  }
  const operationName = 'operationName' in body && typeof body.operationName === 'string' ? body.operationName : undefined;
  const operation = operationOf(document, operationName);
  if (!operation || operation.operation !== type) return 0;
  return rootFieldNames(document, operation).filter((name) => fields.has(name)).length;
}
