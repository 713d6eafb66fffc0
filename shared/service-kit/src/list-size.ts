import { BadUserInputError } from '@steward/errors';

/**
 * How long each list field can get, declared on the field (Federation's
 * `@listSize`, composed into the supergraph): the gateway multiplies by it to
 * estimate an operation's cost and refuses one over its limit before any
 * subgraph runs it. Every list field carries one (a gateway test checks), and
 * the bound is kept by the service, so the estimate is true.
 */
export const listSize = {
  /** A connection paged by `first` (PageArgs, 1–200, default 20): the page size sizes its `edges`. */
  connection: '@listSize(slicingArguments: ["first"], sizedFields: ["edges"], requireOneSlicingArgument: false)',
  /** A list cut to the value of its argument `name` (its default when not given). */
  slicedBy: (name: string) => `@listSize(slicingArguments: ["${name}"], requireOneSlicingArgument: false)`,
  /** A list the service keeps at most `max` long (input validation, an enum, the org levels). */
  atMost: (max: number) => `@listSize(assumedSize: ${max})`,
};

/** The size of a list that is not paginated: `default` unless the caller asks for up to `max`. */
export interface ListBound {
  default: number;
  max: number;
}

/** The checked value of a `listLimitArg`: the default when null; BAD_USER_INPUT outside 1–max. */
export function listLimit(value: number | null | undefined, bound: ListBound, path: string): number {
  const limit = value ?? bound.default;
  if (!Number.isInteger(limit) || limit < 1 || limit > bound.max) {
    throw new BadUserInputError(`${path} must be between 1 and ${bound.max}`, [{ path, message: `between 1 and ${bound.max}` }]);
  }
  return limit;
}

/** The part of `items` a `listLimitArg` asks for. */
export function limitList<T>(items: readonly T[], name: 'first' | 'last', value: number | null | undefined, bound: ListBound): T[] {
  const limit = listLimit(value, bound, name);
  return name === 'first' ? items.slice(0, limit) : items.slice(Math.max(0, items.length - limit));
}
