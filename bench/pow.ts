// Prepares solved ALTCHA payloads against a running server, for an intake benchmark with the
// proof of work verified. Start the server with a low cost, e.g.
//   POW_COST=1 POW_MAX_COUNTER=30 RATE_LIMIT_REPORTS_PER_HOUR=1000000 RATE_LIMIT_READS_PER_HOUR=1000000 npm start
// then: node -r ts-node/register/transpile-only bench/pow.ts http://127.0.0.1:3000 1000 > payloads.json
import { solveChallenges } from '../src/abuse/pow-solver';

export { solveAltcha, solveChallenges } from '../src/abuse/pow-solver';

async function main(): Promise<void> {
  const [baseUrl = 'http://127.0.0.1:3000', count = '100'] = process.argv.slice(2);
  const started = performance.now();
  const payloads = await solveChallenges(baseUrl, Number(count));
  process.stderr.write(`${payloads.length} challenges fetched and solved in ${Math.round(performance.now() - started)} ms\n`);
  process.stdout.write(`${JSON.stringify(payloads)}\n`);
}

if (require.main === module) void main();
