import { ApolloArmor } from '@escape.tech/graphql-armor';
import { describePrincipal } from '@steward/auth';
import type { Request, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { principalOf } from './authentication';
import type { GatewayConfig } from './config';

/**
 * Operation limits (depth, aliases, cost, tokens) as validation rules and
 * plugins of the gateway's Apollo Server, which validates every operation
 * against the supergraph before planning it: a refused query never reaches a
 * subgraph. Field suggestions are blocked so errors don't reveal the schema.
 */
export function operationLimits({ limits }: GatewayConfig) {
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: limits.maxAliases },
    costLimit: { maxCost: limits.maxCost },
    maxTokens: { n: limits.maxTokens },
    maxDirectives: { n: 50 },
    blockFieldSuggestion: { enabled: true },
  }).protect();
  return { plugins, validationRules };
}

function tooManyRequests(_req: Request, res: Response): void {
  res.status(429).json({ errors: [{ message: 'Too many requests: slow down and retry later', extensions: { code: 'RATE_LIMITED' } }] });
}

/** Requests per window from one IP address, signed in or not. */
export function perIpRateLimit({ rateLimits }: GatewayConfig) {
  return rateLimit({ windowMs: rateLimits.windowMs, limit: rateLimits.perIp, standardHeaders: 'draft-8', legacyHeaders: false, handler: tooManyRequests });
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
