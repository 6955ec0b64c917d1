import { Injectable } from '@nestjs/common';
import { notFound } from '../../common/api-error';
import type { Caisse } from '../../caisses/caisse.entity';
import { CaissesService } from '../../caisses/caisses.service';
import { departementLabel } from '../../presentation/departement-names';
import type { StatsQueryDto, StatsRow } from '../../stats/stats.dto';
import { StatsService } from '../../stats/stats.service';
import type { FieldErrors } from '../shared/form-errors';
import type { FormBody } from '../shared/form-parser';
import { AvailablePeriods, everyRow, NO_PERIODS, StatisticsPageService } from '../statistics/statistics-page.service';
import type { AreaColumn } from '../fund/headline-comparison';
import { readSelection, SelectionFilters } from '../fund/selection-filters';

export interface DepartementFigures {
  snapshotAt: string;
  thresholdDays: number;
  minGroupSize: number;
  /** the département, its region (when all its funds share one), France */
  columns: AreaColumn[];
  /** one row per fund serving the département, published or not */
  funds: StatsRow[];
}

export interface DepartementPage {
  code: string;
  funds: Caisse[];
  region: string | null;
  filters: SelectionFilters;
  errors: FieldErrors;
  periods: AvailablePeriods;
  /** null before the first statistics snapshot */
  data: DepartementFigures | null;
}

/** What a département page asks for, checked; `available` is null before the first statistics snapshot. */
export type DepartementPageRequest = Omit<DepartementPage, 'periods' | 'data'> & { available: AvailablePeriods | null };

/** /statistiques/departements/{code}: the département's published figures beside its region and France, and its funds. */
@Injectable()
export class DepartementPageService {
  constructor(
    private readonly statsService: StatsService,
    private readonly caissesService: CaissesService,
    private readonly statisticsPageService: StatisticsPageService,
  ) {}

  /** The selection of the query, checked against the published periods (cached answers: cheap). 404 for an unknown département. */
  async ask(code: string, query: FormBody): Promise<DepartementPageRequest> {
    const funds = this.caissesService.findAll().filter((caisse) => caisse.departements.includes(code));
    if (funds.length === 0) throw notFound(`Unknown département ${code}`);
    const regions = new Set(funds.map((fund) => fund.region));
    const region = regions.size === 1 ? funds[0].region : null;
    const available = await this.statisticsPageService.availablePeriods();
    const { filters, errors } = readSelection(query, available);
    return { code, funds, region, filters, errors, available };
  }

  async page({ code, funds, region, filters, errors, available }: DepartementPageRequest): Promise<DepartementPage> {
    const base = { code, funds, region, filters, errors, periods: available ?? NO_PERIODS };
    return { ...base, data: available ? await this.figures(base) : null };
  }

  private async figures({ code, funds, region, filters }: Pick<DepartementPage, 'code' | 'funds' | 'region' | 'filters'>): Promise<DepartementFigures> {
    const selection: StatsQueryDto = { period: filters.period, kind: filters.kind };
    const [byFund, byRegion] = await Promise.all([
      this.statsService.getStats({ ...selection, groupBy: 'caisse', departement: code }),
      this.statsService.getStats({ ...selection, groupBy: 'region' }),
    ]);
    const regionRow = byRegion.rows.find((row) => row.group.region === region);
    return {
      snapshotAt: byFund.snapshotAt,
      thresholdDays: byFund.thresholdDays,
      minGroupSize: byFund.minGroupSize,
      columns: [
        { label: departementLabel(code), figures: byFund.total },
        ...(region ? [{ label: region, figures: regionRow ?? { suppressed: true as const } }] : []),
        { label: 'France entière', figures: byRegion.total },
      ],
      // Every fund is listed, one without any report reading like a suppressed one (docs/privacy.md).
      funds: everyRow(
        byFund.rows,
        'caisse',
        funds.map((fund) => fund.code),
        (fundCode) => ({ caisse: fundCode, caisseName: funds.find((fund) => fund.code === fundCode)!.name }),
      ),
    };
  }
}
