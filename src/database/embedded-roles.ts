import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

export const OWNER_ROLE = 'delais_ij_owner';
export const SERVICE_ROLE = 'delais_ij_service';

export interface RoleUrls {
  /** Owns the schema: migrations and the CLI. */
  ownerUrl: string;
  /** Reads and writes rows, nothing else: the service (service-role.ts grants it). */
  serviceUrl: string;
}

/**
 * On the embedded server, as its superuser: the owner and service roles (their passwords kept in
 * files of the data folder, like the superuser's), and the database, its schema and everything in
 * it given to the owner, including what a version without roles created as the superuser.
 * Idempotent: run at every start.
 */
export async function ensureEmbeddedRoles(superuserUrl: string, dataDir: string): Promise<RoleUrls> {
  const client = new Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    const urls = {} as RoleUrls;
    for (const [role, key] of [
      [OWNER_ROLE, 'ownerUrl'],
      [SERVICE_ROLE, 'serviceUrl'],
    ] as const) {
      const password = passwordIn(join(dataDir, `${role}-password`));
      const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${client.escapeLiteral(password)}`;
      await client.query(`${rowCount === 0 ? 'CREATE' : 'ALTER'} ROLE ${role} ${attributes}`);
      urls[key] = withCredentials(superuserUrl, role, password);
    }
    const {
      rows: [{ database }],
    } = await client.query<{ database: string }>('SELECT current_database() AS database');
    await client.query(`ALTER DATABASE ${client.escapeIdentifier(database)} OWNER TO ${OWNER_ROLE}`);
    await client.query(`ALTER SCHEMA public OWNER TO ${OWNER_ROLE}`);
    const { rows: owned } = await client.query<{ statement: string }>(
      `SELECT format('ALTER %s %s OWNER TO ${OWNER_ROLE}', CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, c.oid::regclass) AS statement
       FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner
       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm') AND r.rolname <> '${OWNER_ROLE}'
       UNION ALL
       SELECT format('ALTER ROUTINE %s OWNER TO ${OWNER_ROLE}', p.oid::regprocedure)
       FROM pg_proc p JOIN pg_roles r ON r.oid = p.proowner
       WHERE p.pronamespace = 'public'::regnamespace AND r.rolname <> '${OWNER_ROLE}'`,
    );
    for (const { statement } of owned) await client.query(statement);
    return urls;
  } finally {
    await client.end();
  }
}

function passwordIn(file: string): string {
  if (!existsSync(file)) writeFileSync(file, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

function withCredentials(databaseUrl: string, user: string, password: string): string {
  const url = new URL(databaseUrl);
  url.username = user;
  url.password = encodeURIComponent(password);
  return url.toString();
}
