import { ErrorDetail, validationFailed } from '../common/api-error';
import { StatsQueryDto } from './stats.dto';
import {
  CellCoordinates,
  FIRST_YEAR,
  Geography,
  GeographyLevel,
  geographyGroupBys,
  GroupBy,
  KindValue,
  PeriodLevel,
  periodGroupBys,
  periodLevelOf,
} from './stats-cube';
import { ALLOWANCE_KINDS } from '../reports/report.entity';

/** A validated GET /api/stats query: the total's cell, and the row cells along groupBy. */
export interface ResolvedStatsQuery {
  query: Record<string, string>;
  total: CellCoordinates;
  rows: { cell: CellCoordinates; group: Record<string, string> }[];
}

/**
 * Resolves a query into cells of the cube. A groupBy must be finer than its filter on the same
 * dimension (groupBy=caisse under a région, month under a year); anything else is a 400.
 */
export function resolveStatsQuery(dto: StatsQueryDto, geography: Geography, today: string): ResolvedStatsQuery {
  const groupBy: GroupBy = dto.groupBy ?? 'caisse';
  const period = dto.period ?? 'all';
  const kind: KindValue = dto.kind ?? 'all';
  const details: ErrorDetail[] = [];
  const { geoLevel, geoCode } = geographyFilter(dto, geography, details);
  const periodLevel = periodLevelOf(period);
  checkPeriodYear(period, 'period', today, details);
  const finerThanFilter =
    groupBy === 'kind'
      ? kind === 'all'
      : groupBy === 'caisse' || groupBy === 'departement' || groupBy === 'region'
        ? geographyGroupBys(geoLevel).includes(groupBy)
        : periodGroupBys(periodLevel).includes(groupBy);
  if (!finerThanFilter) {
    details.push({ field: 'groupBy', message: `${groupBy} must be finer than the filters on the same dimension` });
  }
  if (details.length > 0) throw validationFailed('Invalid statistics query', details);

  const query: Record<string, string> = { groupBy, period, kind };
  if (geoLevel !== 'national') query[geoLevel] = geoCode;
  const total: CellCoordinates = { geoLevel, geoCode, kind, periodLevel, period };
  return { query, total, rows: rowCells(total, groupBy, geography, today) };
}

function rowCells(total: CellCoordinates, groupBy: GroupBy, geography: Geography, today: string): ResolvedStatsQuery['rows'] {
  if (groupBy === 'caisse' || groupBy === 'departement' || groupBy === 'region') {
    return geography.children(total.geoLevel, total.geoCode, groupBy).map((code) => ({
      cell: { ...total, geoLevel: groupBy, geoCode: code },
      group: groupBy === 'caisse' ? { caisse: code, caisseName: geography.caisses.get(code)!.name } : { [groupBy]: code },
    }));
  }
  if (groupBy === 'kind') {
    return ALLOWANCE_KINDS.map((kind) => ({ cell: { ...total, kind }, group: { kind } }));
  }
  return periodsWithin(total.periodLevel, total.period, groupBy, today).map((period) => ({
    cell: { ...total, periodLevel: groupBy, period },
    group: { [groupBy]: period },
  }));
}

/** The periods of `level` inside a parent period, from 2015 to today. */
/** The one geography filter of a query (national without any); a second filter or an unknown code is a detail. */
export function geographyFilter(
  dto: { region?: string; departement?: string; caisse?: string },
  geography: Geography,
  details: ErrorDetail[],
): { geoLevel: GeographyLevel; geoCode: string } {
  const geographyFilters = (['region', 'departement', 'caisse'] as const).filter((field) => dto[field] !== undefined);
  if (geographyFilters.length > 1) {
    details.push({ field: geographyFilters[1], message: `at most one of region, departement, caisse (got ${geographyFilters.join(', ')})` });
  }
  const geoLevel = (geographyFilters[0] ?? 'national') as GeographyLevel;
  const geoCode = geographyFilters[0] ? dto[geographyFilters[0]]! : 'FR';
  if (geoLevel !== 'national' && geography.members(geoLevel, geoCode).length === 0) {
    details.push({ field: geoLevel, message: `unknown ${geoLevel} (see GET /api/caisses)` });
  }
  return { geoLevel, geoCode };
}

/** A period's year must lie between FIRST_YEAR and this year. */
export function checkPeriodYear(period: string, field: string, today: string, details: ErrorDetail[]): void {
  const currentYear = Number(today.slice(0, 4));
  if (period !== 'all' && (Number(period.slice(0, 4)) < FIRST_YEAR || Number(period.slice(0, 4)) > currentYear)) {
    details.push({ field, message: `must be within ${FIRST_YEAR}-${currentYear}` });
  }
}

export function periodsWithin(parentLevel: PeriodLevel, parent: string, level: PeriodLevel, today: string): string[] {
  const lastYear = Number(today.slice(0, 4));
  const years = parentLevel === 'all' ? Array.from({ length: lastYear - FIRST_YEAR + 1 }, (_, index) => FIRST_YEAR + index) : [Number(parent.slice(0, 4))];
  const periods: string[] = [];
  for (const year of years) {
    if (level === 'year') periods.push(String(year));
    for (let quarter = 1; quarter <= 4 && level === 'quarter'; quarter++) periods.push(`${year}-Q${quarter}`);
    for (let month = 1; month <= 12 && level === 'month'; month++) {
      const value = `${year}-${String(month).padStart(2, '0')}`;
      if (parentLevel !== 'quarter' || Math.floor((month - 1) / 3) + 1 === Number(parent.slice(6))) periods.push(value);
    }
  }
  return periods.filter((period) => period.slice(0, 7) <= today.slice(0, 7));
}
