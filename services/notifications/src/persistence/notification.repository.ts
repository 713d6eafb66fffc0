import { Injectable } from '@nestjs/common';
import { ConflictError } from '@steward/errors';
import type { EventEnvelope, OutboxEntry } from '@steward/events';
import { AggregateStore, type KeysetPageRequest, type TotalCount } from '@steward/persistence';
import { InjectMongo } from '@steward/service-kit';
import { Schema, type Connection, type QueryFilter } from 'mongoose';

/**
 * One message to one recipient through one channel (the inbox today). The
 * `_id` is derived from what makes it unique, the source event, the recipient
 * and the channel, so a second insert of the same message (a redelivered
 * event, a batch replayed after a crash) fails atomically and changes nothing;
 * it begins with the recipient and the event time, so one member's messages
 * page newest first by `_id`.
 */
export interface NotificationDocument {
  _id: string;
  recipientId: string;
  recipientKind: string;
  channel: string;
  sourceEventId: string;
  sourceEventType: string;
  ticketId: string | null;
  ticketNumber: string | null;
  template: string;
  ruleVersion: string;
  text: string;
  occurredAt: Date;
  createdAt: Date;
  readAt: Date | null;
  version: number;
  outbox?: OutboxEntry[];
  outboxPending?: true;
}

export type NewNotification = Omit<NotificationDocument, '_id' | 'createdAt' | 'readAt' | 'version' | 'outbox' | 'outboxPending'>;

const notificationSchema = new Schema<NotificationDocument>(
  {
    _id: { type: String, required: true },
    recipientId: { type: String, required: true },
    recipientKind: { type: String, required: true },
    channel: { type: String, required: true },
    sourceEventId: { type: String, required: true },
    sourceEventType: { type: String, required: true },
    ticketId: { type: String, default: null },
    ticketNumber: { type: String, default: null },
    template: { type: String, required: true },
    ruleVersion: { type: String, required: true },
    text: { type: String, required: true },
    occurredAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
    readAt: { type: Date, default: null },
    version: { type: Number, required: true },
    outbox: { type: [Schema.Types.Mixed], default: undefined },
    outboxPending: { type: Boolean, select: false },
  },
  { collection: 'notifications', versionKey: false },
);
notificationSchema.index({ recipientId: 1, readAt: 1 }, { name: 'recipient_unread' });

/** The `_id` of a message: recipient, event time, source event, channel. */
export function notificationId(message: Pick<NewNotification, 'recipientId' | 'occurredAt' | 'sourceEventId' | 'channel'>): string {
  return `${message.recipientId}:${message.occurredAt.toISOString()}:${message.sourceEventId}:${message.channel}`;
}

@Injectable()
export class NotificationRepository {
  private readonly store: AggregateStore<NotificationDocument>;

  constructor(@InjectMongo() connection: Connection) {
    this.store = new AggregateStore(connection.model<NotificationDocument>('Notification', notificationSchema), { name: 'Notification' });
  }

  /** The notifications outbox, for the relay (see outboxRelayProvider). */
  get outbox() {
    return this.store.outbox;
  }

  /** Stores the message with its events; false, writing nothing, when it exists already. */
  insertOnce(id: string, message: NewNotification, events: readonly EventEnvelope[]): Promise<boolean> {
    return this.store.tryInsert({ _id: id, ...message, createdAt: new Date(), readAt: null, version: 1 }, events);
  }

  /** One page of a recipient's messages, newest first. */
  page(recipientId: string, unreadOnly: boolean, request: KeysetPageRequest): Promise<{ rows: NotificationDocument[]; total: TotalCount }> {
    const filter: QueryFilter<NotificationDocument> = unreadOnly ? { recipientId, readAt: null } : { recipientId };
    return this.store.page(filter, { kind: 'ALL' }, { ...request, order: 'desc' });
  }

  unreadCount(recipientId: string): Promise<number> {
    return this.store.model.countDocuments({ recipientId, readAt: null }).exec();
  }

  findByIds(ids: readonly string[]): Promise<NotificationDocument[]> {
    return this.store.model.find({ _id: { $in: [...ids] } }, { outbox: 0 }).lean<NotificationDocument[]>().exec();
  }

  /**
   * Marks one message read at `at` with its event; a message read already
   * stays as it was. CONFLICT only when others keep changing it.
   */
  async markRead(message: NotificationDocument, at: Date, event: (doc: NotificationDocument) => EventEnvelope): Promise<NotificationDocument> {
    let current: NotificationDocument | null = message;
    for (let attempt = 0; attempt < 3 && current; attempt += 1) {
      if (current.readAt) return current;
      const saved = await this.store.trySave({ id: current._id, expected: current.version, set: { readAt: at }, events: [event(current)] });
      if (saved) return { ...current, readAt: at, version: current.version + 1 };
      current = await this.store.model.findById(current._id, { outbox: 0 }).lean<NotificationDocument>().exec();
    }
    throw new ConflictError(`Notification ${message._id} is being changed by someone else; retry`, { id: message._id });
  }
}
