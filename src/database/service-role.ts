import { Logger } from '@nestjs/common';
import { Client } from 'pg';

// Tables the service never touches: TypeORM's record of applied migrations.
const OWNER_ONLY_TABLES = ['migrations', 'typeorm_metadata'];

/** The login role of a connection URL. */
export function roleOf(databaseUrl: string): string {
  return decodeURIComponent(new URL(databaseUrl).username);
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function withClient<T>(databaseUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Run as the owner after every migration: the service role may read and write the rows of the
 * application's tables and nothing else (no DDL, not even temporary tables; no migrations table).
 * Idempotent; new tables get their grants at the next start, right after the migration that adds them.
 */
export async function grantServicePrivileges(ownerUrl: string, serviceRole: string): Promise<void> {
  const role = quoteIdentifier(serviceRole);
  await withClient(ownerUrl, async (client) => {
    const { rows } = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c
       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v') AND NOT (c.relname = ANY($1))
       ORDER BY 1`,
      [OWNER_ONLY_TABLES],
    );
    const {
      rows: [{ database }],
    } = await client.query<{ database: string }>('SELECT current_database() AS database');
    await client.query('BEGIN');
    // PUBLIC may not create anything in our schema or database (PostgreSQL < 15 allowed it).
    await client.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
    await client.query(`REVOKE CREATE, TEMPORARY ON DATABASE ${quoteIdentifier(database)} FROM PUBLIC`);
    await client.query(`GRANT CONNECT ON DATABASE ${quoteIdentifier(database)} TO ${role}`);
    await client.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
    for (const { name } of rows) await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${quoteIdentifier(name)} TO ${role}`);
    await client.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
    for (const table of OWNER_ONLY_TABLES) {
      if (await tableExists(client, table)) await client.query(`REVOKE ALL ON ${quoteIdentifier(table)} FROM ${role}`);
    }
    await client.query('COMMIT');
  });
}

async function tableExists(client: Client, table: string): Promise<boolean> {
  const { rows } = await client.query<{ found: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS found`, [`public.${table}`]);
  return rows[0].found;
}

/** What the connected role may do beyond reading and writing rows; empty for a least-privilege role. */
export async function excessPrivileges(databaseUrl: string): Promise<string[]> {
  return withClient(databaseUrl, async (client) => {
    const {
      rows: [role],
    } = await client.query<Record<string, boolean>>(
      `SELECT r.rolsuper AS superuser, r.rolcreaterole AS createrole, r.rolcreatedb AS createdb, r.rolbypassrls AS bypassrls,
              pg_has_role(current_user, 'pg_read_server_files', 'USAGE') AS pg_read_server_files,
              pg_has_role(current_user, 'pg_write_server_files', 'USAGE') AS pg_write_server_files,
              pg_has_role(current_user, 'pg_execute_server_program', 'USAGE') AS pg_execute_server_program,
              has_schema_privilege('public', 'CREATE') AS create_in_schema,
              has_database_privilege(current_database(), 'CREATE') AS create_in_database,
              has_database_privilege(current_database(), 'TEMPORARY') AS temporary_tables,
              EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND pg_has_role(c.relowner, 'USAGE')) AS owns_tables
       FROM pg_roles r WHERE r.rolname = current_user`,
    );
    return Object.entries(role)
      .filter(([, granted]) => granted)
      .map(([privilege]) => privilege);
  });
}

/** Says loudly when the service's connection could change the schema or read the server's files. */
export async function warnIfOverPrivileged(databaseUrl: string, logger: Pick<Logger, 'warn'>): Promise<string[]> {
  const excess = await excessPrivileges(databaseUrl);
  if (excess.length > 0) {
    logger.warn(
      `LEAST PRIVILEGE: the service connects as a role with ${excess.join(', ')}; a flaw in the service would reach that far. ` +
        'Set DATABASE_SERVICE_URL to a role with only read and write access to the tables (docs/security.md).',
    );
  }
  return excess;
}
