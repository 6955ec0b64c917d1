// `npm run bench:profile -- [plain|idempotent|protected|baseline] [--cpu-prof]`: where an intake's
// CPU goes. Runs one intake scenario three times and prints, per request, the CPU milliseconds of
// the server, of PostgreSQL and of the load generator, and how idle the machine was (an idle
// machine under load means the server waits, not works). With --cpu-prof the server writes a
// V8 profile into bench/profiles/ (open it in Chrome's DevTools). To compare two builds or two
// Node settings: APP_SCRIPT=bench/profiles/dist-old/main.js (a copy of an earlier dist/) and
// APP_NODE_ARGS='--max-semi-space-size=8'.
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runLoad } from './load';
import { solveChallenges } from './pow';
import { cpuProfileArgs, startServer } from './processes';
import { startScratchDatabase } from './scratch-database';

const { values: options, positionals } = parseArgs({ allowPositionals: true, options: { 'cpu-prof': { type: 'boolean', default: false } } });
const MODE = positionals[0] ?? 'plain';
const REQUESTS_PER_PROTECTED_ROUND = 6000;

/** CPU time (ms) of the processes matching `matches`, from /proc. */
function cpuMs(matches: (command: string, pid: number) => boolean): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!matches(command, Number(entry))) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks * 10;
}

function machineTicks(): number[] {
  return readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
}

async function main(): Promise<void> {
  const database = await startScratchDatabase('profile');
  const plain = { DATABASE_URL: database.url, STATS_REFRESH_MINUTES: '10080', RATE_LIMIT_ENABLED: 'false', POW_REQUIRED: 'false', MODERATION_SIGNALS: 'false' };
  const environment =
    MODE === 'protected'
      ? {
          ...plain,
          RATE_LIMIT_ENABLED: 'true',
          RATE_LIMIT_REPORTS_PER_HOUR: '1000000',
          RATE_LIMIT_READS_PER_HOUR: '1000000',
          POW_REQUIRED: 'true',
          POW_COST: '1',
          POW_MAX_COUNTER: '30',
          TRUST_PROXY: 'true',
        }
      : plain;
  const profiling = cpuProfileArgs(options['cpu-prof']);
  const server =
    MODE === 'baseline'
      ? await startServer('baseline', [...profiling, '-r', 'ts-node/register/transpile-only', 'bench/baseline-server.ts'], { DATABASE_URL: database.url }, 3931)
      : await startServer(
          'app',
          [...profiling, ...(process.env.APP_NODE_ARGS ?? '').split(' ').filter(Boolean), process.env.APP_SCRIPT ?? 'dist/main.js'],
          environment,
          3931,
        );
  // Challenges come from a second instance, so that issuing them stays out of the profile.
  const issuer = MODE === 'protected' ? await startServer('issuer', ['dist/main.js'], environment, 3932) : undefined;
  const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);
  const report = { caisseCode: '751', allowanceKind: 'maladie', leaveStartedOn: day(40), firstPaidOn: day(5), consequences: ['overdraft'], consent: true };
  try {
    for (let round = 1; round <= 3; round++) {
      const bodies = issuer
        ? (await solveChallenges(issuer.url, REQUESTS_PER_PROTECTED_ROUND)).map((altcha) => JSON.stringify({ ...report, altcha }))
        : undefined;
      const machineBefore = machineTicks();
      const serverBefore = cpuMs((_command, pid) => pid === server.child.pid);
      const postgresBefore = cpuMs((command) => command === 'postgres');
      const loadBefore = process.cpuUsage();
      const result = await runLoad({
        url: `${server.url}/api/reports`,
        method: 'POST',
        connections: 50,
        seconds: 5,
        body: JSON.stringify(report),
        bodies,
        randomClientAddresses: MODE === 'protected',
        uniqueIdempotencyKeys: MODE === 'idempotent',
      });
      const load = process.cpuUsage(loadBefore);
      const machine = machineTicks().map((value, index) => value - machineBefore[index]);
      const machineTotal = machine.reduce((sum, value) => sum + value, 0);
      const perRequest = (ms: number) => (ms / result.total).toFixed(3);
      process.stdout.write(
        `${MODE} round ${round}: ${Math.round(result.requestsPerSecond)} req/s, p99 ${result.p99Ms} ms, ${result.errors + result.non2xx} errors; ` +
          `CPU ms per request: server ${perRequest(cpuMs((_command, pid) => pid === server.child.pid) - serverBefore)}, ` +
          `PostgreSQL ${perRequest(cpuMs((command) => command === 'postgres') - postgresBefore)}, load ${perRequest((load.user + load.system) / 1000)}; ` +
          `machine idle ${Math.round((100 * (machine[3] + machine[4])) / machineTotal)}%, stolen ${Math.round((100 * machine[7]) / machineTotal)}%\n`,
      );
    }
  } finally {
    await server.stop();
    await issuer?.stop();
    await database.close();
  }
}

void main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
