import type { GraphQLResolveInfo } from 'graphql';
import { Args, Directive, ID, Info, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Access } from '@steward/auth';
import { CurrentAccess, listSize, PageArgs, pageArgsOf } from '@steward/service-kit';
import { MAX_LISTED_WEBHOOKS, WebhooksService } from '../application/webhooks.service';
import { DeliveryStatus, RegisteredWebhook, RegisterWebhookInput, Webhook, WebhookDeliveryConnection } from './webhook.model';

const WHO = 'Needs notifications:webhooks (推送管理权限, administrators) on the unit or above; FORBIDDEN otherwise';

@Resolver(() => Webhook)
export class WebhooksResolver {
  constructor(private readonly service: WebhooksService) {}

  @Mutation(() => RegisteredWebhook, {
    description:
      '登记推送地址：单位工单的每条消息都签名后 POST 到该地址 / Registers a webhook for an org unit: every message about its tickets is POSTed there, signed\n' +
      `Signed with X-Steward-Signature. The answer holds the signing secret, shown only once. BAD_USER_INPUT for a URL that is not http(s) or, in production, names a private host. ${WHO}`,
  })
  registerWebhook(@CurrentAccess() access: Access, @Args('input', { type: () => RegisterWebhookInput, description: '推送地址信息 / The webhook to register' }) input: RegisterWebhookInput) {
    return this.service.register(access, { ...input });
  }

  @Mutation(() => Webhook, { description: `停用推送地址：不再接收消息，待发投递作废 / Disables a webhook: it receives nothing more; its pending deliveries die\n${WHO}` })
  disableWebhook(@CurrentAccess() access: Access, @Args('id', { type: () => ID, description: '推送地址 ID / Webhook id' }) id: string) {
    return this.service.disable(access, id);
  }

  @Query(() => [Webhook], {
    description: `单位及其下级单位的推送地址，按时间先后，最多 ${MAX_LISTED_WEBHOOKS} 个；不含密钥 / The webhooks of the unit and the units below it, oldest first, at most ${MAX_LISTED_WEBHOOKS}; never their secrets\n${WHO}`,
  })
  @Directive(listSize.atMost(MAX_LISTED_WEBHOOKS))
  webhooks(@CurrentAccess() access: Access, @Args('unitId', { type: () => ID, description: '组织单元 ID / Org unit id' }) unitId: string) {
    return this.service.list(access, unitId);
  }

  @Query(() => WebhookDeliveryConnection, {
    description:
      '推送投递记录：某推送地址（webhookId）或某单位及以下所有推送地址（unitId），二者给且只给一个 / Deliveries to one webhook (webhookId) or to all webhooks of a unit and below (unitId), give exactly one\n' +
      `Optionally of one status, e.g. DEAD (死信). ${WHO}`,
  })
  @Directive(listSize.connection)
  webhookDeliveries(
    @CurrentAccess() access: Access,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
    @Args('webhookId', { type: () => ID, nullable: true, description: '推送地址 ID / Webhook id' }) webhookId?: string,
    @Args('unitId', { type: () => ID, nullable: true, description: '组织单元 ID：其及以下的所有推送地址 / Org unit id: all webhooks of the unit and below' }) unitId?: string,
    @Args('status', { type: () => DeliveryStatus, nullable: true, description: '仅此状态的投递 / Only deliveries in this status' }) status?: string,
  ) {
    return this.service.deliveriesOf(access, { webhookId, unitId, status }, pageArgsOf(page, info));
  }
}
