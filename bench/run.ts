// `npm run bench`: bounded, loopback only. Starts its own embedded PostgreSQL, the service and the
// baseline, drives them with autocannon, prints a table and writes bench/results.json. Every target
// is a ratio to a baseline measured in the same run, since the machine is noisy.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { runLoad } from './load';
import { solveChallenges } from './pow';
import { median, residentMegabytes, sampleResidentMemory, startServer } from './processes';
import { seedReports } from './seed';
import type { Scenario } from './scenarios';
import { measureFundPages } from './scenarios-fund-page';
import { measureCubeExports, measureStatsReads, refreshSnapshot } from './scenarios-stats';
import { startScratchDatabase } from './scratch-database';

const { values: options } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '6' },
    reports: { type: 'string', default: '1000000' },
    // `intake` or `statistics` (seeding, refresh, reads, exports): one part, while working on it.
    only: { type: 'string' },
  },
});
const ROUNDS = Number(options.rounds);
const SECONDS = Number(options.seconds);
const REPORTS = Number(options.reports);
// Each proof-of-work solution is accepted once: this many are solved before each protected round
// (a fixed number of requests, so a round lasts about as long as the others at ~1,500 req/s).
const PROTECTED_REQUESTS_PER_ROUND = 1500 * SECONDS;

function reportBody(): string {
  const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);
  return JSON.stringify({
    caisseCode: '751',
    allowanceKind: 'maladie',
    leaveStartedOn: day(40),
    firstPaidOn: day(5),
    consequences: ['overdraft'],
    consent: true,
  });
}

async function measureIntake(serverUrl: string, databaseUrl: string): Promise<Scenario[]> {
  const appEnv = { DATABASE_URL: databaseUrl, STATS_REFRESH_MINUTES: '10080', RATE_LIMIT_ENABLED: 'false', POW_REQUIRED: 'false', MODERATION_SIGNALS: 'false' };
  const app = await startServer('app', ['dist/main.js'], appEnv, 3901);
  // Abuse controls on: rate limits counted (limits too high to refuse, one address per request
  // as behind a proxy), proof of work verified with solutions prepared before each round.
  const protectedApp = await startServer(
    'protected app',
    ['dist/main.js'],
    {
      ...appEnv,
      RATE_LIMIT_ENABLED: 'true',
      RATE_LIMIT_REPORTS_PER_HOUR: '1000000',
      RATE_LIMIT_READS_PER_HOUR: '1000000',
      POW_REQUIRED: 'true',
      POW_COST: '1',
      POW_MAX_COUNTER: '30',
      TRUST_PROXY: 'true',
    },
    3905,
  );
  const baseline = await startServer('baseline', ['-r', 'ts-node/register/transpile-only', 'bench/baseline-server.ts'], { DATABASE_URL: databaseUrl }, 3902);
  const body = reportBody();
  const post = (url: string, extra: Partial<Parameters<typeof runLoad>[0]> = {}) =>
    runLoad({ url: `${url}/api/reports`, method: 'POST', body, connections: 50, seconds: SECONDS, ...extra });
  try {
    await post(baseline.url, { seconds: 3 });
    await post(app.url, { seconds: 3 });
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const protectedBodies = async (count: number) => (await solveChallenges(protectedApp.url, count)).map((altcha) => JSON.stringify({ ...parsed, altcha }));
    await post(protectedApp.url, { bodies: await protectedBodies(3000), randomClientAddresses: true });
    const memoryStart = residentMegabytes(app.child.pid as number);
    const runs: Record<string, Awaited<ReturnType<typeof runLoad>>[]> = { baseline: [], app: [], idempotent: [], protected: [] };
    // Sampled all through the app's runs: V8 lets the heap grow between full collections, so one
    // reading per round lands anywhere in that band. Flat means the band does not climb.
    const memoryByRound: { low: number; high: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Solved first, so that the four runs of a round follow each other closely: the load on
      // this shared machine drifts within a minute.
      const protectedRound = await protectedBodies(PROTECTED_REQUESTS_PER_ROUND);
      runs.baseline.push(await post(baseline.url));
      const memory = sampleResidentMemory(app.child.pid as number);
      runs.app.push(await post(app.url));
      runs.idempotent.push(await post(app.url, { uniqueIdempotencyKeys: true }));
      memoryByRound.push(memory.stop());
      runs.protected.push(await post(protectedApp.url, { bodies: protectedRound, randomClientAddresses: true }));
      process.stdout.write(`intake round ${round + 1}/${ROUNDS}\n`);
    }
    const memoryEnd = residentMegabytes(app.child.pid as number);
    const summarise = (name: string, target: string, key: string): Scenario => {
      const rps = median(runs[key].map((run) => run.requestsPerSecond));
      const baselineRps = median(runs.baseline.map((run) => run.requestsPerSecond));
      return {
        name,
        target,
        baseline: 'minimal Fastify + pg (bench/baseline-server.ts)',
        requestsPerSecond: Math.round(rps),
        requestsPerSecondByRound: runs[key].map((run) => Math.round(run.requestsPerSecond)),
        ratioByRound: runs[key].map((run, round) => Number((run.requestsPerSecond / runs.baseline[round].requestsPerSecond).toFixed(2))),
        p50Ms: median(runs[key].map((run) => run.p50Ms)),
        p99Ms: median(runs[key].map((run) => run.p99Ms)),
        errors: runs[key].reduce((sum, run) => sum + run.errors + run.non2xx, 0),
        baselineRequestsPerSecond: Math.round(baselineRps),
        ratio: Number((rps / baselineRps).toFixed(2)),
        // Each round's ratio pairs two runs a few seconds apart: its median is less shaken by the
        // machine's speed drifting over the run than the ratio of the medians above.
        medianRoundRatio: Number(median(runs[key].map((run, round) => run.requestsPerSecond / runs.baseline[round].requestsPerSecond)).toFixed(2)),
        memoryMb: {
          start: Math.round(memoryStart),
          end: Math.round(memoryEnd),
          lowHighByRound: memoryByRound.map(({ low, high }) => `${low}-${high}`),
          highestGrowthFromFirstRound: Math.max(...memoryByRound.map(({ high }) => high)) - memoryByRound[0].high,
        },
      };
    };
    return [
      { ...summarise('baseline intake', 'reference', 'baseline'), memoryMb: undefined },
      summarise('intake POST /api/reports', '≥ 0.8× baseline, p99 < 50 ms, no error, flat memory', 'app'),
      summarise('intake with Idempotency-Key', '≥ 0.6× baseline', 'idempotent'),
      { ...summarise('intake with rate limiter and proof of work', '≥ 0.6× baseline', 'protected'), memoryMb: undefined },
    ];
  } finally {
    await app.stop();
    await protectedApp.stop();
    await baseline.stop();
  }
}

// Seeding, the refresh (and how it grows), statistics reads and cube exports, on one database.
async function measureStatistics(databaseUrl: string): Promise<Scenario[]> {
  const scenarios: Scenario[] = [];
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  await db.query('TRUNCATE reports, idempotency_keys');
  await db.end();
  // A tenth first, refreshed, then the rest: the refresh must cost about linearly.
  const tenth = Math.round(REPORTS / 10);
  const seedTenth = await seedReports(databaseUrl, tenth);
  const refreshTenthMs = refreshSnapshot(databaseUrl);
  const seedRest = await seedReports(databaseUrl, REPORTS - tenth);
  scenarios.push({ name: `seeding ${REPORTS} reports`, target: '< 60 s at 1,000,000', seconds: Number((seedTenth + seedRest).toFixed(1)) });
  const refreshMs = refreshSnapshot(databaseUrl);
  const refreshAgainMs = refreshSnapshot(databaseUrl);
  scenarios.push({
    name: `snapshot refresh at ${REPORTS} reports`,
    target: '< 30 s at 1,000,000; time(N) / time(N/10) ≤ 12',
    baseline: `the same refresh at ${tenth} reports`,
    seconds: Number((refreshMs / 1000).toFixed(1)),
    secondRefreshSeconds: Number((refreshAgainMs / 1000).toFixed(1)),
    baselineSeconds: Number((refreshTenthMs / 1000).toFixed(1)),
    ratio: Number((refreshMs / refreshTenthMs).toFixed(2)),
  });
  const context = { databaseUrl, reports: REPORTS, seconds: SECONDS, rounds: ROUNDS };
  scenarios.push(...(await measureStatsReads(context)));
  scenarios.push(...(await measureFundPages(context)));
  scenarios.push(...(await measureCubeExports(context)));
  return scenarios;
}

async function main(): Promise<void> {
  const database = await startScratchDatabase('bench');
  const { serverUrl, url: databaseUrl } = database;
  const scenarios: Scenario[] = [];
  try {
    if (options.only !== 'statistics') scenarios.push(...(await measureIntake(serverUrl, databaseUrl)));
    if (options.only !== 'intake') scenarios.push(...(await measureStatistics(databaseUrl)));
  } finally {
    await database.close();
  }
  const results = {
    when: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
    settings: { rounds: ROUNDS, secondsPerRun: SECONDS, reports: REPORTS, only: options.only ?? 'everything' },
    scenarios,
  };
  writeFileSync(join(__dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  for (const { name, target, baseline, ...figures } of scenarios) {
    const shown = Object.entries(figures)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${key}=${JSON.stringify(value)}`);
    process.stdout.write(`${name}\n    ${shown.join(', ')}\n    target: ${target}${baseline ? `; baseline: ${baseline}` : ''}\n`);
  }
  process.stdout.write('written to bench/results.json\n');
}

void main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
