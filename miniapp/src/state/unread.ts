import { api } from '../api/client';
import { createStore } from '../lib/store';
import { sessionStore } from './session';

/** Unread messages for the bell; null when unknown (signed out, or not fetched yet). */
export const unreadStore = createStore<number | null>(null);

export async function refreshUnread(): Promise<void> {
  if (!sessionStore.get()) {
    unreadStore.set(null);
    return;
  }
  try {
    const { unread } = await api<{ unread: number }>('/api/me/inbox/unread-count');
    unreadStore.set(unread);
  } catch {
    // The count is a hint: keep the last one rather than alarm anyone.
  }
}

sessionStore.subscribe((session) => {
  if (!session) unreadStore.set(null);
});
