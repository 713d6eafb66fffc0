import { verifyUserContext } from '@steward/auth';
import type { NextFunction, Request, Response } from 'express';
import type { ServiceConfig } from './config';
import type { Logger } from './logger';

/** Paths an orchestrator or scraper calls without going through the gateway. */
const OPEN_PATHS = [/^\/health\//, /^\/metrics$/];

/**
 * Refuses every request that does not carry a user context signed by the
 * gateway (GraphQL operations, `_service`, `_entities`, file downloads alike)
 * with 401, and puts the verified principal on the request.
 */
export function userContextMiddleware(config: ServiceConfig, logger: Logger) {
  const secrets = config.signingSecrets.map((secret) => secret.reveal());
  return (req: Request, res: Response, next: NextFunction): void => {
    if (OPEN_PATHS.some((pattern) => pattern.test(req.path))) return next();
    const verified = verifyUserContext(req.headers, secrets);
    if (verified.ok) {
      (req as Request & { principal?: unknown }).principal = verified.principal;
      return next();
    }
    logger.warn({ reason: verified.reason, path: req.path, ip: req.ip }, 'refused a request without a valid gateway signature');
    res.status(401).json({
      errors: [{ message: 'This service only answers requests signed by the gateway', extensions: { code: 'UNAUTHENTICATED', reason: `SIGNATURE_${verified.reason}` } }],
    });
  };
}
