import { Args, Directive, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Access } from '@steward/auth';
import { CurrentAccess, listSize, PageArgs } from '@steward/service-kit';
import { MAX_LISTED_WEBHOOKS, WebhooksService } from '../application/webhooks.service';
import { DeliveryStatus, RegisteredWebhook, RegisterWebhookInput, Webhook, WebhookDeliveryConnection } from './webhook.model';

const WHO = 'Needs notifications:webhooks (推送管理权限, administrators) on the unit or above; FORBIDDEN otherwise';

@Resolver(() => Webhook)
export class WebhooksResolver {
  constructor(private readonly service: WebhooksService) {}

  @Mutation(() => RegisteredWebhook, {
    description: `Registers a webhook (登记推送地址) for an org unit: every message about its tickets is POSTed there, signed (X-Steward-Signature). The answer holds the signing secret, shown only once. BAD_USER_INPUT for a URL that is not http(s) or, in production, names a private host. ${WHO}`,
  })
  registerWebhook(@CurrentAccess() access: Access, @Args('input', { type: () => RegisterWebhookInput }) input: RegisterWebhookInput) {
    return this.service.register(access, { ...input });
  }

  @Mutation(() => Webhook, { description: `Disables a webhook (停用): it receives nothing more; its pending deliveries die. ${WHO}` })
  disableWebhook(@CurrentAccess() access: Access, @Args('id', { type: () => ID }) id: string) {
    return this.service.disable(access, id);
  }

  @Query(() => [Webhook], { description: `The webhooks (推送地址) of the unit and the units below it, oldest first, at most ${MAX_LISTED_WEBHOOKS}; never their secrets. ${WHO}` })
  @Directive(listSize.atMost(MAX_LISTED_WEBHOOKS))
  webhooks(@CurrentAccess() access: Access, @Args('unitId', { type: () => ID }) unitId: string) {
    return this.service.list(access, unitId);
  }

  @Query(() => WebhookDeliveryConnection, {
    description: `Deliveries to one webhook (webhookId) or to all webhooks of a unit and below (unitId), give exactly one; optionally of one status, e.g. DEAD (死信). ${WHO}`,
  })
  @Directive(listSize.connection)
  webhookDeliveries(
    @CurrentAccess() access: Access,
    @Args() page: PageArgs,
    @Args('webhookId', { type: () => ID, nullable: true }) webhookId?: string,
    @Args('unitId', { type: () => ID, nullable: true }) unitId?: string,
    @Args('status', { type: () => DeliveryStatus, nullable: true }) status?: string,
  ) {
    return this.service.deliveriesOf(access, { webhookId, unitId, status }, page);
  }
}
