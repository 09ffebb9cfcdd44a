import { useEffect, useState } from 'preact/hooks';
import { api, setCsrfToken } from '../api/client';
import type { OfficerProfile, SessionInfo } from '../api/types';

/*
 * The signed-in officer, shared by every screen. The CSRF token stays in memory only (never in
 * storage a script could read later); a reload gets it again from GET /api/auth/officer/me.
 */

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; reason?: string }
  | { status: 'signed-in'; officer: OfficerProfile };

let state: SessionState = { status: 'loading' };
const listeners = new Set<(s: SessionState) => void>();

function set(next: SessionState): void {
  state = next;
  listeners.forEach((l) => l(state));
}

export function getSession(): SessionState {
  return state;
}

export function useSession(): SessionState {
  const [current, setCurrent] = useState(state);
  useEffect(() => {
    listeners.add(setCurrent);
    setCurrent(state);
    return () => void listeners.delete(setCurrent);
  }, []);
  return current;
}

export function signedIn(info: SessionInfo): void {
  setCsrfToken(info.csrfToken);
  set({ status: 'signed-in', officer: info.officer });
}

export function signedOut(reason?: string): void {
  setCsrfToken(null);
  set(reason ? { status: 'signed-out', reason } : { status: 'signed-out' });
}

/** Restores the session after a page load; a 401 simply means nobody is signed in. */
export async function restoreSession(): Promise<void> {
  try {
    signedIn(await api<SessionInfo>('/api/auth/officer/me', { quiet: true }));
  } catch {
    signedOut();
  }
}

/** Reloads the profile (after a password change or enabling TOTP). */
export async function refreshProfile(): Promise<void> {
  signedIn(await api<SessionInfo>('/api/auth/officer/me'));
}

export function markPasswordChangeRequired(): void {
  if (state.status === 'signed-in') {
    set({ status: 'signed-in', officer: { ...state.officer, mustChangePassword: true } });
  }
}
