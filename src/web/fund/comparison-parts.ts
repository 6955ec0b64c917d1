import type { EventResponse } from '../../events/events.dto';
import { days, percent, periodLabel } from '../../presentation/french-format';
import { html, SafeHtml } from '../../presentation/html';
import type { PublishedFigures } from '../../stats/disclosure-control';
import { eventsTable } from '../shared/events-table';
import { describedBy, errorClass, fieldError, invalid } from '../shared/form-parts';
import type { AvailablePeriods } from '../statistics/statistics-page.service';
import { ComparisonChoice, quartersAround } from './comparison-selection';
import { COMPARISON_HEADING, COMPARISON_INTRO, comparisonFigures, EVENT_LINK, NO_COMPARISON, SUPPRESSED_SIDE, verdict } from './comparison-texts';
import type { FundPage } from './fund-page.service';
import { selectionQuery, SelectionFilters } from './selection-filters';
import type { NumberedEvent } from '../shared/trend-events';

/** A fund page's address for a selection and a comparison (if any): the page's own links, and its key among FinishedPages. */
export function fundPageAddress(code: string, filters: SelectionFilters, choice: ComparisonChoice | null): string {
  const params = new URLSearchParams(selectionQuery(filters));
  if (choice) {
    params.set('before', choice.before);
    params.set('after', choice.after);
  }
  const search = params.toString();
  return `/statistiques/caisses/${code}${search ? `?${search}` : ''}`;
}

/** The address comparing two periods on a fund's page, keeping the reader's selection. */
export function comparisonAddress(page: FundPage, choice: ComparisonChoice): string {
  return `${fundPageAddress(page.fund.code, page.filters, choice)}#avant-apres`;
}

/** The GET form (no JavaScript needed) offering the fund's published periods, then the answer if one was asked. */
export function comparisonSection(page: FundPage, publishedPeriods: string[]): SafeHtml {
  const chosen = page.comparison?.choice ?? {
    before: publishedPeriods[publishedPeriods.length - 2] ?? '',
    after: publishedPeriods[publishedPeriods.length - 1] ?? '',
  };
  const select = (name: 'before' | 'after', label: string) => html`<div class="field${errorClass(name, page.errors)}">
  <label for="${name}">${label}</label>
  ${fieldError(name, page.errors)}
  <select id="${name}" name="${name}"${describedBy(name, page.errors)}${invalid(name, page.errors)}>
  ${publishedPeriods.map((period) => html`<option value="${period}"${period === chosen[name] ? html` selected` : ''}>${periodLabel(period)}</option>`)}
  </select>
</div>`;
  return html`<h2 id="avant-apres">${COMPARISON_HEADING}</h2>
<p class="note">${COMPARISON_INTRO}</p>
${
  publishedPeriods.length < 2
    ? html`<p>Pas assez de périodes publiées pour cette caisse sur cette sélection pour comparer.</p>`
    : html`<form method="get" action="/statistiques/caisses/${page.fund.code}#avant-apres" class="filters" id="formulaire-avant-apres">
<fieldset>
<legend>Deux périodes à comparer</legend>
${page.filters.period !== 'all' && html`<input type="hidden" name="period" value="${page.filters.period}">`}
${page.filters.kind !== 'all' && html`<input type="hidden" name="kind" value="${page.filters.kind}">`}
${select('before', 'Avant (la plus ancienne)')}
${select('after', 'Après')}
<button type="submit">Comparer</button>
</fieldset>
</form>`
}
${page.comparison && comparisonResult(page.comparison.choice, page.comparison.answer)}`;
}

function side(label: string, figures: PublishedFigures): SafeHtml {
  if (figures.suppressed) return html`<tr><th scope="row">${label}</th><td colspan="2">${SUPPRESSED_SIDE}</td></tr>`;
  return html`<tr><th scope="row">${label}</th><td>${days(figures.medianDays)}</td><td>${percent(figures.shareOverThreshold)}</td></tr>`;
}

function comparisonResult(choice: ComparisonChoice, answer: NonNullable<FundPage['comparison']>['answer']): SafeHtml {
  const { before, after, comparison, thresholdDays } = answer;
  return html`<div class="panel" id="resultat-avant-apres">
<div class="table-scroll" role="region" aria-label="Les deux périodes comparées" tabindex="0">
<table class="stats-table" id="tableau-avant-apres">
<caption>${periodLabel(choice.before)} comparé à ${periodLabel(choice.after)}</caption>
<thead><tr><th scope="col">Période</th><th scope="col">Délai médian</th><th scope="col">Sans paiement après ${thresholdDays} jours</th></tr></thead>
<tbody>
${side(`Avant : ${periodLabel(choice.before)}`, before)}
${side(`Après : ${periodLabel(choice.after)}`, after)}
</tbody>
</table>
</div>
${
  comparison
    ? html`<p id="verdict"><strong>${verdict(before, after, comparison)}</strong></p>
<ul id="chiffres-avant-apres">${comparisonFigures(comparison, thresholdDays).map((line) => html`<li>${line}</li>`)}</ul>`
    : html`<p id="verdict">${NO_COMPARISON}</p>`
}
</div>`;
}

/** The events under the chart, each with its ready comparison of the whole quarters either side of its own. */
export function fundEventsTable(page: FundPage, listed: NumberedEvent[], periods: AvailablePeriods): SafeHtml {
  if (listed.length === 0) return html`<p id="evenements">Aucun événement enregistré pour cette caisse, son département, sa région ou la France entière.</p>`;
  const link = (event: EventResponse) => {
    const around = quartersAround(event.date);
    if (!periods.quarters.includes(around.before) || !periods.quarters.includes(around.after)) return html`–`;
    return html`<a href="${comparisonAddress(page, around)}">${EVENT_LINK}<span class="visually-hidden"> : ${event.title}</span></a>`;
  };
  return eventsTable(listed, { heading: 'Comparer', cell: link });
}
