/**
 * Dates on a slip are Vietnam time (UTC+7, no daylight saving), whatever the server's zone is:
 * shifting by seven hours and reading the UTC fields gives the wall clock in Hà Nội.
 */
const OFFSET_MS = 7 * 60 * 60 * 1000;

export interface VnDateParts {
  day: string;
  month: string;
  year: string;
  hour: string;
  minute: string;
}

export function vnParts(date: Date): VnDateParts {
  const shifted = new Date(date.getTime() + OFFSET_MS);
  const two = (n: number) => String(n).padStart(2, '0');
  return {
    day: two(shifted.getUTCDate()),
    month: two(shifted.getUTCMonth() + 1),
    year: String(shifted.getUTCFullYear()),
    hour: two(shifted.getUTCHours()),
    minute: two(shifted.getUTCMinutes()),
  };
}

/** "ngày 05 tháng 01 năm 2026", the dateline of an administrative document. */
export function vnLongDate(date: Date): string {
  const p = vnParts(date);
  return `ngày ${p.day} tháng ${p.month} năm ${p.year}`;
}

/** "17 giờ 00 ngày 15/01/2026", an appointment. */
export function vnAppointment(date: Date): string {
  const p = vnParts(date);
  return `${p.hour} giờ ${p.minute} ngày ${p.day}/${p.month}/${p.year}`;
}
