import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { PageArgs } from './pagination';

/** Whether the field being resolved selects `name` in its own selection set (through fragments too, whatever the alias). */
export function selectsField(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, name: string): boolean {
  const seen = new Set<string>();
  const inSet = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === name;
      if (selection.kind === Kind.INLINE_FRAGMENT) return inSet(selection.selectionSet);
      if (seen.has(selection.name.value)) return false;
      seen.add(selection.name.value);
      return inSet(info.fragments[selection.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node) => inSet(node.selectionSet));
}

/** A connection's page arguments, marked with whether the operation selects its totalCount (counted beside the page then, never otherwise). */
export function pageArgsOf(page: PageArgs, info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): PageArgs {
  return { ...page, countTotal: selectsField(info, 'totalCount') };
}
