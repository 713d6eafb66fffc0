import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Access } from '@steward/auth';
import { CurrentAccess } from '@steward/service-kit';
import { AuthPayload, Viewer } from './auth-payload.model';
import { AuthService } from '../application/auth.service';

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

  @Mutation(() => Boolean, {
    description:
      "Set another member's password (设置密码): needs members:manage over every unit where they hold a role (or, holding none, where they served last). A member's first password is an initial one; replacing a password is a reset (重置) that makes them change it at the next sign-in. Ends the member's existing tokens. Your own password: changeMyPassword",
  })
  setMemberPassword(@CurrentAccess() access: Access, @Args('memberId', { type: () => ID }) memberId: string, @Args('password') password: string): Promise<boolean> {
    return this.auth.setPassword(access, memberId, password);
  }

  @Mutation(() => Boolean, { description: 'Change your own password (修改密码) with the current one; every token you hold stops working, this one included: sign in again' })
  changeMyPassword(@CurrentAccess() access: Access, @Args('currentPassword') currentPassword: string, @Args('newPassword') newPassword: string): Promise<boolean> {
    return this.auth.changeOwnPassword(access, currentPassword, newPassword);
  }

  @Mutation(() => Boolean, { description: "Sign out (退出登录): this token stops working before it expires. For members; the administrator's and service accounts' tokens end at expiry" })
  signOut(@CurrentAccess() access: Access): Promise<boolean> {
    return this.auth.signOut(access);
  }

  @Mutation(() => Boolean, { description: 'Sign out everywhere (退出所有设备): every token you hold stops working. For members' })
  signOutEverywhere(@CurrentAccess() access: Access): Promise<boolean> {
    return this.auth.signOutEverywhere(access);
  }

  @Query(() => Viewer, { description: 'Who is signed in (当前用户), with roles and units' })
  me(@CurrentAccess() access: Access): Promise<Viewer> {
    return this.auth.viewer(access);
  }
}
