import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { StatsService } from '../src/stats/stats.service';
import { seededRandom } from './seeded-random';
import { insertReports, ReportRow, sameReports, seededUuid } from './stats-factory';
import { startTestApp, TestApp } from './test-app';

type Row = { group: Record<string, string>; suppressed: boolean; reports?: number; fundPart?: unknown; consequences?: unknown };

describe('disclosure control', () => {
  let testApp: TestApp;
  beforeAll(async () => (testApp = await startTestApp()));
  afterAll(async () => testApp.close());
  beforeEach(async () => testApp.db.query('TRUNCATE reports, stats_cells, stats_snapshots'));

  const refresh = () => testApp.app.get(StatsService).refresh();
  const stats = async (query: string) => (await testApp.http.get(`/api/stats?${query}`).expect(200)).body as { rows: Row[]; total: Row };
  /** The fate of each row: its key → 'suppressed' or its report count. */
  const fates = async (query: string) =>
    Object.fromEntries((await stats(query)).rows.map((row) => [Object.values(row.group)[0], row.suppressed ? 'suppressed' : row.reports]));

  it('suppresses a fund under the threshold, and the smallest other one so that no subtraction recovers it', async () => {
    await insertReports(testApp.db, [...sameReports(30, '751', 20), ...sameReports(15, '921', 40), ...sameReports(5, '931', 10)]);
    await refresh();
    const body = await stats('groupBy=caisse&region=%C3%8Ele-de-France');
    expect(body.total).toMatchObject({ suppressed: false, reports: 50 });
    expect(body.rows.find((row) => row.group.caisse === '931')).toEqual({ group: { caisse: '931', caisseName: expect.any(String) }, suppressed: true });
    expect(await fates('groupBy=caisse&region=%C3%8Ele-de-France')).toEqual({ '751': 30, '921': 'suppressed', '931': 'suppressed' });
    expect(await fates('groupBy=caisse')).toEqual({ '751': 30, '921': 'suppressed', '931': 'suppressed' });
    // The same fate in every table: the fund's own cell, asked directly.
    expect((await stats('groupBy=kind&caisse=921')).total).toEqual({ suppressed: true });
  });

  it('applies complementary suppression along kind', async () => {
    await insertReports(testApp.db, [
      ...sameReports(30, '751', 20),
      ...sameReports(14, '751', 35, { kind: 'accident_travail' }),
      ...sameReports(4, '751', 50, { kind: 'maternite' }),
    ]);
    await refresh();
    expect(await fates('groupBy=kind&caisse=751')).toEqual({ maladie: 30, accident_travail: 'suppressed', maternite: 'suppressed' });
    expect((await stats('groupBy=month&caisse=751&kind=accident_travail')).total).toEqual({ suppressed: true });
  });

  it('applies complementary suppression along months, quarters and years', async () => {
    await insertReports(testApp.db, [
      ...sameReports(20, '751', 20, { leave: '2025-01-15' }),
      ...sameReports(15, '751', 20, { leave: '2025-02-15' }),
      ...sameReports(5, '751', 20, { leave: '2025-03-15' }),
      ...sameReports(40, '751', 20, { leave: '2025-07-15' }),
    ]);
    await refresh();
    expect(await fates('groupBy=month&period=2025-Q1')).toEqual({ '2025-01': 20, '2025-02': 'suppressed', '2025-03': 'suppressed' });
    expect(await fates('groupBy=month&period=2025')).toEqual({ '2025-01': 20, '2025-02': 'suppressed', '2025-03': 'suppressed', '2025-07': 40 });
    expect(await fates('groupBy=quarter&period=2025')).toEqual({ '2025-Q1': 40, '2025-Q3': 40 });
    expect(await fates('groupBy=year')).toEqual({ '2025': 80 });
    // A month hidden in one table is hidden in all of them, whatever the parent.
    expect((await stats('groupBy=caisse&period=2025-02')).total).toEqual({ suppressed: true });
  });

  it('applies complementary suppression along years and quarters', async () => {
    await insertReports(testApp.db, [
      ...sameReports(5, '751', 20, { leave: '2023-05-15' }),
      ...sameReports(15, '751', 20, { leave: '2024-02-15' }),
      ...sameReports(30, '751', 20, { leave: '2025-07-15' }),
    ]);
    await refresh();
    expect(await fates('groupBy=year')).toEqual({ '2023': 'suppressed', '2024': 'suppressed', '2025': 30 });
    expect(await fates('groupBy=quarter')).toEqual({ '2023-Q2': 'suppressed', '2024-Q1': 'suppressed', '2025-Q3': 30 });
    expect(await fates('groupBy=month')).toEqual({ '2023-05': 'suppressed', '2024-02': 'suppressed', '2025-07': 30 });
  });

  it('gives a département served by a single fund the fate of that fund, along départements and regions', async () => {
    // Hauts-de-France: 594 is under the threshold, so 801 (the smallest other fund) is hidden in
    // the table of funds (and 595 in Nord's). The Somme (80) holds exactly 801's reports: it must
    // be hidden too, although no département is under the threshold; then Nord (59) as the
    // smallest other département.
    await insertReports(testApp.db, [
      ...sameReports(40, '021', 20), ...sameReports(5, '594', 30), ...sameReports(13, '595', 25), ...sameReports(12, '801', 60),
    ]);
    await refresh();
    expect(await fates('groupBy=caisse&region=Hauts-de-France')).toEqual({ '021': 40, '594': 'suppressed', '595': 'suppressed', '801': 'suppressed' });
    expect(await fates('groupBy=departement&region=Hauts-de-France')).toEqual({ '02': 40, '59': 'suppressed', '80': 'suppressed' });
    expect(await fates('groupBy=departement')).toEqual({ '02': 40, '59': 'suppressed', '80': 'suppressed' });
    expect((await stats('groupBy=kind&departement=80')).total).toEqual({ suppressed: true });
  });

  it('hides Guadeloupe\'s three départements with its fund, and Mayotte at every level', async () => {
    await insertReports(testApp.db, [...sameReports(30, '751', 20), ...sameReports(12, '971', 45), ...sameReports(5, '976', 30)]);
    await refresh();
    expect(await fates('groupBy=caisse')).toEqual({ '751': 30, '971': 'suppressed', '976': 'suppressed' });
    expect(await fates('groupBy=departement')).toEqual({ '75': 30, '971': 'suppressed', '976': 'suppressed', '977': 'suppressed', '978': 'suppressed' });
    expect(await fates('groupBy=region')).toEqual({ 'Île-de-France': 30, Guadeloupe: 'suppressed', Mayotte: 'suppressed' });
  });

  it('counts Guadeloupe\'s three départements as one hidden figure', async () => {
    // France = 75 + 59 + Guadeloupe (once): with 971, 977 and 978 hidden and the rest published,
    // subtraction would give Guadeloupe's count; so Nord is hidden too.
    await insertReports(testApp.db, [...sameReports(40, '751', 20), ...sameReports(15, '594', 20), ...sameReports(15, '595', 25), ...sameReports(5, '971', 30)]);
    await refresh();
    expect(await fates('groupBy=departement')).toEqual({ '75': 40, '59': 'suppressed', '971': 'suppressed', '977': 'suppressed', '978': 'suppressed' });
  });

  it('suppresses fundPart and consequences on their own counts, with complementary suppression', async () => {
    const withAnswers = (rows: ReportRow[], certificates: number, answered: number) =>
      rows.map((row, index) => ({ ...row, certificate: index < certificates ? row.leave : null, consequences: index < answered ? ['overdraft'] : [] }));
    await insertReports(testApp.db, [
      ...withAnswers(sameReports(30, '751', 20), 25, 20),
      ...withAnswers(sameReports(20, '921', 30), 15, 15),
      ...withAnswers(sameReports(20, '931', 40), 5, 8),
    ]);
    await refresh();
    const body = await stats('groupBy=caisse&region=%C3%8Ele-de-France');
    const byFund = Object.fromEntries(body.rows.map((row) => [row.group.caisse, row]));
    expect(body.rows.every((row) => !row.suppressed)).toBe(true);
    expect(byFund['931']).toMatchObject({ fundPart: { suppressed: true }, consequences: { suppressed: true } });
    expect(byFund['921']).toMatchObject({ fundPart: { suppressed: true }, consequences: { suppressed: true } });
    expect(byFund['751']).toMatchObject({ fundPart: { reports: 25, medianDays: 20 }, consequences: { answered: 20, overdraft: 1 } });
    expect(body.total).toMatchObject({ fundPart: { reports: 45 }, consequences: { answered: 43 } });
  });

  describe('publishes new figures only after 5 changes', () => {
    const random = seededRandom(5);
    const national = async () => (await stats('groupBy=region')).total;

    it('counts additions and removals', async () => {
      await insertReports(testApp.db, sameReports(20, '751', 20));
      await refresh();
      expect(await national()).toMatchObject({ reports: 20, medianDays: 20 });
      const added = await insertReports(testApp.db, sameReports(4, '751', 90));
      await refresh();
      expect(await national()).toMatchObject({ reports: 20, medianDays: 20 });
      added.push(...(await insertReports(testApp.db, sameReports(1, '751', 90))));
      await refresh();
      expect(await national()).toMatchObject({ reports: 25, paid: 25 });
      await testApp.db.query('DELETE FROM reports WHERE id = ANY ($1)', [added.slice(0, 4)]);
      await refresh();
      expect(await national()).toMatchObject({ reports: 25 });
      await testApp.db.query(`UPDATE reports SET moderation = 'excluded' WHERE id = $1`, [added[4]]);
      await refresh();
      expect(await national()).toMatchObject({ reports: 20 });
    });

    it('counts changed reports', async () => {
      const ids = await insertReports(testApp.db, sameReports(30, '751', null).map((row) => ({ ...row, id: seededUuid(random) })));
      await refresh();
      expect(await national()).toMatchObject({ reports: 30, paid: 0 });
      const pay = (some: string[]) => testApp.db.query(`UPDATE reports SET first_paid_on = leave_started_on + 10 WHERE id = ANY ($1)`, [some]);
      await pay(ids.slice(0, 4));
      await refresh();
      expect(await national()).toMatchObject({ reports: 30, paid: 0 });
      await pay(ids.slice(4, 20));
      await refresh();
      expect(await national()).toMatchObject({ reports: 30, paid: 20 });
    });
  });
});
