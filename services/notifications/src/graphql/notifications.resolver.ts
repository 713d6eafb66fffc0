import { Args, Directive, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import type { Access } from '@steward/auth';
import { accessOf, CurrentAccess, listSize, PageArgs, type RequestContext } from '@steward/service-kit';
import { MAX_READ_IDS } from '../domain/inbox-rules';
import { NotificationsService } from '../application/notifications.service';
import { Member, Notification, NotificationConnection } from './notification.model';

@Resolver(() => Notification)
export class NotificationsResolver {
  constructor(private readonly service: NotificationsService) {}

  @Query(() => NotificationConnection, {
    description: 'Your inbox (我的通知), newest first: messages the notification rules sent you about tickets. Only ever your own',
  })
  @Directive(listSize.connection)
  myNotifications(
    @CurrentAccess() access: Access,
    @Args('unreadOnly', { type: () => Boolean, nullable: true, defaultValue: false, description: 'Only unread messages (未读)' }) unreadOnly: boolean,
    @Args() page: PageArgs,
  ) {
    return this.service.myNotifications(access, unreadOnly ?? false, page);
  }

  @Mutation(() => [Notification], {
    description: `Marks messages of your inbox read (标记已读), 1–${MAX_READ_IDS} ids; read ones stay as they were. NOT_FOUND, marking nothing, when an id is not a message of yours`,
  })
  @Directive(listSize.atMost(MAX_READ_IDS))
  markNotificationsRead(@CurrentAccess() access: Access, @Args('ids', { type: () => [ID] }) ids: string[]) {
    return this.service.markRead(access, ids);
  }
}

@Resolver(() => Member)
export class MemberNotificationsResolver {
  constructor(private readonly service: NotificationsService) {}

  @ResolveField(() => Int, { nullable: true, description: 'Unread messages in the inbox (未读通知数): yours only (`me`); null for anyone else' })
  unreadNotificationCount(@CurrentAccess() access: Access, @Parent() member: Member): Promise<number | null> {
    return this.service.unreadCount(access, member.id);
  }

  @ResolveReference()
  resolveReference(reference: { id: string }, context: RequestContext): Member {
    accessOf(context).authenticated();
    return { id: reference.id };
  }
}
