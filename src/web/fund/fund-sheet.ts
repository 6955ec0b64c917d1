import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Caisse } from '../../caisses/caisse.entity';
import { lockedDownPdfmake } from '../../exports/pdf';
import { NOT_PUBLISHED } from '../../presentation/french-labels';
import { periodLabel, snapshotTime } from '../../presentation/french-format';
import type { FundFigures } from './fund-page.service';
import { rankSentence } from './fund-rank';
import { GRANULARITY_SENTENCES, RECENT_PERIODS, unpublishedPeriods } from './fund-trend';
import { fundTrendSvg } from './fund.page';
import { comparisonLines } from './headline-comparison';
import type { SelectionFilters } from './selection-filters';
import { selectionWords } from './selection-parts';

export const SHEET_CONTENT_TYPE = 'application/pdf';

export interface FundSheetInput {
  fund: Caisse;
  filters: SelectionFilters;
  data: FundFigures;
  /** the absolute address of the fund page with the same selection */
  pageUrl: string;
  /** "Source : <organisation>", once the union's identity exists (issue 11); absent, the line is left out */
  source?: string;
}

// Helvetica's encoding (WinAnsi) has no narrow no-break space, which French numbers use ("1 234").
const winAnsi = (text: string) => text.replace(/\u202f/g, '\u00a0');

/** The method and its limits in five lines. */
function methodLines(data: FundFigures): string[] {
  return [
    'Délais déclarés par les assurés sur ce service, non vérifiés auprès des caisses : ce n’est pas un échantillon représentatif.',
    'Délai entre le début de l’arrêt et le premier versement ; une personne encore en attente compte jusqu’au dernier jour connu (Kaplan–Meier).',
    `Les chiffres sont publiés avec un léger bruit aléatoire, par tranches de délais ; rien n’est publié sous ${data.minGroupSize} signalements.`,
    `La part non payée après ${data.thresholdDays} jours est donnée avec son intervalle de confiance à 95 % (IC).`,
    `Évolution par mois si plus de la moitié des ${RECENT_PERIODS.month} derniers mois sont publiés, sinon par trimestre (${RECENT_PERIODS.quarter} derniers), sinon par année.`,
  ];
}

/** The one-page A4 sheet of a fund: headline figures against region and France, rank, trend, method, snapshot date, address. */
export function renderFundSheet({ fund, filters, data, pageUrl, source }: FundSheetInput): Promise<Buffer> {
  const lines = comparisonLines(data.columns, data.thresholdDays);
  const gaps = unpublishedPeriods(data.trend);
  const trend: Content[] =
    data.trend.periods.length === 0
      ? [{ text: 'Pas encore d’évolution publiée pour la France entière sur cette sélection.' }]
      : [
          { text: `${GRANULARITY_SENTENCES[data.trend.granularity]}${data.trendRange === 'all' ? '' : ` Période : ${periodLabel(data.trendRange)}.`}` },
          {
            svg: fundTrendSvg(fund.name, data.trend, data.thresholdDays, { id: 'evolution', fontFamily: 'Helvetica' }),
            width: 330,
            alignment: 'center',
            margin: [0, 4, 0, 4],
          },
          {
            text:
              gaps.length === 0
                ? 'Chaque période a un chiffre publié pour la caisse.'
                : `Sans chiffre publié pour la caisse (${NOT_PUBLISHED}) : ${gaps.map(periodLabel).join(', ')}.`,
            fontSize: 8,
          },
        ];
  const definition: TDocumentDefinitions = {
    // The snapshot's time, not now: the same figures give the same bytes.
    info: { title: `Délais de paiement : ${fund.name}`, creator: 'Délais IJ', creationDate: new Date(data.snapshotAt) },
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [40, 36, 40, 36],
    defaultStyle: { font: 'Helvetica', fontSize: 9 },
    styles: { title: { fontSize: 15, bold: true }, heading: { fontSize: 11, bold: true, margin: [0, 8, 0, 3] }, header: { bold: true, fillColor: '#dde6f0' } },
    content: [
      { text: `Délais de paiement des indemnités journalières : ${fund.name}`, style: 'title' },
      {
        text: `Caisse de la région ${fund.region} (département${fund.departements.length > 1 ? 's' : ''} ${fund.departements.join(', ')}) · ${selectionWords(filters)}`,
        margin: [0, 4, 0, 0],
      },
      { text: `Chiffres du ${snapshotTime(data.snapshotAt)} (heure de Paris).`, margin: [0, 0, 0, 4] },
      { text: 'Chiffres clés', style: 'heading' },
      {
        table: {
          headerRows: 1,
          widths: ['*', 95, 95, 95],
          body: [
            [{ text: 'Chiffre', style: 'header' }, ...data.columns.map((column) => ({ text: column.label, style: 'header' }))],
            ...lines.map((line) => [
              line.label,
              ...line.cells.map((cell) => ({ text: winAnsi(cell), alignment: 'right' as const, italics: cell === NOT_PUBLISHED })),
            ]),
          ],
        },
        layout: 'lightHorizontalLines',
      },
      { text: data.rank ? `${rankSentence(data.rank)}.` : `Pas de rang parmi les caisses : ${NOT_PUBLISHED}.`, bold: true, margin: [0, 6, 0, 0] },
      { text: 'Évolution du délai médian, caisse et France entière', style: 'heading' },
      ...trend,
      { text: 'Méthode et limites', style: 'heading' },
      { ul: methodLines(data), fontSize: 8 },
      { text: `Page en ligne, mise à jour à chaque publication : ${pageUrl}`, margin: [0, 8, 0, 0], fontSize: 8 },
      ...(source ? [{ text: `Source : ${source}`, fontSize: 8 }] : []),
    ],
  };
  return lockedDownPdfmake().createPdf(definition).getBuffer();
}
