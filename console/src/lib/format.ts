/** Dates as a Vietnamese officer reads them, always in the province's time zone (not the browser's). */
const ZONE = 'Asia/Ho_Chi_Minh';

const dateTime = new Intl.DateTimeFormat('vi-VN', {
  timeZone: ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const dateOnly = new Intl.DateTimeFormat('vi-VN', {
  timeZone: ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const timeOnly = new Intl.DateTimeFormat('vi-VN', {
  timeZone: ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

function toDate(value: string | number | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

export function formatDateTime(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return dateTime.format(toDate(value));
}

export function formatDate(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return dateOnly.format(toDate(value));
}

/** "14:05 ngày 03/02/2026": the unlock time of a locked account, for example. */
export function formatTimeOfDay(value: string | number | Date): string {
  const d = toDate(value);
  return `${timeOnly.format(d)} ngày ${dateOnly.format(d)}`;
}

/**
 * A date picked in an <input type="date"> (YYYY-MM-DD) as the instant the day starts or ends in
 * Viet Nam (UTC+7, no daylight saving), so "to 03/02" includes everything on 3 February.
 */
export function dayStartIso(day: string): string {
  return `${day}T00:00:00+07:00`;
}
export function dayEndIso(day: string): string {
  return `${day}T23:59:59.999+07:00`;
}
