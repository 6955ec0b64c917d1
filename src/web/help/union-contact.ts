import { html, SafeHtml } from '../../presentation/html';
import { UNION_HELP_LEAD, UNION_HELP_TITLE } from './recourse-texts';

/** How to reach the union that runs this instance; only `name` is required. */
export interface UnionContact {
  name: string;
  email?: string;
  phone?: string;
  hours?: string;
}

/** "Votre syndicat peut vous aider" with the union's contact, or nothing when the instance has none. */
export function unionContactSection(contact: UnionContact | null): SafeHtml {
  if (contact === null) return html``;
  const phoneHref = contact.phone?.replace(/[^\d+]/g, '');
  return html`<section class="union-help" aria-labelledby="syndicat-titre">
<h2 id="syndicat-titre">${UNION_HELP_TITLE}</h2>
<p>${UNION_HELP_LEAD}</p>
<ul>
  <li><strong>${contact.name}</strong></li>
  ${contact.email && html`<li>Courriel : <a href="mailto:${contact.email}">${contact.email}</a></li>`}
  ${contact.phone && html`<li>Téléphone : <a href="tel:${phoneHref}">${contact.phone}</a></li>`}
  ${contact.hours && html`<li>Permanences : ${contact.hours}</li>`}
</ul>
</section>`;
}
