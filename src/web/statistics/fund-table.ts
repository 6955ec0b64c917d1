import type { StatsRow } from '../../stats/stats.dto';
import { MAP_DEPARTEMENTS } from '../../presentation/charts/france-map';
import { NOT_PUBLISHED } from '../../presentation/french-labels';
import { html, SafeHtml } from '../../presentation/html';
import { days, percent, percentInterval, wholeNumber } from '../../presentation/french-format';
import { dashboardUrl, fundPageUrl } from './dashboard-links';
import { provenance, selection } from './dashboard-text';
import { defaultOrder, SortColumn, sortFundRows, sortValue } from './fund-table-sort';
import { DashboardData, DashboardPage, publishedReports, sortOf } from './statistics-page.service';

/** Served by the CGSS de la Guadeloupe, not on the map. */
const OTHER_DEPARTEMENT_NAMES: Record<string, string> = { '977': 'Saint-Barthélemy', '978': 'Saint-Martin' };
export const DEPARTEMENT_NAMES: ReadonlyMap<string, string> = new Map([
  ...MAP_DEPARTEMENTS.map((departement) => [departement.code, departement.name] as const),
  ...Object.entries(OTHER_DEPARTEMENT_NAMES),
]);

export function columnHeaders(thresholdDays: number): Record<SortColumn, string> {
  return {
    caisse: 'Caisse',
    signalements: 'Signalements',
    mediane: 'Délai médian',
    centile90: '90e centile',
    part: `Part payée après ${thresholdDays} jours`,
    moyenne: 'Délai moyen des payés',
  };
}

const ORDER_WORDS: Record<SortColumn, { croissant: string; decroissant: string }> = {
  caisse: { croissant: 'dans l’ordre des départements', decroissant: 'dans l’ordre inverse des départements' },
  signalements: { croissant: 'du moins au plus de signalements', decroissant: 'du plus au moins de signalements' },
  mediane: { croissant: 'du plus court au plus long', decroissant: 'du plus long au plus court' },
  centile90: { croissant: 'du plus court au plus long', decroissant: 'du plus long au plus court' },
  part: { croissant: 'de la plus faible à la plus forte', decroissant: 'de la plus forte à la plus faible' },
  moyenne: { croissant: 'du plus court au plus long', decroissant: 'du plus long au plus court' },
};

/** Lower case without accents or dashes, as the search box compares (site.js does the same to what is typed). */
export function searchText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[-'’]/g, ' ');
}

/**
 * The table by fund: one row per fund of the selection, sorted by the chosen column. Each header
 * is a link to the same page sorted by it (works without JavaScript); site.js sorts in place from
 * the `data-valeur` of each cell, by the same rules (fund-table-sort.ts), and narrows the rows with
 * a search box from `data-recherche` (the fund's name, code, départements).
 */
export function fundTable(page: DashboardPage, data: DashboardData): SafeHtml {
  const { byCaisse, thresholdDays } = data;
  const headers = columnHeaders(thresholdDays);
  const sort = sortOf(page.filters);
  const headerCell = (column: SortColumn) => {
    const current = sort.column === column;
    // A click on the current column flips its order; on another one it takes that one's default.
    const next = current ? (sort.order === 'croissant' ? 'decroissant' : 'croissant') : defaultOrder(column);
    const href = dashboardUrl(page.filters, { tri: column, ordre: next === defaultOrder(column) ? '' : next }, 'par-caisse');
    const ariaSort = current ? html` aria-sort="${sort.order === 'croissant' ? 'ascending' : 'descending'}"` : '';
    // site.js rewrites the hidden words after an in-place sort, from the two data-… wordings.
    return html`<th role="columnheader" scope="col"${ariaSort}><a href="${href}" data-tri="${column}" data-ordre-suivant="${next}" data-croissant="${ORDER_WORDS[column].croissant}" data-decroissant="${ORDER_WORDS[column].decroissant}">${headers[column]}<span class="visually-hidden"> : trier ${ORDER_WORDS[column][next]}</span></a></th>`;
  };
  const cell = (column: Exclude<SortColumn, 'caisse'>, row: StatsRow & { suppressed: false }, content: SafeHtml | string) => {
    const value = sortValue(row, column);
    return html`<td role="cell" data-label="${headers[column]}" data-valeur="${Number.isFinite(value) ? String(value) : ''}">${content}</td>`;
  };
  const figureCells = (row: StatsRow) =>
    row.suppressed
      ? html`<td role="cell" colspan="5" class="suppressed">${NOT_PUBLISHED}</td>`
      : html`${cell('signalements', row, wholeNumber(row.reports))}${cell('mediane', row, days(row.medianDays))}${cell('centile90', row, days(row.p90Days))}
${cell('part', row, html`<span>${percent(row.shareOverThreshold)}${row.shareOverThresholdCi && html`<br><span class="interval">IC 95 % : ${percentInterval(row.shareOverThresholdCi)}</span>`}</span>`)}${cell('moyenne', row, days(row.paidMeanDays))}`;
  const searchable = (row: StatsRow) => {
    const departements = page.departementsOfFund.get(row.group.caisse) ?? [];
    return searchText([row.group.caisseName, row.group.caisse, ...departements.map((code) => `${code} ${DEPARTEMENT_NAMES.get(code) ?? ''}`)].join(' '));
  };
  const rows = sortFundRows(byCaisse.rows, sort);
  return html`<section class="fund-table" aria-labelledby="par-caisse">
<h2 id="par-caisse">Par caisse</h2>
<div data-recherche-tableau="tableau-caisses"></div>
<div class="table-scroll cards-scroll" role="region" aria-labelledby="tableau-caisses-titre" tabindex="0">
<table class="stats-table cards" role="table" id="tableau-caisses" data-tri-actuel="${sort.column}" data-ordre-actuel="${sort.order}">
<caption id="tableau-caisses-titre">Délais par caisse : ${selection(page)}. <span class="provenance">${provenance(publishedReports(byCaisse.total), data)}</span>
<span class="provenance" data-annonce-tri>Trié par ${headers[sort.column].toLowerCase()}, ${ORDER_WORDS[sort.column][sort.order]}${sort.column === 'caisse' ? '' : ' ; les caisses sans chiffre publié en dernier'}.</span></caption>
<thead role="rowgroup"><tr role="row">${(Object.keys(headers) as SortColumn[]).map(headerCell)}</tr></thead>
<tbody role="rowgroup">
${rows.map(
  (row) =>
    html`<tr role="row" data-caisse="${row.group.caisse}" data-recherche="${searchable(row)}"${row.suppressed ? html` data-non-publie` : ''}><th role="rowheader" scope="row"><a href="${fundPageUrl(row.group.caisse, page.filters)}">${row.group.caisseName}</a></th>${figureCells(row)}</tr>`,
)}
</tbody>
</table>
</div>
${byCaisse.rows.every((row) => row.suppressed) && html`<p>Pas assez de signalements pour publier un chiffre sur cette sélection.</p>`}
<p class="note">Délai médian : la moitié des personnes ont été payées en moins de temps. 90e centile : 9 personnes sur 10 ont été payées en moins de temps.
Part payée après ${thresholdDays} jours : part des personnes qui n’avaient toujours rien reçu ${thresholdDays} jours après le début de l’arrêt, avec son intervalle de confiance à 95 % (IC).
Délai moyen des payés : moyenne simple des seules personnes déjà payées, qui sous-estime l’attente. « – » : chiffre non atteint (trop de personnes encore en attente), rangé après tous les autres délais.
Le nom de chaque caisse mène à sa page.</p>
</section>`;
}
