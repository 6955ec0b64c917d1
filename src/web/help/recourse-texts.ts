import type { AllowanceKind } from '../../reports/report.entity';

// The French texts of the recourse ladder, in one file so that a union's legal desk can review them
// at once. Nothing here may promise more than the sources say; where a detail varies by fund
// (address, online form, the mediator's contact), the text says so instead of giving one.
//
// Sources (read December 2026):
// - ameli.fr, "Faire une réclamation, contester une décision":
//   https://www.ameli.fr/assure/droits-demarches/reclamations-voies-recours/faire-reclamation-contester-decision
//   (réclamation by ameli message, letter, phone or at the desk; then the conciliateur / médiateur)
// - ameli.fr, "Comment saisir le médiateur ?":
//   https://www.ameli.fr/assure/droits-demarches/reclamation-mediation-voies-de-recours/saisir-mediateur
//   (after a réclamation that did not succeed; free; in writing; no power of decision)
// - service-public.fr F20849, "Médiateur de l'Assurance maladie : comment y recourir ?"
//   (letter to the mediator sent to one's fund; some funds take e-mail or phone; ask one's fund)
// - Code de la sécurité sociale, art. L217-7-1 (the mediator of each fund, created by the loi ESSOC
//   of 10 August 2018); art. R142-1 ff. (commission de recours amiable: a prior claim against a
//   decision of the fund, within two months of its notification; art. R142-6: no answer within two
//   months is a rejection); art. L142-8 and R142-10-1 (the pôle social of the tribunal judiciaire).
//   The article numbers are those of the 2019 reform of social security litigation, cited from
//   memory of Légifrance, not re-read for this file: a union's legal desk should confirm them.
//   The texts below state no deadline of their own besides the CRA's two months (R142-1) and send
//   the person to the deadline written in each decision.
// - DOMAIN.md, "When the first payment is late" (the ladder's order, the employer's attestation de
//   salaire first; L436-1 penalties are not claimed for maladie).

/** One step of the ladder: a title, two plain sentences, and the official page where one exists. */
export interface RecourseStep {
  id: RecourseStepId;
  title: string;
  sentences: [string, string];
  link?: { href: string; label: string };
}

export type RecourseStepId = 'employer' | 'contact' | 'complaint' | 'mediator' | 'commission' | 'court';

const AMELI_COMPLAINT_PAGE = 'https://www.ameli.fr/assure/droits-demarches/reclamations-voies-recours/faire-reclamation-contester-decision';
const AMELI_MEDIATOR_PAGE = 'https://www.ameli.fr/assure/droits-demarches/reclamation-mediation-voies-de-recours/saisir-mediateur';

/** The ladder, in the order a person should climb it. */
export const RECOURSE_STEPS: readonly RecourseStep[] = [
  {
    id: 'employer',
    title: 'Demander à votre employeur s’il a envoyé l’attestation de salaire',
    sentences: [
      'Sans l’attestation de salaire de votre employeur, la caisse ne peut pas calculer ni verser vos indemnités journalières.',
      'Demandez-lui si elle a été envoyée et à quelle date, puis indiquez cette date à la caisse si elle vous la demande.',
    ],
  },
  {
    id: 'contact',
    title: 'Écrire depuis votre compte ameli ou appeler le 36 46',
    sentences: [
      'La messagerie de votre compte ameli ou le 36 46 permettent de savoir où en est votre dossier et s’il manque une pièce.',
      'Notez la date de chaque échange et gardez une copie des messages.',
    ],
  },
  {
    id: 'complaint',
    title: 'Faire une réclamation écrite à votre caisse',
    sentences: [
      'Si rien ne bouge, adressez une réclamation écrite à votre caisse, par la messagerie ameli ou par courrier, en gardant une copie.',
      'L’adresse postale et les formulaires en ligne varient d’une caisse à l’autre : vérifiez-les sur votre compte ameli ou auprès de votre caisse.',
    ],
    link: { href: AMELI_COMPLAINT_PAGE, label: 'Faire une réclamation (ameli.fr)' },
  },
  {
    id: 'mediator',
    title: 'Saisir le médiateur (conciliateur) de votre caisse',
    sentences: [
      'Si votre réclamation n’a pas abouti, vous pouvez saisir gratuitement et par écrit le médiateur de votre caisse, qui cherche une solution à l’amiable.',
      'Chaque caisse a son médiateur, et la façon de le joindre (courrier, compte ameli, adresse électronique) dépend de la caisse : renseignez-vous auprès d’elle.',
    ],
    link: { href: AMELI_MEDIATOR_PAGE, label: 'Comment saisir le médiateur (ameli.fr)' },
  },
  {
    id: 'commission',
    title: 'Contester une décision devant la commission de recours amiable',
    sentences: [
      'Si la caisse vous a notifié une décision que vous contestez (un refus, par exemple), vous pouvez saisir sa commission de recours amiable dans les deux mois suivant la notification.',
      'Le courrier de décision indique l’adresse et le délai à respecter ; sans réponse de la commission dans les deux mois, votre recours est considéré comme rejeté.',
    ],
    link: { href: AMELI_COMPLAINT_PAGE, label: 'Contester une décision (ameli.fr)' },
  },
  {
    id: 'court',
    title: 'Saisir le pôle social du tribunal judiciaire',
    sentences: [
      'Après le rejet de votre recours par la commission, vous pouvez saisir le pôle social du tribunal judiciaire, dans le délai indiqué dans la décision.',
      'Un syndicat, une association ou un avocat peut vous aider à préparer ce recours.',
    ],
  },
];

/** Where a person should start, in one sentence per situation (advice.ts chooses). */
export const ADVICE_LEADS = {
  paid: 'Votre premier paiement est arrivé. Si les paiements suivants s’arrêtent ou tardent, les démarches ci-dessous restent possibles, dans cet ordre.',
  subrogated:
    'Votre employeur maintient votre salaire : c’est lui qui reçoit les indemnités journalières, et le délai de la caisse le concerne d’abord. S’il cesse de vous payer, indiquez-le ici et suivez les démarches ci-dessous.',
  closed:
    'Ce signalement est clos et nous n’en gardons plus les dates exactes. Si vous attendez toujours, les démarches ci-dessous restent possibles ; un nouveau signalement vous donnera des courriers préremplis.',
  askEmployer:
    'Vous n’avez pas indiqué la date d’envoi de l’attestation de salaire : c’est la première chose à vérifier, car la caisse ne peut rien payer sans elle.',
  contactFund: 'Votre attente est encore courte. Si vous voulez vérifier que votre dossier est complet, commencez par la messagerie ameli ou le 36 46.',
  complain:
    'Votre attente dépasse {threshold}. Vous pouvez faire une réclamation écrite à votre caisse, puis saisir son médiateur si elle n’aboutit pas : les courriers ci-dessous sont prêts à imprimer.',
} as const;

/** The kind of leave as it reads after "pour" in a sentence. */
export const KIND_PHRASES: Record<AllowanceKind, string> = {
  maladie: 'un arrêt maladie',
  accident_travail: 'un arrêt pour accident du travail ou de trajet',
  maladie_professionnelle: 'un arrêt pour maladie professionnelle',
  maternite: 'un congé maternité',
  paternite: 'un congé paternité ou d’accueil de l’enfant',
};

/** Said beside every figure: where it comes from and what it is not. */
export const FIGURES_CAVEAT =
  'Ces chiffres sont ceux que publie ce service, à partir des délais déclarés par les personnes qui ont fait un signalement : ce ne sont pas des chiffres officiels de la caisse.';

/** On the receipt page when the help cannot be built: the receipt matters more. */
export const HELP_UNAVAILABLE =
  'Les chiffres de votre caisse et les conseils ne peuvent pas être affichés pour le moment : retrouvez-les plus tard sur la page Mon signalement, avec votre reçu.';

export const UNION_HELP_TITLE = 'Votre syndicat peut vous aider';
export const UNION_HELP_LEAD = 'Le syndicat qui héberge ce service peut vous accompagner à chaque étape, y compris pour rédiger et envoyer ces courriers.';

/** The leave as the letters name it: "Mon arrêt maladie a commencé le …". */
export const KIND_NOUNS: Record<AllowanceKind, string> = {
  maladie: 'arrêt maladie',
  accident_travail: 'arrêt de travail pour accident du travail ou de trajet',
  maladie_professionnelle: 'arrêt de travail pour maladie professionnelle',
  maternite: 'congé maternité',
  paternite: 'congé paternité ou d’accueil de l’enfant',
};

/**
 * The two letters. `{blank}` is a line the person fills by hand (or, for the sender's boxes, by
 * typing in the browser). Addresses are left blank on purpose: they vary by fund.
 */
export const LETTER_TEXTS = {
  reclamation: {
    title: 'Réclamation à votre caisse',
    recipient: (fundName: string) => [fundName, 'Service des indemnités journalières'],
    subject: (kindNoun: string) => `Objet : réclamation, indemnités journalières non versées (${kindNoun})`,
    request:
      'Je vous demande de bien vouloir procéder au versement des indemnités journalières qui me sont dues, ou de m’indiquer par écrit ce qui empêche le traitement de mon dossier et les pièces qui vous manqueraient.',
    enclosure: 'Copie conservée par mes soins.',
  },
  mediateur: {
    title: 'Saisine du médiateur de votre caisse',
    recipient: (fundName: string) => [`À l’attention du médiateur (conciliateur) de la ${fundName}`],
    subject: (kindNoun: string) => `Objet : saisine du médiateur, indemnités journalières non versées (${kindNoun})`,
    request:
      'J’ai adressé une réclamation à la caisse le {blank}, qui n’a pas abouti. Je vous demande d’intervenir afin que les indemnités journalières qui me sont dues me soient versées, ou que me soit expliqué par écrit ce qui bloque mon dossier.',
    enclosure: 'Pièce jointe : copie de ma réclamation.',
  },
  started: (kindNoun: string, date: string) => `Mon ${kindNoun} a commencé le ${date}.`,
  certificateKnown: (date: string) => `Mon employeur a transmis l’attestation de salaire le ${date}.`,
  certificateUnknown:
    'Je ne connais pas la date à laquelle mon employeur vous a transmis l’attestation de salaire ; si elle vous manque, merci de me l’indiquer.',
  notPaid: (days: string) => `À ce jour, je n’ai reçu aucun paiement d’indemnités journalières, soit ${days} après le début de mon arrêt.`,
  figures: (clause: string) => `D’après les chiffres publiés par le service Délais IJ à partir des délais déclarés par les assurés, ${clause}`,
  salutation: 'Madame, Monsieur,',
  closing: 'Je vous prie d’agréer, Madame, Monsieur, l’expression de mes salutations distinguées.',
  placeAndDate: 'À {blank}, le {blank}',
  signature: 'Signature :',
  nir: 'Numéro de sécurité sociale : ',
  beforeSending: [
    'Complétez les lignes vides : vos nom et adresse, votre numéro de sécurité sociale, le lieu et la date.',
    'L’adresse postale de votre caisse (et de son médiateur) varie d’une caisse à l’autre : elle figure sur votre compte ameli, sur les courriers de la caisse et sur ameli.fr.',
    'Vous pouvez aussi envoyer ce texte par la messagerie de votre compte ameli. Gardez une copie de tout ce que vous envoyez.',
  ],
} as const;

export type LetterKind = 'reclamation' | 'mediateur';
export const LETTER_KINDS: readonly LetterKind[] = ['reclamation', 'mediateur'];
