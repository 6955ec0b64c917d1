// Cost of the abuse protection per request, on loopback: `node -r ts-node/register/transpile-only bench/abuse-overhead.ts`
// (after `nest build` is not needed: it runs the sources). Figures go to docs/security.md.
import { createChallenge, randomInt, solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { solveAltcha, solveChallenges } from '../src/abuse/pow-solver';
import { ProofOfWorkService } from '../src/abuse/proof-of-work.service';
import { RateLimitService } from '../src/abuse/rate-limit.service';
import { createHttpApp } from '../src/http-app';
import { startScratchDatabase } from './scratch-database';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const p99 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.99)];

async function timed(count: number, action: (index: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    await action(index);
    times.push(performance.now() - started);
  }
  return times;
}

function line(name: string, times: number[]): void {
  process.stdout.write(`${name.padEnd(58)} median ${median(times).toFixed(3)} ms  p99 ${p99(times).toFixed(3)} ms  (n=${times.length})\n`);
}

async function solveTimes(): Promise<void> {
  // The production default: POW_COST=1000, counter in [200, 600], Node's async PBKDF2 like a browser's WebCrypto.
  const times: number[] = [];
  for (let index = 0; index < 8; index++) {
    const challenge = await createChallenge({ algorithm: 'PBKDF2/SHA-256', cost: 1000, counter: randomInt(600, 200), deriveKey });
    const started = performance.now();
    await solveChallenge({ challenge, deriveKey });
    times.push(performance.now() - started);
  }
  const mean = times.reduce((sum, time) => sum + time, 0) / times.length;
  process.stdout.write(`solve at the default cost, one core, this machine: mean ${mean.toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms (n=8)\n`);
}

async function main(): Promise<void> {
  await solveTimes();
  const database = await startScratchDatabase('abuse');
  const databaseUrl = database.url;
  const environment = {
    POW_REQUIRED: 'true',
    POW_COST: '1000',
    RATE_LIMIT_ENABLED: 'true',
    MODERATION_SIGNALS: 'true',
    RATE_LIMIT_REPORTS_PER_HOUR: '1000000',
    RATE_LIMIT_READS_PER_HOUR: '1000000',
    PURGE_INTERVAL_HOURS: '0',
  };
  const app = await createHttpApp(databaseUrl, { logRequests: false, logger: ['error'], environment });
  try {
    await app.listen(0, '127.0.0.1');
    const pow = app.get(ProofOfWorkService);
    const limits = app.get(RateLimitService);
    line('create a challenge (POW_COST=1000: one derivation)', await timed(200, () => pow.createChallenge()));
    const payloads = await Promise.all(Array.from({ length: 300 }, async () => solveAltcha(await pow.createChallenge())));
    line('verify a solution (no database)', await timed(300, (index) => pow.verify(payloads[index])));
    line('rate-limit upsert, one address', await timed(500, () => limits.consume('reports', '198.51.100.1')));
    line('rate-limit upsert, a new address each time', await timed(500, (index) => limits.consume('reports', `10.0.${index >> 8}.${index & 255}`)));
    const body = (extra: Record<string, unknown>, index: number) =>
      JSON.stringify({
        caisseCode: '751',
        allowanceKind: 'maladie',
        leaveStartedOn: new Date(Date.now() - (40 + (index % 300)) * 86_400_000).toISOString().slice(0, 10),
        consent: true,
        ...extra,
      });
    await app.close();
    // The bench hook: solutions prepared over HTTP against a server run with the low test cost.
    const cheap = await createHttpApp(databaseUrl, {
      logRequests: false,
      logger: ['error'],
      environment: { ...environment, POW_COST: '1', POW_MAX_COUNTER: '30' },
    });
    await cheap.listen(0, '127.0.0.1');
    const started = performance.now();
    await solveChallenges(`http://127.0.0.1:${(cheap.getHttpServer().address() as { port: number }).port}`, 1000);
    process.stdout.write(`solveChallenges(baseUrl, 1000) at POW_COST=1, POW_MAX_COUNTER=30: ${Math.round(performance.now() - started)} ms\n`);
    await cheap.close();
    // The same intake with each protection alone, then all together, off between them.
    const variants: [string, Record<string, string>][] = [
      ['off', { POW_REQUIRED: 'false', RATE_LIMIT_ENABLED: 'false', MODERATION_SIGNALS: 'false' }],
      ['rate limit only', { POW_REQUIRED: 'false', RATE_LIMIT_ENABLED: 'true', MODERATION_SIGNALS: 'false' }],
      ['proof of work only', { POW_REQUIRED: 'true', RATE_LIMIT_ENABLED: 'false', MODERATION_SIGNALS: 'false' }],
      ['moderation signals only', { POW_REQUIRED: 'false', RATE_LIMIT_ENABLED: 'false', MODERATION_SIGNALS: 'true' }],
      ['all three', { POW_REQUIRED: 'true', RATE_LIMIT_ENABLED: 'true', MODERATION_SIGNALS: 'true' }],
    ];
    for (const round of [1, 2]) {
      for (const [name, settings] of variants) {
        const variant = await createHttpApp(databaseUrl, { logRequests: false, logger: ['error'], environment: { ...environment, ...settings } });
        await variant.listen(0, '127.0.0.1');
        const url = `http://127.0.0.1:${(variant.getHttpServer().address() as { port: number }).port}/api/reports`;
        const variantPow = variant.get(ProofOfWorkService);
        const solved =
          settings.POW_REQUIRED === 'true' ? await Promise.all(Array.from({ length: 300 }, async () => solveAltcha(await variantPow.createChallenge()))) : [];
        const times = await timed(300, (index) =>
          fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: body(solved.length > 0 ? { altcha: solved[index] } : {}, index),
          }).then(async (response) => {
            if (response.status !== 201) throw new Error(`${response.status} ${await response.text()}`);
          }),
        );
        await variant.close();
        line(`POST /api/reports (sequential), ${name}, round ${round}`, times);
      }
    }
  } finally {
    await app.close().catch(() => undefined);
    await database.close();
  }
}

void main();
