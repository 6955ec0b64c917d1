import { escapeHtml } from '../html';

// Shared pieces of the server-rendered charts. They return plain SVG strings (no DOM, no
// style attribute: the pages' CSP forbids inline styles; presentation attributes are fine), so
// the PDF export can embed the same drawings.

/** Text for an SVG element or a quoted attribute. */
export const svgText = escapeHtml;

/** What names and describes a chart for assistive technologies. */
export interface ChartText {
  /** unique on the page: prefixes the ids of the title and description */
  id: string;
  title: string;
  description: string;
}

/** A chart with a threshold line (THRESHOLD_DAYS) and values written as days. */
export interface ThresholdChartOptions extends ChartText {
  threshold: number;
  thresholdLabel: string;
  /** how a value is written, e.g. (23) => "23 j" */
  formatValue?: (value: number) => string;
}

export interface SvgFrame extends ChartText {
  width: number;
  height: number;
  /** the system's sans-serif unless a renderer needs a font it has (the PDF: Helvetica) */
  fontFamily?: string;
  /**
   * Holds links: a `group`, not an `img`, whose content assistive technologies would skip (and a
   * link inside an image is an error for them).
   */
  interactive?: boolean;
}

/** An accessible <svg> (role="img", or "group" with links, named by its <title>, described by its <desc>) around `content`. */
export function accessibleSvg(
  { id, title, description, width, height, fontFamily = 'system-ui, sans-serif', interactive = false }: SvgFrame,
  content: string,
): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="${svgText(id)}" viewBox="0 0 ${width} ${height}" role="${interactive ? 'group' : 'img'}" ` +
    `aria-labelledby="${svgText(id)}-titre ${svgText(id)}-desc" font-family="${svgText(fontFamily)}">` +
    `<title id="${svgText(id)}-titre">${svgText(title)}</title><desc id="${svgText(id)}-desc">${svgText(description)}</desc>` +
    `${content}</svg>`
  );
}

/** The smallest "round" number (1, 2 or 5 times a power of ten) at least `value`, and its tick step. */
export function niceScale(value: number, targetTicks = 4): { max: number; step: number } {
  const safe = value > 0 ? value : 1;
  const rough = safe / targetTicks;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough)!;
  return { max: Math.ceil(safe / step) * step, step };
}

/** Coordinates with one decimal at most (smaller SVG, stable output for tests). */
export function coordinate(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/**
 * A label cut at a word with "…" when it is longer than `maxCharacters`, so it never runs out of
 * the drawing (the table beside the chart has the full text).
 */
export function fitText(text: string, maxCharacters: number): string {
  if (text.length <= maxCharacters) return text;
  const cut = text.slice(0, maxCharacters - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > maxCharacters / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

/**
 * A link inside a drawing, out of the Tab order: the table beside each drawing carries the same
 * links, and a hundred map areas would bury the rest of the page under Tab presses.
 */
export function svgLink(href: string, content: string): string {
  return `<a href="${svgText(href)}" tabindex="-1">${content}</a>`;
}
