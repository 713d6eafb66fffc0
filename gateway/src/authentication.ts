import { ANONYMOUS, type Principal } from '@steward/auth';
import { createTokenVerifier, InvalidTokenError } from '@steward/auth/dist/jwt';
import type { Logger } from '@steward/service-kit';
import type { NextFunction, Request, Response } from 'express';
import type { TokenSettings } from './config';

export type AuthenticatedRequest = Request & { principal?: Principal };

export function principalOf(req: Request): Principal {
  return (req as AuthenticatedRequest).principal ?? ANONYMOUS;
}

/**
 * Reads `Authorization: Bearer <jwt>`. No header: the caller is anonymous
 * (public operations such as `login` still work; protected fields answer
 * UNAUTHENTICATED in the subgraphs). A bad or expired token: 401 at once.
 */
export function authenticate(settings: TokenSettings, logger: Logger) {
  const verify = createTokenVerifier(
    settings.kind === 'local' ? { ...settings, secret: settings.secret.reveal() } : settings,
  );
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.headers.authorization;
    if (!header) {
      (req as AuthenticatedRequest).principal = ANONYMOUS;
      return next();
    }
    const match = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(header);
    if (!match) return refuse(res, 'TOKEN_MALFORMED', 'The Authorization header must be "Bearer <token>"');
    verify(match[1]).then(
      (principal) => {
        (req as AuthenticatedRequest).principal = principal;
        next();
      },
      (error: unknown) => {
        const reason = error instanceof InvalidTokenError && error.reason === 'expired' ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID';
        if (!(error instanceof InvalidTokenError)) logger.error({ err: error }, 'token verification failed');
        refuse(res, reason, reason === 'TOKEN_EXPIRED' ? 'Your session has expired: sign in again (登录已过期)' : 'The token is not valid');
      },
    );
  };
}

function refuse(res: Response, reason: string, message: string): void {
  res.status(401).json({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED', reason } }] });
}
