import { AllowanceKind } from '../reports/report.entity';
import { DurationHistogram, kaplanMeier, paidMean, paidMedian } from './kaplan-meier';
import { CubeIndex, KIND_VALUES } from './stats-cube';

/** Consequence counts kept per cell: answered first, then one per value of CONSEQUENCES. */
export const CONSEQUENCE_COUNTS = 6;
/** Change sketch: 16 buckets of report ids, then 16 buckets of report contents (disclosure-control.ts); SELECT_BASE_CELLS packs each bucket in 4 bits. */
export const SKETCH_BUCKETS = 16;

/** The additive pieces of a cell: a coarser cell's are exactly the sums of its parts'. */
export interface CellAggregate {
  main: DurationHistogram;
  fund: DurationHistogram;
  consequences: Int32Array;
  sketch: Int32Array;
}

/** The finest aggregate PostgreSQL returns: one fund, one kind, one leave month. Every other cell is a sum of these. */
export interface BaseCell extends CellAggregate {
  caisse: string;
  kind: AllowanceKind;
  /** YYYY-MM */
  month: string;
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
 * Builds every non-empty cell of the cube by summing histograms, one geography at a time (so
 * memory holds one geography's histograms, never the whole cube's): the base cells of its funds
 * give each (kind, month); months sum into quarters, quarters into years, years (and leaves before
 * 2015) into all time; the five kinds sum into "all kinds". Kaplan–Meier then runs once per cell
 * on its summed histogram, which is exact.
 */
export function* buildCube(base: BaseCell[], cube: CubeIndex, thresholdDays: number): Generator<RawCell> {
  const byCaisse = new Map<string, { cell: BaseCell; group: number }[]>();
  const periodCount = cube.periods.length;
  let maxTime = 0;
  for (const cell of base) {
    // a month from 2015 on, else straight into "all time" (period 0)
    const group = KIND_VALUES.indexOf(cell.kind) * periodCount + cube.periodsOfMonth(cell.month)[0];
    const list = byCaisse.get(cell.caisse);
    if (list) list.push({ cell, group });
    else byCaisse.set(cell.caisse, [{ cell, group }]);
    maxTime = Math.max(maxTime, lastTime(cell.main), lastTime(cell.fund));
  }
  const summer = new HistogramSummer(maxTime);
  const allKinds = KIND_VALUES.indexOf('all');
  const levels = (['month', 'quarter', 'year', 'all'] as const).map((level) =>
    cube.periods.flatMap((period, index) => (period.level === level ? [index] : [])),
  );
  for (let geography = 0; geography < cube.geographies.length; geography++) {
    const { level, code } = cube.geographies[geography];
    const parts: CellAggregate[][] = Array.from({ length: KIND_VALUES.length * periodCount }, () => []);
    for (const caisse of cube.geography.members(level, code)) {
      for (const { cell, group } of byCaisse.get(caisse) ?? []) parts[group].push(cell);
    }
    const aggregates: (CellAggregate | undefined)[] = new Array(KIND_VALUES.length * periodCount);
    for (let kind = 0; kind < KIND_VALUES.length; kind++) {
      if (kind === allKinds) continue;
      for (const periods of levels) {
        for (const period of periods) {
          const children = cube.periodChildren[period].map((child) => aggregates[kind * periodCount + child]);
          const own = parts[kind * periodCount + period];
          aggregates[kind * periodCount + period] = sumAggregates([...own, ...children.filter(isDefined)], summer);
        }
      }
    }
    for (let period = 0; period < periodCount; period++) {
      const kinds = KIND_VALUES.map((_, kind) => aggregates[kind * periodCount + period]).filter(isDefined);
      aggregates[allKinds * periodCount + period] = sumAggregates(kinds, summer);
    }
    for (let kind = 0; kind < KIND_VALUES.length; kind++) {
      for (let period = 0; period < periodCount; period++) {
        const aggregate = aggregates[kind * periodCount + period];
        if (aggregate) yield figuresOf(cube.cellIndex(geography, kind, period), aggregate, thresholdDays);
      }
    }
  }
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

function sumAggregates(parts: CellAggregate[], summer: HistogramSummer): CellAggregate | undefined {
  if (parts.length <= 1) return parts[0];
  const consequences = new Int32Array(CONSEQUENCE_COUNTS);
  const sketch = new Int32Array(2 * SKETCH_BUCKETS);
  for (const part of parts) {
    for (let i = 0; i < consequences.length; i++) consequences[i] += part.consequences[i];
    for (let i = 0; i < sketch.length; i++) sketch[i] += part.sketch[i];
  }
  return { main: summer.sum(parts.map((part) => part.main)), fund: summer.sum(parts.map((part) => part.fund)), consequences, sketch };
}

function figuresOf(index: number, aggregate: CellAggregate, thresholdDays: number): RawCell {
  const km = kaplanMeier(aggregate.main, thresholdDays);
  const fundKm = kaplanMeier(aggregate.fund, thresholdDays);
  return {
    index,
    reports: km.reports,
    paid: km.events,
    medianDays: km.medianDays,
    p90Days: km.p90Days,
    shareOverThreshold: km.survivalAtThreshold,
    shareOverThresholdCi: km.survivalAtThresholdCi,
    paidMeanDays: paidMean(aggregate.main),
    paidMedianDays: paidMedian(aggregate.main),
    fundReports: fundKm.reports,
    fundMedianDays: fundKm.medianDays,
    fundP90Days: fundKm.p90Days,
    consequences: aggregate.consequences,
    sketch: aggregate.sketch,
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
