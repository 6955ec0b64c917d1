// A horizontal bar chart of median delays as a standalone SVG string: the PDF export embeds it
// (pdfmake's `svg` node), and a server-rendered page can inline it. Pure; every text is escaped.

export interface MedianBar {
  label: string;
  /** null when the bar cannot be drawn: `note` says why (suppressed, median not reached) */
  medianDays: number | null;
  note?: string;
}

export interface MedianChartOptions {
  thresholdDays: number;
  width?: number;
  /** a short description, the SVG's <title> (its text alternative) */
  title: string;
}

const ROW_HEIGHT = 12;
const BAR_HEIGHT = 8;
const LABEL_WIDTH = 210;
const TOP = 18;
const BOTTOM = 16;
const FONT = 'font-family="Helvetica, Arial, sans-serif" font-size="7"';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function truncate(label: string, length = 48): string {
  return label.length > length ? `${label.slice(0, length - 1)}…` : label;
}

export function medianChartSvg(bars: MedianBar[], options: MedianChartOptions): string {
  const width = options.width ?? 760;
  const height = TOP + bars.length * ROW_HEIGHT + BOTTOM;
  const plotWidth = width - LABEL_WIDTH - 40;
  const largest = Math.max(options.thresholdDays, ...bars.map((bar) => bar.medianDays ?? 0));
  const scale = plotWidth / (Math.ceil((largest * 1.1) / 10) * 10);
  const x = (days: number) => LABEL_WIDTH + days * scale;
  const rows = bars.map((bar, index) => {
    const y = TOP + index * ROW_HEIGHT;
    const label = `<text x="${LABEL_WIDTH - 4}" y="${y + BAR_HEIGHT}" text-anchor="end" ${FONT}>${escapeXml(truncate(bar.label))}</text>`;
    if (bar.medianDays === null) {
      return `${label}<text x="${LABEL_WIDTH + 2}" y="${y + BAR_HEIGHT}" ${FONT} fill="#555555">${escapeXml(bar.note ?? '')}</text>`;
    }
    const length = Math.max(1, bar.medianDays * scale);
    return `${label}<rect x="${LABEL_WIDTH}" y="${y + 1}" width="${length.toFixed(1)}" height="${BAR_HEIGHT}" fill="${bar.medianDays > options.thresholdDays ? '#b03a2e' : '#1f4e79'}"/>` +
      `<text x="${(LABEL_WIDTH + length + 3).toFixed(1)}" y="${y + BAR_HEIGHT}" ${FONT}>${bar.medianDays} j</text>`;
  });
  const threshold = x(options.thresholdDays).toFixed(1);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">` +
    `<title>${escapeXml(options.title)}</title>` +
    rows.join('') +
    `<line x1="${threshold}" y1="${TOP - 6}" x2="${threshold}" y2="${height - BOTTOM + 2}" stroke="#000000" stroke-width="1" stroke-dasharray="3 2"/>` +
    `<text x="${threshold}" y="${TOP - 8}" text-anchor="middle" ${FONT}>seuil : ${options.thresholdDays} jours</text>` +
    `<text x="${LABEL_WIDTH}" y="${height - 4}" ${FONT} fill="#555555">Délai médian de premier paiement, en jours (délais déclarés)</text>` +
    '</svg>';
}
