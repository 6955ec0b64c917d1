import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from '../src/database/data-source-options';
import { EmbeddedPostgres } from '../src/database/embedded-postgres';
import { runOnServer, withDatabase } from './database-admin';
import { ensureFreshBuild } from './dist-freshness';

const quietLogger = { log: () => undefined, warn: () => undefined };

/**
 * Rebuilds dist/ when an edit made it stale (dist-freshness.ts), starts the embedded PostgreSQL (or
 * uses DATABASE_URL's server), migrates a template database once, and lets every test file clone it
 * (CREATE DATABASE … TEMPLATE), so files run in parallel.
 */
export default async function globalSetup(): Promise<void> {
  ensureFreshBuild();
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const embedded = new EmbeddedPostgres({ dataDir: mkdtempSync(join(tmpdir(), 'delais-ij-test-')), logger: quietLogger });
    serverUrl = await embedded.start();
    (globalThis as { embeddedPostgres?: EmbeddedPostgres }).embeddedPostgres = embedded;
  }
  const template = `delais_ij_template_${process.pid}`;
  await runOnServer(serverUrl, `DROP DATABASE IF EXISTS ${template}`);
  await runOnServer(serverUrl, `CREATE DATABASE ${template}`);
  await runMigrations(withDatabase(serverUrl, template));
  // No scheduled purge in tests (nor in the services they spawn): tests call it themselves.
  process.env.PURGE_INTERVAL_HOURS = '0';
  // Every refresh is a release epoch of its own, so a test sees its reports at the next refresh.
  process.env.STATS_RELEASE_DAYS ??= '0';
  // Abuse protection off for the suites that test other things; test/abuse-*.e2e.spec.ts turn it on.
  process.env.POW_REQUIRED ??= 'false';
  process.env.RATE_LIMIT_ENABLED ??= 'false';
  process.env.MODERATION_SIGNALS ??= 'false';
  process.env.TEST_SERVER_URL = serverUrl;
  process.env.TEST_TEMPLATE_DATABASE = template;
}
