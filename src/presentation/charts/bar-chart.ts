import { accessibleSvg, coordinate, fitText, niceScale, svgText, ThresholdChartOptions } from './svg';

export interface Bar {
  label: string;
  /** null: no figure to draw (suppressed or not reached); `missingText` says why */
  value: number | null;
  /** replaces the chart's `missingText` for this bar */
  note?: string;
}

export interface BarChartOptions extends ThresholdChartOptions {
  /** what a bar without a value shows instead, e.g. "moins de 11 signalements" */
  missingText: string;
}

export const BAR_CHART_WIDTH = 360;
const LEFT = 4;
const RIGHT = 44;
const TOP = 26;
const ROW = 38;
const BAR_HEIGHT = 14;
const AXIS = 24;
const FONT = 12;
/** What fits on one line of the chart at FONT (an average glyph is about 0.55 em wide). */
const MAX_LABEL = Math.floor((BAR_CHART_WIDTH - LEFT) / (FONT * 0.55));

export const BAR_COLOUR = '#0a3d6e';
/** A white outline behind a text, so that the threshold line or a grid line never runs through it. */
const HALO = ' stroke="#ffffff" stroke-width="4" stroke-linejoin="round" paint-order="stroke"';
export const THRESHOLD_COLOUR = '#a4161a';

/**
 * A horizontal bar chart: one row per item, its label above the bar (long fund names never overlap
 * the bars, even on a phone), the value after the bar, and the threshold as a dashed vertical line.
 */
export function barChartSvg(bars: Bar[], options: BarChartOptions): string {
  const format = options.formatValue ?? String;
  const values = bars.flatMap((bar) => (bar.value === null ? [] : [bar.value]));
  const { max, step } = niceScale(Math.max(options.threshold, ...values));
  const plotWidth = BAR_CHART_WIDTH - LEFT - RIGHT;
  const x = (value: number) => LEFT + (value / max) * plotWidth;
  const height = TOP + bars.length * ROW + AXIS;
  const axisY = TOP + bars.length * ROW;

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
    const top = TOP + index * ROW;
    texts.push(`<text x="${LEFT}" y="${top + FONT}" font-size="${FONT}" fill="#1b1b1b"${HALO}>${svgText(fitText(bar.label, MAX_LABEL))}</text>`);
    if (bar.value === null) {
      texts.push(`<text x="${LEFT}" y="${top + 16 + BAR_HEIGHT - 2}" font-size="${FONT}" font-style="italic" fill="#4a4a4a"${HALO}>${svgText(bar.note ?? options.missingText)}</text>`);
      return;
    }
    const end = x(bar.value);
    shapes.push(`<rect x="${LEFT}" y="${top + 16}" width="${coordinate(Math.max(end - LEFT, 1))}" height="${BAR_HEIGHT}" fill="${BAR_COLOUR}"/>`);
    texts.push(`<text x="${coordinate(end + 4)}" y="${top + 16 + BAR_HEIGHT - 2}" font-size="${FONT}" font-weight="700" fill="#1b1b1b"${HALO}>${svgText(format(bar.value))}</text>`);
  });
  const thresholdX = coordinate(x(options.threshold));
  const threshold =
    `<line x1="${thresholdX}" y1="${TOP - 6}" x2="${thresholdX}" y2="${axisY}" stroke="${THRESHOLD_COLOUR}" stroke-width="2" stroke-dasharray="5 3"/>` +
    `<text x="${thresholdX}" y="${TOP - 10}" font-size="${FONT}" text-anchor="middle" fill="${THRESHOLD_COLOUR}">${svgText(options.thresholdLabel)}</text>`;
  return accessibleSvg(
    { id: options.id, title: options.title, description: options.description, width: BAR_CHART_WIDTH, height },
    `${grid.join('')}${shapes.join('')}${threshold}${texts.join('')}`,
  );
}
