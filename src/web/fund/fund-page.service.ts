import { Injectable } from '@nestjs/common';
import { ApiError, notFound } from '../../common/api-error';
import type { EventResponse } from '../../events/events.dto';
import { EventsService } from '../../events/events.service';
import type { CompareResponse } from '../../stats/compare.dto';
import type { Caisse } from '../../caisses/caisse.entity';
import { CaissesService } from '../../caisses/caisses.service';
import type { StatsQueryDto, StatsResponse } from '../../stats/stats.dto';
import { StatsService } from '../../stats/stats.service';
import type { FieldErrors } from '../shared/form-errors';
import type { FormBody } from '../shared/form-parser';
import { AvailablePeriods, NO_PERIODS, StatisticsPageService } from '../statistics/statistics-page.service';
import { ComparisonChoice, readComparison } from './comparison-selection';
import { COMPARISON_ERRORS } from './comparison-texts';
import { fundRank, FundRank } from './fund-rank';
import { chooseTrend, TrendCandidate, TrendGranularity, TrendSeries } from './fund-trend';
import type { AreaColumn } from './headline-comparison';
import { readSelection, SelectionFilters, strictSelection } from './selection-filters';

/** The figures of a fund page, all read from the newest snapshot. */
export interface FundFigures {
  snapshotAt: string;
  thresholdDays: number;
  minGroupSize: number;
  /** the fund, its region, France */
  columns: AreaColumn[];
  /** null when the fund has no published figure for the selection */
  rank: FundRank | null;
  /** the period the trend covers: the selected one, or the year of a selected quarter or month */
  trendRange: string;
  trend: TrendSeries;
}

export interface FundPage {
  fund: Caisse;
  filters: SelectionFilters;
  errors: FieldErrors;
  periods: AvailablePeriods;
  /** null before the first statistics snapshot */
  data: FundFigures | null;
  /** the events of the fund, its départements, its region and France, newest first */
  events: EventResponse[];
  /** the before/after comparison asked in the query, exactly as StatsService.compare answers it */
  comparison: { choice: ComparisonChoice; answer: CompareResponse } | null;
}

/** What a fund page asks for, checked; `periods` is null before the first statistics snapshot. */
export type FundPageRequest = Pick<FundPage, 'fund' | 'filters' | 'errors'> & { periods: AvailablePeriods | null; choice: ComparisonChoice | null };

/**
 * /statistiques/caisses/{code}: one fund's published figures beside its region's and France's, its
 * rank among published funds and its trend against France. Everything is read through
 * StatsService (so only what disclosure control published); nothing is computed from reports.
 */
@Injectable()
export class FundPageService {
  constructor(
    private readonly statsService: StatsService,
    private readonly caissesService: CaissesService,
    private readonly statisticsPageService: StatisticsPageService,
    private readonly eventsService: EventsService,
  ) {}

  /**
   * The selection and comparison of the query, checked against the published periods (cached
   * answers: cheap); a wrong value gets a French message beside its field. 404 for an unknown fund.
   */
  async ask(code: string, query: FormBody): Promise<FundPageRequest> {
    const fund = this.fund(code);
    const periods = await this.statisticsPageService.availablePeriods();
    const { filters, errors } = readSelection(query, periods);
    const asked = readComparison(query, periods);
    return { fund, filters, errors: { ...errors, ...asked.errors }, periods, choice: asked.choice };
  }

  /** The page asked for: figures, events and comparison; a comparison StatsService refuses adds an error. */
  async page({ fund, filters, periods, choice, ...asked }: FundPageRequest): Promise<FundPage> {
    const errors = { ...asked.errors };
    const [data, events, comparison] = await Promise.all([
      periods ? this.figures(fund, filters) : null,
      this.eventsService.concerning({ level: 'caisse', code: fund.code }),
      choice && periods ? this.comparison(fund, filters, choice, errors) : null,
    ]);
    return { fund, filters, errors, periods: periods ?? NO_PERIODS, data, events, comparison };
  }

  /** The two periods compared for the fund and the selected kind; a period the API refuses is reported beside the form. */
  private async comparison(fund: Caisse, filters: SelectionFilters, choice: ComparisonChoice, errors: Record<string, string>) {
    try {
      const answer = await this.statsService.compare({ ...choice, kind: filters.kind, caisse: fund.code });
      return { choice, answer };
    } catch (error) {
      if (!(error instanceof ApiError) || error.getStatus() !== 400) throw error;
      errors.after = COMPARISON_ERRORS.refused;
      return null;
    }
  }

  /** The page's figures for the sheet and the card: a wrong filter is a 400; null before the first snapshot. */
  async strictFigures(code: string, query: FormBody): Promise<{ fund: Caisse; filters: SelectionFilters; data: FundFigures | null }> {
    const fund = this.fund(code);
    const periods = await this.statisticsPageService.availablePeriods();
    const filters = strictSelection(query, periods);
    return { fund, filters, data: periods ? await this.figures(fund, filters) : null };
  }

  private fund(code: string): Caisse {
    const fund = this.caissesService.findAll().find((caisse) => caisse.code === code);
    if (!fund) throw notFound(`Unknown fund ${code}`);
    return fund;
  }

  private async figures(fund: Caisse, filters: SelectionFilters): Promise<FundFigures> {
    const selection: StatsQueryDto = { period: filters.period, kind: filters.kind };
    const trendRange = filters.period.length > 4 ? filters.period.slice(0, 4) : filters.period;
    const [byCaisse, byRegion, trend] = await Promise.all([
      this.statsService.getStats({ ...selection, groupBy: 'caisse' }),
      this.statsService.getStats({ ...selection, groupBy: 'region' }),
      this.trend(fund.code, filters.kind, trendRange),
    ]);
    const row = (answer: StatsResponse, field: string, code: string) =>
      answer.rows.find((candidate) => candidate.group[field] === code) ?? { suppressed: true as const };
    return {
      snapshotAt: byCaisse.snapshotAt,
      thresholdDays: byCaisse.thresholdDays,
      minGroupSize: byCaisse.minGroupSize,
      columns: [
        { label: fund.name, figures: row(byCaisse, 'caisse', fund.code) },
        { label: fund.region, figures: row(byRegion, 'region', fund.region) },
        { label: 'France entière', figures: byCaisse.total },
      ],
      rank: fundRank(byCaisse.rows, fund.code),
      trendRange,
      trend,
    };
  }

  /** The fund's medians against France's, by month, quarter or year: the finest its recent published figures allow. */
  private async trend(code: string, kind: SelectionFilters['kind'], range: string): Promise<TrendSeries> {
    const levels: TrendGranularity[] = range === 'all' ? ['month', 'quarter', 'year'] : ['month', 'quarter'];
    const candidates: TrendCandidate[] = await Promise.all(
      levels.map(async (granularity) => {
        const query: StatsQueryDto = { groupBy: granularity, period: range, kind };
        const [national, area] = await Promise.all([this.statsService.getStats(query), this.statsService.getStats({ ...query, caisse: code })]);
        return { granularity, national, area };
      }),
    );
    // Within one year, the yearly "trend" is the year's own cell: the total of the quarterly answer.
    if (range !== 'all') {
      const quarterly = candidates[1];
      candidates.push({ granularity: 'year', national: asYearRow(quarterly.national, range), area: asYearRow(quarterly.area, range) });
    }
    return chooseTrend(candidates);
  }
}

function asYearRow(answer: StatsResponse, year: string): StatsResponse {
  return { ...answer, rows: [{ group: { year }, ...answer.total }] };
}
