import type { GraphQLResolveInfo } from 'graphql';
import { Args, Directive, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import type { Access } from '@steward/auth';
import { accessOf, CurrentAccess, listSize, PageArgs, pageArgsOf, type RequestContext } from '@steward/service-kit';
import { MAX_READ_IDS } from '../domain/inbox-rules';
import { NotificationsService } from '../application/notifications.service';
import { Member, Notification, NotificationConnection } from './notification.model';

@Resolver(() => Notification)
export class NotificationsResolver {
  constructor(private readonly service: NotificationsService) {}

  @Query(() => NotificationConnection, {
    description: '我的通知：收件箱，最新在前，即通知规则就工单发给你的消息；仅限本人 / Your inbox, newest first: messages the notification rules sent you about tickets. Only ever your own',
  })
  @Directive(listSize.connection)
  myNotifications(
    @CurrentAccess() access: Access,
    @Args('unreadOnly', { type: () => Boolean, nullable: true, defaultValue: false, description: '仅未读消息 / Only unread messages' }) unreadOnly: boolean,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
  ) {
    return this.service.myNotifications(access, unreadOnly ?? false, pageArgsOf(page, info));
  }

  @Mutation(() => [Notification], {
    description:
      `标记已读：将收件箱中的消息标为已读，1–${MAX_READ_IDS} 个 ID / Marks messages of your inbox read, 1–${MAX_READ_IDS} ids\n` +
      'Read ones stay as they were. NOT_FOUND, marking nothing, when an id is not a message of yours',
  })
  @Directive(listSize.atMost(MAX_READ_IDS))
  markNotificationsRead(@CurrentAccess() access: Access, @Args('ids', { type: () => [ID], description: '消息 ID / Message ids' }) ids: string[]) {
    return this.service.markRead(access, ids);
  }
}

@Resolver(() => Member)
export class MemberNotificationsResolver {
  constructor(private readonly service: NotificationsService) {}

  @ResolveField(() => Int, { nullable: true, description: '未读通知数：仅本人（me）可见，他人为 null / Unread messages in the inbox: yours only (`me`); null for anyone else' })
  unreadNotificationCount(@CurrentAccess() access: Access, @Parent() member: Member): Promise<number | null> {
    return this.service.unreadCount(access, member.id);
  }

  @ResolveReference()
  resolveReference(reference: { id: string }, context: RequestContext): Member {
    accessOf(context).authenticated();
    return { id: reference.id };
  }
}
