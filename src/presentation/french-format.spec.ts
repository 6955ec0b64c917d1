import { days, frenchDate, percent, percentInterval, periodLabel, shortMonth, snapshotTime, wholeNumber } from './french-format';

describe('frenchDate', () => {
  it('writes a calendar date in words, whatever the machine time zone', () => {
    expect(frenchDate('2026-09-03')).toBe('3 septembre 2026');
    expect(frenchDate('2026-01-01')).toBe('1er janvier 2026');
  });
});

describe('days', () => {
  it('counts days in French, and writes a missing figure as a dash', () => {
    expect(days(1)).toBe('1 jour');
    expect(days(12)).toBe('12 jours');
    expect(days(null)).toBe('–');
  });
});

describe('snapshotTime', () => {
  it('writes an instant in Paris time, summer and winter', () => {
    expect(snapshotTime('2026-11-29T10:05:00Z')).toBe('29 novembre 2026 à 11:05');
    expect(snapshotTime('2026-07-14T00:00:00Z')).toBe('14 juillet 2026 à 02:00');
  });
});

describe('numbers and periods', () => {
  it('writes counts, shares and periods as a French reader does', () => {
    expect(wholeNumber(1234)).toBe('1\u202f234');
    expect(percent(0.425)).toBe('43 %');
    expect(percent(null)).toBe('–');
    expect(percentInterval([0.35, 0.5])).toBe('35 à 50 %');
    expect(shortMonth('2025-03')).toBe('mars 25');
    expect(periodLabel('all')).toBe('toute la période');
    expect(periodLabel('2025-Q1')).toBe('1er trimestre 2025');
    expect(periodLabel('2025-Q2')).toBe('2e trimestre 2025');
    expect(periodLabel('2025-03')).toBe('mars 2025');
  });
});
