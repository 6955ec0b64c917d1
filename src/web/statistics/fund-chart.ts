import type { StatsRow } from '../../stats/stats.dto';
import { Bar, barChartSvg } from '../../presentation/charts/bar-chart';
import { niceScale } from '../../presentation/charts/svg';
import { NOT_PUBLISHED } from '../../presentation/french-labels';
import { html, raw, SafeHtml } from '../../presentation/html';
import { dashboardUrl, fundPageUrl } from './dashboard-links';
import { provenance, selection } from './dashboard-text';
import { DashboardData, DashboardPage, publishedReports } from './statistics-page.service';

/** Bars at each end of the ranking; with more published funds than twice this, the middle is left to the table. */
export const BARS_AT_EACH_END = 15;

type Published = StatsRow & { suppressed: false };

/**
 * The ranking of medians: the 15 longest and the 15 shortest as two charts on one scale, with a
 * link to every fund (`?barres=toutes`); every fund when there are 30 or fewer, or when asked.
 * Each bar links to its fund's page.
 */
export function fundChart(page: DashboardPage, data: DashboardData): SafeHtml {
  const { byCaisse } = data;
  // A median not reached (more than half still waiting) is longer than any reached one.
  const ranked = byCaisse.rows.filter((row): row is Published => !row.suppressed).sort((a, b) => (b.medianDays ?? Infinity) - (a.medianDays ?? Infinity));
  if (ranked.length === 0) return html``;
  const hidden = byCaisse.rows.length - ranked.length;
  const split = ranked.length > 2 * BARS_AT_EACH_END && page.filters.barres !== 'toutes';
  const scaleMax = niceScale(Math.max(data.thresholdDays, ...ranked.map((row) => row.medianDays ?? 0))).max;
  const title = `Délai médian déclaré par caisse (${selection(page)})`;
  const notShown =
    hidden > 0
      ? ` ${hidden} caisse${hidden > 1 ? 's' : ''} sans chiffre publié (${NOT_PUBLISHED}) ne ${hidden > 1 ? 'sont' : 'est'} pas représentée${hidden > 1 ? 's' : ''}.`
      : '';
  const charts = split
    ? html`${chart(page, data, ranked.slice(0, BARS_AT_EACH_END), scaleMax, 'graphique-caisses-longs', `Les ${BARS_AT_EACH_END} délais médians les plus longs`)}
${chart(page, data, ranked.slice(-BARS_AT_EACH_END), scaleMax, 'graphique-caisses-courts', `Les ${BARS_AT_EACH_END} délais médians les plus courts`)}`
    : chart(page, data, ranked, scaleMax, 'graphique-caisses', 'Toutes les caisses publiées');
  const toggle = split
    ? html`<a href="${dashboardUrl(page.filters, { barres: 'toutes' }, 'graphique')}">Voir les ${ranked.length} caisses publiées dans le graphique</a>`
    : ranked.length > 2 * BARS_AT_EACH_END &&
      html`<a href="${dashboardUrl(page.filters, { barres: '' }, 'graphique')}">N’afficher que les ${BARS_AT_EACH_END} plus longs et les ${BARS_AT_EACH_END} plus courts</a>`;
  return html`<section class="ranking" aria-labelledby="graphique">
<h2 id="graphique">Délai médian par caisse</h2>
<p class="note">${title}. ${provenance(publishedReports(byCaisse.total), data)}
${split ? `${ranked.length} caisses publiées : les ${BARS_AT_EACH_END} plus lentes et les ${BARS_AT_EACH_END} plus rapides, sur la même échelle.` : ''}${notShown}
Chaque barre mène à la page de sa caisse ; le tableau « Par caisse » donne les mêmes chiffres.</p>
${charts}
${toggle && html`<p>${toggle}</p>`}
</section>`;
}

function chart(page: DashboardPage, data: DashboardData, rows: Published[], scaleMax: number, id: string, heading: string): SafeHtml {
  const { thresholdDays } = data;
  const bars: Bar[] = rows.map((row) => ({
    label: row.group.caisseName,
    value: row.medianDays,
    note: 'médiane non atteinte (plus de la moitié encore en attente)',
    href: fundPageUrl(row.group.caisse, page.filters),
  }));
  const svg = barChartSvg(bars, {
    id,
    title: `${heading} (${selection(page)})`,
    description: `Barres horizontales, de la caisse la plus lente à la plus rapide ; le trait pointillé marque ${thresholdDays} jours. Les mêmes chiffres sont dans le tableau « Par caisse ».`,
    threshold: thresholdDays,
    thresholdLabel: `${thresholdDays} jours`,
    missingText: NOT_PUBLISHED,
    formatValue: (value) => `${value} j`,
    scaleMax,
  });
  return html`<figure class="chart-figure">
<figcaption class="chart-heading">${heading}</figcaption>
${raw(svg)}
</figure>`;
}
