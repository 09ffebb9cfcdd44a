import type { ComponentType } from 'preact';
import { featureFor } from '../features/registry';

/** Every screen except the home is its own lazily loaded chunk. */
export interface ScreenEntry {
  load: () => Promise<{ default: ComponentType }>;
  /** Needs a signed-in citizen: others are sent to sign in first, then on to this screen. */
  signedIn?: boolean;
}

const APP_SCREENS: Record<string, ScreenEntry> = {
  'sign-in': { load: () => import('./SignInScreen') },
  inbox: { load: () => import('./inbox/InboxScreen'), signedIn: true },
  profile: { load: () => import('./ProfileScreen'), signedIn: true },
  'my-data': { load: () => import('./my-data/MyDataScreen'), signedIn: true },
  settings: { load: () => import('./SettingsScreen') },
  about: { load: () => import('./AboutScreen') },
};

/** The screen for a `page` value; undefined means the home (also for unknown pages). */
export function screenFor(page: string): ScreenEntry | undefined {
  return APP_SCREENS[page] ?? featureFor(page);
}
