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
