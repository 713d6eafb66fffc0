import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Access } from '@steward/auth';
import { CurrentAccess } from '@steward/service-kit';
import { AuthPayload, Viewer } from './auth-payload.model';
import { AuthService } from './auth.service';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Mutation(() => AuthPayload, { description: 'Sign in (登录) with phone and password; send the token as `Authorization: Bearer <token>`' })
  login(@Args('phone') phone: string, @Args('password') password: string): Promise<AuthPayload> {
    return this.auth.login({ phone, password });
  }

  @Mutation(() => AuthPayload, { description: 'A token for an integration account (接口账号: WeChat intake, API intake, warehouse tools)' })
  serviceLogin(@Args('clientId') clientId: string, @Args('clientSecret') clientSecret: string): Promise<AuthPayload> {
    return this.auth.serviceLogin({ clientId, clientSecret });
  }

  @Mutation(() => Boolean, { description: "Set a member's password (设置密码): the member, or a manager of the member's units" })
  setMemberPassword(@CurrentAccess() access: Access, @Args('memberId', { type: () => ID }) memberId: string, @Args('password') password: string): Promise<boolean> {
    return this.auth.setPassword(access, memberId, password);
  }

  @Mutation(() => Boolean, { description: 'Change your own password (修改密码)' })
  changeMyPassword(@CurrentAccess() access: Access, @Args('currentPassword') currentPassword: string, @Args('newPassword') newPassword: string): Promise<boolean> {
    return this.auth.changeOwnPassword(access, currentPassword, newPassword);
  }

  @Query(() => Viewer, { description: 'Who is signed in (当前用户), with roles and units' })
  me(@CurrentAccess() access: Access): Promise<Viewer> {
    return this.auth.viewer(access);
  }
}
