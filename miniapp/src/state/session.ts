import { createStore } from '../lib/store';
import { platform } from '../platform';

export interface CitizenSummary {
  id: string;
  name: string | null;
  avatarUrl: string | null;
  hasPhone: boolean;
}
export interface Session {
  token: string;
  expiresAt: string;
  citizen: CitizenSummary;
}

const KEY = 'ctic.session';
export const sessionStore = createStore<Session | null>(null);

/** Reads the saved session from the platform's storage; an expired one is dropped. */
export function loadSession(): void {
  try {
    const saved = JSON.parse(platform().storage.get(KEY) ?? 'null') as Session | null;
    if (saved && Date.parse(saved.expiresAt) > Date.now()) sessionStore.set(saved);
    else platform().storage.remove(KEY);
  } catch {
    platform().storage.remove(KEY);
  }
}

export function saveSession(session: Session): void {
  platform().storage.set(KEY, JSON.stringify(session));
  sessionStore.set(session);
}

export function clearSession(): void {
  platform().storage.remove(KEY);
  sessionStore.set(null);
}
