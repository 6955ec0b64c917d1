import { FormBody, formList, formText } from '../shared/form-parser';
import type { FrenchMessages } from '../shared/form-errors';

/** What the person typed on /signaler, kept as typed so an error never empties the form. */
export interface ReportFormValues {
  caisseCode: string;
  allowanceKind: string;
  leaveStartedOn: string;
  certificateSentOn: string;
  paymentStatus: 'waiting' | 'paid';
  firstPaidOn: string;
  subrogation: boolean;
  consequences: string[];
  consent: boolean;
}

export const EMPTY_REPORT_FORM: ReportFormValues = {
  caisseCode: '',
  allowanceKind: '',
  leaveStartedOn: '',
  certificateSentOn: '',
  paymentStatus: 'waiting',
  firstPaidOn: '',
  subrogation: false,
  consequences: [],
  consent: false,
};

export function readReportForm(form: FormBody): ReportFormValues {
  return {
    caisseCode: formText(form, 'caisseCode'),
    allowanceKind: formText(form, 'allowanceKind'),
    leaveStartedOn: formText(form, 'leaveStartedOn'),
    certificateSentOn: formText(form, 'certificateSentOn'),
    paymentStatus: formText(form, 'paymentStatus') === 'paid' ? 'paid' : 'waiting',
    firstPaidOn: formText(form, 'firstPaidOn'),
    subrogation: formText(form, 'subrogation') === 'oui',
    consequences: formList(form, 'consequences'),
    consent: formText(form, 'consent') === 'oui',
  };
}

/** The body POST /api/reports would receive: empty fields are absent, "pas encore payé" drops the date. */
export function toCreateReportBody(values: ReportFormValues): Record<string, unknown> {
  const optional = (value: string) => (value === '' ? undefined : value);
  return {
    caisseCode: optional(values.caisseCode),
    allowanceKind: optional(values.allowanceKind),
    leaveStartedOn: optional(values.leaveStartedOn),
    certificateSentOn: optional(values.certificateSentOn),
    firstPaidOn: values.paymentStatus === 'paid' ? optional(values.firstPaidOn) : undefined,
    subrogation: values.subrogation,
    consequences: values.consequences,
    consent: values.consent ? true : undefined,
  };
}

const DATE_MISSING_OR_WRONG = 'isCalendarDate';

export const REPORT_FORM_MESSAGES: FrenchMessages = {
  caisseCode: { '*': 'Choisissez votre caisse dans la liste.', service: 'Choisissez votre caisse dans la liste.' },
  allowanceKind: { '*': 'Choisissez le type d’arrêt.' },
  leaveStartedOn: {
    [DATE_MISSING_OR_WRONG]: 'Indiquez le premier jour de l’arrêt (jour, mois, année).',
    isNotInFuture: 'Le début de l’arrêt ne peut pas être une date future.',
    isNotBefore: 'Le service recueille les arrêts commencés depuis le 1er janvier 2015.',
  },
  certificateSentOn: {
    [DATE_MISSING_OR_WRONG]: 'Cette date n’existe pas : vérifiez le jour, le mois et l’année.',
    isNotInFuture: 'Cette date ne peut pas être dans le futur.',
    isNotBefore: 'L’attestation ne peut pas être antérieure au début de l’arrêt.',
    '*': 'Vérifiez cette date.',
  },
  firstPaidOn: {
    [DATE_MISSING_OR_WRONG]: 'Indiquez la date du paiement, ou choisissez « Pas encore payé ».',
    isNotInFuture: 'La date du paiement ne peut pas être dans le futur.',
    isNotBefore: 'Le paiement ne peut pas être antérieur au début de l’arrêt.',
    service: 'Le paiement ne peut pas être antérieur au début de l’arrêt.',
    dateWhileWaiting: 'Vous avez indiqué une date de paiement : choisissez « Payé le », ou effacez la date si vous attendez encore.',
    '*': 'Vérifiez la date du paiement.',
  },
  subrogation: { '*': 'Cochez la case ou laissez-la vide.' },
  consequences: {
    noneAlone: '« Aucune conséquence » ne peut pas être cochée avec une autre réponse.',
    '*': 'Cochez seulement des réponses de la liste.',
  },
  consent: { '*': 'Cochez cette case pour que votre signalement soit enregistré.' },
  altcha: { '*': 'La vérification anti-robot n’a pas abouti ou a expiré. Elle vient d’être relancée : renvoyez le formulaire.' },
};

/** Where each field's error links to: its input, or the first choice of a group. */
export const REPORT_FIELD_ANCHORS: Record<string, string> = {
  caisseCode: 'caisseCode',
  allowanceKind: 'allowanceKind-maladie',
  leaveStartedOn: 'leaveStartedOn',
  certificateSentOn: 'certificateSentOn',
  firstPaidOn: 'firstPaidOn',
  subrogation: 'subrogation',
  consequences: 'consequences-overdraft',
  consent: 'consent',
  altcha: 'verification',
};
