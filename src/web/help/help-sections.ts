import { NOT_PUBLISHED } from '../../presentation/french-labels';
import { html, SafeHtml } from '../../presentation/html';
import type { Advice } from './advice';
import type { FundFigures } from './fund-figures.service';
import { FIGURES_CAVEAT, LETTER_KINDS, LETTER_TEXTS } from './recourse-texts';
import type { Situation } from './situation';
import { fallbackNote, figuresSentence, snapshotNote, yourDaysSentence } from './standing';
import { UnionContact, unionContactSection } from './union-contact';

/** Everything the help sections show about one report. */
export interface HelpView {
  situation: Situation;
  figures: FundFigures | null;
  advice: Advice;
  union: UnionContact | null;
}

/** "Où en êtes-vous ?", "Que faire maintenant ?", the letters and the union's contact, for the receipt page and /mon-signalement. */
export function helpSections(view: HelpView, receipt: string): SafeHtml {
  return html`${whereYouStand(view)}
${whatToDo(view.advice)}
${view.advice.offersLetters && letterForms(receipt)}
${unionContactSection(view.union)}`;
}

function whereYouStand({ situation, figures }: HelpView): SafeHtml {
  const note = figures && fallbackNote(figures);
  return html`<section class="help-standing" aria-labelledby="situation-titre">
<h2 id="situation-titre">Où en êtes-vous ?</h2>
<p class="lead"><strong>${yourDaysSentence(situation)}</strong></p>
${
  figures
    ? html`${note && html`<p>${note}</p>`}
<p data-figures="${figures.level}">${figuresSentence(figures)}</p>
<p class="note">${FIGURES_CAVEAT} ${snapshotNote(figures)} <a href="/statistiques">Voir toutes les statistiques</a>.</p>`
    : html`<p data-figures="none">Chiffres de votre caisse : ${NOT_PUBLISHED}, ni pour votre région, ni pour la France entière.</p>`
}
</section>`;
}

function whatToDo(advice: Advice): SafeHtml {
  return html`<section class="help-steps" aria-labelledby="demarches-titre">
<h2 id="demarches-titre">Que faire maintenant ?</h2>
<p data-advice="${advice.branch}">${advice.lead}</p>
<ol class="recourse-steps">
  ${advice.steps.map(
    (step) => html`<li${step.id === advice.startAt ? html` class="start-here" aria-current="step"` : ''}>
    <h3>${step.title}${step.id === advice.startAt ? html` <span class="badge">Commencez ici</span>` : ''}</h3>
    <p>${step.sentences[0]} ${step.sentences[1]}</p>
    ${step.link && html`<p><a href="${step.link.href}" rel="noopener noreferrer">${step.link.label}</a></p>`}
  </li>`,
  )}
</ol>
</section>`;
}

// Each letter opens through a POST carrying the receipt, like every /mon-signalement action.
function letterForms(receipt: string): SafeHtml {
  return html`<section class="help-letters no-print" aria-labelledby="courriers-titre">
<h2 id="courriers-titre">Des courriers prêts à envoyer</h2>
<p>Préremplis avec votre signalement et les chiffres publiés ; vous ajoutez vos nom, adresse et numéro de sécurité sociale sur votre appareil, ils ne nous sont jamais envoyés.</p>
<ul class="actions">
  ${LETTER_KINDS.map(
    (kind) => html`<li><form method="post" action="/mon-signalement/courrier">
    <input type="hidden" name="receipt" value="${receipt}">
    <input type="hidden" name="letter" value="${kind}">
    <button type="submit" class="secondary">${LETTER_TEXTS[kind].title}</button>
  </form></li>`,
  )}
</ul>
</section>`;
}
