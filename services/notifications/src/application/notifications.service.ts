import { Injectable } from '@nestjs/common';
import type { Access } from '@steward/auth';
import { toPage, toPageRequest, type Page, type PageArgs } from '@steward/service-kit';
import { assertAllOwn, readRequestIds } from '../domain/inbox-rules';
import { readEvent } from '../events/notification-events';
import { NotificationRepository, type NotificationDocument } from '../persistence/notification.repository';

export interface NotificationView extends Omit<NotificationDocument, '_id' | 'outbox' | 'outboxPending'> {
  id: string;
}

const view = ({ _id, outbox: _outbox, outboxPending: _pending, ...rest }: NotificationDocument): NotificationView => ({ id: _id, ...rest });

/** The caller's own inbox: nobody reads or marks another member's messages, whatever their roles. */
@Injectable()
export class NotificationsService {
  constructor(private readonly repository: NotificationRepository) {}

  async myNotifications(access: Access, unreadOnly: boolean, page: PageArgs): Promise<Page<NotificationView>> {
    const recipientId = access.actorId();
    const request = toPageRequest(page);
    const { rows, total } = await this.repository.page(recipientId, unreadOnly, request);
    return toPage(rows.map(view), request.limit, total);
  }

  /** Marks the caller's messages read (each once, with its read event); NOT_FOUND, marking nothing, when one is not theirs. */
  async markRead(access: Access, ids: readonly string[]): Promise<NotificationView[]> {
    const callerId = access.actorId();
    const wanted = readRequestIds(ids);
    const found = await this.repository.findByIds(wanted);
    assertAllOwn(wanted, found.map((doc) => ({ id: doc._id, recipientId: doc.recipientId })), callerId);
    const at = new Date();
    const marked: NotificationView[] = [];
    for (const id of wanted) {
      const doc = found.find((candidate) => candidate._id === id) as NotificationDocument;
      marked.push(view(await this.repository.markRead(doc, at, (current) => readEvent(current, at))));
    }
    return marked;
  }

  /** The unread count of the caller's own inbox; null for anyone else (an inbox is private). */
  async unreadCount(access: Access, memberId: string): Promise<number | null> {
    if (!access.isAuthenticated || access.actorId() !== memberId) return null;
    return this.repository.unreadCount(memberId);
  }
}
