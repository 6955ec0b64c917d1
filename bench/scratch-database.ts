import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '../src/database/data-source-options';
import { EmbeddedPostgres } from '../src/database/embedded-postgres';

export interface ScratchDatabase {
  /** The server's maintenance database. */
  serverUrl: string;
  /** The migrated database `name`. */
  url: string;
  /** Stops the server and deletes its folder. */
  close(): Promise<void>;
}

/** A throwaway embedded PostgreSQL in a temporary folder, with one migrated database. */
export async function startScratchDatabase(name: string): Promise<ScratchDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), `delais-ij-${name}-`));
  const postgres = new EmbeddedPostgres({ dataDir, logger: { log: () => undefined, warn: () => undefined } });
  const serverUrl = await postgres.start();
  const url = serverUrl.replace(/\/postgres$/, `/${name}`);
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  await runMigrations(url);
  return {
    serverUrl,
    url,
    close: async () => {
      await postgres.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
