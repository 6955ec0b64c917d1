import { TrendEventMark, trendChartSvg } from '../../presentation/charts/trend-chart';
import { departementLabel } from '../../presentation/departement-names';
import { NOT_PUBLISHED, disclosureSentence } from '../../presentation/french-labels';
import { days, periodLabel, shortMonth } from '../../presentation/french-format';
import { html, raw, SafeHtml } from '../../presentation/html';
import { errorSummary } from '../shared/form-parts';
import { layout, SERVICE_NAME } from '../shared/layout';
import type { FundFigures, FundPage } from './fund-page.service';
import { rankSentence } from './fund-rank';
import { GRANULARITY_RULE, GRANULARITY_SENTENCES, PeriodMedian, TrendGranularity, TrendSeries, unpublishedPeriods } from './fund-trend';
import { comparisonSection, fundEventsTable } from './comparison-parts';
import { selectionQuery } from './selection-filters';
import { comparisonTable, selectionForm, selectionWords } from './selection-parts';
import { numberEvents } from '../shared/trend-events';

/** The absolute addresses a shared link's preview needs. */
export interface ShareAddresses {
  page: string;
  card: string;
}

const FUND_COLOUR = '#0a3d6e';
const NATIONAL_COLOUR = '#6b3e00';

/** "mars 25", "T2 25", "2025": a period on the trend's axis. */
export function axisPeriod(granularity: TrendGranularity, period: string): string {
  if (granularity === 'month') return shortMonth(period);
  if (granularity === 'quarter') return `T${period.slice(6)} ${period.slice(2, 4)}`;
  return period;
}

/** A period's median in the trend's table: days, "médiane non atteinte", or not published. */
export function trendCell(point: PeriodMedian): string {
  if (!point.published) return NOT_PUBLISHED;
  return point.medianDays === null ? 'médiane non atteinte' : days(point.medianDays);
}

/** The trend chart of a fund against France, shared by the page and the PDF sheet. */
export function fundTrendSvg(
  name: string,
  trend: TrendSeries,
  thresholdDays: number,
  options: { id: string; fontFamily?: string; events?: TrendEventMark[] },
): string {
  const values = (points: PeriodMedian[]) => points.map((point) => (point.published ? point.medianDays : null));
  return trendChartSvg(
    [
      { label: name, values: values(trend.area), colour: FUND_COLOUR },
      { label: 'France entière', values: values(trend.national), colour: NATIONAL_COLOUR, dashed: true },
    ],
    {
      id: options.id,
      title: `Délai médian déclaré : ${name} et France entière`,
      description:
        'Courbes du délai médian par période de début d’arrêt ; une interruption signale une période sans chiffre publié. Le tableau qui suit donne les mêmes chiffres.',
      periods: trend.periods,
      formatPeriod: (period) => axisPeriod(trend.granularity, period),
      threshold: thresholdDays,
      thresholdLabel: `${thresholdDays} jours`,
      fontFamily: options.fontFamily,
      events: options.events,
    },
  );
}

/** /statistiques/caisses/{code}: filters, the headline figures against region and France, the rank, the trend, the sheet. */
export function fundPage(page: FundPage, addresses: ShareAddresses): string {
  const { fund, filters } = page;
  return layout({
    title: `${fund.name} : délais de paiement`,
    current: '/statistiques',
    head: page.data ? shareTags(page, page.data, addresses) : undefined,
    body: html`<p class="note"><a href="/statistiques">Statistiques</a> › ${fund.name}</p>
<h1>Délais de paiement déclarés : ${fund.name}</h1>
<p class="lead">Caisse de la région ${fund.region}, pour ${fund.departements.length > 1 ? 'les départements' : 'le département'}
${fund.departements.map((code, index) => html`${index > 0 && ', '}<a href="/statistiques/departements/${code}">${departementLabel(code)}</a>`)}.</p>
<p class="note">Ce sont des <strong>délais déclarés</strong> par les assurés qui choisissent de signaler, pas un échantillon représentatif.
${disclosureSentence(page.data?.minGroupSize)}</p>
${errorSummary(page.errors, {})}
${selectionForm(`/statistiques/caisses/${fund.code}`, filters, page.errors, page.periods)}
${page.data ? figures(page, page.data) : html`<div class="panel"><p><strong>Pas encore de chiffres.</strong> Les statistiques sont en cours de calcul ; revenez dans quelques minutes.</p></div>`}`,
  });
}

function shareTags(page: FundPage, data: FundFigures, addresses: ShareAddresses): SafeHtml {
  const title = `${page.fund.name} : délais de paiement des indemnités journalières`;
  const fundFigures = data.columns[0].figures;
  const description = fundFigures.suppressed
    ? `${selectionWords(page.filters)} : ${NOT_PUBLISHED}.`
    : `${selectionWords(page.filters)} : délai médian déclaré ${days(fundFigures.medianDays)} (France entière : ${data.columns[2].figures.suppressed ? NOT_PUBLISHED : days(data.columns[2].figures.medianDays)}).`;
  return html`
<meta name="description" content="${description}">
<meta property="og:type" content="website">
<meta property="og:site_name" content="${SERVICE_NAME}">
<meta property="og:title" content="${title}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${addresses.page}">
<meta property="og:image" content="${addresses.card}">
<meta property="og:image:type" content="image/png">
<meta property="og:image:width" content="1200">
<meta property="og:image:height" content="630">
<meta property="og:image:alt" content="${`Chiffres clés de ${page.fund.name}. ${description}`}">
<meta property="og:locale" content="fr_FR">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:title" content="${title}">
<meta name="twitter:description" content="${description}">
<meta name="twitter:image" content="${addresses.card}">`;
}

function figures(page: FundPage, data: FundFigures): SafeHtml {
  const { fund, filters } = page;
  const query = selectionQuery(filters);
  return html`<h2 id="chiffres">Chiffres clés</h2>
${comparisonTable('comparaison', `${fund.name}, sa région et la France entière : ${selectionWords(filters)}.`, data.columns, data.thresholdDays, data.snapshotAt)}
<p id="rang">${data.rank ? `${rankSentence(data.rank)}.` : `Pas de rang parmi les caisses : ${NOT_PUBLISHED}.`}</p>
<p class="note">Délai médian : la moitié des personnes ont été payées en moins de temps. Part de la caisse : délai entre l’envoi de l’attestation de salaire par l’employeur et le paiement, quand il est connu.
Les conséquences sont des parts des personnes qui ont répondu à la question. « – » : chiffre non atteint (trop de personnes encore en attente).</p>
${trend(page, data)}
${comparisonSection(
  page,
  data.trend.periods.filter((_, index) => data.trend.area[index].published),
)}
<h2 id="fiche">Imprimer ou partager</h2>
<ul>
  <li><a href="/statistiques/caisses/${fund.code}.pdf${query}">Fiche d’une page (PDF, A4) : ${fund.name}, ${selectionWords(filters)}</a></li>
  <li><a href="/statistiques">Toutes les caisses</a></li>
</ul>`;
}

function trend(page: FundPage, data: FundFigures): SafeHtml {
  const name = page.fund.name;
  const { trend } = data;
  const { listed, marks } = numberEvents(page.events, trend.granularity, trend.periods);
  const range = data.trendRange === 'all' ? '' : ` (${periodLabel(data.trendRange)})`;
  if (trend.periods.length === 0)
    return html`<h2 id="evolution">Évolution${range}</h2><p>Pas encore d’évolution publiée pour la France entière sur cette sélection.</p>
${fundEventsTable(page, listed, page.periods)}`;
  const gaps = unpublishedPeriods(trend);
  return html`<h2 id="evolution">Évolution${range}</h2>
<p id="granularite"><strong>${GRANULARITY_SENTENCES[trend.granularity]}</strong></p>
<p class="note">${GRANULARITY_RULE}</p>
<figure class="chart-figure">
${raw(fundTrendSvg(name, trend, data.thresholdDays, { id: 'graphique-evolution', events: marks }))}
<figcaption>Délai médian déclaré de ${name} et de la France entière ; chiffres du même instantané que le tableau ci-dessus.${
    marks.length > 0 && ' Les traits verticaux numérotés marquent les événements du tableau « Événements ».'
  }</figcaption>
</figure>
<p id="periodes-sans-chiffre">${
    gaps.length === 0
      ? `Chaque période du graphique a un chiffre publié pour ${name}.`
      : `Périodes sans chiffre publié pour ${name} (${NOT_PUBLISHED}), laissées en blanc sur le graphique : ${gaps.map(periodLabel).join(', ')}.`
  }</p>
<details>
<summary>Les chiffres période par période</summary>
<div class="table-scroll" role="region" aria-label="Délai médian période par période" tabindex="0">
<table class="stats-table" id="tableau-evolution">
<thead><tr><th scope="col">Période</th><th scope="col">${name}</th><th scope="col">France entière</th></tr></thead>
<tbody>
${trend.periods.map((period, index) => html`<tr data-periode="${period}"><th scope="row">${periodLabel(period)}</th><td>${trendCell(trend.area[index])}</td><td>${trendCell(trend.national[index])}</td></tr>`)}
</tbody>
</table>
</div>
</details>
${fundEventsTable(page, listed, page.periods)}`;
}
