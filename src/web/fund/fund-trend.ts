import type { StatsResponse } from '../../stats/stats.dto';

/** How finely a trend is drawn: the finest level at which the area's recent figures are mostly published. */
export type TrendGranularity = 'month' | 'quarter' | 'year';

/** A period's median as published; `published: false` for a suppressed or empty cell (said alike), null median when not reached. */
export interface PeriodMedian {
  published: boolean;
  medianDays: number | null;
}

/** Periods with France's median and the area's for each. */
export interface TrendSeries {
  granularity: TrendGranularity;
  periods: string[];
  national: PeriodMedian[];
  area: PeriodMedian[];
}

/** One level's answers from the snapshot: France and the area, grouped by that level over the same range. */
export interface TrendCandidate {
  granularity: TrendGranularity;
  national: StatsResponse;
  area: StatsResponse;
}

// The rule stated on the page and in docs/architecture.md: months when more than half of the six
// most recent months have a published figure for the area, else quarters (the four most recent),
// else years. "Recent" ends at the last period with a national figure.
export const RECENT_PERIODS: Record<Exclude<TrendGranularity, 'year'>, number> = { month: 6, quarter: 4 };

const NOT_PUBLISHED: PeriodMedian = { published: false, medianDays: null };

function mediansByPeriod(answer: StatsResponse, granularity: TrendGranularity): Map<string, PeriodMedian> {
  return new Map(answer.rows.map((row) => [row.group[granularity], row.suppressed ? NOT_PUBLISHED : { published: true, medianDays: row.medianDays }]));
}

/** The series of one level, from its first to its last period with a published national figure. */
export function seriesOf({ granularity, national, area }: TrendCandidate): TrendSeries {
  const nationalByPeriod = mediansByPeriod(national, granularity);
  const areaByPeriod = mediansByPeriod(area, granularity);
  const all = national.rows.map((row) => row.group[granularity]);
  // Outside France's first and last published periods nothing is drawn: an empty period and a suppressed one read alike.
  const first = all.findIndex((period) => nationalByPeriod.get(period)!.published);
  const last = all.findLastIndex((period) => nationalByPeriod.get(period)!.published);
  const periods = first === -1 ? [] : all.slice(first, last + 1);
  return {
    granularity,
    periods,
    national: periods.map((period) => nationalByPeriod.get(period) ?? NOT_PUBLISHED),
    area: periods.map((period) => areaByPeriod.get(period) ?? NOT_PUBLISHED),
  };
}

/** Whether the area's recent periods are mostly published at this level (always true for years, the last resort). */
export function supportsGranularity(series: TrendSeries): boolean {
  if (series.granularity === 'year') return true;
  const recent = series.area.slice(-RECENT_PERIODS[series.granularity]);
  return recent.length > 0 && recent.filter((point) => point.published).length * 2 > recent.length;
}

/** The finest candidate the data supports; candidates come finest first, the coarsest last (chosen whatever it holds). */
export function chooseTrend(candidates: TrendCandidate[]): TrendSeries {
  const series = candidates.map(seriesOf);
  return series.find(supportsGranularity) ?? series[series.length - 1];
}

/** The periods the area has no published figure for: drawn as gaps and listed under the chart. */
export function unpublishedPeriods(series: TrendSeries): string[] {
  return series.periods.filter((_, index) => !series.area[index].published);
}

/** Why the trend is drawn at its granularity, said above the chart (docs/architecture.md states the same rule). */
export const GRANULARITY_SENTENCES: Record<TrendGranularity, string> = {
  month: 'Par mois : la plupart des mois récents ont un chiffre publié.',
  quarter: 'Par trimestre : trop peu de signalements par mois.',
  year: 'Par année : trop peu de signalements par mois et par trimestre.',
};

export const GRANULARITY_RULE =
  `Règle : l’évolution est tracée par mois quand plus de la moitié des ${RECENT_PERIODS.month} derniers mois ont un chiffre publié, ` +
  `sinon par trimestre quand plus de la moitié des ${RECENT_PERIODS.quarter} derniers trimestres en ont un, sinon par année ; ` +
  'les derniers mois sont ceux qui précèdent le dernier mois publié pour la France entière.';
