import type { FieldErrors } from '../shared/form-errors';
import { FormBody, formText } from '../shared/form-parser';
import type { AvailablePeriods } from '../statistics/statistics-page.service';
import { COMPARISON_ERRORS } from './comparison-texts';

/** The two periods of a before/after comparison asked on the fund page (`before`, `after` in its query). */
export interface ComparisonChoice {
  before: string;
  after: string;
}

/** The first and the last month of a whole period, as 'YYYY-MM' (ordered as strings). */
function monthSpan(period: string): [string, string] {
  if (/^\d{4}$/.test(period)) return [`${period}-01`, `${period}-12`];
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) {
    const first = (Number(quarter[2]) - 1) * 3 + 1;
    const month = (value: number) => `${quarter[1]}-${String(value).padStart(2, '0')}`;
    return [month(first), month(first + 2)];
  }
  return [period, period];
}

/** Whether `after` starts once `before` has ended: two disjoint periods, the earlier first. */
export function disjointInOrder(before: string, after: string): boolean {
  return monthSpan(before)[1] < monthSpan(after)[0];
}

/**
 * The comparison asked for, if any: both periods among those published for France (so never a
 * future or unknown period), not overlapping, the earlier first. A wrong value gets a French
 * message beside its field; StatsService.compare then says whether the fund's cells are published.
 */
export function readComparison(query: FormBody, periods: AvailablePeriods | null): { choice: ComparisonChoice | null; errors: FieldErrors } {
  const before = formText(query, 'before');
  const after = formText(query, 'after');
  if (before === '' && after === '') return { choice: null, errors: {} };
  const known = new Set(periods ? [...periods.years, ...periods.quarters, ...periods.months] : []);
  const errors: FieldErrors = {};
  if (before === '' || after === '') errors[before === '' ? 'before' : 'after'] = COMPARISON_ERRORS.pair;
  else if (!known.has(before)) errors.before = COMPARISON_ERRORS.before;
  else if (!known.has(after)) errors.after = COMPARISON_ERRORS.after;
  else if (!disjointInOrder(before, after)) errors.after = COMPARISON_ERRORS.order;
  return Object.keys(errors).length > 0 ? { choice: null, errors } : { choice: { before, after }, errors };
}

/** '2025-Q2' → ['2025-Q1', '2025-Q3']: the whole quarters either side of an event's quarter. */
export function quartersAround(date: string): ComparisonChoice {
  const year = Number(date.slice(0, 4));
  const quarter = Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1;
  const shift = (by: number) => {
    const index = year * 4 + quarter - 1 + by;
    return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
  };
  return { before: shift(-1), after: shift(1) };
}
