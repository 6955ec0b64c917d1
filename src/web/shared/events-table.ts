import type { EventResponse } from '../../events/events.dto';
import { frenchDate } from '../../presentation/french-format';
import { html, SafeHtml } from '../../presentation/html';
import type { NumberedEvent } from './trend-events';

/** The scope of an event in words. */
export function scopeWords(event: EventResponse): string {
  if (event.scopeLevel === 'national') return 'France entière';
  if (event.scopeLevel === 'region') return `région ${event.scopeCode}`;
  if (event.scopeLevel === 'departement') return `département ${event.scopeCode}`;
  return `caisse ${event.scopeCode}`;
}

/**
 * The "Événements" table under a trend chart: the number drawn on the chart, date, title, scope
 * and source. The source is written as text, not a link: a recorded address is not ours to
 * vouch for, and a reader copies it knowingly. `extra` adds a last column (the fund page's
 * ready comparison).
 */
export function eventsTable(listed: NumberedEvent[], extra?: { heading: string; cell: (event: EventResponse) => SafeHtml }): SafeHtml {
  return html`<div class="table-scroll" role="region" aria-label="Événements" tabindex="0">
<table class="stats-table events-table" id="evenements">
<caption>Événements</caption>
<thead><tr><th scope="col">N°</th><th scope="col">Date</th><th scope="col">Événement</th><th scope="col">Portée</th><th scope="col">Source</th>${extra && html`<th scope="col">${extra.heading}</th>`}</tr></thead>
<tbody>
${listed.map(
  ({ event, marker }) =>
    html`<tr><td>${marker ?? '–'}</td><td>${frenchDate(event.date)}</td><td>${event.title}</td><td>${scopeWords(event)}</td><td class="source">${event.source ?? '–'}</td>${extra && html`<td>${extra.cell(event)}</td>`}</tr>`,
)}
</tbody>
</table>
</div>`;
}
