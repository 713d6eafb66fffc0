import type { DeliveryChannelAdapter, DeliveryOutcome, DeliveryRequest } from '../domain/delivery-channel';
import { classifyWebhookResponse, IDEMPOTENCY_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER, webhookBody, webhookUrlProblem } from '../domain/webhook-rules';
import type { WebhookRepository } from '../persistence/webhook.repository';
import type { DeliveryConfig } from './delivery.config';

/**
 * The webhook channel (推送): POSTs the delivery as JSON to the endpoint's URL,
 * signed with the endpoint's secret (X-Steward-Signature), with the delivery id
 * as Idempotency-Key, by Node's own fetch with a timeout. Redirects are not
 * followed. A disabled or removed endpoint fails the delivery for good.
 */
export class WebhookChannel implements DeliveryChannelAdapter {
  readonly channel = 'WEBHOOK' as const;
  readonly enabled = true;

  constructor(
    private readonly webhooks: WebhookRepository,
    private readonly config: DeliveryConfig['webhook'],
  ) {}

  async deliver(request: DeliveryRequest): Promise<DeliveryOutcome> {
    const webhook = request.endpointId ? await this.webhooks.withSecret(request.endpointId) : null;
    if (!webhook || webhook.status !== 'ACTIVE') return { status: 'FAILED', reason: 'webhook disabled' };
    const problem = webhookUrlProblem(webhook.url, this.config.allowPrivate);
    if (problem) return { status: 'FAILED', reason: `webhook URL ${problem}` };

    const body = JSON.stringify(webhookBody(request));
    const timestamp = Math.floor(Date.now() / 1000);
    try {
      const response = await fetch(webhook.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.timeoutMs),
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'village-steward-webhooks/1',
          [SIGNATURE_HEADER]: signWebhook(webhook.secret, timestamp, body),
          [TIMESTAMP_HEADER]: String(timestamp),
          [IDEMPOTENCY_HEADER]: request.deliveryId,
        },
        body,
      });
      await response.body?.cancel().catch(() => undefined);
      return classifyWebhookResponse(response.status, response.headers.get('retry-after'), new Date());
    } catch (error) {
      const failure = error as Error & { cause?: { code?: string } };
      if (failure.name === 'TimeoutError' || failure.name === 'AbortError') return { status: 'RETRY', reason: `no answer within ${this.config.timeoutMs} ms` };
      return { status: 'RETRY', reason: `network error: ${failure.cause?.code ?? failure.message}` };
    }
  }
}
