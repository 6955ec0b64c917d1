import { html, SafeHtml } from '../../presentation/html';
import { layout } from '../shared/layout';
import { BLANK, Letter, SENDER_BOXES } from './letter';
import { LETTER_KINDS, LETTER_TEXTS } from './recourse-texts';
import { UnionContact, unionContactSection } from './union-contact';

const BLANK_LINE = '……………………………………';

/** A paragraph whose {blank} marks become dotted lines to fill by hand. */
function withBlanks(text: string): SafeHtml {
  const parts = text.split(BLANK);
  return html`${parts.map((part, index) => html`${part}${index < parts.length - 1 ? html`<span class="blank">${BLANK_LINE}</span>` : ''}`)}`;
}

/** A sender line: dotted without JavaScript; letter-boxes.js writes what is typed in the boxes here, in the browser only. */
function senderLine(id: string, lines: number): SafeHtml {
  const blanks = Array.from({ length: lines }, () => BLANK_LINE).join('\n');
  return html`<span class="blank" data-fill="${id}" data-blank="${blanks}">${blanks}</span>`;
}

// The boxes have no name and sit in no form: nothing can submit them. Hidden until the script shows them.
function senderBoxes(): SafeHtml {
  return html`<section class="letter-boxes no-print" data-letter-boxes hidden aria-labelledby="coordonnees-titre">
<h2 id="coordonnees-titre">Vos coordonnées, sur votre appareil seulement</h2>
<p class="note">Ce que vous tapez ici s’inscrit dans le courrier ci-dessous, sur votre appareil : ce n’est jamais envoyé à ce service. Le PDF, lui, garde des lignes vides à remplir à la main.</p>
${SENDER_BOXES.map(
  (box) => html`<div class="field">
  <label for="boite-${box.id}">${box.label}</label>
  ${
    box.lines > 1
      ? html`<textarea id="boite-${box.id}" data-fills="${box.id}" rows="${box.lines}" autocomplete="${box.autocomplete}" spellcheck="false"></textarea>`
      : html`<input type="text" id="boite-${box.id}" data-fills="${box.id}" autocomplete="${box.autocomplete}" spellcheck="false">`
  }
</div>`,
)}
</section>`;
}

/** The printable letter, with the boxes (JavaScript on), a print button and the PDF download. */
export function letterPage(letter: Letter, receipt: string, union: UnionContact | null): string {
  const other = LETTER_KINDS.find((kind) => kind !== letter.kind)!;
  return layout({
    title: letter.title,
    current: '/mon-signalement',
    // The page's own script (the CSP allows no inline script; the layout loads only site.js).
    body: html`<script src="/assets/letter-boxes.js" defer></script>
<h1 class="no-print">${letter.title}</h1>
<div class="no-print">
<p class="lead">Ce courrier est prérempli avec votre signalement. Complétez les lignes pointillées à la main après l’avoir imprimé.</p>
<h2>Avant d’envoyer</h2>
<ul>${letter.beforeSending.map((line) => html`<li>${line}</li>`)}</ul>
</div>
${senderBoxes()}
<ul class="actions no-print">
  <li><button type="button" data-print hidden>Imprimer le courrier</button></li>
  <li><form method="post" action="/mon-signalement/courrier.pdf">
    <input type="hidden" name="receipt" value="${receipt}">
    <input type="hidden" name="letter" value="${letter.kind}">
    <button type="submit" class="secondary">Télécharger en PDF (lignes vides à remplir)</button>
  </form></li>
</ul>
<article class="letter" aria-labelledby="courrier-objet">
  <p class="letter-sender">${senderLine('nom', 1)}<br>${senderLine('adresse', 2)}<br>${LETTER_TEXTS.nir}${senderLine('nir', 1)}</p>
  <p class="letter-recipient">${letter.recipient.map((line) => html`${line}<br>`)}<span class="blank">${BLANK_LINE}</span><br><span class="blank">${BLANK_LINE}</span></p>
  <p class="letter-date">${withBlanks(letter.placeAndDate)}</p>
  <p id="courrier-objet"><strong>${letter.subject}</strong></p>
  <p>${letter.salutation}</p>
  ${letter.paragraphs.map((paragraph) => html`<p>${withBlanks(paragraph)}</p>`)}
  <p>${letter.closing}</p>
  <p class="letter-signature">${LETTER_TEXTS.signature}</p>
  <p class="note">${letter.enclosure}</p>
</article>
<div class="no-print">
<form method="post" action="/mon-signalement/courrier">
  <input type="hidden" name="receipt" value="${receipt}">
  <input type="hidden" name="letter" value="${other}">
  <button type="submit" class="secondary">Voir plutôt : ${LETTER_TEXTS[other].title}</button>
</form>
<form method="post" action="/mon-signalement">
  <input type="hidden" name="receipt" value="${receipt}">
  <button type="submit" class="secondary">Revenir à mon signalement</button>
</form>
${unionContactSection(union)}
</div>`,
  });
}
