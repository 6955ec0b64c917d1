import { PRIVACY_NOTICE_VERSION } from '../../reports/privacy-notice';
import { days } from '../../presentation/french-format';
import { html, SafeHtml } from '../../presentation/html';
import { layout } from './layout';

/** `/confidentialite`, in plain French, with the version of its notice that reports record. */
export function privacyPage(minGroupSize: number, backupRetentionDays: number): string {
  return layout({
    title: 'Confidentialité',
    current: '/confidentialite',
    body: html`${privacyNotice(minGroupSize, backupRetentionDays)}
<p class="notice-version">Version de ce texte : <code>${PRIVACY_NOTICE_VERSION}</code>. Chaque signalement garde la version du texte sous laquelle il a été envoyé.</p>`,
  });
}

/** The notice a person consents to: its text is what PRIVACY_NOTICE_VERSION names (privacy-notice.spec.ts). */
export function privacyNotice(minGroupSize: number, backupRetentionDays: number): SafeHtml {
  return html`<h1>Confidentialité</h1>
<p class="lead">Un arrêt de travail est une donnée de santé. Ce service en garde le moins possible, et seulement avec votre accord.</p>

<h2>Ce qui est enregistré</h2>
<ul>
  <li>votre caisse d’assurance maladie ;</li>
  <li>le type d’arrêt (maladie, accident du travail, maternité…) ;</li>
  <li>le premier jour de l’arrêt, et si vous les donnez, la date d’envoi de l’attestation de salaire et la date du premier paiement ;</li>
  <li>si votre employeur a maintenu votre salaire (subrogation) ;</li>
  <li>si vous répondez, ce que l’attente a entraîné (découvert, factures impayées…) ;</li>
  <li>le dernier jour où vous avez confirmé être encore en attente ;</li>
  <li>une empreinte de votre reçu, qui permet de reconnaître le reçu sans le garder.</li>
</ul>

<h2>Ce qui n’est jamais enregistré</h2>
<p>Ni votre nom, ni votre numéro de sécurité sociale, ni votre date de naissance, ni votre adresse, ni votre employeur,
ni votre maladie, ni un montant, ni vos coordonnées bancaires, ni votre adresse IP, ni l’heure de votre visite.
Le formulaire n’a aucune zone de texte libre. Votre reçu lui-même n’est pas conservé : nous ne pouvons pas le retrouver.
Ce site n’utilise ni cookie, ni mesure d’audience, ni ressource d’un autre site.</p>

<h2>Contre les robots, sans vous suivre</h2>
<p>Avant l’envoi, votre navigateur fait un petit calcul (une à deux secondes sur un téléphone) qui rend coûteux l’envoi
de faux signalements en masse. Pour limiter le nombre d’envois depuis une même connexion, le serveur compte les envois
de l’heure en cours sous une empreinte chiffrée de votre adresse IP, jamais l’adresse elle-même, dans un compteur commun
à toutes les connexions et sans lien avec votre signalement ; la clé qui permettrait de relier l’empreinte à une adresse
est détruite au bout de 48 heures. Pour repérer les doublons, il garde de 24 à 48 heures une empreinte du contenu du
signalement, sans votre adresse. Rien n’est daté plus finement qu’à l’heure près. Un signalement qui ressemble à un doublon ou dont les dates semblent impossibles est mis de côté jusqu’à ce qu’un
administrateur le vérifie.</p>

<h2>Combien de temps</h2>
<p>Un signalement est conservé au plus 36 mois, puis supprimé. Une fois le paiement arrivé, ses dates sont arrondies
au mois (il ne reste que le mois, plus le jour) 60 jours après le paiement, ou après 12 mois.</p>

<h2>Qui voit quoi</h2>
<ul>
  <li><strong>Le public et les syndicats</strong> ne voient que des chiffres d’ensemble. Chaque chiffre est légèrement brouillé
  (un petit écart aléatoire, toujours le même pour les mêmes signalements) pour qu’on ne puisse en déduire aucun signalement
  en particulier, et un groupe qui compte moins de ${minGroupSize} signalements après ce brouillage n’est pas publié.</li>
  <li><strong>Les administrateurs du serveur du syndicat</strong> peuvent voir le contenu des signalements (les réponses ci-dessus), pour écarter les signalements manifestement faux. Ils ne voient jamais les reçus.</li>
  <li><strong>Personne</strong> ne peut relier un signalement à une personne.</li>
</ul>

<h2>Effacer votre signalement</h2>
<p>Sur la page <a href="/mon-signalement">Mon signalement</a>, tapez votre reçu puis choisissez « Effacer mon signalement ».
Il est supprimé immédiatement et n’entre plus dans aucun calcul. Les chiffres déjà publiés ne sont recalculés qu’aux dates de
publication des statistiques, et seulement pour les groupes où assez de signalements ont changé : votre effacement n’y est donc
pas visible tout de suite, et n’y sera jamais reconnaissable. Sans le reçu, personne ne peut savoir lequel est le vôtre.
Il peut subsister au plus ${days(backupRetentionDays)} dans les sauvegardes chiffrées du serveur, qui sont ensuite détruites.</p>

<h2>Où sont les données</h2>
<p>Le service est installé par votre syndicat sur son propre serveur. Les signalements ne sont ni vendus, ni transmis à un autre organisme : seuls des chiffres d’ensemble sont publiés.</p>`;
}
