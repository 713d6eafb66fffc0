import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import { describePrincipal } from '@steward/auth';
import type { NextFunction, Request, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { getVariableValues, GraphQLError } from 'graphql';
import { principalOf } from './authentication';
import type { GatewayConfig } from './config';
import { DEFAULT_LIST_SIZE, estimateCost, type CostDirectives } from './cost';
import { progressLookupCount, signInFieldCount } from './sign-in-operations';

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

/** Requests per window from one IP address, signed in or not; `handler` answers the refused ones (the Open311 adapter's in its own format). */
export function perIpRateLimit({ rateLimits }: GatewayConfig, handler: (req: Request, res: Response) => void = tooManyRequests) {
  return rateLimit({ windowMs: rateLimits.windowMs, limit: rateLimits.perIp, standardHeaders: 'draft-8', legacyHeaders: false, handler });
}

/** Counts, once per request, the fields of one kind (sign-ins, progress lookups) its parsed body selects at the root. */
function countedOnce(count: (body: unknown) => number): (req: Request) => number {
  const counts = new WeakMap<Request, number>();
  return (req) => {
    let value = counts.get(req);
    if (value === undefined) {
      value = count(req.body);
      counts.set(req, value);
    }
    return value;
  };
}

interface GuessLimit {
  /** the name the limiter counts under, apart from other traffic */
  identifier: string;
  limit: number;
  /** the guessing fields a request selects */
  count: (req: Request) => number;
  /** the answer to a request that selects more than one */
  onePerRequest: string;
}

/**
 * Requests per window from one IP address that select a field which checks a
 * secret, counted apart from other traffic: guessing meets this limit long
 * before the general per-IP one. One operation may hold one such field
 * (aliases would make one request many guesses). Needs the parsed body.
 */
function perIpGuessLimit({ rateLimits }: GatewayConfig, { identifier, limit, count, onePerRequest }: GuessLimit) {
  const limiter = rateLimit({
    windowMs: rateLimits.windowMs,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: (req) => count(req) === 0,
    identifier,
    keyGenerator: (req) => `${identifier}:${ipKeyGenerator(req.ip ?? '')}`,
    handler: tooManyRequests,
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    if (count(req) > 1) {
      res.status(400).json({ errors: [{ message: onePerRequest, extensions: { code: 'BAD_USER_INPUT' } }] });
      return;
    }
    void limiter(req, res, next);
  };
}

/** Sign-in attempts (`login`, `serviceLogin`) per window from one IP address (`GATEWAY_LOGIN_RATE_LIMIT_IP`). */
export function perIpLoginRateLimit(config: GatewayConfig) {
  return perIpGuessLimit(config, {
    identifier: 'login',
    limit: config.rateLimits.loginsPerIp,
    count: countedOnce(signInFieldCount),
    onePerRequest: 'One sign-in per request (每次请求只能登录一次)',
  });
}

/**
 * Progress lookups (`ticketProgress`, 进度查询) per window from one IP address
 * (`GATEWAY_PROGRESS_LOOKUP_RATE_LIMIT_IP`), signed in or not; tickets limits
 * the failed lookups of each number on top, for guessers with many addresses.
 */
export function perIpProgressLookupRateLimit(config: GatewayConfig) {
  return perIpGuessLimit(config, {
    identifier: 'progress-lookup',
    limit: config.rateLimits.progressLookupsPerIp,
    count: countedOnce(progressLookupCount),
    onePerRequest: 'One progress lookup per request (每次请求只能查询一个工单)',
  });
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
