import { ANONYMOUS, sessionRevoked, type AuthenticatedPrincipal, type Principal, type TokenSession } from '@steward/auth';
import { createTokenVerifier, InvalidTokenError } from '@steward/auth/jwt';
import type { Logger } from '@steward/service-kit/core';
import type { NextFunction, Request, Response } from 'express';
import type { TokenSettings } from './config';

export type AuthenticatedRequest = Request & { principal?: Principal };

export function principalOf(req: Request): Principal {
  return (req as AuthenticatedRequest).principal ?? ANONYMOUS;
}

/** What the gateway knows of each member's sign-ins: the latest member state (a replica of `steward.members.v1`). */
export interface MemberSessions {
  /** false until the replica has loaded the topic: a member's token cannot be judged before */
  readonly loaded: boolean;
  get(memberId: string): Parameters<typeof sessionRevoked>[1];
}

/**
 * Whether a verified token's sign-in has ended: only member tokens carrying
 * session claims are judged (an external issuer's tokens, administrators and
 * service accounts are not), by the member's latest state.
 */
export function tokenRevoked(principal: AuthenticatedPrincipal, session: TokenSession | null, sessions: Pick<MemberSessions, 'get'>): boolean {
  if (principal.kind !== 'MEMBER' || !session) return false;
  return sessionRevoked(session, sessions.get(principal.id));
}

/** How many verified bearer tokens the gateway remembers (a few bytes each; the oldest go first). */
const VERIFIED_TOKENS_CACHED = 10_000;

function refuse(res: Response, reason: string, message: string): void {
  res.status(401).json({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED', reason } }] });
}

/**
 * Reads `Authorization: Bearer <jwt>`. No header: the caller is anonymous
 * (public operations such as `login` still work; protected fields answer
 * UNAUTHENTICATED in the subgraphs). A bad or expired token, or a member's
 * token whose sign-in has ended (signed out, password changed, deactivated):
 * 401 at once.
 */
export function authenticate(settings: TokenSettings, sessions: MemberSessions, logger: Logger) {
  // verified tokens are remembered until they expire (revocation is still checked on every request below)
  const verify = createTokenVerifier(settings.kind === 'local' ? { ...settings, secret: settings.secret.reveal() } : settings, { cacheSize: VERIFIED_TOKENS_CACHED });
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.headers.authorization;
    if (!header) {
      (req as AuthenticatedRequest).principal = ANONYMOUS;
      return next();
    }
    const match = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(header);
    if (!match) return refuse(res, 'TOKEN_MALFORMED', 'The Authorization header must be "Bearer <token>"');
    verify(match[1]).then(
      ({ principal, session }) => {
        if (principal.kind === 'MEMBER' && session && !sessions.loaded) {
          res.status(503).json({ errors: [{ message: 'The gateway is starting: retry in a moment', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
          return;
        }
        if (tokenRevoked(principal, session, sessions)) {
          return refuse(res, 'TOKEN_REVOKED', 'This sign-in has ended (signed out, password changed or account deactivated): sign in again (登录已失效)');
        }
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
