import { ErrorDetail, validationFailed } from '../common/api-error';
import { CompareQueryDto, Comparison } from './compare.dto';
import type { StoredRelease } from './disclosure-control';
import { calibratedComparison } from './release-calibration';
import { CellCoordinates, Geography, KindValue, periodLevelOf } from './stats-cube';
import { checkPeriodYear, geographyFilter } from './stats-query';

/** The first and last month of a whole period ('2026' → 2026-01…2026-12). */
function monthRange(period: string): [string, string] {
  const level = periodLevelOf(period);
  if (level === 'year') return [`${period}-01`, `${period}-12`];
  if (level === 'month') return [period, period];
  const first = (Number(period.slice(-1)) - 1) * 3 + 1;
  const month = (value: number) => `${period.slice(0, 4)}-${String(value).padStart(2, '0')}`;
  return [month(first), month(first + 2)];
}

/**
 * The two cells of a comparison: one selection (geography, kind), two whole periods that passed
 * disclosure control on their own, the earlier ending before the later starts. Overlapping periods
 * are refused: their difference would be a window of a few reports.
 */
export function resolveComparison(
  dto: CompareQueryDto,
  geography: Geography,
  today: string,
): { query: Record<string, string>; before: CellCoordinates; after: CellCoordinates } {
  const details: ErrorDetail[] = [];
  const { geoLevel, geoCode } = geographyFilter(dto, geography, details);
  checkPeriodYear(dto.before, 'before', today, details);
  checkPeriodYear(dto.after, 'after', today, details);
  if (monthRange(dto.before)[1] >= monthRange(dto.after)[0]) {
    details.push({ field: 'after', message: 'must start after `before` ends (two periods that do not overlap)' });
  }
  if (details.length > 0) throw validationFailed('Invalid comparison', details);
  const kind: KindValue = dto.kind ?? 'all';
  const cell = (period: string): CellCoordinates => ({ geoLevel, geoCode, kind, periodLevel: periodLevelOf(period), period });
  const query: Record<string, string> = { before: dto.before, after: dto.after, kind };
  if (geoLevel !== 'national') query[geoLevel] = geoCode;
  return { query, before: cell(dto.before), after: cell(dto.after) };
}

/**
 * The log-rank test and the difference of shares, from the two cells' released histograms,
 * calibrated for the noise of the releases (release-calibration.ts).
 */
export function compareReleases(before: StoredRelease, after: StoredRelease, thresholdDays: number, minGroupSize: number): Comparison {
  return calibratedComparison(Int32Array.from(before.main), Int32Array.from(after.main), Int32Array.from(before.times), thresholdDays, minGroupSize);
}
