import type { StatsRow } from '../../stats/stats.dto';

/** The columns of the table by fund, by their `tri` value in the address. */
export const SORT_COLUMNS = ['caisse', 'signalements', 'mediane', 'centile90', 'part', 'moyenne'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export const SORT_ORDERS = ['croissant', 'decroissant'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export interface FundTableSort {
  column: SortColumn;
  order: SortOrder;
}

/** As the table has always been listed: by fund code, which is the order of the départements. */
export const DEFAULT_SORT: FundTableSort = { column: 'caisse', order: 'croissant' };

/** A figure column first shows its largest values (the longest waits, the most reports): what people look for. */
export function defaultOrder(column: SortColumn): SortOrder {
  return column === 'caisse' ? 'croissant' : 'decroissant';
}

type Published = Extract<StatsRow, { suppressed: false }>;

/**
 * The value a published row is sorted on. A delay that is null was not reached (more than half, or
 * a tenth, still waiting; no one paid yet for the mean): longer than any reached one, so Infinity.
 */
export function sortValue(row: Published, column: Exclude<SortColumn, 'caisse'>): number {
  const value = { signalements: row.reports, mediane: row.medianDays, centile90: row.p90Days, part: row.shareOverThreshold, moyenne: row.paidMeanDays }[column];
  return value ?? Infinity;
}

/**
 * The rows in the chosen order. By fund (code order, that of the départements) every row keeps its
 * place, the code being public. By a figure, rows without one (suppressed or empty: they look
 * alike) always come last, in code order, whatever the order: where they land then says nothing
 * about what they hide. Ties keep code order.
 */
export function sortFundRows(rows: readonly StatsRow[], { column, order }: FundTableSort): StatsRow[] {
  const byCode = (a: StatsRow, b: StatsRow) => a.group.caisse.localeCompare(b.group.caisse);
  const direction = order === 'croissant' ? 1 : -1;
  if (column === 'caisse') return [...rows].sort((a, b) => direction * byCode(a, b));
  const published = rows.filter((row): row is Published => !row.suppressed);
  const hidden = rows.filter((row) => row.suppressed).sort(byCode);
  const compare = (a: Published, b: Published) => {
    const [x, y] = [sortValue(a, column), sortValue(b, column)];
    return x === y ? byCode(a, b) : direction * (x < y ? -1 : 1);
  };
  return [...published.sort(compare), ...hidden];
}
