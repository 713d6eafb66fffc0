import { Directive, Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { listSize, registerStringEnum } from '@steward/service-kit';
import { Member, MemberRoleEnum } from './member.model';
import type { MemberRole } from '../domain/member-rules';

export const PrincipalKindEnum = registerStringEnum(['MEMBER', 'ADMIN', 'SERVICE'] as const, {
  name: 'PrincipalKind',
  description: '登录者类型 / Kind of caller',
  valuesMap: {
    MEMBER: { description: '工作人员 / A member' },
    ADMIN: { description: '系统管理员（初始管理员） / The bootstrap administrator' },
    SERVICE: { description: '接口账号 / An integration account' },
  },
});

@ObjectType({ description: '令牌中携带的调用者在某单位的岗位 / A role the caller holds on a unit, as carried in the token' })
export class RoleGrant {
  @Field(() => MemberRoleEnum, { description: '岗位 / The role' }) role!: MemberRole;
  @Field(() => ID, { description: '任职单位 ID / Id of the unit the role is held on' }) unitId!: string;
}

@ObjectType({ description: '当前用户：登录的调用者 / The signed-in caller' })
export class Viewer {
  @Field(() => ID, { description: '调用者 ID / Id of the caller' }) id!: string;
  @Field(() => PrincipalKindEnum, { description: '调用者类型 / Kind of caller' }) kind!: 'MEMBER' | 'ADMIN' | 'SERVICE';
  // Viewer is only answered once per operation (login, serviceLogin, me), so an assumed size is enough for the estimate.
  @Field(() => [RoleGrant], { description: '岗位及其适用的单位（管辖范围） / Roles and the units they apply to' })
  @Directive(listSize.atMost(50))
  grants!: RoleGrant[];
  @Field(() => [String], { description: '接口账号的权限 / Permissions of a service account' }) permissions!: string[];
  @Field(() => Member, { nullable: true, description: '人员记录（MEMBER 调用者） / The member record, for MEMBER callers' }) member!: Member | null;
}

@ObjectType({ description: '访问令牌，用于 Authorization 请求头 / A bearer token for the Authorization header' })
export class AuthPayload {
  @Field({ description: '访问令牌（Bearer） / The bearer token' }) token!: string;
  @Field(() => GraphQLISODateTime, { description: '令牌到期时间 / When the token expires' }) expiresAt!: Date;
  @Field({
    description:
      '密码已被管理人员重置，须先修改密码 / The password was reset by a manager and must be changed first\n' +
      'true after a manager reset the password: the token carries no roles and only `me`, `changeMyPassword` and `signOut` answer; change the password, then sign in again',
  })
  mustChangePassword!: boolean;
  @Field(() => Viewer, { description: '登录的当前用户 / The caller signed in' }) viewer!: Viewer;
}
