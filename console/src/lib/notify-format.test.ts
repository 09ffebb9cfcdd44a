import { describe, expect, it } from 'vitest';
import {
  explainErrorCode,
  formatMoney,
  formatRate,
  insertVariable,
  localInputToIso,
  nextDay,
  periodToApi,
  thisMonth,
  unknownVariables,
} from './notify-format';

describe('formatMoney', () => {
  it('writes VND with dots between thousands and "đ"', () => {
    expect(formatMoney(1_234_000)).toBe('1.234.000 đ');
    expect(formatMoney(350)).toBe('350 đ');
    expect(formatMoney(0)).toBe('0 đ');
    expect(formatMoney(1_000)).toBe('1.000 đ');
    expect(formatMoney(-4_500)).toBe('−4.500 đ');
  });
  it('shows a dash for no value', () => {
    expect(formatMoney(null)).toBe('—');
    expect(formatMoney(undefined)).toBe('—');
  });
});

describe('formatRate', () => {
  it('is a percentage with a Vietnamese decimal comma', () => {
    expect(formatRate(853, 1000)).toBe('85,3%');
    expect(formatRate(1, 1)).toBe('100%');
    expect(formatRate(0, 0)).toBe('—');
  });
});

describe('explainErrorCode', () => {
  it('explains the Zalo codes in Vietnamese', () => {
    expect(explainErrorCode('zalo:-213')).toBe('Người dân chưa quan tâm OA');
    expect(explainErrorCode('zalo:-230')).toContain('7 ngày');
    expect(explainErrorCode('zalo:-999')).toBe('Zalo báo lỗi -999');
  });
  it('explains SMS gateway refusals and other codes', () => {
    expect(explainErrorCode('sms:http-503')).toBe('Cổng SMS từ chối (mã HTTP 503)');
    expect(explainErrorCode('phone')).toBe('Số điện thoại không hợp lệ');
    expect(explainErrorCode('oa:not-configured')).toContain('Official Account');
    expect(explainErrorCode('weird')).toBe('Lỗi weird');
    expect(explainErrorCode(null)).toBe('—');
  });
});

describe('periods', () => {
  it('defaults to this month in Viet Nam, even late on the last evening in UTC', () => {
    // 31 March 20:00 UTC is already 1 April 03:00 in Viet Nam.
    expect(thisMonth(new Date('2026-03-31T20:00:00Z'))).toEqual({ from: '2026-04-01', to: '2026-04-01' });
    expect(thisMonth(new Date('2026-03-15T05:00:00Z'))).toEqual({ from: '2026-03-01', to: '2026-03-15' });
  });
  it('turns whole days into a half-open range of instants', () => {
    expect(nextDay('2026-02-28')).toBe('2026-03-01');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(periodToApi('2026-03-01', '2026-03-31')).toEqual({
      from: '2026-03-01T00:00:00+07:00',
      to: '2026-04-01T00:00:00+07:00',
    });
  });
  it('reads a datetime-local value as Viet Nam time', () => {
    expect(localInputToIso('2026-03-02T08:30')).toBe('2026-03-02T01:30:00.000Z');
    expect(localInputToIso('')).toBeNull();
  });
});

describe('template variables', () => {
  it('finds the variables a type does not provide', () => {
    expect(unknownVariables('Hồ sơ {{code}} {{ foo }} {{bar}} {{foo}}', ['code'])).toEqual(['foo', 'bar']);
    expect(unknownVariables('Hồ sơ {{code}}', ['code'])).toEqual([]);
  });
  it('inserts a variable at the caret or over the selection', () => {
    expect(insertVariable('Hồ sơ  xong', 'code', 6)).toEqual({ text: 'Hồ sơ {{code}} xong', caret: 14 });
    expect(insertVariable('abc', 'x', 1, 2)).toEqual({ text: 'a{{x}}c', caret: 6 });
    expect(insertVariable('abc', 'x', 99)).toEqual({ text: 'abc{{x}}', caret: 8 });
  });
});
