import { Injectable } from '@nestjs/common';
import { ApiError } from '../../common/api-error';
import { CaissesService } from '../../caisses/caisses.service';
import type { AllowanceKind } from '../../reports/report.entity';
import { StatsQueryDto } from '../../stats/stats.dto';
import { StatsService } from '../../stats/stats.service';
import { FIRST_YEAR } from '../../stats/stats-cube';

/** Which published cell a person's figures come from, finest first. */
export type SelectionLevel = 'fund-year' | 'fund' | 'region' | 'france';

/** The published figures of one selection, exactly as GET /api/stats gives them for `query`. */
export interface FundFigures {
  level: SelectionLevel;
  /** the GET /api/stats query whose `total` these figures are */
  query: StatsQueryDto;
  fundName: string;
  region: string;
  year: string;
  kind: AllowanceKind;
  medianDays: number;
  p90Days: number | null;
  reports: number;
  snapshotAt: string;
}

/**
 * The figures a person is compared with. Every figure comes from StatsService (the published,
 * noise-protected snapshot), never from the reports. The fallback keeps the kind of leave and
 * widens the place and period: fund × kind × year of the leave, fund × kind × all years, the
 * fund's région × kind, France × kind. The kind is kept because it changes the wait itself
 * (3 days of carence for maladie, none for the others; maternity leave is often announced ahead),
 * so a fund's all-kinds figure would compare a maternity wait mostly with sick leaves.
 */
@Injectable()
export class FundFiguresService {
  constructor(
    private readonly statsService: StatsService,
    private readonly caissesService: CaissesService,
  ) {}

  /** The finest published selection with a median, or null when none is (or no snapshot exists yet). */
  async forReport(caisseCode: string, kind: AllowanceKind, leaveYear: string): Promise<FundFigures | null> {
    const fund = this.caissesService.findAll().find((caisse) => caisse.code === caisseCode);
    if (!fund) return null;
    for (const [level, query] of selections(fund.code, fund.region, kind, leaveYear)) {
      const figures = await this.publishedTotal(query);
      if (figures === 'no-snapshot') return null;
      if (figures) return { level, query, fundName: fund.name, region: fund.region, year: leaveYear, kind, ...figures };
    }
    return null;
  }

  // A suppressed cell, or one whose median is not reached, has nothing to compare with.
  private async publishedTotal(query: StatsQueryDto): Promise<Pick<FundFigures, 'medianDays' | 'p90Days' | 'reports' | 'snapshotAt'> | null | 'no-snapshot'> {
    try {
      const answer = await this.statsService.getStats(query);
      const total = answer.total;
      if (total.suppressed || total.medianDays === null) return null;
      return { medianDays: total.medianDays, p90Days: total.p90Days, reports: total.reports, snapshotAt: answer.snapshotAt };
    } catch (error) {
      // Before the first snapshot the help sections simply show no figure.
      if (error instanceof ApiError && error.code === 'UNAVAILABLE') return 'no-snapshot';
      throw error;
    }
  }
}

// groupBy only shapes the rows, which are not used: quarter is finer than both a year and "all".
function selections(caisse: string, region: string, kind: AllowanceKind, year: string): [SelectionLevel, StatsQueryDto][] {
  const byYear: [SelectionLevel, StatsQueryDto][] = Number(year) >= FIRST_YEAR ? [['fund-year', { groupBy: 'quarter', period: year, kind, caisse }]] : [];
  return [
    ...byYear,
    ['fund', { groupBy: 'quarter', period: 'all', kind, caisse }],
    ['region', { groupBy: 'quarter', period: 'all', kind, region }],
    ['france', { groupBy: 'quarter', period: 'all', kind }],
  ];
}
