import { BadUserInputError, NotFoundError } from '@steward/errors';

/** How many messages one markNotificationsRead may name. */
export const MAX_READ_IDS = 100;

/** The distinct ids of a markNotificationsRead request: BAD_USER_INPUT when none, too many or blank. */
export function readRequestIds(ids: readonly string[]): string[] {
  if (ids.length === 0 || ids.length > MAX_READ_IDS) {
    throw new BadUserInputError(`ids must name 1–${MAX_READ_IDS} notifications`, [{ path: 'ids', message: `1–${MAX_READ_IDS} ids` }]);
  }
  const blank = ids.findIndex((id) => id.trim().length === 0);
  if (blank >= 0) throw new BadUserInputError('ids must not be blank', [{ path: `ids.${blank}`, message: 'blank id' }]);
  return [...new Set(ids)];
}

/**
 * The caller may mark only their own messages: an id that is unknown or
 * addressed to someone else is NOT_FOUND alike (another member's messages are
 * not even confirmed to exist), and then nothing is marked.
 */
export function assertAllOwn(ids: readonly string[], found: readonly { id: string; recipientId: string }[], callerId: string): void {
  const own = new Set(found.filter((message) => message.recipientId === callerId).map((message) => message.id));
  const missing = ids.find((id) => !own.has(id));
  if (missing !== undefined) throw new NotFoundError('Notification', missing);
}
