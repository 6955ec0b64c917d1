import { CONSEQUENCES } from '../reports/report.entity';
import { RawCell, SKETCH_BUCKETS } from './stats-cube-builder';
import { CellCoordinates, cellKey, Geography, periodsOfMonth } from './stats-cube';

// Disclosure control, the one place that decides what may be published (docs/privacy.md):
// coarse figures, the "at least 5 changes" rule between publications, the threshold, and
// complementary suppression over every table the API can produce. Every output reads cells
// through `publishedFigures`.

/** A publication needs at least this many reports added, changed or removed since the last one. */
export const MIN_CHANGES_TO_REPUBLISH = 5;

/** A cell's coarse figures: whole days, shares in hundredths; never a minimum, maximum or deviation. */
export interface CoarseFigures {
  reports: number;
  paid: number;
  waiting: number;
  medianDays: number | null;
  p90Days: number | null;
  shareOverThreshold: number | null;
  shareOverThresholdCi: [number, number] | null;
  paidMeanDays: number | null;
  paidMedianDays: number | null;
  fundPart: { reports: number; medianDays: number | null; p90Days: number | null };
  consequences: { answered: number } & Record<(typeof CONSEQUENCES)[number], number | null>;
}

/** A cell as the snapshot stores it: the figures last published and what disclosure control decided. */
export interface ProtectedCell extends CellCoordinates {
  figures: CoarseFigures;
  /** the change sketch of the reports behind `figures` */
  sketch: Int32Array;
  suppressed: boolean;
  fundPartSuppressed: boolean;
  consequencesSuppressed: boolean;
}

/** What any output may show about a cell. */
export type PublishedFigures =
  | { suppressed: true }
  | (Omit<CoarseFigures, 'fundPart' | 'consequences'> & {
      suppressed: false;
      fundPart: CoarseFigures['fundPart'] | { suppressed: true };
      consequences: CoarseFigures['consequences'] | { suppressed: true };
    });

export function publishedFigures(cell: Pick<ProtectedCell, 'figures' | 'suppressed' | 'fundPartSuppressed' | 'consequencesSuppressed'>): PublishedFigures {
  if (cell.suppressed) return { suppressed: true };
  return {
    suppressed: false,
    ...cell.figures,
    fundPart: cell.fundPartSuppressed ? { suppressed: true } : cell.figures.fundPart,
    consequences: cell.consequencesSuppressed ? { suppressed: true } : cell.figures.consequences,
  };
}

export function coarsen(raw: RawCell): CoarseFigures {
  const answered = raw.consequences[0];
  const consequences = { answered } as CoarseFigures['consequences'];
  CONSEQUENCES.forEach((value, index) => (consequences[value] = answered === 0 ? null : hundredths(raw.consequences[index + 1] / answered)));
  return {
    reports: raw.reports,
    paid: raw.paid,
    waiting: raw.reports - raw.paid,
    medianDays: raw.medianDays,
    p90Days: raw.p90Days,
    shareOverThreshold: raw.shareOverThreshold === null ? null : hundredths(raw.shareOverThreshold),
    shareOverThresholdCi: raw.shareOverThresholdCi && [hundredths(raw.shareOverThresholdCi[0]), hundredths(raw.shareOverThresholdCi[1])],
    paidMeanDays: wholeDays(raw.paidMeanDays),
    paidMedianDays: wholeDays(raw.paidMedianDays),
    fundPart: { reports: raw.fundReports, medianDays: raw.fundMedianDays, p90Days: raw.fundP90Days },
    consequences,
  };
}

function hundredths(share: number): number {
  return Math.round(share * 100) / 100;
}

function wholeDays(days: number | null): number | null {
  return days === null ? null : Math.round(days);
}

/**
 * A lower bound of how many reports were added, changed or removed between two sketches.
 * Buckets 0..15 count report ids by hash, 16..31 report ids with their contents by hash. Each
 * bucket's |difference| can only under-count (an addition and a removal in one bucket cancel), so
 * A ≤ added + removed and C ≤ added + removed + 2 × changed, hence changes ≥ max(A, ⌈(A + C) / 2⌉).
 * Under-counting only delays a publication, never allows one too early.
 */
export function changesBetween(previous: ArrayLike<number>, next: ArrayLike<number>): number {
  let ids = 0;
  let contents = 0;
  for (let i = 0; i < SKETCH_BUCKETS; i++) ids += Math.abs(next[i] - previous[i]);
  for (let i = SKETCH_BUCKETS; i < 2 * SKETCH_BUCKETS; i++) contents += Math.abs(next[i] - previous[i]);
  return Math.max(ids, Math.ceil((ids + contents) / 2));
}

export interface PreviousCell {
  figures: CoarseFigures;
  sketch: ArrayLike<number>;
}

/**
 * Applies the whole disclosure control to a freshly computed cube: keeps a cell's previously
 * published figures unless at least 5 of its reports changed, then threshold and complementary
 * suppression on the figures that will be shown.
 */
export function protectCube(
  fresh: RawCell[],
  previous: Map<string, CellCoordinates & PreviousCell>,
  geography: Geography,
  minGroupSize: number,
): ProtectedCell[] {
  const cells: ProtectedCell[] = [];
  const seen = new Set<string>();
  for (const raw of fresh) {
    const key = cellKey(raw);
    seen.add(key);
    const old = previous.get(key);
    const keepOld = old !== undefined && changesBetween(old.sketch, raw.sketch) < MIN_CHANGES_TO_REPUBLISH;
    cells.push(unsuppressed(raw, keepOld ? old.figures : coarsen(raw), keepOld ? Int32Array.from(old.sketch) : raw.sketch));
  }
  // A cell whose reports all left stays as last published until 5 of them have gone.
  const empty = new Int32Array(2 * SKETCH_BUCKETS);
  for (const [key, old] of previous) {
    if (!seen.has(key) && changesBetween(old.sketch, empty) < MIN_CHANGES_TO_REPUBLISH) {
      cells.push(unsuppressed(old, old.figures, Int32Array.from(old.sketch)));
    }
  }
  const tables = buildTables(cells, geography);
  const main = suppress(tables, cells.map((cell) => cell.figures.reports), () => false, minGroupSize);
  const fundPart = suppress(tables, cells.map((cell) => cell.figures.fundPart.reports), (index) => main[index], minGroupSize);
  const consequences = suppress(tables, cells.map((cell) => cell.figures.consequences.answered), (index) => main[index], minGroupSize);
  cells.forEach((cell, index) => {
    cell.suppressed = main[index];
    cell.fundPartSuppressed = fundPart[index];
    cell.consequencesSuppressed = consequences[index];
  });
  return cells;
}

function unsuppressed(coordinates: CellCoordinates, figures: CoarseFigures, sketch: Int32Array): ProtectedCell {
  const { geoLevel, geoCode, kind, periodLevel, period } = coordinates;
  return { geoLevel, geoCode, kind, periodLevel, period, figures, sketch, suppressed: false, fundPartSuppressed: false, consequencesSuppressed: false };
}

/** A table the API can produce: a parent cell and its rows along one groupBy. */
interface Table {
  parent: number;
  rows: number[];
}

/** Every (parent cell, groupBy) table, found from each cell's parents along each dimension. */
function buildTables(cells: ProtectedCell[], geography: Geography): Table[] {
  const indexByKey = new Map(cells.map((cell, index) => [cellKey(cell), index]));
  const tables = new Map<string, Table>();
  const regionOfDepartement = new Map<string, string | undefined>();
  for (const [departement, funds] of geography.departements) {
    const regions = new Set(funds.map((fund) => geography.caisses.get(fund)!.region));
    regionOfDepartement.set(departement, regions.size === 1 ? [...regions][0] : undefined);
  }
  cells.forEach((cell, index) => {
    const addTo = (parent: CellCoordinates, groupBy: string) => {
      const parentIndex = indexByKey.get(cellKey(parent));
      if (parentIndex === undefined) return;
      const tableKey = `${parentIndex}#${groupBy}`;
      const table = tables.get(tableKey);
      if (table) table.rows.push(index);
      else tables.set(tableKey, { parent: parentIndex, rows: [index] });
    };
    // along geography
    const parentGeographies: { geoLevel: CellCoordinates['geoLevel']; geoCode: string }[] = [];
    if (cell.geoLevel !== 'national') parentGeographies.push({ geoLevel: 'national', geoCode: 'FR' });
    if (cell.geoLevel === 'caisse') {
      const caisse = geography.caisses.get(cell.geoCode)!;
      parentGeographies.push({ geoLevel: 'region', geoCode: caisse.region });
      for (const departement of caisse.departements) parentGeographies.push({ geoLevel: 'departement', geoCode: departement });
    }
    if (cell.geoLevel === 'departement') {
      const region = regionOfDepartement.get(cell.geoCode);
      if (region !== undefined) parentGeographies.push({ geoLevel: 'region', geoCode: region });
    }
    for (const parent of parentGeographies) addTo({ ...cell, ...parent }, cell.geoLevel);
    // along kind
    if (cell.kind !== 'all') addTo({ ...cell, kind: 'all' }, 'kind');
    // along period
    if (cell.periodLevel !== 'all') {
      const coarser =
        cell.periodLevel === 'month'
          ? periodsOfMonth(cell.period).slice(1)
          : cell.periodLevel === 'quarter'
            ? [{ level: 'year' as const, period: cell.period.slice(0, 4) }, { level: 'all' as const, period: 'all' }]
            : [{ level: 'all' as const, period: 'all' }];
      for (const parent of coarser) addTo({ ...cell, periodLevel: parent.level, period: parent.period }, cell.periodLevel);
    }
  });
  return [...tables.values()];
}

/**
 * Threshold then complementary suppression over one count (reports, fund-part reports or
 * answered), until stable. Cells holding exactly the same reports (a row with its parent's count)
 * share one fate through a union-find, so a cell is suppressed in every table or in none.
 */
function suppress(tables: Table[], counts: number[], suppressedAbove: (index: number) => boolean, minGroupSize: number): boolean[] {
  const parentOf = counts.map((_, index) => index);
  const find = (index: number): number => {
    while (parentOf[index] !== index) {
      parentOf[index] = parentOf[parentOf[index]];
      index = parentOf[index];
    }
    return index;
  };
  for (const table of tables) {
    for (const row of table.rows) {
      if (counts[row] === counts[table.parent]) parentOf[find(row)] = find(table.parent);
    }
  }
  const suppressedClass = new Uint8Array(counts.length);
  counts.forEach((count, index) => {
    if (count < minGroupSize || suppressedAbove(index)) suppressedClass[find(index)] = 1;
  });
  const isSuppressed = (index: number) => suppressedClass[find(index)] === 1;
  let changed = true;
  while (changed) {
    changed = false;
    for (const table of tables) {
      if (isSuppressed(table.parent)) continue;
      let suppressedRows = 0;
      let smallest = -1;
      for (const row of table.rows) {
        if (isSuppressed(row)) suppressedRows++;
        else if (smallest === -1 || counts[row] < counts[smallest]) smallest = row;
      }
      // One hidden row under a published total could be recovered by subtraction: hide another.
      if (suppressedRows === 1 && smallest !== -1) {
        suppressedClass[find(smallest)] = 1;
        changed = true;
      }
    }
  }
  return counts.map((_, index) => isSuppressed(index));
}
