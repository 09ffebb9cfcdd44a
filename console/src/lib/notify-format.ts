import { t } from '../i18n';

/** Words and numbers of the notification pages: money, rates, channel/status/type labels, error codes. */

/** "1.234.000 đ": dots between thousands, as Vietnamese invoices write it (no ICU needed). */
export function formatMoney(amount: number | null | undefined): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return t.none;
  const rounded = Math.round(amount);
  const digits = String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${rounded < 0 ? '−' : ''}${digits} đ`;
}

/** "1.234": a count with thousands dots. */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** Delivered over sent as "85,3%" (one decimal, Vietnamese comma); "—" when nothing was sent. */
export function formatRate(delivered: number, messages: number): string {
  if (!messages) return t.none;
  const percent = Math.round((delivered / messages) * 1000) / 10;
  return `${String(percent).replace('.', ',')}%`;
}

export function channelLabel(channel: string | null | undefined): string {
  if (!channel) return t.notify.noChannel;
  return t.notify.channels[channel] ?? channel;
}

export function notifyStatusLabel(status: string): string {
  return t.notify.statuses[status] ?? status;
}

export function messageTypeLabel(type: string): string {
  return t.notify.types[type] ?? type;
}

export function broadcastStatusLabel(status: string): string {
  return t.notify.broadcastStatuses[status] ?? status;
}

/**
 * A delivery's failure code in words (the codes of server/src/platform/notify/channels.ts classify()):
 * "zalo:-213" → "Người dân chưa quan tâm OA", "sms:http-503" → "Cổng SMS từ chối (mã HTTP 503)".
 */
export function explainErrorCode(code: string | null | undefined): string {
  if (!code) return t.none;
  const known = t.notify.errorCodes[code];
  if (known) return known;
  const sms = /^sms:http-(\w+)$/.exec(code);
  if (sms) return t.notify.smsHttp(sms[1]!);
  const zalo = /^zalo:(.+)$/.exec(code);
  if (zalo) return t.notify.zaloOther(zalo[1]!);
  return t.notify.otherCode(code);
}

/** "YYYY-MM-DD" of an instant in Viet Nam (UTC+7, no daylight saving). */
export function vnDay(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** The day after a "YYYY-MM-DD" day. */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** This month in Viet Nam: its first day and today (the default period of the cost report). */
export function thisMonth(now: Date = new Date()): { from: string; to: string } {
  const today = vnDay(now);
  return { from: `${today.slice(0, 8)}01`, to: today };
}

/** Whole days picked [from, to] as the API's half-open instants [from 00:00, day after to 00:00). */
export function periodToApi(from: string, to: string): { from: string; to: string } {
  return { from: `${from}T00:00:00+07:00`, to: `${nextDay(to)}T00:00:00+07:00` };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
export function isDay(value: string | null | undefined): value is string {
  return !!value && DAY.test(value) && !Number.isNaN(new Date(`${value}T00:00:00Z`).getTime());
}

/** A <input type="datetime-local"> value ("2026-03-02T08:30"), read as Viet Nam time, as an ISO instant. */
export function localInputToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const d = new Date(`${value}:00+07:00`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

const VARIABLE = /\{\{\s*([a-zA-Z][a-zA-Z0-9_]*)\s*\}\}/g;

/** Variables a template names that the type does not provide (the server refuses these on save). */
export function unknownVariables(text: string, allowed: readonly string[]): string[] {
  const names = [...text.matchAll(VARIABLE)].map((m) => m[1]!);
  return [...new Set(names.filter((n) => !allowed.includes(n)))];
}

/** Inserts "{{name}}" at the caret (or over the selection) and says where the caret goes next. */
export function insertVariable(
  text: string,
  name: string,
  start: number,
  end: number = start,
): { text: string; caret: number } {
  const token = `{{${name}}}`;
  const a = Math.max(0, Math.min(start, text.length));
  const b = Math.max(a, Math.min(end, text.length));
  return { text: text.slice(0, a) + token + text.slice(b), caret: a + token.length };
}
