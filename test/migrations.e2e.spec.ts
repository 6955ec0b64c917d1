import { afterEach, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { MIGRATIONS, revertLastMigration, runMigrations } from '../src/database/data-source-options';
import { RevertRefusedError } from '../src/database/migration-guards';
import { createTestDatabase, TestDatabase } from './test-database';

const run = promisify(execFile);

// Derived statistics (recomputed by the next refresh) and abuse-protection state (at most 48
// hours old): the downs of the migrations that created them drop them, by design.
const REBUILT_OR_SHORT_LIVED = [
  'stats_snapshots',
  'stats_cells',
  'server_secrets',
  'used_pow_challenges',
  'rate_limit_counters',
  'rate_limit_windows',
  'report_fingerprints',
];

/** The schema (columns, constraints, indexes, views) and every row that must survive, as comparable text. */
async function dumpDatabase(db: TestDatabase): Promise<Record<string, unknown>> {
  const columns = await db.query(`
    SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
    WHERE table_schema = 'public' ORDER BY table_name, column_name`);
  const constraints = await db.query(`
    SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint
    WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`);
  const indexes = await db.query(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`);
  const views = await db.query(`SELECT viewname, definition FROM pg_views WHERE schemaname = 'public' ORDER BY viewname`);
  const tables = await db.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  const rows: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    if (REBUILT_OR_SHORT_LIVED.includes(name)) continue;
    // The migrations table's serial id changes when a migration is applied again; its names must not.
    const row = name === 'migrations' ? `jsonb_build_object('timestamp', timestamp, 'name', name)` : `to_jsonb(t)`;
    rows[name] = (await db.query<{ row: unknown }>(`SELECT ${row} AS row FROM "${name}" t ORDER BY ${row}::text`)).map((entry) => entry.row);
  }
  return { columns, constraints, indexes, views, rows };
}

/** Reverts migrations one at a time until none is left or one refuses; answers what was reverted and the refusal. */
async function revertAll(db: TestDatabase): Promise<{ reverted: string[]; refusal?: RevertRefusedError }> {
  const reverted: string[] = [];
  for (;;) {
    const before = await dumpDatabase(db);
    try {
      const name = await revertLastMigration(db.url);
      if (name === null) return { reverted };
      reverted.push(name);
    } catch (error) {
      if (!(error instanceof RevertRefusedError)) throw error;
      // A refused revert changes nothing.
      expect(await dumpDatabase(db)).toEqual(before);
      return { reverted, refusal: error };
    }
  }
}

const newestFirst = MIGRATIONS.map((migration) => migration.name).reverse();
const today = new Date().toISOString().slice(0, 10);

async function insertReport(db: TestDatabase, overrides: Record<string, string> = {}): Promise<void> {
  const values: Record<string, string> = {
    moderation: `'accepted'`,
    moderation_reason: 'NULL',
    subrogation: 'false',
    consequences: `'{overdraft}'`,
    first_paid_on: `'2026-02-10'`,
    ...overrides,
  };
  // The notice version only when a case sets it: the column is newer than most migrations.
  const notice = values.notice_version ? [', notice_version', `, ${values.notice_version}`] : ['', ''];
  await db.query(`
    INSERT INTO reports (id, receipt_hash, caisse_code, allowance_kind, leave_started_on, certificate_sent_on, first_paid_on,
                         subrogation, consequences, status_as_of, moderation, moderation_reason${notice[0]})
    VALUES (gen_random_uuid(), sha256(gen_random_uuid()::text::bytea), '751', 'maladie', '2026-01-05', '2026-01-07',
            ${values.first_paid_on}, ${values.subrogation}, ${values.consequences}, '${today}', ${values.moderation}, ${values.moderation_reason}${notice[1]})`);
}

async function insertCoarsenedReport(db: TestDatabase): Promise<void> {
  await db.query(`
    INSERT INTO reports (id, receipt_hash, caisse_code, allowance_kind, subrogation, consequences, coarsened,
                         coarse_leave_month, coarse_duration_days, coarse_paid, coarse_fund_duration_days)
    VALUES (gen_random_uuid(), sha256(gen_random_uuid()::text::bytea), '974', 'maternite', false, '{}', true, '2025-03-01', 41, true, 38)`);
}

async function insertTokenAndAudit(db: TestDatabase): Promise<void> {
  await db.query(
    `INSERT INTO access_tokens (id, organisation, role, token_hash) VALUES ('6f1c2b8e-0d5b-4f55-9a57-8f1e3f3b2a10', 'UD test', 'union', sha256('t'::bytea))`,
  );
  await db.query(`INSERT INTO audit_log (id, token_id, organisation, action, query, row_count)
                  VALUES (gen_random_uuid(), '6f1c2b8e-0d5b-4f55-9a57-8f1e3f3b2a10', 'UD test', 'exports.stats', '{"format":"csv"}', 12)`);
}

async function insertShortLivedState(db: TestDatabase): Promise<void> {
  await db.query(`INSERT INTO idempotency_keys (key_hash, request_hash, response) VALUES (sha256('k'::bytea), sha256('r'::bytea), '\\x00')`);
  await db.query(`INSERT INTO server_secrets (name, secret) VALUES ('pow', sha256('s'::bytea))`);
  await db.query(`INSERT INTO used_pow_challenges (challenge_hash, expires_at) VALUES (sha256('c'::bytea), utc_hour(now()) + interval '1 hour')`);
  await db.query(`INSERT INTO rate_limit_windows (bucket, window_start, counts) VALUES ('reports', utc_hour(now()), '{"aa": 2}')`);
  await db.query(`INSERT INTO report_fingerprints (fingerprint, seen_at) VALUES (sha256('f'::bytea), utc_hour(now()))`);
  await db.query(`INSERT INTO stats_snapshots (reports, cells, duration_ms, release_epoch) VALUES (3, 0, 10, 1)`);
}

async function insertEvent(db: TestDatabase): Promise<void> {
  await db.query(`INSERT INTO timeline_events (id, scope_level, scope_code, occurred_on, title, source, organisation)
                  VALUES (gen_random_uuid(), 'caisse', '751', '2026-03-02', 'Réorganisation du service IJ', 'https://example.org/x', 'UD test')`);
}

describe('migrations up, down and up again', () => {
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await db?.drop();
    db = undefined;
  });

  it('reverts every migration of a database without reports, and rebuilds the same schema and reference data', async () => {
    db = await createTestDatabase();
    const before = await dumpDatabase(db);
    expect(await revertAll(db)).toEqual({ reverted: newestFirst });
    expect((await db.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`))[0]).toEqual({ n: 0 });
    expect(await runMigrations(db.url)).toEqual([...newestFirst].reverse());
    expect(await dumpDatabase(db)).toEqual(before);
  });

  it.each([
    ['plain reports', [insertReport], 'LoadCaisses1764410000001', 'reports refer to the funds'],
    [
      'a flagged report',
      [insertReport, (target: TestDatabase) => insertReport(target, { moderation: `'flagged'`, moderation_reason: `'doublon ?'` })],
      'ReportFacts1764410000002',
      'flagged or excluded',
    ],
    ['a token and its audit trail', [insertReport, insertTokenAndAudit], 'AccessTokensAndAudit1764430000000', '1 tokens and 1 audit entries'],
    [
      'a report recording its privacy notice',
      [(target: TestDatabase) => insertReport(target, { notice_version: `'0123456789ab'` })],
      'ReportNoticeVersion1764520000000',
      'record the privacy notice',
    ],
    ['an event recorded by a union', [insertEvent], 'TimelineEvents1765213000000', '1 events recorded by unions and admins would be dropped'],
    [
      'a coarsened report, a token and short-lived state',
      [insertReport, insertCoarsenedReport, insertTokenAndAudit, insertShortLivedState],
      'ReportCoarsening1764450000000',
      '1 reports are coarsened',
    ],
  ] as const)(
    'with %s: goes down as far as no report is lost, refuses there saying why, and comes back up to the same data',
    async (_case, seeds, refusedAt, reason) => {
      db = await createTestDatabase();
      for (const seed of seeds) await seed(db);
      await insertReport(db, { first_paid_on: 'NULL', subrogation: 'true', consequences: `'{}'` });
      const before = await dumpDatabase(db);

      const { reverted, refusal } = await revertAll(db);
      expect(reverted).toEqual(newestFirst.slice(0, newestFirst.indexOf(refusedAt)));
      expect(refusal?.message).toContain(`cannot revert ${refusedAt}: `);
      expect(refusal?.message).toContain(reason);
      expect(refusal?.message).toContain('Nothing was changed');

      expect(await runMigrations(db.url)).toEqual([...reverted].reverse());
      expect(await dumpDatabase(db)).toEqual(before);
    },
  );

  it('npm run cli -- migration:revert reverts one migration without applying any first, and says when it refuses', async () => {
    db = await createTestDatabase();
    await insertCoarsenedReport(db);
    const cli = (args: string[]) =>
      run(process.execPath, [join(__dirname, '..', 'dist', 'cli', 'cli.js'), ...args], { env: { ...process.env, DATABASE_URL: db!.url } });
    // Twice in a row: the second run must not re-apply what the first reverted.
    expect((await cli(['migration:revert'])).stdout).toBe(`reverted ${newestFirst[0]}\n`);
    // Then every newer migration, down to the one that would lose the coarsened report.
    for (const name of newestFirst.slice(1, newestFirst.indexOf('ReportCoarsening1764450000000'))) {
      expect((await cli(['migration:revert'])).stdout).toBe(`reverted ${name}\n`);
    }
    const refused = await cli(['migration:revert']).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toContain('error: cannot revert ReportCoarsening1764450000000: 1 reports are coarsened');
    expect((await db.query(`SELECT count(*)::int AS n FROM reports WHERE coarsened`))[0]).toEqual({ n: 1 });
    // A CLI process per migration, each starting Node and TypeORM: seconds apiece on a loaded machine.
  }, 180_000);
});
