import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parisToday } from '../src/config/paris-date';
import { StatsRepository } from '../src/stats/stats.repository';
import { StatsService } from '../src/stats/stats.service';
import { expectErrorShape } from './error-shape';
import { seededRandom } from './seeded-random';
import { expectedFiguresOfRelease, StoredRelease } from './stats-expected';
import { addDays, insertReports, ReportRow } from './stats-factory';
import { startTestApp, TestApp } from './test-app';

const FUNDS = ['751', '751', '751', '931', '921', '594', '595', '597', '599', '021', '601', '971', '481', '311'];
const KINDS = ['maladie', 'maladie', 'maladie', 'accident_travail', 'maladie_professionnelle', 'maternite', 'paternite'];
const ANSWERS = [['overdraft'], ['overdraft', 'unpaid_bills'], ['borrowed'], ['emergency_aid', 'overdraft'], ['none']];

/** A few thousand reports with skewed delays, a share still waiting, subrogated and excluded ones. */
function generateReports(count: number): ReportRow[] {
  const random = seededRandom(20261129);
  const today = parisToday();
  const pick = <T>(values: T[]) => values[Math.floor(random() * values.length)];
  return Array.from({ length: count }, () => {
    const leave = addDays('2024-01-01', Math.floor(random() * 1000));
    const available = Math.max(0, Math.round((Date.parse(today) - Date.parse(leave)) / 86_400_000));
    const delay = Math.floor(-Math.log(1 - random()) * 30);
    const paid = random() < 0.78 && delay <= available;
    const statusDays = paid ? delay : Math.min(available, Math.floor(random() * 120));
    return {
      caisse: pick(FUNDS),
      kind: pick(KINDS),
      leave,
      paid: paid ? addDays(leave, delay) : null,
      statusAsOf: addDays(leave, statusDays),
      certificate: random() < 0.6 ? addDays(leave, Math.floor(random() * (statusDays + 1))) : null,
      consequences: random() < 0.5 ? pick(ANSWERS) : [],
      subrogation: random() < 0.08,
      moderation: random() < 0.03 ? 'excluded' : 'accepted',
    };
  });
}

describe('GET /api/stats', () => {
  let testApp: TestApp;
  let reports: ReportRow[];
  let caisses: { code: string; departements: string[]; region: string }[];

  beforeAll(async () => {
    testApp = await startTestApp();
    caisses = (await testApp.http.get('/api/caisses').expect(200)).body;
  });
  afterAll(async () => testApp.close());

  it('answers 503 with Retry-After before the first snapshot', async () => {
    const response = await testApp.http.get('/api/stats').expect(503);
    expectErrorShape(response.body, 503, 'UNAVAILABLE');
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  });

  it.each([
    ['groupBy=fund', 'groupBy'],
    ['period=2014', 'period'],
    ['period=2026-13', 'period'],
    ['period=2026-Q5', 'period'],
    ['period=last-year', 'period'],
    ['kind=sick', 'kind'],
    ['caisse=999', 'caisse'],
    ['region=Atlantis', 'region'],
    ['departement=00', 'departement'],
    ['caisse=751&region=%C3%8Ele-de-France', 'caisse'],
    ['groupBy=region&departement=75', 'groupBy'],
    ['groupBy=kind&kind=maladie', 'groupBy'],
    ['groupBy=month&period=2025-03', 'groupBy'],
    ['groupBy=year&period=2025', 'groupBy'],
    ['from=2025-01-01', 'from'],
  ])('refuses %s naming %s', async (query, field) => {
    const response = await testApp.http.get(`/api/stats?${query}`).expect(400);
    expectErrorShape(response.body, 400, 'VALIDATION_FAILED');
    expect(response.body.details.map((detail: { field: string }) => detail.field)).toContain(field);
  });

  it("publishes what an independent Kaplan–Meier gives on each cell's released histogram, released close to the true counts", async () => {
    reports = generateReports(4000);
    await insertReports(testApp.db, reports);
    const summary = await testApp.app.get(StatsService).refresh();
    expect(summary).toMatchObject({ refreshed: true, reports: reports.filter((r) => r.moderation === 'accepted' && !r.subrogation).length });

    const counted = reports.filter((r) => r.moderation === 'accepted' && !r.subrogation);
    const fundsOf = (field: 'caisse' | 'departement' | 'region', value: string) =>
      new Set(
        caisses
          .filter((c) => (field === 'caisse' ? c.code === value : field === 'region' ? c.region === value : c.departements.includes(value)))
          .map((c) => c.code),
      );
    const inPeriod = (leave: string, period: string) =>
      period === 'all' ||
      leave.startsWith(period) ||
      (period.includes('Q') && leave.startsWith(period.slice(0, 4)) && `Q${Math.floor((Number(leave.slice(5, 7)) - 1) / 3) + 1}` === period.slice(5));
    const select = (filters: Record<string, string>) =>
      counted.filter((r) => {
        for (const [field, value] of Object.entries(filters)) {
          if ((field === 'caisse' || field === 'departement' || field === 'region') && !fundsOf(field, value).has(r.caisse)) return false;
          if (field === 'kind' && value !== 'all' && r.kind !== value) return false;
          if ((field === 'period' || field === 'month' || field === 'quarter' || field === 'year') && !inPeriod(r.leave, value)) return false;
        }
        return true;
      });
    const releases = new Map<string, StoredRelease>(
      (await testApp.db.query(`SELECT cell, figures::json -> 'release' AS release FROM stats_cells WHERE NOT suppressed`)).map((row) => [
        row.cell as string,
        row.release as StoredRelease,
      ]),
    );
    const cellOf = (filters: Record<string, string>) => {
      const geography = (['caisse', 'departement', 'region'] as const).find((field) => filters[field] !== undefined);
      const period = filters.month ?? filters.quarter ?? filters.year ?? filters.period ?? 'all';
      const periodLevel = period === 'all' ? 'all' : /^\d{4}$/.test(period) ? 'year' : period.includes('Q') ? 'quarter' : 'month';
      return `${geography ?? 'national'}:${geography ? filters[geography] : 'FR'}|${filters.kind ?? 'all'}|${periodLevel}:${period}`;
    };

    let compared = 0;
    for (const query of [
      'groupBy=caisse',
      'groupBy=departement&region=Hauts-de-France',
      'groupBy=region&period=2025',
      'groupBy=kind&caisse=751',
      'groupBy=month&period=2025',
      'groupBy=quarter&kind=maladie',
      'groupBy=year&departement=59',
      'groupBy=caisse&departement=971&period=2025-Q2',
    ]) {
      const body = (await testApp.http.get(`/api/stats?${query}`).expect(200)).body;
      const filters = Object.fromEntries(new URLSearchParams(query));
      delete filters.groupBy;
      for (const row of [{ ...body.total, group: {} }, ...body.rows]) {
        if (row.suppressed) continue;
        const group = { ...row.group };
        delete group.caisseName;
        const cellFilters = { ...filters, ...group };
        const release = releases.get(cellOf(cellFilters));
        expect(release).toBeDefined();
        const expected = expectedFiguresOfRelease(release!, 30);
        const { fundPart, consequences, group: _group, suppressed: _suppressed, ...figures } = row;
        const { fundPart: expectedFundPart, ...expectedFigures } = expected;
        expect({ cell: cellOf(cellFilters), ...figures }).toEqual({ cell: cellOf(cellFilters), ...expectedFigures });
        if (!fundPart.suppressed) expect({ medianDays: fundPart.medianDays, p90Days: fundPart.p90Days }).toEqual(expectedFundPart);
        // The release is the truth plus noise of σ = 2: more than 10 off has a probability under 1e-6 per cell.
        expect(Math.abs(row.reports - select(cellFilters).length)).toBeLessThanOrEqual(10);
        expect(consequences.suppressed || consequences.answered >= 11).toBe(true);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(25);
  });

  it('gives a cell one fate and the same figures in every table it is a row of', async () => {
    for (const row of (await testApp.http.get('/api/stats?groupBy=caisse&period=2025').expect(200)).body.rows) {
      const own = (await testApp.http.get(`/api/stats?groupBy=kind&period=2025&caisse=${row.group.caisse}`).expect(200)).body.total;
      const { group: _group, ...figures } = row;
      expect(own).toEqual(figures);
    }
  });

  it('streams the whole protected cube, as the API publishes it', async () => {
    const stats = testApp.app.get(StatsService);
    const info = await stats.getSnapshotInfo();
    const rows = [];
    for await (const row of stats.streamCube()) rows.push(row);
    expect(rows).toHaveLength(info!.cells);
    expect(rows.every((row) => !row.suppressed)).toBe(true);
    const national = rows.find((row) => row.geoLevel === 'national' && row.kind === 'all' && row.periodLevel === 'all');
    expect(national).toEqual({
      geoLevel: 'national',
      geoCode: 'FR',
      geoName: 'FR',
      kind: 'all',
      periodLevel: 'all',
      period: 'all',
      ...(await testApp.http.get('/api/stats').expect(200)).body.total,
    });
    expect(rows.find((row) => row.geoLevel === 'caisse' && row.geoCode === '751')?.geoName).toBe('CPAM de Paris');
    // A suppressed cell's figures do not even leave the database, whichever way outputs read cells.
    const repository = testApp.app.get(StatsRepository);
    const keys: string[] = [];
    for await (const page of repository.streamCells(100)) {
      for (const cell of page.cells) expect([cell.cell, cell.figures === null]).toEqual([cell.cell, cell.suppressed]);
      keys.push(...page.cells.map((cell) => cell.cell));
    }
    expect(keys.length).toBeGreaterThan(rows.length);
    const found = await repository.findCells(keys);
    expect(found?.cells).toHaveLength(keys.length);
    for (const cell of found!.cells) expect([cell.cell, cell.figures === null]).toEqual([cell.cell, cell.suppressed]);
  });

  it('answers in the contract shape, every fund a row with its name, empty ones as suppressed', async () => {
    const body = (await testApp.http.get('/api/stats?period=2025').expect(200)).body;
    expect(body).toMatchObject({ thresholdDays: 30, minGroupSize: 11, query: { groupBy: 'caisse', period: '2025', kind: 'all' } });
    expect(new Date(body.snapshotAt).toISOString()).toBe(body.snapshotAt);
    expect(body.rows.map((row: { group: { caisse: string } }) => row.group.caisse)).toEqual(caisses.map((caisse) => caisse.code).sort());
    expect(body.rows.find((row: { group: { caisse: string } }) => row.group.caisse === '976')).toEqual({
      group: { caisse: '976', caisseName: expect.any(String) },
      suppressed: true,
    });
    expect(body.rows.find((row: { group: { caisse: string } }) => row.group.caisse === '751').group.caisseName).toBe('CPAM de Paris');
    for (const row of body.rows.filter((candidate: { suppressed: boolean }) => candidate.suppressed)) {
      expect(Object.keys(row).sort()).toEqual(['group', 'suppressed']);
    }
  });
});
