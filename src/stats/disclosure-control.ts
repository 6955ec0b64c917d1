import { CONSEQUENCES } from '../reports/report.entity';
import { DelayFigures, RawCell, SKETCH_BUCKETS } from './stats-cube-builder';
import { CubeIndex, GROUP_BYS } from './stats-cube';

// Disclosure control, the one place that decides what may be published (docs/privacy.md):
// coarse figures, the "at least 5 changes" rule between publications, the threshold, and
// complementary suppression over every table the API can produce. Every output reads cells
// through `publishedFigures`.

/** A publication needs at least this many reports added, changed or removed since the last one. */
export const MIN_CHANGES_TO_REPUBLISH = 5;

/** A cell's coarse figures: whole days, shares in hundredths; never a minimum, maximum or deviation. */
export interface CoarseFigures extends DelayFigures {
  waiting: number;
  fundPart: { reports: number; medianDays: number | null; p90Days: number | null };
  consequences: { answered: number } & Record<(typeof CONSEQUENCES)[number], number | null>;
}

/** The counts disclosure control works on, for a cell's figures as they will be shown. */
export interface CellCounts {
  reports: number;
  fundReports: number;
  answered: number;
}

/** A cell as the snapshot stores it: what disclosure control decided, and the figures to show. */
export interface ProtectedCell extends CellCounts {
  /** the cell's number in the CubeIndex */
  index: number;
  /** new coarse figures, or null to keep those of the cell's previous publication */
  figures: CoarseFigures | null;
  /** the change sketch of the reports behind the figures shown */
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

/** The only way a stored cell reaches an output: suppressed parts are dropped here. */
export function publishedFigures(cell: { figures: CoarseFigures | null; suppressed: boolean; fundPartSuppressed: boolean; consequencesSuppressed: boolean }): PublishedFigures {
  // A StoredCell carries no figures when suppressed: nothing to show either way.
  if (cell.suppressed || cell.figures === null) return { suppressed: true };
  const figures = cell.figures;
  return {
    suppressed: false,
    reports: figures.reports,
    paid: figures.paid,
    waiting: figures.waiting,
    medianDays: figures.medianDays,
    p90Days: figures.p90Days,
    shareOverThreshold: figures.shareOverThreshold,
    shareOverThresholdCi: figures.shareOverThresholdCi,
    paidMeanDays: figures.paidMeanDays,
    paidMedianDays: figures.paidMedianDays,
    fundPart: cell.fundPartSuppressed ? { suppressed: true } : figures.fundPart,
    consequences: cell.consequencesSuppressed ? { suppressed: true } : figures.consequences,
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

export interface PreviousCell extends CellCounts {
  sketch: ArrayLike<number>;
}

/**
 * Applies the whole disclosure control to a freshly computed cube: keeps a cell's previously
 * published figures unless at least 5 of its reports changed, then threshold and complementary
 * suppression on the counts of the figures that will be shown.
 */
export function protectCube(fresh: RawCell[], previous: Map<number, PreviousCell>, cube: CubeIndex, minGroupSize: number): ProtectedCell[] {
  const cells: ProtectedCell[] = [];
  for (const raw of fresh) {
    const old = previous.get(raw.index);
    if (old !== undefined && changesBetween(old.sketch, raw.sketch) < MIN_CHANGES_TO_REPUBLISH) {
      cells.push(keptCell(raw.index, old));
    } else {
      const figures = coarsen(raw);
      cells.push({
        index: raw.index, reports: raw.reports, fundReports: raw.fundReports, answered: raw.consequences[0], figures, sketch: raw.sketch,
        suppressed: false, fundPartSuppressed: false, consequencesSuppressed: false,
      });
    }
    previous.delete(raw.index);
  }
  // A cell whose reports all left stays as last published until 5 of them have gone.
  const empty = new Int32Array(2 * SKETCH_BUCKETS);
  for (const [index, old] of previous) {
    if (changesBetween(old.sketch, empty) < MIN_CHANGES_TO_REPUBLISH) cells.push(keptCell(index, old));
  }
  const tables = buildTables(cells, cube);
  const main = suppress(tables, cells.map((cell) => cell.reports), () => false, minGroupSize);
  const fundPart = suppress(tables, cells.map((cell) => cell.fundReports), (position) => main[position], minGroupSize);
  const consequences = suppress(tables, cells.map((cell) => cell.answered), (position) => main[position], minGroupSize);
  cells.forEach((cell, position) => {
    cell.suppressed = main[position];
    cell.fundPartSuppressed = fundPart[position];
    cell.consequencesSuppressed = consequences[position];
  });
  return cells;
}

function keptCell(index: number, old: PreviousCell): ProtectedCell {
  return {
    index, reports: old.reports, fundReports: old.fundReports, answered: old.answered, figures: null, sketch: Int32Array.from(old.sketch),
    suppressed: false, fundPartSuppressed: false, consequencesSuppressed: false,
  };
}

/** A table the API can produce: a parent cell and its rows along one groupBy (positions in the cell list). */
interface Table {
  parent: number;
  rows: number[];
}

/** Every (parent cell, groupBy) table, found from each cell's parents along each dimension. */
function buildTables(cells: ProtectedCell[], cube: CubeIndex): Table[] {
  const positionOf = new Int32Array(cube.size).fill(-1);
  cells.forEach((cell, position) => (positionOf[cell.index] = position));
  // rowsOf[parent position × groupBys + groupBy]
  const rowsOf: number[][] = [];
  const tables: Table[] = [];
  cells.forEach((cell, position) => {
    cube.forEachParent(cell.index, (parentIndex, groupBy) => {
      const parent = positionOf[parentIndex];
      if (parent === -1) return;
      const key = parent * GROUP_BYS.length + groupBy;
      const rows = rowsOf[key];
      if (rows) rows.push(position);
      else tables.push({ parent, rows: (rowsOf[key] = [position]) });
    });
  });
  return tables;
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
      // Hidden rows are counted as sets of reports: Guadeloupe's three départements, all served
      // by one fund, hide one figure, which subtraction would recover. (Counting changes of
      // class gives 1 exactly when all hidden rows share one class.)
      let hiddenClass = -1;
      let hiddenClasses = 0;
      let smallest = -1;
      for (const row of table.rows) {
        if (isSuppressed(row)) {
          const rowClass = find(row);
          if (rowClass !== hiddenClass) hiddenClasses++;
          hiddenClass = rowClass;
        } else if (smallest === -1 || counts[row] < counts[smallest]) smallest = row;
      }
      // One hidden figure under a published total could be recovered by subtraction: hide another.
      if (hiddenClasses === 1 && smallest !== -1) {
        suppressedClass[find(smallest)] = 1;
        changed = true;
      }
    }
  }
  return counts.map((_, index) => isSuppressed(index));
}
