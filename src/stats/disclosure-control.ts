import { CONSEQUENCES } from '../reports/report.entity';
import { DelayBins } from './delay-bins';
import { ContentKey, discreteGaussian, NoiseSource } from './discrete-gaussian';
import { CellRelease, figuresOfRelease, releaseCell } from './noisy-release';
import { SKETCH_BUCKETS } from './report-fact-layout';
import { FreshCell } from './stats-cube-builder';

// Disclosure control, the one place that decides what may be published (docs/privacy.md): every
// cell's figures come from a noisy release of its histograms (noisy-release.ts), keyed by its
// contents; at each release epoch a cell is released again only when a noisy count of its changes
// reaches 5; a cell whose noisy count is under the threshold is suppressed. Every output reads
// cells through `publishedFigures`.

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
export function publishedFigures(cell: {
  figures: CoarseFigures | null;
  suppressed: boolean;
  fundPartSuppressed: boolean;
  consequencesSuppressed: boolean;
}): PublishedFigures {
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
  suppressed: boolean;
  fundPartSuppressed: boolean;
  consequencesSuppressed: boolean;
}

/** σ² of the noise added to the count of changes before it is compared with MIN_CHANGES_TO_REPUBLISH. */
export const GATE_NOISE_VARIANCE = 4;

/** The two keyed noise streams of a release: a cell's figures, and its republication gate. */
export interface ReleaseNoise {
  figures: NoiseSource;
  gate: NoiseSource;
}

export interface ReleaseOptions {
  minGroupSize: number;
  thresholdDays: number;
  bins: DelayBins;
  noise: ReleaseNoise;
  /** the release's number (snapshots of one epoch share it; see StatsService.refresh) */
  epoch: number;
}

const EMPTY_SKETCH = new Int32Array(2 * SKETCH_BUCKETS);

/**
 * Applies the whole disclosure control to a freshly built cube, for a new release epoch. A cell
 * gets a new noisy release, keyed by its contents, when its count of changes since its previous
 * release plus gate noise (keyed by its contents and the epoch) reaches 5; otherwise it keeps its
 * previous release, or stays unpublished if it had none. A released cell is suppressed when its
 * noisy count is under the threshold (its fund part and consequences likewise on their own noisy
 * counts). Cells are decided one by one: the result depends neither on their order nor on the
 * other cells, and cells holding the same reports get the same figures and fate.
 */
export function protectCube(fresh: Iterable<FreshCell>, previous: Map<number, PreviousCell>, options: ReleaseOptions): ProtectedCell[] {
  const cells: ProtectedCell[] = [];
  for (const { index, aggregate } of fresh) {
    const old = previous.get(index);
    previous.delete(index);
    const gate = discreteGaussian(options.noise.gate.forCell(aggregate.contentKey, options.epoch), GATE_NOISE_VARIANCE);
    if (changesBetween(old?.sketch ?? EMPTY_SKETCH, aggregate.sketch) + gate < MIN_CHANGES_TO_REPUBLISH) {
      if (old) cells.push(keptCell(index, old));
      continue;
    }
    const release = releaseCell(aggregate, options.noise.figures.forCell(aggregate.contentKey), options.minGroupSize);
    cells.push({
      index,
      figures: coarseFiguresOf(release, options.bins, options.thresholdDays),
      sketch: aggregate.sketch,
      suppressed: release.reports < options.minGroupSize,
      fundPartSuppressed: release.fundReports < options.minGroupSize,
      consequencesSuppressed: release.answered < options.minGroupSize,
    });
  }
  // A cell whose reports all left: unpublished once the gate lets the change through, kept until then.
  for (const [index, old] of previous) {
    const gate = discreteGaussian(options.noise.gate.forCell(EMPTY_CONTENT_KEY, options.epoch ^ index), GATE_NOISE_VARIANCE);
    if (changesBetween(old.sketch, EMPTY_SKETCH) + gate < MIN_CHANGES_TO_REPUBLISH) cells.push(keptCell(index, old));
  }
  return cells;
}

const EMPTY_CONTENT_KEY: ContentKey = [0, 0];

function keptCell(index: number, old: PreviousCell): ProtectedCell {
  return {
    index,
    figures: null,
    sketch: Int32Array.from(old.sketch),
    suppressed: old.suppressed,
    fundPartSuppressed: old.fundPartSuppressed,
    consequencesSuppressed: old.consequencesSuppressed,
  };
}
