import { accessibleSvg, coordinate, fitText, niceScale, svgText, ThresholdChartOptions } from './svg';

export interface TrendSeries {
  label: string;
  /** one value per period of the chart, in order; null leaves a gap (suppressed or no figure) */
  values: (number | null)[];
  colour: string;
  /** the national line is dashed with square marks, the fund's solid with round ones: not colour alone */
  dashed?: boolean;
}

export interface TrendChartOptions extends ThresholdChartOptions {
  /** the x axis, e.g. ["2025-01", "2025-02", …] */
  periods: string[];
  formatPeriod?: (period: string) => string;
  /** the PDF sheet's renderer knows only Helvetica (see bar-chart.ts, print layout) */
  fontFamily?: string;
  /** dated events drawn as vertical lines, each numbered as in the list under the chart */
  events?: TrendEventMark[];
}

/** An event on the chart: its place on the x axis as a fractional period index, its number and its title. */
export interface TrendEventMark {
  /** 0 is the first period's point, periods.length - 1 the last; a date inside a period falls between */
  position: number;
  /** the short label drawn at the top of the line ("1", "2", …), keyed to the list under the chart */
  marker: string;
  /** read by assistive technology and shown on hover */
  title: string;
}

export const TREND_CHART_WIDTH = 360;
const LEFT = 34;
const RIGHT = 12;
const TOP = 30;
const PLOT_HEIGHT = 170;
const BOTTOM = 26;
const FONT = 12;
const MAX_X_LABELS = 5;
const LEGEND_TEXT_X = LEFT + 36;
const MAX_LEGEND_LABEL = Math.floor((TREND_CHART_WIDTH - LEGEND_TEXT_X) / (FONT * 0.55));

/** The runs of consecutive non-null values, as [index, value] lists: a line never bridges a gap. */
export function segments(values: (number | null)[]): [number, number][][] {
  const runs: [number, number][][] = [];
  let current: [number, number][] = [];
  values.forEach((value, index) => {
    if (value === null) {
      if (current.length) runs.push(current);
      current = [];
    } else {
      current.push([index, value]);
    }
  });
  if (current.length) runs.push(current);
  return runs;
}

/** A line chart of one or two series over periods, with a legend drawn in the chart (labels, not colour alone). */
export function trendChartSvg(series: TrendSeries[], options: TrendChartOptions): string {
  const format = options.formatValue ?? String;
  const formatPeriod = options.formatPeriod ?? String;
  const values = series.flatMap((line) => line.values.filter((value): value is number => value !== null));
  const { max, step } = niceScale(Math.max(options.threshold, ...values));
  const plotWidth = TREND_CHART_WIDTH - LEFT - RIGHT;
  const count = options.periods.length;
  const x = (index: number) => LEFT + (count <= 1 ? plotWidth / 2 : (index / (count - 1)) * plotWidth);
  const y = (value: number) => TOP + PLOT_HEIGHT - (value / max) * PLOT_HEIGHT;
  const legendHeight = series.length * 18;
  const height = TOP + PLOT_HEIGHT + BOTTOM + legendHeight;

  const parts: string[] = [];
  for (let tick = 0; tick <= max; tick += step) {
    parts.push(
      `<line x1="${LEFT}" y1="${coordinate(y(tick))}" x2="${TREND_CHART_WIDTH - RIGHT}" y2="${coordinate(y(tick))}" stroke="#c8c8c8" stroke-width="1"/>` +
        `<text x="${LEFT - 4}" y="${coordinate(y(tick) + 4)}" font-size="${FONT}" text-anchor="end" fill="#4a4a4a">${svgText(format(tick))}</text>`,
    );
  }
  // At most MAX_X_LABELS period labels, evenly spread, so they never overlap.
  const labelEvery = Math.max(1, Math.ceil(count / MAX_X_LABELS));
  options.periods.forEach((period, index) => {
    if (index % labelEvery !== 0) return;
    parts.push(
      `<text x="${coordinate(x(index))}" y="${TOP + PLOT_HEIGHT + 16}" font-size="${FONT}" text-anchor="middle" fill="#4a4a4a">${svgText(formatPeriod(period))}</text>`,
    );
  });
  const thresholdY = coordinate(y(options.threshold));
  parts.push(
    `<line x1="${LEFT}" y1="${thresholdY}" x2="${TREND_CHART_WIDTH - RIGHT}" y2="${thresholdY}" stroke="#a4161a" stroke-width="1.5" stroke-dasharray="2 3"/>` +
      `<text x="${TREND_CHART_WIDTH - RIGHT}" y="${coordinate(y(options.threshold) - 4)}" font-size="${FONT}" text-anchor="end" fill="#a4161a">${svgText(options.thresholdLabel)}</text>`,
  );
  for (const event of options.events ?? []) parts.push(eventMark(x(event.position), event));
  series.forEach((line) => {
    const dash = line.dashed ? ' stroke-dasharray="6 4"' : '';
    for (const run of segments(line.values)) {
      const points = run.map(([index, value]) => `${coordinate(x(index))},${coordinate(y(value))}`).join(' ');
      if (run.length > 1) parts.push(`<polyline points="${points}" fill="none" stroke="${line.colour}" stroke-width="2.5"${dash}/>`);
      for (const [index, value] of run) parts.push(marker(x(index), y(value), line));
    }
  });
  series.forEach((line, order) => {
    const legendY = TOP + PLOT_HEIGHT + BOTTOM + order * 18 + 10;
    const dash = line.dashed ? ' stroke-dasharray="6 4"' : '';
    parts.push(
      `<line x1="${LEFT}" y1="${legendY}" x2="${LEFT + 28}" y2="${legendY}" stroke="${line.colour}" stroke-width="2.5"${dash}/>` +
        marker(LEFT + 14, legendY, line) +
        `<text x="${LEGEND_TEXT_X}" y="${legendY + 4}" font-size="${FONT}" fill="#1b1b1b">${svgText(fitText(line.label, MAX_LEGEND_LABEL))}</text>`,
    );
  });
  parts.unshift(`<text x="${LEFT - 30}" y="${TOP - 12}" font-size="${FONT}" fill="#4a4a4a">jours</text>`);
  return accessibleSvg(
    { id: options.id, title: options.title, description: options.description, width: TREND_CHART_WIDTH, height, fontFamily: options.fontFamily },
    parts.join(''),
  );
}

const EVENT_COLOUR = '#4a4a4a';

// A dotted grey line, thinner than the series, with its number above the plot: it never hides a point.
function eventMark(cx: number, event: TrendEventMark): string {
  const at = coordinate(cx);
  return (
    `<g class="event-mark"><title>${svgText(event.title)}</title>` +
    `<line x1="${at}" y1="${TOP}" x2="${at}" y2="${TOP + PLOT_HEIGHT}" stroke="${EVENT_COLOUR}" stroke-width="1" stroke-dasharray="1 2"/>` +
    `<text x="${at}" y="${TOP - 2}" font-size="${FONT - 2}" text-anchor="middle" fill="${EVENT_COLOUR}">${svgText(event.marker)}</text></g>`
  );
}

function marker(cx: number, cy: number, line: TrendSeries): string {
  return line.dashed
    ? `<rect x="${coordinate(cx - 3.5)}" y="${coordinate(cy - 3.5)}" width="7" height="7" fill="${line.colour}"/>`
    : `<circle cx="${coordinate(cx)}" cy="${coordinate(cy)}" r="3.5" fill="${line.colour}"/>`;
}
