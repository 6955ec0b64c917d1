import type { StatsResponse, StatsRow } from '../../stats/stats.dto';
import { chooseTrend, seriesOf, TrendGranularity, unpublishedPeriods } from './fund-trend';
import { publishedMedian } from '../../../test/published-figures';

/** An answer grouped by `level`: a median per period, 'x' for a suppressed cell. */
function answer(level: TrendGranularity, cells: Record<string, number | null | 'x'>): StatsResponse {
  const rows: StatsRow[] = Object.entries(cells).map(([period, median]) =>
    median === 'x' ? { group: { [level]: period }, suppressed: true } : { group: { [level]: period }, ...publishedMedian(median) },
  );
  return { snapshotAt: '2026-12-01T10:00:00.000Z', thresholdDays: 30, minGroupSize: 11, query: {}, rows, total: { suppressed: true } };
}

const months = (values: (number | null | 'x')[]) => Object.fromEntries(values.map((value, index) => [`2025-${String(index + 1).padStart(2, '0')}`, value]));
const quarters = (values: (number | null | 'x')[]) => Object.fromEntries(values.map((value, index) => [`2025-Q${index + 1}`, value]));

describe('fund trend granularity', () => {
  const nationalMonths = answer('month', months([20, 21, 22, 23, 24, 25, 26, 27, 28, 'x', 'x', 'x']));
  const nationalQuarters = answer('quarter', quarters([21, 24, 27, 'x']));

  it('draws from the first to the last period France has a figure for', () => {
    const series = seriesOf({ granularity: 'month', national: nationalMonths, area: answer('month', months(Array(12).fill(30))) });
    expect(series.periods).toEqual(Object.keys(months(Array(9).fill(0))));
  });

  it('keeps months when more than half of the six most recent are published for the fund', () => {
    // Recent months: April to September; four of six published (one with its median not reached).
    const area = answer('month', months(['x', 'x', 'x', 30, 'x', null, 31, 'x', 32, 'x', 'x', 'x']));
    const trend = chooseTrend([
      { granularity: 'month', national: nationalMonths, area },
      { granularity: 'quarter', national: nationalQuarters, area: answer('quarter', quarters([30, 30, 30, 'x'])) },
    ]);
    expect(trend.granularity).toBe('month');
    expect(unpublishedPeriods(trend)).toEqual(['2025-01', '2025-02', '2025-03', '2025-05', '2025-08']);
    expect(trend.area[5]).toEqual({ published: true, medianDays: null });
  });

  it('falls back to quarters when only half of the recent months are published, then to years', () => {
    const area = answer('month', months([30, 30, 30, 30, 'x', 30, 'x', 30, 'x', 'x', 'x', 'x']));
    const yearly = { granularity: 'year' as const, national: answer('year', { 2025: 24 }), area: answer('year', { 2025: 30 }) };
    expect(
      chooseTrend([
        { granularity: 'month', national: nationalMonths, area },
        { granularity: 'quarter', national: nationalQuarters, area: answer('quarter', quarters([30, 'x', 31, 'x'])) },
        yearly,
      ]).granularity,
    ).toBe('quarter');
    const trend = chooseTrend([
      { granularity: 'month', national: nationalMonths, area },
      { granularity: 'quarter', national: nationalQuarters, area: answer('quarter', quarters(['x', 'x', 31, 'x'])) },
      yearly,
    ]);
    expect(trend).toEqual({
      granularity: 'year',
      periods: ['2025'],
      national: [{ published: true, medianDays: 24 }],
      area: [{ published: true, medianDays: 30 }],
    });
  });
});
