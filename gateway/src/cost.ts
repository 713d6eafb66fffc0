import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  parse,
  valueFromASTUntyped,
  type DirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * The operation cost the gateway refuses above its limit, estimated before any
 * subgraph is called, from the operation, its variables and the cost
 * directives of the schema (Apollo's demand-control model, the IBM GraphQL
 * cost spec):
 * - a field returning an object costs 1, a scalar or enum 0, unless `@cost(weight:)` says otherwise;
 * - a list multiplies its element's cost by its size: the value of its slicing
 *   argument (`@listSize(slicingArguments: ["first"])`: given as a literal, a
 *   variable, null or left to the argument's default, it counts the same), else
 *   `@listSize(assumedSize:)`, else `defaultListSize`;
 * - a connection's slicing argument sizes its `sizedFields` (`edges`);
 * - fragments count fully (on a union or interface, fragments for different
 *   types add up: an upper bound), `@skip`/`@include` are honoured, and
 *   introspection and `__typename` cost nothing.
 */
/** The size assumed for a list without @listSize (every list of the supergraph has one: gateway/src/cost.spec.ts checks). */
export const DEFAULT_LIST_SIZE = 100;

export interface ListSize {
  assumedSize?: number;
  slicingArguments?: string[];
  sizedFields?: string[];
  requireOneSlicingArgument: boolean;
}

export interface CostDirectives {
  /** `Type.field` → its @listSize */
  listSizes: Map<string, ListSize>;
  /** `Type.field` → its @cost weight */
  weights: Map<string, number>;
}

/** Reads `@listSize` and `@cost` off the supergraph SDL, where composition keeps them on each field. */
export function costDirectivesOf(supergraphSdl: string): CostDirectives {
  const listSizes = new Map<string, ListSize>();
  const weights = new Map<string, number>();
  for (const definition of parse(supergraphSdl, { noLocation: true }).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    for (const field of definition.fields ?? []) {
      const key = `${definition.name.value}.${field.name.value}`;
      for (const directive of field.directives ?? []) {
        const args = argumentsOf(directive);
        if (directive.name.value === 'listSize') {
          listSizes.set(key, {
            ...(typeof args.assumedSize === 'number' ? { assumedSize: args.assumedSize } : {}),
            ...(Array.isArray(args.slicingArguments) ? { slicingArguments: args.slicingArguments.map(String) } : {}),
            ...(Array.isArray(args.sizedFields) ? { sizedFields: args.sizedFields.map(String) } : {}),
            requireOneSlicingArgument: args.requireOneSlicingArgument !== false,
          });
        } else if (directive.name.value === 'cost' && typeof args.weight === 'number') {
          weights.set(key, args.weight);
        }
      }
    }
  }
  return { listSizes, weights };
}

function argumentsOf(directive: DirectiveNode): Record<string, unknown> {
  return Object.fromEntries((directive.arguments ?? []).map((argument) => [argument.name.value, valueFromASTUntyped(argument.value)]));
}

export interface CostInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** the operation's variables, coerced (their defaults applied) */
  variables: Record<string, unknown>;
  directives: CostDirectives;
  /** the size assumed for a list without @listSize */
  defaultListSize: number;
}

/** Sized child fields of a connection (its `edges`) and their size. */
interface Sizing {
  fields: ReadonlySet<string>;
  size: number;
}

export function estimateCost({ schema, document, operation, variables, directives, defaultListSize }: CostInput): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);

  const included = (node: { directives?: readonly DirectiveNode[] }): boolean => {
    if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
  };

  // An explicit null counts as the argument's default, as the services read it (`first ?? default`).
  const sizeOf = (listSize: ListSize | undefined, field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number => {
    const sliced = (listSize?.slicingArguments ?? [])
      .map((name) => args[name] ?? field.args.find((argument) => argument.name === name)?.defaultValue)
      .filter((value): value is number => typeof value === 'number');
    if (sliced.length > 0) return Math.max(0, ...sliced);
    return listSize?.assumedSize ?? defaultListSize;
  };

  const selectionCost = (parentType: GraphQLCompositeType, selectionSet: SelectionSetNode, sizing: Sizing | undefined): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.INLINE_FRAGMENT || selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
        if (!fragment) continue;
        const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : parentType;
        if (condition && isCompositeType(condition)) total += selectionCost(condition, fragment.selectionSet, sizing);
        continue;
      }
      const name = selection.name.value;
      if (name.startsWith('__')) continue; // __typename, introspection
      if (!isObjectType(parentType) && !isInterfaceType(parentType)) continue;
      const field: GraphQLField<unknown, unknown> | undefined = parentType.getFields()[name];
      if (!field) continue;
      const key = `${parentType.name}.${name}`;
      const listSize = directives.listSizes.get(key);
      const args = getArgumentValues(field, selection, variables);
      const namedType = getNamedType(field.type);
      const weight = directives.weights.get(key) ?? (isCompositeType(namedType) ? 1 : 0);
      const childSizing = listSize?.sizedFields ? { fields: new Set(listSize.sizedFields), size: sizeOf(listSize, field, args) } : undefined;
      const children = selection.selectionSet && isCompositeType(namedType) ? selectionCost(namedType, selection.selectionSet, childSizing) : 0;
      const one = weight + children;
      if (sizing?.fields.has(name)) total += sizing.size * one;
      else if (isListType(getNullableType(field.type)) && !childSizing) total += sizeOf(listSize, field, args) * one;
      else total += one;
    }
    return total;
  };

  const root = schema.getRootType(operation.operation);
  return root ? selectionCost(root, operation.selectionSet, undefined) : 0;
}
