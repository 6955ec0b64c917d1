import type { PublishedFigures } from '../../stats/disclosure-control';
import { DEFAULT_FILTERS, everyRow, monthRange, publishedReports, readFilters, selectionOf } from './statistics-page.service';

const PERIODS = { years: ['2025'], quarters: ['2025-Q2'], months: ['2025-04'] };
const FUNDS = [{ code: '751', label: '75 – CPAM de Paris' }];
const PUBLISHED_FIGURES: PublishedFigures = {
  suppressed: false,
  reports: 12,
  paid: 10,
  waiting: 2,
  medianDays: 20,
  p90Days: 40,
  shareOverThreshold: 0.25,
  shareOverThresholdCi: [0.1, 0.5],
  paidMeanDays: 22,
  paidMedianDays: 19,
  fundPart: { suppressed: true },
  consequences: { suppressed: true },
};

describe('readFilters', () => {
  it('keeps the values that can be chosen', () => {
    const query = { period: '2025-Q2', kind: 'maladie', region: 'Île-de-France', caisse: '751', tri: 'mediane', ordre: 'croissant', barres: 'toutes' };
    expect(readFilters(query, PERIODS, ['Île-de-France'], FUNDS)).toEqual({ filters: query, errors: {} });
  });

  it('reports an unknown value in French and falls back to its default', () => {
    const query = { period: '2014', kind: 'sick', region: 'Atlantide', caisse: '999', tri: 'median', ordre: 'asc', barres: 'all' };
    const { filters, errors } = readFilters(query, PERIODS, ['Île-de-France'], FUNDS);
    expect(filters).toEqual(DEFAULT_FILTERS);
    expect(errors).toEqual({
      period: 'Choisissez une période dans la liste.',
      kind: 'Choisissez un type d’arrêt dans la liste.',
      region: 'Choisissez une région dans la liste.',
      caisse: 'Choisissez une caisse dans la liste.',
      tri: 'Choisissez dans la liste la colonne selon laquelle trier le tableau.',
      ordre: 'Choisissez un ordre de tri dans la liste.',
      barres: 'Ce lien vers le graphique est incorrect : « barres » ne peut valoir que « toutes ».',
    });
  });

  it('treats empty values as "none" and reads the first of a repeated field', () => {
    expect(readFilters({ period: '', caisse: ['751', '999'] }, PERIODS, [], FUNDS)).toEqual({
      filters: { ...DEFAULT_FILTERS, caisse: '751' },
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

describe('selectionOf and everyRow', () => {
  const caisses = [
    { code: '595', name: 'CPAM de Lille-Douai', departements: ['59'], region: 'Hauts-de-France', type: 'CPAM' },
    { code: '011', name: 'CPAM de l’Ain', departements: ['01'], region: 'Auvergne-Rhône-Alpes', type: 'CPAM' },
    { code: '594', name: 'CPAM des Flandres', departements: ['59'], region: 'Hauts-de-France', type: 'CPAM' },
    { code: '021', name: 'CPAM de l’Aisne', departements: ['02'], region: 'Hauts-de-France', type: 'CPAM' },
  ];

  it('selects the funds and départements of a region, sorted by code, and names the others outside', () => {
    expect(selectionOf(caisses, '')).toEqual({
      funds: [caisses[1], caisses[3], caisses[2], caisses[0]],
      departements: ['01', '02', '59'],
      outsideDepartements: new Set(),
    });
    const north = selectionOf(caisses, 'Hauts-de-France');
    expect(north.funds.map((fund) => fund.code)).toEqual(['021', '594', '595']);
    expect(north.departements).toEqual(['02', '59']);
    expect(north.outsideDepartements).toEqual(new Set(['01']));
  });

  it('gives every code a row, a missing one reading like a suppressed one', () => {
    const published = { group: { departement: '59' }, ...PUBLISHED_FIGURES };
    const suppressed = { group: { departement: '02' }, suppressed: true as const };
    expect(everyRow([published, suppressed], 'departement', ['01', '02', '59'], (departement) => ({ departement }))).toEqual([
      { group: { departement: '01' }, suppressed: true },
      suppressed,
      published,
    ]);
  });

  it('counts a total with no report as not published', () => {
    expect(publishedReports({ suppressed: true })).toBeNull();
    expect(publishedReports({ ...PUBLISHED_FIGURES, reports: 0 })).toBeNull();
    expect(publishedReports(PUBLISHED_FIGURES)).toBe(12);
  });
});
