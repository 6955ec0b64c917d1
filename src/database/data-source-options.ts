import { types } from 'pg';
import { DataSource, DataSourceOptions, EntityManager } from 'typeorm';
import { AuditEntry } from '../audit/audit-entry.entity';
import { EnvironmentVariables, validateEnvironment } from '../config/env';
import { Caisse } from '../caisses/caisse.entity';
import { TimelineEvent } from '../events/timeline-event.entity';
import { Report } from '../reports/report.entity';
import { AccessToken } from '../tokens/access-token.entity';
import { InitialSchema1764410000000 } from './migrations/1764410000000-initial-schema';
import { LoadCaisses1764410000001 } from './migrations/1764410000001-load-caisses';
import { ReportFacts1764410000002 } from './migrations/1764410000002-report-facts';
import { AccessTokensAndAudit1764430000000 } from './migrations/1764430000000-access-tokens-and-audit';
import { ReportCoarsening1764450000000 } from './migrations/1764450000000-report-coarsening';
import { StatsSnapshot1764420000000 } from './migrations/1764420000000-stats-snapshot';
import { AbuseProtection1764460000000 } from './migrations/1764460000000-abuse-protection';
import { AbuseTablesLean1764500000000 } from './migrations/1764500000000-abuse-tables-lean';
import { IdempotencyKeysLean1764490000000 } from './migrations/1764490000000-idempotency-keys-lean';
import { UnlinkableBookkeeping1764510000000 } from './migrations/1764510000000-unlinkable-bookkeeping';
import { ReportNoticeVersion1764520000000 } from './migrations/1764520000000-report-notice-version';
import { NoisyReleases1765000000000 } from './migrations/1765000000000-noisy-releases';
import { TimelineEvents1765213000000 } from './migrations/1765213000000-timeline-events';
import { withRevertGuards } from './migration-guards';

// A DATE is a calendar day: keep PostgreSQL's 'YYYY-MM-DD' text instead of a local-time Date.
const DATE_OID = 1082;
types.setTypeParser(DATE_OID, (value: string) => value);

export const MIGRATIONS = [
  InitialSchema1764410000000,
  LoadCaisses1764410000001,
  ReportFacts1764410000002,
  StatsSnapshot1764420000000,
  AccessTokensAndAudit1764430000000,
  ReportCoarsening1764450000000,
  AbuseProtection1764460000000,
  IdempotencyKeysLean1764490000000,
  AbuseTablesLean1764500000000,
  UnlinkableBookkeeping1764510000000,
  ReportNoticeVersion1764520000000,
  NoisyReleases1765000000000,
  TimelineEvents1765213000000,
];

const MIGRATION_LOCK_KEY = 7_240_001; // pg_advisory_lock key: one instance migrates at a time

/** Options shared by the app, the migration command and the tests. `synchronize` is never on. */
export function buildDataSourceOptions(databaseUrl: string, env: EnvironmentVariables = validateEnvironment(process.env)): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: [Caisse, Report, AccessToken, AuditEntry, TimelineEvent],
    migrations: withRevertGuards(MIGRATIONS),
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: poolSettings(env),
  };
}

/**
 * node-postgres pool settings: a statement timeout enforced by the server, and a bounded wait
 * for a connection (pool exhausted, or PostgreSQL gone), after which the request answers 503.
 */
export function poolSettings(env: EnvironmentVariables): Record<string, unknown> {
  return {
    max: env.DB_POOL_MAX,
    connectionTimeoutMillis: env.DB_POOL_WAIT_MS,
    statement_timeout: env.DB_STATEMENT_TIMEOUT_MS,
    // A transaction left open by a stuck client must not hold locks forever.
    idle_in_transaction_session_timeout: Math.max(env.DB_STATEMENT_TIMEOUT_MS * 2, 10_000),
    keepAlive: true,
  };
}

/**
 * Raises the statement timeout for the rest of the current transaction only (SET LOCAL), for
 * jobs that legitimately run long (the statistics refresh, the purge). Call it inside
 * `dataSource.transaction(...)`.
 */
export async function allowLongStatements(manager: EntityManager, timeoutMs: number): Promise<void> {
  await manager.query(`SELECT set_config('statement_timeout', $1, true)`, [`${Math.round(timeoutMs)}ms`]);
}

/**
 * Reverts the newest applied migration (its `down`, in one transaction) under the same lock;
 * answers its name, or null when none is applied. A guarded `down` that would lose reports
 * throws RevertRefusedError and leaves the database as it was.
 */
export async function revertLastMigration(databaseUrl: string): Promise<string | null> {
  const dataSource = new DataSource({ ...buildDataSourceOptions(databaseUrl), extra: { max: 1 } });
  await dataSource.initialize();
  try {
    await dataSource.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const executed = await dataSource.query(`SELECT to_regclass('migrations') IS NOT NULL AS present`);
      if (!executed[0].present) return null;
      const [newest] = await dataSource.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`);
      if (!newest) return null;
      await dataSource.undoLastMigration({ transaction: 'each' });
      return newest.name as string;
    } finally {
      await dataSource.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await dataSource.destroy();
  }
}

/** Applies pending migrations under an advisory lock, so several instances may start at once. */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  // No statement timeout: a migration may rewrite a large table.
  const dataSource = new DataSource({ ...buildDataSourceOptions(databaseUrl), extra: { max: 1 } });
  await dataSource.initialize();
  try {
    await dataSource.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
