import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { lockedDownPdfmake } from '../../exports/pdf';
import { organisationName, OrganisationIdentity, sourceLine } from '../../organisation/organisation-identity';
import { qrCodeSvg } from './qr-code';

// The printed material a union hands out at workplaces: an A4 poster and an A5 leaflet (half an
// A4 sheet), each with the union's name, why to report, and a QR code to the form.

export type CampaignMaterial = 'poster' | 'leaflet';

export interface CampaignInput {
  identity: OrganisationIdentity;
  /** The absolute address of the form, `https://…/signaler`: what the QR code holds. */
  formUrl: string;
  /** The absolute address of /confidentialite, printed for those who read before they scan. */
  privacyUrl: string;
}

/** Why report, in three lines (the same on both). */
export function reasonsToReport(identity: OrganisationIdentity): string[] {
  return [
    'Aucun chiffre officiel sur ces délais n’est publié depuis 2022 : vos signalements montrent les délais réels de chaque caisse.',
    'C’est anonyme : ni nom, ni numéro de sécurité sociale, ni adresse. Un reçu vous permet de compléter ou d’effacer votre signalement.',
    `Avec ces chiffres, ${organisationName(identity)} peut intervenir auprès des caisses pour celles et ceux qui attendent.`,
  ];
}

/** "Contact : ij@… · 03 20 … (du lundi au vendredi…)", or nothing before the union sets them. */
function contactLine(identity: OrganisationIdentity): string[] {
  const phone = identity.phone ? `${identity.phone}${identity.hours ? ` (${identity.hours})` : ''}` : undefined;
  const parts = [identity.email, phone].filter((part) => part !== undefined);
  return parts.length > 0 ? [`Contact : ${parts.join(' · ')}`] : [];
}

interface Layout {
  pageSize: 'A4' | 'A5';
  margin: number;
  title: number;
  text: number;
  qrWidth: number;
}

const LAYOUTS: Record<CampaignMaterial, Layout> = {
  poster: { pageSize: 'A4', margin: 48, title: 34, text: 15, qrWidth: 260 },
  leaflet: { pageSize: 'A5', margin: 30, title: 22, text: 10.5, qrWidth: 175 },
};

function content(input: CampaignInput, qrSvg: string, layout: Layout): Content[] {
  return [
    { text: organisationName(input.identity), bold: true, fontSize: layout.text + 1, color: '#0a3d6e' },
    { text: 'Votre première indemnité journalière se fait attendre ?', bold: true, fontSize: layout.title, margin: [0, layout.text, 0, layout.text / 2] },
    { text: 'Signalez le délai de votre caisse d’assurance maladie, anonymement.', fontSize: layout.text + 2, margin: [0, 0, 0, layout.text] },
    { ul: reasonsToReport(input.identity), fontSize: layout.text, margin: [0, 0, 0, layout.text] },
    { svg: qrSvg, width: layout.qrWidth, alignment: 'center' },
    { text: 'Scannez ce code, ou tapez l’adresse :', alignment: 'center', fontSize: layout.text, margin: [0, layout.text / 2, 0, 0] },
    { text: input.formUrl, alignment: 'center', bold: true, fontSize: layout.text + 2 },
    {
      text: `Ce que le service garde, et comment l’effacer : ${input.privacyUrl}`,
      alignment: 'center',
      fontSize: layout.text - 2,
      margin: [0, layout.text / 2, 0, 0],
    },
  ];
}

/** The poster (A4) or the leaflet (A5), as a PDF. */
export async function renderCampaignMaterial(material: CampaignMaterial, input: CampaignInput): Promise<Buffer> {
  const layout = LAYOUTS[material];
  const qrSvg = qrCodeSvg(input.formUrl);
  const definition: TDocumentDefinitions = {
    info: { title: material === 'poster' ? 'Affiche – Délais IJ' : 'Tract – Délais IJ', creator: 'Délais IJ' },
    pageSize: layout.pageSize,
    pageOrientation: 'portrait',
    pageMargins: [layout.margin, layout.margin, layout.margin, layout.margin + 20],
    defaultStyle: { font: 'Helvetica', fontSize: layout.text, lineHeight: 1.2 },
    content: content(input, qrSvg, layout),
    footer: () => ({
      stack: [...contactLine(input.identity), sourceLine(input.identity)],
      alignment: 'center',
      fontSize: layout.text - 2.5,
      margin: [layout.margin, 0, layout.margin, 0],
    }),
  };
  return lockedDownPdfmake().createPdf(definition).getBuffer();
}
