import { language, t, type MessageKey } from '../../i18n/i18n';
import type { DossierStatus } from './api';

/** "8.000 đ": Vietnamese grouping whatever the screen language (amounts are always VND). */
export function formatVnd(amount: number): string {
  return `${Math.round(amount).toLocaleString('vi-VN')} đ`;
}

export function statusLabel(status: DossierStatus | string): string {
  const key = `dos.status.${status}` as MessageKey;
  return t(key) ?? status;
}

export function levelLabel(level: string): string {
  return level === 'full' ? t('proc.level.full') : level === 'partial' ? t('proc.level.partial') : level;
}

/** Dates without time: "05/03/2026" (or "5 Mar 2026"), in Vietnam's time zone. */
export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString(language() === 'en' ? 'en-GB' : 'vi-VN', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'Asia/Ho_Chi_Minh',
  });
}

/** Today in Vietnam, YYYY-MM-DD: what the form validator's 'today' means. */
export function todayInVietnam(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** Hands a downloaded file to the browser (Zalo's webview passes it on to the system). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A random UUID (the Idempotency-Key); crypto.randomUUID needs a secure context some webviews lack. */
export function newUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
