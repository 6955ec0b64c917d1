import type { StatsRow } from '../../stats/stats.dto';
import { sortFundRows } from './fund-table-sort';

const published = (caisse: string, reports: number, medianDays: number | null, shareOverThreshold = 0.2): StatsRow => ({
  group: { caisse, caisseName: `Caisse ${caisse}` },
  suppressed: false,
  reports,
  paid: reports - 2,
  waiting: 2,
  medianDays,
  p90Days: medianDays === null ? null : medianDays * 2,
  shareOverThreshold,
  shareOverThresholdCi: null,
  paidMedianDays: medianDays,
  paidMeanDays: medianDays,
  fundPart: { suppressed: true },
  consequences: { suppressed: true },
});
const hidden = (caisse: string): StatsRow => ({ group: { caisse, caisseName: `Caisse ${caisse}` }, suppressed: true });

const ROWS = [
  hidden('011'),
  published('751', 200, 25, 0.3),
  published('131', 70, 40, 0.5),
  hidden('021'),
  published('594', 40, null, 0.6),
  published('311', 25, 12, 0.1),
  published('971', 30, 25, 0.3),
];
const codes = (rows: StatsRow[]) => rows.map((row) => row.group.caisse);

describe(sortFundRows.name, () => {
  it('sorts every row by fund code (public for every fund), published or not', () => {
    expect(codes(sortFundRows(ROWS, { column: 'caisse', order: 'croissant' }))).toEqual(['011', '021', '131', '311', '594', '751', '971']);
    expect(codes(sortFundRows(ROWS, { column: 'caisse', order: 'decroissant' }))).toEqual(['971', '751', '594', '311', '131', '021', '011']);
  });

  it('puts a median not reached after every reached one when ascending, first when descending; ties in code order', () => {
    expect(codes(sortFundRows(ROWS, { column: 'mediane', order: 'croissant' }))).toEqual(['311', '751', '971', '131', '594', '011', '021']);
    expect(codes(sortFundRows(ROWS, { column: 'mediane', order: 'decroissant' }))).toEqual(['594', '131', '751', '971', '311', '011', '021']);
  });

  it('keeps the rows without a published figure last, in code order, whatever the figure and the order', () => {
    for (const column of ['signalements', 'centile90', 'part', 'moyenne'] as const) {
      for (const order of ['croissant', 'decroissant'] as const) {
        expect(codes(sortFundRows(ROWS, { column, order })).slice(-2)).toEqual(['011', '021']);
      }
    }
    expect(codes(sortFundRows(ROWS, { column: 'signalements', order: 'decroissant' }))).toEqual(['751', '131', '594', '971', '311', '011', '021']);
    expect(codes(sortFundRows(ROWS, { column: 'part', order: 'croissant' }))).toEqual(['311', '751', '971', '131', '594', '011', '021']);
  });

  it('leaves its input untouched', () => {
    const before = codes(ROWS);
    sortFundRows(ROWS, { column: 'mediane', order: 'decroissant' });
    expect(codes(ROWS)).toEqual(before);
  });
});
