import { Directive, Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { listSize, registerStringEnum } from '@steward/service-kit';
import { Member, MemberRoleEnum } from './member.model';
import type { MemberRole } from '../domain/member-rules';

export const PrincipalKindEnum = registerStringEnum(['MEMBER', 'ADMIN', 'SERVICE'] as const, {
  name: 'PrincipalKind',
  description: 'MEMBER (工作人员), ADMIN (bootstrap administrator, 系统管理员) or SERVICE (integration account, 接口账号)',
});

@ObjectType({ description: 'A role the caller holds on a unit, as carried in the token' })
export class RoleGrant {
  @Field(() => MemberRoleEnum) role!: MemberRole;
  @Field(() => ID) unitId!: string;
}

@ObjectType({ description: 'The signed-in caller (当前用户)' })
export class Viewer {
  @Field(() => ID) id!: string;
  @Field(() => PrincipalKindEnum) kind!: 'MEMBER' | 'ADMIN' | 'SERVICE';
  // Viewer is only answered once per operation (login, serviceLogin, me), so an assumed size is enough for the estimate.
  @Field(() => [RoleGrant], { description: 'Roles and the units they apply to (管辖范围)' })
  @Directive(listSize.atMost(50))
  grants!: RoleGrant[];
  @Field(() => [String], { description: 'Permissions of a service account' }) permissions!: string[];
  @Field(() => Member, { nullable: true, description: 'The member record, for MEMBER callers' }) member!: Member | null;
}

@ObjectType({ description: 'A bearer token (访问令牌) for the Authorization header' })
export class AuthPayload {
  @Field() token!: string;
  @Field(() => GraphQLISODateTime) expiresAt!: Date;
  @Field({
    description:
      'true after a manager reset the password (密码已重置): the token carries no roles and only `me`, `changeMyPassword` and `signOut` answer; change the password, then sign in again',
  })
  mustChangePassword!: boolean;
  @Field(() => Viewer) viewer!: Viewer;
}
