import type { Type } from '@nestjs/common';
import { Args, ArgsType, Directive, Field, Int, ObjectType } from '@nestjs/graphql';
import { BadUserInputError } from '@steward/errors';
import type { PageRequest } from './keyset-page';
import type { ListBound } from './list-size';

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 20;

@ObjectType({ description: 'Relay page information' })
@Directive('@shareable')
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: `Page size, 1–${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE})` })
  first?: number;
  @Field(() => String, { nullable: true, description: 'Cursor of the last edge already seen' })
  after?: string;
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Checks `first`/`after` and turns them into a keyset page request on `_id`. */
export function toPageRequest({ first, after }: PageArgs): PageRequest {
  const limit = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`first must be between 1 and ${MAX_PAGE_SIZE}`, [
      { path: 'first', message: `between 1 and ${MAX_PAGE_SIZE}` },
    ]);
  }
  if (after === undefined || after === null) return { limit, afterId: undefined };
  const afterId = Buffer.from(after, 'base64url').toString('utf8');
  if (!afterId.startsWith('c:')) {
    throw new BadUserInputError('after is not a cursor this API issued', [{ path: 'after', message: 'invalid cursor' }]);
  }
  return { limit, afterId: afterId.slice(2) };
}

export function cursorOf(id: string): string {
  return Buffer.from(`c:${id}`, 'utf8').toString('base64url');
}

/** Builds a page from up to `limit + 1` rows sorted by id (the extra row tells whether more exist). */
export function toPage<T extends { id: string }>(rows: T[], limit: number, totalCount: number): Page<T> {
  const nodes = rows.slice(0, limit);
  const edges = nodes.map((node) => ({ cursor: cursorOf(node.id), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

/** A Relay connection type for `nodeType`, named `<Node>Connection`. */
export function ConnectionOf<T>(nodeType: Type<T>, name = nodeType.name) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field() cursor!: string;
    @Field(() => nodeType) node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [Edge]) edges!: Edge[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int) totalCount!: number;
  }
  return ConnectionType;
}

/**
 * The argument that cuts a list that is not paginated: `first` (the first
 * ones in the list's order) or `last` (the latest ones, still in order).
 */
export function listLimitArg(name: 'first' | 'last', bound: ListBound, items: string) {
  return Args(name, {
    type: () => Int,
    nullable: true,
    defaultValue: bound.default,
    description: `At most this many ${items}, the ${name === 'first' ? 'first' : 'latest'} ones (1–${bound.max}, default ${bound.default})`,
  });
}
