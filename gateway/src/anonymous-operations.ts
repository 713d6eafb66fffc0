import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, OperationTypeNode, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { rootFieldNames } from './root-fields';
import { PROGRESS_LOOKUP_FIELDS, SIGN_IN_FIELDS } from './sign-in-operations';
import type { GatewayContext } from './subgraph-source';

/** Introspection meta-fields: Apollo answers them itself (and refuses them in production). */
const META_FIELDS: ReadonlySet<string> = new Set(['__typename', '__schema', '__type']);

/** What a caller without a token may select at the root: signing in, and the resident's progress lookup. */
export const ANONYMOUS_ROOT_FIELDS: Readonly<Record<OperationTypeNode, ReadonlySet<string>>> = {
  [OperationTypeNode.QUERY]: PROGRESS_LOOKUP_FIELDS,
  [OperationTypeNode.MUTATION]: SIGN_IN_FIELDS,
  [OperationTypeNode.SUBSCRIPTION]: new Set(),
};

/** The root fields of `operation` a caller without a token may not select (empty: the operation may run). */
export function fieldsNeedingSignIn(document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const allowed = ANONYMOUS_ROOT_FIELDS[operation.operation];
  return rootFieldNames(document, operation).filter((name) => !allowed.has(name) && !META_FIELDS.has(name));
}

/**
 * Refuses, before planning, an anonymous operation that selects anything but
 * `login`, `serviceLogin` and `ticketProgress` at its root, so that the public
 * fields carry nothing else with them: the whole operation is UNAUTHENTICATED
 * and no subgraph sees it. (The subgraphs refuse anonymous callers on every
 * other field as well.)
 */
export function anonymousOperations(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operation }) {
          if (!operation || contextValue.principal.kind !== 'ANONYMOUS') return;
          const refused = fieldsNeedingSignIn(document, operation);
          if (refused.length > 0) {
            throw new GraphQLError(`Sign in first (请先登录): ${[...new Set(refused)].join(', ')} need a token`, {
              extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
            });
          }
        },
      };
    },
  };
}
