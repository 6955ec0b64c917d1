import { CONSEQUENCES } from '../reports/report.entity';
import { DelayBins } from './delay-bins';
import { NoiseSource } from './discrete-gaussian';
import { CellRelease, figuresOfRelease, releaseCell } from './noisy-release';
import { SKETCH_BUCKETS } from './report-fact-layout';
import { FreshCell } from './stats-cube-builder';

// Disclosure control, the one place that decides what may be published (docs/privacy.md): every
// cell's figures come from a noisy release of its histograms (noisy-release.ts), keyed by its
// contents; a cell gets a new release only when at least 5 of its reports changed and its last
// release is old enough; a cell whose noisy count is under the threshold is suppressed. Every
// output reads cells through `publishedFigures`.

/** A new release needs at least this many reports added, changed or removed since the last one. */
export const MIN_CHANGES_TO_REPUBLISH = 5;

/** The delay figures of a cell as published: whole days, shares in hundredths. */
export interface DelayFigures {
  reports: number;
  paid: number;
  medianDays: number | null;
  p90Days: number | null;
  shareOverThreshold: number | null;
  shareOverThresholdCi: [number, number] | null;
  paidMeanDays: number | null;
  paidMedianDays: number | null;
}

/** A cell's coarse figures: whole days, shares in hundredths; never a minimum, maximum or deviation. */
export interface CoarseFigures extends DelayFigures {
  waiting: number;
  fundPart: { reports: number; medianDays: number | null; p90Days: number | null };
  consequences: { answered: number } & Record<(typeof CONSEQUENCES)[number], number | null>;
}

/** What the snapshot keeps of a release besides its figures, so tests can recompute them. */
export interface StoredRelease {
  /** released main histogram (events per bin, then censored per bin) */
  main: number[];
  /** released fund-part histogram, same layout */
  fund: number[];
  /** the day each bin stands for */
  times: number[];
}

/** A cell as the snapshot stores it. */
export interface ProtectedCell {
  /** the cell's number in the CubeIndex */
  index: number;
  /** new figures and their release, or null to keep those of the cell's previous release */
  figures: (CoarseFigures & { release: StoredRelease }) | null;
  /** the change sketch of the reports behind the figures shown */
  sketch: Int32Array;
  /** the Paris day of the release shown */
  releasedOn: string;
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

/** A release's published figures (coarse) and the release itself. */
export function coarseFiguresOf(release: CellRelease, bins: DelayBins, thresholdDays: number): CoarseFigures & { release: StoredRelease } {
  const raw = figuresOfRelease(release, bins, thresholdDays);
  const consequences = { answered: raw.answered } as CoarseFigures['consequences'];
  CONSEQUENCES.forEach((value, index) => (consequences[value] = raw.answered === 0 ? null : hundredths(raw.consequences[index] / raw.answered)));
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
    release: { main: Array.from(release.main), fund: Array.from(release.fund), times: Array.from(bins.times) },
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
 * Under-counting only delays a release, never allows one too early.
 */
export function changesBetween(previous: ArrayLike<number>, next: ArrayLike<number>): number {
  let ids = 0;
  let contents = 0;
  for (let i = 0; i < SKETCH_BUCKETS; i++) ids += Math.abs(next[i] - previous[i]);
  for (let i = SKETCH_BUCKETS; i < 2 * SKETCH_BUCKETS; i++) contents += Math.abs(next[i] - previous[i]);
  return Math.max(ids, Math.ceil((ids + contents) / 2));
}

/** What the refresh needs of a cell's previous release. */
export interface PreviousCell {
  sketch: ArrayLike<number>;
  releasedOn: string;
  suppressed: boolean;
  fundPartSuppressed: boolean;
  consequencesSuppressed: boolean;
}

export interface ReleaseOptions {
  minGroupSize: number;
  thresholdDays: number;
  bins: DelayBins;
  noise: NoiseSource;
  /** today in Paris (YYYY-MM-DD) */
  today: string;
  /** a cell's releases are at least this many days apart */
  releaseSpacingDays: number;
}

/**
 * Applies the whole disclosure control to a freshly built cube. A cell keeps its previous release
 * unless at least 5 of its reports changed and that release is old enough; otherwise it gets a new
 * noisy release, keyed by its contents, and is suppressed when its noisy count is under the
 * threshold (its fund part and consequences likewise on their own noisy counts). Cells are
 * decided one by one: the result does not depend on their order or on the other cells.
 */
export function protectCube(fresh: Iterable<FreshCell>, previous: Map<number, PreviousCell>, options: ReleaseOptions): ProtectedCell[] {
  const cells: ProtectedCell[] = [];
  for (const { index, aggregate } of fresh) {
    const old = previous.get(index);
    previous.delete(index);
    if (old !== undefined && !mayRelease(old, aggregate.sketch, options)) {
      cells.push(keptCell(index, old));
      continue;
    }
    const release = releaseCell(aggregate, options.noise.forCell(aggregate.contentKey));
    const figures = coarseFiguresOf(release, options.bins, options.thresholdDays);
    cells.push({
      index, figures, sketch: aggregate.sketch, releasedOn: options.today,
      suppressed: release.reports < options.minGroupSize,
      fundPartSuppressed: release.fundReports < options.minGroupSize,
      consequencesSuppressed: release.answered < options.minGroupSize,
    });
  }
  // A cell whose reports all left stays as last released until 5 of them have gone.
  const empty = new Int32Array(2 * SKETCH_BUCKETS);
  for (const [index, old] of previous) {
    if (!mayRelease(old, empty, options)) cells.push(keptCell(index, old));
  }
  return cells;
}

function mayRelease(old: PreviousCell, sketch: ArrayLike<number>, options: ReleaseOptions): boolean {
  return changesBetween(old.sketch, sketch) >= MIN_CHANGES_TO_REPUBLISH && daysBetween(old.releasedOn, options.today) >= options.releaseSpacingDays;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function keptCell(index: number, old: PreviousCell): ProtectedCell {
  return {
    index, figures: null, sketch: Int32Array.from(old.sketch), releasedOn: old.releasedOn,
    suppressed: old.suppressed, fundPartSuppressed: old.fundPartSuppressed, consequencesSuppressed: old.consequencesSuppressed,
  };
}
