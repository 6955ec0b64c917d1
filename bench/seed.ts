// Realistic reports in bulk, generated inside PostgreSQL (one INSERT … SELECT generate_series):
// skewed delays that differ by fund, about 12 % still waiting, every fund and kind, leaves over
// seven years. Run: npm run bench:seed -- --reports 1000000 (DATABASE_URL, or the embedded database).
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { validateEnvironment } from '../src/config/env';
import { runMigrations } from '../src/database/data-source-options';
import { openDatabaseServer } from '../src/database/database-server';

// Box–Muller gives a normal draw; exp() of it a log-normal delay around a fund-specific median.
const SEED_SQL = `
  WITH funds AS (
    SELECT code, row_number() OVER (ORDER BY code) AS rank, count(*) OVER () AS total FROM caisses
  ),
  drawn AS (
    SELECT
      f.code,
      (ARRAY['maladie','maladie','maladie','maladie','maladie','maladie','accident_travail','accident_travail',
             'maladie_professionnelle','maternite','paternite'])[1 + floor(random() * 11)::int] AS kind,
      (CURRENT_DATE - floor(random() * 2550)::int) AS leave,
      -- slow funds (high rank) have longer delays: medians from about 12 to 60 days
      greatest(0, round(exp(ln(12 + 48 * (f.rank::float8 / f.total)) + 0.55 *
        sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())))::int) AS delay,
      random() AS u_wait, random() AS u_cert, random() AS u_sub, random() AS u_cons
    FROM (SELECT 1 + floor(random() * (SELECT count(*) FROM caisses))::int AS rank
          FROM generate_series(1, $1::int)) AS g
    JOIN funds f ON f.rank = g.rank
  )
  INSERT INTO reports (id, receipt_hash, caisse_code, allowance_kind, leave_started_on, certificate_sent_on,
                       first_paid_on, subrogation, consequences, status_as_of)
  SELECT
    gen_random_uuid(),
    sha256(convert_to(gen_random_uuid()::text, 'UTF8')),
    code,
    kind,
    leave,
    CASE WHEN u_cert < 0.6 THEN least(leave + floor(u_cert * 30)::int, CURRENT_DATE) END,
    CASE WHEN u_wait >= 0.12 AND leave + delay <= CURRENT_DATE THEN leave + delay END,
    u_sub < 0.2,
    CASE WHEN u_cons < 0.4 THEN ARRAY[]::text[]
         WHEN u_cons < 0.55 THEN ARRAY['none']
         WHEN u_cons < 0.8 THEN ARRAY['overdraft']
         ELSE ARRAY['overdraft', 'unpaid_bills'] END,
    CASE WHEN u_wait >= 0.12 AND leave + delay <= CURRENT_DATE THEN least(leave + delay + 5, CURRENT_DATE)
         ELSE least(leave + floor(delay * u_wait * 8)::int, CURRENT_DATE) END
  FROM drawn`;

const BATCH = 250_000;

/** Inserts `count` generated reports; answers the seconds it took. */
export async function seedReports(databaseUrl: string, count: number): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const started = process.hrtime.bigint();
  try {
    await client.query('SET synchronous_commit = off');
    for (let done = 0; done < count; done += BATCH) {
      await client.query(SEED_SQL, [Math.min(BATCH, count - done)]);
    }
    await client.query('ANALYZE reports');
  } finally {
    await client.end();
  }
  return Number(process.hrtime.bigint() - started) / 1e9;
}

if (require.main === module) {
  const { values } = parseArgs({ options: { reports: { type: 'string', default: '100000' } } });
  const count = Number(values.reports);
  void (async () => {
    const server = await openDatabaseServer(validateEnvironment(process.env), { leaveJoinedServerRunning: true });
    try {
      await runMigrations(server.url);
      const seconds = await seedReports(server.url, count);
      process.stdout.write(`seeded ${count} reports in ${seconds.toFixed(1)} s\n`);
    } finally {
      await server.stop();
    }
  })();
}
