import type { StatsRow } from '../../stats/stats.dto';
import { departementLabel } from '../../presentation/departement-names';
import { NOT_PUBLISHED, disclosureSentence } from '../../presentation/french-labels';
import { days, wholeNumber } from '../../presentation/french-format';
import { html, SafeHtml } from '../../presentation/html';
import { errorSummary } from '../shared/form-parts';
import { layout } from '../shared/layout';
import { selectionQuery } from '../fund/selection-filters';
import { comparisonTable, selectionForm, selectionWords } from '../fund/selection-parts';
import type { DepartementFigures, DepartementPage } from './departement-page.service';

/** /statistiques/departements/{code}: filters, the headline figures against region and France, and the département's funds with links to their pages. */
export function departementPage(page: DepartementPage): string {
  const name = departementLabel(page.code);
  return layout({
    title: `${name} : délais de paiement`,
    current: '/statistiques',
    body: html`<p class="note"><a href="/statistiques">Statistiques</a> › ${name}</p>
<h1>Délais de paiement déclarés : ${name}</h1>
<p class="lead">${page.region ? `Région ${page.region}. ` : ''}${page.funds.length > 1 ? `${page.funds.length} caisses servent ce département.` : 'Une caisse sert ce département.'}</p>
<p class="note">Ce sont des <strong>délais déclarés</strong> par les assurés qui choisissent de signaler, pas un échantillon représentatif.
${disclosureSentence(page.data?.minGroupSize)}</p>
${errorSummary(page.errors, {})}
${selectionForm(`/statistiques/departements/${page.code}`, page.filters, page.errors, page.periods)}
${page.data ? figures(page, page.data, name) : html`<div class="panel"><p><strong>Pas encore de chiffres.</strong> Les statistiques sont en cours de calcul ; revenez dans quelques minutes.</p></div>`}`,
  });
}

function figures(page: DepartementPage, data: DepartementFigures, name: string): SafeHtml {
  return html`<h2 id="chiffres">Chiffres clés</h2>
${comparisonTable('comparaison', `${name}, ${page.region ? 'sa région et ' : ''}la France entière : ${selectionWords(page.filters)}.`, data.columns, data.thresholdDays, data.snapshotAt)}
<h2 id="caisses">Les caisses du département</h2>
${fundsTable(page, data)}`;
}

const HEADERS = ['Caisse', 'Signalements', 'Délai médian', '90e centile'];

function fundsTable(page: DepartementPage, data: DepartementFigures): SafeHtml {
  const query = selectionQuery(page.filters);
  const cells = (row: StatsRow) =>
    row.suppressed
      ? html`<td role="cell" colspan="3" class="suppressed">${NOT_PUBLISHED}</td>`
      : html`<td role="cell" data-label="${HEADERS[1]}">${wholeNumber(row.reports)}</td><td role="cell" data-label="${HEADERS[2]}">${days(row.medianDays)}</td><td role="cell" data-label="${HEADERS[3]}">${days(row.p90Days)}</td>`;
  return html`<div class="table-scroll cards-scroll" role="region" aria-labelledby="tableau-caisses-titre" tabindex="0">
<table class="stats-table cards" id="tableau-caisses" role="table">
<caption id="tableau-caisses-titre">Délais par caisse : ${selectionWords(page.filters)}.</caption>
<thead role="rowgroup"><tr role="row">${HEADERS.map((header) => html`<th role="columnheader" scope="col">${header}</th>`)}</tr></thead>
<tbody role="rowgroup">
${data.funds.map((row) => html`<tr role="row" data-caisse="${row.group.caisse}"><th role="rowheader" scope="row"><a href="/statistiques/caisses/${row.group.caisse}${query}">${row.group.caisseName}</a></th>${cells(row)}</tr>`)}
</tbody>
</table>
</div>`;
}
