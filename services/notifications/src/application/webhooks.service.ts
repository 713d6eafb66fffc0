import { Inject, Injectable } from '@nestjs/common';
import { ALL_UNITS, type Access } from '@steward/auth';
import { BadUserInputError, ConflictError, NotFoundError, parseInput } from '@steward/errors';
import { OrgTree } from '@steward/replicas';
import { toPage, toPageRequest, type Page, type PageArgs } from '@steward/service-kit';
import { randomBytes, randomUUID } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { z } from 'zod';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../domain/delivery-channel';
import { isPrivateHost, registerWebhookSchema, webhookUrlProblem } from '../domain/webhook-rules';
import { DeliveryRepository, type DeliveryDocument } from '../persistence/delivery.repository';
import { WebhookRepository, type WebhookView } from '../persistence/webhook.repository';
import type { DeliveryConfig } from './delivery.config';

export const DELIVERY_CONFIG = Symbol('DELIVERY_CONFIG');

/** Who may manage a unit's webhooks: the holders of notifications:webhooks on it or above. */
const PERMISSION = 'notifications:webhooks';

export interface WebhookModel extends Omit<WebhookView, '_id' | 'orgPath' | 'version'> {
  id: string;
}

export interface WebhookDeliveryModel {
  id: string;
  webhookId: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  deliveredAt: Date | null;
  deadAt: Date | null;
  createdAt: Date;
  sourceEventType: string;
  template: string;
  ticketId: string;
  ticketNumber: string | null;
  recipientKind: string;
}

const webhookModel = ({ _id, orgPath: _path, version: _version, ...rest }: WebhookView): WebhookModel => ({ id: _id, ...rest });

const deliveryModel = (doc: DeliveryDocument): WebhookDeliveryModel => ({
  id: doc._id,
  webhookId: doc.endpointId ?? '',
  status: doc.status,
  attempts: doc.attempts,
  nextAttemptAt: doc.nextAttemptAt,
  lastError: doc.lastError,
  deliveredAt: doc.deliveredAt,
  deadAt: doc.deadAt,
  createdAt: doc.createdAt,
  sourceEventType: doc.sourceEventType,
  template: doc.template,
  ticketId: doc.ticketId,
  ticketNumber: doc.ticketNumber,
  recipientKind: doc.recipient.kind,
});

const deliveriesQuerySchema = z
  .strictObject({
    webhookId: z.string().trim().min(1).nullish(),
    unitId: z.string().trim().min(1).nullish(),
    status: z.enum(DELIVERY_STATUSES).nullish(),
  })
  .refine((query) => Boolean(query.webhookId) !== Boolean(query.unitId), { message: 'give either webhookId or unitId', path: ['webhookId'] });

/** The most webhooks `webhooks(unitId)` lists (oldest first): the bound its cost is planned with. */
export const MAX_LISTED_WEBHOOKS = 200;

/**
 * Webhook endpoints (推送地址) of org units: registering (the signing secret
 * is shown once, in the answer), disabling, listing, and their deliveries.
 * Everything needs notifications:webhooks on the webhook's unit.
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly webhooks: WebhookRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly orgTree: OrgTree,
    @Inject(DELIVERY_CONFIG) private readonly config: DeliveryConfig,
  ) {}

  async register(access: Access, raw: unknown): Promise<{ webhook: WebhookModel; signingSecret: string }> {
    const input = parseInput(registerWebhookSchema, raw);
    const orgPath = this.unitPath(input.unitId);
    access.assertCan(PERMISSION, orgPath);
    await this.assertUrlAllowed(input.url);
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const now = new Date();
    const document = {
      _id: randomUUID(),
      unitId: input.unitId,
      orgPath,
      url: input.url,
      eventTypes: input.eventTypes ? [...new Set(input.eventTypes)] : null,
      description: input.description || null,
      secret,
      status: 'ACTIVE' as const,
      createdBy: access.actorId(),
      createdAt: now,
      disabledAt: null,
      version: 1,
    };
    await this.webhooks.insert(document);
    const { secret: _secret, ...view } = document;
    return { webhook: webhookModel(view), signingSecret: secret };
  }

  /** Disables it: no new deliveries; those still pending die with "webhook disabled". A disabled one stays as it is. */
  async disable(access: Access, id: string): Promise<WebhookModel> {
    const webhook = await this.load(access, id);
    if (webhook.status === 'DISABLED') return webhookModel(webhook);
    const at = new Date();
    if (!(await this.webhooks.disable(webhook, at))) throw new ConflictError(`Webhook ${id} is being changed by someone else; retry`, { id });
    return webhookModel({ ...webhook, status: 'DISABLED', disabledAt: at, version: webhook.version + 1 });
  }

  /** The webhooks on the unit and below it. */
  async list(access: Access, unitId: string): Promise<WebhookModel[]> {
    access.assertCan(PERMISSION, this.unitPath(unitId));
    return (await this.webhooks.within(unitId, ALL_UNITS, MAX_LISTED_WEBHOOKS)).map(webhookModel);
  }

  /** One page of the deliveries of a webhook, or of all webhooks on a unit and below. */
  async deliveriesOf(access: Access, raw: unknown, page: PageArgs): Promise<Page<WebhookDeliveryModel>> {
    const query = parseInput(deliveriesQuerySchema, raw, 'arguments');
    let endpointIds: string[];
    if (query.webhookId) {
      endpointIds = [(await this.load(access, query.webhookId))._id];
    } else {
      const unitId = query.unitId as string;
      access.assertCan(PERMISSION, this.unitPath(unitId));
      endpointIds = (await this.webhooks.within(unitId, ALL_UNITS)).map((webhook) => webhook._id);
    }
    const request = toPageRequest(page);
    const { rows, total } = await this.deliveries.pageOfEndpoints(endpointIds, query.status ?? undefined, request);
    return toPage(rows.map(deliveryModel), request.limit, total);
  }

  private async load(access: Access, id: string): Promise<WebhookView> {
    const webhook = await this.webhooks.findById(id, ALL_UNITS);
    if (!webhook) throw new NotFoundError('Webhook', id);
    access.assertCan(PERMISSION, webhook.orgPath);
    return webhook;
  }

  private unitPath(unitId: string): string[] {
    const path = this.orgTree.pathOf(unitId);
    if (!path) throw new NotFoundError('OrgUnit', unitId);
    return path;
  }

  /** The URL's form, and outside development what its host resolves to: no loopback or private address unless allowed. */
  private async assertUrlAllowed(url: string): Promise<void> {
    const problem = webhookUrlProblem(url, this.config.webhook.allowPrivate);
    if (problem) throw new BadUserInputError(`Invalid input: input.url: ${problem}`, [{ path: 'input.url', message: problem }]);
    if (this.config.webhook.allowPrivate) return;
    const addresses = await lookup(new URL(url).hostname, { all: true }).catch(() => []);
    if (addresses.length === 0) throw new BadUserInputError('Invalid input: input.url: its host does not resolve', [{ path: 'input.url', message: 'host does not resolve' }]);
    if (addresses.some((entry) => isPrivateHost(entry.address))) {
      throw new BadUserInputError('Invalid input: input.url: its host resolves to a loopback or private address', [{ path: 'input.url', message: 'resolves to a private address' }]);
    }
  }
}
