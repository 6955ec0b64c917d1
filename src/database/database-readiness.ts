import { Logger } from '@nestjs/common';
import { Client } from 'pg';

export interface ConnectRetries {
  retries: number;
  delayMs: number;
}

/** host:port/database of a URL, never its user or password: safe to log. */
export function describeDatabase(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
}

/**
 * Start-up: waits until the database answers, at most `retries` attempts `delayMs` apart (a
 * container's PostgreSQL often starts after the app). Gives up with an error naming the host
 * and the last reason.
 */
export async function waitForDatabase(databaseUrl: string, { retries, delayMs }: ConnectRetries, logger: Pick<Logger, 'warn'>): Promise<void> {
  let lastReason = '';
  for (let attempt = 1; attempt <= retries; attempt++) {
    const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: Math.max(delayMs, 2_000) });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      lastReason = (error as Error).message || (error as { code?: string }).code || String(error);
      if (attempt < retries) {
        logger.warn(`database ${describeDatabase(databaseUrl)} not reachable (attempt ${attempt}/${retries}: ${lastReason}); retrying in ${delayMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  throw new Error(`database ${describeDatabase(databaseUrl)} unreachable after ${retries} attempts: ${lastReason}`);
}

const DURABILITY_SETTINGS = ['fsync', 'synchronous_commit', 'full_page_writes'];

/** Durability settings that are off: with any of them, an acknowledged report can be lost in a crash. */
export async function findDurabilityRisks(databaseUrl: string): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; setting: string }>(`SELECT name, setting FROM pg_settings WHERE name = ANY($1)`, [DURABILITY_SETTINGS]);
    return rows.filter((row) => row.setting === 'off').map((row) => `${row.name}=off`);
  } finally {
    await client.end();
  }
}

/** Logs a loud warning when the database may lose acknowledged reports in a crash. */
export async function warnIfNotDurable(databaseUrl: string, logger: Pick<Logger, 'warn'>): Promise<string[]> {
  const risks = await findDurabilityRisks(databaseUrl);
  if (risks.length > 0) {
    logger.warn(
      `DURABILITY AT RISK: PostgreSQL runs with ${risks.join(', ')}; a crash may lose reports that were acknowledged (201). ` +
        'Turn these settings back on in postgresql.conf.',
    );
  }
  return risks;
}
