import { api } from '../../api/client';
import type { InboxMessage, InboxPage } from '../../api/types';

export const PAGE_SIZE = 20;

/** Messages seen in a list, so opening one needs no second request. */
const seen = new Map<string, InboxMessage>();

export async function fetchInbox(
  page: number,
  unreadOnly: boolean,
  signal?: AbortSignal,
): Promise<InboxPage> {
  const reply = await api<InboxPage>('/api/me/inbox', {
    query: { page, pageSize: PAGE_SIZE, unread: unreadOnly ? true : undefined },
    signal,
  });
  reply.items.forEach((message) => seen.set(message.id, message));
  return reply;
}

/** A message by id: from the lists already loaded, else by paging through the inbox (deep link). */
export async function findMessage(id: string, signal: AbortSignal): Promise<InboxMessage | null> {
  const known = seen.get(id);
  if (known) return known;
  for (let page = 1; page <= 10; page++) {
    const reply = await fetchInbox(page, false, signal);
    const found = reply.items.find((message) => message.id === id);
    if (found) return found;
    if (page * reply.pageSize >= reply.total) break;
  }
  return null;
}

export async function markRead(message: InboxMessage): Promise<void> {
  await api(`/api/me/inbox/${encodeURIComponent(message.id)}/read`, { method: 'POST' });
  seen.set(message.id, { ...message, readAt: new Date().toISOString() });
}

export async function markAllRead(): Promise<void> {
  await api('/api/me/inbox/read-all', { method: 'POST' });
  seen.clear();
}
