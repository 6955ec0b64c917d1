import { days, frenchDate, percent, percentInterval, periodLabel, shortMonth, snapshotTime, wholeNumber } from './french-format';

describe('frenchDate', () => {
  it('writes a calendar date in words, whatever the machine time zone', () => {
    expect(frenchDate('2026-09-03')).toBe('3 septembre 2026');
    expect(frenchDate('2026-01-01')).toBe('1er janvier 2026');
  });
});

describe('statistics in French', () => {
  it('writes days, counts, shares, intervals, periods and the snapshot time', () => {
    expect(days(1)).toBe('1 jour');
    expect(days(23)).toBe('23 jours');
    expect(days(null)).toBe('–');
    expect(wholeNumber(1234)).toBe('1\u202f234');
    expect(percent(0.42)).toBe('42 %');
    expect(percentInterval([0.35, 0.5])).toBe('35 à 50 %');
    expect(periodLabel('all')).toBe('toute la période');
    expect(periodLabel('2025-Q1')).toBe('1er trimestre 2025');
    expect(periodLabel('2025-Q3')).toBe('3e trimestre 2025');
    expect(periodLabel('2025-08')).toBe('août 2025');
    expect(shortMonth('2025-02')).toBe('févr. 25');
    // Paris time: UTC+1 in winter, UTC+2 in summer.
    expect(snapshotTime('2026-11-29T10:05:00.000Z')).toBe('29 novembre 2026 à 11:05');
    expect(snapshotTime('2026-07-01T22:30:00.000Z')).toBe('2 juillet 2026 à 00:30');
  });
});
