import { days, frenchDate } from '../../presentation/french-format';
import type { FundFigures } from './fund-figures.service';
import { KIND_NOUNS, LETTER_TEXTS, LetterKind } from './recourse-texts';
import type { Situation } from './situation';
import { figuresClause } from './standing';

/** Where a blank line goes in a paragraph. */
export const BLANK = '{blank}';

/** The sender's lines: filled by hand, or by the browser from boxes that never leave it. */
export const SENDER_BOXES = [
  { id: 'nom', label: 'Nom et prénom', autocomplete: 'name', lines: 1 },
  { id: 'adresse', label: 'Adresse postale', autocomplete: 'street-address', lines: 2 },
  { id: 'nir', label: 'Numéro de sécurité sociale', autocomplete: 'off', lines: 1 },
] as const;

/** A letter, as both the printable page and the PDF lay it out. */
export interface Letter {
  kind: LetterKind;
  title: string;
  recipient: string[];
  placeAndDate: string;
  subject: string;
  salutation: string;
  paragraphs: string[];
  closing: string;
  enclosure: string;
  beforeSending: readonly string[];
}

/** Built from what the report holds and the published figures; never from anything typed. */
export function composeLetter(kind: LetterKind, situation: Situation & { leaveStartedOn: string }, figures: FundFigures | null): Letter {
  const texts = LETTER_TEXTS[kind];
  const kindNoun = KIND_NOUNS[situation.kind];
  const paragraphs = [
    LETTER_TEXTS.started(kindNoun, frenchDate(situation.leaveStartedOn)),
    situation.certificateSentOn ? LETTER_TEXTS.certificateKnown(frenchDate(situation.certificateSentOn)) : LETTER_TEXTS.certificateUnknown,
    LETTER_TEXTS.notPaid(days(situation.days)),
    ...(figures ? [LETTER_TEXTS.figures(figuresClause(figures))] : []),
    texts.request,
  ];
  return {
    kind,
    title: texts.title,
    recipient: texts.recipient(situation.fundName),
    placeAndDate: LETTER_TEXTS.placeAndDate,
    subject: texts.subject(kindNoun),
    salutation: LETTER_TEXTS.salutation,
    paragraphs,
    closing: LETTER_TEXTS.closing,
    enclosure: texts.enclosure,
    beforeSending: LETTER_TEXTS.beforeSending,
  };
}
