import { Injectable } from '@nestjs/common';
import type { EventEnvelope, OutboxEntry } from '@steward/events';
import { AggregateStore, type KeysetPageRequest, type TotalCount } from '@steward/persistence';
import { InjectMongo } from '@steward/service-kit';
import { Schema, type Connection, type QueryFilter } from 'mongoose';
import type { DeliveryRecord, DeliveryStatus, ExternalChannel } from '../domain/delivery-channel';

/**
 * The delivery queue (collection `deliveries`): one document per (source
 * event, target, channel), `_id` = `deliveryId(...)`, so a redelivered event
 * or a replay after a crash inserts nothing new. PENDING documents are the
 * queue (`nextAttemptAt`), DELIVERED ones the record and the rate limit's
 * count, DEAD ones the dead letters (attempts and last error kept). Each
 * state change carries its notification event in the outbox.
 */
export interface DeliveryDocument extends DeliveryRecord {
  /** what the rate limit counts this delivery against (null: not limited) */
  rateKey: string | null;
  version: number;
  outbox?: OutboxEntry[];
  outboxPending?: true;
}

const deliverySchema = new Schema<DeliveryDocument>(
  {
    _id: { type: String, required: true },
    channel: { type: String, required: true },
    target: { type: String, required: true },
    endpointId: { type: String },
    notificationId: { type: String },
    sourceEventId: { type: String, required: true },
    sourceEventType: { type: String, required: true },
    occurredAt: { type: String, required: true },
    template: { type: String, required: true },
    text: { type: String, required: true },
    templateParams: { type: [String], default: undefined },
    ticketId: { type: String, required: true },
    ticketNumber: { type: String, default: null },
    unitId: { type: String, default: null },
    orgPath: { type: [String], required: true },
    recipient: { type: Schema.Types.Mixed, required: true },
    ruleVersion: { type: String, required: true },
    status: { type: String, required: true },
    attempts: { type: Number, required: true },
    nextAttemptAt: { type: Date, default: null },
    lastError: { type: String, default: null },
    providerMessageId: { type: String, default: null },
    createdAt: { type: Date, required: true },
    deliveredAt: { type: Date, default: null },
    deadAt: { type: Date, default: null },
    rateKey: { type: String, default: null },
    version: { type: Number, required: true },
    outbox: { type: [Schema.Types.Mixed], default: undefined },
    outboxPending: { type: Boolean, select: false },
  },
  { collection: 'deliveries', versionKey: false },
);
deliverySchema.index({ status: 1, nextAttemptAt: 1 }, { name: 'due' });
deliverySchema.index({ endpointId: 1, status: 1 }, { name: 'endpoint_status' });
deliverySchema.index({ rateKey: 1, deliveredAt: 1 }, { name: 'rate' });

export type NewDelivery = Omit<DeliveryDocument, 'version' | 'outbox' | 'outboxPending'>;

/** A state change of one delivery, guarded by the version it was read at. */
export interface DeliveryChange {
  set: Partial<Pick<DeliveryDocument, 'status' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'providerMessageId' | 'deliveredAt' | 'deadAt' | 'recipient'>>;
  events?: readonly EventEnvelope[];
}

@Injectable()
export class DeliveryRepository {
  private readonly store: AggregateStore<DeliveryDocument>;

  constructor(@InjectMongo() connection: Connection) {
    this.store = new AggregateStore(connection.model<DeliveryDocument>('Delivery', deliverySchema), { name: 'Delivery' });
  }

  /** The deliveries outbox, for the relay (see outboxRelayProvider). */
  get outbox() {
    return this.store.outbox;
  }

  /** Queues the delivery; false, writing nothing, when it exists already. */
  insertOnce(delivery: NewDelivery): Promise<boolean> {
    return this.store.tryInsert({ ...delivery, version: 1 });
  }

  /** PENDING deliveries of `channels` due at `now`, the longest waiting first. */
  due(channels: readonly ExternalChannel[], now: Date, limit: number): Promise<DeliveryDocument[]> {
    if (channels.length === 0) return Promise.resolve([]);
    return this.store.model
      .find({ status: 'PENDING', nextAttemptAt: { $lte: now }, channel: { $in: [...channels] } }, { outbox: 0 })
      .sort({ nextAttemptAt: 1 })
      .limit(limit)
      .lean<DeliveryDocument[]>()
      .exec();
  }

  /** When the deliveries counted against `rateKey` were delivered since `since`. */
  async deliveredSince(rateKey: string, since: Date): Promise<Date[]> {
    const rows = await this.store.model
      .find({ rateKey, deliveredAt: { $gt: since } }, { deliveredAt: 1 })
      .lean<Pick<DeliveryDocument, 'deliveredAt'>[]>()
      .exec();
    return rows.map((row) => row.deliveredAt).filter((at): at is Date => at instanceof Date);
  }

  /** Applies `change` if the delivery is still at the version read; the document as written, or null (someone else changed it). */
  async change(delivery: DeliveryDocument, change: DeliveryChange): Promise<DeliveryDocument | null> {
    const saved = await this.store.trySave({ id: delivery._id, expected: delivery.version, set: change.set, events: change.events });
    return saved ? { ...delivery, ...change.set, version: delivery.version + 1 } : null;
  }

  /** One page of the deliveries of these webhooks, optionally of one status. */
  pageOfEndpoints(endpointIds: readonly string[], status: DeliveryStatus | undefined, request: KeysetPageRequest): Promise<{ rows: DeliveryDocument[]; total: TotalCount }> {
    const filter: QueryFilter<DeliveryDocument> = { channel: 'WEBHOOK', endpointId: { $in: [...endpointIds] }, ...(status ? { status } : {}) };
    return this.store.page(filter, { kind: 'ALL' }, request);
  }
}
