import { ALLOWANCE_KINDS, AllowanceKind } from '../reports/report.entity';
import { DurationHistogram, kaplanMeier, paidMean, paidMedian } from './kaplan-meier';
import { CellCoordinates, Geography, KindValue, periodsOfMonth } from './stats-cube';

/** Consequence counts kept per cell: answered first, then one per value of CONSEQUENCES. */
export const CONSEQUENCE_COUNTS = 6;
/** Change sketch: 16 buckets of report ids, then 16 buckets of report contents (disclosure-control.ts). */
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

/** A cell's exact figures before disclosure control (unrounded). */
export interface RawCell extends CellCoordinates {
  reports: number;
  paid: number;
  medianDays: number | null;
  p90Days: number | null;
  shareOverThreshold: number | null;
  shareOverThresholdCi: [number, number] | null;
  paidMeanDays: number | null;
  paidMedianDays: number | null;
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
export function* buildCube(base: BaseCell[], geography: Geography, thresholdDays: number): Generator<RawCell> {
  const byCaisse = new Map<string, BaseCell[]>();
  let maxTime = 0;
  for (const cell of base) {
    const list = byCaisse.get(cell.caisse);
    if (list) list.push(cell);
    else byCaisse.set(cell.caisse, [cell]);
    maxTime = Math.max(maxTime, lastTime(cell.main), lastTime(cell.fund));
  }
  const summer = new HistogramSummer(maxTime);
  for (const { level, code } of geography.allCells()) {
    const groups = new Map<string, { kind: KindValue; level: string; period: string; cells: BaseCell[] }>();
    for (const caisse of geography.members(level, code)) {
      for (const cell of byCaisse.get(caisse) ?? []) {
        for (const period of periodsOfMonth(cell.month)) {
          for (const kind of [cell.kind, 'all'] as const) {
            const key = `${kind}|${period.level}:${period.period}`;
            const group = groups.get(key);
            if (group) group.cells.push(cell);
            else groups.set(key, { kind, level: period.level, period: period.period, cells: [cell] });
          }
        }
      }
    }
    for (const group of [...groups.values()].sort(compareGroups)) {
      const coordinates: CellCoordinates = {
        geoLevel: level, geoCode: code, kind: group.kind, periodLevel: group.level as CellCoordinates['periodLevel'], period: group.period,
      };
      yield figuresOf(coordinates, group.cells, summer, thresholdDays);
    }
  }
}

const KIND_ORDER: readonly KindValue[] = ['all', ...ALLOWANCE_KINDS];
const LEVEL_ORDER = ['all', 'year', 'quarter', 'month'];
function compareGroups(a: { kind: KindValue; level: string; period: string }, b: typeof a): number {
  return (
    KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
    LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) ||
    (a.period < b.period ? -1 : a.period > b.period ? 1 : 0)
  );
}

function figuresOf(coordinates: CellCoordinates, cells: BaseCell[], summer: HistogramSummer, thresholdDays: number): RawCell {
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
    ...coordinates,
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
