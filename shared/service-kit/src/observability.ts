import type { ApolloServerPlugin, BaseContext, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { withLogContext } from '@steward/events';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Logger } from './logger';
import { graphqlDuration, httpResponses, operationLabel, outcomeOf } from './metrics';

/**
 * Request ids, access logs and HTTP/GraphQL metrics for the gateway and every
 * subgraph (`@steward/service-kit/observability`: Express and Apollo, so
 * outside the framework-free core).
 */
export const REQUEST_ID_HEADER = 'x-request-id';

/** An incoming id is kept when it looks like one (a uuid, a proxy's id); anything else is replaced. */
const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The request's id: the caller's `x-request-id` when acceptable, else a new uuid; set by `requestIdMiddleware`. */
export function requestIdOf(req: Request): string {
  const value = req.headers[REQUEST_ID_HEADER];
  return typeof value === 'string' ? value : '';
}

/**
 * First of all middleware: fixes the request id (keeps an acceptable
 * incoming `x-request-id`, else generates one, and writes it back into the
 * request headers so that everything downstream reads one value), returns it
 * in the response header, and counts the response by route and status.
 */
export function requestIdMiddleware() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const incoming = req.headers[REQUEST_ID_HEADER];
    const id = typeof incoming === 'string' && ACCEPTABLE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.headers[REQUEST_ID_HEADER] = id;
    res.setHeader(REQUEST_ID_HEADER, id);
    const route = routeOf(req.path); // now: mounted routers rewrite req.url on the way
    res.once('finish', () => httpResponses.inc({ route, status: String(res.statusCode) }));
    next();
  };
}

function routeOf(path: string): string {
  if (path === '/graphql') return 'graphql';
  if (path.startsWith('/evidence/')) return 'evidence';
  if (path.startsWith('/health/')) return 'health';
  if (path === '/metrics') return 'metrics';
  return 'other';
}

/**
 * After the body parsers (which would lose it): runs the rest of the request
 * with its id on every log line (`withLogContext`; the logger adds the trace
 * id of the active span itself).
 */
export function requestLogContext() {
  return (req: Request, _res: Response, next: NextFunction): void => {
    withLogContext({ requestId: requestIdOf(req) }, next);
  };
}

/**
 * An Apollo plugin: the duration histogram of every GraphQL operation
 * (`steward_graphql_operation_duration_seconds` by operation name and outcome)
 * and one access-log line per operation with its name, type, duration and
 * outcome, never its variables or the caller's data.
 */
export function graphqlObservabilityPlugin<TContext extends BaseContext>(logger: Logger): ApolloServerPlugin<TContext> {
  const access = logger.child({ component: 'access' });
  return {
    requestDidStart() {
      const started = process.hrtime.bigint();
      return Promise.resolve({
        willSendResponse(requestContext: GraphQLRequestContextWillSendResponse<TContext>) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const { response } = requestContext;
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : requestContext.errors;
          const outcome = outcomeOf(errors as { extensions?: Record<string, unknown> }[] | undefined);
          const operation = operationLabel(requestContext.operationName ?? requestContext.request.operationName);
          graphqlDuration.observe({ operation, outcome }, seconds);
          const status = response.http.status ?? 200;
          access.info(
            {
              requestId: requestContext.request.http?.headers.get(REQUEST_ID_HEADER) ?? undefined,
              operation,
              operationType: requestContext.operation?.operation,
              durationMs: Math.round(seconds * 1e4) / 10,
              outcome,
              status,
              ...(errors?.length ? { errorCodes: [...new Set(errors.map((error) => String(error.extensions?.code ?? 'UNKNOWN')))] } : {}),
            },
            'graphql request',
          );
          return Promise.resolve();
        },
      });
    },
  };
}
