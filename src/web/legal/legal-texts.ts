import type { EnvironmentVariables } from '../../config/env';
import { OrganisationIdentity } from '../../organisation/organisation-identity';
import { days } from '../../presentation/french-format';
import { html, SafeHtml } from '../../presentation/html';

// The French legal texts of the service, kept together so that one review covers them all.
// Sources (cited from the published texts, not re-read where this was written: re-check them at
// each review, and have the union's lawyer or DPO read this file before opening):
// - GDPR (Regulation (EU) 2016/679): art. 6(1)(a) and 9(2)(a) (explicit consent, health data);
//   art. 7(3) (withdrawal at any time, earlier processing stays lawful); art. 11(2) (a controller
//   that cannot identify the person: the rights apply once the person gives the means, here the
//   receipt); art. 13(1)–(2) (the items below: controller, DPO, purpose and legal basis,
//   recipients, transfers, retention, rights, withdrawal, complaint, whether reporting is required,
//   automated decisions); art. 15–18 and 20 (art. 21, objection, does not apply to a processing
//   based on consent); art. 22; art. 28 (the host, a processor); art. 44 ff.; art. 77.
// - Loi n° 2004-575 du 21 juin 2004 (LCEN), art. 6 III: a publisher's legal notice (name,
//   address, phone, publication director; the host's name, address and phone). The LCEN has been
//   amended since (loi n° 2024-449 among others): check the article's current numbering.
// - CNIL, cnil.fr: "Les mentions d'information", and the complaint page; the postal address is the
//   one the CNIL gives for complaints by post (re-check it at each review).
// Not verified, so not claimed: whether this union must designate a DPO (GDPR art. 37(1)(c)
// turns on "large scale", which depends on the instance); the notice only says what is set.
// The host outside the EU would make "no transfer" false: the launch checklist requires an EU host.

/** The settings the notice quotes; the notice version is computed with their defaults. */
export type NoticeSettings = Pick<
  EnvironmentVariables,
  'MIN_GROUP_SIZE' | 'RETENTION_MONTHS' | 'BACKUP_RETENTION_DAYS' | 'AUDIT_RETENTION_MONTHS' | 'STATS_RELEASE_DAYS'
>;

const NOT_SET = html`<em>(non renseigné par le syndicat)</em>`;

/** A setting as the texts show it: its value, or a plain statement that the union has not set it. */
function shown(value: string | undefined): SafeHtml {
  return value === undefined ? NOT_SET : html`${value}`;
}

/** A postal address keeps its lines. */
function postal(value: string | undefined): SafeHtml {
  if (value === undefined) return NOT_SET;
  return html`${value.split('\n').map((line, index) => (index === 0 ? html`${line}` : html`<br>${line}`))}`;
}

function mailLink(email: string | undefined): SafeHtml {
  return email === undefined ? NOT_SET : html`<a href="mailto:${email}">${email}</a>`;
}

/** The controller's identity and contact (GDPR art. 13(1)(a)), shared by both pages. */
function controllerLines(identity: OrganisationIdentity): SafeHtml {
  return html`<li>Nom : ${shown(identity.name)}</li>
  <li>Adresse : ${postal(identity.address)}</li>
  <li>Courriel : ${mailLink(identity.email)}</li>
  <li>Téléphone : ${shown(identity.phone)}</li>
  ${identity.website ? html`<li>Site : ${identity.website}</li>` : html``}`;
}

/**
 * The notice a person consents to (`/confidentialite`); PRIVACY_NOTICE_VERSION names its text as
 * rendered with the default settings and an unconfigured identity (privacy-notice.spec.ts).
 */
export function privacyNotice(settings: NoticeSettings, identity: OrganisationIdentity): SafeHtml {
  return html`<h1>Confidentialité</h1>
<p class="lead">Un arrêt de travail est une donnée de santé. Ce service en garde le moins possible, et seulement avec votre accord.</p>

<h2 id="responsable">Qui est responsable de vos données</h2>
<p>Le responsable du traitement est le syndicat qui propose ce service :</p>
<ul>
  ${controllerLines(identity)}
</ul>
<p id="delegue">Délégué à la protection des données : ${
    identity.dpoContact === undefined
      ? html`le syndicat n’a pas indiqué de délégué ; écrivez au responsable du traitement à l’adresse ci-dessus.`
      : html`${identity.dpoContact}.`
  }</p>

<h2 id="finalite">Pourquoi</h2>
<p>Mesurer le temps que mettent les caisses d’assurance maladie à verser la première indemnité journalière,
et publier des chiffres d’ensemble protégés, pour que les syndicats puissent agir auprès des caisses. Vos réponses ne servent à rien d’autre.</p>

<h2 id="base-legale">Sur quelle base</h2>
<p>Votre consentement explicite, que vous donnez en cochant la case du formulaire (RGPD, article 6, paragraphe 1, a,
et article 9, paragraphe 2, a, pour les données de santé). Rien ne vous oblige à signaler : sans signalement, il ne se passe rien pour vous.</p>

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

<h2 id="conservation">Combien de temps</h2>
<p>Un signalement est conservé au plus ${settings.RETENTION_MONTHS} mois après le début de l’arrêt, puis supprimé. Une fois le paiement arrivé, ses dates sont arrondies
au mois (il ne reste que le mois, plus le jour) 60 jours après le paiement, ou après 12 mois.
Un signalement supprimé ou effacé n’entre plus dans aucun calcul. Il peut subsister au plus ${days(settings.BACKUP_RETENTION_DAYS)} dans les sauvegardes chiffrées du serveur, qui sont ensuite détruites.
Le journal des actions faites avec un jeton (téléchargements des syndicats, décisions de modération, qui peuvent désigner un signalement
par son numéro mais jamais vos réponses) est gardé ${settings.AUDIT_RETENTION_MONTHS} mois.</p>

<h2 id="destinataires">Qui voit quoi</h2>
<ul>
  <li><strong>Le public et les syndicats</strong> ne voient que des chiffres d’ensemble. Chaque chiffre est légèrement brouillé
  (un petit écart aléatoire, toujours le même pour les mêmes signalements) pour qu’on ne puisse en déduire aucun signalement
  en particulier, et un groupe qui compte moins de ${settings.MIN_GROUP_SIZE} signalements après ce brouillage n’est pas publié.${
    settings.STATS_RELEASE_DAYS > 0 ? html` Les chiffres d’un groupe ne changent au plus qu’une fois tous les ${days(settings.STATS_RELEASE_DAYS)}.` : html``
  }</li>
  <li><strong>Les administrateurs du serveur du syndicat</strong> peuvent voir le contenu des signalements (les réponses ci-dessus), pour écarter les signalements manifestement faux. Ils ne voient jamais les reçus.</li>
  <li><strong>Personne d’autre</strong> ne reçoit vos réponses : elles ne sont ni vendues, ni transmises à un autre organisme, ni à votre caisse, ni à votre employeur.
  L’hébergeur du serveur (voir les <a href="/mentions-legales">mentions légales</a>) les conserve pour le compte du syndicat, comme sous-traitant (RGPD, article 28).</li>
  <li><strong>Personne</strong> ne peut relier un signalement à une personne.</li>
</ul>

<h2 id="droits">Vos droits, sans dire qui vous êtes</h2>
<p>Vous avez le droit d’accéder à vos réponses, de les corriger, de les effacer, d’en limiter l’usage et d’en recevoir une copie
(RGPD, articles 15 à 18 et 20). Comme le service ne sait pas qui vous êtes, c’est votre reçu qui vous permet d’exercer ces droits
(RGPD, article 11) : sur la page <a href="/mon-signalement">Mon signalement</a>, tapez votre reçu pour voir vos réponses (accès et copie),
les mettre à jour (rectification), ou choisir « Effacer mon signalement » (effacement). Pour toute autre demande (limiter l’usage de vos réponses, par exemple), écrivez au
responsable du traitement ; vous n’avez pas à donner votre nom, mais sans votre reçu personne ne peut savoir lequel est le vôtre.</p>

<h2 id="retrait">Retirer votre consentement</h2>
<p>Vous pouvez retirer votre consentement à tout moment, en effaçant votre signalement avec votre reçu. Il est supprimé immédiatement et n’entre plus dans aucun calcul ;
ce qui a été fait avant le retrait reste licite (RGPD, article 7, paragraphe 3). Les chiffres déjà publiés ne sont recalculés qu’aux dates de
publication des statistiques, et seulement pour les groupes où assez de signalements ont changé : votre effacement n’y est donc
pas visible tout de suite, et n’y sera jamais reconnaissable.</p>

<h2 id="reclamation">Réclamation</h2>
<p>Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la Commission nationale de l’informatique
et des libertés (CNIL), en ligne sur son site www.cnil.fr (rubrique « Plaintes ») ou par courrier : CNIL, 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07.</p>

<h2 id="transferts">Où sont les données</h2>
<p>Le service est installé par le syndicat sur un serveur qu’il choisit, situé dans l’Union européenne. Aucune donnée n’est transférée hors de l’Union européenne.</p>

<h2 id="decision-automatisee">Aucune décision automatisée</h2>
<p>Aucune décision vous concernant n’est prise automatiquement à partir de vos réponses : elles ne servent qu’à des chiffres d’ensemble.</p>`;
}

/** `/mentions-legales` (LCEN art. 6 III): publisher, publication director, host. */
export function legalNotice(identity: OrganisationIdentity): SafeHtml {
  return html`<h1>Mentions légales</h1>

<h2 id="editeur">Éditeur du site</h2>
<p>Ce site est édité par le syndicat qui propose le service :</p>
<ul>
  ${controllerLines(identity)}
</ul>

<h2 id="directeur-publication">Directeur ou directrice de la publication</h2>
<p>${shown(identity.publicationDirector)}</p>

<h2 id="hebergeur">Hébergeur</h2>
<ul>
  <li>Nom : ${shown(identity.host.name)}</li>
  <li>Adresse : ${postal(identity.host.address)}</li>
  <li>Téléphone : ${shown(identity.host.phone)}</li>
</ul>

<h2 id="donnees-personnelles">Données personnelles</h2>
<p>Ce que le service enregistre, pourquoi, combien de temps, et comment effacer votre signalement : voir la page
<a href="/confidentialite">Confidentialité</a>.</p>

<h2 id="logiciel">Logiciel</h2>
<p>Délais IJ est un logiciel libre, installé et administré par le syndicat éditeur sur le serveur de l’hébergeur ci-dessus.</p>`;
}
