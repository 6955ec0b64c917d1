import { html, SafeHtml } from '../../presentation/html';
import { layout } from '../shared/layout';

/** After /signaler: the receipt, shown once, then the help the report brings (web/help/). */
export function receiptPage(receipt: string, help: SafeHtml): string {
  return layout({
    title: 'Signalement enregistré',
    current: '/signaler',
    body: html`<div class="success" role="status"><p><strong>Merci, votre signalement est enregistré.</strong></p></div>
<h1>Votre reçu</h1>
<p id="recu" class="receipt">${receipt}</p>
<p class="lead"><strong>Gardez ce reçu : c’est le seul moyen de revenir sur votre signalement.</strong>
Nous ne connaissons ni votre nom ni votre adresse, et nous ne pourrons pas vous le renvoyer.</p>
<p>Notez-le, prenez une photo de cet écran ou imprimez cette page.</p>
<ul class="actions no-print">
  <li><button type="button" class="secondary" data-copy-receipt hidden>Copier le reçu</button></li>
  <li><button type="button" class="secondary" data-print hidden>Imprimer cette page</button></li>
</ul>
<p id="copie-statut" class="note" role="status"></p>

<h2>Revenir quand le paiement arrive</h2>
<p>Avec votre reçu, sur la page <a href="/mon-signalement">Mon signalement</a>, vous pourrez indiquer la date du paiement,
confirmer que vous attendez toujours, ou effacer votre signalement.</p>
<p>Pour ne pas oublier, ajoutez un rappel à votre agenda. Il ne contient aucune information sur votre signalement, seulement le lien vers cette page :</p>
<ul class="actions no-print">
  <li><a class="button secondary" href="/rappel.ics" download>Ajouter un rappel dans 15 et 30 jours</a></li>
</ul>
${help}`,
  });
}
