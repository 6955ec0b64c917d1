import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { consequenceMaskSql, fundFactSql, MAX_PACKED_DURATION, packFactSql, unpackFact, unpackFundFact } from '../src/stats/report-fact-layout';
import { StatsService } from '../src/stats/stats.service';
import { seededRandom } from './seeded-random';
import { insertReports, ReportRow, sameReports, seededUuid } from './stats-factory';
import { startTestApp, TestApp } from './test-app';

type Row = { group: Record<string, string>; suppressed: boolean; reports?: number; medianDays?: number; fundPart?: unknown; consequences?: unknown };

// Disclosure control on PostgreSQL, through the API: noisy releases keyed by contents, the
// threshold on noisy counts, empty cells answered as suppressed, releases per epoch. The
// mechanism's own properties are unit-tested in src/stats; the attacks in disclosure-attacks.spec.ts.
describe('disclosure control', () => {
  let testApp: TestApp;
  const random = seededRandom(17);
  beforeAll(async () => (testApp = await startTestApp()));
  afterAll(async () => testApp.close());
  beforeEach(async () => testApp.db.query('TRUNCATE reports, stats_cells, stats_snapshots'));

  const refresh = () => testApp.app.get(StatsService).refresh();
  const stats = async (query: string) => (await testApp.http.get(`/api/stats?${query}`).expect(200)).body as { rows: Row[]; total: Row };
  const withIds = (rows: ReportRow[]) => rows.map((row) => ({ ...row, id: seededUuid(random) }));

  it('publishes noisy counts and binned delays, and never a cell of a few reports', async () => {
    await insertReports(testApp.db, withIds([...sameReports(60, '751', 20), ...sameReports(2, '931', 10)]));
    await refresh();
    const rows = Object.fromEntries((await stats('groupBy=caisse&region=%C3%8Ele-de-France')).rows.map((row) => [row.group.caisse, row]));
    expect(rows['931']).toEqual({ group: { caisse: '931', caisseName: expect.any(String) }, suppressed: true });
    expect(rows['751'].suppressed).toBe(false);
    // σ = 2: more than 10 off has a probability under 1e-6.
    expect(Math.abs(rows['751'].reports! - 60)).toBeLessThanOrEqual(10);
    // 20 days falls in the bin (14, 21], published as its last day.
    expect(rows['751'].medianDays).toBe(21);
  });

  it('answers a cell with no report exactly as a suppressed one', async () => {
    await insertReports(testApp.db, withIds([...sameReports(60, '751', 20), ...sameReports(2, '931', 10)]));
    await refresh();
    const body = await stats('groupBy=caisse&region=%C3%8Ele-de-France');
    const empty = body.rows.find((row) => row.group.caisse === '941');
    const few = body.rows.find((row) => row.group.caisse === '931');
    expect(Object.keys(empty!).sort()).toEqual(Object.keys(few!).sort());
    expect(empty!.suppressed).toBe(true);
    // Every fund of the région is a row, whatever it holds.
    expect(body.rows.map((row) => row.group.caisse).sort()).toEqual(['751', '771', '781', '911', '921', '931', '941', '951']);
    expect((await stats('groupBy=kind&caisse=601')).total).toEqual({ suppressed: true });
  });

  it('gives cells holding the same reports the same figures (a département served by one fund), and a refresh the same figures for the same reports', async () => {
    await insertReports(testApp.db, withIds(sameReports(40, '481', 30)));
    await refresh();
    const fund = (await stats('groupBy=kind&caisse=481')).total;
    const departement = (await stats('groupBy=kind&departement=48')).total;
    const region = (await stats('groupBy=kind&region=Occitanie')).total;
    expect(fund.suppressed).toBe(false);
    expect(departement).toEqual(fund);
    expect(region).toEqual(fund);
    await testApp.db.query('TRUNCATE stats_cells, stats_snapshots');
    await refresh();
    expect((await stats('groupBy=kind&caisse=481')).total).toEqual(fund);
  });

  it('releases a cell again only when enough reports changed, and then with other noise', async () => {
    await insertReports(testApp.db, withIds(sameReports(40, '751', 20)));
    await refresh();
    const first = (await stats('groupBy=region')).total;
    await refresh();
    expect((await stats('groupBy=region')).total).toEqual(first);
    await insertReports(testApp.db, withIds(sameReports(30, '751', 50)));
    await refresh();
    const second = (await stats('groupBy=region')).total;
    expect(second.reports).toBeGreaterThan(first.reports! + 15);
  });

  it('suppresses the fund part and the consequences on their own noisy counts', async () => {
    const withAnswers = (rows: ReportRow[], certificates: number, answered: number) =>
      rows.map((row, index) => ({ ...row, certificate: index < certificates ? row.leave : null, consequences: index < answered ? ['overdraft'] : [] }));
    await insertReports(testApp.db, withIds([...withAnswers(sameReports(60, '751', 20), 50, 40), ...withAnswers(sameReports(60, '921', 30), 2, 1)]));
    await refresh();
    const rows = Object.fromEntries((await stats('groupBy=caisse&region=%C3%8Ele-de-France')).rows.map((row) => [row.group.caisse, row]));
    expect(rows['921']).toMatchObject({ suppressed: false, fundPart: { suppressed: true }, consequences: { suppressed: true } });
    expect(rows['751']).toMatchObject({ suppressed: false, fundPart: { medianDays: 21 } });
    // Every answer cites an overdraft; both counts are noisy, so the share is close to 1, not exactly.
    expect((rows['751'].consequences as { overdraft: number }).overdraft).toBeGreaterThan(0.75);
  });

  it('publishes at most once per release epoch', async () => {
    const weekly = await startTestApp({ STATS_RELEASE_DAYS: '7' });
    try {
      await insertReports(weekly.db, withIds(sameReports(40, '751', 20)));
      expect(await weekly.app.get(StatsService).refresh()).toMatchObject({ refreshed: true });
      await insertReports(weekly.db, withIds(sameReports(40, '751', 60)));
      expect(await weekly.app.get(StatsService).refresh()).toMatchObject({ refreshed: false, reason: 'released-this-epoch' });
      expect((await weekly.db.query('SELECT count(*)::int AS count FROM stats_snapshots'))[0].count).toBe(1);
    } finally {
      await weekly.close();
    }
  });
});

describe('packed report facts (report-fact-layout.ts)', () => {
  let testApp: TestApp;
  beforeAll(async () => (testApp = await startTestApp()));
  afterAll(async () => testApp.close());

  it('decodes in Node what PostgreSQL packs, for every field at its limits and every consequence', async () => {
    const cases = [
      { duration: 0, paid: 0, consequences: [] as string[], idBucket: 0, contentBucket: 0, fund: null as number | null },
      { duration: 35, paid: 1, consequences: ['overdraft', 'borrowed'], idBucket: 15, contentBucket: 7, fund: 12 },
      {
        duration: MAX_PACKED_DURATION,
        paid: 1,
        consequences: ['overdraft', 'unpaid_bills', 'borrowed', 'emergency_aid'],
        idBucket: 3,
        contentBucket: 15,
        fund: 0,
      },
      { duration: 400, paid: 0, consequences: ['none'], idBucket: 9, contentBucket: 1, fund: 400 },
    ];
    for (const item of cases) {
      const [row] = await testApp.db.query(
        `SELECT ${packFactSql({ duration: '$1::int', paid: '$2::int', consequenceMask: consequenceMaskSql('$3::text[]'), idBucket: '$4::int', contentBucket: '$5::int' })} AS fact,
                ${fundFactSql('$6::int', '$2::int::boolean')} AS fund_fact`,
        [item.duration, item.paid, item.consequences, item.idBucket, item.contentBucket, item.fund],
      );
      const fact = unpackFact(row.fact as number);
      expect(fact).toEqual({
        duration: item.duration,
        paid: item.paid === 1,
        idBucket: item.idBucket,
        contentBucket: item.contentBucket,
        consequenceMask: fact.consequenceMask,
      });
      const names = ['overdraft', 'unpaid_bills', 'borrowed', 'emergency_aid', 'none'].filter((_, bit) => fact.consequenceMask & (1 << bit));
      expect(names).toEqual(item.consequences);
      expect(unpackFundFact(row.fund_fact as number)).toEqual(item.fund === null ? null : { duration: item.fund, paid: item.paid === 1 });
    }
  });
});
