import { AllowanceKind } from '../reports/report.entity';
import { DurationHistogram, kaplanMeier, paidMean, paidMedian } from './kaplan-meier';
import { CubeIndex, KIND_VALUES } from './stats-cube';

/** Consequence counts kept per cell: answered first, then one per value of CONSEQUENCES. */
export const CONSEQUENCE_COUNTS = 6;
/** Change sketch: 16 buckets of report ids, then 16 buckets of report contents (disclosure-control.ts); SELECT_BASE_CELLS packs each bucket in 4 bits. */
export const SKETCH_BUCKETS = 16;

/** The finest aggregate PostgreSQL returns: one fund, one kind, one leave month. Every other cell is a sum of these. */
export interface BaseCell {
  caisse: string;
  kind: AllowanceKind;
  /** YYYY-MM */
  month: string;
  main: DurationHistogram;
  fund: DurationHistogram;
  consequences: Int32Array;
  sketch: Int32Array;
}

/** The delay figures of a cell (exact before disclosure control, coarse after). */
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

/** A cell's exact figures before disclosure control (unrounded). */
export interface RawCell extends DelayFigures {
  /** the cell's number in the CubeIndex */
  index: number;
  fundReports: number;
  fundMedianDays: number | null;
  fundP90Days: number | null;
  /** answered, then the count citing each consequence */
  consequences: Int32Array;
  sketch: Int32Array;
}

/**
 * Builds every non-empty cell of the cube by summing base histograms: each base cell adds to the
 * 4 periods × 2 kinds (its own and "all") of each geography cell holding its fund. Kaplan–Meier
 * then runs once per cell on the summed histogram, which is exact. One geography at a time, so
 * memory holds one geography's histograms, never the whole cube's.
 */
export function* buildCube(base: BaseCell[], cube: CubeIndex, thresholdDays: number): Generator<RawCell> {
  const byCaisse = new Map<string, { cell: BaseCell; kind: number; periods: number[] }[]>();
  let maxTime = 0;
  for (const cell of base) {
    const entry = { cell, kind: KIND_VALUES.indexOf(cell.kind), periods: cube.periodsOfMonth(cell.month) };
    const list = byCaisse.get(cell.caisse);
    if (list) list.push(entry);
    else byCaisse.set(cell.caisse, [entry]);
    maxTime = Math.max(maxTime, lastTime(cell.main), lastTime(cell.fund));
  }
  const summer = new HistogramSummer(maxTime);
  const allKinds = KIND_VALUES.indexOf('all');
  const periodCount = cube.periods.length;
  // groups[kind * periodCount + period]: the base cells of one (kind, period) in this geography
  const groups: BaseCell[][] = Array.from({ length: KIND_VALUES.length * periodCount }, () => []);
  for (let geography = 0; geography < cube.geographies.length; geography++) {
    const { level, code } = cube.geographies[geography];
    for (const caisse of cube.geography.members(level, code)) {
      for (const { cell, kind, periods } of byCaisse.get(caisse) ?? []) {
        for (const period of periods) {
          groups[kind * periodCount + period].push(cell);
          groups[allKinds * periodCount + period].push(cell);
        }
      }
    }
    for (let group = 0; group < groups.length; group++) {
      if (groups[group].length === 0) continue;
      const kind = Math.floor(group / periodCount);
      yield figuresOf(cube.cellIndex(geography, kind, group % periodCount), groups[group], summer, thresholdDays);
      groups[group] = [];
    }
  }
}

function figuresOf(index: number, cells: BaseCell[], summer: HistogramSummer, thresholdDays: number): RawCell {
  const main = summer.sum(cells.map((cell) => cell.main));
  const fund = summer.sum(cells.map((cell) => cell.fund));
  const km = kaplanMeier(main, thresholdDays);
  const fundKm = kaplanMeier(fund, thresholdDays);
  const consequences = new Int32Array(CONSEQUENCE_COUNTS);
  const sketch = new Int32Array(2 * SKETCH_BUCKETS);
  for (const cell of cells) {
    for (let i = 0; i < consequences.length; i++) consequences[i] += cell.consequences[i];
    for (let i = 0; i < sketch.length; i++) sketch[i] += cell.sketch[i];
  }
  return {
    index,
    reports: km.reports,
    paid: km.events,
    medianDays: km.medianDays,
    p90Days: km.p90Days,
    shareOverThreshold: km.survivalAtThreshold,
    shareOverThresholdCi: km.survivalAtThresholdCi,
    paidMeanDays: paidMean(main),
    paidMedianDays: paidMedian(main),
    fundReports: fundKm.reports,
    fundMedianDays: fundKm.medianDays,
    fundP90Days: fundKm.p90Days,
    consequences,
    sketch,
  };
}

function lastTime(histogram: DurationHistogram): number {
  return histogram.times.length === 0 ? 0 : histogram.times[histogram.times.length - 1];
}

/** Sums sparse histograms through dense scratch arrays indexed by time (0..maxTime). */
export class HistogramSummer {
  private readonly events: Int32Array;
  private readonly censored: Int32Array;
  private readonly touched: Uint8Array;
  private readonly times: Int32Array;

  constructor(maxTime: number) {
    this.events = new Int32Array(maxTime + 1);
    this.censored = new Int32Array(maxTime + 1);
    this.touched = new Uint8Array(maxTime + 1);
    this.times = new Int32Array(maxTime + 1);
  }

  sum(histograms: DurationHistogram[]): DurationHistogram {
    if (histograms.length === 1) return histograms[0];
    let distinct = 0;
    for (const histogram of histograms) {
      for (let i = 0; i < histogram.times.length; i++) {
        const time = histogram.times[i];
        if (this.touched[time] === 0) {
          this.touched[time] = 1;
          this.times[distinct++] = time;
        }
        this.events[time] += histogram.events[i];
        this.censored[time] += histogram.censored[i];
      }
    }
    const times = this.times.slice(0, distinct).sort();
    const events = new Int32Array(distinct);
    const censored = new Int32Array(distinct);
    for (let i = 0; i < distinct; i++) {
      const time = times[i];
      events[i] = this.events[time];
      censored[i] = this.censored[time];
      this.events[time] = 0;
      this.censored[time] = 0;
      this.touched[time] = 0;
    }
    return { times, events, censored };
  }
}
