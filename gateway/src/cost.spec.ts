import { ApolloGateway } from '@apollo/gateway';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  getVariableValues,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  parse,
  validate,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { costDirectivesOf, DEFAULT_LIST_SIZE, estimateCost, type CostDirectives } from './cost';

const SDL = `
  directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION
  directive @cost(weight: Int!) on FIELD_DEFINITION
  type Query {
    units(first: Int = 20, after: String): UnitConnection! @listSize(slicingArguments: ["first"], sizedFields: ["edges"], requireOneSlicingArgument: false)
    unit(id: ID!): Unit
    tags: [String!]! @listSize(assumedSize: 6)
    search(first: Int, last: Int): [Unit!]! @listSize(slicingArguments: ["first", "last"], assumedSize: 7, requireOneSlicingArgument: false)
    everything: [Unit!]!
    expensive: Unit @cost(weight: 10)
    node: Node
  }
  interface Node { id: ID! }
  type UnitConnection { edges: [UnitEdge!]! totalCount: Int! }
  type UnitEdge { cursor: String! node: Unit! }
  type Unit implements Node {
    id: ID!
    name: String!
    parent: Unit
    children(first: Int = 50): [Unit!]! @listSize(slicingArguments: ["first"], requireOneSlicingArgument: false)
    ancestors: [Unit!]! @listSize(assumedSize: 5)
    tickets(first: Int = 20): TicketConnection! @listSize(slicingArguments: ["first"], sizedFields: ["edges"], requireOneSlicingArgument: false)
  }
  type TicketConnection { edges: [TicketEdge!]! }
  type TicketEdge { node: Ticket! }
  type Ticket implements Node { id: ID! title: String! }
`;

const schema = buildSchema(SDL);
const directives = costDirectivesOf(SDL);

function costOf(target: GraphQLSchema, costDirectives: CostDirectives, query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  expect(validate(target, document)).toEqual([]);
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  if (!operation) throw new Error('no operation');
  const coerced = getVariableValues(target, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) throw coerced.errors[0];
  return estimateCost({ schema: target, document, operation, variables: coerced.coerced, directives: costDirectives, defaultListSize: DEFAULT_LIST_SIZE });
}
const cost = (query: string, variables: Record<string, unknown> = {}) => costOf(schema, directives, query, variables);

describe('costDirectivesOf', () => {
  it('reads @listSize and @cost off the fields', () => {
    expect(directives.listSizes.get('Query.units')).toEqual({ slicingArguments: ['first'], sizedFields: ['edges'], requireOneSlicingArgument: false });
    expect(directives.listSizes.get('Unit.ancestors')).toEqual({ assumedSize: 5, requireOneSlicingArgument: true });
    expect(directives.weights.get('Query.expensive')).toBe(10);
  });
});

describe('estimateCost', () => {
  it.each([
    ['an object and its scalars', '{ unit(id: "u") { id name } }', 1],
    ['nested objects', '{ unit(id: "u") { parent { parent { id } } } }', 3],
    ['__typename and introspection, nothing', '{ __typename __schema { types { name fields { name } } } }', 0],
    ['a list of scalars, nothing', '{ tags }', 0],
    ['a connection page: its edges times the page size', '{ units(first: 10) { edges { node { id } } } }', 1 + 10 * 2],
    ['a connection with the default page size', '{ units { edges { node { id } } totalCount } }', 1 + 20 * 2],
    ['a connection with first: null, as its default', '{ units(first: null) { edges { node { id } } } }', 1 + 20 * 2],
    ['a list with an assumed size', '{ unit(id: "u") { ancestors { id } } }', 1 + 5],
    ['a sliced list with its default', '{ unit(id: "u") { children { id } } }', 1 + 50],
    ['the larger of two slicing arguments', '{ search(first: 3, last: 9) { id } }', 9],
    ['a sliced list without its argument: its assumed size', '{ search { id } }', 7],
    ['a list without @listSize: the default size', '{ everything { id } }', DEFAULT_LIST_SIZE],
    ['a @cost weight', '{ expensive { id } }', 10],
    ['nested pages multiply', '{ units(first: 200) { edges { node { tickets(first: 200) { edges { node { id } } } } } } }', 1 + 200 * (1 + 1 + 1 + 200 * 2)],
    ['fragments like fields', '{ units(first: 10) { ...page } } fragment page on UnitConnection { edges { node { ... on Unit { children(first: 2) { id } } } } }', 1 + 10 * (2 + 2)],
    ['fragments on an interface add up', '{ node { ... on Unit { parent { id } } ... on Ticket { id } } }', 2],
    ['a skipped field, nothing', '{ unit(id: "u") { id } expensive @skip(if: true) { id } }', 1],
  ])('counts %s', (_label, query, expected) => {
    expect(cost(query)).toBe(expected);
  });

  it('counts a page size given as a variable like the same literal, and a variable default like the argument default', () => {
    const literal = cost('{ units(first: 200) { edges { node { children(first: 100) { id } } } } }');
    expect(cost('query($n: Int, $m: Int) { units(first: $n) { edges { node { children(first: $m) { id } } } } }', { n: 200, m: 100 })).toBe(literal);
    expect(cost('query($n: Int = 200, $m: Int = 100) { units(first: $n) { edges { node { children(first: $m) { id } } } } }')).toBe(literal);
    // a variable left out falls back to the argument's schema default, as the subgraph does
    expect(cost('query($n: Int) { units(first: $n) { edges { node { id } } } }')).toBe(cost('{ units { edges { node { id } } } }'));
    expect(cost('query($skip: Boolean!) { expensive @skip(if: $skip) { id } }', { skip: false })).toBe(10);
    expect(cost('query($skip: Boolean!) { expensive @skip(if: $skip) { id } }', { skip: true })).toBe(0);
  });
});

describe('the supergraph', () => {
  const supergraphSdl = readFileSync(path.join(__dirname, '../supergraph.graphql'), 'utf8');
  const supergraphDirectives = costDirectivesOf(supergraphSdl);
  let api: GraphQLSchema;

  beforeAll(async () => {
    ({ schema: api } = await new ApolloGateway({ supergraphSdl }).load());
  });

  it('bounds every list of objects: each carries @listSize, or is the edges of a connection sized by its field', () => {
    const sizedByParent = new Set<string>();
    for (const [key, listSize] of supergraphDirectives.listSizes) {
      const [typeName, fieldName] = key.split('.');
      const type = api.getType(typeName);
      if (!isObjectType(type)) continue;
      const target = getNamedType(type.getFields()[fieldName].type);
      for (const sized of listSize.sizedFields ?? []) sizedByParent.add(`${target.name}.${sized}`);
    }
    const unbounded: string[] = [];
    for (const type of Object.values(api.getTypeMap())) {
      if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
      for (const field of Object.values(type.getFields())) {
        const key = `${type.name}.${field.name}`;
        const listOfObjects = isListType(getNullableType(field.type)) && !isLeafType(getNamedType(field.type));
        const connection = getNamedType(field.type).name.endsWith('Connection');
        if ((listOfObjects || connection) && !supergraphDirectives.listSizes.has(key) && !sizedByParent.has(key)) unbounded.push(key);
      }
    }
    expect(unbounded).toEqual([]);
  });

  it('gives the literal and the variable form of a nested page query the same cost, over the default limit of 5000', () => {
    const literal = costOf(api, supergraphDirectives, '{ orgUnits(first: 200) { edges { node { tickets(first: 200) { edges { node { id } } } } } } }');
    const variables = costOf(
      api,
      supergraphDirectives,
      'query($n: Int, $m: Int) { orgUnits(first: $n) { edges { node { tickets(first: $m) { edges { node { id } } } } } } }',
      { n: 200, m: 200 },
    );
    expect(variables).toBe(literal);
    expect(literal).toBeGreaterThan(5000);
    expect(costOf(api, supergraphDirectives, '{ orgUnits(first: 20) { edges { node { tickets(first: 20) { edges { node { id } } } } } } }')).toBeLessThan(5000);
  });

  it.each([
    ['children', '{ orgUnit(id: "x") { children { children { children { id } } } } }'],
    ['timeline', '{ tickets(first: 50) { edges { node { timeline { evidence { id } } } } } }'],
    ['duplicates', '{ tickets(first: 100) { edges { node { duplicates { duplicates { id } } } } } }'],
  ])('prices the lists that used to be unbounded (%s) by their bounds', (_label, query) => {
    expect(costOf(api, supergraphDirectives, query)).toBeGreaterThan(5000);
  });
});
