import { days, percent, percentInterval, periodLabel, shortMonth, snapshotTime } from '../../presentation/french-format';
import { monthRange, readFilters } from './statistics-page.service';

const PERIODS = { years: ['2025'], quarters: ['2025-Q2'], months: ['2025-04'] };
const FUNDS = [{ code: '751', label: '75 – CPAM de Paris' }];

describe('readFilters', () => {
  it('keeps the values that can be chosen', () => {
    const query = { period: '2025-Q2', kind: 'maladie', region: 'Île-de-France', caisse: '751' };
    expect(readFilters(query, PERIODS, ['Île-de-France'], FUNDS)).toEqual({ filters: query, errors: {} });
  });

  it('reports an unknown value in French and falls back to its default', () => {
    const { filters, errors } = readFilters({ period: '2014', kind: 'sick', region: 'Atlantide', caisse: '999' }, PERIODS, ['Île-de-France'], FUNDS);
    expect(filters).toEqual({ period: 'all', kind: 'all', region: '', caisse: '' });
    expect(errors).toEqual({
      period: 'Choisissez une période dans la liste.',
      kind: 'Choisissez un type d’arrêt dans la liste.',
      region: 'Choisissez une région dans la liste.',
      caisse: 'Choisissez une caisse dans la liste.',
    });
  });

  it('treats empty values as "none" and reads the first of a repeated field', () => {
    expect(readFilters({ period: '', caisse: ['751', '999'] }, PERIODS, [], FUNDS)).toEqual({
      filters: { period: 'all', kind: 'all', region: '', caisse: '751' },
      errors: {},
    });
  });
});

describe('monthRange', () => {
  it('fills the months between the first and the last, across years', () => {
    expect(monthRange(['2025-11', '2026-02', '2025-12'])).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthRange([])).toEqual([]);
  });
});

describe('statistics in French', () => {
  it('writes days, shares, intervals, periods and the snapshot time', () => {
    expect(days(1)).toBe('1 jour');
    expect(days(23)).toBe('23 jours');
    expect(days(null)).toBe('–');
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
