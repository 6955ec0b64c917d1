import { HttpStatus, Injectable } from '@nestjs/common';
import type { EventScope } from '../../events/event-scope';
import type { EventResponse } from '../../events/events.dto';
import { EventsService } from '../../events/events.service';
import { ApiError } from '../../common/api-error';
import { CaissesService } from '../../caisses/caisses.service';
import type { Caisse } from '../../caisses/caisse.entity';
import type { PublishedFigures } from '../../stats/disclosure-control';
import type { StatsGroup, StatsQueryDto, StatsResponse, StatsRow } from '../../stats/stats.dto';
import { StatsService } from '../../stats/stats.service';
import { KIND_VALUES, KindValue } from '../../stats/stats-cube';
import { FundOption, fundOptions } from '../../presentation/french-labels';
import type { FieldErrors } from '../shared/form-errors';
import { FormBody, formText } from '../shared/form-parser';
import { defaultOrder, DEFAULT_SORT, SORT_COLUMNS, SORT_ORDERS, SortColumn, SortOrder } from './fund-table-sort';

/** The dashboard's filters as chosen in its GET form ('' for "none"). */
export interface DashboardFilters {
  period: string;
  kind: KindValue;
  region: string;
  /** the fund whose monthly trend is drawn against France */
  caisse: string;
  /** the column the table by fund is sorted on */
  tri: SortColumn;
  /** '' for the column's own default order */
  ordre: SortOrder | '';
  /** 'toutes': every fund in the bar chart, not only the 15 longest and 15 shortest medians */
  barres: '' | 'toutes';
}

export const DEFAULT_FILTERS: DashboardFilters = { period: 'all', kind: 'all', region: '', caisse: '', tri: DEFAULT_SORT.column, ordre: '', barres: '' };

/** The order the table is in: the chosen one, else the column's default. */
export function sortOf(filters: DashboardFilters): { column: SortColumn; order: SortOrder } {
  return { column: filters.tri, order: filters.ordre || defaultOrder(filters.tri) };
}

/** The periods that have figures, for the period select. */
export interface AvailablePeriods {
  years: string[];
  quarters: string[];
  months: string[];
}

/** A monthly series: one value per month of `months`, null where there is no published figure. */
export interface MonthlyTrend {
  months: string[];
  national: (number | null)[];
  nationalReports: number | null;
  fund?: { code: string; name: string; values: (number | null)[]; reports: number | null };
}

export interface DashboardData {
  snapshotAt: string;
  thresholdDays: number;
  minGroupSize: number;
  /** one row per fund of the selection, published or not */
  byCaisse: StatsResponse;
  /** one row per département of the selection, published or not */
  byDepartement: StatsResponse;
  /** the départements left out by the chosen region (none without one) */
  outsideDepartements: ReadonlySet<string>;
  trend: MonthlyTrend;
}

/** The view asked for: its filters checked against what can be chosen (cheap: the periods are cached answers). */
export interface DashboardRequest {
  filters: DashboardFilters;
  errors: FieldErrors;
  /** null before the first statistics snapshot */
  periods: AvailablePeriods | null;
  regions: string[];
  funds: FundOption[];
}

export interface DashboardPage {
  filters: DashboardFilters;
  errors: FieldErrors;
  periods: AvailablePeriods;
  regions: string[];
  funds: FundOption[];
  /** the départements each fund serves, by fund code (the table's search box finds a fund by them) */
  departementsOfFund: ReadonlyMap<string, readonly string[]>;
  /** null before the first statistics snapshot */
  data: DashboardData | null;
  /** the events of the chosen fund, region or France (and their parents), newest first */
  events: EventResponse[];
}

/** The periods a page offers before the first snapshot: none. */
export const NO_PERIODS: AvailablePeriods = { years: [], quarters: [], months: [] };

/**
 * /statistiques: reads the published figures through StatsService (so only what disclosure
 * control let through), checks the form's filters against what can be chosen, and gathers the
 * tables the page and its charts draw.
 */
@Injectable()
export class StatisticsPageService {
  constructor(
    private readonly statsService: StatsService,
    private readonly caissesService: CaissesService,
    private readonly eventsService: EventsService,
  ) {}

  /** The filters of the query checked: an unknown value gets a French message and its default. */
  async ask(query: FormBody): Promise<DashboardRequest> {
    const regions = [...new Set(this.caissesService.findAll().map((caisse) => caisse.region))].sort((a, b) => a.localeCompare(b, 'fr'));
    const funds = fundOptions(this.caissesService.findAll());
    const periods = await this.availablePeriods();
    const { filters, errors } = readFilters(query, periods ?? NO_PERIODS, regions, funds);
    return { filters, errors, periods, regions, funds };
  }

  async page({ filters, errors, periods, regions, funds }: DashboardRequest): Promise<DashboardPage> {
    const departementsOfFund = new Map(this.caissesService.findAll().map((caisse) => [caisse.code, caisse.departements] as const));
    const scope: EventScope = filters.caisse
      ? { level: 'caisse', code: filters.caisse }
      : filters.region
        ? { level: 'region', code: filters.region }
        : { level: 'national', code: null };
    const events = await this.eventsService.concerning(scope);
    const base = { filters, errors, periods: periods ?? NO_PERIODS, regions, funds, departementsOfFund, events };
    if (!periods) return { ...base, data: null };
    const common: StatsQueryDto = { period: filters.period, kind: filters.kind, ...(filters.region ? { region: filters.region } : {}) };
    const [byCaisse, byDepartement, trend] = await Promise.all([
      this.statsService.getStats({ ...common, groupBy: 'caisse' }),
      this.statsService.getStats({ ...common, groupBy: 'departement' }),
      this.monthlyTrend(filters),
    ]);
    // Every fund and département of the selection gets a row, so one without any report reads
    // like a suppressed one (docs/privacy.md): a listed hidden row would say it is not empty.
    const selection = selectionOf(this.caissesService.findAll(), filters.region);
    const data = {
      snapshotAt: byCaisse.snapshotAt,
      thresholdDays: byCaisse.thresholdDays,
      minGroupSize: byCaisse.minGroupSize,
      byCaisse: {
        ...byCaisse,
        rows: everyRow(
          byCaisse.rows,
          'caisse',
          selection.funds.map((fund) => fund.code),
          (code) => ({ caisse: code, caisseName: this.fundName(code) }),
        ),
      },
      byDepartement: { ...byDepartement, rows: everyRow(byDepartement.rows, 'departement', selection.departements, (departement) => ({ departement })) },
      outsideDepartements: selection.outsideDepartements,
      trend,
    };
    return { ...base, data };
  }

  /**
   * The years, quarters and months with a published national figure; null before the first
   * snapshot. A suppressed period is left out like an empty one, so the list never tells them apart.
   */
  async availablePeriods(): Promise<AvailablePeriods | null> {
    const read = async (groupBy: 'year' | 'quarter' | 'month') =>
      publishedRows((await this.statsService.getStats({ groupBy })).rows).map((row) => row.group[groupBy]);
    try {
      const [years, quarters, months] = await Promise.all([read('year'), read('quarter'), read('month')]);
      // Newest first: that is what people look for.
      return { years: years.reverse(), quarters: quarters.reverse(), months: months.reverse() };
    } catch (error) {
      if (error instanceof ApiError && error.getStatus() === HttpStatus.SERVICE_UNAVAILABLE) return null;
      throw error;
    }
  }

  private fundName(code: string): string {
    return this.caissesService.findAll().find((caisse) => caisse.code === code)?.name ?? code;
  }

  /** Monthly medians of the period (a month's whole year), France and the chosen fund, every month between the first and the last. */
  private async monthlyTrend(filters: DashboardFilters): Promise<MonthlyTrend> {
    const period = /^\d{4}-\d{2}$/.test(filters.period) ? filters.period.slice(0, 4) : filters.period;
    const query: StatsQueryDto = { groupBy: 'month', period, kind: filters.kind };
    const [national, fund] = await Promise.all([
      this.statsService.getStats(query),
      filters.caisse ? this.statsService.getStats({ ...query, caisse: filters.caisse }) : Promise.resolve(undefined),
    ]);
    // From the first to the last published month: gaps inside, suppressed or empty, read alike.
    const months = monthRange(publishedRows(national.rows).map((row) => row.group.month));
    const name = this.fundName(filters.caisse);
    return {
      months,
      national: monthlyMedians(months, national.rows),
      nationalReports: publishedReports(national.total),
      ...(fund && {
        fund: { code: filters.caisse, name, values: monthlyMedians(months, fund.rows), reports: publishedReports(fund.total) },
      }),
    };
  }
}

const FILTER_MESSAGES = {
  period: 'Choisissez une période dans la liste.',
  kind: 'Choisissez un type d’arrêt dans la liste.',
  region: 'Choisissez une région dans la liste.',
  caisse: 'Choisissez une caisse dans la liste.',
  tri: 'Choisissez dans la liste la colonne selon laquelle trier le tableau.',
  ordre: 'Choisissez un ordre de tri dans la liste.',
  barres: 'Ce lien vers le graphique est incorrect : « barres » ne peut valoir que « toutes ».',
};

/** The filters from the query string: an unknown value is reported in French and replaced by its default. */
export function readFilters(
  query: FormBody,
  periods: AvailablePeriods,
  regions: string[],
  funds: FundOption[],
): { filters: DashboardFilters; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const allowed: Record<keyof DashboardFilters, (value: string) => boolean> = {
    period: (value) => value === 'all' || [...periods.years, ...periods.quarters, ...periods.months].includes(value),
    kind: (value) => (KIND_VALUES as readonly string[]).includes(value),
    region: (value) => value === '' || regions.includes(value),
    caisse: (value) => value === '' || funds.some((fund) => fund.code === value),
    tri: (value) => (SORT_COLUMNS as readonly string[]).includes(value),
    ordre: (value) => (SORT_ORDERS as readonly string[]).includes(value),
    barres: (value) => value === 'toutes',
  };
  const filters = { ...DEFAULT_FILTERS };
  for (const field of Object.keys(allowed) as (keyof DashboardFilters)[]) {
    const value = formText(query, field);
    if (value === '') continue;
    if (allowed[field](value)) (filters as Record<string, string>)[field] = value;
    else errors[field] = FILTER_MESSAGES[field];
  }
  return { filters, errors };
}

/** Every month from the first to the last of `months` (sorted 'YYYY-MM'), so gaps show. */
export function monthRange(months: string[]): string[] {
  if (months.length === 0) return [];
  const sorted = [...months].sort();
  const range: string[] = [];
  let [year, month] = sorted[0].split('-').map(Number);
  const last = sorted[sorted.length - 1];
  for (;;) {
    const current = `${year}-${String(month).padStart(2, '0')}`;
    range.push(current);
    if (current >= last) return range;
    month = month === 12 ? 1 : month + 1;
    if (month === 1) year += 1;
  }
}

function monthlyMedians(months: string[], rows: StatsRow[]): (number | null)[] {
  const byMonth = new Map(rows.map((row) => [row.group.month, row]));
  return months.map((month) => {
    const row = byMonth.get(month);
    return row && !row.suppressed ? row.medianDays : null;
  });
}

function publishedRows(rows: StatsRow[]): StatsRow[] {
  return rows.filter((row) => !row.suppressed);
}

/** A total's count of reports, or null when it is suppressed or holds none (said alike on the page). */
export function publishedReports(total: PublishedFigures): number | null {
  return total.suppressed || total.reports === 0 ? null : total.reports;
}

/** The funds and départements a region selects (all of them without one), sorted by code as /api/stats lists its rows. */
export function selectionOf(caisses: readonly Caisse[], region: string): { funds: Caisse[]; departements: string[]; outsideDepartements: ReadonlySet<string> } {
  const sorted = [...caisses].sort((a, b) => a.code.localeCompare(b.code));
  const funds = sorted.filter((caisse) => region === '' || caisse.region === region);
  const inside = new Set(funds.flatMap((caisse) => caisse.departements));
  // As /api/stats: a département belongs to a region when every fund serving it does.
  for (const caisse of sorted) if (!funds.includes(caisse)) caisse.departements.forEach((departement) => inside.delete(departement));
  const everyDepartement = new Set(sorted.flatMap((caisse) => caisse.departements));
  return {
    funds,
    departements: [...inside].sort(),
    outsideDepartements: new Set([...everyDepartement].filter((departement) => !inside.has(departement))),
  };
}

/** One row per code, in their order: the answer's row (published or suppressed) when there is one, else a suppressed one. */
export function everyRow(rows: StatsRow[], field: 'caisse' | 'departement', codes: readonly string[], groupOf: (code: string) => StatsGroup): StatsRow[] {
  const byCode = new Map(rows.map((row) => [row.group[field], row]));
  return codes.map((code) => byCode.get(code) ?? { group: groupOf(code), suppressed: true });
}
