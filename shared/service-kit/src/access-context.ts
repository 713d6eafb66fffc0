import { Access, ANONYMOUS, type Principal } from '@steward/auth';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';

/** What every resolver finds in its GraphQL context. */
export interface RequestContext {
  req: { principal?: Principal };
  access: Access;
}

export function buildRequestContext({ req }: { req: { principal?: Principal } }): RequestContext {
  return { req, access: Access.of(req.principal ?? ANONYMOUS) };
}

/** The caller's Access, for resolvers whose arguments Nest fills (not `@ResolveReference`, which gets the raw context). */
export const CurrentAccess = createParamDecorator((_data: unknown, context: ExecutionContext): Access => accessOf(GqlExecutionContext.create(context).getContext<RequestContext>()));

/** The caller's Access from a raw GraphQL context (e.g. the second argument of a `@ResolveReference` method). */
export function accessOf(context: Partial<RequestContext> | undefined): Access {
  return context?.access ?? Access.anonymous();
}
