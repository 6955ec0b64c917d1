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

export function parseCellKey(key: string): CellCoordinates {
  const [geography, kind, period] = key.split('|');
  const [geoLevel, geoCode] = splitOnce(geography);
  const [periodLevel, value] = splitOnce(period);
  return { geoLevel: geoLevel as GeographyLevel, geoCode, kind: kind as KindValue, periodLevel: periodLevel as PeriodLevel, period: value };
}

function splitOnce(text: string): [string, string] {
  const colon = text.indexOf(':');
  return [text.slice(0, colon), text.slice(colon + 1)];
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
    const source = childLevel === 'region' ? this.regions : childLevel === 'departement' ? this.departements : undefined;
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

/** The level of a `period` filter value: all, 2026, 2026-Q3, 2026-09. */
export function periodLevelOf(period: string): PeriodLevel {
  if (period === 'all') return 'all';
  if (/^\d{4}$/.test(period)) return 'year';
  if (/^\d{4}-Q[1-4]$/.test(period)) return 'quarter';
  return 'month';
}

// A cell's groupBy in each of its parents' tables (an index in GROUP_BYS), derived from the names
// so that adding a level cannot silently number tables wrong. National and all time are no row.
const groupByIndex = (level: string): number => (GROUP_BYS as readonly string[]).indexOf(level);
const GEOGRAPHY_GROUP_BY_INDEX = Object.fromEntries(GEOGRAPHY_LEVELS.map((level) => [level, groupByIndex(level)])) as Record<GeographyLevel, number>;
const PERIOD_GROUP_BY_INDEX = Object.fromEntries(PERIOD_LEVELS.map((level) => [level, groupByIndex(level)])) as Record<PeriodLevel, number>;
const KIND_GROUP_BY_INDEX = groupByIndex('kind');
const ALL_KIND_INDEX = KIND_VALUES.indexOf('all');

/**
 * Numbers every possible cell of the cube, (geography × kind × period) → one integer, so the
 * refresh can find a cell's parents without building strings.
 */
export class CubeIndex {
  readonly geographies: { level: GeographyLevel; code: string }[];
  readonly periods: { level: PeriodLevel; period: string }[];
  private readonly periodIndex = new Map<string, number>();
  private readonly geographyIndex = new Map<string, number>();
  private readonly geographyParents: number[][];
  private readonly periodParents: number[][];
  /** For each period, the periods one level finer inside it (years of all time, quarters of a year, months of a quarter). */
  readonly periodChildren: number[][];

  constructor(
    readonly geography: Geography,
    lastYear: number,
  ) {
    this.geographies = geography.allCells();
    this.geographies.forEach((cell, index) => this.geographyIndex.set(`${cell.level}:${cell.code}`, index));
    this.periods = [{ level: 'all', period: 'all' }];
    for (let year = FIRST_YEAR; year <= lastYear; year++) {
      this.periods.push({ level: 'year', period: String(year) });
      for (let quarter = 1; quarter <= 4; quarter++) this.periods.push({ level: 'quarter', period: `${year}-Q${quarter}` });
      for (let month = 1; month <= 12; month++) this.periods.push({ level: 'month', period: `${year}-${String(month).padStart(2, '0')}` });
    }
    this.periods.forEach((cell, index) => this.periodIndex.set(cell.period, index));
    this.geographyParents = this.geographies.map((cell) => this.parentGeographies(cell.level, cell.code));
    this.periodChildren = this.periods.map((cell) =>
      this.periods.flatMap((child, index) => {
        const direct =
          cell.level === 'all'
            ? child.level === 'year'
            : cell.level === 'year'
              ? child.level === 'quarter' && child.period.startsWith(`${cell.period}-`)
              : cell.level === 'quarter' && child.level === 'month' && quarterOfMonth(child.period) === cell.period;
        return direct ? [index] : [];
      }),
    );
    this.periodParents = this.periods.map((cell) => {
      if (cell.level === 'all') return [];
      const parents = [this.periodIndex.get('all')!];
      if (cell.level !== 'year') parents.push(this.periodIndex.get(cell.period.slice(0, 4))!);
      if (cell.level === 'month') parents.push(this.periodIndex.get(quarterOfMonth(cell.period))!);
      return parents;
    });
  }

  get size(): number {
    return this.geographies.length * KIND_VALUES.length * this.periods.length;
  }

  cellIndex(geography: number, kind: number, period: number): number {
    return (geography * KIND_VALUES.length + kind) * this.periods.length + period;
  }

  indexOf(cell: CellCoordinates): number | undefined {
    const geography = this.geographyIndex.get(`${cell.geoLevel}:${cell.geoCode}`);
    const period = this.periodIndex.get(cell.period);
    const kind = KIND_VALUES.indexOf(cell.kind);
    return geography === undefined || period === undefined || kind < 0 ? undefined : this.cellIndex(geography, kind, period);
  }

  coordinates(index: number): CellCoordinates {
    const period = this.periods[index % this.periods.length];
    const rest = Math.floor(index / this.periods.length);
    const geography = this.geographies[Math.floor(rest / KIND_VALUES.length)];
    return {
      geoLevel: geography.level,
      geoCode: geography.code,
      kind: KIND_VALUES[rest % KIND_VALUES.length],
      periodLevel: period.level,
      period: period.period,
    };
  }

  /** Period indexes a leave month counts in: [month, quarter, year, all], or [all] before 2015. */
  periodsOfMonth(month: string): number[] {
    const monthIndex = this.periodIndex.get(month);
    return monthIndex === undefined ? [0] : [monthIndex, ...this.periodParents[monthIndex]];
  }

  /** Calls `visit` for each table a cell is a row of: each parent along one dimension, with that dimension's groupBy (index in GROUP_BYS). */
  forEachParent(index: number, visit: (parent: number, groupBy: number) => void): void {
    const period = index % this.periods.length;
    const rest = (index - period) / this.periods.length;
    const kind = rest % KIND_VALUES.length;
    const geography = (rest - kind) / KIND_VALUES.length;
    const geographyGroupBy = GEOGRAPHY_GROUP_BY_INDEX[this.geographies[geography].level];
    for (const parent of this.geographyParents[geography]) visit(this.cellIndex(parent, kind, period), geographyGroupBy);
    if (kind !== ALL_KIND_INDEX) visit(this.cellIndex(geography, ALL_KIND_INDEX, period), KIND_GROUP_BY_INDEX);
    const periodGroupBy = PERIOD_GROUP_BY_INDEX[this.periods[period].level];
    for (const parent of this.periodParents[period]) visit(this.cellIndex(geography, kind, parent), periodGroupBy);
  }

  // A geography cell's parents are the coarser cells that hold all of its funds.
  private parentGeographies(level: GeographyLevel, code: string): number[] {
    if (level === 'national') return [];
    const funds = this.geography.members(level, code);
    return this.geographies
      .map((cell, index) => ({ cell, index }))
      .filter(({ cell }) => GEOGRAPHY_LEVELS.indexOf(cell.level) < GEOGRAPHY_LEVELS.indexOf(level))
      .filter(({ cell }) => {
        const parentFunds = new Set(this.geography.members(cell.level, cell.code));
        return funds.every((fund) => parentFunds.has(fund));
      })
      .map(({ index }) => index);
  }
}
