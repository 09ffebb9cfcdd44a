/**
 * Working-day calendar for deadlines (Asia/Ho_Chi_Minh, UTC+7 all year, no daylight saving).
 *
 * A day is a working day when it is Monday–Friday and not a day off, or when a decree made that
 * weekend day a working day (a compensatory "làm bù" Saturday). Holidays are data (table `holidays`,
 * national rows plus each province's own), because Tết and the swaps are announced every year.
 *
 * Deadline rule (`addWorkingDays`), following the Civil Code's counting of periods in days
 * (Art. 147–148: the day of the event is not counted; a period ends at the end of its last day):
 *  - a dossier is received on the day it arrives when that is a working day and it arrives before
 *    the office closes (17:00 by default); arriving on a day off or after closing time, it counts as
 *    received on the next working day (online submissions at night or at weekends);
 *  - counting starts on the working day after the day of receipt; the deadline is closing time on
 *    the n-th working day counted. n = 0 means "the same day": closing time on the day of receipt.
 * Example: received Friday 10:00, 3 working days → Wednesday 17:00 (Mon, Tue, Wed).
 */
export const VN_UTC_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;
/** Far more than any legal time limit; reaching it means the data has no working days at all. */
const MAX_SCAN_DAYS = 3 * 366;

/** Office periods for working-hour deadlines, minutes since local midnight: 07:30–11:30, 13:00–17:00. */
const OFFICE_PERIODS: readonly (readonly [number, number])[] = [
  [7 * 60 + 30, 11 * 60 + 30],
  [13 * 60, 17 * 60],
];

export type HolidayKind = 'off' | 'working';
export interface HolidayDay {
  /** Local date, YYYY-MM-DD. */
  day: string;
  kind: HolidayKind;
}

export interface CalendarOptions {
  /** Local closing time "HH:MM"; a dossier received at or after it counts from the next working day. */
  closingTime?: string;
}

/** Local (UTC+7) calendar date of an instant, YYYY-MM-DD. */
export function localDate(instant: Date): string {
  return new Date(instant.getTime() + VN_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** Minutes since local midnight of an instant. */
function localMinutes(instant: Date): number {
  const shifted = new Date(instant.getTime() + VN_UTC_OFFSET_MS);
  return shifted.getUTCHours() * 60 + shifted.getUTCMinutes();
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDay(day: string): number {
  const m = DATE_RE.exec(day);
  if (!m) throw new RangeError(`not a date (YYYY-MM-DD): ${day}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== day) throw new RangeError(`no such date: ${day}`);
  return ms;
}

function shiftDay(day: string, days: number): string {
  return new Date(parseDay(day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The instant of local time `hhmm` on local date `day`. */
export function localInstant(day: string, hhmm = '00:00'): Date {
  const [h, m] = hhmm.split(':').map(Number);
  return new Date(parseDay(day) + ((h ?? 0) * 60 + (m ?? 0)) * 60_000 - VN_UTC_OFFSET_MS);
}

function toDay(value: Date | string): string {
  if (typeof value === 'string') {
    parseDay(value);
    return value;
  }
  return localDate(value);
}

export class WorkingCalendar {
  private readonly exceptions: Map<string, HolidayKind>;
  readonly closingTime: string;
  private readonly closingMinutes: number;

  constructor(holidays: readonly HolidayDay[], options: CalendarOptions = {}) {
    this.exceptions = new Map(holidays.map((h) => [h.day, h.kind]));
    this.closingTime = options.closingTime ?? '17:00';
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(this.closingTime))
      throw new RangeError(`closingTime must be HH:MM, got ${this.closingTime}`);
    const [h, m] = this.closingTime.split(':').map(Number);
    this.closingMinutes = h! * 60 + m!;
  }

  /** A local date (YYYY-MM-DD) or the local date of an instant. */
  isWorkingDay(value: Date | string): boolean {
    const day = toDay(value);
    const exception = this.exceptions.get(day);
    if (exception) return exception === 'working';
    const weekday = new Date(parseDay(day)).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /** The first working day strictly after `day`. */
  nextWorkingDay(value: Date | string): string {
    let day = toDay(value);
    for (let i = 0; i < MAX_SCAN_DAYS; i++) {
      day = shiftDay(day, 1);
      if (this.isWorkingDay(day)) return day;
    }
    throw new RangeError(`no working day within ${MAX_SCAN_DAYS} days after ${toDay(value)}`);
  }

  /** The local date a dossier arriving at `at` counts as received (see the file comment). */
  receiptDay(at: Date): string {
    const day = localDate(at);
    if (this.isWorkingDay(day) && localMinutes(at) < this.closingMinutes) return day;
    return this.nextWorkingDay(day);
  }

  /** Deadline for a dossier received at `start` that needs `n` working days (see the file comment). */
  addWorkingDays(start: Date, n: number): Date {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${n}`);
    let day = this.receiptDay(start);
    for (let i = 0; i < n; i++) day = this.nextWorkingDay(day);
    return localInstant(day, this.closingTime);
  }

  /**
   * Deadline `hours` working hours after `start` (field reports' SLA): office hours are 07:30–11:30
   * and 13:00–17:00 local time on working days; time outside them does not count, so a start in the
   * evening or at a weekend counts from the next opening. Ends at a closing time rather than the
   * next opening when the hours run out exactly there. Example: Friday 16:00 + 8 h → Monday 16:00
   * (1 h on Friday, 4 h Monday morning, 3 h Monday afternoon).
   */
  addWorkingHours(start: Date, hours: number): Date {
    if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`hours must be ≥ 0, got ${hours}`);
    let left = Math.round(hours * 60);
    let day = localDate(start);
    let from = localMinutes(start);
    for (let i = 0; i < MAX_SCAN_DAYS; i++) {
      if (this.isWorkingDay(day)) {
        for (const [open, close] of OFFICE_PERIODS) {
          const begin = Math.max(open, from);
          if (begin >= close) continue;
          if (close - begin >= left) {
            const at = localInstant(day, '00:00');
            return new Date(at.getTime() + (begin + left) * 60_000);
          }
          left -= close - begin;
        }
      }
      day = shiftDay(day, 1);
      from = 0;
    }
    throw new RangeError(`no working hours within ${MAX_SCAN_DAYS} days after ${localDate(start)}`);
  }

  /**
   * Working days d with from < d ≤ to, by local date (negative when `to` is before `from`). With a
   * deadline from `addWorkingDays(start, n)` and a start within office hours of a working day, this
   * gives back n; `workingDaysBetween(deadline, finishedAt)` is how many working days a result was late.
   */
  workingDaysBetween(from: Date | string, to: Date | string): number {
    const a = toDay(from);
    const b = toDay(to);
    if (a === b) return 0;
    const [lo, hi, sign] = a < b ? [a, b, 1] : [b, a, -1];
    let count = 0;
    for (let day = shiftDay(lo, 1); day <= hi; day = shiftDay(day, 1)) if (this.isWorkingDay(day)) count++;
    return sign * count;
  }
}
