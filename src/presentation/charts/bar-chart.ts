import { accessibleSvg, coordinate, fitText, niceScale, svgLink, svgText, ThresholdChartOptions } from './svg';

export interface Bar {
  label: string;
  /** null: no figure to draw (suppressed or not reached); `missingText` says why */
  value: number | null;
  /** replaces the chart's `missingText` for this bar */
  note?: string;
  /** makes the whole row (label, bar, value) a link */
  href?: string;
}

export interface BarChartOptions extends ThresholdChartOptions {
  /** what a bar without a value shows instead, e.g. "pas assez de signalements pour publier" */
  missingText: string;
  /** 'screen' (the default): narrow, each label above its bar; 'print': wide, labels in a column on the left */
  layout?: 'screen' | 'print';
  /** the value at the end of the axis, so that two charts side by side share one scale (default: from the bars) */
  scaleMax?: number;
}

/** Where things go in one layout. */
interface Geometry {
  width: number;
  /** x of a bar's start, the value 0 */
  plotLeft: number;
  /** room after the longest bar for its value */
  right: number;
  row: number;
  /** from a row's top to its bar's top */
  barOffset: number;
  labelsAbove: boolean;
  /** paint-order halos: pdfmake's SVG renderer ignores paint-order and would paint the halo over the text */
  halo: boolean;
  fontFamily: string;
}

export const BAR_CHART_WIDTH = 360;
const GEOMETRIES: Record<'screen' | 'print', Geometry> = {
  // Long fund names never overlap the bars, even on a phone.
  screen: { width: BAR_CHART_WIDTH, plotLeft: 4, right: 44, row: 38, barOffset: 16, labelsAbove: true, halo: true, fontFamily: 'system-ui, sans-serif' },
  // A landscape A4 page: a fund's name and code beside its bar, 28 bars a page. Helvetica is the PDF's only font.
  print: { width: 1000, plotLeft: 330, right: 50, row: 20, barOffset: 4, labelsAbove: false, halo: false, fontFamily: 'Helvetica, Arial, sans-serif' },
};
const TOP = 26;
const BAR_HEIGHT = 14;
const AXIS = 24;
const FONT = 12;
/** An average glyph is about 0.55 em wide. */
const GLYPH = FONT * 0.55;

export const BAR_COLOUR = '#0a3d6e';
/** A white outline behind a text, so that the threshold line or a grid line never runs through it. */
const HALO = ' stroke="#ffffff" stroke-width="4" stroke-linejoin="round" paint-order="stroke"';
export const THRESHOLD_COLOUR = '#a4161a';

/**
 * A horizontal bar chart, the pages' and the PDF export's: one row per item, the value after the
 * bar, and the threshold as a dashed vertical line.
 */
export function barChartSvg(bars: Bar[], options: BarChartOptions): string {
  const geometry = GEOMETRIES[options.layout ?? 'screen'];
  const { width, plotLeft, row, barOffset } = geometry;
  const halo = geometry.halo ? HALO : '';
  const format = options.formatValue ?? String;
  const values = bars.flatMap((bar) => (bar.value === null ? [] : [bar.value]));
  const { max, step } = niceScale(Math.max(options.threshold, options.scaleMax ?? 0, ...values));
  const plotWidth = width - plotLeft - geometry.right;
  const x = (value: number) => plotLeft + (value / max) * plotWidth;
  const height = TOP + bars.length * row + AXIS;
  const axisY = TOP + bars.length * row;
  const maxLabel = Math.floor((geometry.labelsAbove ? width - plotLeft : plotLeft - 10) / GLYPH);

  const grid: string[] = [];
  for (let tick = 0; tick <= max; tick += step) {
    grid.push(
      `<line x1="${coordinate(x(tick))}" y1="${TOP - 4}" x2="${coordinate(x(tick))}" y2="${axisY}" stroke="#c8c8c8" stroke-width="1"/>` +
        `<text x="${coordinate(x(tick))}" y="${axisY + 16}" font-size="${FONT}" text-anchor="${tick === 0 ? 'start' : 'middle'}" fill="#4a4a4a">${svgText(format(tick))}</text>`,
    );
  }
  // Drawn in layers: bars, then the threshold line over them, then every text with its halo on top.
  const shapes: string[] = [];
  const texts: string[] = [];
  bars.forEach((bar, index) => {
    const top = TOP + index * row;
    const baseline = top + barOffset + BAR_HEIGHT - 2;
    const label = svgText(fitText(bar.label, maxLabel));
    const rowTexts: string[] = [
      geometry.labelsAbove
        ? `<text x="${plotLeft}" y="${top + FONT}" font-size="${FONT}" fill="#1b1b1b"${halo}>${label}</text>`
        : `<text x="${plotLeft - 6}" y="${baseline}" font-size="${FONT}" text-anchor="end" fill="#1b1b1b">${label}</text>`,
    ];
    if (bar.value === null) {
      rowTexts.push(
        `<text x="${plotLeft}" y="${baseline}" font-size="${FONT}" font-style="italic" fill="#4a4a4a"${halo}>${svgText(bar.note ?? options.missingText)}</text>`,
      );
    } else {
      const end = x(bar.value);
      shapes.push(
        `<rect x="${plotLeft}" y="${top + barOffset}" width="${coordinate(Math.max(end - plotLeft, 1))}" height="${BAR_HEIGHT}" fill="${BAR_COLOUR}"/>`,
      );
      rowTexts.push(
        `<text x="${coordinate(end + 4)}" y="${baseline}" font-size="${FONT}" font-weight="700" fill="#1b1b1b"${halo}>${svgText(format(bar.value))}</text>`,
      );
    }
    // A linked row: an invisible rectangle over the whole row takes the click, so the bar counts too.
    texts.push(
      bar.href
        ? svgLink(bar.href, `<rect x="0" y="${top}" width="${width}" height="${row}" fill="#ffffff" fill-opacity="0"/>${rowTexts.join('')}`)
        : rowTexts.join(''),
    );
  });
  const thresholdX = coordinate(x(options.threshold));
  const threshold =
    `<line x1="${thresholdX}" y1="${TOP - 6}" x2="${thresholdX}" y2="${axisY}" stroke="${THRESHOLD_COLOUR}" stroke-width="2" stroke-dasharray="5 3"/>` +
    `<text x="${thresholdX}" y="${TOP - 10}" font-size="${FONT}" text-anchor="middle" fill="${THRESHOLD_COLOUR}">${svgText(options.thresholdLabel)}</text>`;
  return accessibleSvg(
    {
      id: options.id,
      title: options.title,
      description: options.description,
      width,
      height,
      fontFamily: geometry.fontFamily,
      interactive: bars.some((bar) => bar.href),
    },
    `${grid.join('')}${shapes.join('')}${threshold}${texts.join('')}`,
  );
}
