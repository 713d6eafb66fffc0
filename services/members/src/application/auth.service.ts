import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hashPassword, maskPhone, passwordProblems, verifyPassword, type Access, type AuthenticatedPrincipal, type TokenSession } from '@steward/auth';
import { issueToken } from '@steward/auth/jwt';
import { BadUserInputError, ForbiddenError, NotFoundError, parseInput, UnauthenticatedError } from '@steward/errors';
import { OrgTree } from '@steward/replicas';
import { AttemptSlots } from '@steward/persistence';
import { AuditLog } from '@steward/service-kit';
import { z } from 'zod';
import { isActiveAt, type MemberRole } from '../domain/member-rules';
import { assertCanManageMember, isSelf } from '../domain/member-access';
import { MemberRepository, SYSTEM_SCOPE } from '../persistence/member.repository';
import type { MemberDocument } from '../persistence/member.schema';
import { MembersService, toMember } from './members.service';
import type { AuthConfig } from './auth.config';
import type { AuthPayload, Viewer } from '../graphql/auth-payload.model';
import { AttemptSlotRepository } from '../persistence/attempt-slot.repository';
import { CredentialRepository } from '../persistence/credential.repository';

export const AUTH_CONFIG = Symbol('AUTH_CONFIG');

const loginSchema = z.object({ phone: z.string().trim().regex(/^\d{5,15}$/, 'digits only'), password: z.string().min(1).max(128) });
const serviceLoginSchema = z.object({ clientId: z.string().min(1).max(64), clientSecret: z.string().min(1).max(256) });
const changePasswordSchema = z.object({ currentPassword: z.string().min(1).max(128), newPassword: z.string() });
const WRONG_CREDENTIALS = 'The phone number or the password is wrong (账号或密码错误)';

/** Who signed in, with what their token must carry. */
interface SignedIn {
  principal: AuthenticatedPrincipal;
  credentialsVersion: number;
  /** a manager reset the password: the token carries no roles until the member changes it */
  mustChangePassword: boolean;
}

@Injectable()
export class AuthService {
  private readonly attempts: AttemptSlots;
  /** Verified against when no account matches, so an unknown phone takes as long as a wrong password. */
  private readonly decoyHash = hashPassword('decoy password 0');

  constructor(
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    private readonly members: MemberRepository,
    private readonly memberChanges: MembersService,
    private readonly credentials: CredentialRepository,
    private readonly orgTree: OrgTree,
    private readonly audit: AuditLog,
    slots: AttemptSlotRepository,
  ) {
    this.attempts = new AttemptSlots(slots, { maxAttempts: config.lockout.maxFailures, windowMs: config.lockout.lockMs });
  }

  /**
   * 登录: a member (or the bootstrap administrator) by phone and password. The
   * attempt takes a slot before the password is checked (see AttemptSlots in @steward/persistence),
   * for phones nobody owns as well. After a reset the token carries no roles:
   * the member can only change the password (`mustChangePassword`).
   */
  async login(input: { phone: string; password: string }): Promise<AuthPayload> {
    const { phone, password } = parseInput(loginSchema, input);
    await this.claimAttempt(`phone:${phone}`);
    const signedIn = await this.authenticateMember(phone, password);
    if (!signedIn) {
      await this.audit.record(null, [{ action: 'LOGIN_FAILED', entity: 'Account', entityId: maskPhone(phone) }]);
      throw new UnauthenticatedError(WRONG_CREDENTIALS);
    }
    await this.attempts.clear(`phone:${phone}`);
    await this.audit.record(null, [{ action: 'LOGIN', entity: signedIn.principal.kind, entityId: signedIn.principal.id }]);
    return this.tokenFor(signedIn);
  }

  /** A token for an integration (WeChat intake, API intake, warehouse tools) with its configured permissions. */
  async serviceLogin(input: { clientId: string; clientSecret: string }): Promise<AuthPayload> {
    const { clientId, clientSecret } = parseInput(serviceLoginSchema, input);
    await this.claimAttempt(`client:${clientId}`);
    const account = this.config.serviceAccounts.find((candidate) => candidate.id === clientId);
    const valid = await verifyPassword(clientSecret, account?.secretHash ?? (await this.decoyHash));
    if (!account || !valid) {
      await this.audit.record(null, [{ action: 'LOGIN_FAILED', entity: 'ServiceAccount', entityId: clientId }]);
      throw new UnauthenticatedError('The client id or secret is wrong');
    }
    await this.attempts.clear(`client:${clientId}`);
    await this.audit.record(null, [{ action: 'LOGIN', entity: 'SERVICE', entityId: clientId }]);
    return this.tokenFor({ principal: { kind: 'SERVICE', id: account.id, permissions: account.permissions }, credentialsVersion: 0, mustChangePassword: false });
  }

  /**
   * Sets another member's password: who may manage the member (every unit
   * where they hold a role), or an administrator. The first password of a
   * member who has none is an initial one; replacing a password is a reset:
   * the member must change it at the next sign-in. Either way the member's
   * existing tokens stop working. Your own password: changeMyPassword.
   */
  async setPassword(access: Access, memberId: string, password: string): Promise<boolean> {
    const actor = access.authenticated();
    if (isSelf(access, memberId)) {
      throw new ForbiddenError('Change your own password with changeMyPassword (修改密码), which asks for the current one');
    }
    const member = await this.members.findById(memberId, SYSTEM_SCOPE);
    if (!member) throw new NotFoundError('Member', memberId);
    assertCanManageMember(access, member, (unitId) => this.orgTree.pathOf(unitId));
    checkNewPassword(password, 'password');
    const existing = await this.credentials.find(memberId);
    await this.credentials.save(memberId, { passwordHash: await hashPassword(password), mustChange: existing !== null }, actor.id);
    // after the password: a sign-in between the two writes then carries the old version (see changeWithRetry)
    await this.memberChanges.endAllSessions(access, memberId);
    await this.audit.record(access, [{ action: 'PASSWORD_SET', entity: 'Member', entityId: memberId, fields: [existing ? 'reset' : 'initial'] }]);
    return true;
  }

  /**
   * 修改密码: the signed-in member, proving the current password (throttled
   * like a sign-in of their phone). Ends every other token of the member,
   * including the restricted one of a sign-in after a reset.
   */
  async changeOwnPassword(access: Access, rawCurrent: string, rawNew: string): Promise<boolean> {
    const actor = access.authenticated();
    if (actor.kind !== 'MEMBER') throw new ForbiddenError('Only members have a password to change here');
    const { currentPassword, newPassword } = parseInput(changePasswordSchema, { currentPassword: rawCurrent, newPassword: rawNew });
    const member = await this.members.findById(actor.id, SYSTEM_SCOPE);
    if (!member) throw new NotFoundError('Member', actor.id);
    await this.claimAttempt(`phone:${member.phone}`);
    const stored = await this.credentials.find(actor.id);
    if (!stored || !(await verifyPassword(currentPassword, stored.passwordHash))) throw new UnauthenticatedError('The current password is wrong');
    await this.attempts.clear(`phone:${member.phone}`);
    checkNewPassword(newPassword, 'newPassword');
    if (await verifyPassword(newPassword, stored.passwordHash)) {
      throw new BadUserInputError('The new password must differ from the current one', [{ path: 'newPassword', message: 'same as the current password' }]);
    }
    await this.credentials.save(actor.id, { passwordHash: await hashPassword(newPassword), mustChange: false }, actor.id);
    await this.memberChanges.endAllSessions(access, actor.id);
    await this.audit.record(access, [{ action: 'PASSWORD_SET', entity: 'Member', entityId: actor.id, fields: ['changed'] }]);
    return true;
  }

  /** 退出登录: ends the caller's own session; the token stops working before it expires. */
  async signOut(access: Access): Promise<boolean> {
    const actor = this.memberSigningOut(access);
    if (!actor.sessionId) {
      throw new BadUserInputError('This token names no session (an external issuer signed it): sign out at that issuer');
    }
    const until = new Date(Date.now() + this.config.issuer.ttlSeconds * 1000); // no token of this session outlives it
    await this.memberChanges.endSession(access, actor.id, actor.sessionId, until);
    await this.audit.record(access, [{ action: 'SIGN_OUT', entity: 'Member', entityId: actor.id, fields: ['session'] }]);
    return true;
  }

  /** 退出所有设备: ends every token of the caller (raises the credentials version). */
  async signOutEverywhere(access: Access): Promise<boolean> {
    const actor = this.memberSigningOut(access);
    await this.memberChanges.endAllSessions(access, actor.id);
    await this.audit.record(access, [{ action: 'SIGN_OUT', entity: 'Member', entityId: actor.id, fields: ['everywhere'] }]);
    return true;
  }

  async viewer(access: Access): Promise<Viewer> {
    return this.viewerOf(access.authenticated());
  }

  /** UNAUTHENTICATED "too many failed sign-ins" when the name has no attempt left. */
  private async claimAttempt(name: string): Promise<void> {
    if (await this.attempts.claim(name)) return;
    const minutes = Math.ceil(this.config.lockout.lockMs / 60_000);
    throw new UnauthenticatedError(`Too many failed sign-ins: try again in up to ${minutes} minutes (登录失败次数过多)`);
  }

  /** A member's principal; the administrator and service accounts have no member record to end sessions on. */
  private memberSigningOut(access: Access): Extract<AuthenticatedPrincipal, { kind: 'MEMBER' }> {
    const actor = access.authenticated();
    if (actor.kind === 'MEMBER') return actor;
    const ttlMinutes = Math.ceil(this.config.issuer.ttlSeconds / 60);
    throw new BadUserInputError(
      `${actor.kind === 'ADMIN' ? 'The bootstrap administrator' : 'A service account'} has no member record to sign out of: its tokens end when they expire (at most ${ttlMinutes} minutes); rotate STEWARD_JWT_SECRET to end them at once`,
    );
  }

  private async authenticateMember(phone: string, password: string): Promise<SignedIn | null> {
    const admin = this.config.bootstrapAdmin;
    if (admin && admin.phone === phone) {
      if (!(await verifyPassword(password, admin.passwordHash.reveal()))) return null;
      return { principal: { kind: 'ADMIN', id: 'admin', name: '系统管理员' }, credentialsVersion: 0, mustChangePassword: false };
    }
    // the member (and its credentials version) is read before the password: a change in between then ends this token
    const member = await this.members.findByPhone(phone, SYSTEM_SCOPE);
    const stored = member && member.status === 'ACTIVE' ? await this.credentials.find(member._id) : null;
    const valid = await verifyPassword(password, stored?.passwordHash ?? (await this.decoyHash));
    if (!member || !stored || !valid) return null;
    return {
      principal: { kind: 'MEMBER', id: member._id, name: member.name, grants: stored.mustChange ? [] : activeGrants(member) },
      credentialsVersion: member.credentialsVersion ?? 0,
      mustChangePassword: stored.mustChange,
    };
  }

  private async tokenFor({ principal, credentialsVersion, mustChangePassword }: SignedIn): Promise<AuthPayload> {
    const issuer = this.config.issuer;
    const session: TokenSession = { id: randomUUID(), credentialsVersion };
    const { token, expiresAt } = await issueToken(principal, { ...issuer, secret: issuer.secret.reveal() }, session);
    return { token, expiresAt, mustChangePassword, viewer: await this.viewerOf(principal) };
  }

  private async viewerOf(principal: AuthenticatedPrincipal): Promise<Viewer> {
    // the caller's own record: no read scope applies, and they see their own phone
    const member = principal.kind === 'MEMBER' ? await this.members.findById(principal.id, SYSTEM_SCOPE) : null;
    return {
      id: principal.id,
      kind: principal.kind,
      grants: principal.kind === 'MEMBER' ? principal.grants.map((grant) => ({ role: grant.role as MemberRole, unitId: grant.unitId })) : [],
      permissions: principal.kind === 'SERVICE' ? principal.permissions : [],
      member: member ? { ...toMember(member), ownRecord: true } : null,
    };
  }
}

/** BAD_USER_INPUT naming what a new password lacks. */
function checkNewPassword(password: string, path: string): void {
  const problems = passwordProblems(password);
  if (problems.length > 0) throw new BadUserInputError(`The password needs ${problems.join(', ')}`, [{ path, message: problems.join(', ') }]);
}

function activeGrants(member: MemberDocument, now = new Date()): { role: string; unitId: string }[] {
  return member.assignments
    .filter((assignment) => isActiveAt({ from: assignment.from, to: assignment.to ?? null }, now))
    .map((assignment) => ({ role: assignment.role, unitId: assignment.unitId }));
}
