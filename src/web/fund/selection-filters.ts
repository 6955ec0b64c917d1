import { validationFailed } from '../../common/api-error';
import { KIND_VALUES, KindValue } from '../../stats/stats-cube';
import type { FieldErrors } from '../shared/form-errors';
import { FormBody, formText } from '../shared/form-parser';
import { AvailablePeriods, NO_PERIODS, readFilters } from '../statistics/statistics-page.service';

/** What a fund or département page shows: a period and an allowance kind, from its query string (a permalink). */
export interface SelectionFilters {
  period: string;
  kind: KindValue;
}

const FIELD_RULES: Record<string, string> = {
  period: 'must be all, or a year, quarter or month with a published national figure',
  kind: `must be one of ${KIND_VALUES.join(', ')}`,
};

/** The period and kind of the query, checked as /statistiques checks them; other parameters are ignored. */
export function readSelection(query: FormBody, periods: AvailablePeriods | null): { filters: SelectionFilters; errors: FieldErrors } {
  const { filters, errors } = readFilters({ period: formText(query, 'period'), kind: formText(query, 'kind') }, periods ?? NO_PERIODS, [], []);
  return { filters: { period: filters.period, kind: filters.kind }, errors };
}

/** For the sheet and the card, which have no form to show a message beside: a 400 naming the field. */
export function strictSelection(query: FormBody, periods: AvailablePeriods | null): SelectionFilters {
  const { filters, errors } = readSelection(query, periods);
  const fields = Object.keys(errors);
  if (fields.length > 0)
    throw validationFailed(
      'Invalid query',
      fields.map((field) => ({ field, message: FIELD_RULES[field] })),
    );
  return filters;
}

/** The query string of a selection ('' for the defaults), so links keep the reader's choice. */
export function selectionQuery({ period, kind }: SelectionFilters): string {
  const params = new URLSearchParams();
  if (period !== 'all') params.set('period', period);
  if (kind !== 'all') params.set('kind', kind);
  const text = params.toString();
  return text ? `?${text}` : '';
}
