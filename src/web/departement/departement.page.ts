import type { StatsRow } from '../../stats/stats.dto';
import { departementLabel } from '../../presentation/departement-names';
import { NOT_PUBLISHED } from '../../presentation/french-labels';
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
      <p class="lead">
        ${page.region ? `Région ${page.region}. ` : ''}${page.funds.length > 1 ? `${page.funds.length} caisses servent ce département.` : 'Une caisse sert ce département.'}
      </p>
      <p class="note">
        Ce sont des <strong>délais déclarés</strong> par les assurés qui choisissent de signaler, pas un échantillon représentatif. Un chiffre portant sur moins
        de ${page.data?.minGroupSize ?? 'quelques'} signalements n’est jamais publié.
      </p>
      ${errorSummary(page.errors, {})} ${selectionForm(`/statistiques/departements/${page.code}`, page.filters, page.errors, page.periods)}
      ${
        page.data
          ? figures(page, page.data, name)
          : html`<div class="panel">
              <p><strong>Pas encore de chiffres.</strong> Les statistiques sont en cours de calcul ; revenez dans quelques minutes.</p>
            </div>`
      }`,
  });
}

function figures(page: DepartementPage, data: DepartementFigures, name: string): SafeHtml {
  return html`<h2 id="chiffres">Chiffres clés</h2>
    ${comparisonTable('comparaison', `${name}, ${page.region ? 'sa région et ' : ''}la France entière : ${selectionWords(page.filters)}.`, data.columns, data.thresholdDays, data.snapshotAt)}
    <h2 id="caisses">Les caisses du département</h2>
    ${fundsTable(page, data)}`;
}

function fundsTable(page: DepartementPage, data: DepartementFigures): SafeHtml {
  const query = selectionQuery(page.filters);
  const cells = (row: StatsRow) =>
    row.suppressed
      ? html`<td colspan="3" class="suppressed">${NOT_PUBLISHED}</td>`
      : html`<td>${wholeNumber(row.reports)}</td>
          <td>${days(row.medianDays)}</td>
          <td>${days(row.p90Days)}</td>`;
  return html`<div class="table-scroll" role="region" aria-labelledby="tableau-caisses-titre" tabindex="0">
    <table class="stats-table" id="tableau-caisses">
      <caption id="tableau-caisses-titre">
        Délais par caisse : ${selectionWords(page.filters)}.
      </caption>
      <thead>
        <tr>
          <th scope="col">Caisse</th>
          <th scope="col">Signalements</th>
          <th scope="col">Délai médian</th>
          <th scope="col">90e centile</th>
        </tr>
      </thead>
      <tbody>
        ${data.funds.map(
          (row) =>
            html`<tr data-caisse="${row.group.caisse}">
              <th scope="row"><a href="/statistiques/caisses/${row.group.caisse}${query}">${row.group.caisseName}</a></th>
              ${cells(row)}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
