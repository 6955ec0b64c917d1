import { ALLOWANCE_KINDS, AllowanceKind } from '../reports/report.entity';

// The shape of the published cube: geography × kind × period, and which cells are the rows of
// which table (a parent cell with one groupBy). Pure: no SQL, no figures.

export const GEOGRAPHY_LEVELS = ['national', 'region', 'departement', 'caisse'] as const;
export type GeographyLevel = (typeof GEOGRAPHY_LEVELS)[number];
export const PERIOD_LEVELS = ['all', 'year', 'quarter', 'month'] as const;
export type PeriodLevel = (typeof PERIOD_LEVELS)[number];
export type KindValue = AllowanceKind | 'all';
export const KIND_VALUES: readonly KindValue[] = [...ALLOWANCE_KINDS, 'all'];
export const GROUP_BYS = ['caisse', 'departement', 'region', 'kind', 'month', 'quarter', 'year'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/** Periods are cut from 2015 on; older leaves count in "all time" only. */
export const FIRST_YEAR = 2015;

export interface CellCoordinates {
  geoLevel: GeographyLevel;
  geoCode: string;
  kind: KindValue;
  periodLevel: PeriodLevel;
  period: string;
}

export function cellKey(cell: CellCoordinates): string {
  return `${cell.geoLevel}:${cell.geoCode}|${cell.kind}|${cell.periodLevel}:${cell.period}`;
}

export interface CaisseGeography {
  code: string;
  name: string;
  departements: string[];
  region: string;
}

/** Which funds make up each geography cell (a fund serving several départements counts in each). */
export class Geography {
  readonly caisses = new Map<string, CaisseGeography>();
  readonly departements = new Map<string, string[]>();
  readonly regions = new Map<string, string[]>();

  constructor(caisses: CaisseGeography[]) {
    for (const caisse of caisses) {
      this.caisses.set(caisse.code, caisse);
      for (const departement of caisse.departements) push(this.departements, departement, caisse.code);
      push(this.regions, caisse.region, caisse.code);
    }
  }

  /** The funds whose reports a geography cell holds. */
  members(level: GeographyLevel, code: string): string[] {
    if (level === 'national') return [...this.caisses.keys()];
    if (level === 'region') return this.regions.get(code) ?? [];
    if (level === 'departement') return this.departements.get(code) ?? [];
    return this.caisses.has(code) ? [code] : [];
  }

  /** Every geography cell, coarsest first. */
  allCells(): { level: GeographyLevel; code: string }[] {
    return [
      { level: 'national', code: 'FR' },
      ...[...this.regions.keys()].sort().map((code) => ({ level: 'region' as const, code })),
      ...[...this.departements.keys()].sort().map((code) => ({ level: 'departement' as const, code })),
      ...[...this.caisses.keys()].sort().map((code) => ({ level: 'caisse' as const, code })),
    ];
  }

  /** The cells of `childLevel` inside a parent geography cell (wholly inside: a subset of its funds). */
  children(level: GeographyLevel, code: string, childLevel: GeographyLevel): string[] {
    const parent = new Set(this.members(level, code));
    const source =
      childLevel === 'region' ? this.regions : childLevel === 'departement' ? this.departements : undefined;
    if (!source) return [...parent].sort();
    return [...source.entries()]
      .filter(([, funds]) => funds.every((fund) => parent.has(fund)))
      .map(([child]) => child)
      .sort();
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The finer geography levels a table under `level` can be grouped by. */
export function geographyGroupBys(level: GeographyLevel): GeographyLevel[] {
  return GEOGRAPHY_LEVELS.slice(GEOGRAPHY_LEVELS.indexOf(level) + 1);
}

/** The finer period levels a table under `level` can be grouped by. */
export function periodGroupBys(level: PeriodLevel): PeriodLevel[] {
  return PERIOD_LEVELS.slice(PERIOD_LEVELS.indexOf(level) + 1);
}

export function quarterOfMonth(month: string): string {
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

/** Whether a period value (of `childLevel`) lies inside a parent period. */
export function periodContains(level: PeriodLevel, period: string, childLevel: PeriodLevel, child: string): boolean {
  if (level === 'all') return true;
  if (level === 'year') return child.startsWith(`${period}-`);
  // quarter → month
  return childLevel === 'month' && quarterOfMonth(child) === period;
}

/** The level of a `period` filter value: all, 2026, 2026-Q3, 2026-09. */
export function periodLevelOf(period: string): PeriodLevel {
  if (period === 'all') return 'all';
  if (/^\d{4}$/.test(period)) return 'year';
  if (/^\d{4}-Q[1-4]$/.test(period)) return 'quarter';
  return 'month';
}

/** The periods that contain a leave month (month, quarter, year, all), the finest first. */
export function periodsOfMonth(month: string): { level: PeriodLevel; period: string }[] {
  if (Number(month.slice(0, 4)) < FIRST_YEAR) return [{ level: 'all', period: 'all' }];
  return [
    { level: 'month', period: month },
    { level: 'quarter', period: quarterOfMonth(month) },
    { level: 'year', period: month.slice(0, 4) },
    { level: 'all', period: 'all' },
  ];
}
