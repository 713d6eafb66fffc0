import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { pageArgsOf, selectsField } from './selection';

/** The `info` parts of the first root field of `query`. */
function infoOf(query: string) {
  const document = parse(query);
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
  );
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments };
}

describe('selectsField', () => {
  it.each([
    ['directly', '{ orgUnits { totalCount edges { node { id } } } }', true],
    ['under an alias', '{ orgUnits { n: totalCount } }', true],
    ['in an inline fragment', '{ orgUnits { ... on OrgUnitConnection { totalCount } } }', true],
    ['in a named fragment', '{ orgUnits { ...Counted } } fragment Counted on OrgUnitConnection { totalCount }', true],
    ['not at all', '{ orgUnits { edges { node { id } } pageInfo { hasNextPage } } }', false],
    ['only deeper down (a nested connection)', '{ orgUnits { edges { node { tickets { totalCount } } } } }', false],
  ])('%s', (_label, query, expected) => {
    expect(selectsField(infoOf(query), 'totalCount')).toBe(expected);
  });
});

describe('pageArgsOf', () => {
  it('marks the page arguments with the selection', () => {
    expect(pageArgsOf({ first: 5 }, infoOf('{ members { totalCount } }'))).toEqual({ first: 5, countTotal: true });
    expect(pageArgsOf({ first: 5, after: 'c' }, infoOf('{ members { edges { cursor } } }'))).toEqual({ first: 5, after: 'c', countTotal: false });
  });
});
