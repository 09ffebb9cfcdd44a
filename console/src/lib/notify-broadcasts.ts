import { api, withQuery } from '../api/client';
import type { NotificationLogItem, PageOf } from '../api/types';

/*
 * The server has no list of broadcasts yet (only POST /api/admin/broadcasts and GET …/:id), so the
 * console knows them two ways: those created from this browser (kept in localStorage), and those
 * whose notices appear in the message log (each follower's notice carries its broadcastId).
 */

const KEY = 'console:broadcasts';
const MAX_REMEMBERED = 50;

export function rememberedBroadcasts(): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberBroadcast(id: string): void {
  try {
    const next = [id, ...rememberedBroadcasts().filter((x) => x !== id)].slice(0, MAX_REMEMBERED);
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // private mode or storage full: the broadcast is still reachable from the message log
  }
}

/** Distinct ids in first-seen order. */
export function mergeIds(...lists: string[][]): string[] {
  return [...new Set(lists.flat())];
}

export async function knownBroadcastIds(signal?: AbortSignal): Promise<string[]> {
  const fromLog = await Promise.all(
    ['broadcast.emergency', 'broadcast.news'].map((type) =>
      api<PageOf<NotificationLogItem>>(
        withQuery('/api/admin/notifications', { type, pageSize: 100 }),
        signal ? { signal } : {},
      ).then(
        (page) => page.items.map((n) => n.broadcastId).filter((id): id is string => id !== null),
        () => [] as string[],
      ),
    ),
  );
  return mergeIds(rememberedBroadcasts(), ...fromLog);
}
