import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { StatsService } from '../src/stats/stats.service';
import { expectErrorShape } from './error-shape';
import { seededRandom } from './seeded-random';
import type { StoredRelease } from './stats-expected';
import { fixNoiseSecret, insertReports, reportsInQuarter, withSeededIds } from './stats-factory';
import { referenceSurvdiff, referenceSurvival, rowsOfHistogram } from './survival-reference';
import { startTestApp, TestApp } from './test-app';

const releaseHistogram = (release: StoredRelease) => {
  const width = release.times.length;
  return { times: Int32Array.from(release.times), events: Int32Array.from(release.main.slice(0, width)), censored: Int32Array.from(release.main.slice(width)) };
};

describe('GET /api/stats/compare', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
    const random = seededRandom(1414);
    await fixNoiseSecret(testApp.db);
    await insertReports(
      testApp.db,
      withSeededIds(
        [
          // Fund 751: delays about doubled from the first quarter of 2025 to the second.
          ...reportsInQuarter(random, '751', '2025-Q1', 80, 20, 0.1),
          ...reportsInQuarter(random, '751', '2025-Q2', 80, 45, 0.1),
          // Fund 931: the same delays both quarters.
          ...reportsInQuarter(random, '931', '2025-Q1', 60, 30, 0.1),
          ...reportsInQuarter(random, '931', '2025-Q2', 60, 30, 0.1),
          // Fund 481: two reports in the second quarter, never published.
          ...reportsInQuarter(random, '481', '2025-Q1', 60, 30, 0.1),
          ...reportsInQuarter(random, '481', '2025-Q2', 2, 30, 0.1),
        ],
        1515,
      ),
    );
    await testApp.app.get(StatsService).refresh();
  });
  afterAll(async () => testApp.close());

  const releaseOf = async (cell: string): Promise<StoredRelease> =>
    (await testApp.db.query(`SELECT figures::json -> 'release' AS release FROM stats_cells WHERE cell = $1 AND NOT suppressed`, [cell]))[0]
      .release as StoredRelease;

  it('compares two published quarters of a fund: the log-rank test and the difference of shares equal R’s survdiff and survfit on the released histograms', async () => {
    const body = (await testApp.http.get('/api/stats/compare?caisse=751&before=2025-Q1&after=2025-Q2').expect(200)).body;
    expect(body.query).toEqual({ before: '2025-Q1', after: '2025-Q2', kind: 'all', caisse: '751' });
    // Each side is what GET /api/stats publishes for the same cell.
    const quarters = (await testApp.http.get('/api/stats?caisse=751&period=2025&groupBy=quarter').expect(200)).body.rows;
    const { group: _first, ...q1 } = quarters.find((row: { group: { quarter: string } }) => row.group.quarter === '2025-Q1');
    const { group: _second, ...q2 } = quarters.find((row: { group: { quarter: string } }) => row.group.quarter === '2025-Q2');
    expect(body.before).toEqual(q1);
    expect(body.after).toEqual(q2);

    const before = rowsOfHistogram(releaseHistogram(await releaseOf('caisse:751|all|quarter:2025-Q1')));
    const after = rowsOfHistogram(releaseHistogram(await releaseOf('caisse:751|all|quarter:2025-Q2')));
    // The plain test on the released histograms is R's survdiff on them, reported beside the calibrated one.
    const reference = referenceSurvdiff(before, after);
    const { logRank } = body.comparison;
    expect(logRank.observedFirst).toBe(reference.observed);
    expect(Math.abs(logRank.expectedFirst - reference.expected)).toBeLessThan(1e-9);
    expect(Math.abs(logRank.uncalibratedChiSquare - reference.chiSquare)).toBeLessThan(1e-6 * reference.chiSquare);
    expect(Math.abs(logRank.uncalibratedPValue - reference.pValue)).toBeLessThan(1e-6);
    // The calibrated statistic reads O − E against the simulated spread of releases where nothing changed.
    const z = (logRank.observedFirst - logRank.expectedFirst - logRank.nullMean) / logRank.nullStandardDeviation;
    expect(logRank.chiSquare).toBeCloseTo(z * z, 9);
    expect(logRank.simulations).toBe(200);
    expect(logRank.chiSquare).toBeLessThan(logRank.uncalibratedChiSquare);
    // Delays about doubled: far from chance even so, and more people unpaid after 30 days.
    expect(logRank.pValue).toBeLessThan(0.001);
    const [a, b] = [referenceSurvival(before, 30), referenceSurvival(after, 30)];
    const { difference, interval } = body.comparison.shareDifference;
    expect(difference).toBeCloseTo(b.survival - a.survival, 12);
    expect(difference).toBeGreaterThan(0);
    // Centred on the difference; its width comes from simulated releases, of the order of Greenwood's (which ignores the noise).
    expect((interval[0] + interval[1]) / 2).toBeCloseTo(difference, 12);
    const greenwood = 1.959963984540054 * Math.sqrt(a.variance + b.variance);
    expect((interval[1] - interval[0]) / 2 / greenwood).toBeGreaterThan(0.8);
    expect((interval[1] - interval[0]) / 2 / greenwood).toBeLessThan(2);
  });

  it('finds no difference worth the name between two quarters drawn alike', async () => {
    const body = (await testApp.http.get('/api/stats/compare?caisse=931&before=2025-Q1&after=2025-Q2').expect(200)).body;
    expect(body.comparison.logRank.pValue).toBeGreaterThan(0.01);
  });

  it('compares nothing with a suppressed side: both sides are shown as published, the comparison is null', async () => {
    const body = (await testApp.http.get('/api/stats/compare?caisse=481&before=2025-Q1&after=2025-Q2').expect(200)).body;
    expect(body.after).toEqual({ suppressed: true });
    expect(body.comparison).toBeNull();
    // A fund without any report reads the same.
    const empty = (await testApp.http.get('/api/stats/compare?caisse=011&before=2025-Q1&after=2025-Q2').expect(200)).body;
    expect(empty).toMatchObject({ before: { suppressed: true }, after: { suppressed: true }, comparison: null });
  });

  it.each([
    ['before=2025&after=2025-Q2', 'after'],
    ['before=2025-Q2&after=2025-Q1', 'after'],
    ['before=2025-Q1&after=2025-Q1', 'after'],
    ['before=all&after=2025-Q2', 'before'],
    ['before=2025-01-15&after=2025-Q2', 'before'],
    ['before=2025-Q1', 'after'],
    ['before=2025-Q1&after=2025-Q2&caisse=999', 'caisse'],
    ['before=2025-Q1&after=2025-Q2&caisse=751&region=Occitanie', 'caisse'],
    ['before=2010&after=2025', 'before'],
  ])('refuses %s naming %s', async (query, field) => {
    const response = await testApp.http.get(`/api/stats/compare?${query}`).expect(400);
    expectErrorShape(response.body, 400, 'VALIDATION_FAILED');
    expect(response.body.details.map((detail: { field: string }) => detail.field)).toContain(field);
  });
});
