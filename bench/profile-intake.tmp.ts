// Temporary: CPU profile of the protected app under load (not committed).
import { readdirSync, readFileSync } from 'node:fs';
function ticks(filter: (comm: string, pid: number) => boolean): number {
  let sum = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!filter(comm, Number(entry))) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      sum += Number(fields[11]) + Number(fields[12]);
    } catch { /* gone */ }
  }
  return sum;
}
import { runLoad } from './load';
import { solveChallenges } from './pow';
import { startServer } from './processes';
import { startScratchDatabase } from './scratch-database';

async function main() {
  const mode = process.argv[2] ?? 'protected';
  const database = await startScratchDatabase('prof');
  const appEnv: Record<string, string> = { DATABASE_URL: database.url, STATS_REFRESH_MINUTES: '10080', RATE_LIMIT_ENABLED: 'false', POW_REQUIRED: 'false', MODERATION_SIGNALS: 'false' };
  const env = mode === 'protected' ? { ...appEnv, RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_REPORTS_PER_HOUR: '1000000', RATE_LIMIT_READS_PER_MINUTE: '1000000', POW_REQUIRED: 'true', POW_COST: '1', POW_MAX_COUNTER: '30', TRUST_PROXY: 'true' } : appEnv;
  const app = mode === 'baseline' ? await startServer('baseline', ['-r', 'ts-node/register/transpile-only', 'bench/baseline-server.ts'], { DATABASE_URL: database.url }, 3911) : await startServer('app', [...(process.env.PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []), 'dist/main.js'], env, 3911);
  const issuer = await startServer('issuer', ['dist/main.js'], env, 3912);
  const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);
  const parsed = { caisseCode: '751', allowanceKind: 'maladie', leaveStartedOn: day(40), firstPaidOn: day(5), consequences: ['overdraft'], consent: true };
  try {
    for (let round = 0; round < 3; round++) {
      if (mode === 'protected') {
        const solutions = await solveChallenges(issuer.url, 6000);
        const pg0 = ticks((c) => c === 'postgres'), app0 = ticks((_c, pid) => pid === app.child.pid), me0 = process.cpuUsage();
        const r = await runLoad({ url: `${app.url}/api/reports`, method: 'POST', connections: 50, seconds: 5, bodies: solutions.map((altcha) => JSON.stringify({ ...parsed, altcha })), randomClientAddresses: true });
        const me = process.cpuUsage(me0);
        console.log(r, 'cpu ms per request: pg', ((ticks((c) => c === 'postgres') - pg0) * 10 / r.total).toFixed(3), 'app', ((ticks((_c, pid) => pid === app.child.pid) - app0) * 10 / r.total).toFixed(3), 'load', ((me.user + me.system) / 1000 / r.total).toFixed(3));
      } else {
        const pg0 = ticks((c) => c === 'postgres'), app0 = ticks((_c, pid) => pid === app.child.pid), me0 = process.cpuUsage();
        const r = await runLoad({ url: `${app.url}/api/reports`, method: 'POST', connections: 50, seconds: 5, body: JSON.stringify(parsed), uniqueIdempotencyKeys: mode === 'idempotent' });
        const me = process.cpuUsage(me0);
        console.log(r, 'cpu ms per request: pg', ((ticks((c) => c === 'postgres') - pg0) * 10 / r.total).toFixed(3), 'app', ((ticks((_c, pid) => pid === app.child.pid) - app0) * 10 / r.total).toFixed(3), 'load', ((me.user + me.system) / 1000 / r.total).toFixed(3));
      }
    }
  } finally {
    await app.stop();
    await issuer.stop();
    await database.close();
  }
}
void main();
