import { renderAsync } from '@resvg/resvg-js';
import type { Caisse } from '../../caisses/caisse.entity';
import { svgText } from '../../presentation/charts/svg';
import { NOT_PUBLISHED } from '../../presentation/french-labels';
import { days, percent, snapshotTime, wholeNumber } from '../../presentation/french-format';
import type { FundFigures } from './fund-page.service';
import { rankSentence } from './fund-rank';
import type { SelectionFilters } from './selection-filters';
import { selectionWords } from './selection-parts';

export const CARD_CONTENT_TYPE = 'image/png';
/** The size messaging apps and social networks expect for a large preview (og:image). */
export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

// Fonts any Debian with chromium has; resvg falls back to the system's first font otherwise.
const FONT = 'DejaVu Sans, Liberation Sans, Arial, sans-serif';

/** The card's drawing: the fund's median beside its region's and France's, the share unpaid, the rank. */
export function fundCardSvg(fund: Caisse, filters: SelectionFilters, data: FundFigures): string {
  const [own, region, france] = data.columns;
  const median = (figures: (typeof data.columns)[number]['figures']) => (figures.suppressed ? NOT_PUBLISHED : days(figures.medianDays));
  const unpaid = own.figures.suppressed ? null : percent(own.figures.shareOverThreshold);
  const text = (x: number, y: number, size: number, content: string, extra = '') =>
    `<text x="${x}" y="${y}" font-size="${size}"${extra}>${svgText(content)}</text>`;
  const lines = [
    `<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="#ffffff"/>`,
    `<rect width="${CARD_WIDTH}" height="150" fill="#0a3d6e"/>`,
    text(60, 62, 30, 'Délais IJ · délais de paiement déclarés', ' fill="#dde6f0"'),
    text(60, 118, fund.name.length > 40 ? 36 : 46, fund.name, ' fill="#ffffff" font-weight="700"'),
    text(60, 215, 28, `Délai médian (${selectionWords(filters)})`, ' fill="#4a4a4a"'),
    text(60, 300, own.figures.suppressed ? 40 : 84, median(own.figures), ' fill="#1b1b1b" font-weight="700"'),
    text(60, 370, 30, `${region.label} : ${median(region.figures)}`, ' fill="#1b1b1b"'),
    text(60, 415, 30, `France entière : ${median(france.figures)}`, ' fill="#1b1b1b"'),
    ...(unpaid ? [text(60, 475, 28, `Toujours pas payées après ${data.thresholdDays} jours : ${unpaid}`, ' fill="#a4161a"')] : []),
    ...(data.rank ? [text(60, 525, 24, rankSentence(data.rank), ' fill="#1b1b1b"')] : []),
    `<rect y="565" width="${CARD_WIDTH}" height="65" fill="#eef4fa"/>`,
    text(
      60,
      606,
      22,
      `Délais déclarés par les assurés${own.figures.suppressed ? '' : ` · ${wholeNumber(own.figures.reports)} signalements`} · chiffres du ${snapshotTime(data.snapshotAt)}`,
      ' fill="#4a4a4a"',
    ),
  ];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}" font-family="${FONT}">${lines.join('')}</svg>`;
}

/** The card as a PNG, rendered off the event loop by resvg (its binary ships inside its npm package). */
export async function renderFundCard(fund: Caisse, filters: SelectionFilters, data: FundFigures): Promise<Buffer> {
  const image = await renderAsync(fundCardSvg(fund, filters, data), {
    fitTo: { mode: 'original' },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return image.asPng();
}
