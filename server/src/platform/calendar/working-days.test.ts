import { describe, expect, it } from 'vitest';
import { NATIONAL_HOLIDAYS } from '../../db/seed/holidays.js';
import { localDate, localInstant, WorkingCalendar } from './working-days.js';

const national = new WorkingCalendar(Object.values(NATIONAL_HOLIDAYS).flat());
const plain = new WorkingCalendar([]);
/** A local (UTC+7) time as an instant. */
const at = (day: string, hhmm: string) => localInstant(day, hhmm);

describe('WorkingCalendar', () => {
  it('knows weekends and the days off of the data', () => {
    expect(plain.isWorkingDay('2026-03-06')).toBe(true); // Friday
    expect(plain.isWorkingDay('2026-03-07')).toBe(false); // Saturday
    expect(plain.isWorkingDay('2026-03-08')).toBe(false); // Sunday
    expect(national.isWorkingDay('2026-02-17')).toBe(false); // Mùng 1 Tết Bính Ngọ
    expect(national.isWorkingDay('2025-09-02')).toBe(false);
    expect(national.isWorkingDay('2026-04-27')).toBe(false); // compensation for Giỗ Tổ on Sunday
  });

  it('treats a swapped Saturday as a working day', () => {
    expect(national.isWorkingDay('2026-01-10')).toBe(true);
    expect(national.isWorkingDay('2025-04-26')).toBe(true);
    expect(national.isWorkingDay('2026-01-02')).toBe(false);
  });

  it('reads the local date of an instant in UTC+7', () => {
    // 17:30 UTC on 6 March is 00:30 on 7 March in Việt Nam.
    expect(localDate(new Date('2026-03-06T17:30:00Z'))).toBe('2026-03-07');
    expect(plain.isWorkingDay(new Date('2026-03-06T17:30:00Z'))).toBe(false);
    expect(localInstant('2026-03-06', '17:00').toISOString()).toBe('2026-03-06T10:00:00.000Z');
  });

  it('counts a deadline from the next working day and ends it at closing time', () => {
    // Received Friday 10:00, 3 working days: Mon, Tue, Wed → Wednesday 17:00.
    expect(plain.addWorkingDays(at('2026-03-06', '10:00'), 3)).toEqual(at('2026-03-11', '17:00'));
    // Same-day service.
    expect(plain.addWorkingDays(at('2026-03-06', '10:00'), 0)).toEqual(at('2026-03-06', '17:00'));
  });

  it('takes a dossier received after closing time or on a day off as received the next working day', () => {
    // Friday 17:30 → received Monday → 1 working day → Tuesday 17:00.
    expect(plain.addWorkingDays(at('2026-03-06', '17:30'), 1)).toEqual(at('2026-03-10', '17:00'));
    // Saturday → received Monday.
    expect(plain.addWorkingDays(at('2026-03-07', '09:00'), 1)).toEqual(at('2026-03-10', '17:00'));
    expect(plain.addWorkingDays(at('2026-03-07', '09:00'), 0)).toEqual(at('2026-03-09', '17:00'));
    // Early morning on a working day still counts as that day.
    expect(plain.addWorkingDays(at('2026-03-09', '06:00'), 1)).toEqual(at('2026-03-10', '17:00'));
  });

  it('skips Tết Bính Ngọ 2026 (14–22/2) for a dossier received before it', () => {
    // Received Friday 13/2/2026, 5 working days: 23, 24, 25, 26, 27/2.
    expect(national.addWorkingDays(at('2026-02-13', '09:00'), 5)).toEqual(at('2026-02-27', '17:00'));
    // Submitted online during Tết: received Monday 23/2; 2 working days → 25/2.
    expect(national.addWorkingDays(at('2026-02-18', '20:00'), 2)).toEqual(at('2026-02-25', '17:00'));
  });

  it('counts a working Saturday from a swap', () => {
    // Thursday 8/1/2026, 2 working days: Fri 9/1, Sat 10/1 (worked in exchange for 2/1).
    expect(national.addWorkingDays(at('2026-01-08', '09:00'), 2)).toEqual(at('2026-01-10', '17:00'));
    // Received on 31/12/2025: 1/1 and 2/1 are off, 3/1–4/1 weekend → 5/1.
    expect(national.addWorkingDays(at('2025-12-31', '09:00'), 1)).toEqual(at('2026-01-05', '17:00'));
  });

  it('spans the 30/4–1/5 and Quốc khánh breaks', () => {
    // 2025: 30/4–4/5 off → received Tuesday 29/4, 1 working day → Monday 5/5.
    expect(national.addWorkingDays(at('2025-04-29', '09:00'), 1)).toEqual(at('2025-05-05', '17:00'));
    // 2026: 29/8–2/9 off → received Friday 28/8, 1 working day → Thursday 3/9.
    expect(national.addWorkingDays(at('2026-08-28', '09:00'), 1)).toEqual(at('2026-09-03', '17:00'));
  });

  it('counts working days between two dates, the inverse of addWorkingDays', () => {
    const start = at('2026-02-10', '09:00');
    for (const n of [0, 1, 5, 15, 40]) {
      expect(national.workingDaysBetween(start, national.addWorkingDays(start, n))).toBe(n);
    }
    expect(plain.workingDaysBetween('2026-03-06', '2026-03-09')).toBe(1); // Fri → Mon
    expect(plain.workingDaysBetween('2026-03-09', '2026-03-06')).toBe(-1);
    expect(plain.workingDaysBetween('2026-03-07', '2026-03-08')).toBe(0);
  });

  it('lets a province day override a national one and a custom closing time', () => {
    const local = new WorkingCalendar([{ day: '2026-03-09', kind: 'off' }], { closingTime: '16:30' });
    expect(local.addWorkingDays(at('2026-03-06', '16:45'), 1)).toEqual(at('2026-03-11', '16:30'));
  });

  it('rejects nonsense', () => {
    expect(() => plain.addWorkingDays(new Date(), -1)).toThrow(RangeError);
    expect(() => plain.addWorkingDays(new Date(), 1.5)).toThrow(RangeError);
    expect(() => plain.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => new WorkingCalendar([], { closingTime: '5pm' })).toThrow(RangeError);
  });
});
