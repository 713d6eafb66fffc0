import { readUserContextHeaders, verifyUserContext, type ContextRefusal } from '@steward/auth';
import type { NextFunction, Request, Response } from 'express';
import type { ServiceConfig } from './config';
import type { Logger } from './logger';

/** Paths an orchestrator or scraper calls without going through the gateway. */
const OPEN_PATHS = [/^\/health\//, /^\/metrics$/];

const isOpen = (req: Request) => OPEN_PATHS.some((pattern) => pattern.test(req.path));

/** The exact bytes of the body, kept by the body parsers (Nest's `rawBody: true`). */
type RequestWithRawBody = Request & { rawBody?: Buffer; principal?: unknown };

function refuse(res: Response, logger: Logger, req: Request, reason: ContextRefusal): void {
  logger.warn({ reason, path: req.path, ip: req.ip }, 'refused a request without a valid gateway signature');
  res.status(401).json({
    errors: [{ message: 'This service only answers requests signed by the gateway', extensions: { code: 'UNAUTHENTICATED', reason: `SIGNATURE_${reason}` } }],
  });
}

/** Whether the request came with a body (which a parser then must have read). */
function carriesBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/**
 * Before the body is read: refuses a request without a well-formed user
 * context (an unsigned caller never gets its body parsed).
 */
export function userContextGate(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (isOpen(req)) return next();
    const read = readUserContextHeaders(req.headers);
    if (read.ok) return next();
    refuse(res, logger, req, read.reason);
  };
}

/**
 * After the body parsers, before any route: refuses every request (GraphQL
 * operations, `_service`, `_entities`, file downloads alike) whose user
 * context is not signed by the gateway for this subgraph over this exact body
 * and recent, with 401, and puts the verified principal on the request. A body
 * no parser read (an unexpected content type) is refused too: what the
 * signature covers is exactly what the service reads.
 */
export function userContextVerifier(config: ServiceConfig, logger: Logger) {
  const keys = { audience: config.serviceName, keys: config.userContextKeys.map((key) => key.reveal()) };
  return (req: Request, res: Response, next: NextFunction): void => {
    if (isOpen(req)) return next();
    const { rawBody } = req as RequestWithRawBody;
    if (rawBody === undefined && carriesBody(req)) return refuse(res, logger, req, 'MALFORMED');
    const verified = verifyUserContext(req.headers, rawBody, keys);
    if (!verified.ok) return refuse(res, logger, req, verified.reason);
    (req as RequestWithRawBody).principal = verified.principal;
    next();
  };
}
