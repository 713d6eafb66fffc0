import { Injectable } from '@nestjs/common';
import type { OrgScope } from '@steward/auth';
import { AggregateStore } from '@steward/persistence';
import { InjectMongo } from '@steward/service-kit';
import { Schema, type Connection } from 'mongoose';

export type WebhookStatus = 'ACTIVE' | 'DISABLED';

/**
 * A webhook endpoint (推送地址) registered on an org unit: it receives every
 * message about tickets under that unit. `secret` signs the deliveries (HMAC
 * needs it in the clear); it is read only by the webhook channel, never
 * returned by a query nor logged.
 */
export interface WebhookDocument {
  _id: string;
  unitId: string;
  /** the unit's path (its ancestors and itself): reads are scoped by it */
  orgPath: string[];
  url: string;
  eventTypes: string[] | null;
  description: string | null;
  secret: string;
  status: WebhookStatus;
  createdBy: string;
  createdAt: Date;
  disabledAt: Date | null;
  version: number;
}

export type WebhookView = Omit<WebhookDocument, 'secret'>;

const webhookSchema = new Schema<WebhookDocument>(
  {
    _id: { type: String, required: true },
    unitId: { type: String, required: true },
    orgPath: { type: [String], required: true },
    url: { type: String, required: true },
    eventTypes: { type: [String], default: null },
    description: { type: String, default: null },
    secret: { type: String, required: true, select: false },
    status: { type: String, required: true },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
    disabledAt: { type: Date, default: null },
    version: { type: Number, required: true },
  },
  { collection: 'webhooks', versionKey: false },
);
webhookSchema.index({ orgPath: 1, status: 1 }, { name: 'path_status' });

const NO_SECRET = { secret: 0 } as const;

@Injectable()
export class WebhookRepository {
  private readonly store: AggregateStore<WebhookDocument>;

  constructor(@InjectMongo() connection: Connection) {
    this.store = new AggregateStore(connection.model<WebhookDocument>('Webhook', webhookSchema), { name: 'Webhook' });
  }

  insert(webhook: WebhookDocument): Promise<void> {
    return this.store.insert(webhook);
  }

  /** One webhook without its secret; null when unknown, FORBIDDEN outside `scope`. */
  findById(id: string, scope: OrgScope): Promise<WebhookView | null> {
    return this.store.findById(id, scope, NO_SECRET);
  }

  /** The webhooks on `unitId` and below it, inside `scope`, oldest first, without secrets. */
  within(unitId: string, scope: OrgScope, limit = 0): Promise<WebhookView[]> {
    return this.store.find({ orgPath: unitId }, scope, NO_SECRET).sort({ createdAt: 1, _id: 1 }).limit(limit).lean<WebhookView[]>().exec();
  }

  /** The active webhooks on any unit of `path` (a ticket's unit and its ancestors), without secrets. */
  activeOn(path: readonly string[]): Promise<WebhookView[]> {
    if (path.length === 0) return Promise.resolve([]);
    return this.store.model.find({ unitId: { $in: [...path] }, status: 'ACTIVE' }, NO_SECRET).lean<WebhookView[]>().exec();
  }

  /** The webhook with its secret, for signing one delivery (the webhook channel only). */
  withSecret(id: string): Promise<WebhookDocument | null> {
    return this.store.model.findById(id).select('+secret').lean<WebhookDocument>().exec();
  }

  /** Disables it (deliveries still pending die when their turn comes); false when it changed since it was read. */
  disable(webhook: WebhookView, at: Date): Promise<boolean> {
    return this.store.trySave({ id: webhook._id, expected: webhook.version, set: { status: 'DISABLED', disabledAt: at } });
  }
}
