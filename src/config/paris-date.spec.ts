import { describe, expect, it } from '@jest/globals';
import { addDays, daysBetween, isCalendarDate, parisToday } from './paris-date';

describe('parisToday', () => {
  it.each([
    ['2026-01-15T22:59:59Z', '2026-01-15'], // winter, UTC+1: still the 15th in Paris
    ['2026-01-15T23:00:00Z', '2026-01-16'], // midnight in Paris
    ['2026-07-01T21:59:59Z', '2026-07-01'], // summer, UTC+2
    ['2026-07-01T22:00:00Z', '2026-07-02'],
    ['2026-12-31T23:30:00Z', '2027-01-01'], // new year in Paris before UTC
    ['2026-03-29T00:30:00Z', '2026-03-29'], // the night clocks go forward
  ])('at %s is %s', (instant, expected) => {
    expect(parisToday(new Date(instant))).toBe(expected);
  });

  it('does not depend on the machine time zone', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      expect(parisToday(new Date('2026-05-10T23:30:00Z'))).toBe('2026-05-11');
    } finally {
      process.env.TZ = saved;
    }
  });
});

describe('isCalendarDate', () => {
  it.each(['2026-02-28', '2024-02-29', '2015-01-01', '2026-12-31'])('accepts %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });
  it.each([
    ['an impossible day', '2026-02-30'],
    ['a non-leap 29 February', '2025-02-29'],
    ['month 13', '2026-13-01'],
    ['day 0', '2026-01-00'],
    ['a short month', '2026-1-05'],
    ['a datetime', '2026-01-05T00:00:00Z'],
    ['a French date', '05/01/2026'],
    ['a number', 20260105],
    ['null', null],
  ])('refuses %s', (_label, value) => {
    expect(isCalendarDate(value)).toBe(false);
  });
});

describe('addDays', () => {
  it('moves across months, leap days and years, forwards and backwards', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-10-25', 30)).toBe('2026-11-24');
    expect(daysBetween('2026-01-10', addDays('2026-01-10', 400))).toBe(400);
  });
});

describe('daysBetween', () => {
  it('counts calendar days, across a change of daylight saving time', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetween('2026-09-01', '2026-11-29')).toBe(89);
    expect(daysBetween('2026-09-01', '2026-09-01')).toBe(0);
  });
});
