import { describe, expect, it } from 'vitest';
import { durationWords, slaState, slaText } from './sla';

const start = new Date('2026-03-02T08:00:00+07:00');
const due = new Date('2026-03-12T08:00:00+07:00'); // ten days allowed
const at = (fraction: number) => new Date(start.getTime() + fraction * (due.getTime() - start.getTime()));

describe('slaState', () => {
  it('is neutral below 80 % of the allowed time', () => {
    expect(slaState(start, due, start).level).toBe('ok');
    expect(slaState(start, due, at(0.5)).level).toBe('ok');
    expect(slaState(start, due, new Date(at(0.8).getTime() - 1)).level).toBe('ok');
  });

  it('warns from exactly 80 % until the deadline', () => {
    expect(slaState(start, due, at(0.8)).level).toBe('warning');
    expect(slaState(start, due, at(0.95)).level).toBe('warning');
    expect(slaState(start, due, due).level).toBe('warning');
  });

  it('is overdue once the deadline has passed', () => {
    expect(slaState(start, due, new Date(due.getTime() + 1)).level).toBe('overdue');
    expect(slaState(start, due, at(3)).level).toBe('overdue');
    expect(slaState(start, due, at(3)).remainingMs).toBeLessThan(0);
  });

  it('treats a deadline at the start as late only once it has passed', () => {
    expect(slaState(start, start, new Date(start.getTime() - 1000)).level).toBe('ok');
    expect(slaState(start, start, new Date(start.getTime() + 1000)).level).toBe('overdue');
  });
});

describe('durationWords and slaText', () => {
  it('uses the two largest units', () => {
    expect(durationWords(2 * 86_400_000 + 3 * 3_600_000 + 25 * 60_000)).toBe('2 ngày 3 giờ');
    expect(durationWords(5 * 3_600_000 + 10 * 60_000)).toBe('5 giờ 10 phút');
    expect(durationWords(12 * 60_000)).toBe('12 phút');
    expect(durationWords(30_000)).toBe('dưới 1 phút');
    expect(durationWords(-(86_400_000 + 3_600_000))).toBe('1 ngày 1 giờ');
  });

  it('says in words whether time is left, short or over', () => {
    expect(slaText(slaState(start, due, at(0.5)))).toBe('Còn 5 ngày');
    expect(slaText(slaState(start, due, at(0.9)))).toBe('Sắp hết hạn: còn 1 ngày');
    expect(slaText(slaState(start, due, new Date(due.getTime() + 2 * 3_600_000)))).toBe('Quá hạn 2 giờ');
  });
});
