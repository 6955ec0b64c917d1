import { runLoad } from './load';
import { median, startServer } from './processes';
import type { Scenario, SeededContext } from './scenarios';

// Fund pages of several funds and selections, as links shared from the dashboard would ask them,
// one with a before/after comparison (two quarters the seed fills for every fund); they read
// the snapshot through StatsService, never the reports, and are kept finished (FinishedPages).
const FUND_PAGE_PATHS = [
  '/statistiques/caisses/751',
  '/statistiques/caisses/131?period=2025',
  '/statistiques/caisses/594?kind=maladie',
  '/statistiques/caisses/291?period=2025-Q3',
  '/statistiques/caisses/931?period=2024&kind=accident_travail',
  '/statistiques/caisses/481',
  '/statistiques/departements/59',
  '/statistiques/caisses/011?period=2025-06',
  '/statistiques/caisses/751?before=2025-Q2&after=2025-Q3',
];

// /statistiques as people open it and share it: default view, sorted, filtered.
const DASHBOARD_PATHS = [
  '/statistiques',
  '/statistiques?tri=mediane',
  '/statistiques?period=2025',
  '/statistiques?kind=maladie',
  '/statistiques?period=2025-Q3&tri=part',
];

const PAGE_SETS = [
  { label: 'fund and département pages', paths: FUND_PAGE_PATHS },
  { label: '/statistiques', paths: DASHBOARD_PATHS },
];

/** GET /statistiques/caisses/{code} (and a département page), then /statistiques, at the seeded size. */
export async function measureFundPages(context: SeededContext): Promise<Scenario[]> {
  const app = await startServer(
    'app',
    ['dist/main.js'],
    { DATABASE_URL: context.databaseUrl, STATS_REFRESH_MINUTES: '10080', RATE_LIMIT_ENABLED: 'false' },
    3905,
  );
  try {
    const scenarios: Scenario[] = [];
    for (const { label, paths } of PAGE_SETS) {
      await runLoad({ url: `${app.url}/statistiques`, connections: 10, seconds: 2, paths });
      const runs = [];
      for (let round = 0; round < context.rounds; round++) {
        runs.push(await runLoad({ url: `${app.url}/statistiques`, connections: 10, seconds: context.seconds, paths }));
      }
      scenarios.push({
        name: `${label} at ${context.reports} reports (10 connections, ${paths.length} addresses)`,
        target: 'median < 10 ms, ≥ 500 pages/s',
        requestsPerSecond: Math.round(median(runs.map((run) => run.requestsPerSecond))),
        p50Ms: median(runs.map((run) => run.p50Ms)),
        p99Ms: median(runs.map((run) => run.p99Ms)),
        errors: runs.reduce((sum, run) => sum + run.errors + run.non2xx, 0),
      });
    }
    return scenarios;
  } finally {
    await app.stop();
  }
}
