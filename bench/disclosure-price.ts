// The price of the noisy releases (docs/privacy.md, "Disclosure control"): how far each published
// median, 90th percentile and share over the threshold lies from the exact figure, computed from
// the same reports without bins or noise, for every cell of the newest snapshot.
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { validateEnvironment } from '../src/config/env';
import { DelayBins } from '../src/stats/delay-bins';
import { kaplanMeier } from '../src/stats/kaplan-meier';
import { releasedHistogram } from '../src/stats/noisy-release';
import { buildCube } from '../src/stats/stats-cube-builder';
import { CellCoordinates, CubeIndex, Geography, parseCellKey } from '../src/stats/stats-cube';
import { StatsRepository } from '../src/stats/stats.repository';

/** One bin per day, 0 to 366 (366: longer than a year, as the published bins count it). */
function dayBins(): DelayBins {
  const times = Int32Array.from({ length: 367 }, (_, day) => day);
  // Uint16: the published bins fit a byte, 367 days do not.
  return { times, binOfDuration: Uint16Array.from(times) };
}

interface ExactFigures {
  reports: number;
  medianDays: number | null;
  p90Days: number | null;
  shareOverThreshold: number | null;
}

interface PublishedCell {
  cell: string;
  suppressed: boolean;
  reports: number | null;
  medianDays: number | null;
  p90Days: number | null;
  shareOverThreshold: number | null;
}

/** The selections a union reads most, and every cell together. */
const SELECTIONS: [name: string, keep: (cell: CellCoordinates) => boolean][] = [
  ['fund, all kinds, quarter', (cell) => cell.geoLevel === 'caisse' && cell.kind === 'all' && cell.periodLevel === 'quarter'],
  ['fund, all kinds, year', (cell) => cell.geoLevel === 'caisse' && cell.kind === 'all' && cell.periodLevel === 'year'],
  ['fund, one kind, all time', (cell) => cell.geoLevel === 'caisse' && cell.kind !== 'all' && cell.periodLevel === 'all'],
  ['région, all kinds, month', (cell) => cell.geoLevel === 'region' && cell.kind === 'all' && cell.periodLevel === 'month'],
  ['France, all kinds, month', (cell) => cell.geoLevel === 'national' && cell.kind === 'all' && cell.periodLevel === 'month'],
  ['every cell', () => true],
];
const SIZE_CLASSES: [label: string, from: number, to: number][] = [
  ['11–29', 11, 29],
  ['30–99', 30, 99],
  ['100–999', 100, 999],
  ['1000+', 1000, Infinity],
];

const quantile = (values: number[], q: number): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const round = (value: number | null, digits: number) => (value === null ? null : Number(value.toFixed(digits)));

export interface PriceRow {
  selection: string;
  exactReports: string;
  cells: number;
  publishedShare: number | null;
  medianErrorDaysP50: number | null;
  medianErrorDaysP90: number | null;
  p90ErrorDaysP50: number | null;
  p90ErrorDaysP90: number | null;
  shareErrorP50: number | null;
  shareErrorP90: number | null;
}

/** Exact figures of every non-empty cell, from the reports at one-day resolution. */
async function exactFigures(dataSource: DataSource, thresholdDays: number): Promise<{ cube: CubeIndex; exact: Map<number, ExactFigures> }> {
  const repository = new StatsRepository(dataSource);
  const runner = dataSource.createQueryRunner();
  try {
    // Every report is read, as by a refresh: past the pool's statement timeout at a million.
    await runner.query(`SET statement_timeout = '10min'`);
    const cube = new CubeIndex(new Geography(await repository.loadGeography(runner)), new Date().getFullYear());
    const bins = dayBins();
    const base = await repository.loadBaseCells(runner, bins);
    const exact = new Map<number, ExactFigures>();
    for (const { index, aggregate } of buildCube(base, cube)) {
      const histogram = releasedHistogram(aggregate.main, bins.times);
      const km = kaplanMeier(histogram, thresholdDays);
      const reports = aggregate.main.reduce((sum, count) => sum + count, 0);
      exact.set(index, { reports, medianDays: km.medianDays, p90Days: km.p90Days, shareOverThreshold: km.survivalAtThreshold });
    }
    return { cube, exact };
  } finally {
    await runner.release();
  }
}

async function publishedCells(dataSource: DataSource): Promise<PublishedCell[]> {
  return dataSource.query(`
    SELECT cell, suppressed, reports, (figures::jsonb->>'medianDays')::float AS "medianDays", (figures::jsonb->>'p90Days')::float AS "p90Days",
           (figures::jsonb->>'shareOverThreshold')::float AS "shareOverThreshold"
    FROM stats_cells WHERE snapshot_id = (SELECT id FROM stats_snapshots ORDER BY id DESC LIMIT 1)`);
}

/**
 * The distance between published and exact figures, by selection and by the cell's exact size;
 * and how many cells under MIN_GROUP_SIZE exact reports the noise let through.
 */
export async function measureDisclosurePrice(databaseUrl: string): Promise<{ rows: PriceRow[]; underThreshold: { published: number; ofCells: number } }> {
  const env = validateEnvironment({ ...process.env, DATABASE_URL: databaseUrl });
  const dataSource = await new DataSource(buildDataSourceOptions(databaseUrl, env)).initialize();
  try {
    const { cube, exact } = await exactFigures(dataSource, env.THRESHOLD_DAYS);
    const published = new Map<number, PublishedCell>();
    for (const row of await publishedCells(dataSource)) {
      const index = cube.indexOf(parseCellKey(row.cell));
      if (index !== undefined) published.set(index, row);
    }
    return { rows: priceRows(cube, exact, published), underThreshold: underThreshold(exact, published, env.MIN_GROUP_SIZE) };
  } finally {
    await dataSource.destroy();
  }
}

function priceRows(cube: CubeIndex, exact: Map<number, ExactFigures>, published: Map<number, PublishedCell>): PriceRow[] {
  const rows: PriceRow[] = [];
  for (const [selection, keep] of SELECTIONS) {
    for (const [label, from, to] of SIZE_CLASSES) {
      const medianErrors: number[] = [];
      const p90Errors: number[] = [];
      const shareErrors: number[] = [];
      let cells = 0;
      let shown = 0;
      for (const [index, truth] of exact) {
        if (truth.reports < from || truth.reports > to || !keep(cube.coordinates(index))) continue;
        cells++;
        const cell = published.get(index);
        if (!cell || cell.suppressed) continue;
        shown++;
        if (cell.medianDays !== null && truth.medianDays !== null) medianErrors.push(Math.abs(cell.medianDays - truth.medianDays));
        if (cell.p90Days !== null && truth.p90Days !== null) p90Errors.push(Math.abs(cell.p90Days - truth.p90Days));
        if (cell.shareOverThreshold !== null && truth.shareOverThreshold !== null)
          shareErrors.push(Math.abs(cell.shareOverThreshold - truth.shareOverThreshold));
      }
      if (cells === 0) continue;
      rows.push({
        selection,
        exactReports: label,
        cells,
        publishedShare: round(shown / cells, 3),
        medianErrorDaysP50: quantile(medianErrors, 0.5),
        medianErrorDaysP90: quantile(medianErrors, 0.9),
        p90ErrorDaysP50: quantile(p90Errors, 0.5),
        p90ErrorDaysP90: quantile(p90Errors, 0.9),
        shareErrorP50: round(quantile(shareErrors, 0.5), 3),
        shareErrorP90: round(quantile(shareErrors, 0.9), 3),
      });
    }
  }
  return rows;
}

function underThreshold(exact: Map<number, ExactFigures>, published: Map<number, PublishedCell>, minGroupSize: number) {
  let shown = 0;
  let ofCells = 0;
  for (const [index, truth] of exact) {
    if (truth.reports >= minGroupSize) continue;
    ofCells++;
    if (published.get(index)?.suppressed === false) shown++;
  }
  return { published: shown, ofCells };
}
