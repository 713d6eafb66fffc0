import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Access } from '@steward/auth';
import { CurrentAccess } from '@steward/service-kit';
import { AuthPayload, Viewer } from './auth-payload.model';
import { AuthService } from '../application/auth.service';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Mutation(() => AuthPayload, { description: '登录：用手机号和密码；令牌放在 `Authorization: Bearer <token>` 中发送 / Sign in with phone and password; send the token as `Authorization: Bearer <token>`' })
  login(@Args('phone', { description: '手机号 / Mobile phone' }) phone: string, @Args('password', { description: '密码 / Password' }) password: string): Promise<AuthPayload> {
    return this.auth.login({ phone, password });
  }

  @Mutation(() => AuthPayload, { description: '接口账号登录（微信受理、API 受理、数仓工具） / A token for an integration account (WeChat intake, API intake, warehouse tools)' })
  serviceLogin(@Args('clientId', { description: '接口账号 ID / Client id of the integration account' }) clientId: string, @Args('clientSecret', { description: '接口账号密钥 / Client secret of the integration account' }) clientSecret: string): Promise<AuthPayload> {
    return this.auth.serviceLogin({ clientId, clientSecret });
  }

  @Mutation(() => Boolean, {
    description:
      '设置他人密码：需在其任职的每个单位有 members:manage 权限 / Set another member\'s password: needs members:manage over every unit where they hold a role\n' +
      '(or, holding none, where they served last). A member\'s first password is an initial one; replacing a password is a reset (重置) that makes them change it at the next sign-in. Ends the member\'s existing tokens. Your own password: changeMyPassword',
  })
  setMemberPassword(@CurrentAccess() access: Access, @Args('memberId', { type: () => ID, description: '人员 ID / Member id' }) memberId: string, @Args('password', { description: '新密码 / The new password' }) password: string): Promise<boolean> {
    return this.auth.setPassword(access, memberId, password);
  }

  @Mutation(() => Boolean, { description: '修改本人密码（需提供当前密码）；所持令牌全部失效，须重新登录 / Change your own password with the current one; every token you hold stops working, this one included: sign in again' })
  changeMyPassword(@CurrentAccess() access: Access, @Args('currentPassword', { description: '当前密码 / The current password' }) currentPassword: string, @Args('newPassword', { description: '新密码 / The new password' }) newPassword: string): Promise<boolean> {
    return this.auth.changeOwnPassword(access, currentPassword, newPassword);
  }

  @Mutation(() => Boolean, { description: '退出登录：当前令牌提前失效（仅限人员） / Sign out: this token stops working before it expires\n' +
                                          'For members; the administrator\'s and service accounts\' tokens end at expiry' })
  signOut(@CurrentAccess() access: Access): Promise<boolean> {
    return this.auth.signOut(access);
  }

  @Mutation(() => Boolean, { description: '退出所有设备：所持令牌全部失效（仅限人员） / Sign out everywhere: every token you hold stops working. For members' })
  signOutEverywhere(@CurrentAccess() access: Access): Promise<boolean> {
    return this.auth.signOutEverywhere(access);
  }

  @Query(() => Viewer, { description: '当前用户：登录者及其岗位和单位 / Who is signed in, with roles and units' })
  me(@CurrentAccess() access: Access): Promise<Viewer> {
    return this.auth.viewer(access);
  }
}
