import { AllowanceKind } from '../reports/report.entity';
import { binOf, DelayBins } from './delay-bins';
import { ContentKey } from './discrete-gaussian';
import { BinnedAggregate } from './noisy-release';
import { CONSEQUENCE_COUNTS, SKETCH_BUCKETS, unpackFact, unpackFundFact } from './report-fact-layout';
import { CubeIndex, KIND_VALUES, PERIOD_LEVELS } from './stats-cube';

/** The additive pieces of a cell: a coarser cell's are exactly the sums of its parts'. */
export interface CellAggregate extends BinnedAggregate {
  /** the change sketch (disclosure-control.ts, changesBetween) */
  sketch: Int32Array;
  /** sums of the reports' content hashes (mod 2^32): equal for cells holding the same reports */
  contentKey: ContentKey;
}

/** The finest aggregate: one fund, one kind, one leave month. Every other cell is a sum of these. */
export interface BaseCell extends CellAggregate {
  caisse: string;
  kind: AllowanceKind;
  /** YYYY-MM */
  month: string;
}

/** A cell of the cube with its exact aggregate (never published as such: see noisy-release.ts). */
export interface FreshCell {
  /** the cell's number in the CubeIndex */
  index: number;
  aggregate: CellAggregate;
}

/** A base cell's aggregate from the packed facts of its reports (report-fact-layout.ts). */
export function baseAggregate(facts: number[], fundFacts: number[], contentKey: ContentKey, bins: DelayBins): CellAggregate {
  const width = bins.times.length;
  const main = new Int32Array(2 * width);
  const fund = new Int32Array(2 * width);
  const consequences = new Int32Array(CONSEQUENCE_COUNTS);
  const sketch = new Int32Array(2 * SKETCH_BUCKETS);
  for (const packed of facts) {
    const fact = unpackFact(packed);
    main[binOf(bins, fact.duration) + (fact.paid ? 0 : width)]++;
    if (fact.consequenceMask !== 0) consequences[0]++;
    for (let bit = 0; bit < CONSEQUENCE_COUNTS - 1; bit++) if (fact.consequenceMask & (1 << bit)) consequences[bit + 1]++;
    sketch[fact.idBucket]++;
    sketch[SKETCH_BUCKETS + fact.contentBucket]++;
  }
  for (const packed of fundFacts) {
    const fact = unpackFundFact(packed);
    if (fact) fund[binOf(bins, fact.duration) + (fact.paid ? 0 : width)]++;
  }
  return { main, fund, consequences, sketch, contentKey };
}

/**
 * Builds every non-empty cell of the cube by summing base cells, one geography at a time (so
 * memory holds one geography's aggregates, never the whole cube's): the base cells of its funds
 * give each (kind, month); months sum into quarters, quarters into years, years (and leaves
 * before 2015) into all time; the five kinds sum into "all kinds".
 */
export function* buildCube(base: BaseCell[], cube: CubeIndex): Generator<FreshCell> {
  const byCaisse = new Map<string, { cell: BaseCell; group: number }[]>();
  const periodCount = cube.periods.length;
  for (const cell of base) {
    // a month from 2015 on, else straight into "all time" (period 0)
    const group = KIND_VALUES.indexOf(cell.kind) * periodCount + cube.periodsOfMonth(cell.month)[0];
    const list = byCaisse.get(cell.caisse);
    if (list) list.push({ cell, group });
    else byCaisse.set(cell.caisse, [{ cell, group }]);
  }
  const allKinds = KIND_VALUES.indexOf('all');
  // Finest first, so a period's children are summed before it.
  const levels = [...PERIOD_LEVELS].reverse().map((level) => cube.periods.flatMap((period, index) => (period.level === level ? [index] : [])));
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
          aggregates[kind * periodCount + period] = sumAggregates([...own, ...children.filter(isDefined)]);
        }
      }
    }
    for (let period = 0; period < periodCount; period++) {
      const kinds = KIND_VALUES.map((_, kind) => aggregates[kind * periodCount + period]).filter(isDefined);
      aggregates[allKinds * periodCount + period] = sumAggregates(kinds);
    }
    for (let kind = 0; kind < KIND_VALUES.length; kind++) {
      for (let period = 0; period < periodCount; period++) {
        const aggregate = aggregates[kind * periodCount + period];
        if (aggregate) yield { index: cube.cellIndex(geography, kind, period), aggregate };
      }
    }
  }
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

export function sumAggregates(parts: CellAggregate[]): CellAggregate | undefined {
  if (parts.length <= 1) return parts[0];
  const [first] = parts;
  const total: CellAggregate = {
    main: new Int32Array(first.main.length),
    fund: new Int32Array(first.fund.length),
    consequences: new Int32Array(first.consequences.length),
    sketch: new Int32Array(first.sketch.length),
    contentKey: [0, 0],
  };
  let keyA = 0;
  let keyB = 0;
  for (const part of parts) {
    addInto(total.main, part.main);
    addInto(total.fund, part.fund);
    addInto(total.consequences, part.consequences);
    addInto(total.sketch, part.sketch);
    keyA = (keyA + part.contentKey[0]) % 2 ** 32;
    keyB = (keyB + part.contentKey[1]) % 2 ** 32;
  }
  total.contentKey = [keyA, keyB];
  return total;
}

function addInto(target: Int32Array, source: Int32Array): void {
  for (let i = 0; i < target.length; i++) target[i] += source[i];
}
