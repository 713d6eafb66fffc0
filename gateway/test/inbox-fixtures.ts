// The inbox (myNotifications) as a signed-in member reads it through the gateway, shared by the notification tests.
import { graphqlData, waitFor } from '@steward/testing';

export interface InboxMessage {
  id: string;
  text: string;
  template: string;
  ticketId: string | null;
  readAt: string | null;
}

const INBOX = `query($unreadOnly: Boolean, $first: Int, $after: String) {
  myNotifications(unreadOnly: $unreadOnly, first: $first, after: $after) {
    totalCount
    edges { cursor node { id text template ticketId readAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** The member's newest 200 messages and their total. */
export async function inbox(url: string, headers: Record<string, string>, unreadOnly = false): Promise<{ total: number; messages: InboxMessage[] }> {
  const data = await graphqlData<{ myNotifications: { totalCount: number; edges: { node: InboxMessage }[] } }>(url, INBOX, { unreadOnly, first: 200 }, headers);
  return { total: data.myNotifications.totalCount, messages: data.myNotifications.edges.map((edge) => edge.node) };
}

/** The member's messages of one template (about `ticketId`, when given), once at least `atLeast` are there. */
export async function messagesOf(
  url: string,
  member: { headers: Record<string, string> },
  ticketId: string | null,
  template: string,
  atLeast = 1,
): Promise<InboxMessage[]> {
  return waitFor(
    async () => {
      const found = (await inbox(url, member.headers)).messages.filter((message) => message.template === template && (ticketId === null || message.ticketId === ticketId));
      return found.length >= atLeast ? found : undefined;
    },
    { description: `${template}${ticketId ? ` of ${ticketId}` : ''} in the inbox`, timeoutMs: 60_000 },
  );
}
