import { vi } from './vi';

export type Lang = 'vi' | 'en';
export type MessageKey = keyof typeof vi;
export type Catalog = Record<MessageKey, string>;

let catalog: Catalog = vi;
let current: Lang = 'vi';

/** Looks a message up in the current language and fills `{name}` placeholders. */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  const text = catalog[key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** The Vietnamese text whatever the screen language: consent records are kept in Vietnamese. */
export function tVi(key: MessageKey): string {
  return vi[key];
}

export function language(): Lang {
  return current;
}

/** Vietnamese ships with the shell; English is a separate chunk fetched when chosen. */
export async function loadLanguage(lang: Lang): Promise<void> {
  catalog = lang === 'en' ? (await import('./en')).en : vi;
  current = lang;
}

const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };

/** Dates in the citizen's language and the province's time zone. */
export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(current === 'en' ? 'en-GB' : 'vi-VN', {
    ...DATE_TIME,
    timeZone: 'Asia/Ho_Chi_Minh',
  });
}
