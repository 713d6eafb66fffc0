import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import { describePrincipal } from '@steward/auth';
import type { NextFunction, Request, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { getVariableValues, GraphQLError } from 'graphql';
import { principalOf } from './authentication';
import type { GatewayConfig } from './config';
import { DEFAULT_LIST_SIZE, estimateCost, type CostDirectives } from './cost';
import { signInFieldCount } from './sign-in-operations';

/**
 * Operation limits (depth, aliases, tokens) as validation rules and plugins
 * of the gateway's Apollo Server, which validates every operation against the
 * supergraph before planning it: a refused query never reaches a subgraph.
 * Field suggestions are blocked so errors don't reveal the schema. The cost
 * limit depends on the variables too (page sizes), so it is a plugin: see `costLimit`.
 */
export function operationLimits({ limits }: GatewayConfig) {
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: limits.maxAliases },
    costLimit: { enabled: false },
    maxTokens: { n: limits.maxTokens },
    maxDirectives: { n: 50 },
    blockFieldSuggestion: { enabled: true },
  }).protect();
  return { plugins, validationRules };
}

const badRequest = (message: string, extensions: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extensions, http: { status: 400 } } });

/**
 * Refuses an operation whose estimated cost (see `estimateCost`) exceeds
 * `maxCost`, once its operation and variables are known and before the query
 * plan runs: page sizes given as variables or left to their defaults count as
 * literals do.
 */
export function costLimit({ limits }: GatewayConfig, directives: CostDirectives): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return; // Apollo answers an unknown operation name itself
          const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
          if (coerced.errors) throw badRequest(coerced.errors[0].message);
          const cost = estimateCost({ schema, document, operation, variables: coerced.coerced, directives, defaultListSize: DEFAULT_LIST_SIZE });
          if (cost > limits.maxCost) {
            throw badRequest(
              `Query cost limit of ${limits.maxCost} exceeded: this operation may cost ${cost} (查询代价超限). ` +
                'Each object counts 1, times the size of every list it sits in (first/last, or the list’s bound): ask for smaller pages or fewer nested lists.',
              { cost, maxCost: limits.maxCost },
            );
          }
        },
      };
    },
  };
}

function tooManyRequests(_req: Request, res: Response): void {
  res.status(429).json({ errors: [{ message: 'Too many requests: slow down and retry later', extensions: { code: 'RATE_LIMITED' } }] });
}

/** Requests per window from one IP address, signed in or not. */
export function perIpRateLimit({ rateLimits }: GatewayConfig) {
  return rateLimit({ windowMs: rateLimits.windowMs, limit: rateLimits.perIp, standardHeaders: 'draft-8', legacyHeaders: false, handler: tooManyRequests });
}

const signIns = new WeakMap<Request, number>();

/** The sign-in fields of a parsed request body, counted once per request. */
function signInsOf(req: Request): number {
  let count = signIns.get(req);
  if (count === undefined) {
    count = signInFieldCount(req.body);
    signIns.set(req, count);
  }
  return count;
}

/**
 * Sign-in attempts (`login`, `serviceLogin`) per window from one IP address,
 * counted apart from other traffic: password guessing meets this limit long
 * before the general per-IP one. One operation may hold one sign-in (aliases
 * would make one request many attempts). Needs the parsed body.
 */
export function perIpLoginRateLimit({ rateLimits }: GatewayConfig) {
  const limiter = rateLimit({
    windowMs: rateLimits.windowMs,
    limit: rateLimits.loginsPerIp,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: (req) => signInsOf(req) === 0,
    identifier: 'sign-in',
    keyGenerator: (req) => `login:${ipKeyGenerator(req.ip ?? '')}`,
    handler: tooManyRequests,
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    if (signInsOf(req) > 1) {
      res.status(400).json({ errors: [{ message: 'One sign-in per request (每次请求只能登录一次)', extensions: { code: 'BAD_USER_INPUT' } }] });
      return;
    }
    void limiter(req, res, next);
  };
}

/** Requests per window of one signed-in principal, from wherever it calls. */
export function perUserRateLimit({ rateLimits }: GatewayConfig) {
  return rateLimit({
    windowMs: rateLimits.windowMs,
    limit: rateLimits.perUser,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: (req) => principalOf(req).kind === 'ANONYMOUS',
    keyGenerator: (req) => describePrincipal(principalOf(req)),
    handler: tooManyRequests,
  });
}
