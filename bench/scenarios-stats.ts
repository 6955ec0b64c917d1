import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { runLoad } from './load';
import { downloadMeasuringServer, median, residentMegabytes, startServer } from './processes';
import type { Scenario, SeededContext } from './scenarios';

const ROOT = join(__dirname, '..');

/** `npm run cli -- stats:refresh` against the bench database; answers the refresh's own duration. */
export function refreshSnapshot(databaseUrl: string): number {
  // Every refresh a release epoch: the bench measures the work of a release, not the epoch's skip.
  const env = { ...process.env, DATABASE_URL: databaseUrl, STATS_RELEASE_DAYS: '0' };
  const output = execFileSync(process.execPath, ['dist/cli/cli.js', 'stats:refresh'], { cwd: ROOT, env }).toString();
  const match = / in (\d+) ms/.exec(output);
  if (!match) throw new Error(`unexpected stats:refresh output: ${output}`);
  return Number(match[1]);
}

// A spread of the queries a dashboard and union scripts send: every groupBy, with filters.
const STATS_PATHS = [
  '/api/stats',
  '/api/stats?groupBy=region',
  '/api/stats?groupBy=departement&period=2025',
  '/api/stats?groupBy=kind&caisse=751',
  '/api/stats?groupBy=month&period=2025&caisse=931',
  '/api/stats?groupBy=quarter&region=Occitanie',
  '/api/stats?groupBy=year&kind=maladie',
  '/api/stats?groupBy=caisse&period=2025-Q3&kind=accident_travail',
  '/api/stats?groupBy=caisse&region=%C3%8Ele-de-France&period=2024',
  '/api/stats?groupBy=departement&kind=maternite',
];

// The same figures computed live from the reports table: what the snapshot avoids.
const LIVE_GROUP_BY = `
  SELECT caisse_code, count(*)::int,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY first_paid_on - leave_started_on) AS median
  FROM reports WHERE first_paid_on IS NOT NULL AND NOT subrogation
  GROUP BY caisse_code`;

async function timeLiveGroupBy(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const timings: number[] = [];
    for (let run = 0; run < 3; run++) {
      const started = process.hrtime.bigint();
      await client.query(LIVE_GROUP_BY);
      timings.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    return median(timings);
  } finally {
    await client.end();
  }
}

/** GET /api/stats at the seeded size, against the live GROUP BY it replaces. */
export async function measureStatsReads(context: SeededContext): Promise<Scenario[]> {
  const app = await startServer(
    'app',
    ['dist/main.js'],
    { DATABASE_URL: context.databaseUrl, STATS_REFRESH_MINUTES: '10080', RATE_LIMIT_ENABLED: 'false' },
    3903,
  );
  try {
    await runLoad({ url: `${app.url}/api/stats`, connections: 10, seconds: 2, paths: STATS_PATHS });
    const runs = [];
    for (let round = 0; round < context.rounds; round++) {
      runs.push(await runLoad({ url: `${app.url}/api/stats`, connections: 10, seconds: context.seconds, paths: STATS_PATHS }));
    }
    const liveMs = await timeLiveGroupBy(context.databaseUrl);
    const p50 = median(runs.map((run) => run.p50Ms));
    const comparisons = await timeComparisons(app.url);
    return [
      comparisons,
      {
        name: `GET /api/stats at ${context.reports} reports (10 connections, 10 query shapes)`,
        target: 'median < 5 ms, ≥ 1,000 requests/s',
        baseline: 'the same kind of figure computed live (GROUP BY + percentile_cont over reports)',
        requestsPerSecond: Math.round(median(runs.map((run) => run.requestsPerSecond))),
        p50Ms: p50,
        p99Ms: median(runs.map((run) => run.p99Ms)),
        errors: runs.reduce((sum, run) => sum + run.errors + run.non2xx, 0),
        liveGroupByMs: Math.round(liveMs),
        ratio: Number((liveMs / Math.max(p50, 0.5)).toFixed(0)),
      },
    ];
  } finally {
    await app.stop();
  }
}

/**
 * Issue 14's added cost, measured on the snapshot the refresh wrote: the alerts of the snapshot
 * (every fund's last quarter against two baselines, each a calibrated log-rank test, computed on
 * the first read and cached), then GET /api/stats/compare one request at a time, then the same again.
 */
async function timeComparisons(url: string): Promise<Scenario> {
  const timed = async (path: string) => {
    const started = process.hrtime.bigint();
    const answer = await fetch(`${url}${path}`);
    const body = (await answer.json()) as { compared?: number };
    if (!answer.ok) throw new Error(`${path}: ${answer.status}`);
    return { ms: Number(process.hrtime.bigint() - started) / 1e6, body };
  };
  const alerts = await timed('/api/stats/alerts');
  const cached = await timed('/api/stats/alerts');
  const comparePaths = ['caisse=751', 'caisse=131', 'region=Occitanie', 'kind=maladie', 'departement=59'].flatMap((selection) =>
    ['before=2024-Q3&after=2025-Q3', 'before=2025-Q1&after=2025-Q2', 'before=2024&after=2025'].map((periods) => `/api/stats/compare?${selection}&${periods}`),
  );
  const compareMs: number[] = [];
  for (const path of comparePaths) compareMs.push((await timed(path)).ms);
  // Asked again: answered from the per-snapshot cache.
  const againMs: number[] = [];
  for (const path of comparePaths) againMs.push((await timed(path)).ms);
  return {
    name: 'alerts of a snapshot and before/after comparisons (calibrated log-rank, issue 14)',
    target: 'alerts computed once per snapshot, in the background of the refresh; a comparison a few ms',
    alertsFirstReadMs: Math.round(alerts.ms),
    alertsComparisons: alerts.body.compared,
    alertsCachedMs: Number(cached.ms.toFixed(1)),
    compareP50Ms: Number(median(compareMs).toFixed(1)),
    compareMaxMs: Number(Math.max(...compareMs).toFixed(1)),
    compareAgainP50Ms: Number(median(againMs).toFixed(1)),
  };
}

/** The whole cube as CSV and XLSX: time to the last byte and the app's memory growth. */
export async function measureCubeExports(context: SeededContext): Promise<Scenario[]> {
  const token = execFileSync(process.execPath, ['dist/cli/cli.js', 'tokens:create', '--org', 'Bench', '--role', 'union'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: context.databaseUrl },
  })
    .toString()
    .trim()
    .split('\n')
    .pop() as string;
  const app = await startServer(
    'app',
    ['dist/main.js'],
    { DATABASE_URL: context.databaseUrl, STATS_REFRESH_MINUTES: '10080', RATE_LIMIT_ENABLED: 'false' },
    3904,
  );
  const scenarios: Scenario[] = [];
  try {
    for (const format of ['csv', 'xlsx']) {
      // The first download after start-up also loads the renderers and grows V8's heap; the
      // second shows the steady state.
      const first = await measuredDownload(`${app.url}/api/exports/cube.${format}`, token, app.child.pid as number);
      const second = await measuredDownload(`${app.url}/api/exports/cube.${format}`, token, app.child.pid as number);
      scenarios.push({
        name: `GET /api/exports/cube.${format} at ${context.reports} reports`,
        target: '< 5 s, streamed, memory growth < 100 MB',
        seconds: second.seconds,
        megabytes: second.megabytes,
        memoryGrowthMb: second.memoryGrowthMb,
        firstDownload: first,
      });
    }
  } finally {
    await app.stop();
  }
  return scenarios;
}

async function measuredDownload(url: string, token: string, pid: number) {
  const before = residentMegabytes(pid);
  const { megabytes, seconds, peakRssMb } = await downloadMeasuringServer(url, `Bearer ${token}`, pid);
  return { seconds: Number(seconds.toFixed(2)), megabytes: Number(megabytes.toFixed(1)), memoryGrowthMb: Math.round(peakRssMb - before) };
}
