import { Inject, Injectable } from '@nestjs/common';
import { hashPassword, maskPhone, passwordProblems, verifyPassword, type Access, type AuthenticatedPrincipal } from '@steward/auth';
import { issueToken } from '@steward/auth/dist/jwt';
import { BadUserInputError, ForbiddenError, NotFoundError, parseInput, UnauthenticatedError } from '@steward/errors';
import { OrgTree } from '@steward/replicas';
import { AuditLog } from '@steward/service-kit';
import { z } from 'zod';
import { isActiveAt, type MemberRole } from '../members/member-rules';
import { assertCanManageMember, isSelf } from '../members/member-access';
import { MemberRepository, SYSTEM_SCOPE } from '../members/member.repository';
import type { MemberDocument } from '../members/member.schema';
import { toMember } from '../members/members.service';
import type { AuthConfig } from './auth.config';
import type { AuthPayload, Viewer } from './auth-payload.model';
import { CredentialRepository } from './credential.repository';
import { LoginThrottle } from './login-throttle';

export const AUTH_CONFIG = Symbol('AUTH_CONFIG');

const loginSchema = z.object({ phone: z.string().trim().regex(/^\d{5,15}$/, 'digits only'), password: z.string().min(1).max(128) });
const serviceLoginSchema = z.object({ clientId: z.string().min(1).max(64), clientSecret: z.string().min(1).max(256) });
const WRONG_CREDENTIALS = 'The phone number or the password is wrong (账号或密码错误)';

@Injectable()
export class AuthService {
  private readonly throttle: LoginThrottle;
  /** Verified against when no account matches, so an unknown phone takes as long as a wrong password. */
  private readonly decoyHash = hashPassword('decoy password 0');

  constructor(
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    private readonly members: MemberRepository,
    private readonly credentials: CredentialRepository,
    private readonly orgTree: OrgTree,
    private readonly audit: AuditLog,
  ) {
    this.throttle = new LoginThrottle(config.lockout);
  }

  /** 登录: a member (or the bootstrap administrator) by phone and password. */
  async login(input: { phone: string; password: string }): Promise<AuthPayload> {
    const { phone, password } = parseInput(loginSchema, input);
    if (this.throttle.isLocked(phone)) {
      throw new UnauthenticatedError('Too many failed sign-ins: wait 15 minutes (登录失败次数过多)');
    }
    const principal = await this.authenticateMember(phone, password);
    if (!principal) {
      this.throttle.recordFailure(phone);
      await this.audit.record(null, [{ action: 'LOGIN_FAILED', entity: 'Account', entityId: maskPhone(phone) }]);
      throw new UnauthenticatedError(WRONG_CREDENTIALS);
    }
    this.throttle.recordSuccess(phone);
    await this.audit.record(null, [{ action: 'LOGIN', entity: principal.kind, entityId: principal.id }]);
    return this.tokenFor(principal);
  }

  /** A token for an integration (WeChat intake, API intake, warehouse tools) with its configured permissions. */
  async serviceLogin(input: { clientId: string; clientSecret: string }): Promise<AuthPayload> {
    const { clientId, clientSecret } = parseInput(serviceLoginSchema, input);
    const account = this.config.serviceAccounts.find((candidate) => candidate.id === clientId);
    const valid = !this.throttle.isLocked(clientId) && (await verifyPassword(clientSecret, account?.secretHash ?? (await this.decoyHash)));
    if (!account || !valid) {
      this.throttle.recordFailure(clientId);
      await this.audit.record(null, [{ action: 'LOGIN_FAILED', entity: 'ServiceAccount', entityId: clientId }]);
      throw new UnauthenticatedError('The client id or secret is wrong');
    }
    this.throttle.recordSuccess(clientId);
    await this.audit.record(null, [{ action: 'LOGIN', entity: 'SERVICE', entityId: clientId }]);
    return this.tokenFor({ kind: 'SERVICE', id: account.id, permissions: account.permissions });
  }

  /** Sets a member's password: the member themself, or someone who manages members in one of the member's units. */
  async setPassword(access: Access, memberId: string, password: string): Promise<boolean> {
    const actor = access.authenticated();
    const member = await this.members.findById(memberId, SYSTEM_SCOPE);
    if (!member) throw new NotFoundError('Member', memberId);
    // a member without assignments lies in no unit: only managers of every unit, or who registered them, may set theirs
    if (!isSelf(access, memberId)) assertCanManageMember(access, member, (unitId) => this.orgTree.pathOf(unitId));
    const problems = passwordProblems(password);
    if (problems.length > 0) throw new BadUserInputError(`The password needs ${problems.join(', ')}`, [{ path: 'password', message: problems.join(', ') }]);
    await this.credentials.save(memberId, await hashPassword(password), actor.id);
    await this.audit.record(access, [{ action: 'PASSWORD_SET', entity: 'Member', entityId: memberId }]);
    return true;
  }

  /** 修改密码: the signed-in member, proving the current password. */
  async changeOwnPassword(access: Access, currentPassword: string, newPassword: string): Promise<boolean> {
    const actor = access.authenticated();
    if (actor.kind !== 'MEMBER') throw new ForbiddenError('Only members have a password to change here');
    const stored = await this.credentials.hashOf(actor.id);
    if (!stored || !(await verifyPassword(currentPassword, stored))) throw new UnauthenticatedError('The current password is wrong');
    return this.setPassword(access, actor.id, newPassword);
  }

  async viewer(access: Access): Promise<Viewer> {
    return this.viewerOf(access.authenticated());
  }

  private async authenticateMember(phone: string, password: string): Promise<AuthenticatedPrincipal | null> {
    const admin = this.config.bootstrapAdmin;
    if (admin && admin.phone === phone) {
      return (await verifyPassword(password, admin.passwordHash.reveal())) ? { kind: 'ADMIN', id: 'admin', name: '系统管理员' } : null;
    }
    const member = await this.members.findByPhone(phone, SYSTEM_SCOPE);
    const stored = member && member.status === 'ACTIVE' ? await this.credentials.hashOf(member._id) : null;
    const valid = await verifyPassword(password, stored ?? (await this.decoyHash));
    if (!member || !stored || !valid) return null;
    return { kind: 'MEMBER', id: member._id, name: member.name, grants: activeGrants(member) };
  }

  private async tokenFor(principal: AuthenticatedPrincipal): Promise<AuthPayload> {
    const issuer = this.config.issuer;
    const { token, expiresAt } = await issueToken(principal, { ...issuer, secret: issuer.secret.reveal() });
    return { token, expiresAt, viewer: await this.viewerOf(principal) };
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

function activeGrants(member: MemberDocument, now = new Date()): { role: string; unitId: string }[] {
  return member.assignments
    .filter((assignment) => isActiveAt({ from: assignment.from, to: assignment.to ?? null }, now))
    .map((assignment) => ({ role: assignment.role, unitId: assignment.unitId }));
}
