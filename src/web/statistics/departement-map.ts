import { DepartementFigure, franceMapSvg, legendSwatchSvg, mapClasses } from '../../presentation/charts/france-map';
import { NOT_PUBLISHED } from '../../presentation/french-labels';
import { html, raw, SafeHtml } from '../../presentation/html';
import { days, wholeNumber } from '../../presentation/french-format';
import { departementPageUrl } from './dashboard-links';
import { provenance, selection } from './dashboard-text';
import { DEPARTEMENT_NAMES } from './fund-table';
import { DashboardData, DashboardPage, publishedReports } from './statistics-page.service';

/** The map by département, its legend, and its table (the text alternative); each area and row links to the département's page. */
export function departementMap(page: DashboardPage, data: DashboardData): SafeHtml {
  const { byDepartement, thresholdDays } = data;
  const figuresByCode = new Map<string, DepartementFigure>(
    byDepartement.rows.map((row) => [
      row.group.departement,
      row.suppressed ? { suppressed: true } : { suppressed: false, medianDays: row.medianDays, reports: row.reports },
    ]),
  );
  const outside = page.filters.region ? { codes: data.outsideDepartements, label: 'hors de la région choisie' } : undefined;
  const title = `Délai médian déclaré par département (${selection(page)})`;
  const svg = franceMapSvg(figuresByCode, {
    id: 'carte',
    title,
    description: `Carte de France métropolitaine avec en encarts la Guadeloupe, la Martinique, la Guyane, La Réunion et Mayotte ; chaque département est coloré selon sa classe de délai médian. Le tableau qui suit donne les mêmes chiffres.`,
    thresholdDays,
    outside,
    linkOf: (code) => departementPageUrl(code, page.filters),
  });
  return html`<section class="map-section" aria-labelledby="carte-titre-section">
<h2 id="carte-titre-section">Carte par département</h2>
<figure class="chart-figure map-figure">
${raw(svg)}
<figcaption>${title}. ${provenance(publishedReports(byDepartement.total), data)}
Un département servi par plusieurs caisses (Nord, Pas-de-Calais…) réunit leurs signalements. Chaque département mène à sa page.</figcaption>
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
  return html`<tr data-departement="${code}"><th scope="row"><a href="${departementPageUrl(code, page.filters)}">${name}</a></th>${row.suppressed ? html`<td colspan="2" class="suppressed">${NOT_PUBLISHED}</td>` : html`<td>${wholeNumber(row.reports)}</td><td>${days(row.medianDays)}</td>`}</tr>`;
})}
</tbody>
</table>
</div>
</details>
</section>`;
}
