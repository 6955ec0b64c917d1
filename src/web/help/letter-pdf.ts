import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { lockedDownPdfmake } from '../../exports/pdf';
import { BLANK, Letter, SENDER_BOXES } from './letter';
import { LETTER_TEXTS } from './recourse-texts';

const BLANK_LINE = '………………………………………………';

function withBlanks(text: string): string {
  return text.split(BLANK).join(BLANK_LINE);
}

/**
 * The letter as a PDF, built on the server from the report and the figures only: the sender's
 * name, address and social security number are always blank lines here, to fill by hand.
 */
export function renderLetterPdf(letter: Letter): Promise<Buffer> {
  const sender: Content[] = SENDER_BOXES.flatMap((box) =>
    Array.from({ length: box.lines }, (_, line) => ({
      text: `${line === 0 ? `${box.label} : ` : ''}${BLANK_LINE}`,
      margin: [0, 0, 0, 4] as [number, number, number, number],
    })),
  );
  const definition: TDocumentDefinitions = {
    info: { title: letter.title, creator: 'Délais IJ' },
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 56],
    defaultStyle: { font: 'Helvetica', fontSize: 11, lineHeight: 1.25 },
    content: [
      ...sender,
      { text: [...letter.recipient, BLANK_LINE, BLANK_LINE].join('\n'), margin: [260, 16, 0, 16] },
      { text: withBlanks(letter.placeAndDate), alignment: 'right', margin: [0, 0, 0, 16] },
      { text: letter.subject, bold: true, margin: [0, 0, 0, 12] },
      { text: letter.salutation, margin: [0, 0, 0, 8] },
      ...letter.paragraphs.map((paragraph) => ({ text: withBlanks(paragraph), margin: [0, 0, 0, 8] as [number, number, number, number] })),
      { text: letter.closing, margin: [0, 0, 0, 24] },
      { text: LETTER_TEXTS.signature, alignment: 'right', margin: [0, 0, 0, 48] },
      { text: letter.enclosure, italics: true, fontSize: 9 },
      { text: 'Avant d’envoyer ce courrier', bold: true, fontSize: 13, pageBreak: 'before', margin: [0, 0, 0, 8] },
      { ul: [...letter.beforeSending] },
    ],
  };
  return lockedDownPdfmake().createPdf(definition).getBuffer();
}
