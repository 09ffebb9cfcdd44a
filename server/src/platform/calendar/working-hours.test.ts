import { describe, expect, it } from 'vitest';
import { localInstant, WorkingCalendar } from './working-days.js';

// 2026-12-04 is a Friday; office hours 07:30–11:30 and 13:00–17:00 (UTC+7).
const at = (day: string, hhmm: string) => localInstant(day, hhmm);

describe('WorkingCalendar.addWorkingHours', () => {
  const cal = new WorkingCalendar([]);

  it('carries hours over the weekend: Friday 16:00 + 8 h is Monday 16:00', () => {
    // 1 h on Friday (16:00–17:00), 4 h Monday morning, 3 h from 13:00 Monday.
    expect(cal.addWorkingHours(at('2026-12-04', '16:00'), 8)).toEqual(at('2026-12-07', '16:00'));
  });

  it('ends at closing time when the hours run out exactly there', () => {
    expect(cal.addWorkingHours(at('2026-12-03', '07:30'), 4)).toEqual(at('2026-12-03', '11:30'));
    expect(cal.addWorkingHours(at('2026-12-03', '07:30'), 8)).toEqual(at('2026-12-03', '17:00'));
  });

  it('skips the lunch break', () => {
    expect(cal.addWorkingHours(at('2026-12-03', '11:00'), 1)).toEqual(at('2026-12-03', '13:30'));
  });

  it('starts counting at the next opening when submitted outside office hours', () => {
    expect(cal.addWorkingHours(at('2026-12-03', '06:00'), 1)).toEqual(at('2026-12-03', '08:30'));
    expect(cal.addWorkingHours(at('2026-12-03', '12:00'), 1)).toEqual(at('2026-12-03', '14:00'));
    expect(cal.addWorkingHours(at('2026-12-04', '18:00'), 0.5)).toEqual(at('2026-12-07', '08:00'));
    expect(cal.addWorkingHours(at('2026-12-05', '09:00'), 1)).toEqual(at('2026-12-07', '08:30'));
  });

  it('skips days off and counts compensatory working Saturdays', () => {
    const holidays = new WorkingCalendar([
      { day: '2026-12-07', kind: 'off' },
      { day: '2026-12-12', kind: 'working' },
    ]);
    expect(holidays.addWorkingHours(at('2026-12-04', '16:00'), 8)).toEqual(at('2026-12-08', '16:00'));
    expect(holidays.addWorkingHours(at('2026-12-11', '16:00'), 2)).toEqual(at('2026-12-12', '08:30'));
  });

  it('spans several days for long SLAs (24 h = three full working days)', () => {
    expect(cal.addWorkingHours(at('2026-12-01', '07:30'), 24)).toEqual(at('2026-12-03', '17:00'));
  });

  it('refuses negative hours', () => {
    expect(() => cal.addWorkingHours(at('2026-12-03', '08:00'), -1)).toThrow(RangeError);
  });
});
