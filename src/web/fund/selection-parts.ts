import { ALLOWANCE_KIND_LABELS, NOT_PUBLISHED } from '../../presentation/french-labels';
import { html, SafeHtml } from '../../presentation/html';
import { periodLabel, snapshotTime } from '../../presentation/french-format';
import type { FieldErrors } from '../shared/form-errors';
import { periodAndKindFields } from '../shared/form-parts';
import type { AvailablePeriods } from '../statistics/statistics-page.service';
import { AreaColumn, comparisonLines } from './headline-comparison';
import type { SelectionFilters } from './selection-filters';

/** "2025, maladie": the selection in words. */
export function selectionWords({ period, kind }: SelectionFilters): string {
  return `${periodLabel(period)}, ${kind === 'all' ? 'tous types d’arrêt' : ALLOWANCE_KIND_LABELS[kind].toLowerCase()}`;
}

/** The period and kind GET form of a fund or département page: its address is a permalink. */
export function selectionForm(action: string, filters: SelectionFilters, errors: FieldErrors, periods: AvailablePeriods): SafeHtml {
  return html`<form method="get" action="${action}" class="filters">
<fieldset>
<legend>Filtres</legend>
${periodAndKindFields(filters, periods, errors)}
<button type="submit">Afficher</button>
</fieldset>
</form>`;
}

/** The headline figures, one column per area (the first is the page's subject), one row per figure; on a phone, one card per figure (CSS only, roles keep it a table). */
export function comparisonTable(id: string, caption: string, columns: AreaColumn[], thresholdDays: number, snapshotAt: string): SafeHtml {
  const lines = comparisonLines(columns, thresholdDays);
  const cell = (text: string, index: number) =>
    html`<td role="cell" data-label="${columns[index].label}">${text === NOT_PUBLISHED ? html`<i>${text}</i>` : text}</td>`;
  return html`<div class="table-scroll cards-scroll" role="region" aria-labelledby="${id}-titre" tabindex="0">
<table class="stats-table cards comparison" id="${id}" role="table">
<caption id="${id}-titre">${caption} <span class="provenance">Délais déclarés par les assurés, chiffres du ${snapshotTime(snapshotAt)}.</span></caption>
<thead role="rowgroup"><tr role="row"><th role="columnheader" scope="col">Chiffre</th>${columns.map((column) => html`<th role="columnheader" scope="col">${column.label}</th>`)}</tr></thead>
<tbody role="rowgroup">
${lines.map((line) => html`<tr role="row"><th role="rowheader" scope="row">${line.label}</th>${line.cells.map(cell)}</tr>`)}
</tbody>
</table>
</div>`;
}
