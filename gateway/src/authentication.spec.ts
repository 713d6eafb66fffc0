import { claimsOf, type AuthenticatedPrincipal, type Principal, type TokenSession } from '@steward/auth';
import { Secret, type Logger } from '@steward/service-kit/core';
import type { NextFunction, Request, Response } from 'express';
import { SignJWT } from 'jose';
import { authenticate, principalOf, tokenRevoked, type MemberSessions } from './authentication';
import type { TokenSettings } from './config';

const member: AuthenticatedPrincipal = { kind: 'MEMBER', id: 'm-1', grants: [{ role: 'GRID_MEMBER', unitId: 'g-1' }] };
const admin: AuthenticatedPrincipal = { kind: 'ADMIN', id: 'admin' };
const session: TokenSession = { id: 's-1', credentialsVersion: 3 };
type State = ReturnType<MemberSessions['get']>;
const sessionsOf = (states: Record<string, State>, loaded = true): MemberSessions => ({ loaded, get: (id) => states[id] });

describe('tokenRevoked', () => {
  it.each([
    ['an active member at the same credentials version', member, session, { status: 'ACTIVE', credentialsVersion: 3 }, false],
    ['a member the replica does not know yet', member, session, undefined, false],
    ['a deactivated member', member, session, { status: 'INACTIVE', credentialsVersion: 3 }, true],
    ['a member whose credentials changed since', member, session, { status: 'ACTIVE', credentialsVersion: 4 }, true],
    ['a member who signed this session out', member, session, { status: 'ACTIVE', credentialsVersion: 3, endedSessions: ['s-0', 's-1'] }, true],
    ['a member who signed another session out', member, session, { status: 'ACTIVE', credentialsVersion: 3, endedSessions: ['s-0'] }, false],
    ['a token without session claims (an external issuer)', member, null, { status: 'INACTIVE' }, false],
    ['the administrator', admin, session, { status: 'INACTIVE' }, false],
  ] as const)('%s: %s', (_label, principal, tokenSession, state, revoked) => {
    expect(tokenRevoked(principal, tokenSession, sessionsOf({ [principal.id]: state as State }))).toBe(revoked);
  });
});

describe('authenticate', () => {
  const SECRET = 'an-hs256-secret-of-at-least-32-characters';
  const settings: TokenSettings = { kind: 'local', issuer: 'village-steward', audience: 'village-steward', secret: new Secret(SECRET) };
  const logger = { error: jest.fn() } as unknown as Logger;
  const token = (principal: AuthenticatedPrincipal, tokenSession?: TokenSession) =>
    new SignJWT(claimsOf(principal, tokenSession))
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('village-steward')
      .setAudience('village-steward')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(SECRET));

  async function run(sessions: MemberSessions, authorization: string) {
    const req = { headers: { authorization } } as unknown as Request;
    const answer: { status?: number; body?: unknown; principal?: Principal } = {};
    await new Promise<void>((resolve) => {
      const res = {
        status(code: number) {
          answer.status = code;
          return this;
        },
        json(body: unknown) {
          answer.body = body;
          resolve();
          return this;
        },
      } as unknown as Response;
      const next: NextFunction = () => {
        answer.principal = principalOf(req);
        resolve();
      };
      authenticate(settings, sessions, logger)(req, res, next);
    });
    return answer;
  }

  it('lets a member through while the sign-in lasts and refuses the same token with 401 TOKEN_REVOKED once it ended', async () => {
    const bearer = `Bearer ${await token(member, session)}`;
    expect(await run(sessionsOf({ 'm-1': { status: 'ACTIVE', credentialsVersion: 3, isPartyMember: false, id: 'm-1', assignments: [] } as State }), bearer)).toEqual({ principal: { ...member, sessionId: session.id } });
    expect(await run(sessionsOf({ 'm-1': { status: 'INACTIVE', credentialsVersion: 4 } as State }), bearer)).toEqual({
      status: 401,
      body: { errors: [{ message: expect.stringMatching(/sign in again/), extensions: { code: 'UNAUTHENTICATED', reason: 'TOKEN_REVOKED' } }] },
    });
  });

  it('passes tokens without session claims, whatever the replica says', async () => {
    expect(await run(sessionsOf({ 'm-1': { status: 'INACTIVE' } as State }), `Bearer ${await token(member)}`)).toEqual({ principal: member });
  });

  it("answers 503 for a member's session token until the replica has loaded, but lets other callers through", async () => {
    const notLoaded = sessionsOf({}, false);
    expect((await run(notLoaded, `Bearer ${await token(member, session)}`)).status).toBe(503);
    expect(await run(notLoaded, `Bearer ${await token(admin, session)}`)).toEqual({ principal: { ...admin, sessionId: session.id } });
  });
});
