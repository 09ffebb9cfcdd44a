import { loadLanguage, type Lang } from '../i18n/i18n';
import { createStore } from '../lib/store';
import { platform } from '../platform';
import { localStore } from '../platform/web';

export type TextSize = 'normal' | 'large' | 'very-large';
export const TEXT_SIZES: readonly TextSize[] = ['normal', 'large', 'very-large'];
export interface Prefs {
  textSize: TextSize;
  lang: Lang;
}

const KEY = 'ctic.prefs';
const DEFAULTS: Prefs = { textSize: 'normal', lang: 'vi' };

function parse(raw: string | null): Prefs {
  try {
    const value = JSON.parse(raw ?? '{}') as Partial<Prefs>;
    return {
      textSize: TEXT_SIZES.includes(value.textSize as TextSize) ? (value.textSize as TextSize) : 'normal',
      lang: value.lang === 'en' ? 'en' : 'vi',
    };
  } catch {
    return DEFAULTS;
  }
}

export const prefsStore = createStore<Prefs>(DEFAULTS);

/**
 * Sizes are percentages of the browser's default font size (styles.css), so a phone set to large
 * system text gets larger text still. `lang` follows the language for screen readers.
 */
function apply(prefs: Prefs): void {
  const root = document.documentElement;
  root.dataset.textSize = prefs.textSize;
  root.lang = prefs.lang;
}

/**
 * Called synchronously by the entry, before anything renders: localStorage holds a mirror even
 * inside Zalo, so the first paint already has the right size.
 */
export function applyStoredPrefsEarly(): void {
  const prefs = parse(localStore.get(KEY));
  prefsStore.set(prefs);
  apply(prefs);
}

/** After the platform is known: its storage (Zalo's nativeStorage) is the one that lasts. */
export async function loadPrefs(): Promise<void> {
  const prefs = parse(platform().storage.get(KEY) ?? localStore.get(KEY));
  await loadLanguage(prefs.lang);
  apply(prefs);
  prefsStore.set(prefs);
}

export async function updatePrefs(change: Partial<Prefs>): Promise<void> {
  const next = { ...prefsStore.get(), ...change };
  await loadLanguage(next.lang);
  const raw = JSON.stringify(next);
  platform().storage.set(KEY, raw);
  localStore.set(KEY, raw);
  apply(next);
  prefsStore.set(next);
}
