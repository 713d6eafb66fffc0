import type { Type } from '@nestjs/common';
import { Args, ArgsType, Directive, Field, Int, ObjectType } from '@nestjs/graphql';
import { BadUserInputError } from '@steward/errors';
import type { TotalCount } from '@steward/persistence';
import type { PageRequest } from './keyset-page';
import type { ListBound } from './list-size';

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 20;

@ObjectType({ description: '分页信息（Relay） / Relay page information' })
@Directive('@shareable')
export class PageInfo {
  @Field({ description: '是否还有下一页 / Whether more edges follow this page' }) hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: '本页最后一项的游标；空页为 null / Cursor of the last edge of this page; null for an empty page' })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: `每页条数，1–${MAX_PAGE_SIZE}（默认 ${DEFAULT_PAGE_SIZE}） / Page size, 1–${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE})` })
  first?: number;
  @Field(() => String, { nullable: true, description: '已看到的最后一项的游标 / Cursor of the last edge already seen' })
  after?: string;
  /** (not an argument) the operation selects the connection's totalCount: count it beside the page (`pageArgsOf` in selection.ts) */
  countTotal?: boolean;
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  /** a number, or a count GraphQL awaits (and so runs) only when the query selects totalCount (see LazyCount) */
  totalCount: TotalCount;
}

/** Checks `first`/`after` and turns them into a keyset page request on `_id`. */
export function toPageRequest({ first, after, countTotal }: PageArgs): PageRequest {
  const limit = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`first must be between 1 and ${MAX_PAGE_SIZE}`, [
      { path: 'first', message: `between 1 and ${MAX_PAGE_SIZE}` },
    ]);
  }
  if (after === undefined || after === null) return { limit, afterId: undefined, countTotal };
  const afterId = Buffer.from(after, 'base64url').toString('utf8');
  if (!afterId.startsWith('c:')) {
    throw new BadUserInputError('after is not a cursor this API issued', [{ path: 'after', message: 'invalid cursor' }]);
  }
  return { limit, afterId: afterId.slice(2), countTotal };
}

export function cursorOf(id: string): string {
  return Buffer.from(`c:${id}`, 'utf8').toString('base64url');
}

/** Builds a page from up to `limit + 1` rows sorted by id (the extra row tells whether more exist). */
export function toPage<T extends { id: string }>(rows: T[], limit: number, totalCount: TotalCount): Page<T> {
  const nodes = rows.slice(0, limit);
  const edges = nodes.map((node) => ({ cursor: cursorOf(node.id), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

/**
 * A Relay connection type for `nodeType`, named `<Node>Connection`, with
 * bilingual descriptions (中文 / English) that name the node type.
 */
export function ConnectionOf<T>(nodeType: Type<T>, name = nodeType.name) {
  @ObjectType(`${name}Edge`, { description: `分页列表中的一项：${name} / One ${name} in a page` })
  class Edge {
    @Field({ description: '本项的游标，作为 after 传入以取下一页 / Cursor of this edge; pass it as after for the next page' }) cursor!: string;
    @Field(() => nodeType, { description: `本项的 ${name} / The ${name} of this edge` }) node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `分页列表：${name} / A page of ${name} (Relay connection)` })
  class ConnectionType {
    @Field(() => [Edge], { description: '本页的各项 / The edges of this page' }) edges!: Edge[];
    @Field(() => PageInfo, { description: '分页信息 / Page information' }) pageInfo!: PageInfo;
    @Field(() => Int, { description: '符合条件的总数（所有页） / How many match, on all pages' }) totalCount!: number;
  }
  return ConnectionType;
}

/**
 * The argument that cuts a list that is not paginated: `first` (the first
 * ones in the list's order) or `last` (the latest ones, still in order).
 */
export function listLimitArg(name: 'first' | 'last', bound: ListBound, items: { zh: string; en: string }) {
  const zh = `最多返回的${items.zh}数，取${name === 'first' ? '最前' : '最近'}的（1–${bound.max}，默认 ${bound.default}）`;
  const en = `At most this many ${items.en}, the ${name === 'first' ? 'first' : 'latest'} ones (1–${bound.max}, default ${bound.default})`;
  return Args(name, { type: () => Int, nullable: true, defaultValue: bound.default, description: `${zh} / ${en}` });
}
