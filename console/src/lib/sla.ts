import { t } from '../i18n';

/*
 * Deadline state shared by dossiers, reports and questions: neutral while less than 80 % of the
 * allowed time has passed, a warning from 80 %, overdue once the deadline is past.
 */

export type SlaLevel = 'ok' | 'warning' | 'overdue';

export const WARNING_FRACTION = 0.8;

export interface SlaState {
  level: SlaLevel;
  /** Milliseconds left (negative when overdue). */
  remainingMs: number;
  /** Share of the allowed time already used (may exceed 1). */
  elapsedFraction: number;
}

export function slaState(start: Date, due: Date, now: Date): SlaState {
  const total = due.getTime() - start.getTime();
  const remainingMs = due.getTime() - now.getTime();
  const elapsed = now.getTime() - start.getTime();
  // A deadline equal to (or before) the start leaves no allowed time: past it is simply late.
  const elapsedFraction = total > 0 ? elapsed / total : remainingMs > 0 ? 0 : 1;
  let level: SlaLevel = 'ok';
  if (remainingMs < 0) level = 'overdue';
  else if (elapsedFraction >= WARNING_FRACTION) level = 'warning';
  return { level, remainingMs, elapsedFraction };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "2 ngày 3 giờ", "5 giờ 10 phút", "12 phút": the two largest units are enough to act on. */
export function durationWords(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) return t.sla.lessThanMinute;
  const days = Math.floor(abs / DAY);
  const hours = Math.floor((abs % DAY) / HOUR);
  const minutes = Math.floor((abs % HOUR) / MINUTE);
  const parts: string[] = [];
  if (days > 0) parts.push(`${days} ${t.sla.day}`);
  if (hours > 0) parts.push(`${hours} ${t.sla.hour}`);
  if (days === 0 && minutes > 0) parts.push(`${minutes} ${t.sla.minute}`);
  return parts.slice(0, 2).join(' ');
}

export function slaText(state: SlaState): string {
  const words = durationWords(state.remainingMs);
  if (state.level === 'overdue') return t.sla.overdue(words);
  if (state.level === 'warning') return t.sla.dueSoon(words);
  return t.sla.remaining(words);
}
