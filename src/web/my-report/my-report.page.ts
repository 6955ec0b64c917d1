import { CoarsenedReportResponse, ReportResponse } from '../../reports/reports.dto';
import { days, frenchDate } from '../../presentation/french-format';
import { ALLOWANCE_KIND_LABELS, CONSEQUENCE_LABELS } from '../../presentation/french-labels';
import { html, SafeHtml } from '../../presentation/html';
import type { FieldErrors } from '../shared/form-errors';
import { layout } from '../shared/layout';
import { describedBy, errorClass, errorSummary, fieldError, invalid } from '../shared/form-parts';

const TITLE = 'Mon signalement';

/** The receipt form; after a wrong receipt, a clear message and the typed value kept. */
export function receiptLookupPage(typed = '', unknownReceipt = false): string {
  const errors: FieldErrors = unknownReceipt
    ? { receipt: 'Ce reçu ne correspond à aucun signalement. Vérifiez chaque caractère (16 lettres et chiffres), ou le signalement a peut-être été effacé.' }
    : {};
  return layout({
    title: unknownReceipt ? `Erreur – ${TITLE}` : TITLE,
    current: '/mon-signalement',
    body: html`<h1>${TITLE}</h1>
<p class="lead">Tapez le reçu reçu lors de votre signalement pour le voir, indiquer la date du paiement ou l’effacer.</p>
${errorSummary(errors, { receipt: 'receipt' })}
<form method="post" action="/mon-signalement" novalidate>
  <div class="field${errorClass('receipt', errors)}">
    <label for="receipt">Votre reçu</label>
    <span class="hint" id="receipt-aide">Par exemple K7QF-9XWD-M2PA-83TN. Les tirets et les majuscules sont facultatifs.</span>
    ${fieldError('receipt', errors)}
    <input type="text" class="receipt-input" id="receipt" name="receipt" value="${typed}" autocomplete="off" autocapitalize="characters" spellcheck="false"${describedBy('receipt', errors, 'receipt-aide')}${invalid('receipt', errors)}>
  </div>
  <button type="submit">Voir mon signalement</button>
</form>
<p class="note">Reçu perdu ? Nous ne pouvons pas le retrouver : nous ne savons pas qui a fait quel signalement. Vous pouvez faire un nouveau signalement.</p>`,
  });
}

function receiptField(receipt: string): SafeHtml {
  return html`<input type="hidden" name="receipt" value="${receipt}">`;
}

const FRENCH_MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

function frenchMonth(yearMonth: string): string {
  const [year, month] = yearMonth.split('-').map(Number);
  return `${FRENCH_MONTHS[month - 1]} ${year}`;
}

function eraseForm(receipt: string): SafeHtml {
  return html`<h2>Effacer mon signalement</h2>
<form method="post" action="/mon-signalement/effacer">
  ${receiptField(receipt)}
  <p>Il disparaîtra de toutes les statistiques. Nous vous demanderons de confirmer.</p>
  <button type="submit" class="secondary">Effacer mon signalement…</button>
</form>`;
}

function status(report: ReportResponse | CoarsenedReportResponse): SafeHtml {
  if ('coarsened' in report) {
    return report.status === 'paid'
      ? html`Payé ${days(report.delayDays!)} après le début de l’arrêt`
      : html`Pas payé ${days(report.waitingDays!)} après le début de l’arrêt, à la dernière confirmation`;
  }
  if (report.status === 'paid') {
    return html`Payé le ${frenchDate(report.firstPaidOn!)}, ${days(report.delayDays!)} après le début de l’arrêt`;
  }
  return html`Pas encore payé au ${frenchDate(report.statusAsOf)} (${days(report.waitingDays!)} d’attente)`;
}

/** The report in French, with its forms: record the payment, still waiting, erase. */
export function myReportPage(
  receipt: string,
  report: ReportResponse | CoarsenedReportResponse,
  options: { notice?: string; errors?: FieldErrors; typedPaidOn?: string; fundName: string; today: string; help: SafeHtml },
): string {
  if ('coarsened' in report) return coarsenedReportPage(receipt, report, options.fundName, options.help);
  const errors = options.errors ?? {};
  const consequences = report.consequences.map((consequence) => CONSEQUENCE_LABELS[consequence]).join(', ');
  return layout({
    title: Object.keys(errors).length > 0 ? `Erreur – ${TITLE}` : TITLE,
    current: '/mon-signalement',
    body: html`<h1>${TITLE}</h1>
${options.notice && html`<div class="success" role="status"><p>${options.notice}</p></div>`}
${errorSummary(errors, { firstPaidOn: 'firstPaidOn' })}
<dl class="report-facts">
  <dt>Caisse</dt><dd>${options.fundName}</dd>
  <dt>Type d’arrêt</dt><dd>${ALLOWANCE_KIND_LABELS[report.allowanceKind]}</dd>
  <dt>Début de l’arrêt</dt><dd>${frenchDate(report.leaveStartedOn)}</dd>
  <dt>Attestation de salaire envoyée</dt><dd>${report.certificateSentOn ? frenchDate(report.certificateSentOn) : 'Non indiqué'}</dd>
  <dt>Premier paiement</dt><dd>${status(report)}</dd>
  <dt>Subrogation</dt><dd>${report.subrogation ? 'Oui, l’employeur a maintenu le salaire' : 'Non'}</dd>
  <dt>Conséquences de l’attente</dt><dd>${consequences || 'Non indiqué'}</dd>
</dl>
${options.help}

<h2>${report.status === 'paid' ? 'Corriger la date du paiement' : 'Le paiement est arrivé ?'}</h2>
<form method="post" action="/mon-signalement/paiement" novalidate>
  ${receiptField(receipt)}
  <div class="field${errorClass('firstPaidOn', errors)}">
    <label for="firstPaidOn">Date d’arrivée du premier paiement sur votre compte</label>
    ${fieldError('firstPaidOn', errors)}
    <input type="date" id="firstPaidOn" name="firstPaidOn" value="${options.typedPaidOn ?? report.firstPaidOn ?? ''}" min="${report.leaveStartedOn}" max="${options.today}"${describedBy('firstPaidOn', errors)}${invalid('firstPaidOn', errors)}>
  </div>
  <button type="submit">Enregistrer la date du paiement</button>
</form>

${
  report.status === 'waiting' &&
  html`<h2>Toujours rien reçu ?</h2>
<form method="post" action="/mon-signalement/en-attente">
  ${receiptField(receipt)}
  <p>Confirmer que vous attendez toujours aide à mesurer les attentes longues.</p>
  <button type="submit" class="secondary">Je suis toujours en attente</button>
</form>`
}

${eraseForm(receipt)}`,
  });
}

// A settled report keeps only its month and durations (retention): shown, erasable, no longer editable.
function coarsenedReportPage(receipt: string, report: CoarsenedReportResponse, fundName: string, help: SafeHtml): string {
  const consequences = report.consequences.map((consequence) => CONSEQUENCE_LABELS[consequence]).join(', ');
  return layout({
    title: TITLE,
    current: '/mon-signalement',
    body: html`<h1>${TITLE}</h1>
<p class="lead">Ce signalement est clos : nous n’en gardons plus les dates exactes, seulement le mois et les durées utiles aux statistiques. Il ne peut plus être modifié.</p>
<dl class="report-facts">
  <dt>Caisse</dt><dd>${fundName}</dd>
  <dt>Type d’arrêt</dt><dd>${ALLOWANCE_KIND_LABELS[report.allowanceKind]}</dd>
  <dt>Début de l’arrêt</dt><dd>${frenchMonth(report.leaveMonth)}</dd>
  <dt>Premier paiement</dt><dd>${status(report)}</dd>
  <dt>Subrogation</dt><dd>${report.subrogation ? 'Oui, l’employeur a maintenu le salaire' : 'Non'}</dd>
  <dt>Conséquences de l’attente</dt><dd>${consequences || 'Non indiqué'}</dd>
</dl>
${help}
${eraseForm(receipt)}`,
  });
}

export function confirmErasePage(receipt: string): string {
  return layout({
    title: `Confirmer l’effacement – ${TITLE}`,
    current: '/mon-signalement',
    body: html`<h1>Effacer définitivement votre signalement ?</h1>
<p class="lead">Il sera supprimé tout de suite et ne pourra pas être récupéré. Votre reçu ne fonctionnera plus.</p>
<form method="post" action="/mon-signalement/effacer">
  ${receiptField(receipt)}
  <input type="hidden" name="confirm" value="oui">
  <button type="submit" class="danger">Oui, effacer mon signalement</button>
</form>
<form method="post" action="/mon-signalement">
  ${receiptField(receipt)}
  <button type="submit" class="secondary">Non, revenir à mon signalement</button>
</form>`,
  });
}

export function erasedPage(): string {
  return layout({
    title: `Signalement effacé – ${TITLE}`,
    current: '/mon-signalement',
    body: html`<h1>Votre signalement est effacé</h1>
<div class="success" role="status"><p>Il a été supprimé de la base et n’apparaîtra plus dans aucune statistique.</p></div>
<p><a href="/">Retour à l’accueil</a></p>`,
  });
}
