import { types } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { Caisse } from '../caisses/caisse.entity';
import { Report } from '../reports/report.entity';
import { InitialSchema1764410000000 } from './migrations/1764410000000-initial-schema';
import { LoadCaisses1764410000001 } from './migrations/1764410000001-load-caisses';
import { ReportFacts1764410000002 } from './migrations/1764410000002-report-facts';
import { StatsSnapshot1764420000000 } from './migrations/1764420000000-stats-snapshot';

// A DATE is a calendar day: keep PostgreSQL's 'YYYY-MM-DD' text instead of a local-time Date.
const DATE_OID = 1082;
types.setTypeParser(DATE_OID, (value: string) => value);

export const MIGRATIONS = [InitialSchema1764410000000, LoadCaisses1764410000001, ReportFacts1764410000002, StatsSnapshot1764420000000];

const MIGRATION_LOCK_KEY = 7_240_001; // pg_advisory_lock key: one instance migrates at a time

/** Options shared by the app, the migration command and the tests. `synchronize` is never on. */
export function buildDataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: [Caisse, Report],
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: { max: 20, connectionTimeoutMillis: 5_000 },
  };
}

/** Applies pending migrations under an advisory lock, so several instances may start at once. */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
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
