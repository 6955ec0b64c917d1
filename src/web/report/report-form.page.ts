import { ALLOWANCE_KINDS, CONSEQUENCES } from '../../reports/report.entity';
import { ALLOWANCE_KIND_LABELS, CONSEQUENCE_LABELS, FundOption } from '../../presentation/french-labels';
import { html } from '../../presentation/html';
import type { FieldErrors } from '../shared/form-errors';
import { layout } from '../shared/layout';
import { checked, describedBy, errorClass, errorSummary, fieldError, invalid } from '../shared/form-parts';
import { REPORT_FIELD_ANCHORS, ReportFormValues } from './report-form';

/** /signaler: the report form, empty or as typed with the errors next to their fields. */
export function reportFormPage(funds: FundOption[], values: ReportFormValues, errors: FieldErrors, today: string, proofOfWork = false): string {
  const title = Object.keys(errors).length > 0 ? 'Erreur – Signaler un délai de paiement' : 'Signaler un délai de paiement';
  return layout({
    title,
    current: '/signaler',
    body: html`<h1>Signaler un délai de paiement</h1>
<p class="lead">Quelques questions sur votre arrêt et sur le premier versement de vos indemnités journalières (IJ). Aucune question ne vous identifie.</p>
<p class="note">Payé à temps ? Signalez-le aussi : les paiements rapides comptent autant que les retards pour des chiffres justes.</p>
${errorSummary(errors, REPORT_FIELD_ANCHORS)}
<form method="post" action="/signaler" novalidate>
  <div class="field${errorClass('caisseCode', errors)}">
    <label for="caisseCode">Votre caisse d’assurance maladie</label>
    <span class="hint" id="caisseCode-aide">Classées par numéro de département. Celle qui vous verse les IJ (souvent celle de votre domicile).</span>
    ${fieldError('caisseCode', errors)}
    <select id="caisseCode" name="caisseCode"${describedBy('caisseCode', errors, 'caisseCode-aide')}${invalid('caisseCode', errors)}>
      <option value="">Choisir une caisse</option>
      ${funds.map((fund) => html`<option value="${fund.code}"${fund.code === values.caisseCode ? html` selected` : ''}>${fund.label}</option>`)}
    </select>
  </div>

  <fieldset class="group${errorClass('allowanceKind', errors)}"${describedBy('allowanceKind', errors)}>
    <legend>Type d’arrêt</legend>
    ${fieldError('allowanceKind', errors)}
    ${ALLOWANCE_KINDS.map(
      (kind) => html`<div class="choice">
      <input type="radio" id="allowanceKind-${kind}" name="allowanceKind" value="${kind}"${checked(values.allowanceKind === kind)}>
      <label for="allowanceKind-${kind}">${ALLOWANCE_KIND_LABELS[kind]}</label>
    </div>`,
    )}
  </fieldset>

  <div class="field${errorClass('leaveStartedOn', errors)}">
    <label for="leaveStartedOn">Premier jour de l’arrêt</label>
    ${fieldError('leaveStartedOn', errors)}
    <input type="date" id="leaveStartedOn" name="leaveStartedOn" value="${values.leaveStartedOn}" min="2015-01-01" max="${today}"${describedBy('leaveStartedOn', errors)}${invalid('leaveStartedOn', errors)}>
  </div>

  <fieldset class="group${errorClass('firstPaidOn', errors)}">
    <legend>Avez-vous reçu le premier paiement de vos IJ ?</legend>
    <div class="choice">
      <input type="radio" id="paymentStatus-waiting" name="paymentStatus" value="waiting"${checked(values.paymentStatus === 'waiting')}>
      <label for="paymentStatus-waiting">Pas encore payé</label>
    </div>
    <div class="choice">
      <input type="radio" id="paymentStatus-paid" name="paymentStatus" value="paid"${checked(values.paymentStatus === 'paid')}>
      <label for="paymentStatus-paid">Payé le :</label>
    </div>
    <div class="nested" data-paid-date>
      <label for="firstPaidOn" class="field-label">Date d’arrivée du premier paiement sur votre compte</label>
      ${fieldError('firstPaidOn', errors)}
      <input type="date" id="firstPaidOn" name="firstPaidOn" value="${values.firstPaidOn}" min="2015-01-01" max="${today}"${describedBy('firstPaidOn', errors)}${invalid('firstPaidOn', errors)}>
    </div>
  </fieldset>

  <div class="field${errorClass('certificateSentOn', errors)}">
    <label for="certificateSentOn">Date d’envoi de l’attestation de salaire par l’employeur <span class="hint-inline">(facultatif)</span></label>
    <span class="hint" id="certificateSentOn-aide">Si vous la connaissez : elle permet de distinguer l’attente due à l’employeur de celle due à la caisse.</span>
    ${fieldError('certificateSentOn', errors)}
    <input type="date" id="certificateSentOn" name="certificateSentOn" value="${values.certificateSentOn}" min="2015-01-01" max="${today}"${describedBy('certificateSentOn', errors, 'certificateSentOn-aide')}${invalid('certificateSentOn', errors)}>
  </div>

  <fieldset>
    <legend>Subrogation</legend>
    <p class="hint" id="subrogation-aide">Il y a subrogation quand votre employeur continue de vous verser votre salaire et reçoit les IJ à votre place.</p>
    ${fieldError('subrogation', errors)}
    <div class="choice">
      <input type="checkbox" id="subrogation" name="subrogation" value="oui"${checked(values.subrogation)}${describedBy('subrogation', errors, 'subrogation-aide')}>
      <label for="subrogation">Mon employeur a maintenu mon salaire (subrogation)</label>
    </div>
  </fieldset>

  <fieldset class="group${errorClass('consequences', errors)}"${describedBy('consequences', errors, 'consequences-aide')}>
    <legend>L’attente a-t-elle entraîné… <span class="hint-inline">(facultatif)</span></legend>
    <p class="hint" id="consequences-aide">Cochez tout ce qui s’applique, ou rien si vous préférez ne pas répondre.</p>
    ${fieldError('consequences', errors)}
    ${CONSEQUENCES.map(
      (consequence) => html`<div class="choice">
      <input type="checkbox" id="consequences-${consequence}" name="consequences" value="${consequence}"${checked(values.consequences.includes(consequence))}>
      <label for="consequences-${consequence}">${CONSEQUENCE_LABELS[consequence]}</label>
    </div>`,
    )}
  </fieldset>

  <fieldset class="group${errorClass('consent', errors)}">
    <legend>Votre accord</legend>
    <p class="hint" id="consent-aide">Un arrêt de travail est une donnée de santé : nous avons besoin de votre accord pour l’enregistrer.<br>
    Votre signalement reste anonyme, ne sert qu’à des statistiques, et vous pouvez l’effacer à tout moment avec votre reçu.</p>
    ${fieldError('consent', errors)}
    <div class="choice">
      <input type="checkbox" id="consent" name="consent" value="oui"${checked(values.consent)}${describedBy('consent', errors, 'consent-aide')}${invalid('consent', errors)}>
      <label for="consent">J’accepte que ces informations soient enregistrées pour établir des statistiques</label>
    </div>
  </fieldset>

  ${proofOfWork ? proofOfWorkWidget(errors) : ''}
  <button type="submit">Envoyer mon signalement</button>
</form>
<p class="note">Pour savoir ce qui est conservé et comment l’effacer : <a href="/confidentialite">confidentialité</a>.</p>`,
  });
}

// The self-hosted ALTCHA widget solves a small proof of work in the background and fills the
// hidden `altcha` field. Without JavaScript nothing shows and the report is held for review.
function proofOfWorkWidget(errors: FieldErrors) {
  return html`<div class="field${errorClass('altcha', errors)}" id="verification">
    ${fieldError('altcha', errors)}
    <link rel="stylesheet" href="/assets/altcha/altcha.css">
    <altcha-widget challenge="/api/pow-challenge" name="altcha" language="fr-fr" auto="onload" configuration='{"hideFooter":true}'></altcha-widget>
    <script type="module" src="/assets/altcha/fr-fr.js"></script>
    <script type="module" src="/assets/altcha/altcha-setup.js"></script>
    <script type="module" src="/assets/altcha/altcha.js"></script>
  </div>`;
}
